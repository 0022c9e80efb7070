"""TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT): time expressions found and normalized.

Each ``.tml`` file becomes one input document: the content of ``TEXT`` with its tags removed (gold offsets kept in
that text), the document creation time (DCT) as publication date. The annotation's ``dates`` layer is scored against
the gold TIMEX3 inside ``TEXT`` (the DCT itself is not a mention):
- relaxed span: a predicted date is right when it overlaps a gold TIMEX3, a gold TIMEX3 is found when a predicted
  date overlaps it;
- value: the same, counting only overlaps whose normalized value equals the gold value (TimeML string, exact).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.eval.core import (
    Context,
    EvalDataError,
    Metric,
    SuiteResult,
    annotation_spans,
    checked,
    f1,
    ratio,
    span_overlap,
)

NAME = "tempeval"
FOLDER = "tempeval3/TBAQ-cleaned"
EXPECTED_FILES = 256


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str
    type: str = ""


@dataclass
class TimeMLDocument:
    id: str
    text: str
    dct: str
    timexes: list[Timex] = field(default_factory=list)


def data_files(ctx: Context) -> list[Path]:
    return [ctx.data_dir / FOLDER]


def parse_tml(source: str | bytes, doc_id: str) -> TimeMLDocument:
    """The TEXT of a TimeML document without tags, and its TIMEX3 as offsets into that text."""
    root = ET.fromstring(source)
    dct_timex = root.find("DCT/TIMEX3")
    text_element = root.find("TEXT")
    if dct_timex is None or text_element is None:
        raise EvalDataError(f"{doc_id}: no DCT or no TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and length > start:
            timexes.append(
                Timex(start, length, (element.get("value") or "").strip(), element.get("type") or "")
            )

    walk(text_element)
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDocument(doc_id, "".join(parts), dct_timex.get("value") or "", timexes)


def load(data_dir: Path) -> list[TimeMLDocument]:
    files = sorted((data_dir / FOLDER).rglob("*.tml"))
    return [parse_tml(path.read_bytes(), path.stem) for path in files]


def score_document(doc: TimeMLDocument, annotation: dict[str, Any]) -> dict[str, int]:
    predicted, _ = annotation_spans(annotation, "dates", doc.text)
    gold = [(t.start, t.end, t.value) for t in doc.timexes]

    def same_value(entry: dict[str, Any], value: str) -> bool:
        return isinstance(entry.get("value"), str) and entry["value"].strip() == value

    return {
        "predicted": len(predicted),
        "gold": len(gold),
        "predicted_hit": sum(
            1 for s, e, _ in predicted if any(span_overlap((s, e), (gs, ge)) for gs, ge, _ in gold)
        ),
        "gold_found": sum(
            1 for gs, ge, _ in gold if any(span_overlap((s, e), (gs, ge)) for s, e, _ in predicted)
        ),
        "predicted_value": sum(
            1
            for s, e, entry in predicted
            if any(span_overlap((s, e), (gs, ge)) and same_value(entry, v) for gs, ge, v in gold)
        ),
        "gold_value": sum(
            1
            for gs, ge, v in gold
            if any(span_overlap((s, e), (gs, ge)) and same_value(entry, v) for s, e, entry in predicted)
        ),
        "text_changed": int(isinstance(annotation.get("text"), str) and annotation["text"] != doc.text),
    }


def score(docs: Sequence[TimeMLDocument], annotations: Sequence[dict[str, Any]]) -> SuiteResult:
    totals: dict[str, int] = {}
    for doc, annotation in zip(docs, annotations, strict=True):
        for key, value in score_document(doc, annotation).items():
            totals[key] = totals.get(key, 0) + value
    span_p = ratio(totals.get("predicted_hit", 0), totals.get("predicted", 0))
    span_r = ratio(totals.get("gold_found", 0), totals.get("gold", 0))
    value_p = ratio(totals.get("predicted_value", 0), totals.get("predicted", 0))
    value_r = ratio(totals.get("gold_value", 0), totals.get("gold", 0))
    metrics = [
        Metric(f"{NAME}.span_precision", "TimeML relaxed span precision", span_p, "", "higher"),
        Metric(f"{NAME}.span_recall", "TimeML relaxed span recall", span_r, "", "higher"),
        Metric(
            f"{NAME}.span_f1",
            "TimeML relaxed span F1",
            f1(span_p, span_r),
            "HeidelTime 0.920; dateparser 0.623",
            "higher",
        ),
        Metric(
            f"{NAME}.value_f1",
            "TimeML value F1",
            f1(value_p, value_r),
            "HeidelTime 0.773; dateparser 0.133",
            "higher",
        ),
        Metric(
            f"{NAME}.timexes",
            "TimeML gold TIMEX3 (TBAQ)",
            totals.get("gold", 0),
            "1,822 in 256 files",
            kind="count",
        ),
    ]
    details = {
        "documents": len(docs),
        "predicted_dates": totals.get("predicted", 0),
        "value_precision": value_p,
        "value_recall": value_r,
        "texts_changed_by_cleaning": totals.get("text_changed", 0),
    }
    return SuiteResult(metrics, details)


def run(ctx: Context) -> SuiteResult:
    docs = load(ctx.data_dir)
    if len(docs) != EXPECTED_FILES:
        raise EvalDataError(f"{FOLDER}: {len(docs)} .tml files, expected {EXPECTED_FILES}")
    records = [{"id": f"tbaq-{d.id}", "text": d.text, "published": d.dct} for d in docs]
    return score(docs, checked(ctx.runner.annotate(records), records, "annotate"))
