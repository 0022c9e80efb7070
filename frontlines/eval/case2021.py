"""CASE 2021 Task 2 (``case2021-task2/dev.tsv``): event typing and out-of-scope rejection.

Each snippet is one document. Only events with an ACLED disorder type count (not Criminal violence); the predicted
label is the sub-event type of the primary such event, or none. Weighted F1 is taken over the 25 ACLED labels,
support-weighted over the snippets whose gold label is one of them (a missing event is a wrong label; predictions
on the other snippets do not enter it). Rejection is the share of NATURAL_DISASTER, MAN_MADE_DISASTER and DIPLO
snippets that yield no ACLED event. ORG_CRIME and ATTRIB count neither way.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from frontlines.eval.core import Context, EvalDataError, Metric, SuiteResult, primary_event, ratio

NAME = "case2021"
PATH = "case2021-task2/dev.tsv"
EXPECTED_SNIPPETS = 527

CASE_TO_ACLED: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
ACLED_TO_CASE = {acled: case for case, acled in CASE_TO_ACLED.items()}
NO_EVENT_LABELS = ("NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO")
NEUTRAL_LABELS = ("ORG_CRIME", "ATTRIB")
NONE = "none"


def data_files(ctx: Context) -> list[Path]:
    return [ctx.data_dir / PATH]


def load(data_dir: Path) -> list[dict[str, str]]:
    """Rows ``{"id", "text", "label"}``, in file order."""
    with (data_dir / PATH).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    snippets = [{"id": r["id"], "text": r["EventSnippet"], "label": r["SubType"]} for r in rows]
    unknown = {s["label"] for s in snippets} - set(CASE_TO_ACLED) - set(NO_EVENT_LABELS) - set(NEUTRAL_LABELS)
    if unknown:
        raise EvalDataError(f"{PATH}: unknown labels {sorted(unknown)}")
    return snippets


def predicted_label(mentions: list[dict[str, Any]]) -> str:
    """The CASE label of the primary ACLED event's sub-event type; ``none`` without one (or for a sub-event type
    outside the ACLED taxonomy, which can only be wrong)."""
    event = primary_event(mentions, acled_only=True)
    if event is None:
        return NONE
    return ACLED_TO_CASE.get(str(event.get("sub_event_type")), f"unknown:{event.get('sub_event_type')}")


def weighted_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float | None:
    """Support-weighted F1 over ``labels``, computed on the items whose gold label is one of them.

    >>> weighted_f1(["A", "A", "B"], ["A", "B", "none"], ["A", "B"])
    0.4444444444444444
    """
    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g in labels]
    support = Counter(g for g, _ in pairs)
    predicted_counts = Counter(p for _, p in pairs)
    total = sum(support.values())
    if not total:
        return None
    score = 0.0
    for label in labels:
        if not support[label]:
            continue
        tp = sum(1 for g, p in pairs if g == label and p == label)
        precision = tp / predicted_counts[label] if predicted_counts[label] else 0.0
        recall = tp / support[label]
        f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        score += f * support[label] / total
    return score


def score(gold: Sequence[str], predicted: Sequence[str]) -> SuiteResult:
    labels = list(CASE_TO_ACLED)
    in_scope = [(g, p) for g, p in zip(gold, predicted, strict=True) if g in labels]
    no_event = [p for g, p in zip(gold, predicted, strict=True) if g in NO_EVENT_LABELS]
    accuracy = ratio(sum(1 for g, p in in_scope if g == p), len(in_scope))
    rejection = ratio(sum(1 for p in no_event if p == NONE), len(no_event))
    confusions = Counter(f"{g} -> {p}" for g, p in in_scope if g != p)
    metrics = [
        Metric(
            f"{NAME}.weighted_f1",
            "CASE 2021 weighted F1 (25 ACLED labels)",
            weighted_f1(gold, predicted, labels),
            "best CASE 2021 system 0.839 (trained); keyword baseline 0.44",
            "higher",
        ),
        Metric(f"{NAME}.accuracy", "CASE 2021 accuracy (25 ACLED labels)", accuracy, "", "higher"),
        Metric(
            f"{NAME}.rejection",
            "CASE 2021 no-event snippets rejected",
            rejection,
            "keyword baseline 0.66",
            "higher",
        ),
        Metric(f"{NAME}.snippets", "CASE 2021 snippets scored", len(gold), "527 dev", kind="count"),
    ]
    details = {
        "in_scope": len(in_scope),
        "no_event_snippets": len(no_event),
        "top_confusions": dict(confusions.most_common(15)),
    }
    return SuiteResult(metrics, details)


def run(ctx: Context) -> SuiteResult:
    snippets = load(ctx.data_dir)
    if len(snippets) != EXPECTED_SNIPPETS:  # --limit is for the gva suites only: CASE always runs in full
        raise EvalDataError(f"{PATH}: {len(snippets)} snippets, expected {EXPECTED_SNIPPETS}")
    records = [{"id": f"case2021-{s['id']}", "text": s["text"]} for s in snippets]
    predicted = [predicted_label(m) for m in ctx.extract(records)]
    return score([s["label"] for s in snippets], predicted)
