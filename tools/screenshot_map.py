"""The README's screenshot: the bundled example's events on the map, one event opened onto its evidence.

    .venv/bin/python tools/screenshot_map.py [--output docs/screenshot-map.png]

Runs the real pipeline (spaCy model and gazetteer, as `make setup` installs them) over
frontlines/examples/example_article.txt, stores the result in a temporary SQLite store, serves it on loopback and
photographs the page in Debian's headless Chromium (Playwright with /usr/bin/chromium; nothing is downloaded).
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshot-map.png")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from frontlines.api import Frontlines
    from frontlines.ingest import read_inputs
    from frontlines.server import ServerSettings, create_app
    from frontlines.store import open_store
    from frontlines.store.ingest import ingest_documents

    example = ROOT / "frontlines" / "examples" / "example_article.txt"
    engine = Frontlines.load()
    documents = list(engine.process(read_inputs([example])))
    with tempfile.TemporaryDirectory() as folder:
        store_path = Path(folder) / "example.sqlite"
        with open_store(store_path) as store:
            report = ingest_documents(store, documents)
            print(f"stored the example: {report.summary()}", file=sys.stderr)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            create_app(ServerSettings(store=str(store_path))),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as playwright:
                chromium = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")
                browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_function("window.frontlines && window.frontlines.ready", timeout=30_000)
                strikes = page.locator("#panel .event-list li", has_text="strike")
                (strikes if strikes.count() else page.locator("#panel .event-list li")).first.click()
                page.wait_for_selector("#docs .doc mark.evidence", timeout=15_000)
                page.wait_for_timeout(800)  # let the map finish panning
                # Spread the example's stacked markers out where they are, without zooming past the borders.
                page.evaluate(
                    "window.frontlines.cluster._featureGroup.eachLayer("
                    "l => { if (l instanceof L.MarkerCluster) l.spiderfy(); })"
                )
                page.wait_for_timeout(600)
                args.output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.output))
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
