"""RSS and Atom feeds: local files and URLs (a real HTTP server on loopback, tests/ingest_server.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_server import WEB, serve

from frontlines.ingest import HttpFetcher, looks_like_feed, read_inputs
from frontlines.model import Document


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(allow_private=True, read_timeout=2) as made:
        yield made


def local_feed(tmp_path: Path, name: str, base: str) -> Path:
    """The fixture feed with its links pointing at the test server."""
    path = tmp_path / name
    path.write_bytes((WEB / name).read_bytes().replace(b"{{BASE}}", base.encode()))
    return path


def reasons(documents: list[Document]) -> list[str]:
    return [d.rejection.reason if d.rejection else "kept" for d in documents]


def test_rss_file_gives_one_document_per_item():
    first, second = read_inputs([WEB / "feed.rss"])
    assert first.id == "ledger-2023-0307-velmora"  # the guid
    assert first.title == "Drone strike hits covered market in Velmora"
    assert first.published == "2023-03-07T14:20:00+02:00"  # RFC 822 with its offset
    # The entry's title heads the text (spans may cite it); the body follows.
    assert first.text.startswith(
        "Drone strike hits covered market in Velmora\n\nA drone struck the covered market in Velmora"
    )
    assert "<p>" not in first.text
    assert first.provenance["title"] == first.provenance["published"] == first.provenance["url"] == "feed"
    assert first.raw is not None and first.raw.kind == "feed"
    assert first.raw.source.endswith("feed.rss#entry-1")
    assert first.raw.fields["link"] == "{{BASE}}/article"
    assert second.id == "{{BASE}}/second"  # no guid: the link
    assert second.published == "2023-04-02T09:15:00+03:00"


def test_atom_file_reads_content_and_falls_back_to_updated():
    first, second = read_inputs([WEB / "feed.atom"])
    assert first.id == "urn:example:harbour-courier:ferry-crossing"
    assert first.published == "2023-04-02T09:15:00+03:00"
    assert "Artillery shells struck the ferry crossing" in first.text
    assert "engineers inspected the damaged pier" in first.text  # both paragraphs of the content
    assert second.published == "2023-03-07T15:00:00+02:00"  # no <published>: <updated>
    assert "\n\nA drone struck the covered market" in second.text  # a plain-text summary after its title


def test_feed_without_id_or_link_gets_a_content_id(tmp_path):
    path = tmp_path / "bare.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>t</title><item><title>Clash at the border post</title>'
        "<description>Border guards exchanged fire with smugglers overnight, a ministry spokesman said."
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    (document,) = read_inputs([path])
    assert document.rejection is None
    assert document.id.startswith("doc-")


def test_malformed_feed_is_rejected_naming_it():
    (document,) = read_inputs([WEB / "malformed.rss"])
    assert document.rejection is not None
    assert document.rejection.reason == "malformed-feed"
    assert "malformed.rss" in document.rejection.detail
    assert document.raw is not None and "Broken" in document.raw.content


def test_xml_file_that_is_no_feed_is_malformed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', encoding="utf-8")
    (document,) = read_inputs([path])
    assert document.rejection is not None and document.rejection.reason == "malformed-feed"


def test_empty_feed_is_rejected_as_empty(tmp_path):
    path = tmp_path / "quiet.atom"
    path.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>', encoding="utf-8")
    (document,) = read_inputs([path])
    assert document.rejection is not None and document.rejection.reason == "empty"


def test_truncated_feed_keeps_the_entries_read_with_a_warning(tmp_path):
    text = (WEB / "feed.rss").read_text(encoding="utf-8")
    path = tmp_path / "cut.rss"
    path.write_text(
        text[: text.index("<item>", text.index("</item>"))] + "<item><title>Half", encoding="utf-8"
    )
    documents = list(read_inputs([path]))
    assert documents[0].rejection is None
    assert documents[0].title == "Drone strike hits covered market in Velmora"
    assert any("not well-formed" in warning for warning in documents[0].warnings)


def test_feed_on_stdin_is_sniffed():
    data = (WEB / "feed.atom").read_bytes()
    assert looks_like_feed(data)
    documents = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert len(documents) == 2 and documents[0].raw is not None and documents[0].raw.kind == "feed"


def test_feed_url_gives_its_entries(base, fetcher):
    documents = list(read_inputs([f"{base}/feed.rss"], fetcher=fetcher))
    assert reasons(documents) == ["kept", "kept"]
    assert documents[0].url == f"{base}/article"
    assert documents[0].raw is not None and documents[0].raw.fields["feed"] == f"{base}/feed.rss"


def test_feed_served_as_html_is_still_a_feed(base, fetcher):
    documents = list(read_inputs([f"{base}/feed-as-html"], fetcher=fetcher))
    assert [d.title for d in documents] == [
        "Drone strike hits covered market in Velmora",
        "Ferry crossing shelled near Ostrava Bay",
    ]


def test_fetch_linked_reads_the_linked_articles(base, fetcher):
    first, second = read_inputs([f"{base}/feed.atom"], fetcher=fetcher, fetch_linked=True)
    assert first.rejection is None
    assert first.id == "urn:example:harbour-courier:ferry-crossing"  # the entry's id wins
    assert first.url == f"{base}/second"
    assert "Local officials said it was the third time" in first.text  # only on the page, not in the feed
    assert first.raw is not None and first.raw.kind == "html"
    assert first.raw.fields["entry_id"] == "urn:example:harbour-courier:ferry-crossing"
    assert first.provenance["published"] == "feed"
    assert "air defences had shot down two others" in second.text


def test_fetch_linked_from_a_local_feed(base, fetcher, tmp_path):
    path = local_feed(tmp_path, "feed.rss", base)
    first, _second = read_inputs([path], fetcher=fetcher, fetch_linked=True)
    assert "Firefighters worked for several hours" in first.text
    assert first.published == "2023-03-07T14:20:00+02:00"


def test_fetch_linked_failure_names_the_feed_entry_and_link(tmp_path):
    path = tmp_path / "dead.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>t</title><item><title>Gone</title>'
        "<link>http://10.9.8.7/story</link><description>Short.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (document,) = read_inputs([path], fetch_linked=True)
    assert document.rejection is not None
    assert document.rejection.reason == "refused-address"  # links in a feed are untrusted too
    assert "dead.rss entry 1: linked page http://10.9.8.7/story" in document.rejection.detail
    assert document.title == "Gone"


def test_malformed_feed_url_is_rejected(base, fetcher):
    (document,) = read_inputs([f"{base}/malformed.rss"], fetcher=fetcher)
    assert document.rejection is not None and document.rejection.reason == "malformed-feed"
    assert f"{base}/malformed.rss" in document.rejection.detail


def test_folder_walk_reads_feeds(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "a.atom").write_bytes((WEB / "feed.atom").read_bytes())
    assert len(list(read_inputs([tmp_path]))) == 2
