"""The seed document (``seed/article.txt``) against its gold coding (``seed/expected.json``).

The rule is the one in the gold file's ``about``: each gold event is matched to at most one emitted (non-background)
event by a maximum matching. An emitted event can match a gold event when its ``event_type`` agrees, its date range
overlaps the gold ``date_window``, and its place fits: within ``tolerance_km`` of the gold ``place``
(``places_expected``), or for a region-level gold event (``admin1_any``) its admin1 (or name) is one of
``admin1_any`` or its coordinates lie within ``region_km`` of one of ``region_points``. Where the gold gives
``fatalities``, ``fatalities.best`` must equal it.

One reading beyond ``about``: a gold event with ``also_acceptable`` and an ``admin1`` (Marat al-Numan: "a separate
or merged event for the claim that rebels seized the entire province of Idlib (admin1 Idlib, geo_precision 3)")
is also matched by an event at that admin1 with location precision 3.

Also reported: events emitted (at most ``max_events``), background leaks (an emitted event dated in a year of
``must_not_be_current_events``), background events emitted, and footer leaks (a ``boilerplate_must_be_removed``
string in the annotation text or in any event's evidence).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.eval.core import (
    Context,
    EvalDataError,
    Metric,
    SuiteResult,
    checked,
    count,
    current,
    event_interval,
    max_matching,
    normalize_name,
    overlaps,
    within_km,
)

NAME = "seed"
ARTICLE = "seed/article.txt"
EXPECTED = "seed/expected.json"


def data_files(ctx: Context) -> list[Path]:
    return [ctx.shared_dir / ARTICLE, ctx.shared_dir / EXPECTED]


def record(text: str, expected: dict[str, Any]) -> dict[str, Any]:
    meta = expected.get("document", {})
    out: dict[str, Any] = {"id": "seed", "text": text}
    for key in ("title", "published", "outlet", "language"):
        if meta.get(key):
            out[key] = meta[key]
    return out


def _place_fits(event: dict[str, Any], gold: dict[str, Any], expected: dict[str, Any]) -> bool:
    location = event.get("location") or {}
    if "place" in gold:
        place = expected["document"]["places_expected"].get(gold["place"])
        if place is None:
            raise EvalDataError(f"seed: gold place {gold['place']!r} is not in places_expected")
        if within_km(location, place["lat"], place["lon"], float(expected.get("tolerance_km", 30))):
            return True
        if gold.get("also_acceptable") and gold.get("admin1"):
            return normalize_name(location.get("admin1")) == normalize_name(gold["admin1"]) and (
                location.get("precision") == 3
            )
        return False
    if "admin1_any" in gold:
        names = {normalize_name(n) for n in gold["admin1_any"]}
        if normalize_name(location.get("admin1")) in names or normalize_name(location.get("name")) in names:
            return True
        km = float(gold.get("region_km", expected.get("tolerance_km", 30)))
        return any(
            within_km(location, lat, lon, km) for lat, lon in (gold.get("region_points") or {}).values()
        )
    return True


def can_match(event: dict[str, Any], gold: dict[str, Any], expected: dict[str, Any]) -> bool:
    if event.get("event_type") != gold["event_type"]:
        return False
    span = event_interval(event)
    window = (date.fromisoformat(gold["date_window"][0]), date.fromisoformat(gold["date_window"][1]))
    if span is None or not overlaps(span, window):
        return False
    if "fatalities" in gold and count(event, "fatalities") != gold["fatalities"]:
        return False
    return _place_fits(event, gold, expected)


def score(
    mentions: list[dict[str, Any]], annotation: dict[str, Any], expected: dict[str, Any]
) -> SuiteResult:
    emitted = current(mentions)
    golds = expected["events"]
    pairs = max_matching(len(golds), len(emitted), lambda i, j: can_match(emitted[j], golds[i], expected))
    years = {int(item["year"]) for item in expected.get("must_not_be_current_events", [])}
    leaks = []
    for event in emitted:
        span = event_interval(event)
        if span and (span[0].year in years or span[1].year in years):
            leaks.append(event)
    texts = [annotation.get("text") or ""] + [
        str(e.get("text") or "") for m in mentions for e in m.get("evidence") or [] if isinstance(e, dict)
    ]
    footer = [
        s for s in expected["document"].get("boilerplate_must_be_removed", []) if any(s in t for t in texts)
    ]
    max_events = int(expected.get("max_events", 10))
    metrics = [
        Metric(
            f"{NAME}.matched",
            "Seed gold events matched",
            len(pairs),
            f"of {len(golds)}; keyword baseline 0",
            "higher",
            "count",
        ),
        Metric(
            f"{NAME}.events_emitted",
            "Seed events emitted",
            len(emitted),
            f"at most {max_events}",
            kind="count",
            limit=max_events,
        ),
        Metric(f"{NAME}.background_leaks", "Seed background leaks", len(leaks), "target 0", "lower", "count"),
        Metric(
            f"{NAME}.background_events",
            "Seed background events emitted",
            len(mentions) - len(emitted),
            "",
            kind="count",
        ),
        Metric(f"{NAME}.footer_leaks", "Seed footer leaks", len(footer), "target 0", "lower", "count"),
    ]
    details = {
        "matched": {golds[i]["id"]: emitted[j].get("id") for i, j in pairs},
        "unmatched": [g["id"] for i, g in enumerate(golds) if i not in {p[0] for p in pairs}],
        "leaked_years": sorted({(event_interval(e) or (date.min,))[0].year for e in leaks}),
        "footer_leaked": footer,
    }
    return SuiteResult(metrics, details)


def run(ctx: Context) -> SuiteResult:
    text = (ctx.shared_dir / ARTICLE).read_text(encoding="utf-8")
    expected = json.loads((ctx.shared_dir / EXPECTED).read_text(encoding="utf-8"))
    records = [record(text, expected)]
    mentions = checked(ctx.runner.extract(records), records, "extract")[0]
    annotation = checked(ctx.runner.annotate(records), records, "annotate")[0]
    return score(mentions, annotation, expected)
