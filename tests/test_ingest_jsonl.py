"""Input records and JSON Lines: the contract's fields, corpus aliases, and one rejection per bad line."""

from __future__ import annotations

import io
from pathlib import Path

from frontlines.ingest import document_from_record
from frontlines.ingest.jsonl import documents_from_lines
from frontlines.ingest.text import Options
from frontlines.model import Document, RawInput

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = (
    "Gunmen attacked a police post in the town of Sarvel on Friday night, killing two officers, police said."
)


def reason(document: Document) -> str | None:
    return document.rejection.reason if document.rejection else None


def detail(document: Document) -> str:
    assert document.rejection is not None, "expected a rejection"
    return document.rejection.detail


def raw(document: Document) -> RawInput:
    assert document.raw is not None
    return document.raw


def _read(data: bytes) -> list:
    return list(
        documents_from_lines(io.BytesIO(data), path="in.jsonl", options=Options.make(), max_bytes=10_000)
    )


def test_each_bad_line_becomes_a_rejection_and_the_batch_goes_on():
    with (FIXTURES / "records.jsonl").open("rb") as handle:
        documents = list(
            documents_from_lines(handle, path="records.jsonl", options=Options.make(), max_bytes=10**6)
        )
    outcome = [(d.id, reason(d) if d.rejection else None) for d in documents]
    assert [reason for _, reason in outcome] == [
        None,
        "malformed-json",
        "no-text",
        None,
        "invalid-published",
        "not-an-object",
    ]
    assert detail(documents[1]).startswith("records.jsonl line 2:")
    assert raw(documents[1]).content.startswith('{"id": "rec-2"')
    assert raw(documents[4]).source == "jsonl:records.jsonl:5"


def test_record_fields_are_input_metadata_and_the_rest_is_kept():
    record = {"id": "r1", "text": TEXT, "published": "2022-08-19", "outlet": "Yonhap", "topic": "security"}
    document = document_from_record(record)
    assert document.id == "r1"
    assert document.published == "2022-08-19"
    assert document.outlet == "Yonhap"
    assert document.provenance["published"] == "input"
    assert raw(document).fields == {
        "id": "r1",
        "published": "2022-08-19",
        "outlet": "Yonhap",
        "topic": "security",
    }
    assert raw(document).content == TEXT


def test_html_inside_a_record_goes_through_the_html_path():
    html = "<html><body><article><p>" + TEXT + "</p><p>The attackers fled.</p></article></body></html>"
    document = document_from_record({"id": "h1", "html": html, "url": "https://www.yna.co.kr/view/1"})
    assert raw(document).kind == "html"
    assert TEXT in document.text
    assert document.outlet == "Yonhap"
    assert document.provenance["outlet"] == "outlet-table"


def test_corpus_field_spellings_are_read():
    document = document_from_record(
        {"doc_id": "g1", "content": TEXT, "dct": "2014-01-12", "uri": "http://x.example"}
    )
    assert (document.id, document.published, document.url) == ("g1", "2014-01-12", "http://x.example")


def test_record_options_override_the_records_own_published():
    document = document_from_record(
        {"id": "r", "text": TEXT, "published": "2022-08-19"}, published="2022-08-20"
    )
    assert document.published == "2022-08-20"
    assert document.provenance["published"] == "option"


def test_empty_text_and_missing_text_have_different_reasons():
    assert reason(document_from_record({"id": "e", "text": ""})) == "empty"
    assert reason(document_from_record({"id": "m", "title": "t"})) == "no-text"
    assert reason(document_from_record({"id": "n", "text": 5})) == "no-text"


def test_invalid_published_names_the_field_and_keeps_the_raw():
    document = document_from_record(
        {"id": "p", "text": TEXT, "published": 1700000000}, source="jsonl:a.jsonl:3"
    )
    assert reason(document) == "invalid-published"
    assert "a.jsonl:3" in detail(document)
    assert raw(document).content == TEXT


def test_undecodable_and_oversized_lines_are_rejected_with_their_line_numbers():
    documents = _read(
        b'{"id": "ok", "text": "' + TEXT.encode() + b'"}\n{"text": "\xff\xfe bad"}\n' + b"x" * 20_000
    )
    assert [reason(d) for d in documents] == [
        None,
        "undecodable",
        "too-large",
    ]
    assert "line 2" in detail(documents[1])
    assert raw(documents[1]).encoding == "base64"
    assert "line 3" in detail(documents[2])


def test_a_record_without_a_publication_date_takes_the_day_its_url_states():
    record = {
        "id": "u1",
        "url": "http://fox43.com/2015/12/28/man-injured-in-york-city-shooting/",
        "text": "A man was shot in York on Sunday night, police said. He is in stable condition.",
    }
    document = document_from_record(record)
    assert document.published == "2015-12-28"
    assert document.provenance["published"] == "url"
    given = document_from_record({**record, "published": "2015-12-29"})
    assert given.published == "2015-12-29" and given.provenance["published"] == "input"
    no_day = document_from_record({**record, "url": "http://m.wdsu.com/news/shots-fired/36925834"})
    assert no_day.published is None
