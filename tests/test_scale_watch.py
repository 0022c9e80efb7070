"""``frontlines watch`` against a real HTTP server on loopback whose feeds change between polls (issue 11).

The feed entries and pages are written here (invented incidents). Polls are driven one at a time
(``Watcher.poll``), so no test waits for a schedule.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from frontlines.scale.watch import Watcher, read_sources
from frontlines.store import open_store
from frontlines.store.watch_state import WatchState

STORIES = [
    "Gunmen killed {n} villagers in Kano state on Monday, police said.",
    "A missile strike on Kharkiv killed {n} civilians on Tuesday, the governor said.",
    "Rebels clashed with soldiers near Goma on Monday; {n} fighters were killed.",
    "Shelling killed {n} people in Omdurman on Sunday, medics said.",
]


def entry(number: int) -> str:
    text = STORIES[number % len(STORIES)].format(n=number + 2)
    stamp = format_datetime(datetime(2024, 5, 6 + number % 20, 9, 0, tzinfo=UTC))
    return (
        f"<item><title>Report {number}</title><link>{{BASE}}/story/{number}</link>"
        f"<guid>urn:test:story:{number}</guid><pubDate>{stamp}</pubDate>"
        f"<description>{text} Residents described the attack to reporters.</description></item>"
    )


def rss(numbers: list[int]) -> str:
    items = "".join(entry(n) for n in numbers)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>{items}</channel></rss>'


def page(number: int) -> str:
    text = STORIES[(number + 1) % len(STORIES)].format(n=number + 3)
    return (
        f"<html><head><title>Page {number}</title></head><body><article><h1>Page {number}</h1>"
        f"<p>{text}</p><p>Witnesses said the area was cordoned off for hours afterwards.</p>"
        "</article></body></html>"
    )


class FeedServer(BaseHTTPRequestHandler):
    """Serves ``routes`` (path -> (content type, body with {BASE})); ``/hang`` answers after 3 s."""

    protocol_version = "HTTP/1.1"
    routes: ClassVar[dict[str, tuple[str, str]]] = {}
    base: ClassVar[str] = ""
    hits: ClassVar[list[str]] = []

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.hits.append(self.path)
        if self.path == "/hang":
            time.sleep(3)
        if self.path.startswith("/page/"):
            found: tuple[str, str] | None = ("text/html", page(int(self.path.rsplit("/", 1)[1])))
        else:
            found = self.routes.get(self.path)
        if found is None:
            body, kind, status = b"not here", "text/plain", 404
        else:
            body, kind, status = found[1].replace("{BASE}", self.base).encode(), found[0], 200
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def server() -> Iterator[type[FeedServer]]:
    FeedServer.routes = {}
    FeedServer.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    httpd.daemon_threads = True
    FeedServer.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield FeedServer
    finally:
        httpd.shutdown()
        httpd.server_close()


def watcher_for(store: Any, sources: list[str], engine: Any) -> Watcher:
    return Watcher(store, sources, engine=engine, allow_private=True, timeout=0.5)


def test_read_sources_skips_comments_and_repeats(tmp_path: Path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# wires\nhttp://a.example/rss\n\nhttp://a.example/rss\n/srv/list.urls\n")
    assert read_sources(feeds) == ["http://a.example/rss", "/srv/list.urls"]


def test_read_sources_refuses_an_empty_file(tmp_path: Path):
    from frontlines.errors import InputError

    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n")
    with pytest.raises(InputError, match="no feeds"):
        read_sources(feeds)


@pytest.mark.slow
def test_watch_ingests_each_new_item_once_survives_errors_and_resumes(server, engine, tmp_path: Path):
    base = server.base
    sources = [f"{base}/wire.rss", f"{base}/list.txt", f"{base}/garbage.rss", f"{base}/hang"]
    server.routes["/wire.rss"] = ("application/rss+xml", rss([0, 1, 2]))
    server.routes["/list.txt"] = ("text/plain", f"{base}/page/1\n{base}/page/2\n")
    server.routes["/garbage.rss"] = ("application/rss+xml", "\x00\x01<<<not a feed at all")
    address = str(tmp_path / "watch.sqlite")

    with open_store(address) as store:
        watcher = watcher_for(store, sources, engine)
        first = watcher.poll()
        by_source = {s.source: s for s in first.sources}
        assert by_source[f"{base}/wire.rss"].added == 3
        assert by_source[f"{base}/list.txt"].added == 2
        assert by_source[f"{base}/garbage.rss"].error
        assert "timeout" in (by_source[f"{base}/hang"].error or "")
        assert store.counts()["documents"] == 5
        events_before = store.counts()["events"]
        assert events_before > 0

        # Poll 2: the feed rotates (0 drops off, 3 and 4 arrive), the list grows; the broken sources stay broken.
        server.routes["/wire.rss"] = ("application/rss+xml", rss([1, 2, 3, 4]))
        server.routes["/list.txt"] = ("text/plain", f"{base}/page/1\n{base}/page/2\n{base}/page/3\n")
        second = {s.source: s for s in watcher.poll().sources}
        assert (second[f"{base}/wire.rss"].new, second[f"{base}/wire.rss"].added) == (2, 2)
        assert (second[f"{base}/list.txt"].new, second[f"{base}/list.txt"].added) == (1, 1)
        assert server.hits.count("/page/1") == 1  # a listed URL is fetched once, ever

        # Poll 3: nothing new; the garbage feed is repaired and its entry is new.
        server.routes["/garbage.rss"] = ("application/rss+xml", rss([7]))
        third = {s.source: s for s in watcher.poll().sources}
        assert third[f"{base}/wire.rss"].new == 0
        assert third[f"{base}/garbage.rss"].error is None and third[f"{base}/garbage.rss"].added == 1
        assert store.counts()["documents"] == 9
        state = WatchState(store).sources()
        assert state[f"{base}/hang"]["failures"] == 3
        assert state[f"{base}/garbage.rss"]["failures"] == 0
        watcher.close()

    # A restart: a new watcher on the reopened store takes nothing twice and picks up what came meanwhile.
    server.routes["/wire.rss"] = ("application/rss+xml", rss([2, 3, 4, 5]))
    with open_store(address) as store:
        watcher = watcher_for(store, sources, engine)
        resumed = {s.source: s for s in watcher.poll().sources}
        assert resumed[f"{base}/wire.rss"].new == 1 and resumed[f"{base}/wire.rss"].added == 1
        assert resumed[f"{base}/list.txt"].new == 0
        ids = sorted(d.id for d in store.documents())
        assert len(ids) == len(set(ids)) == 10
        assert store.unmerged_mentions() == []
        watcher.close()


@pytest.mark.slow
def test_the_same_article_in_two_feeds_is_stored_once(server, engine, tmp_path: Path):
    base = server.base
    server.routes["/a.rss"] = ("application/rss+xml", rss([0, 1]))
    server.routes["/b.rss"] = ("application/rss+xml", rss([1]))
    with open_store(str(tmp_path / "watch.sqlite")) as store:
        watcher = watcher_for(store, [f"{base}/a.rss", f"{base}/b.rss"], engine)
        report = {s.source: s for s in watcher.poll().sources}
        assert report[f"{base}/a.rss"].added == 2
        assert (report[f"{base}/b.rss"].added, report[f"{base}/b.rss"].skipped) == (0, 1)
        assert store.counts()["documents"] == 2
        watcher.close()


@pytest.mark.slow
def test_the_watch_command_polls_once_and_logs(server, tmp_path: Path):
    import typer
    from typer.testing import CliRunner

    from frontlines.scale.watch import register

    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command, so that typer keeps "watch" as a subcommand
        pass

    server.routes["/wire.rss"] = ("application/rss+xml", rss([0, 1]))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/wire.rss\n")
    store = str(tmp_path / "watch.sqlite")
    arguments = ["watch", str(feeds), "--store", store, "--once", "--allow-private", "--timeout", "2"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(app, arguments)
    assert again.exit_code == 0, again.output
    with open_store(store) as opened:
        assert opened.counts()["documents"] == 2
        assert WatchState(opened).item_count() == 2
