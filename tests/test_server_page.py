"""The map page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; Playwright never downloads a
browser here): markers on the map, brushing the timeline, filters, an event's highlighted evidence, no network.

Skips with a message when chromium or the playwright package is missing (tools/ci_chromium.sh installs chromium).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_fixtures import REPORTS, TERRITORY, fill_store, running_server

from frontlines.server import ServerSettings
from frontlines.server.settings import STATIC_DIR

CHROMIUM = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HAS_VENDOR = (STATIC_DIR / "vendor" / "leaflet.js").exists()
# CI sets this (after tools/ci_chromium.sh): then a missing browser or map library fails instead of skipping.
REQUIRED = os.environ.get("FRONTLINES_REQUIRE_BROWSER") == "1"


def _missing(message: str) -> None:
    if REQUIRED:
        pytest.fail(f"{message} (FRONTLINES_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(message, allow_module_level=True)


if not Path(CHROMIUM).exists():
    _missing(
        f"no Chromium at {CHROMIUM}: install Debian's (apt-get install -y chromium, or tools/ci_chromium.sh)"
        " to run the page tests"
    )
try:
    from playwright import sync_api
except ImportError:
    _missing("the playwright package is not installed (pip install playwright==1.56.0)")
if REQUIRED and not HAS_VENDOR:
    _missing("the map library is not installed: run python tools/build_web.py (needs npm)")
needs_map = pytest.mark.skipif(
    not HAS_VENDOR, reason="the map library is not installed: run python tools/build_web.py (needs npm)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("page") / "events.sqlite"
    fill_store(path)
    with running_server(ServerSettings(store=str(path))) as url:
        yield url


def open_page(browser: Any, base: str) -> tuple[Any, list[str]]:
    """The page loaded and ready; every request for another origin is blocked and recorded."""
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(base) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page = browser.new_page(viewport={"width": 1400, "height": 850})
    page.route("**/*", guard)
    page.goto(base + "/")
    page.wait_for_function("window.frontlines && window.frontlines.ready", timeout=15_000)
    return page, outside


def visible_count(page: Any) -> int:
    return int(page.evaluate("window.frontlines.visibleCount"))


@needs_map
def test_page_shows_markers_over_offline_boundaries(browser: Any, base: str):
    page, outside = open_page(browser, base)
    assert page.locator(".event-marker").count() + page.locator(".marker-cluster").count() >= 1
    assert page.locator(".event-marker").count() == 4
    assert page.locator("path.leaflet-interactive, svg path").count() > 50  # country shapes drawn
    assert "4 of 4 events" in page.locator("#summary").inner_text()
    assert outside == []  # nothing asked of the internet
    page.close()


@needs_map
def test_brushing_the_timeline_filters_the_map(browser: Any, base: str):
    page, _ = open_page(browser, base)
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    # The events are on 8, 10, 13 and 14 May: brushing the last third keeps 13 and 14 May.
    page.mouse.move(box["x"] + box["width"] * 0.62, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 2, y, steps=5)
    page.mouse.up()
    assert visible_count(page) == 2
    assert page.locator(".event-marker").count() == 2
    assert page.locator("#range").inner_text().startswith("2024-05-1")
    page.click("#t-clear")
    assert visible_count(page) == 4
    page.close()


@needs_map
def test_filters_for_type_actor_and_country(browser: Any, base: str):
    page, _ = open_page(browser, base)
    page.select_option("#f-type", "Explosions/Remote violence")
    assert visible_count(page) == 2
    page.select_option("#f-type", "")
    page.fill("#f-actor", "rapid support")
    assert visible_count(page) == 1
    page.fill("#f-actor", "")
    page.select_option("#f-country", "NG")
    assert visible_count(page) == 1 and page.locator(".event-marker").count() == 1
    page.click("#f-reset")
    assert visible_count(page) == 4
    page.close()


@needs_map
def test_opening_an_event_shows_fields_sources_and_highlighted_evidence(browser: Any, base: str):
    page, _ = open_page(browser, base)
    page.select_option("#f-country", "SD")
    page.locator(".event-marker").first.click()
    page.wait_for_selector("#docs .doc mark.evidence", timeout=10_000)
    panel = page.locator("#panel")
    assert "Armed clash in El Fasher" in panel.locator("h2").inner_text()
    assert "Rapid Support Forces" in panel.inner_text()
    assert page.locator("#docs .doc").count() == 2  # both reports of the clash
    marks = page.locator("#docs .doc").first.locator("mark.evidence").all_inner_texts()
    assert "twelve soldiers died" in "".join(marks)
    assert "twelve soldiers died" in page.locator("#docs .doc .span-field").all_inner_texts()
    page.close()


def test_page_without_the_map_library_lists_events_and_says_why(browser: Any, tmp_path: Path):
    static = tmp_path / "static"
    shutil.copytree(STATIC_DIR, static, ignore=shutil.ignore_patterns("vendor"))
    path = tmp_path / "events.sqlite"
    fill_store(path)
    with running_server(ServerSettings(store=str(path), static_dir=static)) as base:
        page, outside = open_page(browser, base)
        assert "map library is not installed" in page.locator("#nomap").inner_text()
        assert page.locator("#list li").count() == 4
        page.locator("#list li", has_text="Peaceful protest").click()
        page.wait_for_selector("#docs .doc mark.evidence", timeout=10_000)
        assert "traders marched peacefully" in page.locator("#docs").inner_text()
        assert outside == []
        page.close()


@needs_map
def test_territorial_control_follows_the_day_brushed_on_the_timeline(browser: Any, tmp_path: Path):
    path = tmp_path / "events.sqlite"
    fill_store(path, REPORTS + TERRITORY)
    with running_server(ServerSettings(store=str(path))) as base:
        page, outside = open_page(browser, base)
        page.check("#f-control")
        page.wait_for_selector(".control-marker")
        # After the latest event the army holds Tawila again (retaken on 12 May).
        assert page.locator(".control-marker").inner_text() == "MFS"
        assert "Military Forces of Sudan" in page.locator("#control").inner_text()
        # Brushing 5 to about 9 May: the paramilitary force held it then.
        box = page.locator("#timeline").bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 40, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=5)
        page.mouse.up()
        page.wait_for_function(
            "document.querySelector('.control-marker') && "
            "document.querySelector('.control-marker').innerText === 'RSF'"
        )
        assert "Rapid Support Forces" in page.locator("#control").inner_text()
        page.uncheck("#f-control")
        assert page.locator(".control-marker").count() == 0
        assert outside == []
        page.close()
