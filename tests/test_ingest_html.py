"""document_from_html: trafilatura body and metadata, boilerplate pass on its text, rejections."""

from __future__ import annotations

from pathlib import Path

from frontlines.ingest import document_from_html
from frontlines.model import Document, RawInput

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def reason(document: Document) -> str | None:
    return document.rejection.reason if document.rejection else None


def detail(document: Document) -> str:
    assert document.rejection is not None, "expected a rejection"
    return document.rejection.detail


def raw(document: Document) -> RawInput:
    assert document.raw is not None
    return document.raw


def test_html_page_gives_article_text_and_page_metadata():
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    document = document_from_html(html, source="page.html")
    assert document.rejection is None
    assert "killing three people and wounding eleven" in document.text
    assert "Ferry fares" not in document.text  # the aside's list
    assert "All rights reserved" not in document.text
    assert document.title == "Drone strike hits covered market in Velmora"
    assert document.outlet == "Northern Ledger"
    assert document.published == "2023-03-07T14:20:00+02:00"
    assert document.provenance["published"] == "html-meta"
    assert getattr(document, "author", None) == "Mira Castell"  # an extra field
    assert raw(document).kind == "html" and raw(document).content == html


def test_furniture_inside_the_extracted_text_is_removed_and_marked_as_such():
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    document = document_from_html(html)
    assert "Share this article" not in document.text
    assert [(r.reason, getattr(r, "within", None)) for r in document.removed] == [("share line", "extracted")]


def test_paragraphs_of_the_page_become_paragraphs_of_the_text():
    html = "<html><body><article><p>First paragraph of the report is here.</p><p>Second one.</p></article></body></html>"
    document = document_from_html(html)
    assert "First paragraph of the report is here.\n\nSecond one." in document.text


def test_page_without_an_article_is_rejected_naming_the_input():
    document = document_from_html(
        "<html><body><nav><a href='/'>Home</a></nav></body></html>", source="nav.html"
    )
    assert reason(document) == "no-article"
    assert "nav.html" in detail(document)
    assert raw(document).content.startswith("<html>")
