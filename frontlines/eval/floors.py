"""The quality gate: floors pinned in ``eval/floors.json`` (repository root), raised when scores improve, lowered
only on purpose with a reason.

The file holds, per quality score (``better`` set on the metric), the ``floor`` and the figure it came from
(``measured``, ``commit``, ``date``). For a lower-is-better score (leak counts) the floor is the most it may be, and
``null`` means not pinned yet. ``history`` records every change with its reason.

Rules (trafilatura's gate): a score below its floor fails; a change that improves a score raises the floor in the
same commit (``raise_floors``, ``--update-floors``), which never lowers one; lowering needs ``lower_floors`` with a
reason (``--lower-floors --reason "..."``). Floors are compared on full runs only: a ``--limit`` run is not gated
and cannot move a floor. Ratios are pinned rounded down to 4 decimals (one gva document is 0.00056), counts exactly.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontlines.errors import ConfigurationError
from frontlines.eval.core import Metric

if TYPE_CHECKING:
    from frontlines.eval import EvalReport

DEFAULT_FLOORS = Path(__file__).resolve().parents[2] / "eval" / "floors.json"
EPSILON = 1e-9


def load_floors(path: Path = DEFAULT_FLOORS) -> dict[str, Any]:
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(doc.get("floors"), dict):
        raise ConfigurationError(f"{path}: no 'floors' object; see frontlines/eval/floors.py for the format")
    doc.setdefault("history", [])
    return doc


def save_floors(doc: dict[str, Any], path: Path = DEFAULT_FLOORS) -> None:
    Path(path).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def pinned(metric: Metric, value: float | int) -> float | int:
    """The floor a measured value pins: counts exactly, ratios rounded towards passing at 4 decimals.

    >>> pinned(Metric("a.b", "", 0.44, better="higher"), 0.44), pinned(Metric("a.b", "", 0.2, better="lower"), 0.12341)
    (0.44, 0.1235)
    """
    if metric.kind == "count":
        return int(value)
    scaled = float(value) * 10_000
    # the 1e-6 keeps 0.44 (stored as 0.43999...) pinned at 0.44, not 0.4399
    if metric.better == "lower":
        return math.ceil(scaled - 1e-6) / 10_000
    return math.floor(scaled + 1e-6) / 10_000


def _floor(floors: dict[str, Any], key: str) -> dict[str, Any] | None:
    entry = floors["floors"].get(key)
    return entry if isinstance(entry, dict) else None


def below(metric: Metric, floor: float | int | None) -> bool:
    """Whether a gated metric fails its floor (an unpinned floor never fails)."""
    if floor is None:
        return False
    if metric.value is None:
        return bool(floor) if metric.better == "higher" else True
    if metric.better == "higher":
        return metric.value < floor - EPSILON
    return metric.value > floor + EPSILON


def _ok_metrics(report: EvalReport) -> list[Metric]:
    ok = {name for name, run in report.suites.items() if run.status == "ok"}
    return [m for m in report.metrics if m.gated and m.key.split(".")[0] in ok]


def check_floors(report: EvalReport, floors: dict[str, Any]) -> list[str]:
    """Everything that fails the gate: suites that errored, fixed limits broken, scores below their floors, and
    quality scores without an entry in the floors file. Floors are not compared on ``--limit`` runs."""
    failures = [
        f"suite {name} failed: {run.reason}" for name, run in report.suites.items() if run.status == "error"
    ]
    for metric in report.metrics:
        if metric.limit is not None and metric.value is not None and metric.value > metric.limit:
            failures.append(f"{metric.key} = {metric.formatted()}, more than the limit {metric.limit:g}")
    if report.limit is not None:
        return failures
    for metric in _ok_metrics(report):
        entry = _floor(floors, metric.key)
        if entry is None:
            failures.append(f"{metric.key} has no floor in floors.json: pin it with --update-floors")
        elif below(metric, entry.get("floor")):
            word = "below" if metric.better == "higher" else "above"
            failures.append(
                f"{metric.key} = {metric.formatted()}, {word} its floor {entry['floor']} "
                f"(pinned from {entry.get('measured')} at {str(entry.get('commit') or '?')[:10]})"
            )
    return failures


def status(metric: Metric, floors: dict[str, Any], report: EvalReport) -> tuple[str, str]:
    """(floor shown, status) for the table."""
    if metric.limit is not None:
        over = metric.value is not None and metric.value > metric.limit
        return f"max {metric.limit:g}", "FAIL" if over else "ok"
    if not metric.gated:
        return "", ""
    entry = _floor(floors, metric.key)
    if entry is None:
        return "none", "no floor"
    floor = entry.get("floor")
    shown = "unpinned" if floor is None else str(floor)
    if report.limit is not None:
        return shown, "not gated (--limit)"
    if floor is None:
        return shown, "unpinned"
    if below(metric, floor):
        return shown, "FAIL"
    if metric.value is not None and pinned(metric, metric.value) != floor:
        return shown, "ok, can raise"
    return shown, "ok"


def _stamp(report: EvalReport) -> dict[str, Any]:
    return {
        "commit": report.commit + ("-dirty" if report.dirty else ""),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def _require_full(report: EvalReport, what: str) -> None:
    if report.limit is not None:
        raise ConfigurationError(
            f"{what} needs a full run: drop --limit (floors are pinned on the full sets)"
        )


def raise_floors(report: EvalReport, floors: dict[str, Any]) -> list[str]:
    """Raise (never lower) the floor of every quality score that improved; pins unpinned ones. Returns the changes."""
    _require_full(report, "--update-floors")
    changes = []
    for metric in _ok_metrics(report):
        if metric.value is None:
            continue
        entry = floors["floors"].setdefault(metric.key, {"floor": None, "better": metric.better})
        old, new = entry.get("floor"), pinned(metric, metric.value)
        better = old is None or (new > old if metric.better == "higher" else new < old)
        if better:
            entry.update({"floor": new, "better": metric.better, "measured": metric.value, **_stamp(report)})
            floors["history"].append(
                {"key": metric.key, "from": old, "to": new, "reason": "improved", **_stamp(report)}
            )
            changes.append(f"{metric.key}: {old} -> {new}")
    return changes


def lower_floors(report: EvalReport, floors: dict[str, Any], reason: str) -> list[str]:
    """Lower the floors that this report fails to the measured values, recording the reason. Returns the changes."""
    if not reason or not reason.strip():
        raise ConfigurationError(
            'lowering a floor needs a reason: --lower-floors --reason "why the score fell"'
        )
    _require_full(report, "--lower-floors")
    changes = []
    for metric in _ok_metrics(report):
        entry = _floor(floors, metric.key)
        if entry is None or not below(metric, entry.get("floor")):
            continue
        old = entry.get("floor")
        # no value at all (nothing predicted): a higher-is-better floor goes to 0, a ceiling is unpinned
        new = (
            pinned(metric, metric.value)
            if metric.value is not None
            else (0 if metric.better == "higher" else None)
        )
        entry.update({"floor": new, "measured": metric.value, **_stamp(report)})
        floors["history"].append(
            {"key": metric.key, "from": old, "to": new, "reason": reason.strip(), **_stamp(report)}
        )
        changes.append(f"{metric.key}: {old} -> {new} ({reason.strip()})")
    return changes
