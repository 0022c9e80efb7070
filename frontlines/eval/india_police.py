"""IndiaPoliceEvents (Halterman et al. 2021; Times of India, Gujarat, March 2002): did police kill someone?

Each sentence labelled KILL says police killed someone. A sentence is predicted KILL when it holds the toll of a
current (not background) event with at least one dead and a state force (inter code 1) among its actors. Scored as
precision, recall and F1 over all 21,391 sentences of the 1,257 documents, and the same at document level. The texts
are written all in lower case, which the places stage reads as such (names from the model only).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from frontlines.eval.core import Context, EvalDataError, Metric, SuiteResult, count, current, f1, ratio

NAME = "india_police"
FOLDER = "india-police-events"
EXPECTED_DOCUMENTS = 1257
EXPECTED_SENTENCES = 21391


def data_files(ctx: Context) -> list[Path]:
    folder = ctx.data_dir / FOLDER
    return [folder / "docs.jsonl", folder / "sents.jsonl", folder / "metadata.jsonl"]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load(data_dir: Path) -> list[dict[str, Any]]:
    """Documents as ``{"record", "sentences": [(start, end, is_kill)], "kill"}``; each sentence is found in order in
    the document's text (they are its consecutive pieces)."""
    folder = data_dir / FOLDER
    sentences: dict[Any, list[dict[str, Any]]] = {}
    for sentence in _read_jsonl(folder / "sents.jsonl"):
        sentences.setdefault(sentence["doc_id"], []).append(sentence)
    published = {m["doc_id"]: m.get("date") for m in _read_jsonl(folder / "metadata.jsonl")}
    documents = []
    for doc in _read_jsonl(folder / "docs.jsonl"):
        text = doc["doc_text"]
        spans, position = [], 0
        for sentence in sorted(sentences.get(doc["doc_id"], []), key=lambda s: s["sent_id"]):
            start = text.find(sentence["sent_text"], position)
            if start < 0:
                raise EvalDataError(
                    f"{FOLDER}: sentence {sentence['sent_id']} not in document {doc['doc_id']}"
                )
            position = start + len(sentence["sent_text"])
            spans.append((start, position, "KILL" in sentence["sent_labels"]))
        documents.append(
            {
                "record": {
                    "id": f"ipe-{doc['doc_id']}",
                    "text": text,
                    "published": published.get(doc["doc_id"]),
                },
                "sentences": spans,
                "kill": "KILL" in doc["doc_labels"],
            }
        )
    return documents


def police_killing_offsets(mentions: list[dict[str, Any]]) -> list[int]:
    """Where the tolls of current events with dead and a state force among their actors start."""
    return [
        int(event["fatalities"]["start"])
        for event in current(mentions)
        if count(event, "fatalities") >= 1
        and event["fatalities"].get("start") is not None
        and any(actor.get("inter") == 1 for actor in event.get("actors") or [])
    ]


def _prf(tp: int, predicted: int, gold: int) -> tuple[float | None, float | None, float | None]:
    precision, recall = ratio(tp, predicted), ratio(tp, gold)
    return precision, recall, f1(precision, recall)


def score(documents: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> SuiteResult:
    tp = predicted = gold = doc_tp = doc_predicted = doc_gold = 0
    for document, mentions in zip(documents, predictions, strict=True):
        offsets = police_killing_offsets(mentions)
        for start, end, is_kill in document["sentences"]:
            hit = any(start <= o < end for o in offsets)
            tp += hit and is_kill
            predicted += hit
            gold += is_kill
        doc_hit = bool(offsets)
        doc_tp += doc_hit and document["kill"]
        doc_predicted += doc_hit
        doc_gold += document["kill"]
    precision, recall, sentence_f1 = _prf(tp, predicted, gold)
    _, _, doc_f1 = _prf(doc_tp, doc_predicted, doc_gold)
    metrics = [
        Metric(f"{NAME}.kill_sentence_f1", "IndiaPoliceEvents KILL sentence F1", sentence_f1, "", "higher"),
        Metric(f"{NAME}.kill_sentence_precision", "  KILL sentence precision", precision),
        Metric(f"{NAME}.kill_sentence_recall", "  KILL sentence recall", recall),
        Metric(f"{NAME}.kill_document_f1", "IndiaPoliceEvents KILL document F1", doc_f1, "", "higher"),
        Metric(f"{NAME}.kill_sentences", "IndiaPoliceEvents KILL sentences", gold, "96", kind="count"),
    ]
    return SuiteResult(metrics)


def run(ctx: Context) -> SuiteResult:
    documents = load(ctx.data_dir)
    sentences = sum(len(d["sentences"]) for d in documents)
    if (len(documents), sentences) != (EXPECTED_DOCUMENTS, EXPECTED_SENTENCES):
        raise EvalDataError(
            f"{FOLDER}: {len(documents)} documents / {sentences} sentences, "
            f"expected {EXPECTED_DOCUMENTS} / {EXPECTED_SENTENCES}"
        )
    return score(documents, ctx.extract([d["record"] for d in documents]))
