"""Benchmark: the whole pipeline on gva-longtail documents; documents per second and peak memory.

    .venv/bin/python bench/bench_pipeline.py [--limit 1000] [--workers 1] [--profile]

Reads ../shared/data/gva-longtail/documents.dev.jsonl (skips with a message when absent). Loading the resources is
timed separately from processing. ``--profile`` adds the time spent in each stage. A benchmark, not a test: the
figures go in notes, never into assertions.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

DATA = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "gva-longtail" / "documents.dev.jsonl"
)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def records(limit: int) -> list[dict]:
    rows = []
    with DATA.open(encoding="utf-8") as fp:
        for line in fp:
            row = json.loads(line)
            rows.append(
                {"id": row["doc_id"], "text": row["content"], "title": row["title"], "published": row["dct"]}
            )
            if len(rows) >= limit:
                break
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1, help="processes (0: one per core)")
    parser.add_argument("--profile", action="store_true", help="time each stage (single process only)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    from frontlines.api import Frontlines
    from frontlines.ingest import document_from_record

    rows = records(args.limit)
    characters = sum(len(r["text"]) for r in rows)
    started = time.perf_counter()
    if args.workers == 1:
        engine = Frontlines.load()
        loaded = time.perf_counter()
        timings: dict[str, float] = defaultdict(float)
        documents = [document_from_record(r) for r in rows]
        processed = list(_profiled(engine, documents, timings, args.profile))
    else:
        from frontlines.parallel import process_records

        loaded = time.perf_counter()
        processed = list(process_records(rows, workers=args.workers))
    finished = time.perf_counter()
    seconds = finished - loaded
    rejected = sum(1 for d in processed if d.rejected)
    events = sum(len(d.event_mentions) for d in processed)
    print(
        f"documents: {len(processed)} ({characters / len(rows):.0f} characters on average), rejected {rejected}, event mentions {events}"
    )
    print(
        f"load: {loaded - started:.1f} s; processing: {seconds:.1f} s = {len(processed) / seconds:.1f} documents/s"
    )
    print(f"peak memory (largest process): {peak_mb():.0f} MB")
    if args.profile:
        for name, spent in sorted(timings.items(), key=lambda kv: -kv[1]):
            print(f"  {name:10s} {spent:7.2f} s  {1000 * spent / len(processed):6.2f} ms/document")
    return 0


def _timed(stage, timings):
    original = type(stage).__call__

    def call(document):
        start = time.perf_counter()
        try:
            return original(stage, document)
        finally:
            timings[stage.name] += time.perf_counter() - start

    return call


def _profiled(engine, documents, timings, profile):
    if not profile:
        yield from engine.process(documents)
        return
    nlp = engine.resources.nlp
    original_pipe = nlp.pipe

    def pipe(texts, **kwargs):
        start = time.perf_counter()
        result = list(original_pipe(texts, **kwargs))
        timings["spacy"] += time.perf_counter() - start
        return result

    nlp.pipe = pipe
    # The rest of the pipeline calls stages through Pipeline.run, which looks up __call__ on the class.
    for stage in engine.extractor.stages[1:]:
        cls = type(stage)
        wrapper = _timed(stage, timings)
        stage_type = type(cls.__name__ + "Timed", (cls,), {"__call__": lambda self, d, w=wrapper: w(d)})
        stage.__class__ = stage_type
    yield from engine.process(documents)


if __name__ == "__main__":
    sys.exit(main())
