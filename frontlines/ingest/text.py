"""Plain text to Document, and the assembly every reader shares (metadata, identity, rejections).

The title of a plain text: when the first kept line reads like a headline it becomes ``document.title`` and also
stays in ``document.text`` (nothing is cut, offsets stay simple); ``provenance["title"]`` is then "text".

>>> document = document_from_text("Shelling hits Donetsk\\n\\nShells hit a market in the city, officials said.")
>>> document.title, document.id.startswith("doc-")
('Shelling hits Donetsk', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from frontlines.errors import ConfigurationError
from frontlines.ingest.boilerplate import Cleaned, clean_text
from frontlines.ingest.encoding import repair_mojibake
from frontlines.ingest.metadata import (
    OutletTable,
    Published,
    date_from_url,
    detect_language,
    find_dateline,
    load_outlets,
    looks_like_headline,
    outlet_from_footer,
    parse_published,
    parse_timezone,
)
from frontlines.model import Document, RawInput, content_id

STAGE = "ingest"

PublishedValue = str | date | datetime
TimezoneValue = str | tzinfo


@dataclass
class Options:
    """What the caller imposes on every document (``--published``, ``--timezone``) and the resources used."""

    published: Published | None = None
    timezone: tzinfo | None = None
    reference: date | None = None
    outlets: OutletTable = field(default_factory=load_outlets)

    @classmethod
    def make(
        cls,
        *,
        published: PublishedValue | None = None,
        timezone: TimezoneValue | None = None,
        reference: PublishedValue | None = None,
        outlets: OutletTable | None = None,
    ) -> Options:
        """Validate options once; a bad value raises ConfigurationError naming it."""
        try:
            published_value = parse_published(published) if published is not None else None
            reference_value = _as_date(parse_published(reference)) if reference is not None else None
        except ValueError as error:
            raise ConfigurationError(f"{error}; fix the --published or reference option") from error
        zone = parse_timezone(timezone) if isinstance(timezone, str) else timezone
        return cls(
            published=published_value,
            timezone=zone,
            reference=reference_value,
            outlets=outlets if outlets is not None else load_outlets(),
        )


def _as_date(published: Published) -> date:
    value = published.value
    return value.date() if isinstance(value, datetime) else value


@dataclass
class Given:
    """Metadata given with the input (a JSONL record's fields or the caller's keywords): provenance "input"."""

    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: Published | None = None


@dataclass
class HtmlMeta:
    """Metadata read from an HTML page (provenance "html-meta")."""

    title: str | None = None
    outlet: str | None = None
    published: Published | None = None
    author: str | None = None
    language: str | None = None


def document_from_text(
    text: str,
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
    """A Document from plain text: furniture removed and recorded, metadata found, rejections instead of errors.

    ``published``/``timezone`` are options (they override everything; a bad value raises ConfigurationError);
    ``title``, ``outlet``, ``url``, ``language`` and ``id`` are metadata given with the input.
    """
    options = Options.make(published=published, timezone=timezone, reference=reference, outlets=outlets)
    given = Given(id=id, title=title, outlet=outlet, url=url, language=language)
    raw = RawInput(source=source, kind="text", content=text)
    return assemble(raw, text, given=given, options=options)


def assemble(
    raw: RawInput,
    content: str,
    *,
    given: Given,
    options: Options,
    html: HtmlMeta | None = None,
    lines_are_paragraphs: bool = False,
    warnings: list[str] | None = None,
    removal_fields: dict[str, Any] | None = None,
) -> Document:
    """Clean ``content`` (the text, or the text extracted from HTML) and build the Document with its metadata."""
    warnings = list(warnings or [])
    if not content.strip():
        return rejected(raw, "empty", f"{describe(raw)}: no text", given=given, warnings=warnings)
    cleaned = clean_text(content, lines_are_paragraphs=lines_are_paragraphs)
    if removal_fields:
        for removal in cleaned.removed:
            for key, value in removal_fields.items():
                setattr(removal, key, value)
    if not cleaned.text.strip():
        return rejected(
            raw,
            "no-article",
            f"{describe(raw)}: only page furniture ({len(cleaned.removed)} lines removed)",
            given=given,
            warnings=warnings,
            removed=cleaned,
        )
    text, repaired = repair_mojibake(cleaned.text)
    if repaired:
        warnings.append("repaired mojibake (UTF-8 read as cp1252/latin-1) with ftfy.fix_encoding")

    document = Document(
        id=given.id or content_id(text), text=text, url=given.url, raw=raw, removed=cleaned.removed
    )
    provenance = document.provenance
    if given.url:
        provenance["url"] = "input"
    _title(document, cleaned, given, html)
    _outlet_and_published(document, cleaned, given, html, options, warnings)
    _language(document, given, warnings)
    _headline_into_text(document)
    document.warnings.extend(warnings)
    return document


def _headline_into_text(document: Document) -> None:
    """A headline given apart from the text (a record's title, a page's <title>) becomes the first paragraph.

    Headlines often carry the toll and the place ("2 dead, 3 hurt in Memphis club shooting") and every field must
    cite words of the clean text, so the headline is put where spans can point at it; provenance says so.
    """
    title = (document.title or "").strip()
    if not title or document.provenance.get("title") not in ("input", "html-meta"):
        return
    head = " ".join(document.text[:600].split()).lower()
    if " ".join(title.split()).lower()[:60] in head:
        return
    document.text = f"{title}\n\n{document.text}"
    document.provenance["title_in_text"] = "prepended"


def _title(document: Document, cleaned: Cleaned, given: Given, html: HtmlMeta | None) -> None:
    if given.title:
        document.title, document.provenance["title"] = given.title.strip(), "input"
    elif html and html.title:
        document.title, document.provenance["title"] = html.title, "html-meta"
    else:
        first = next((line for line in cleaned.kept if not line.blank), None)
        following = next(
            (line for line in cleaned.kept if not line.blank and first and line.start > first.start), None
        )
        if first and looks_like_headline(first.text, following.text if following else None):
            document.title, document.provenance["title"] = first.text, "text"


def _outlet_and_published(
    document: Document,
    cleaned: Cleaned,
    given: Given,
    html: HtmlMeta | None,
    options: Options,
    warnings: list[str],
) -> None:
    outlets = options.outlets
    provenance = document.provenance
    head = [line.text for line in cleaned.kept[:12]]
    dateline = find_dateline(head, reference=options.reference)
    dateline_outlet = outlets.by_name(dateline.outlet) if dateline and dateline.outlet else None

    # Outlet: given, then the URL's domain, then HTML metadata, then a dateline, then the removed footer.
    table_outlet = None
    if given.outlet:
        table_outlet = outlets.by_name(given.outlet)
        document.outlet, provenance["outlet"] = (
            (table_outlet.name if table_outlet else given.outlet.strip()),
            "input",
        )
    elif given.url and (table_outlet := outlets.by_url(given.url)):
        document.outlet, provenance["outlet"] = table_outlet.name, "outlet-table"
    elif html and html.outlet:
        table_outlet = outlets.by_name(html.outlet)
        document.outlet, provenance["outlet"] = (
            (table_outlet.name if table_outlet else html.outlet),
            "html-meta",
        )
    elif dateline_outlet:
        table_outlet = dateline_outlet
        document.outlet, provenance["outlet"] = dateline_outlet.name, "dateline"
    elif table_outlet := outlet_from_footer((r.text for r in cleaned.removed), outlets):
        document.outlet, provenance["outlet"] = table_outlet.name, "footer"

    # Publication: the option, then the input, then HTML metadata, then a dateline, then the URL's day.
    published: Published | None = None
    if options.published is not None:
        published, provenance["published"] = options.published, "option"
    elif given.published is not None:
        published, provenance["published"] = given.published, "input"
    elif html and html.published is not None:
        published, provenance["published"] = html.published, "html-meta"
    elif dateline and dateline.value:
        published, provenance["published"] = parse_published(dateline.value), "dateline"
        document.dateline = dateline.text  # type: ignore[attr-defined]  # an extra field: the words it came from
    elif given.url and (url_day := date_from_url(given.url)):
        published, provenance["published"] = parse_published(url_day), "url"
    elif dateline and dateline.warning:
        warnings.append(dateline.warning)

    if published is None:
        return
    if options.timezone is not None:
        published = published.in_zone(options.timezone, convert=True)
        if not published.is_date:
            provenance["timezone"] = "option"
    elif published.naive and table_outlet and table_outlet.timezone:
        published = published.in_zone(parse_timezone(table_outlet.timezone), convert=False)
        provenance["timezone"] = "outlet-table"
    if published.naive:
        warnings.append(
            f"publication time {published.iso()} has no time zone (outlet unknown); pass --timezone to set one"
        )
    document.published = published.iso()


def _language(document: Document, given: Given, warnings: list[str]) -> None:
    if given.language:
        document.language, document.provenance["language"] = given.language.strip().lower(), "input"
    else:
        code, _probability = detect_language(document.text)
        if code:
            document.language, document.provenance["language"] = code, "detected"
    if document.language and document.language != "en" and not document.language.startswith("en-"):
        warnings.append(
            f"language is {document.language!r}, not English: kept, but the annotators are built for English"
        )


def describe(raw: RawInput) -> str:
    """The input as a rejection detail names it: its source (path, path:line, stdin) or its kind."""
    if raw.source:
        return raw.source
    identity = next((raw.fields[key] for key in ("id", "doc_id", "document_id") if raw.fields.get(key)), None)
    return f"record {identity}" if identity else f"{raw.kind} input"


def rejected(
    raw: RawInput,
    reason: str,
    detail: str,
    *,
    given: Given | None = None,
    warnings: list[str] | None = None,
    removed: Cleaned | None = None,
) -> Document:
    """A Document that keeps the raw input and says why ingestion dropped it (the batch goes on)."""
    given = given or Given()
    identity = given.id or content_id(raw.content or raw.source or detail)
    document = Document(
        id=identity,
        text="",
        title=given.title,
        outlet=given.outlet,
        url=given.url,
        language=given.language,
        raw=raw,
        removed=removed.removed if removed else [],
        warnings=list(warnings or []),
    )
    if given.published is not None:
        document.published = given.published.iso()
        document.provenance["published"] = "input"
    return document.reject(STAGE, reason, detail)
