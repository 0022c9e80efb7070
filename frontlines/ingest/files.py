"""Paths, folders, stdin, URLs, URL lists and feeds to Documents, streamed one at a time.

- A file is read by its extension: ``.txt``/``.text`` plain text, ``.html``/``.htm`` HTML, ``.jsonl``/``.ndjson``
  JSON Lines (streamed line by line), ``.json`` a record, a list of records, or JSON Lines, ``.rss``/``.atom``/
  ``.xml`` an RSS/Atom feed (one document per entry), ``.urls`` a URL list. A file named explicitly with another
  extension is sniffed (feed, URL list, JSON Lines, HTML or text).
- A URL list is a ``.urls`` file (one URL a line; blank lines and ``#`` comment lines skipped; any other line is
  rejected as ``invalid-url``), or a ``.txt`` file, a file of unknown extension or stdin whose non-empty lines are
  all http(s) URLs and nothing else (a text with one prose line stays a text). Each URL is fetched.
- A folder is walked recursively in sorted order for those extensions; hidden files and folders are skipped.
- ``"-"`` is stdin, sniffed the same way; JSON Lines on stdin are streamed.
- ``http://``/``https://`` inputs are fetched through a ``Fetcher`` (by default an ``HttpFetcher``, which refuses
  private and loopback addresses unless ``allow_private``). By the content type and the bytes, a fetched page is
  HTML (the HTML path), text, or a feed (one document per entry); fetched content is never read as a URL list.
  The document's ``url`` is the final URL (provenance ``input``); after redirects ``raw.fields`` keeps
  ``requested_url`` and ``redirects``.

Missing paths and malformed URL arguments raise InputError before anything is read. Every problem with one input
becomes a rejected Document (empty, binary, undecodable, too-large, unreadable, malformed-json, malformed-feed,
invalid-url, refused-address, unreachable, timeout, http-error, too-many-redirects, unsupported-content-type, ...),
so a batch always goes on.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

import httpx

from frontlines.errors import FetchError, InputError
from frontlines.ingest.encoding import SNIFF_BYTES, bytes_as_text, decode_bytes, html_charset, looks_binary
from frontlines.ingest.feed import FEED_EXTENSIONS, feed_documents, looks_like_feed
from frontlines.ingest.fetch import FEED_TYPES, HTML_TYPES, XML_TYPES, Fetched, Fetcher, HttpFetcher
from frontlines.ingest.html import html_document
from frontlines.ingest.jsonl import documents_from_lines, record_document
from frontlines.ingest.metadata import OutletTable
from frontlines.ingest.text import Given, Options, PublishedValue, TimezoneValue, assemble, rejected
from frontlines.model import Document, RawInput
from frontlines.settings import Settings

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
JSON_EXTENSIONS = frozenset({".json"})
URL_LIST_EXTENSIONS = frozenset({".urls"})
EXTENSIONS = (
    TEXT_EXTENSIONS
    | HTML_EXTENSIONS
    | JSONL_EXTENSIONS
    | JSON_EXTENSIONS
    | FEED_EXTENSIONS
    | URL_LIST_EXTENSIONS
)
STDIN = "-"

_URL_LINE = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def is_url_list(text: str) -> bool:
    """True when every non-empty line of ``text`` (and there is one) is an http(s) URL and nothing else.

    >>> is_url_list("https://a.example/1\\n\\n  http://b.example/x?y=1\\n")
    True
    >>> is_url_list("Read more at https://a.example/1")
    False
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_URL_LINE.fullmatch(line) for line in lines)


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a fetchable http(s) URL (None when it is one)."""
    if not _URL_LINE.fullmatch(url.strip()):
        return "not an http(s) URL with a host"
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, ValueError) as error:
        return f"not a valid URL ({error})"
    return None if parsed.host else "the URL has no host"


# ---------------------------------------------------------------------------------------------------------------------
# The report


@dataclass
class IngestReport:
    """Tallies documents as they stream past: kept, rejected by reason, warnings.

    >>> report = IngestReport()
    >>> _ = report.add(Document(id="a", text="x"))
    >>> _ = report.add(Document(id="b", text="").reject("ingest", "empty"))
    >>> report.summary()
    '2 documents read: 1 kept, 1 rejected (empty 1)'
    """

    total: int = 0
    kept: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    warned: int = 0

    def add(self, document: Document) -> Document:
        self.total += 1
        if document.rejection is not None:
            self.rejected[document.rejection.reason] += 1
        else:
            self.kept += 1
        if document.warnings:
            self.warned += 1
        return document

    def track(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Pass documents through, counting them."""
        for document in documents:
            yield self.add(document)

    def summary(self) -> str:
        rejected = sum(self.rejected.values())
        noun = "document" if self.total == 1 else "documents"
        text = f"{self.total} {noun} read: {self.kept} kept, {rejected} rejected"
        if rejected:
            text += (
                " (" + ", ".join(f"{reason} {count}" for reason, count in self.rejected.most_common()) + ")"
            )
        if self.warned:
            text += f"; {self.warned} with warnings"
        return text


# ---------------------------------------------------------------------------------------------------------------------
# Reading


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    published: PublishedValue | None = None,
    timezone: TimezoneValue | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | TextIO | None = None,
    reference: PublishedValue | None = None,
    outlets: OutletTable | None = None,
    fetcher: Fetcher | None = None,
    allow_private: bool = False,
    fetch_linked: bool = False,
) -> Iterator[Document]:
    """Documents from paths, folders, ``"-"`` (stdin), URLs, URL lists and feeds; streamed one at a time.

    Options, paths and URL syntax are checked now (ConfigurationError, InputError); the documents come as they are
    read. ``max_bytes`` (default ``Settings.max_input_bytes``) limits each file, each line of a JSON Lines file and
    each fetched page. URLs are fetched by ``fetcher``; without one an ``HttpFetcher`` is made on the first URL
    (``allow_private`` lets it fetch from loopback and private addresses; it is closed when the stream ends).
    ``fetch_linked`` reads the page each feed entry links to instead of the entry's own content.
    """
    options = Options.make(published=published, timezone=timezone, reference=reference, outlets=outlets)
    limit = max_bytes if max_bytes is not None else Settings().max_input_bytes
    if limit <= 0:
        raise InputError(f"max_bytes must be positive, not {limit}")
    items = [str(item) if isinstance(item, Path) else item for item in inputs]
    if items.count(STDIN) > 1:
        raise InputError("stdin ('-') can be read only once; give it once among the inputs")
    for item in items:
        if item == STDIN:
            continue
        if is_url(item):
            problem = url_problem(item)
            if problem:
                raise InputError(f"{item}: {problem}; give an http:// or https:// URL with a host")
            continue
        if not Path(item).exists():
            raise InputError(f"{item}: no such file or folder; check the path")
    reader = Reader(
        options=options, limit=limit, fetcher=fetcher, allow_private=allow_private, fetch_linked=fetch_linked
    )
    return reader.read(items, stdin=stdin)


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` with a known extension, recursively, in sorted order, hidden ones skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        raise InputError(
            f"{folder}: cannot list this folder ({error.strerror}); check its permissions"
        ) from error
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(Path(entry.path))
        elif entry.is_file() and Path(entry.name).suffix.lower() in EXTENSIONS:
            yield Path(entry.path)


def kind_of(path: Path) -> str | None:
    """'text', 'html', 'jsonl', 'json', 'feed' or 'urls' by extension; None when the content must be sniffed."""
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        return "text"
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    if suffix in JSON_EXTENSIONS:
        return "json"
    if suffix in FEED_EXTENSIONS:
        return "feed"
    if suffix in URL_LIST_EXTENSIONS:
        return "urls"
    return None


def _kind_of_fetched(fetched: Fetched) -> str | None:
    """How fetched bytes are read: 'feed', 'html', 'text' or None (sniffed; never a URL list or JSON)."""
    media = fetched.media_type
    if media in FEED_TYPES or looks_like_feed(fetched.content):
        return "feed"
    if media in HTML_TYPES or media in XML_TYPES or (media and media.endswith("+xml")):
        return "html"
    if media == "text/plain":
        return "text"
    return None


@dataclass
class Reader:
    """Reads inputs with one set of options and one fetcher (made on the first URL when none is given)."""

    options: Options
    limit: int
    fetcher: Fetcher | None = None
    allow_private: bool = False
    fetch_linked: bool = False
    _own: HttpFetcher | None = field(default=None, init=False, repr=False)

    def read(self, items: list[str], *, stdin: BinaryIO | TextIO | None = None) -> Iterator[Document]:
        try:
            for item in items:
                if item == STDIN:
                    yield from self.read_stream(_binary(stdin if stdin is not None else sys.stdin))
                elif is_url(item):
                    yield from self.read_url(item)
                else:
                    path = Path(item)
                    if path.is_dir():
                        for file in walk(path):
                            yield from self.read_file(file)
                    else:
                        yield from self.read_file(path, explicit=True)
        finally:
            self.close()

    def close(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None
            self.fetcher = None

    def get_fetcher(self) -> Fetcher:
        if self.fetcher is None:
            self._own = HttpFetcher(allow_private=self.allow_private, max_bytes=self.limit)
            self.fetcher = self._own
        return self.fetcher

    # -- URLs

    def fetch(
        self, url: str, *, given: Given | None = None, fields: dict[str, Any] | None = None
    ) -> Fetched | Document:
        """The fetched page, or a rejected Document naming the URL and the reason."""
        try:
            return self.get_fetcher().fetch(url)
        except FetchError as error:
            reason = str(getattr(error, "reason", "") or "unreachable")
            raw = RawInput(source=url, kind="url", fields=dict(fields or {}))
            document = rejected(raw, reason, str(error), given=given or Given(url=url))
            status = getattr(error, "status", None)
            if status is not None and document.rejection is not None:
                document.rejection.status = status  # type: ignore[attr-defined]  # an extra field
            return document

    def read_url(self, url: str, *, fields: dict[str, Any] | None = None) -> Iterator[Document]:
        """The documents of one URL: a page (one), or a feed (one per entry)."""
        fetched = self.fetch(url, fields=fields)
        if isinstance(fetched, Document):
            yield fetched
            return
        fields = _fetched_fields(fetched, fields)
        yield from self.documents_from_bytes(
            fetched.content,
            source=fetched.url,
            kind=_kind_of_fetched(fetched),
            given=Given(url=fetched.url),
            declared=fetched.charset,
            fields=fields,
        )

    def read_linked(self, link: str, given: Given, fields: dict[str, Any]) -> Document:
        """The page a feed entry links to, with the entry's metadata (``given``); a failure names the feed entry."""
        fetched = self.fetch(link, given=given, fields=fields)
        if isinstance(fetched, Document):
            if fetched.rejection is not None:
                entry = f"{fields.get('feed', 'feed')} entry {fields.get('entry', '?')}"
                fetched.rejection.detail = f"{entry}: linked page {fetched.rejection.detail}"
            return fetched
        given.url = fetched.url
        kind = "text" if fetched.media_type == "text/plain" else "html"
        documents = self.documents_from_bytes(
            fetched.content,
            source=fetched.url,
            kind=kind,
            given=given,
            declared=fetched.charset,
            fields=_fetched_fields(fetched, fields),
        )
        return next(iter(documents))

    def read_url_list(self, text: str, *, source: str) -> Iterator[Document]:
        """Each URL of a URL list (blank lines and ``#`` comments skipped); a line that is no URL is rejected."""
        for number, line in enumerate(text.splitlines(), start=1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            problem = url_problem(url)
            if problem:
                raw = RawInput(source=f"{source}:{number}", kind="url", content=line)
                yield rejected(raw, "invalid-url", f"{source} line {number}: {url!r} is {problem}")
                continue
            yield from self.read_url(url, fields={"url_list": source, "line": number})

    # -- files and streams

    def read_file(self, path: Path, *, explicit: bool = False) -> Iterator[Document]:
        """The documents of one file (one, one per record of a JSON Lines file, per entry of a feed, per URL)."""
        source = str(path)
        kind = kind_of(path)
        try:
            if kind == "jsonl":
                with path.open("rb") as handle:
                    yield from documents_from_lines(
                        handle, path=source, options=self.options, max_bytes=self.limit
                    )
                return
            size = path.stat().st_size
            if size > self.limit and kind != "json":
                yield _too_large(path, size, self.limit)
                return
            data = path.read_bytes()
        except OSError as error:
            raw = RawInput(source=source, kind="text")
            yield rejected(raw, "unreadable", f"{source}: cannot be read ({error.strerror or error})")
            return
        if kind == "json":
            yield from _json_documents(data, path=source, options=self.options, limit=self.limit)
            return
        yield from self.documents_from_bytes(data, source=source, kind=kind, url_list=kind in {"text", None})

    def read_stream(self, stream: BinaryIO, *, source: str = "stdin") -> Iterator[Document]:
        """Documents from a byte stream: JSON Lines are streamed line by line; anything else is read whole."""
        head: list[bytes] = []
        line = stream.readline()
        while line and not line.strip():
            head.append(line)
            line = stream.readline()
        head.append(line)
        if line.lstrip().startswith(b"{"):
            try:
                json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                pass
            else:
                yield from documents_from_lines(
                    _chain(head, stream), path=source, options=self.options, max_bytes=self.limit
                )
                return
        data = b"".join(head) + stream.read()
        yield from self.documents_from_bytes(data, source=source, kind=None, url_list=True)

    def documents_from_bytes(
        self,
        data: bytes,
        *,
        source: str,
        kind: str | None,
        given: Given | None = None,
        declared: str | None = None,
        fields: dict[str, Any] | None = None,
        url_list: bool = False,
    ) -> Iterator[Document]:
        """The documents of one input's bytes: size, binary and encoding checks, then the text, HTML, JSON, feed or
        URL-list path.

        ``kind`` None sniffs the content (stdin, unknown extensions, fetched pages without a content type);
        ``url_list`` lets a text whose lines are all URLs be read as a URL list (never for fetched content).
        """
        given = given or Given()
        fields = dict(fields or {})
        limit = self.limit
        if len(data) > limit:
            binary = looks_binary(data)
            content, _ = bytes_as_text(data, limit) if binary else (data.decode("utf-8", "replace"), False)
            raw = RawInput(
                source=source,
                kind="text",
                content=content,
                encoding="base64" if binary else None,
                fields=fields,
            )
            detail = f"{source}: {len(data):,} bytes, over the limit of {limit:,}"
            yield rejected(
                raw,
                "too-large",
                detail + ("; binary, raw truncated to the limit" if binary else ""),
                given=given,
            )
            return
        if not data.strip():
            raw = RawInput(source=source, kind="text", fields=fields)
            yield rejected(raw, "empty", f"{source}: empty input", given=given)
            return
        if kind == "feed" or (kind is None and looks_like_feed(data)):
            if looks_binary(data):
                content, _ = bytes_as_text(data)
                raw = RawInput(source=source, kind="feed", content=content, encoding="base64", fields=fields)
                yield rejected(raw, "binary", f"{source}: binary data, not a feed", given=given)
                return
            yield from feed_documents(
                data,
                source=source,
                options=self.options,
                url=given.url,
                fetch_linked=self.fetch_linked,
                read_linked=self.read_linked,
            )
            return
        if kind == "urls":
            decoded = decode_bytes(data)
            if decoded.text is not None:
                yield from self.read_url_list(decoded.text, source=source)
                return
        if declared is None and kind in {"html", None}:
            declared = html_charset(data)
        decoded = decode_bytes(data, declared=declared)
        if decoded.text is None:
            content, _ = bytes_as_text(data)
            raw = RawInput(source=source, kind="text", content=content, encoding="base64", fields=fields)
            if decoded.binary:
                yield rejected(raw, "binary", f"{source}: binary data, not text", given=given)
            else:
                yield rejected(raw, "undecodable", f"{source}: {decoded.error}", given=given)
            return
        text = decoded.text
        if url_list and kind in {"text", None} and is_url_list(text):
            yield from self.read_url_list(text, source=source)
            return
        if kind is None:
            kind = sniff(text)
        if kind in {"jsonl", "json"}:
            yield from _json_documents(data, path=source, options=self.options, limit=limit)
        elif kind == "html":
            raw = RawInput(source=source, kind="html", content=text, encoding=decoded.encoding, fields=fields)
            yield html_document(raw, text, given=given, options=self.options, warnings=decoded.warnings)
        else:
            raw = RawInput(source=source, kind="text", content=text, encoding=decoded.encoding, fields=fields)
            yield assemble(raw, text, given=given, options=self.options, warnings=decoded.warnings)


def _fetched_fields(fetched: Fetched, fields: dict[str, Any] | None) -> dict[str, Any]:
    """Raw fields of a fetched page: what the caller gave, plus the URL asked for and the redirects, if any."""
    fields = dict(fields or {})
    if fetched.redirects:
        fields["requested_url"] = fetched.requested
        fields["redirects"] = list(fetched.redirects)
    return fields


def _too_large(path: Path, size: int, limit: int) -> Document:
    """Over the limit: a text is kept whole in ``raw``; a binary only up to the limit (the detail says so)."""
    source = str(path)
    detail = f"{source}: {size:,} bytes, over the limit of {limit:,} (raise max_bytes to read it)"
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        if looks_binary(head):
            handle.seek(0)
            content, _ = bytes_as_text(handle.read(limit))
            raw = RawInput(source=source, kind="text", content=content, encoding="base64")
            return rejected(
                raw, "too-large", f"{detail}; binary, raw kept as base64 of its first {limit:,} bytes"
            )
        handle.seek(0)
        data = handle.read()
    decoded = decode_bytes(data)
    if decoded.text is None:
        content, _ = bytes_as_text(data)
        raw = RawInput(source=source, kind="text", content=content, encoding="base64")
    else:
        raw = RawInput(source=source, kind="text", content=decoded.text, encoding=decoded.encoding)
    return rejected(raw, "too-large", detail)


def sniff(text: str) -> str:
    """'jsonl', 'html' or 'text' from the head of a decoded input."""
    head = text.lstrip()[:2048]
    if head.startswith(("{", "[")):
        first = head.splitlines()[0] if head else ""
        try:
            json.loads(first)
            return "jsonl"
        except json.JSONDecodeError:
            if head.startswith("["):
                return "json"
    lowered = head.lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in lowered or "<p>" in lowered:
        return "html"
    return "text"


def _json_documents(data: bytes, *, path: str, options: Options, limit: int) -> Iterator[Document]:
    """A .json file: one record, a list of records, or (when it does not parse as one value) JSON Lines."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        yield from documents_from_lines(io.BytesIO(data), path=path, options=options, max_bytes=limit)
        return
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records, start=1):
        yield record_document(record, source=f"json:{path}:{index}", options=options)


def _chain(head: list[bytes], stream: BinaryIO) -> Iterator[bytes]:
    yield from head
    yield from stream


def _binary(stream: BinaryIO | TextIO) -> BinaryIO:
    """The byte stream under a text stream (``sys.stdin.buffer``); a text stream without one is encoded as UTF-8."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return cast(BinaryIO, buffer)
    if isinstance(stream, io.TextIOBase):
        return io.BytesIO(stream.read().encode("utf-8"))
    return cast(BinaryIO, stream)
