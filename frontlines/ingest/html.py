"""HTML to Document: trafilatura extracts the article body and metadata; our boilerplate pass runs on its text.

The publication time comes from the page's metadata (``article:published_time``, ``og:published_time``,
``datePublished`` in JSON-LD or microdata, ``<time pubdate>``), which carries the time and offset; failing that from
htmldate with ``extensive_search=False`` (a date only, from metadata and URL, never from the body's prose).

Removals found in the extracted text carry ``within="extracted"``: their offsets are in trafilatura's text (which
the same page always yields again), while ``document.raw.content`` keeps the whole page.

trafilatura is imported on first use, so reading plain text never pays for it.
"""

from __future__ import annotations

import re
from typing import Any

from frontlines.ingest.metadata import OutletTable, Published, parse_published
from frontlines.ingest.text import (
    Given,
    HtmlMeta,
    Options,
    PublishedValue,
    TimezoneValue,
    assemble,
    describe,
    rejected,
)
from frontlines.model import Document, RawInput

# Meta tags that carry the first publication time with its offset, in order of trust.
_PUBLISHED_XPATHS = (
    "//meta[@property='article:published_time' or @name='article:published_time']/@content",
    "//meta[@property='og:published_time' or @name='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//time[@itemprop='datePublished']/@datetime",
    "//meta[@name='parsely-pub-date' or @name='sailthru.date' or @name='pubdate' or @name='publishdate']/@content",
    "//meta[@name='dc.date.issued' or @name='DC.date.issued' or @name='dcterms.created']/@content",
    "//time[@pubdate]/@datetime",
)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def document_from_html(
    html: str,
    *,
    id: str | None = None,  # the contract's field name
    source: str = "",
    published: PublishedValue | None = None,
    timezone: TimezoneValue | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    reference: PublishedValue | None = None,
    outlets: OutletTable | None = None,
) -> Document:
    """A Document from an HTML page (keywords as ``document_from_text``); a page without an article is rejected."""
    options = Options.make(published=published, timezone=timezone, reference=reference, outlets=outlets)
    given = Given(id=id, title=title, outlet=outlet, url=url, language=language)
    raw = RawInput(source=source, kind="html", content=html)
    return html_document(raw, html, given=given, options=options)


def html_document(
    raw: RawInput, html: str, *, given: Given, options: Options, warnings: list[str] | None = None
) -> Document:
    """The shared path of HTML files, HTML in JSONL records and (later) fetched pages."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    if not html.strip():
        return rejected(raw, "empty", f"{describe(raw)}: no HTML", given=given, warnings=warnings)
    tree = load_html(html)
    if tree is None:
        return rejected(
            raw, "no-article", f"{describe(raw)}: not parseable as HTML", given=given, warnings=warnings
        )
    meta_published = _published_from_meta(tree, html)
    result = bare_extraction(
        tree,
        url=given.url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    data: dict[str, Any] = result.as_dict() if result is not None and hasattr(result, "as_dict") else {}
    body = data.get("text") or ""
    if not body.strip():
        return rejected(
            raw,
            "no-article",
            f"{describe(raw)}: trafilatura found no article text",
            given=given,
            warnings=warnings,
        )
    meta = HtmlMeta(
        title=_clean(data.get("title")),
        outlet=_clean(data.get("sitename")),
        author=_clean(data.get("author")),
        published=meta_published or _htmldate(data.get("date")),
    )
    document = assemble(
        raw,
        body,
        given=given,
        options=options,
        html=meta,
        lines_are_paragraphs=True,
        warnings=warnings,
        removal_fields={"within": "extracted"},
    )
    if meta.author and not document.rejected:
        document.author = meta.author  # type: ignore[attr-defined]  # an extra field of the contract
    return document


def _clean(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _published_from_meta(tree: Any, html: str) -> Published | None:
    candidates: list[str] = []
    for xpath in _PUBLISHED_XPATHS:
        candidates.extend(str(value) for value in tree.xpath(xpath))
    candidates.extend(_JSON_LD_PUBLISHED.findall(html[:200_000]))
    for candidate in candidates:
        try:
            return parse_published(candidate)
        except ValueError:
            continue
    return None


def _htmldate(value: Any) -> Published | None:
    try:
        return parse_published(value) if value else None
    except ValueError:
        return None
