"""read_inputs: paths, folders, stdin, size limits and bad files, streamed with a report."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from frontlines.errors import ConfigurationError, InputError
from frontlines.ingest import Fetched, IngestReport, read_inputs
from frontlines.ingest.files import sniff
from frontlines.model import Document, RawInput

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "Gunmen attacked a police post in the town of Sarvel on Friday night, killing two officers, police said.\n"


def reason(document: Document) -> str | None:
    return document.rejection.reason if document.rejection else None


def detail(document: Document) -> str:
    assert document.rejection is not None, "expected a rejection"
    return document.rejection.detail


def raw(document: Document) -> RawInput:
    assert document.raw is not None
    return document.raw


def _reasons(documents):
    return {
        Path(raw(d).source.split(":")[1] if raw(d).source.startswith("jsonl:") else raw(d).source).name: (
            reason(d) if d.rejection else None
        )
        for d in documents
    }


def test_a_folder_is_read_recursively_by_extension_and_every_file_gives_documents():
    documents = list(read_inputs([FIXTURES]))
    by_source = {raw(d).source: d for d in documents}
    assert reason(by_source[str(FIXTURES / "binary.txt")]) == "binary"
    assert reason(by_source[str(FIXTURES / "empty.txt")]) == "empty"
    assert by_source[str(FIXTURES / "latin1.txt")].rejection is None
    assert by_source[str(FIXTURES / "page.html")].rejection is None
    assert by_source[str(FIXTURES / "scraped_footer.txt")].rejection is None
    assert sum(1 for d in documents if raw(d).source.startswith("jsonl:")) == 6


def test_latin1_file_is_decoded_and_the_encoding_reported():
    (document,) = read_inputs([FIXTURES / "latin1.txt"])
    assert "Saint-Étienne-du-Mont" in document.text
    assert "café" in document.text
    assert raw(document).encoding != "utf-8"
    assert any("not UTF-8" in warning for warning in document.warnings)


def test_binary_file_keeps_its_bytes_as_base64():
    (document,) = read_inputs([FIXTURES / "binary.txt"])
    assert reason(document) == "binary"
    assert base64.b64decode(raw(document).content) == (FIXTURES / "binary.txt").read_bytes()


def test_missing_paths_raise_before_anything_is_read():
    with pytest.raises(InputError, match="no such file"):
        read_inputs([FIXTURES / "page.html", FIXTURES / "missing.txt"])


def test_bad_options_raise_configuration_errors():
    with pytest.raises(ConfigurationError):
        read_inputs([FIXTURES / "page.html"], timezone="Atlantis/Central")


def test_urls_go_to_the_fetcher_given():
    with pytest.raises(InputError, match="URL"):
        read_inputs(["https://"])

    class Local:
        def fetch(self, url: str) -> Fetched:
            return Fetched(url=url, content=TEXT.encode(), content_type="text/plain")

    (document,) = read_inputs(["https://news.example.org/a"], fetcher=Local())
    assert raw(document).source == "https://news.example.org/a"
    assert document.url == "https://news.example.org/a"


def test_text_over_the_limit_is_rejected_but_kept_whole(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(TEXT * 10, encoding="utf-8")
    (document,) = read_inputs([path], max_bytes=100)
    assert reason(document) == "too-large"
    assert "long.txt" in detail(document)
    assert raw(document).content == TEXT * 10


def test_binary_over_the_limit_is_truncated_and_says_so(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"\x00\x01" * 10_000)
    (document,) = read_inputs([path], max_bytes=100)
    assert reason(document) == "too-large"
    assert "truncated" in detail(document) or "first 100 bytes" in detail(document)
    assert len(base64.b64decode(raw(document).content)) == 100


def test_stdin_text_and_jsonl_are_sniffed():
    (text,) = read_inputs(["-"], stdin=io.BytesIO(TEXT.encode()))
    assert raw(text).source == "stdin" and text.rejection is None
    lines = b'{"id": "a", "text": "' + TEXT.strip().encode() + b'"}\nnot json\n'
    documents = list(read_inputs(["-"], stdin=io.BytesIO(lines)))
    assert [reason(d) for d in documents] == [None, "malformed-json"]
    assert raw(documents[1]).source == "jsonl:stdin:2"


def test_stdin_may_be_a_text_stream():
    (document,) = read_inputs(["-"], stdin=io.StringIO(TEXT))
    assert document.text == TEXT.strip()


def test_reading_is_lazy_and_streams_one_document_at_a_time(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT.replace("two", "three"), encoding="utf-8")
    documents = read_inputs([tmp_path])
    assert raw(next(documents)).source == str(first)
    second.unlink()  # not opened yet: the stream has not reached it
    assert reason(next(documents)) == "unreadable"


def test_hidden_files_and_unknown_extensions_in_folders_are_skipped(tmp_path):
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.TXT").write_text(TEXT, encoding="utf-8")
    assert [Path(raw(d).source).name for d in read_inputs([tmp_path])] == ["a.TXT"]


def test_a_json_file_may_hold_a_list_of_records(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[{"id": "a", "text": "' + TEXT.strip() + '"}, {"id": "b"}]', encoding="utf-8")
    documents = list(read_inputs([path]))
    assert [d.id for d in documents] == ["a", "b"]
    assert reason(documents[1]) == "no-text"


def test_report_tallies_rejections_by_reason():
    report = IngestReport()
    for _ in report.track(read_inputs([FIXTURES])):
        pass
    assert report.total == 11
    assert report.rejected == {
        "binary": 1,
        "empty": 1,
        "malformed-json": 1,
        "no-text": 1,
        "invalid-published": 1,
        "not-an-object": 1,
    }
    assert report.summary().startswith("11 documents read: 5 kept, 6 rejected")


def test_sniffing_tells_records_html_and_text_apart():
    assert sniff('{"id": "a", "text": "x"}\n') == "jsonl"
    assert sniff("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff("Shells hit the town. <b> is not a page") == "text"
