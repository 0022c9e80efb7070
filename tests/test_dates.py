"""The dates layer: time expressions found, normalized TimeML style and resolved against the local publication day."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from frontlines.annotate.dates import DateStage, local_publication_date, main_timezone
from frontlines.annotate.timex import NO_REFERENCE, NO_YEAR, find_timexes
from frontlines.model import Document, PlaceMention

# Published at 00:02 on Sunday 1 December 2024 in Seoul: still Saturday 30 November in Syria.
SEOUL_SUNDAY = "2024-12-01T00:02:00+09:00"


def make_document(
    text: str, published: str | None = SEOUL_SUNDAY, place: str | None = "Asia/Damascus"
) -> Document:
    """A hand-built document: sentences cut at full stops, one place (Aleppo) with the given time zone."""
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text) if m.group(0).strip()]
    document = Document(id="test", text=text, published=published, sentences=sentences)
    if place:
        document.text = "Aleppo. " + text
        document.sentences = [(0, 7)] + [(s + 8, e + 8) for s, e in sentences]
        document.places = [PlaceMention(start=0, end=6, text="Aleppo", name="Aleppo", timezone=place)]
    return DateStage()(document)


def values(document: Document) -> dict[str, str | None]:
    return {mention.text: mention.value for mention in document.dates}


def only(document: Document, text: str):
    found = [m for m in document.dates if m.text == text]
    assert len(found) == 1, f"{text!r} not found once in {[m.text for m in document.dates]}"
    return found[0]


# -- the publication day in the place's calendar ----------------------------------------------------------------------


def test_dates_resolve_weekday_across_the_date_line_in_the_place_calendar():
    document = make_document("At least 16 civilians were killed in an airstrike on Thursday local time.")
    mention = only(document, "on Thursday local time")
    assert (mention.value, mention.granularity) == ("2024-11-28", "day")
    assert (mention.start_date, mention.end_date) == ("2024-11-28", "2024-11-28")


def test_dates_today_is_the_publication_day_in_the_place_not_in_the_outlet_city():
    assert values(make_document("Fighting continued today."))["today"] == "2024-11-30"
    assert values(make_document("Fighting continued today.", place=None))["today"] == "2024-12-01"


def test_local_publication_date_uses_offset_place_and_plain_dates():
    document = Document(id="d", text="", published=SEOUL_SUNDAY)
    assert local_publication_date(document, "Asia/Damascus") == date(2024, 11, 30)
    assert local_publication_date(document, None) == date(2024, 12, 1)
    assert local_publication_date(document, "Not/AZone") == date(2024, 12, 1)
    assert local_publication_date(Document(id="d", text="", published="2014-01-12"), "Asia/Damascus") == date(
        2014, 1, 12
    )
    assert local_publication_date(Document(id="d", text="", published=None), None) is None


def test_local_publication_date_is_the_pages_own_earlier_stamp():
    # A page collected long after it was posted: its stamp, not the collection day, is when "Monday night" was.
    text = "Four men arrested\n\nUpdated: 11/26/2015 11:53 AM\n\nCreated: 11/25/2015 4:15 PM\n\nShots rang out Monday night."
    document = DateStage()(Document(id="d", text=text, published="2017-01-28T10:00:00+00:00"))
    assert local_publication_date(document) == date(2015, 11, 25)
    assert values(document)["Monday night"] == "2015-11-23TNI"
    # A stamp within a day of the publication (a time zone apart) or after it changes nothing.
    later = Document(
        id="d", text="Posted: Friday, July 17, 2015 2:26 PM", published="2015-07-16T23:00:00-04:00"
    )
    assert local_publication_date(later) == date(2015, 7, 16)


def test_main_timezone_is_the_most_frequent_toponym_with_a_zone():
    places = [
        PlaceMention(start=0, end=1, text="a", name="Aleppo", geonameid=1, timezone="Asia/Damascus"),
        PlaceMention(start=2, end=3, text="b", name="Moscow", geonameid=2, timezone="Europe/Moscow"),
        PlaceMention(start=4, end=5, text="c", name="Aleppo", geonameid=1, timezone="Asia/Damascus"),
        PlaceMention(start=6, end=7, text="d", name="Nowhere"),
    ]
    assert main_timezone(places) == "Asia/Damascus"
    assert main_timezone([]) is None


# -- weekdays and days of the month ------------------------------------------------------------------------------------


def test_dates_resolve_weekday_to_most_recent_on_or_before_publication():
    # 2024-11-29 is a Friday: an article of Friday saying "on Friday" means that Friday
    document = make_document("Talks ended on Friday.", published="2024-11-29", place=None)
    assert values(document)["on Friday"] == "2024-11-29"
    document = make_document("Rebels attacked last Friday. Talks resume next Friday.", published="2024-11-29")
    assert values(document)["last Friday"] == "2024-11-22"
    assert values(document)["next Friday"] == "2024-12-06"


def test_dates_resolve_day_of_month_to_most_recent_not_after_publication():
    document = make_document("The offensive began on the 27th. A truce was agreed on the 31st.")
    assert values(document)["on the 27th"] == "2024-11-27"
    assert values(document)["on the 31st"] == "2024-10-31"  # November has no 31st


def test_dates_ordinal_that_names_a_unit_is_not_a_date():
    document = make_document("The 27th Brigade marked its 27th anniversary.")
    assert document.dates == []


def test_dates_since_day_of_month_spans_to_publication_day():
    mention = only(make_document("327 people have been killed since the 27th."), "since the 27th")
    assert mention.value == "2024-11-27"
    assert (mention.start_date, mention.end_date) == ("2024-11-27", "2024-11-30")


# -- absolute dates ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on November 28, 2024", "2024-11-28"),
        ("on 28 November 2024", "2024-11-28"),
        ("on Thursday, Nov. 28", "2024-11-28"),
        ("on the 28th of November", "2024-11-28"),
        ("on 2024-11-28", "2024-11-28"),
        ("on 11/28/2024", "2024-11-28"),
        ("on 28.11.2024", "2024-11-28"),
        ("on 11/27/24", "2024-11-27"),
        ("in November 2024", "2024-11"),
        ("in 2016", "2016"),
        ("in the 1990s", "199"),
        ("in the spring of 2011", "2011-SP"),
        ("in the third quarter of 2023", "2023-Q3"),
    ],
)
def test_dates_normalize_absolute_formats(text, expected):
    document = make_document(f"It happened {text}.")
    assert [m.value for m in document.dates] == [expected], [m.text for m in document.dates]


def test_dates_two_digit_year_with_apostrophe():
    assert [t.value for t in find_timexes("It began in May '98.", date(2024, 11, 30))] == ["1998-05"]


def test_dates_reject_impossible_dates_with_a_reason():
    mention = only(make_document("A report dated February 30, 2024 surfaced."), "February 30, 2024")
    assert mention.value is None
    assert mention.unresolved is not None and "impossible" in mention.unresolved


def test_dates_future_dates_stay_future():
    document = make_document("A vote is set for December 5, 2024. Talks will resume next Thursday.")
    assert values(document)["December 5, 2024"] == "2024-12-05"
    assert values(document)["next Thursday"] == "2024-12-05"


def test_dates_month_without_year_takes_the_nearest_one():
    document = make_document("Clashes in March killed dozens.")
    assert values(document)["March"] == "2024-03"
    assert values(make_document("Elections are due in January."))["January"] == "2025-01"


def test_dates_bare_month_naming_a_violent_event_is_a_date():
    document = make_document("A man was charged in the September shooting. Police found a March warrant.")
    assert values(document) == {"September": "2024-09"}  # a bare month needs a cue: here the event it names


# -- relative expressions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("yesterday", "2024-11-29", "day"),
        ("last week", "2024-W47", "week"),
        ("earlier this month", "2024-11", "month"),
        ("two days ago", "2024-11-28", "day"),
        ("three weeks ago", "2024-W45", "week"),
        ("two months ago", "2024-09", "month"),
        ("eight years ago", "2016", "year"),
        ("last year", "2023", "year"),
        ("next month", "2024-12", "month"),
        ("this week", "2024-W48", "week"),
    ],
)
def test_dates_resolve_relative_expressions(text, value, granularity):
    mention = only(make_document(f"Shelling hit the town {text}."), text)
    assert (mention.value, mention.granularity) == (value, granularity)


def test_dates_parts_of_day_and_overnight():
    document = make_document(
        "Strikes hit on Thursday night. Yesterday afternoon a convoy was hit. Shelling continued overnight."
    )
    assert values(document)["on Thursday night"] == "2024-11-28TNI"
    assert values(document)["Yesterday afternoon"] == "2024-11-29TAF"
    overnight = only(document, "overnight")
    assert overnight.value == "2024-11-29TNI"
    assert (overnight.start_date, overnight.end_date) == ("2024-11-29", "2024-11-30")


def test_dates_durations():
    document = make_document("The siege lasted three days. A five-year plan failed. Talks took 48 hours.")
    assert values(document)["three days"] == "P3D"
    assert values(document)["five-year"] == "P5Y"
    assert values(document)["48 hours"] == "PT48H"
    assert all(m.granularity == "duration" for m in document.dates)


def test_dates_range_with_bare_second_day():
    mention = only(make_document("Fighting raged from Nov 27 to 30."), "from Nov 27 to 30")
    assert (mention.start_date, mention.end_date, mention.granularity) == ("2024-11-27", "2024-11-30", "day")


def test_dates_range_of_two_full_dates_keeps_both_values():
    document = make_document("The war lasted from 2011 to 2015.")
    first, second = document.dates
    assert (first.value, second.value) == ("2011", "2015")
    assert first.model_extra["range_to"] == "2015-12-31"


def test_dates_anchored_expression_counts_from_the_date_in_the_text():
    document = make_document("It comes three days after the rebels launched an offensive on the 27th.")
    mention = only(document, "three days after")
    assert mention.value == "2024-11-30"
    document = make_document("Rebels took the town in 2016. Three years later they lost it.")
    assert values(document)["Three years later"] == "2019"


def test_dates_previous_night_without_an_earlier_date_counts_from_the_day_its_sentence_names_after_it():
    document = make_document(
        "Two boys were hurt in shelling the previous night, near the school on Friday, Nov. 22."
    )
    assert values(document)["the previous night"] == "2024-11-21TNI"
    document = make_document(
        "Two boys were hurt in shelling the previous night. On Friday, Nov. 22, they died."
    )
    assert (
        values(document)["the previous night"] == "2024-11-29TNI"
    )  # another sentence: the publication day's


# -- without a publication date ----------------------------------------------------------------------------------------


def test_dates_without_publication_leave_relative_expressions_unresolved_with_a_reason():
    document = make_document(
        "Rebels attacked on Thursday, and on November 27, and on 2 May 2016.", published=None
    )
    thursday = only(document, "on Thursday")
    assert thursday.value is None and thursday.unresolved == NO_REFERENCE
    assert only(document, "on November 27").unresolved == NO_YEAR
    assert values(document)["on 2 May 2016"] == "2016-05-02"


def test_dates_never_read_the_machine_clock():
    document = make_document("Yesterday, the 27th, last week and two days ago.", published=None)
    assert all(m.value is None and m.unresolved for m in document.dates)


# -- layer hygiene -----------------------------------------------------------------------------------------------------


def test_dates_spans_equal_the_text():
    document = make_document("On Thursday, 16 civilians died; since the 27th 327 people were killed in 2024.")
    assert document.dates
    for mention in document.dates:
        assert document.text[mention.start : mention.end] == mention.text


def test_dates_mark_a_dateline_standing_alone_on_its_line():
    text = "Rebels take Aleppo\n\n2024.12.01 AM 12:02\nSyrian rebels have taken control of Aleppo."
    document = DateStage()(Document(id="d", text=text, published=SEOUL_SUNDAY))
    assert document.dates[0].value == "2024-12-01"
    assert document.dates[0].model_extra.get("dateline") is True


def test_dates_mark_the_day_of_a_wire_dateline_but_not_a_day_in_the_story():
    text = (
        "Two shot in Aleppo\n\nALEPPO, Syria, Nov. 30 (Agency) -- Two men were shot late on Friday, police said.\n"
        "Officials said, Nov. 29 -- the eve -- was quiet."
    )
    document = DateStage()(Document(id="d", text=text, published=SEOUL_SUNDAY))
    assert only(document, "Nov. 30").model_extra.get("dateline") is True
    assert not only(document, "on Friday").model_extra.get("dateline")
    assert not only(document, "Nov. 29").model_extra.get("dateline")


def test_dates_mark_the_stamps_of_a_pages_versions_but_not_a_day_in_the_story():
    text = (
        "Three hurt in Aleppo\n\nUpdate (8:20 p.m. Sunday)\n\nA boy and two men were wounded in Aleppo.\n\n"
        "Original story (11:45 p.m. Saturday)\n\nThree people were shot Saturday night.\n"
        "The update came on Sunday."
    )
    document = DateStage()(Document(id="d", text=text, published="2024-12-01T10:00:00+03:00"))
    assert only(document, "8:20 p.m. Sunday").model_extra.get("dateline") is True
    assert only(document, "11:45 p.m. Saturday").model_extra.get("dateline") is True
    assert not only(document, "Saturday night").model_extra.get("dateline")
    assert not only(document, "on Sunday").model_extra.get("dateline")


def test_dates_mark_stamps_within_a_line_and_a_line_of_stamps():
    text = (
        "Four shot in Aleppo\n\nNov. 30, 2024, 11:11 AM Last updated: Saturday, Nov. 30, 2024, 11:12 AM\n\n"
        "A man turned himself in to police Friday, officials said. (Published Friday, Nov. 29, 2024)\n"
        "He was shot at 6 p.m. Thursday, at the market."
    )
    document = DateStage()(Document(id="d", text=text, published="2024-11-30T12:00:00+03:00"))
    stamps = [m.text for m in document.dates if m.model_extra.get("dateline")]
    assert stamps == [
        "Nov. 30, 2024",
        "11:11 AM",
        "Saturday, Nov. 30, 2024",
        "11:12 AM",
        "Friday, Nov. 29, 2024",
    ]


def test_dates_stage_is_fast_enough():
    sentence = (
        "Shelling on Thursday killed 16 people in Aleppo, three days after the offensive began on the 27th. "
    )
    document = Document(id="d", text=sentence * 20, published=SEOUL_SUNDAY)
    stage = DateStage()
    start = time.perf_counter()
    for _ in range(10):
        stage(document)
    assert (time.perf_counter() - start) / 10 < 0.05  # a 2,000-character document; ~1 ms here
