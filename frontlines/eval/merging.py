"""Cross-document merging on gva-longtail dev: B-cubed of document clusters against incidents.

The scored gva documents of incidents with two or more of them (dev: 462 incidents, 1,238 documents) go through
``runner.merge`` in one run. Each document belongs to the cluster of its primary event: the merged event that
contains its primary mention (no event: a cluster of its own). The primary mention comes from ``runner.extract`` of
the same records (shared with the gva suite) and is found in the merged events by its id in ``mention_ids``; where
a merged event does not list mention ids, the merged event whose ``document_ids`` hold the document is used, and
among several, the one sharing evidence spans with the primary mention, then the primary-event rule.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

from frontlines.eval import gva
from frontlines.eval.core import Context, EvalDataError, Metric, SuiteResult, f1, primary_event

NAME = "merging"
EXPECTED_INCIDENTS = 462
EXPECTED_DOCUMENTS = 1238


def data_files(ctx: Context) -> list[Path]:
    return gva.data_files(ctx)


def select(docs: Sequence[gva.ScoredDocument], limit: int | None = None) -> list[gva.ScoredDocument]:
    """Documents of incidents with two or more scored documents, grouped by incident (first-seen order). A limit
    keeps whole incidents while the document count stays within it."""
    groups: dict[str, list[gva.ScoredDocument]] = defaultdict(list)
    for d in docs:
        groups[d.incident.id].append(d)
    chosen: list[gva.ScoredDocument] = []
    for group in groups.values():
        if len(group) < 2:
            continue
        if limit is not None and chosen and len(chosen) + len(group) > limit:
            break
        chosen.extend(group)
    return chosen


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster key) against a gold one.

    >>> bcubed({"a": 1, "b": 1, "c": 2, "d": 3}, {"a": "x", "b": "x", "c": "x", "d": "y"})
    (1.0, 0.6666666666666666, 0.8)
    """
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    members: dict[Hashable, set[str]] = defaultdict(set)
    truth: dict[Hashable, set[str]] = defaultdict(set)
    for item in items:
        members[predicted[item]].add(item)
        truth[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        mine, true = members[predicted[item]], truth[gold[item]]
        shared = len(mine & true)
        precision += shared / len(mine)
        recall += shared / len(true)
    p, r = precision / len(items), recall / len(items)
    return p, r, f1(p, r) or 0.0


def _evidence_keys(event: dict[str, Any], document_id: str) -> set[tuple[Any, Any]]:
    return {
        (e.get("start"), e.get("end"))
        for e in event.get("evidence") or []
        if isinstance(e, dict) and e.get("document_id") in (document_id, None)
    }


def _cluster_of(
    doc_id: str,
    primary: dict[str, Any] | None,
    merged: Sequence[dict[str, Any]],
    by_mention: Mapping[str, int],
    by_document: Mapping[str, list[int]],
) -> tuple[Hashable, str]:
    alone = ("alone", doc_id)
    if primary is None:
        return alone, "no event"
    mention_id = primary.get("id")
    if mention_id and str(mention_id) in by_mention:
        return by_mention[str(mention_id)], "mention id"
    candidates = by_document.get(doc_id, [])
    if not candidates:
        return alone, "primary mention in no merged event"
    if len(candidates) == 1:
        return candidates[0], "document id"
    evidence = _evidence_keys(primary, doc_id)
    ranked = primary_event([merged[i] for i in candidates])
    best = max(
        candidates,
        key=lambda i: (len(evidence & _evidence_keys(merged[i], doc_id)), merged[i] is ranked),
    )
    return best, "document id, several merged events"


def assign_clusters(
    doc_ids: Sequence[str], mentions: Sequence[list[dict[str, Any]]], merged: Sequence[dict[str, Any]]
) -> tuple[dict[str, Hashable], Counter[str]]:
    """Each document's cluster key (the index of a merged event, or the document itself), and how each was found."""
    by_mention: dict[str, int] = {}
    by_document: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(merged):
        for mention_id in event.get("mention_ids") or []:
            by_mention[str(mention_id)] = index
        for document_id in event.get("document_ids") or []:
            by_document[str(document_id)].append(index)
    clusters: dict[str, Hashable] = {}
    how: Counter[str] = Counter()
    for doc_id, doc_mentions in zip(doc_ids, mentions, strict=True):
        key, found_by = _cluster_of(doc_id, primary_event(doc_mentions), merged, by_mention, by_document)
        clusters[doc_id] = key
        how[found_by] += 1
    return clusters, how


def score(
    docs: Sequence[gva.ScoredDocument],
    mentions: Sequence[list[dict[str, Any]]],
    merged: Sequence[dict[str, Any]],
) -> SuiteResult:
    doc_ids = [d.record["id"] for d in docs]
    clusters, how = assign_clusters(doc_ids, mentions, merged)
    gold = {d.record["id"]: d.incident.id for d in docs}
    precision, recall, f = bcubed(clusters, gold)
    _, _, singletons = bcubed({i: i for i in doc_ids}, gold)
    incidents = len(set(gold.values()))
    metrics = [
        Metric(f"{NAME}.bcubed_precision", "Merging B-cubed precision", precision, "", "higher"),
        Metric(f"{NAME}.bcubed_recall", "Merging B-cubed recall", recall, "", "higher"),
        Metric(f"{NAME}.bcubed_f1", "Merging B-cubed F1", f, "every document alone 0.54", "higher"),
        Metric(f"{NAME}.singletons_f1", "  baseline: every document alone", singletons, "0.54"),
        Metric(f"{NAME}.incidents", "Merging incidents", incidents, "462 dev", kind="count"),
        Metric(f"{NAME}.documents", "Merging documents", len(docs), "1,238 dev", kind="count"),
    ]
    details = {"merged_events": len(merged), "cluster_found_by": dict(how)}
    return SuiteResult(metrics, details)


def run(ctx: Context) -> SuiteResult:
    docs = select(gva.scored_documents(ctx), ctx.limit)
    if ctx.limit is None:
        incidents = len({d.incident.id for d in docs})
        if (incidents, len(docs)) != (EXPECTED_INCIDENTS, EXPECTED_DOCUMENTS):
            raise EvalDataError(
                f"merging: {incidents} incidents / {len(docs)} documents, "
                f"expected {EXPECTED_INCIDENTS} / {EXPECTED_DOCUMENTS}"
            )
    records = [d.record for d in docs]
    mentions = ctx.extract(records)
    merged = ctx.runner.merge(records)
    if not isinstance(merged, list):
        raise EvalDataError("runner.merge must return a list of merged event dicts")
    return score(docs, mentions, merged)
