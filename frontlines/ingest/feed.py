"""RSS and Atom feeds (feedparser) to Documents: one per entry, or the linked page when asked.

Each entry becomes a Document:

- ``id``: the entry's id (Atom ``<id>``, RSS ``<guid>``), else its link, else the content hash;
- ``title``, ``url`` (the entry's link) and ``published`` (``published``, else ``updated``, with the offset the feed
  writes; RFC 822 and RFC 3339 both read) come from the entry, with provenance ``"feed"``;
- the text is the entry's content (else its summary) through the HTML path (trafilatura and the boilerplate pass);
  a fragment too short for trafilatura is read as plain text (its block elements as lines);
- ``raw`` is ``kind="feed"``, ``source`` ``FEED#entry-N``, the entry's HTML as ``content`` and its metadata in
  ``fields`` (``feed``, ``entry_id``, ``link``, ``title``, ``published``).

With ``fetch_linked`` the entry's link is fetched instead (through the same fetcher and address checks as any URL)
and the page's article is the text; the entry's id, title and publication time still win over the page's. A link
that cannot be fetched gives a rejected Document with the fetch's reason, naming the feed, the entry and the link.

A feed that does not parse gives one rejected Document, reason ``malformed-feed``, naming the feed; a well-formed
feed without entries gives one, reason ``empty``. A feed with an error after some entries (truncated) keeps the
entries read, each with a warning.

feedparser is only ever given bytes: it never fetches anything itself.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from frontlines.ingest.html import html_document
from frontlines.ingest.metadata import Published, parse_published
from frontlines.ingest.text import Given, Options, assemble, rejected
from frontlines.model import Document, RawInput

FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})

# A linked page fetcher: (link, given metadata, raw fields) -> the page's Document (or a rejected one).
LinkedReader = Callable[[str, Given, dict[str, Any]], Document]

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|pre|hr)\b[^>]*>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")
# feedparser's complaints that do not mean the feed is broken.
_BENIGN = frozenset({"CharacterEncodingOverride", "NonXMLContentType"})


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start (after an XML declaration, comments or a BOM) with an RSS, Atom or RDF root.

    >>> looks_like_feed(b'<?xml version="1.0"?>\\n<rss version="2.0"><channel>')
    True
    >>> looks_like_feed(b"<!doctype html><html><body><p>News</p>")
    False
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    match = _FEED_ROOT.search(head)
    if match is None:
        return False
    before = head[: match.start()].lower()
    return b"<html" not in before and b"<body" not in before


def feed_documents(
    data: bytes,
    *,
    source: str,
    options: Options,
    url: str | None = None,
    fetch_linked: bool = False,
    read_linked: LinkedReader | None = None,
) -> Iterator[Document]:
    """The Documents of a feed's bytes (see the module's docstring); ``url`` resolves relative links."""
    import feedparser

    headers = {"content-location": url} if url else {}
    parsed = feedparser.parse(data, response_headers=headers)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and type(problem).__name__ in _BENIGN:
        problem = None
    entries = list(parsed.get("entries") or [])
    if problem is not None and not any(_substantial(entry) for entry in entries):
        entries = []  # what the lenient parser made of garbage
    raw = RawInput(source=source, kind="feed", content=data.decode("utf-8", "replace"))
    if not entries:
        if problem is not None or not parsed.get("version"):
            why = f"{problem}" if problem is not None else "not an RSS or Atom feed"
            yield rejected(raw, "malformed-feed", f"{source}: the feed does not parse ({why})")
        else:
            yield rejected(raw, "empty", f"{source}: the feed has no entries")
        return
    warnings = (
        [f"the feed {source} is not well-formed ({problem}); entries read leniently"] if problem else []
    )
    feed = parsed.get("feed") or {}
    outlet = options.outlets.by_name(feed["title"]) if isinstance(feed.get("title"), str) else None
    for index, entry in enumerate(entries, start=1):
        yield _entry_document(
            entry,
            index,
            source=source,
            options=options,
            outlet=outlet.name if outlet else None,
            fetch_linked=fetch_linked,
            read_linked=read_linked,
            warnings=warnings,
        )


def _substantial(entry: Any) -> bool:
    return any(_text(entry.get(key)) for key in ("title", "link", "id", "summary")) or bool(
        entry.get("content")
    )


def _entry_document(
    entry: Any,
    index: int,
    *,
    source: str,
    options: Options,
    outlet: str | None,
    fetch_linked: bool,
    read_linked: LinkedReader | None,
    warnings: list[str],
) -> Document:
    link = _text(entry.get("link"))
    entry_id = _text(entry.get("id"))
    title = _text(entry.get("title"))
    published_text = _text(entry.get("published")) or _text(entry.get("updated"))
    where = f"{source} entry {index}"
    fields: dict[str, Any] = {
        "feed": source,
        "entry": index,
        "entry_id": entry_id,
        "link": link,
        "title": title,
        "published": published_text,
    }
    fields = {key: value for key, value in fields.items() if value is not None}
    given = Given(id=entry_id or link, title=title, url=link, outlet=outlet)
    entry_warnings = list(warnings)
    if published_text:
        published = _published(entry, published_text)
        if published is None:
            entry_warnings.append(f"{where}: publication time {published_text!r} not understood; ignored")
        given.published = published

    if fetch_linked and link and read_linked is not None:
        document = read_linked(link, given, fields)
        document.warnings[:0] = entry_warnings
    else:
        content, is_html = _content(entry)
        raw = RawInput(source=f"{source}#entry-{index}", kind="feed", content=content, fields=fields)
        if not content.strip():
            document = rejected(
                raw, "empty", f"{where}: no content or summary", given=given, warnings=entry_warnings
            )
        elif is_html:
            document = _html_entry(raw, content, given=given, options=options, warnings=entry_warnings)
        else:
            document = assemble(raw, content, given=given, options=options, warnings=entry_warnings)
    for key in ("title", "url", "published", "outlet"):
        if document.provenance.get(key) == "input":
            document.provenance[key] = "feed"
    if given.id:
        document.provenance.setdefault("id", "feed")
    return document


def _html_entry(
    raw: RawInput, fragment: str, *, given: Given, options: Options, warnings: list[str]
) -> Document:
    title = html_module.escape(given.title or "")
    page = f"<html><head><title>{title}</title></head><body><article>{fragment}</article></body></html>"
    document = html_document(raw, page, given=given, options=options, warnings=list(warnings))
    if document.rejection is None or document.rejection.reason != "no-article":
        return document
    text = fragment_text(fragment)
    return assemble(raw, text, given=given, options=options, warnings=warnings, lines_are_paragraphs=True)


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, block elements as lines, entities decoded.

    >>> fragment_text("<p>Shells hit a market.</p><p>Three were killed &amp; five hurt.</p>")
    'Shells hit a market.\\nThree were killed & five hurt.'
    """
    text = _TAG.sub("", _BLOCK.sub("\n", fragment))
    lines = (" ".join(html_module.unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _content(entry: Any) -> tuple[str, bool]:
    """The entry's HTML content (its first HTML part, else its first part), else its summary; and whether HTML."""
    parts = [part for part in entry.get("content") or [] if _text(part.get("value"))]
    part = next((p for p in parts if "html" in str(p.get("type", ""))), parts[0] if parts else None)
    if part is None:
        summary = _text(entry.get("summary")) or ""
        kind = str((entry.get("summary_detail") or {}).get("type", "text/html"))
        return summary, "html" in kind or bool(_TAG.search(summary))
    kind = str(part.get("type", "text/html"))
    value = str(part.get("value"))
    return value, "html" in kind or bool(_TAG.search(value))


def _published(entry: Any, value: str) -> Published | None:
    try:
        return parse_published(value)
    except ValueError:
        pass
    # feedparser understands more formats than we do, but gives them in UTC only: the offset is lost, not invented.
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    year, month, day, hour, minute, second = tuple(parsed)[:6]
    return Published(datetime(year, month, day, hour, minute, second, tzinfo=UTC))


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
