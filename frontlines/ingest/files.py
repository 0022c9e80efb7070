"""Paths, folders and stdin to Documents, streamed one at a time.

- A file is read by its extension: ``.txt``/``.text`` plain text, ``.html``/``.htm`` HTML, ``.jsonl``/``.ndjson``
  JSON Lines (streamed line by line), ``.json`` a record, a list of records, or JSON Lines. A file named explicitly
  with another extension is sniffed (JSON Lines, HTML or text).
- A folder is walked recursively in sorted order for those extensions; hidden files and folders are skipped.
- ``"-"`` is stdin, sniffed the same way; JSON Lines on stdin are streamed.
- ``http(s)://`` inputs go to a ``Fetcher`` (an interface; none is built in yet, so they raise InputError).

Missing paths raise InputError before anything is read. Every problem with one input becomes a rejected Document
(empty, binary, undecodable, too-large, unreadable, malformed-json, ...), so a batch always goes on.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO, cast

from frontlines.errors import InputError
from frontlines.ingest.encoding import SNIFF_BYTES, bytes_as_text, decode_bytes, looks_binary
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
EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS | JSON_EXTENSIONS
STDIN = "-"


# ---------------------------------------------------------------------------------------------------------------------
# Fetching (an interface only: network access comes with the feed and URL readers)


@dataclass(frozen=True)
class Fetched:
    """What a fetcher returns: the final URL, the bytes and the declared content type."""

    url: str
    content: bytes
    content_type: str | None = None


class Fetcher(Protocol):
    """Fetches a URL. Implementations raise ``frontlines.errors.FetchError`` when a URL cannot be fetched."""

    def fetch(self, url: str) -> Fetched: ...


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


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
) -> Iterator[Document]:
    """Documents from paths, folders, ``"-"`` (stdin) and, given a fetcher, URLs; streamed one at a time.

    Options and paths are checked now (ConfigurationError, InputError); the documents come as they are read.
    ``max_bytes`` (default ``Settings.max_input_bytes``) limits each file, and each line of a JSON Lines file.
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
            if fetcher is None:
                raise InputError(
                    f"{item}: reading URLs is not supported yet; save the page and give its path"
                )
            continue
        if not Path(item).exists():
            raise InputError(f"{item}: no such file or folder; check the path")
    return _read(items, options=options, limit=limit, stdin=stdin, fetcher=fetcher)


def _read(
    items: list[str],
    *,
    options: Options,
    limit: int,
    stdin: BinaryIO | TextIO | None,
    fetcher: Fetcher | None,
) -> Iterator[Document]:
    for item in items:
        if item == STDIN:
            yield from read_stream(
                _binary(stdin if stdin is not None else sys.stdin), options=options, limit=limit
            )
        elif is_url(item) and fetcher is not None:
            fetched = fetcher.fetch(item)
            kind = "html" if fetched.content_type and "html" in fetched.content_type else None
            yield from documents_from_bytes(
                fetched.content, source=fetched.url, kind=kind, options=options, limit=limit, url=fetched.url
            )
        else:
            path = Path(item)
            if path.is_dir():
                for file in walk(path):
                    yield from read_file(file, options=options, limit=limit)
            else:
                yield from read_file(path, options=options, limit=limit, explicit=True)


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
    """'text', 'html', 'jsonl' or 'json' by extension; None when the content must be sniffed."""
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        return "text"
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    if suffix in JSON_EXTENSIONS:
        return "json"
    return None


def read_file(path: Path, *, options: Options, limit: int, explicit: bool = False) -> Iterator[Document]:
    """The documents of one file (one, or one per record of a JSON Lines file)."""
    source = str(path)
    kind = kind_of(path)
    try:
        if kind == "jsonl":
            with path.open("rb") as handle:
                yield from documents_from_lines(handle, path=source, options=options, max_bytes=limit)
            return
        size = path.stat().st_size
        if size > limit and kind != "json":
            yield _too_large(path, size, limit)
            return
        data = path.read_bytes()
    except OSError as error:
        raw = RawInput(source=source, kind="text")
        yield rejected(raw, "unreadable", f"{source}: cannot be read ({error.strerror or error})")
        return
    if kind == "json":
        yield from _json_documents(data, path=source, options=options, limit=limit)
        return
    yield from documents_from_bytes(data, source=source, kind=kind, options=options, limit=limit)


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


def documents_from_bytes(
    data: bytes,
    *,
    source: str,
    kind: str | None,
    options: Options,
    limit: int,
    url: str | None = None,
) -> Iterator[Document]:
    """The documents of one input's bytes: size, binary and encoding checks, then the text, HTML or JSON path.

    ``kind`` None sniffs the decoded content (stdin, unknown extensions, fetched pages without a content type).
    """
    given = Given(url=url)
    if len(data) > limit:
        binary = looks_binary(data)
        content, _ = bytes_as_text(data, limit) if binary else (data.decode("utf-8", "replace"), False)
        raw = RawInput(source=source, kind="text", content=content, encoding="base64" if binary else None)
        detail = f"{source}: {len(data):,} bytes, over the limit of {limit:,}"
        yield rejected(raw, "too-large", detail + ("; binary, raw truncated to the limit" if binary else ""))
        return
    if not data.strip():
        yield rejected(RawInput(source=source, kind="text"), "empty", f"{source}: empty input", given=given)
        return
    decoded = decode_bytes(data)
    if decoded.text is None:
        content, _ = bytes_as_text(data)
        raw = RawInput(source=source, kind="text", content=content, encoding="base64")
        if decoded.binary:
            yield rejected(raw, "binary", f"{source}: binary data, not text", given=given)
        else:
            yield rejected(raw, "undecodable", f"{source}: {decoded.error}", given=given)
        return
    text = decoded.text
    if kind is None:
        kind = sniff(text)
    if kind in {"jsonl", "json"}:
        yield from _json_documents(data, path=source, options=options, limit=limit)
    elif kind == "html":
        raw = RawInput(source=source, kind="html", content=text, encoding=decoded.encoding)
        yield html_document(raw, text, given=given, options=options, warnings=decoded.warnings)
    else:
        raw = RawInput(source=source, kind="text", content=text, encoding=decoded.encoding)
        yield assemble(raw, text, given=given, options=options, warnings=decoded.warnings)


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


def read_stream(
    stream: BinaryIO, *, options: Options, limit: int, source: str = "stdin"
) -> Iterator[Document]:
    """Documents from a byte stream: JSON Lines are streamed line by line; anything else is one document."""
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
                _chain(head, stream), path=source, options=options, max_bytes=limit
            )
            return
    data = b"".join(head) + stream.read()
    yield from documents_from_bytes(data, source=source, kind=None, options=options, limit=limit)


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
