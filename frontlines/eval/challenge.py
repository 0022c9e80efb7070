"""The coding-rule challenge (``challenge/cases.jsonl``), by the rule in ``challenge/README.md``.

A case passes when every expected event is matched by a different emitted (non-background) event (a maximum
matching), at most ``max_events`` events are emitted, and, with ``no_acled_event``, no emitted event has an ACLED
disorder type. An emitted event matches an expected one when every field the case gives agrees: ``event_type``,
``sub_event_type``, ``disorder_type`` (exact); ``fatalities`` (= ``fatalities.best``; 0 also accepts a missing count),
``fatalities_high``, ``fatalities_civilians``, ``injured`` (= ``injured.best``); ``date_start``/``date_end``
(= ``date.start``/``date.end``); ``aggregate``, ``civilian_targeting``; ``place`` (coordinates within 30 km and the
same country); ``country`` and ``admin1_any``; ``actors_any`` (each string found in the name of some actor).
"""

from __future__ import annotations

import json
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
    is_acled,
    max_matching,
    normalize_name,
    within_km,
)

NAME = "challenge"
CASES = "challenge/cases.jsonl"
EXPECTED_CASES = 19
PLACE_KM = 30.0
COUNTS = {
    "fatalities": ("fatalities", "best"),
    "fatalities_high": ("fatalities", "high"),
    "fatalities_civilians": ("fatalities", "civilians"),
    "injured": ("injured", "best"),
}


def data_files(ctx: Context) -> list[Path]:
    return [ctx.shared_dir / CASES]


def load(shared_dir: Path) -> list[dict[str, Any]]:
    with (shared_dir / CASES).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _date(event: dict[str, Any], key: str) -> str | None:
    value = (event.get("date") or {}).get(key)
    return str(value)[:10] if value else None


def mismatches(event: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """The fields of an expected event that an emitted event gets wrong (empty: it matches)."""
    wrong = []
    location = event.get("location") or {}
    for key, value in expect.items():
        if key in ("event_type", "sub_event_type", "disorder_type"):
            ok = event.get(key) == value
        elif key in COUNTS:
            name, part = COUNTS[key]
            # A missing count reads as 0 (DESIGN section 5); the README says so for fatalities.
            ok = count(event, name, part) == value
        elif key in ("date_start", "date_end"):
            ok = _date(event, key.removeprefix("date_")) == value
        elif key in ("aggregate", "civilian_targeting"):
            ok = bool(event.get(key)) == value
        elif key == "place":
            ok = (
                within_km(location, value["lat"], value["lon"], PLACE_KM)
                and location.get("country") == value["country"]
            )
        elif key == "country":
            ok = location.get("country") == value
        elif key == "admin1_any":
            ok = normalize_name(location.get("admin1")) in {normalize_name(v) for v in value}
        elif key == "actors_any":
            names = [
                str(a.get("name") or "").casefold() for a in event.get("actors") or [] if isinstance(a, dict)
            ]
            ok = all(any(s.casefold() in n for n in names) for s in value)
        else:
            raise EvalDataError(
                f"challenge: unknown expected field {key!r}; teach challenge.mismatches about it"
            )
        if not ok:
            wrong.append(key)
    return wrong


def judge(case: dict[str, Any], mentions: list[dict[str, Any]]) -> list[str]:
    """Why a case fails (empty: it passes)."""
    expect = case["expect"]
    emitted = current(mentions)
    reasons = []
    wanted = expect.get("events", [])
    pairs = max_matching(len(wanted), len(emitted), lambda i, j: not mismatches(emitted[j], wanted[i]))
    for i in sorted(set(range(len(wanted))) - {i for i, _ in pairs}):
        closest = min((mismatches(e, wanted[i]) for e in emitted), key=len, default=["no event"])
        reasons.append(f"expected event {i + 1} unmatched ({', '.join(closest)})")
    if "max_events" in expect and len(emitted) > expect["max_events"]:
        reasons.append(f"{len(emitted)} events emitted, at most {expect['max_events']}")
    if expect.get("no_acled_event") and any(is_acled(e) for e in emitted):
        reasons.append("an ACLED event was emitted")
    return reasons


def score(cases: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> SuiteResult:
    failures = {c["id"]: judge(c, m) for c, m in zip(cases, predictions, strict=True)}
    passed = [cid for cid, why in failures.items() if not why]
    metrics = [
        Metric(
            f"{NAME}.passed",
            "Challenge cases passed",
            len(passed),
            f"of {len(cases)}; keyword baseline 2",
            "higher",
            "count",
        ),
    ]
    return SuiteResult(metrics, {"passed": passed, "failed": {k: v for k, v in failures.items() if v}})


def run(ctx: Context) -> SuiteResult:
    cases = load(ctx.shared_dir)
    if len(cases) != EXPECTED_CASES:
        raise EvalDataError(f"{CASES}: {len(cases)} cases, expected {EXPECTED_CASES}")
    records = [c["document"] for c in cases]
    return score(cases, checked(ctx.runner.extract(records), records, "extract"))
