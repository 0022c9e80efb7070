"""Benchmarks for issue 11 (figures for the notes, never assertions).

    .venv/bin/python bench/bench_scale.py pipeline [--limit 2000] [--workers 2]   # single vs pool vs Dask
    .venv/bin/python bench/bench_scale.py merge [--sizes 10000,100000,1000000]     # merge 1,000 into N events
    .venv/bin/python bench/bench_scale.py merge-store [--sizes ...]                # the same through the store
    .venv/bin/python bench/bench_scale.py watch [--minutes 60] [--step 0.2]        # an hour of feed updates

``pipeline`` runs the whole pipeline into a fresh SQLite store (read, annotate, extract, store, merge) on
../shared/data/gva-longtail/documents.dev.jsonl (skipped with a message when absent): one process, the process pool
(frontlines.parallel) and a Dask LocalCluster; documents/s and peak resident memory (this process and each worker).
``merge-store`` times the store's merge (``merge_pending``, what ingest runs) of 1,000 new mentions into a SQLite
store grown to each size. ``merge`` times merge_mentions of 1,000 new synthetic mentions against N synthetic stored events (3 years, a
40x40 degree area). ``watch`` serves a feed on loopback that gains items every simulated minute (one poll per
simulated 15 minutes, time compressed) and checks that every item is stored once.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

DATA = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "gva-longtail" / "documents.dev.jsonl"
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _worker_peak_mb() -> float:
    # The resident size now, after the run (ru_maxrss of a spawned worker carries its parent's peak at fork).
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def documents(limit: int) -> list[Any]:
    from frontlines.ingest import document_from_record

    rows = []
    with DATA.open(encoding="utf-8") as fp:
        for line in fp:
            row = json.loads(line)
            record = {
                "id": row["doc_id"],
                "text": row["content"],
                "title": row["title"],
                "published": row["dct"],
            }
            rows.append(document_from_record(record))
            if len(rows) >= limit:
                break
    return rows


def bench_pipeline(limit: int, workers: int, modes: list[str]) -> None:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return
    from frontlines.parallel import process_documents
    from frontlines.settings import load_settings
    from frontlines.store import open_store
    from frontlines.store.ingest import ingest_documents

    settings = load_settings()
    count = len(documents(limit))
    print(f"{count} gva-longtail documents; {workers} workers for the pool and the LocalCluster")
    for mode in modes:
        corpus = documents(limit)
        with tempfile.TemporaryDirectory() as folder:
            address = str(Path(folder) / "bench.sqlite")
            if mode == "dask":
                from frontlines.scale.dask_executor import dask_client, ingest_on_dask

                started = time.perf_counter()
                with dask_client("local", workers) as client:
                    ready = time.perf_counter()
                    report = ingest_on_dask(corpus, address, client=client, settings=settings)
                    worker_peaks = client.run(_worker_peak_mb)
                total = time.perf_counter() - started
                run = report.seconds
                memory = f"client {peak_mb():.0f} MB, workers " + ", ".join(
                    f"{v:.0f}" for v in worker_peaks.values()
                )
                print(
                    f"dask   : {count / run:6.1f} documents/s over the run ({run:.1f} s; cluster start"
                    f" {ready - started:.1f} s; {count / total:.1f}/s all in, engine loads included);"
                    f" peak {memory} MB; {report.event_mentions} mentions"
                )
                continue
            started = time.perf_counter()
            with open_store(address) as store:
                processed = process_documents(
                    corpus, workers=1 if mode == "single" else workers, settings=settings
                )
                local = ingest_documents(store, processed)
            total = time.perf_counter() - started
            memory = f"{peak_mb():.0f} MB" + (
                f", workers {children_peak_mb():.0f} MB" if mode == "pool" else ""
            )
            print(
                f"{mode:7s}: {count / total:6.1f} documents/s ({total:.1f} s, engine loads included); peak {memory};"
                f" {local.event_mentions} mentions"
            )


# -- merging ---------------------------------------------------------------------------------------------------------


def _mention(index: int, day: date, lat: float, lon: float) -> Any:
    from frontlines.model import Count, EventActor, EventDate, EventLocation, EventMention

    iso = day.isoformat()
    return EventMention(
        id=f"em-{index}",
        document_ids=[f"doc-{index}"],
        event_type="Violence against civilians",
        sub_event_type="Attack",
        disorder_type="Political violence",
        date=EventDate(start=iso, end=iso, precision=1),
        location=EventLocation(name=f"Town {index}", country="NG", lat=lat, lon=lon, precision=1),
        actors=[EventActor(role="actor1", name="Unidentified Armed Group (Nigeria)", inter=3)],
        fatalities=Count(best=1 + index % 5, low=1 + index % 5),
    )


def synthetic_events(size: int, seed: int = 1) -> list[Any]:
    """``size`` stored events over three years and a 40x40 degree area (copies of one merged event)."""
    from frontlines.merge import merge_mentions

    rng = random.Random(seed)
    first = date(2021, 1, 1)
    [template] = merge_mentions([_mention(0, first, 0.0, 0.0)])
    events = []
    for index in range(size):
        day = (first + timedelta(days=rng.randrange(1095))).isoformat()
        location = template.location.model_copy(
            update={"lat": rng.uniform(-10, 30), "lon": rng.uniform(-10, 30), "name": f"Place {index}"}
        )
        events.append(
            template.model_copy(
                update={
                    "id": f"ev-{index}",
                    "mention_ids": [f"old-{index}"],
                    "document_ids": [f"old-doc-{index}"],
                    "date": template.date.model_copy(update={"start": day, "end": day}),
                    "location": location,
                }
            )
        )
    return events


def bench_merge(sizes: list[int], new: int = 1000) -> None:
    from frontlines.merge import merge_mentions

    rng = random.Random(7)
    first = date(2021, 1, 1)
    mentions = [
        _mention(i, first + timedelta(days=rng.randrange(1095)), rng.uniform(-10, 30), rng.uniform(-10, 30))
        for i in range(new)
    ]
    previous: tuple[int, float] | None = None
    for size in sizes:
        built = time.perf_counter()
        existing = synthetic_events(size)
        built = time.perf_counter() - built
        started = time.perf_counter()
        merged = merge_mentions(mentions, existing)
        seconds = time.perf_counter() - started
        growth = ""
        if previous is not None:
            growth = f"; x{seconds / previous[1]:.1f} time for x{size / previous[0]:.0f} events"
        print(
            f"merge {new} new mentions into {size:>9,} events: {seconds:7.2f} s ({len(merged):,} events out;"
            f" building the synthetic events took {built:.1f} s; peak {peak_mb():.0f} MB){growth}"
        )
        previous = (size, seconds)
        del existing, merged


def bench_merge_store(sizes: list[int], new: int = 1000) -> None:
    """The store's merge (what ``ingest`` runs): 1,000 new mentions into a SQLite store grown to each size; stored
    events are read only near the new mentions (date range and place box), and pending mentions come from their own
    table, so the time should follow the batch, not the store."""
    from frontlines.store import open_store

    rng = random.Random(7)
    first = date(2021, 1, 1)
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "merge.sqlite")) as store:
        stored = 0
        for round_number, size in enumerate(sizes):
            built = time.perf_counter()
            while stored < size:
                chunk = min(20000, size - stored)
                events = synthetic_events(chunk, seed=stored + 1)
                store.upsert_events(
                    [
                        e.model_copy(update={"id": f"ev-{stored + i}", "mention_ids": [f"old-{stored + i}"]})
                        for i, e in enumerate(events)
                    ]
                )
                stored += chunk
            built = time.perf_counter() - built
            offset = (round_number + 1) * 1_000_000
            mentions = [
                _mention(
                    offset + i,
                    first + timedelta(days=rng.randrange(1095)),
                    rng.uniform(-10, 30),
                    rng.uniform(-10, 30),
                )
                for i in range(new)
            ]
            store.add_event_mentions(mentions)
            started = time.perf_counter()
            written = store.merge_pending()
            seconds = time.perf_counter() - started
            size_mb = (Path(folder) / "merge.sqlite").stat().st_size / 2**20
            print(
                f"store merge of {new} new mentions into {size:>9,} stored events: {seconds:6.2f} s ({written} events"
                f" written; growing the store took {built:.0f} s; file {size_mb:,.0f} MB; peak {peak_mb():.0f} MB)"
            )


# -- watch -----------------------------------------------------------------------------------------------------------


class _Feed(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    items: ClassVar[list[int]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        entries = "".join(
            f"<item><title>Item {n}</title><guid>urn:bench:{n}</guid><link>http://example.org/{n}</link>"
            f"<description>Gunmen killed {2 + n % 7} people in Kano state on Monday, police said ({n}). Residents"
            f" fled the village.</description><pubDate>Mon, 06 May 2024 09:00:00 +0000</pubDate></item>"
            for n in self.items[-40:]  # a feed shows its latest 40 items
        )
        body = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{entries}</channel></rss>'
        )
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def bench_watch(minutes: int, step: float) -> None:
    from frontlines.scale.watch import Watcher
    from frontlines.store import open_store

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/feed.rss"
    rng = random.Random(3)
    published = 0
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "w.sqlite")) as store:
        watcher = Watcher(store, [url], allow_private=True, timeout=2)
        started = time.perf_counter()
        polls = 0
        for minute in range(1, minutes + 1):
            for _ in range(rng.randrange(0, 5)):  # 0 to 4 new items a minute (bursts included)
                _Feed.items.append(published)
                published += 1
            time.sleep(step)
            if minute % 15 == 0 or minute == minutes:  # a poll every 15 simulated minutes, and at the end
                watcher.poll()
                polls += 1
        seconds = time.perf_counter() - started
        stored = sorted(d.id for d in store.documents())
        watcher.close()
    httpd.shutdown()
    httpd.server_close()
    # With 40 items in the feed and up to 60 new in 15 minutes, some items can leave the feed between two polls:
    # those are missed, never doubled; the benchmark counts both.
    print(
        f"watch: {minutes} simulated minutes in {seconds:.1f} s, {polls} polls, {published} items published,"
        f" {len(stored)} stored, {len(stored) - len(set(stored))} stored twice,"
        f" {published - len(set(stored))} left the feed between two polls"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["pipeline", "merge", "merge-store", "watch"])
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="single,pool,dask")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--step", type=float, default=0.2, help="real seconds per simulated minute")
    arguments = parser.parse_args()
    if arguments.what == "pipeline":
        bench_pipeline(arguments.limit, arguments.workers, arguments.modes.split(","))
    elif arguments.what == "merge":
        bench_merge([int(s) for s in arguments.sizes.split(",")])
    elif arguments.what == "merge-store":
        bench_merge_store([int(s) for s in arguments.sizes.split(",")])
    else:
        bench_watch(arguments.minutes, arguments.step)


if __name__ == "__main__":
    main()
