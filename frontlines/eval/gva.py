"""Gun Violence Archive long tail (``gva-longtail`` dev): casualty counts, date and place per document.

Scored documents: text of at least 200 characters; incident in ``incidents.dev.jsonl`` and in no ``accidental_*``
category (accidents are out of scope); a ``doc_id`` that belongs to one incident only; a text that no document of
another incident shares (paywall and archive pages). Dev: 1,770 documents. Each is scored on its primary event
against its incident; a document without an event reads as killed 0, injured 0, no date, no place.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from frontlines.eval.core import (
    Context,
    EvalDataError,
    Metric,
    SuiteResult,
    apply_limit,
    count,
    day,
    normalize_name,
    primary_event,
    ratio,
    within_km,
)

NAME = "gva"
DOCUMENTS = "gva-longtail/documents.dev.jsonl"
INCIDENTS = "gva-longtail/incidents.dev.jsonl"
EXPECTED_DOCUMENTS = 1770
MIN_CHARS = 200
PLACE_KM = 25.0


@dataclass(frozen=True)
class Incident:
    id: str
    date: date
    killed: int
    injured: int
    city: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class ScoredDocument:
    record: dict[str, Any]  # the contract input: {"id", "text", "title", "published"}
    incident: Incident


def data_files(ctx: Context) -> list[Path]:
    return [ctx.data_dir / DOCUMENTS, ctx.data_dir / INCIDENTS]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _incident(raw: dict[str, Any]) -> Incident:
    lat_lon = raw.get("lat_long") or [None, None]
    return Incident(
        id=str(raw["incident_uri"]),
        date=datetime.strptime(raw["date"].strip(), "%B %d, %Y").date(),
        killed=int(raw.get("num_killed") or 0),
        injured=int(raw.get("num_injured") or 0),
        city=str(raw.get("city_or_county") or ""),
        lat=lat_lon[0],
        lon=lat_lon[1],
    )


def select(documents: list[dict[str, Any]], incidents: list[dict[str, Any]]) -> list[ScoredDocument]:
    """The scored documents, in file order (the rules in the module docstring)."""
    by_id = {
        str(i["incident_uri"]): i
        for i in incidents
        if not any(str(c).startswith("accidental_") for c in i.get("gva_categories") or [])
    }
    # Both uniqueness rules look at every document of the file, not only the scored ones.
    incidents_of_doc: dict[str, set[str]] = defaultdict(set)
    incidents_of_text: dict[str, set[str]] = defaultdict(set)
    for d in documents:
        incidents_of_doc[d["doc_id"]].add(str(d["incident_id"]))
        incidents_of_text[d["content"]].add(str(d["incident_id"]))
    parsed: dict[str, Incident] = {}
    scored = []
    for d in documents:
        incident_id = str(d["incident_id"])
        if (
            len(d["content"]) < MIN_CHARS
            or incident_id not in by_id
            or len(incidents_of_doc[d["doc_id"]]) > 1
            or len(incidents_of_text[d["content"]]) > 1
        ):
            continue
        if incident_id not in parsed:
            parsed[incident_id] = _incident(by_id[incident_id])
        record = {"id": d["doc_id"], "text": d["content"], "title": d.get("title"), "published": d.get("dct")}
        scored.append(ScoredDocument(record, parsed[incident_id]))
    return scored


def load(data_dir: Path) -> list[ScoredDocument]:
    return select(_read_jsonl(data_dir / DOCUMENTS), _read_jsonl(data_dir / INCIDENTS))


def scored_documents(ctx: Context) -> list[ScoredDocument]:
    """All scored documents (loaded once per evaluation and shared with the speed and merging suites)."""
    if "gva" not in ctx.memo:
        loaded = load(ctx.data_dir)
        if len(loaded) != EXPECTED_DOCUMENTS:
            raise EvalDataError(
                f"gva-longtail dev: {len(loaded)} scored documents, expected {EXPECTED_DOCUMENTS}"
            )
        ctx.memo["gva"] = loaded
    docs: list[ScoredDocument] = ctx.memo["gva"]
    return docs


def city_names(city_or_county: str) -> set[str]:
    """Normalized names that count as the incident's city: ``Orlando (Pine Hills)`` gives both names,
    ``Brown (county)`` gives ``brown county``.

    >>> sorted(city_names("Orlando (Pine Hills)"))
    ['orlando', 'orlando pine hills', 'pine hills']
    """
    names = {normalize_name(city_or_county)}
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", city_or_county)
    if m:
        base, inner = m.group(1), m.group(2)
        if inner.strip().lower() == "county":
            names.add(normalize_name(f"{base} County"))
        else:
            names.update({normalize_name(base), normalize_name(inner)})
    return {n for n in names if n}


def score_document(mentions: list[dict[str, Any]], incident: Incident) -> dict[str, bool | None]:
    """Per-document checks; ``place_25km`` is None when the incident has no coordinates."""
    event = primary_event(mentions) or {}
    start = day((event.get("date") or {}).get("start"))
    location = event.get("location") or {}
    return {
        "event": bool(event),
        "killed": count(event, "fatalities") == incident.killed,
        "injured": count(event, "injured") == incident.injured,
        "date_exact": start == incident.date,
        "date_1d": start is not None and abs((start - incident.date).days) <= 1,
        "place_25km": (
            None
            if incident.lat is None or incident.lon is None
            else within_km(location, incident.lat, incident.lon, PLACE_KM)
        ),
        "city": normalize_name(location.get("name")) in city_names(incident.city),
    }


def _share(rows: list[dict[str, bool | None]], key: str) -> float | None:
    values = [r[key] for r in rows if r[key] is not None]
    return ratio(sum(1 for v in values if v), len(values))


def score(docs: list[ScoredDocument], predictions: list[list[dict[str, Any]]]) -> SuiteResult:
    rows = [score_document(m, d.incident) for d, m in zip(docs, predictions, strict=True)]
    published = [day(d.record.get("published")) for d in docs]
    baseline_killed = ratio(sum(1 for d in docs if d.incident.killed == 1), len(docs))
    baseline_date = ratio(
        sum(1 for p, d in zip(published, docs, strict=True) if p == d.incident.date), len(docs)
    )
    baseline_date_1d = ratio(
        sum(1 for p, d in zip(published, docs, strict=True) if p and abs((p - d.incident.date).days) <= 1),
        len(docs),
    )
    with_coordinates = sum(1 for r in rows if r["place_25km"] is not None)
    metrics = [
        Metric(
            f"{NAME}.killed_exact",
            "GVA killed exact",
            _share(rows, "killed"),
            "EACL'23 0.81/0.50/0.44; regex 0.46",
            "higher",
        ),
        Metric(f"{NAME}.killed_baseline", "  baseline: killed = 1 always", baseline_killed, "0.40"),
        Metric(f"{NAME}.injured_exact", "GVA injured exact", _share(rows, "injured"), "regex 0.36", "higher"),
        Metric(
            f"{NAME}.date_exact",
            "GVA date exact",
            _share(rows, "date_exact"),
            "publication date 0.36",
            "higher",
        ),
        Metric(
            f"{NAME}.date_1d",
            "GVA date within 1 day",
            _share(rows, "date_1d"),
            "publication date 0.67",
            "higher",
        ),
        Metric(f"{NAME}.date_baseline", "  baseline: date = publication, exact", baseline_date, "0.36"),
        Metric(f"{NAME}.date_1d_baseline", "  baseline: date = publication, 1 day", baseline_date_1d, "0.67"),
        Metric(
            f"{NAME}.place_25km",
            "GVA place within 25 km",
            _share(rows, "place_25km"),
            "GDELT capital-city bias",
            "higher",
        ),
        Metric(f"{NAME}.city_match", "GVA city name match", _share(rows, "city"), "", "higher"),
        Metric(
            f"{NAME}.no_event",
            "GVA documents with no event",
            ratio(sum(1 for r in rows if not r["event"]), len(rows)),
        ),
        Metric(f"{NAME}.documents", "GVA documents scored", len(docs), "1,770 dev", kind="count"),
    ]
    details = {"documents": len(docs), "with_coordinates": with_coordinates}
    return SuiteResult(metrics, details)


def run(ctx: Context) -> SuiteResult:
    docs = apply_limit(scored_documents(ctx), ctx.limit)
    predictions = ctx.extract([d.record for d in docs])
    return score(docs, predictions)
