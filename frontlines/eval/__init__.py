"""The evaluation harness and quality gate (DESIGN section 5): ``frontlines eval`` / ``make eval``.

It scores the project on the dev data in ``../shared/data`` (plus ``../shared/seed`` and ``../shared/challenge``)
through the JSON contract only: a ``Runner`` (``frontlines.eval.runner``) turns contract input records into the
dicts ``frontlines extract`` / ``annotate`` write. One module per suite holds its loader and scorer:

    speed       docs/s and peak memory on 1,000 gva documents (reported, never gated; runs first)
    gva         killed / injured exact, date exact and within 1 day, place within 25 km, city (1,770 documents)
    merging     B-cubed of document clusters against incidents (462 incidents, 1,238 documents)
    gvdb        killed / injured exact and date exact on the Gun Violence Database (400 articles)
    india_police  KILL ("did police kill someone?") sentence and document F1 (IndiaPoliceEvents, 1,257 documents)
    case2021    weighted F1 over the 25 ACLED labels, accuracy, no-event rejection (527 snippets)
    tempeval    TIMEX3 relaxed span F1 and value F1 (TBAQ-cleaned, 256 files)
    geoparsing  toponyms found and resolved within 161 km, precision (LGL + GeoVirus)
    seed        gold events matched out of 7, events emitted, background and footer leaks
    challenge   coding-rule cases passed out of 19

Floors live in ``eval/floors.json`` at the repository root (``frontlines.eval.floors``). The CLI is a thin layer
over ``run_gate``; ``run_eval``, ``check_floors``, ``format_table`` and ``write_results`` are the pieces.
"""

from __future__ import annotations

import io
import json
import platform
import subprocess
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from frontlines.errors import ConfigurationError
from frontlines.eval import (
    case2021,
    challenge,
    geoparsing,
    gva,
    gvdb,
    india_police,
    merging,
    seed,
    speed,
    tempeval,
)
from frontlines.eval.core import Context, Metric, digest
from frontlines.eval.floors import (
    DEFAULT_FLOORS,
    check_floors,
    load_floors,
    lower_floors,
    raise_floors,
    save_floors,
    status,
)
from frontlines.eval.runner import Runner

__all__ = [
    "DEFAULT_FLOORS",
    "SUITES",
    "EvalReport",
    "Metric",
    "Runner",
    "SuiteRun",
    "check_floors",
    "format_table",
    "load_floors",
    "lower_floors",
    "main",
    "raise_floors",
    "run_eval",
    "run_gate",
    "save_floors",
    "write_results",
]

# Run order matters: speed extracts the first 1,000 gva documents (timed) and gva, then merging, reuse them.
SUITES: dict[str, ModuleType] = {
    module.NAME: module
    for module in (speed, gva, merging, gvdb, india_police, case2021, tempeval, geoparsing, seed, challenge)
}
REPO = Path(__file__).resolve().parents[2]


@dataclass
class SuiteRun:
    status: str  # "ok", "skipped" (its data is absent) or "error"
    seconds: float = 0.0
    reason: str = ""
    data: list[dict[str, str]] = field(default_factory=list)  # {"file", "sha256"} (a 12-hex prefix)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class EvalReport:
    metrics: list[Metric] = field(default_factory=list)
    suites: dict[str, SuiteRun] = field(default_factory=dict)
    commit: str = "unknown"
    dirty: bool = False
    limit: int | None = None
    started: str = ""
    seconds: float = 0.0

    def metric(self, key: str) -> Metric | None:
        return next((m for m in self.metrics if m.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "dirty": self.dirty,
            "started": self.started,
            "seconds": round(self.seconds, 1),
            "limit": self.limit,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "data": {name: run.data for name, run in self.suites.items()},
            "suites": {
                name: {
                    "status": run.status,
                    "seconds": round(run.seconds, 1),
                    "reason": run.reason,
                    "details": run.details,
                }
                for name, run in self.suites.items()
            },
            "metrics": {m.key: m.to_dict() for m in self.metrics},
        }


def git_state(repo: Path = REPO) -> tuple[str, bool]:
    """(HEAD commit, whether the working tree has changes); ("unknown", False) outside a git checkout."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True, timeout=20
        ).stdout.strip()
        porcelain = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown", False
    return commit, bool(porcelain.strip())


def _data_entry(path: Path, shared_dir: Path) -> dict[str, str]:
    try:
        name = path.resolve().relative_to(shared_dir.resolve()).as_posix()
    except ValueError:
        name = str(path)
    return {"file": name + ("/" if path.is_dir() else ""), "sha256": digest(path)[:12]}


def select_suites(suites: Sequence[str] | None) -> list[str]:
    if not suites:
        return list(SUITES)
    unknown = [s for s in suites if s not in SUITES]
    if unknown:
        raise ConfigurationError(f"unknown suite {', '.join(unknown)}; choose from {', '.join(SUITES)}")
    return [name for name in SUITES if name in suites]


def run_eval(
    runner: Runner,
    data_dir: Path | str,
    shared_dir: Path | str | None = None,
    suites: Sequence[str] | None = None,
    limit: int | None = None,
) -> EvalReport:
    """Run the chosen suites (all by default) and collect their figures.

    ``data_dir`` is ``../shared/data``; ``shared_dir`` (default: its parent) holds ``seed/`` and ``challenge/``.
    ``limit`` cuts the gva, merging and speed sets for quick runs (such a report is not gated). A suite whose data
    is absent is skipped; one that raises is recorded as an error (which fails the gate) and the others go on.
    """
    data = Path(data_dir)
    shared = Path(shared_dir) if shared_dir is not None else data.parent
    names = select_suites(suites)
    commit, dirty = git_state()
    report = EvalReport(
        commit=commit, dirty=dirty, limit=limit, started=datetime.now(UTC).isoformat(timespec="seconds")
    )
    ctx = Context(runner=runner, data_dir=data, shared_dir=shared, limit=limit)
    began = time.perf_counter()
    for name in names:
        module = SUITES[name]
        files = module.data_files(ctx)
        missing = [f for f in files if not f.exists()]
        if missing:
            report.suites[name] = SuiteRun("skipped", reason=f"missing {', '.join(str(f) for f in missing)}")
            continue
        run = SuiteRun("ok", data=[_data_entry(f, shared) for f in files])
        started = time.perf_counter()
        try:
            result = module.run(ctx)
        except Exception as exc:  # one broken suite must not hide the others' figures; it fails the gate
            run.status, run.reason = "error", f"{type(exc).__name__}: {exc}"
            run.details = {"traceback": traceback.format_exc(limit=8)}
        else:
            report.metrics.extend(result.metrics)
            run.details = result.details
        run.seconds = time.perf_counter() - started
        report.suites[name] = run
    report.seconds = time.perf_counter() - began
    return report


def format_table(report: EvalReport, floors: dict[str, Any] | None = None) -> str:
    """The report as one readable table: metric, value, anchor (DESIGN section 5), floor, status."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    floors = floors or {"floors": {}}
    state = f"{report.commit[:12]}{' (dirty)' if report.dirty else ''}"
    table = Table(
        title=f"frontlines eval: commit {state}, {report.started}",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for column, justify in (
        ("metric", "left"),
        ("value", "right"),
        ("anchor", "left"),
        ("floor", "right"),
        ("status", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    previous = None
    for metric in report.metrics:
        suite = metric.key.split(".")[0]
        if previous is not None and suite != previous:
            table.add_section()
        previous = suite
        floor, verdict = status(metric, floors, report)
        table.add_row(metric.label, metric.formatted(), metric.anchor, floor, verdict)
    out = io.StringIO()
    console = Console(file=out, width=150, color_system=None, force_terminal=False, soft_wrap=False)
    console.print(table)
    lines = []
    for name, run in report.suites.items():
        files = ", ".join(f"{d['file']} {d['sha256']}" for d in run.data)
        lines.append(f"  {name:<10} {run.status:<7} {run.seconds:6.1f}s  {run.reason or files}")
    if report.limit is not None:
        lines.append(f"  --limit {report.limit}: quick run on part of the gva sets; floors are not compared")
    return (
        out.getvalue().rstrip()
        + "\n\nsuites (data file sha256):\n"
        + "\n".join(lines)
        + f"\n  total {report.seconds:.1f}s\n"
    )


def write_results(report: EvalReport, path: Path | str, failures: list[str] | None = None) -> None:
    """The report as JSON (``results/eval.json``, gitignored), with the gate's verdict when given."""
    doc = report.to_dict()
    if failures is not None:
        doc["gate"] = {"applied": report.limit is None, "passed": not failures, "failures": failures}
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def run_gate(
    make_runner: Callable[[], Runner],
    data_dir: Path | str,
    shared_dir: Path | str | None = None,
    suites: Sequence[str] | None = None,
    limit: int | None = None,
    floors_path: Path | str = DEFAULT_FLOORS,
    results_path: Path | str = REPO / "results" / "eval.json",
    update_floors: bool = False,
    lower: bool = False,
    reason: str | None = None,
    echo: Callable[[str], Any] = print,
) -> int:
    """Everything ``frontlines eval`` does; returns its exit code.

    0: the gate passed (or ``data_dir`` is absent: skipped, so CI passes cleanly without the data);
    1: a suite failed to run (its error is in the table and the results file);
    2: a usage error (unknown suite, --lower-floors without --reason, floors moved on a --limit run);
    4: a score is below its floor, or a fixed limit (the seed's 10 events) is broken.
    The runner is only built when there is data to score.
    """
    data = Path(data_dir)
    if not data.is_dir():
        echo(f"frontlines eval: skipped, no evaluation data at {data} (DESIGN section 5)")
        return 0
    try:
        select_suites(suites)
        if (update_floors or lower) and limit is not None:
            raise ConfigurationError("floors are pinned on full runs only: drop --limit to move them")
        if lower and not (reason and reason.strip()):
            raise ConfigurationError('--lower-floors needs --reason "why the score fell"')
    except ConfigurationError as exc:
        echo(f"frontlines eval: {exc}")
        return 2
    floors = load_floors(Path(floors_path))
    runner = make_runner()
    try:
        report = run_eval(runner, data, shared_dir, suites=suites, limit=limit)
    finally:
        close = getattr(runner, "close", None)
        if callable(close):
            close()
    changes: list[str] = []
    if lower:
        changes += lower_floors(report, floors, reason or "")
    if update_floors:
        changes += raise_floors(report, floors)
    if changes:
        save_floors(floors, Path(floors_path))
    failures = check_floors(report, floors)
    echo(format_table(report, floors))
    write_results(report, results_path, failures)
    for change in changes:
        echo(f"floor moved: {change}")
    if changes:
        echo(f"floors written to {floors_path}: commit it together with the change that moved them")
    for failure in failures:
        echo(f"FAIL {failure}")
    echo(f"results written to {results_path}")
    if failures:
        echo(f"quality gate failed ({len(failures)})")
        return 1 if any(run.status == "error" for run in report.suites.values()) else 4
    echo("quality gate passed" if report.limit is None else "quick run (--limit): not gated")
    return 0


def main(
    suites: Sequence[str] | None = None,
    limit: int | None = None,
    data_dir: Path | str = "../shared/data",
    shared_dir: Path | str | None = "../shared",
    results: Path | str = "results/eval.json",
    update_floors: bool = False,
    lower_floors: bool = False,
    reason: str | None = None,
    workers: int = 0,
    settings_path: Path | str | None = None,
    floors_path: Path | str = DEFAULT_FLOORS,
    echo: Callable[[str], Any] = print,
) -> int:
    """``frontlines eval``: the gate with the real pipeline (``PipelineRunner``); returns the exit code of
    ``run_gate``. ``workers`` 0 means one process per core."""
    import os

    from frontlines.eval.runner import PipelineRunner

    count = workers if workers > 0 else (os.cpu_count() or 1)
    return run_gate(
        lambda: PipelineRunner(str(settings_path) if settings_path else None, workers=count),
        data_dir,
        shared_dir,
        suites=suites,
        limit=limit,
        floors_path=floors_path,
        results_path=results,
        update_floors=update_floors,
        lower=lower_floors,
        reason=reason,
        echo=echo,
    )
