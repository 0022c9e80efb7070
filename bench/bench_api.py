"""API and page benchmarks (issue 10): reported, never gated.

    .venv/bin/python bench/bench_api.py                 # all three measures
    .venv/bin/python bench/bench_api.py --skip-page     # without the browser

1. ``GET /api/events?limit=1000`` on a store of 1,000 events (the whole list in one page);
2. ``GET /api/events?bbox=...`` (and ``/api/map`` with the same box) on a store of 100,000 synthetic events;
3. the page (Debian's headless Chromium via Playwright) with 10,000 events: from navigation to markers drawn.

The server runs in its own process (uvicorn, one worker), the client here; synthetic stores are written with
``Store.upsert_events`` into a cache folder and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from frontlines.model import (  # noqa: E402
    EVENT_TYPES,
    Count,
    Event,
    EventActor,
    EventDate,
    EventLocation,
    EventSource,
)
from frontlines.store import open_store  # noqa: E402

ACTORS = [
    ("Military Forces of Sudan", 1),
    ("Rapid Support Forces", 2),
    ("Military Forces of Russia", 8),
    ("Military Forces of Ukraine", 1),
    ("Islamic State (West Africa)", 2),
    ("Civilians", 7),
    ("Protesters", 6),
]
# (lat, lon, country, admin1) centres the synthetic events scatter around.
CENTRES = [
    (13.6, 25.3, "SD", "North Darfur"),
    (15.5, 32.5, "SD", "Khartoum"),
    (48.0, 37.8, "UA", "Donetsk"),
    (49.9, 36.3, "UA", "Kharkiv"),
    (36.2, 36.7, "SY", "Idlib"),
    (11.8, 13.2, "NG", "Borno"),
    (31.5, 34.4, "PS", "Gaza"),
    (-1.7, 29.2, "CD", "North Kivu"),
]
# A box around Kharkiv (W,S,E,N): about 1/8 of the synthetic events fall inside.
BBOX = "35.0,49.0,37.5,51.0"


def synthetic_events(count: int, seed: int = 10) -> Iterator[Event]:
    rng = random.Random(seed)
    first = date(2023, 1, 1)
    pairs = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]
    for number in range(count):
        lat, lon, country, admin1 = rng.choice(CENTRES)
        event_type, sub_type = rng.choice(pairs)
        day = (first + timedelta(days=rng.randrange(730))).isoformat()
        killed = int(rng.expovariate(0.25)) if event_type != "Protests" else 0
        (a1, i1), (a2, i2) = rng.sample(ACTORS, 2)
        yield Event(
            id=f"ev-bench-{number:07d}",
            document_ids=[f"doc-bench-{number:07d}"],
            mention_ids=[f"em-bench-{number:07d}"],
            event_type=event_type,
            sub_event_type=sub_type,
            disorder_type="Demonstrations" if event_type in ("Protests", "Riots") else "Political violence",
            date=EventDate(start=day, end=day, precision=1),
            actors=[
                EventActor(role="actor1", name=a1, inter=i1),
                EventActor(role="actor2", name=a2, inter=i2),
            ],
            location=EventLocation(
                name=f"Place {number % 997}",
                country=country,
                admin1=admin1,
                lat=round(lat + rng.uniform(-1, 1), 4),
                lon=round(lon + rng.uniform(-1, 1), 4),
                precision=1,
            ),
            fatalities=Count(best=killed, low=killed),
            sources=[EventSource(name=f"Outlet {number % 50}", kind="outlet")],
            confidence=0.5,
            notes=f"synthetic event {number}",
        )


def build_store(path: Path, count: int) -> Path:
    if path.exists():
        with open_store(path) as store:
            if store.counts()["events"] == count:
                return path
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    with open_store(path) as store:
        batch: list[Event] = []
        for event in synthetic_events(count):
            batch.append(event)
            if len(batch) == 5000:
                store.upsert_events(batch)
                batch = []
        store.upsert_events(batch)
    print(f"  built {path.name}: {count} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(store: Path) -> Iterator[str]:
    port = free_port()
    code = (
        "import uvicorn; from frontlines.server import ServerSettings, create_app;"
        f"uvicorn.run(create_app(ServerSettings(store={str(store)!r})), host='127.0.0.1', port={port},"
        " log_level='warning', access_log=False)"
    )
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/api/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the benchmark server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def timed(client: httpx.Client, url: str, params: dict[str, str | int], runs: int) -> dict[str, float | int]:
    client.get(url, params=params)  # warm-up (opens the store, fills caches)
    times = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, params=params)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        size = len(response.content)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "bytes": size,
        "runs": runs,
    }


def page_load(base: str, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args += ["--disable-component-update", "--no-first-run"]
    totals, inside = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            started = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_function("window.frontlines && window.frontlines.ready", timeout=120_000)
            totals.append((time.perf_counter() - started) * 1000)
            inside.append(float(page.evaluate("window.frontlines.loadMs")))
            page.close()
        browser.close()
    return {
        "navigation_to_ready_ms_median": round(statistics.median(totals)),
        "script_start_to_ready_ms_median": round(statistics.median(inside)),
        "runs": runs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="API latency and page load benchmarks")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/frontlines-bench-api"), help="store folder")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-page", action="store_true")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {}
    small = build_store(args.cache / "events-1k.sqlite", 1_000)
    large = build_store(args.cache / "events-100k.sqlite", 100_000)
    with server(small) as base, httpx.Client(base_url=base, timeout=60) as client:
        results["events_list_1000_of_1000"] = timed(client, "/api/events", {"limit": 1000}, args.runs)
    with server(large) as base, httpx.Client(base_url=base, timeout=60) as client:
        total = client.get("/api/events", params={"bbox": BBOX, "limit": 1}).json()["total"]
        results["bbox_matches_of_100000"] = total
        results["events_bbox_100k_limit100"] = timed(client, "/api/events", {"bbox": BBOX}, args.runs)
        results["events_bbox_100k_limit1000"] = timed(
            client, "/api/events", {"bbox": BBOX, "limit": 1000}, args.runs
        )
        results["map_rows_bbox_100k"] = timed(client, "/api/map", {"bbox": BBOX}, max(3, args.runs // 4))
    if not args.skip_page:
        page = build_store(args.cache / "events-10k.sqlite", 10_000)
        with server(page) as base:
            results["page_10000_events"] = page_load(base, runs=3)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
