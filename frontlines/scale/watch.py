"""``frontlines watch``: follow RSS/Atom feeds and URL lists, ingesting each new item once, around the clock.

    frontlines watch feeds.txt --store postgresql://user:pw@db/frontlines --interval 900

``FEEDS_FILE`` lists one source a line (blank lines and ``#`` comments skipped): the URL of an RSS or Atom feed, the
URL of a URL list (a plain-text page of article URLs, one a line), or a local file of either kind (re-read at every
poll). Every ``interval`` seconds each source is read and its new items go through the whole pipeline into the store,
their event mentions merged into the stored incidents (``ingest_documents``).

Which items are new: an item is a feed entry (keyed by its id, else its link) or a listed URL. The store keeps what
was seen (tables ``watch_sources`` and ``watch_items``, migration 2), so a listed URL is fetched once, ever, and a
restarted watcher resumes where it stopped; and the store itself skips a document whose id or text (content hash) it
already holds, so an article that appears in two feeds is stored once.

Failures never stop the watcher: a source that times out, answers an error or serves something that is neither a
feed nor a URL list is logged (and counted in ``watch_sources``) and tried again at the next poll. An item whose
page could not be fetched for a passing reason (timeout, unreachable, a 5xx or 429 answer) is not marked seen and is
tried again at the next poll; any other rejection is stored with its reason, like ``frontlines ingest`` does.
SIGTERM (``systemctl stop``) ends the watcher after the source it is reading; Ctrl-C stops it at once. Either way
what was committed stays, and nothing is half-stored (one transaction per batch).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from frontlines.errors import FrontlinesError, InputError, StoreError
from frontlines.ingest.feed import looks_like_feed
from frontlines.ingest.fetch import FEED_TYPES, HttpFetcher
from frontlines.ingest.files import Reader, is_url, is_url_list, url_problem
from frontlines.ingest.text import Given, Options
from frontlines.model import Document, RawInput
from frontlines.settings import Settings, load_settings
from frontlines.store.base import Store
from frontlines.store.ingest import ingest_documents
from frontlines.store.watch_state import WatchState

log = logging.getLogger("frontlines.watch")

DEFAULT_INTERVAL = 900.0  # GDELT's cadence: 15 minutes
#: Item rejections that may pass: the item is tried again at the next poll instead of being stored as rejected.
SEEN = "watch_seen"  # marks an entry whose linked page was not fetched: seen before
PASSING = frozenset({"timeout", "unreachable", "too-many-redirects"})


def read_sources(path: str | Path) -> list[str]:
    """The sources listed in a feeds file, in order, each once."""
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{file}: cannot read the feeds file ({error.strerror or error})") from error
    sources: list[str] = []
    for number, line in enumerate(lines, start=1):
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        if is_url(item):
            problem = url_problem(item)
            if problem:
                raise InputError(f"{file} line {number}: {item!r} is {problem}")
        if item not in sources:
            sources.append(item)
    if not sources:
        raise InputError(f"{file}: no feeds or URL lists in it (one URL or path a line)")
    return sources


@dataclass
class SourceReport:
    """One source in one poll."""

    source: str
    items: int = 0
    new: int = 0
    added: int = 0
    skipped: int = 0
    rejected: int = 0
    later: int = 0
    event_mentions: int = 0
    events_written: int = 0
    error: str | None = None

    def line(self) -> str:
        if self.error:
            return f"{self.source}: failed ({self.error}); tried again at the next poll"
        text = f"{self.source}: {self.items} items, {self.new} new"
        if self.new:
            text += (
                f": {self.added} added ({self.rejected} rejected), {self.skipped} already stored,"
                f" {self.event_mentions} event mentions, {self.events_written} events written"
            )
        if self.later:
            text += f"; {self.later} could not be fetched now, tried again at the next poll"
        return text


@dataclass
class PollReport:
    number: int
    sources: list[SourceReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def added(self) -> int:
        return sum(s.added for s in self.sources)

    @property
    def failed(self) -> int:
        return sum(1 for s in self.sources if s.error)


class _SourceFailedError(Exception):
    pass


class _WatchReader(Reader):
    """A Reader that does not fetch the linked page of an entry already seen (``--fetch-linked``)."""

    skip: Any = None  # (entry key) -> bool

    def read_linked(self, link: str, given: Given, fields: dict[str, Any]) -> Document:
        key = str(fields.get("entry_id") or link)
        if self.skip is not None and self.skip(key):
            return Document(
                id=given.id or link,
                text="",
                raw=RawInput(source=link, kind="url", fields={**fields, SEEN: True}),
            )
        return super().read_linked(link, given, fields)


def _passing(document: Document) -> bool:
    rejection = document.rejection
    if rejection is None:
        return False
    if rejection.reason in PASSING:
        return True
    status = getattr(rejection, "status", None)
    return rejection.reason == "http-error" and (status is None or status >= 500 or status == 429)


def _fields(document: Document) -> dict[str, Any]:
    return document.raw.fields if document.raw is not None else {}


def _entry_key(document: Document) -> str:
    fields = _fields(document)
    return str(fields.get("entry_id") or fields.get("link") or document.id)


class Watcher:
    """Polls sources and ingests their new items into ``store``. ``engine``: a loaded ``Frontlines`` (else one is
    loaded, once, when the first new item comes); ``fetcher``: the HTTP fetcher (else an ``HttpFetcher`` with
    ``timeout`` seconds per read and ``4 * timeout`` per page)."""

    def __init__(
        self,
        store: Store,
        sources: list[str],
        *,
        engine: Any = None,
        settings: Settings | None = None,
        fetcher: Any = None,
        allow_private: bool = False,
        fetch_linked: bool = False,
        timeout: float = 20.0,
        batch_size: int = 64,
    ) -> None:
        self.store = store
        self.state = WatchState(store)
        self.sources = list(sources)
        self.settings = settings or load_settings()
        self.engine = engine
        self.batch_size = batch_size
        self._own_fetcher = fetcher is None
        self.fetcher = fetcher or HttpFetcher(
            connect_timeout=timeout,
            read_timeout=timeout,
            total_timeout=4 * timeout,
            max_bytes=self.settings.max_input_bytes,
            allow_private=allow_private,
        )
        self.reader = _WatchReader(
            options=Options.make(),
            limit=self.settings.max_input_bytes,
            fetcher=self.fetcher,
            fetch_linked=fetch_linked,
        )
        self.polls = 0
        self.stop = threading.Event()

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    # -- polling --------------------------------------------------------------------------------------------------

    def run(
        self, interval: float = DEFAULT_INTERVAL, *, once: bool = False, max_polls: int | None = None
    ) -> int:
        """Poll every ``interval`` seconds (from the start of one poll to the next) until ``self.stop`` is set (or
        once, or ``max_polls`` times). Returns how many polls ran."""
        done = 0
        while not self.stop.is_set():
            started = time.monotonic()
            self.poll()
            done += 1
            if once or (max_polls is not None and done >= max_polls):
                break
            self.stop.wait(max(0.0, started + interval - time.monotonic()))
        return done

    def poll(self) -> PollReport:
        """Read every source once and ingest what is new."""
        self.polls += 1
        report = PollReport(self.polls)
        started = time.perf_counter()
        for source in self.sources:
            if self.stop.is_set():
                break
            found = self.poll_source(source)
            report.sources.append(found)
            if found.error:
                log.warning("%s", found.line())
            else:
                log.info("%s", found.line())
        report.seconds = time.perf_counter() - started
        log.info(
            "poll %d: %d sources, %d items added, %d sources failed, %.1f s",
            report.number,
            len(report.sources),
            report.added,
            report.failed,
            report.seconds,
        )
        return report

    def poll_source(self, source: str) -> SourceReport:
        """One source: read it, ingest its new items; any failure is reported, never raised (Ctrl-C is)."""
        report = SourceReport(source)
        try:
            self._ingest(source, report)
        except _SourceFailedError as error:
            report.error = str(error)
        except FrontlinesError as error:
            report.error = f"{type(error).__name__}: {error}"
        except Exception as error:  # a watcher must outlive any one bad source
            log.exception("unexpected error while reading %s", source)
            report.error = f"{type(error).__name__}: {error}"
        try:
            self.state.polled(source, report.error, report.new - report.later)
        except StoreError as error:
            log.error("cannot record the poll of %s: %s", source, error)
        return report

    def _ingest(self, source: str, report: SourceReport) -> None:
        items = self._items(source, report)
        fresh: list[tuple[str, Document]] = []
        waiting: list[tuple[str, Document]] = []
        for key, document in items:
            if _fields(document).get(SEEN):
                continue
            if _passing(document):
                report.later += 1
                rejection = document.rejection
                assert rejection is not None
                log.info("%s: item %s: %s, tried again at the next poll", source, key, rejection.detail)
                continue
            waiting.append((key, document))
        seen = self.state.seen(source, [key for key, _ in waiting])
        fresh = [(key, document) for key, document in waiting if key not in seen]
        report.new = len(fresh) + report.later
        if not fresh:
            return
        documents = [document for _, document in fresh]
        processed = self._process(documents)
        ingested = ingest_documents(self.store, processed, batch_size=self.batch_size)
        report.added += ingested.added
        report.skipped += ingested.skipped
        report.rejected += ingested.rejected
        report.event_mentions += ingested.event_mentions
        report.events_written += ingested.events_written
        self.state.mark(source, {key: document.id for key, document in fresh})

    def _process(self, documents: list[Document]) -> Iterator[Document]:
        if all(d.rejected for d in documents):
            return iter(documents)
        if self.engine is None:
            from frontlines.api import Frontlines

            self.engine = Frontlines.load(self.settings)
        return iter(self.engine.process(documents))

    def _items(self, source: str, report: SourceReport) -> list[tuple[str, Document]]:
        """(item key, document) for what the source lists now; a listed URL already seen is not fetched."""
        data, url, charset, media = self._read_source(source)
        self.reader.skip = lambda key: bool(self.state.seen(source, [key]))
        if media in FEED_TYPES or looks_like_feed(data):
            documents = list(
                self.reader.documents_from_bytes(
                    data, source=url or source, kind="feed", given=Given(url=url), declared=charset
                )
            )
            first = documents[0] if len(documents) == 1 else None
            if first is not None and first.rejection is not None and not _fields(first):  # the feed itself
                if first.rejection.reason == "empty":
                    return []  # a feed with no entries now
                raise _SourceFailedError(f"{first.rejection.reason}: {first.rejection.detail}")
            report.items = len(documents)
            return [(_entry_key(d), d) for d in documents]
        text = data.decode(charset or "utf-8", "replace") if data else ""
        if not text.strip() or not is_url_list(text):
            raise _SourceFailedError(
                f"not an RSS/Atom feed nor a URL list ({len(data):,} bytes{', ' + media if media else ''})"
            )
        urls = [
            line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")
        ]
        report.items = len(urls)
        seen = self.state.seen(source, urls)
        found: list[tuple[str, Document]] = []
        for number, listed in enumerate(urls, start=1):
            if listed in seen:
                continue
            if url_problem(listed):
                continue  # a line that is no URL: nothing to fetch, now or later
            for document in self.reader.read_url(listed, fields={"url_list": source, "line": number}):
                found.append((listed, document))
        return found

    def _read_source(self, source: str) -> tuple[bytes, str | None, str | None, str | None]:
        if is_url(source):
            fetched = self.reader.fetch(source)
            if isinstance(fetched, Document):
                rejection = fetched.rejection
                detail = f"{rejection.reason}: {rejection.detail}" if rejection else "cannot fetch"
                raise _SourceFailedError(detail)
            return fetched.content, fetched.url, fetched.charset, fetched.media_type
        try:
            return Path(source).read_bytes(), None, None, None
        except OSError as error:
            raise _SourceFailedError(f"cannot read {source}: {error.strerror or error}") from error


# -- the command ---------------------------------------------------------------------------------------------------


def _logging(verbose: bool) -> None:
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("frontlines").setLevel(logging.DEBUG if verbose else logging.INFO)


def watch(
    feeds_file: Annotated[
        Path, typer.Argument(help="A file listing feed and URL-list URLs (or paths), one a line.")
    ],
    store: Annotated[
        str,
        typer.Option(
            "--store", help="The store: a SQLite file, sqlite:///path, or postgresql://user:pw@host/db."
        ),
    ] = "frontlines.sqlite",
    interval: Annotated[
        float, typer.Option("--interval", min=1.0, help="Seconds from one poll to the next (default 900).")
    ] = DEFAULT_INTERVAL,
    once: Annotated[
        bool, typer.Option("--once", help="Poll once and exit (for cron or a systemd timer).")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds to wait for a server before giving up (per read)."),
    ] = 20.0,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching from loopback and private addresses.")
    ] = False,
    fetch_linked: Annotated[
        bool,
        typer.Option("--fetch-linked", help="Read the page each feed entry links to, not the entry's text."),
    ] = False,
    settings: Annotated[
        Path | None,
        typer.Option("--settings", help="A YAML settings file (overrides the embedded defaults)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more.")] = False,
) -> None:
    """Follow feeds and URL lists: poll them on a schedule and ingest each new item once (state in the store)."""
    from frontlines.store import open_store

    _logging(verbose)
    try:
        configuration = load_settings(settings)
        sources = read_sources(feeds_file)
        with open_store(store) as opened:
            watcher = Watcher(
                opened,
                sources,
                settings=configuration,
                allow_private=allow_private,
                fetch_linked=fetch_linked,
                timeout=timeout,
            )
            previous = None
            if threading.current_thread() is threading.main_thread():
                previous = signal.signal(signal.SIGTERM, lambda *_: watcher.stop.set())
            try:
                log.info(
                    "watching %d sources every %g s into %s (%d items seen before)",
                    len(sources),
                    interval,
                    opened.address,
                    watcher.state.item_count(),
                )
                polls = watcher.run(interval, once=once)
                log.info("stopped after %d polls", polls)
            except KeyboardInterrupt:
                log.info("interrupted: stopped; what was stored stays, and the next start resumes from it")
                raise typer.Exit(130) from None
            finally:
                watcher.close()
                if previous is not None:
                    signal.signal(signal.SIGTERM, previous)
    except FrontlinesError as error:
        log.error("%s", error)
        raise typer.Exit(1) from error


def register(app: typer.Typer) -> None:
    """Add ``watch`` to ``app``."""
    app.command("watch")(watch)
