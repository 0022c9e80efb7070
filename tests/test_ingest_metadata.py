"""Datelines, publication values, time zones, outlets and language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from frontlines.errors import ConfigurationError
from frontlines.ingest.metadata import (
    Dateline,
    Outlet,
    OutletTable,
    detect_language,
    find_dateline,
    load_outlets,
    looks_like_headline,
    outlet_from_footer,
    parse_published,
    parse_timezone,
)

TABLE = OutletTable(
    [
        Outlet("Harbor Broadcasting Network", ("Harbor News", "HBN"), ("hbn.example.kr",), "Asia/Seoul"),
        Outlet("Wire Example", ("WEX",), ("wire.example.com",), "UTC"),
    ]
)


def dateline(lines: list[str], reference: date | None = None) -> Dateline:
    found = find_dateline(lines, reference=reference)
    assert found is not None, f"no dateline in {lines}"
    return found


def known(outlet: Outlet | None) -> Outlet:
    assert outlet is not None
    return outlet


def test_numeric_dateline_with_am_pm_reads_12_am_as_midnight():
    assert dateline(["2024.12.01 AM 12:02"]).value == "2024-12-01T00:02:00"
    assert dateline(["2023.05.14 PM 3:45"]).value == "2023-05-14T15:45:00"


def test_textual_dateline_keeps_an_unambiguous_zone_abbreviation():
    found = dateline(["Published: March 7, 2023 10:05 AM EST"])
    assert found.value == "2023-03-07T10:05:00-05:00"


def test_agency_dateline_gives_the_outlet_and_a_date_only_with_a_reference():
    line = "PORT HALDEN, Veldia, Nov. 30 (WEX) - Fighters took the bridge."
    without = dateline([line])
    assert without.value is None and without.outlet == "WEX" and "no year" in (without.warning or "")
    assert dateline([line], reference=date(2024, 12, 2)).value == "2024-11-30"
    # A reference early in January puts a late-December dateline in the year before.
    assert dateline(["Dec 30 (WEX) - Shelling."], reference=date(2025, 1, 2)).value == "2024-12-30"


def test_dates_deep_in_the_body_are_not_datelines():
    lines = ["Headline here", *[f"Paragraph {i} says something." for i in range(8)], "2024.12.01 AM 12:02"]
    assert find_dateline(lines) is None


def test_published_values_keep_dates_as_dates_and_offsets_as_given():
    assert parse_published("2014-01-12").iso() == "2014-01-12"
    assert parse_published("2024-12-01T00:02:00+09:00").iso() == "2024-12-01T00:02:00+09:00"
    assert parse_published("2024-12-01T00:02:00Z").iso() == "2024-12-01T00:02:00+00:00"
    assert parse_published("Sun, 01 Dec 2024 00:02:00 +0900").iso() == "2024-12-01T00:02:00+09:00"
    with pytest.raises(ValueError, match="not an ISO 8601"):
        parse_published("last Tuesday")


def test_timezones_by_name_or_offset_and_a_clear_error_otherwise():
    assert parse_timezone("+05:30").utcoffset(None) == timedelta(hours=5, minutes=30)
    assert str(parse_timezone("Asia/Seoul")) == "Asia/Seoul"
    with pytest.raises(ConfigurationError, match="IANA"):
        parse_timezone("Mars/Olympus")


def test_outlets_are_found_by_alias_domain_and_url():
    assert known(TABLE.by_name("harbor news")).name == "Harbor Broadcasting Network"
    assert known(TABLE.by_domain("news.hbn.example.kr")).name == "Harbor Broadcasting Network"
    assert known(TABLE.by_url("https://www.wire.example.com/a/b")).name == "Wire Example"
    assert TABLE.mentioned_in("the hbn-style") is None  # case-sensitive whole words


def test_footer_outlet_prefers_an_email_domain():
    lines = ["[Messenger] Wire Example channel", "[E-mail] tips@hbn.example.kr"]
    assert known(outlet_from_footer(lines, TABLE)).name == "Harbor Broadcasting Network"


def test_packaged_outlet_table_maps_wire_services_to_time_zones():
    table = load_outlets()
    assert known(table.by_name("YTN")).timezone == "Asia/Seoul"
    assert known(table.by_domain("ytn.co.kr")).name == "YTN"
    assert known(table.by_name("Reuters")).timezone == "UTC"
    assert known(table.by_name("Associated Press")).name == "AP"


def test_headlines_are_short_and_do_not_end_with_a_period():
    assert looks_like_headline('Militia seizes crossing...Army says "regrouping"', "Body text.")
    assert not looks_like_headline("The army said the crossing fell on Saturday.", "More text.")
    assert not looks_like_headline("Only line", None)


def test_language_is_detected_and_all_caps_transcripts_read_as_english():
    english = (
        "FIGHTERS TOOK CONTROL OF THE BRIDGE ON SATURDAY AND RESIDENTS FLED TOWARD THE COAST, OFFICIALS SAID."
    )
    assert detect_language(english)[0] == "en"
    assert (
        detect_language("Les combattants ont pris le contrôle du pont samedi, selon les autorités locales.")[
            0
        ]
        == "fr"
    )
    assert detect_language("Too short")[0] is None
