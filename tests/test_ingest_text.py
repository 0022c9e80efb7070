"""document_from_text: clean text, metadata with provenance, options, identity, encoding repairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.errors import ConfigurationError
from frontlines.ingest import document_from_text
from frontlines.ingest.metadata import Outlet, OutletTable
from frontlines.model import Document, RawInput, content_id

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TABLE = OutletTable(
    [Outlet("Harbor Broadcasting Network", ("Harbor News",), ("hbn.example.kr",), "Asia/Seoul")]
)
BODY = (
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


@pytest.fixture
def scraped() -> str:
    return (FIXTURES / "scraped_footer.txt").read_text(encoding="utf-8")


def test_scraped_text_gets_dateline_time_in_the_footer_outlets_zone(scraped):
    document = document_from_text(scraped, source="scraped.txt", outlets=TABLE)
    assert document.published == "2023-05-14T15:45:00+09:00"
    assert document.outlet == "Harbor Broadcasting Network"
    assert document.provenance["published"] == "dateline"
    assert document.provenance["outlet"] == "footer"
    assert document.provenance["timezone"] == "outlet-table"
    assert document.rejection is None
    assert raw(document).content == scraped
    assert document.language == "en"


def test_first_line_headline_becomes_the_title_and_stays_in_the_text(scraped):
    document = document_from_text(scraped, outlets=TABLE)
    assert document.title is not None
    assert document.title.startswith("Militia fighters seize river crossing")
    assert document.text.startswith(document.title)
    assert document.provenance["title"] == "text"


def test_published_and_timezone_options_override_everything(scraped):
    document = document_from_text(
        scraped, outlets=TABLE, published="2023-05-15T08:00:00+00:00", timezone="+03:00"
    )
    assert document.published == "2023-05-15T11:00:00+03:00"
    assert document.provenance["published"] == "option"
    assert document.provenance["timezone"] == "option"


def test_timezone_option_localizes_a_dateline_without_offset(scraped):
    document = document_from_text(scraped, outlets=TABLE, timezone="Europe/Kyiv")
    assert document.published == "2023-05-14T15:45:00+03:00"


def test_a_date_only_value_stays_a_date():
    document = document_from_text(BODY, published="2022-08-19", timezone="Asia/Seoul")
    assert document.published == "2022-08-19"


def test_time_without_any_zone_is_kept_naive_with_a_warning():
    document = document_from_text("2023.05.14 PM 3:45\n\n" + BODY, outlets=TABLE)
    assert document.published == "2023-05-14T15:45:00"
    assert any("no time zone" in warning for warning in document.warnings)


def test_bad_options_raise_configuration_errors():
    with pytest.raises(ConfigurationError, match="published"):
        document_from_text(BODY, published="yesterday")
    with pytest.raises(ConfigurationError, match="time zone"):
        document_from_text(BODY, timezone="Nowhere/Town")


def test_id_is_given_or_a_hash_of_the_clean_text():
    assert document_from_text(BODY, id="given-1").id == "given-1"
    document = document_from_text(BODY + "\nShare this article")
    assert document.id == content_id(BODY)


def test_given_metadata_is_input_provenance():
    document = document_from_text(
        BODY, title="Officers killed", outlet="Harbor News", url="https://x.example/a"
    )
    assert document.title == "Officers killed"
    assert document.outlet == "Harbor News"  # not in the packaged table: kept as given
    assert document.provenance == {
        "url": "input",
        "title": "input",
        "outlet": "input",
        "language": "detected",
        "title_in_text": "prepended",
    }
    # The headline is put where spans can cite it; the body follows unchanged.
    assert document.text == "Officers killed\n\n" + BODY.strip()


def test_non_english_text_is_kept_and_marked():
    text = "Des combattants ont pris le contrôle du pont au nord du port samedi, selon les autorités locales."
    document = document_from_text(text)
    assert not document.rejected
    assert document.language == "fr"
    assert any("not English" in warning for warning in document.warnings)


def test_mojibake_is_repaired_and_reported():
    document = document_from_text(
        "The governor didnâ€™t confirm the toll from the strike on the depot, officials said."
    )
    assert "didn’t" in document.text
    assert any("mojibake" in warning for warning in document.warnings)


def test_blank_or_furniture_only_text_is_rejected_with_the_raw_kept():
    empty = document_from_text("   \n", source="blank.txt")
    assert reason(empty) == "empty" and "blank.txt" in detail(empty)
    furniture = document_from_text("Share this article\nAdvertisement\n")
    assert reason(furniture) == "no-article"
    assert raw(furniture).content == "Share this article\nAdvertisement\n"
    assert len(furniture.removed) == 2
