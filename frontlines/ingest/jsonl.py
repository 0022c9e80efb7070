"""JSON Lines of input documents (DESIGN section 2) to Documents, one line at a time.

A record is ``{"id", "text" | "html", "url", "title", "published", "outlet", "language"}``; every other field is
kept in ``document.raw.fields``. Common corpus spellings are read too (``doc_id``, ``content``/``body``, ``dct``/
``date``, ``uri``/``link``, ``headline``, ``site``/``publisher``), so a corpus dump can be read without conversion.

Each bad line becomes a rejected Document naming the path and line; the next line is read as usual.

>>> document = document_from_record({"id": "r1", "text": "Gunmen killed two guards at a checkpoint, police said."})
>>> document.id, document.provenance.get("published")
('r1', None)
>>> document_from_record({"id": "r2"}).rejection.reason
'no-text'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from frontlines.ingest.encoding import bytes_as_text
from frontlines.ingest.html import html_document
from frontlines.ingest.metadata import OutletTable, Published, parse_published
from frontlines.ingest.text import Given, Options, PublishedValue, TimezoneValue, assemble, rejected
from frontlines.model import Document, RawInput

# Field names of the contract first, then the spellings of common corpora.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "document_id", "_id"),
    "text": ("text", "content", "body", "article"),
    "html": ("html", "raw_html"),
    "url": ("url", "uri", "link"),
    "title": ("title", "headline"),
    "published": ("published", "dct", "date", "published_at", "pubdate", "publish_date"),
    "outlet": ("outlet", "site", "sitename", "publisher"),
    "language": ("language", "lang"),
}


def _field(record: dict[str, Any], name: str) -> tuple[str | None, Any]:
    for key in FIELD_ALIASES[name]:
        value = record.get(key)
        if value not in (None, ""):
            return key, value
    return None, None


def document_from_record(
    record: dict[str, Any],
    *,
    source: str = "",
    published: PublishedValue | None = None,
    timezone: TimezoneValue | None = None,
    reference: PublishedValue | None = None,
    outlets: OutletTable | None = None,
) -> Document:
    """A Document from one input record; ``published``/``timezone`` are options that override the record's."""
    options = Options.make(published=published, timezone=timezone, reference=reference, outlets=outlets)
    return record_document(record, source=source, options=options)


def record_document(record: Any, *, source: str, options: Options) -> Document:
    """The shared path of records (options already validated)."""
    if not isinstance(record, dict):
        raw = RawInput(source=source, kind="jsonl", content=json.dumps(record, ensure_ascii=False))
        return rejected(
            raw, "not-an-object", f"{source or 'record'}: a JSON {type(record).__name__}, not an object"
        )
    text_key, text = _field(record, "text")
    html_key, html = _field(record, "html")
    fields = {k: v for k, v in record.items() if k not in {text_key, html_key}}
    kind: Literal["html", "jsonl"] = "html" if html is not None and text is None else "jsonl"
    content = html if kind == "html" else text
    raw = RawInput(
        source=source,
        kind=kind,
        content=content if isinstance(content, str) else "",
        fields=fields,
        encoding="utf-8",
    )

    identity = _string(_field(record, "id")[1])
    given = Given(
        id=identity,
        title=_string(_field(record, "title")[1]),
        outlet=_string(_field(record, "outlet")[1]),
        url=_string(_field(record, "url")[1]),
        language=_string(_field(record, "language")[1]),
    )
    where = source or f"record {identity or ''}".strip()
    if content is None:
        if any(record.get(key) == "" for key in (*FIELD_ALIASES["text"], *FIELD_ALIASES["html"])):
            return rejected(raw, "empty", f"{where}: the record's text is empty", given=given)
        return rejected(raw, "no-text", f"{where}: the record has neither 'text' nor 'html'", given=given)
    if not isinstance(content, str):
        return rejected(raw, "no-text", f"{where}: '{text_key or html_key}' is not a string", given=given)

    published_key, published_value = _field(record, "published")
    if published_value is not None:
        try:
            given.published = _published(published_value)
        except ValueError as error:
            return rejected(raw, "invalid-published", f"{where}: '{published_key}': {error}", given=given)

    warnings: list[str] = []
    if kind == "html":
        return html_document(raw, content, given=given, options=options, warnings=warnings)
    return assemble(raw, content, given=given, options=options, warnings=warnings)


def _string(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _published(value: Any) -> Published:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"published value {value!r} is a number; give an ISO 8601 date or date-time")
    return parse_published(value)


def documents_from_lines(
    lines: Iterable[bytes], *, path: str, options: Options, max_bytes: int
) -> Iterator[Document]:
    """One Document per non-blank line of a JSONL stream; ``source`` is ``jsonl:PATH:LINE``.

    ``max_bytes`` applies to each line (a JSONL file may be any size: it is streamed).
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        source = f"jsonl:{path}:{number}"
        where = f"{path} line {number}"
        if len(line) > max_bytes:
            text, _ = bytes_as_text(line) if b"\x00" in line else (line.decode("utf-8", "replace"), False)
            raw = RawInput(source=source, kind="jsonl", content=text)
            yield rejected(raw, "too-large", f"{where}: {len(line):,} bytes, over the limit of {max_bytes:,}")
            continue
        try:
            decoded = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            text, _ = bytes_as_text(line)
            raw = RawInput(source=source, kind="jsonl", content=text, encoding="base64")
            yield rejected(raw, "undecodable", f"{where}: not UTF-8 ({error.reason} at byte {error.start})")
            continue
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as error:
            raw = RawInput(source=source, kind="jsonl", content=decoded.rstrip("\r\n"), encoding="utf-8")
            yield rejected(raw, "malformed-json", f"{where}: {error.msg} (column {error.colno})")
            continue
        yield record_document(record, source=source, options=options)
