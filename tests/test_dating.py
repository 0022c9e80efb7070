"""Event dating: the governing time expression of an event, ACLED precision, ranges and background."""

from __future__ import annotations

import re

from frontlines.annotate.dates import DateStage
from frontlines.extract.dating import CLOCK_ONLY, event_date, local_publication_date
from frontlines.model import Document, PlaceMention

SEOUL_SUNDAY = "2024-12-01T00:02:00+09:00"  # Saturday 30 November in Syria


def make_document(
    text: str, published: str | None = SEOUL_SUNDAY, place: str | None = "Asia/Damascus"
) -> Document:
    """Sentences cut at full stops, paragraphs at blank lines, "Aleppo" a place in the given time zone."""
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text) if m.group(0).strip()]
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]
    document = Document(id="doc", text=text, published=published, sentences=sentences, paragraphs=paragraphs)
    if place:
        start = text.find("Aleppo")
        document.places = [
            PlaceMention(start=start, end=start + 6, text="Aleppo", name="Aleppo", timezone=place)
        ]
    return DateStage()(document)


def sentence_with(document: Document, words: str) -> tuple[int, int]:
    offset = document.text.index(words)
    found = document.sentence_of(offset)
    assert found is not None
    return found


def test_event_date_weekday_across_the_date_line():
    document = make_document(
        "At least 16 civilians were killed in an airstrike in Aleppo on Thursday local time."
    )
    date, background = event_date(document, *sentence_with(document, "killed"))
    assert (date.start, date.end, date.precision) == ("2024-11-28", "2024-11-28", 1)
    assert date.text == "on Thursday local time"
    assert document.text[date.start_char : date.end_char] == date.text
    assert date.document_id == "doc" and background is False


def test_event_date_day_of_month():
    document = make_document("Rebels launched a large offensive near Aleppo on the 27th.")
    date, _ = event_date(document, *sentence_with(document, "launched"))
    assert (date.start, date.end, date.precision) == ("2024-11-27", "2024-11-27", 1)


def test_event_date_since_gives_a_span_to_publication_with_week_precision():
    document = make_document("In Aleppo, 327 people have been killed since the 27th.")
    date, background = event_date(document, *sentence_with(document, "killed"))
    assert (date.start, date.end, date.precision) == ("2024-11-27", "2024-11-30", 2)
    assert background is False


def test_event_date_in_a_past_year_is_background():
    document = make_document("Government forces drove the rebels out of Aleppo in 2016.")
    date, background = event_date(document, *sentence_with(document, "drove"))
    assert (date.start, date.end, date.precision) == ("2016-01-01", "2016-12-31", 3)
    assert background is True


def test_event_date_years_ago_is_background():
    document = make_document("Rebels last entered Aleppo eight years ago.")
    _, background = event_date(document, *sentence_with(document, "entered"))
    assert background is True


def test_event_date_recent_month_is_not_background():
    document = make_document("Clashes near Aleppo in March killed dozens.")
    date, background = event_date(document, *sentence_with(document, "Clashes"))
    assert (date.start, date.precision, background) == ("2024-03-01", 3, False)


def test_event_date_present_perfect_without_date_is_the_local_publication_day():
    document = make_document(
        "Rebels retake Aleppo\n\n2024.12.01 AM 12:02\nSyrian rebels have taken control of most of Aleppo."
    )
    date, background = event_date(document, *sentence_with(document, "have taken"), present_perfect=True)
    assert (date.start, date.end, date.precision, date.text) == ("2024-11-30", "2024-11-30", 1, None)
    assert background is False


def test_event_date_present_perfect_lead_is_dated_by_the_next_sentences():
    document = make_document(
        "Three people have died in a shooting in Aleppo.\n\nThe shooting was reported shortly after 10:30 p.m. Tuesday."
    )
    date, _ = event_date(document, *sentence_with(document, "have died"), present_perfect=True)
    assert (date.start, date.precision, date.text) == ("2024-11-26", 1, "shortly after 10:30 p.m. Tuesday")
    document = make_document(
        "Warplanes have launched airstrikes on Aleppo.\n\nTen people were killed in an airstrike on Thursday."
    )
    date, _ = event_date(document, *sentence_with(document, "have launched"), present_perfect=True)
    assert (date.start, date.text) == ("2024-11-30", None)  # a new event's day
    far = (
        "Three people have died in a shooting in Aleppo.\n\n" + "Nothing else is known. " * 30 + "On Tuesday."
    )
    document = make_document(far)
    date, _ = event_date(document, *sentence_with(document, "have died"), present_perfect=True)
    assert (date.start, date.text) == ("2024-11-30", None)  # too far on to tell the lead again


def test_event_date_perfect_of_an_arrest_does_not_date_the_shooting():
    document = make_document(
        "Police have charged a man in the shooting of a boy in Aleppo.\n\nHe was shot on Monday."
    )
    date, _ = event_date(document, *sentence_with(document, "shooting"), present_perfect=True)
    assert (date.start, date.text) == ("2024-11-25", "on Monday")


def test_event_date_without_any_date_falls_back_to_publication_with_lower_precision():
    document = make_document("Shelling hit Aleppo.")
    date, background = event_date(document, *sentence_with(document, "Shelling"))
    assert (date.start, date.end, date.precision, date.text) == ("2024-11-30", "2024-11-30", 2, None)
    assert background is False


def test_event_date_uses_nearest_preceding_date_in_the_paragraph():
    document = make_document(
        "On Tuesday rebels entered Aleppo. Later, shelling hit the airport.\n\nNo date here. Troops fled."
    )
    date, _ = event_date(document, *sentence_with(document, "shelling"))
    assert date.start == "2024-11-26"


def test_event_date_falls_back_on_the_story_lead_before_the_publication_day():
    # Scraped pages put each sentence in its own paragraph: the lead's day still dates the story's later sentences
    # (measured on gva-longtail dev: 0.652 -> 0.682 exact against the publication-day fallback).
    document = make_document("On Tuesday rebels entered Aleppo.\n\nNo date here. Troops fled.")
    date, _ = event_date(document, *sentence_with(document, "Troops fled"))
    assert (date.start, date.text) == ("2024-11-26", "On Tuesday")


def test_event_date_lead_fallback_ignores_statement_days_and_old_dates():
    document = make_document(
        "Police said on Friday they were searching.\n\nIn 2019 a man died.\n\nTroops fled."
    )
    date, _ = event_date(document, *sentence_with(document, "Troops fled"))
    assert date.text is None  # the statement's Friday and a year long past do not date it


def test_event_date_lead_without_a_day_is_dated_by_the_next_sentences():
    # measured on 500 gva-longtail dev documents: 0.682 -> 0.728 exact (a lead dated by the publication day before)
    document = make_document(
        "Four people were wounded in a shooting in Aleppo.\n\nIt happened late Wednesday night."
    )
    date, _ = event_date(document, *sentence_with(document, "wounded"))
    assert (date.start, date.text, date.precision) == ("2024-11-27", "late Wednesday night", 1)


def test_event_date_statement_day_yields_to_a_later_day_of_the_event():
    document = make_document("A man was killed in Aleppo, police said Friday. He was shot on Wednesday.")
    date, _ = event_date(document, *sentence_with(document, "killed"))
    assert (date.start, date.text) == ("2024-11-27", "on Wednesday")


def test_event_date_later_sentences_with_old_or_statement_days_do_not_date_the_lead():
    document = make_document(
        "Shelling hit Aleppo.\n\nA similar attack killed five on 3 March 2022.\n\nOfficials said on Friday."
    )
    date, _ = event_date(document, *sentence_with(document, "Shelling"))
    assert (date.start, date.text, date.precision) == ("2024-11-30", None, 2)


def test_event_date_statement_verb_before_a_verb_of_the_event_does_not_claim_the_day():
    document = make_document(
        "Two girls were killed in Aleppo.\n\nPolice say it happened just after 7 p.m. on Wednesday night."
    )
    date, _ = event_date(document, *sentence_with(document, "killed"))
    assert (date.start, date.text) == ("2024-11-27", "just after 7 p.m. on Wednesday night")
    document = make_document(
        "Two girls were killed in Aleppo.\n\nPolice said the shots were reported around 9 p.m. Tuesday."
    )
    date, _ = event_date(document, *sentence_with(document, "killed"))
    assert (date.start, date.text) == ("2024-11-26", "around 9 p.m. Tuesday")
    document = make_document(
        "Two girls were killed in Aleppo.\n\nThe police chief said on Tuesday he was sorry."
    )
    date, _ = event_date(document, *sentence_with(document, "killed"))
    assert date.text is None  # a statement's day still does not date the event


def test_event_date_verb_of_what_followed_reaches_past_its_object():
    document = make_document(
        "The man who killed a boy in Aleppo was sentenced to life without parole Friday.\n\n"
        "He was arrested two days after the Nov. 14 murder."
    )
    date, _ = event_date(document, *sentence_with(document, "killed"))
    assert (date.start, date.text) == ("2024-11-14", "Nov. 14")
    document = make_document(
        "Police identified four men arrested in connection to the shooting Tuesday night in Aleppo.\n\n"
        "Their lawyer spoke on Friday."
    )
    date, _ = event_date(document, *sentence_with(document, "shooting"))
    assert (date.start, date.text) == ("2024-11-26", "Tuesday night")  # the day names the shooting


def test_event_date_prefers_the_event_date_over_the_reporting_date():
    document = make_document("A man was shot in Aleppo on Wednesday, police said Friday.")
    date, _ = event_date(document, *sentence_with(document, "shot"))
    assert date.start == "2024-11-27"


def test_event_date_of_a_later_state_yields_to_the_event_day():
    document = make_document(
        "A boy was in critical condition Tuesday after four people were shot in Aleppo. It happened on Monday."
    )
    date, _ = event_date(document, *sentence_with(document, "shot"))
    assert (date.start, date.text) == ("2024-11-25", "on Monday")
    document = make_document(
        "No arrests were made in Aleppo as of Friday morning after the shooting on Wednesday."
    )
    date, _ = event_date(document, *sentence_with(document, "shooting"))
    assert date.start == "2024-11-27"
    document = make_document("The gunman, still at large Friday, opened fire in Aleppo on Wednesday night.")
    date, _ = event_date(document, *sentence_with(document, "opened fire"))
    assert date.start == "2024-11-27"


def test_event_date_a_day_in_custody_is_after_the_event():
    document = make_document(
        "A man was charged in the shooting of a boy in Aleppo.\n\nHe was being held Thursday on a murder charge."
        "\n\nThe shooting happened Tuesday at a farm."
    )
    date, _ = event_date(document, *sentence_with(document, "charged"))
    assert (date.start, date.text) == ("2024-11-26", "Tuesday")
    document = make_document(
        "A man was shot in Aleppo.\n\nA suspect was taken into custody Friday.\n\nIt happened on Wednesday."
    )
    date, _ = event_date(document, *sentence_with(document, "shot"))
    assert (date.start, date.text) == ("2024-11-27", "on Wednesday")


def test_event_date_a_day_naming_the_event_is_not_the_arrests_day():
    document = make_document(
        "Police arrested a man in Aleppo in Wednesday night's fatal shooting.\n\nHe had left prison on Sunday."
    )
    date, _ = event_date(document, *sentence_with(document, "shooting"))
    assert (date.start, date.text) == ("2024-11-27", "Wednesday night")
    document = make_document("A man was arrested Friday in the shooting of five people in Aleppo.")
    date, _ = event_date(document, *sentence_with(document, "shooting"))
    assert (date.start, date.precision) == ("2024-11-29", 1)  # only the arrest's day: it governs, weakly


def test_event_date_month_is_refined_by_a_day_within_it_told_elsewhere():
    document = make_document(
        "A man was charged in Aleppo with the killing of two boys last month.\n\n"
        "The boys were shot on the night of October 12 near their school."
    )
    date, _ = event_date(document, *sentence_with(document, "killing"))
    assert (date.start, date.end, date.precision, date.text) == ("2024-10-12", "2024-10-12", 1, "October 12")
    assert document.text[date.start_char : date.end_char] == "October 12"
    document = make_document("Shelling hit Aleppo last month.\n\nOn 2 September a car bomb exploded.")
    date, _ = event_date(document, *sentence_with(document, "Shelling"))
    assert (date.start, date.end, date.precision) == (
        "2024-10-01",
        "2024-10-31",
        3,
    )  # a day outside the month


def test_event_date_week_is_refined_by_a_day_within_it_told_after_it():
    document = make_document(
        "Police arrested a man in Aleppo in last week's shooting.\n\nHe opened fire around 1:30 p.m. on Nov. 19."
    )
    date, _ = event_date(document, *sentence_with(document, "shooting"))
    assert (date.start, date.precision, date.text) == ("2024-11-19", 1, "around 1:30 p.m. on Nov. 19")
    document = make_document(
        "Five people were shot in Aleppo on Sunday, Nov. 24.\n\nIt follows a shooting last week that killed one."
    )
    date, _ = event_date(document, *sentence_with(document, "follows"))
    assert (date.start, date.end, date.precision) == ("2024-11-18", "2024-11-24", 2)  # the day told before it
    document = make_document(
        "A man was shot in Aleppo more than a week ago.\n\nCharges were dropped on Tuesday, Nov. 19."
    )
    date, _ = event_date(document, *sentence_with(document, "shot"))
    assert date.precision == 2


def test_event_date_last_year_is_refined_by_a_day_within_it_told_after_it():
    document = make_document(
        "Two men pleaded guilty to charges in a shootout in Aleppo last year.\n\n"
        "Shots were fired just after 2 a.m. on Dec. 14, 2023, the prosecutor said."
    )
    date, background = event_date(document, *sentence_with(document, "shootout"))
    assert (date.start, date.precision, date.text, background) == (
        "2023-12-14",
        1,
        "just after 2 a.m. on Dec. 14, 2023",
        False,
    )
    document = make_document(
        "In 2023, 165 people were murdered in Aleppo.\n\nOn Dec. 31, 2023, a man was shot."
    )
    date, background = event_date(document, *sentence_with(document, "murdered"))
    assert (date.start, date.end, background) == ("2023-01-01", "2023-12-31", True)  # a year by its number


def test_event_date_day_of_what_followed_after_the_event_does_not_date_it():
    text = "A girl died Friday after she and her mother were shot in Aleppo. The gunman fled on Thursday."
    document = make_document(text)
    date, _ = event_date(document, *sentence_with(document, "shot"), trigger=text.index("shot"))
    assert (date.start, date.text) == ("2024-11-28", "on Thursday")


def test_event_date_prefers_the_date_nearest_the_trigger():
    text = "It comes three days after rebels launched an offensive near Aleppo on the 27th."
    document = make_document(text)
    date, _ = event_date(document, *sentence_with(document, "launched"), trigger=text.index("launched"))
    assert date.start == "2024-11-27"


def test_event_date_ignores_dates_after_publication():
    document = make_document("Rebels who attacked Aleppo on Tuesday will face trial on December 9, 2024.")
    date, _ = event_date(document, *sentence_with(document, "attacked"))
    assert date.start == "2024-11-26"


def test_event_date_month_day_months_ahead_is_last_years_for_a_reported_event():
    document = make_document(
        "Two men were charged on Tuesday in Aleppo with murder in the May 31 shooting death of a boy.",
        published="2025-02-20T10:00:00+02:00",
    )
    date, background = event_date(document, *sentence_with(document, "shooting"))
    assert (date.start, date.text, background) == ("2024-05-31", "May 31", False)
    assert document.text[date.start_char : date.end_char] == "May 31"


def test_event_date_month_months_ahead_is_last_years_for_a_reported_event():
    document = make_document(
        "A suspect was arrested in Aleppo on Monday in a November shooting.",
        published="2025-02-20T10:00:00+02:00",
    )
    date, background = event_date(document, *sentence_with(document, "shooting"))
    assert (date.start, date.end, date.precision, date.text) == ("2024-11-01", "2024-11-30", 3, "November")
    assert background is False


def test_event_date_month_day_just_ahead_stays_a_scheduled_date():
    document = make_document(
        "A man shot in Aleppo will be buried on December 9.\n\nNo day here.",
    )
    date, _ = event_date(document, *sentence_with(document, "shot"))
    assert (
        date.text is None
    )  # 9 December 2024, after publication: neither it nor 9 December 2023 dates the shooting


def test_event_date_event_timezone_refines_relative_dates():
    # No place in the document: "today" is 1 December by the publication's own offset, 30 November in Syria.
    document = make_document("Shelling hit the city today.", place=None)
    date, _ = event_date(document, *sentence_with(document, "Shelling"))
    assert date.start == "2024-12-01"
    date, _ = event_date(document, *sentence_with(document, "Shelling"), timezone="Asia/Damascus")
    assert date.start == "2024-11-30"


def test_event_date_without_publication_is_unknown_not_today():
    document = make_document("Shelling hit Aleppo on Thursday.", published=None)
    date, background = event_date(document, *sentence_with(document, "Shelling"))
    assert (date.start, date.end, date.precision) == (None, None, None)
    assert background is False
    document = make_document("Shelling hit Aleppo on 28 November 2024.", published=None)
    date, _ = event_date(document, *sentence_with(document, "Shelling"))
    assert (date.start, date.precision) == ("2024-11-28", 1)


def test_event_date_overnight_is_the_publication_day():
    document = make_document("Airstrikes hit Aleppo overnight.", published="2024-11-30T08:00:00+02:00")
    date, _ = event_date(document, *sentence_with(document, "Airstrikes"))
    assert (date.start, date.end, date.precision) == ("2024-11-30", "2024-11-30", 1)


def test_event_date_overnight_with_an_evening_hour_is_the_day_the_night_began():
    document = make_document(
        "Airstrikes hit Aleppo overnight.\n\nThe first strike came just after 10:30 p.m., residents said.",
        published="2024-11-30T08:00:00+02:00",
    )
    date, _ = event_date(document, *sentence_with(document, "Airstrikes"))
    assert (date.start, date.end, date.precision, date.text) == ("2024-11-29", "2024-11-29", 1, "overnight")
    document = make_document(
        "Airstrikes hit Aleppo overnight.\n\nThe first strike came at about 1:30 a.m., residents said.",
        published="2024-11-30T08:00:00+02:00",
    )
    date, _ = event_date(document, *sentence_with(document, "Airstrikes"))
    assert (date.start, date.end) == ("2024-11-30", "2024-11-30")


def test_local_publication_date_is_exported_for_the_event_stage():
    document = Document(id="d", text="", published=SEOUL_SUNDAY)
    assert str(local_publication_date(document, "Asia/Damascus")) == "2024-11-30"


def test_event_date_days_joined_by_and_are_one_span_from_the_first():
    document = make_document(
        "Shelling late Thursday night and early Friday morning killed six people in Aleppo."
    )
    date, _ = event_date(document, *sentence_with(document, "killed"), trigger=document.text.index("killed"))
    assert (date.start, date.text) == ("2024-11-28", "late Thursday night")
    document = make_document("Violent Thursday night, Friday morning in Aleppo: six killed.")
    date, _ = event_date(document, *sentence_with(document, "killed"), trigger=document.text.index("killed"))
    assert (date.start, date.text) == ("2024-11-28", "Thursday night")
    # A verb between the days makes them two events' days: the nearest to the trigger dates it.
    document = make_document("A man was shot Thursday night and died Friday morning in Aleppo.")
    date, _ = event_date(document, *sentence_with(document, "died"), trigger=document.text.index("died"))
    assert date.start == "2024-11-29"


def test_event_date_an_older_day_told_of_the_event_dates_a_lead_without_one():
    text = (
        "A man has been arrested over a deadly shooting that took place in Aleppo on Saturday, Nov. 9.\n\n"
        "At 1:05 a.m., gunmen opened fire on a crowd."
    )
    document = make_document(text)
    date, _ = event_date(document, *sentence_with(document, "opened fire"), trigger=text.index("opened fire"))
    assert (date.start, date.text) == ("2024-11-09", "on Saturday, Nov. 9")
    # An older day that is not the event's (an arrest's) does not: the publication day, as before.
    text = "A man was arrested in Aleppo on Saturday, Nov. 9.\n\nAt 1:05 a.m., gunmen opened fire on a crowd."
    document = make_document(text)
    date, _ = event_date(document, *sentence_with(document, "opened fire"), trigger=text.index("opened fire"))
    assert (date.start, date.precision) == ("2024-11-30", 2)


def test_event_date_a_passive_after_the_date_leaves_it_the_events():
    # "killed ... Thursday afternoon was identified": the identification is the clause's verb, Thursday the killing's.
    document = make_document(
        "Teen killed in Aleppo identified\n\n"
        "The teenager killed near a school in Aleppo Thursday afternoon was identified as a student."
    )
    date, _ = event_date(document, *sentence_with(document, "Teen killed"))
    assert (date.start, date.text) == ("2024-11-28", "Thursday afternoon")


def test_event_date_police_on_monday_were_seeking_is_still_a_later_date():
    document = make_document("Two men were shot in Aleppo.\n\nPolice on Monday were seeking two suspects.")
    date, _ = event_date(document, *sentence_with(document, "Two men"))
    assert (date.start, date.precision, date.text) == ("2024-11-30", 2, None)


def test_event_date_an_older_day_told_with_the_event_after_it():
    # "responded ... on November 2 to find several people shot": the event word follows the day.
    document = make_document(
        "A man accused of the killings appeared in court in Aleppo on Tuesday.\n\n"
        "Police responded to a street on November 2 to find several people shot.\n\n"
        "Police later identified the two women who were killed."
    )
    date, _ = event_date(document, *sentence_with(document, "Police later"))
    assert date.start == "2024-11-02"


def test_event_date_a_news_conference_dates_the_report():
    document = make_document(
        "Four people were killed in a fire in Aleppo.\n\n"
        "In a news conference Monday afternoon, the governor gave details.\n\n"
        "The fire broke out late Friday night."
    )
    date, _ = event_date(document, *sentence_with(document, "Four people"))
    assert date.start == "2024-11-29"


def test_event_date_no_arrests_by_a_day_is_a_later_state():
    document = make_document(
        "Neighbours in Aleppo heard two gunshots Thursday night.\n\n"
        "No arrests had been made by late Friday.\n\n"
        "A woman was found shot in the apartment."
    )
    date, _ = event_date(document, *sentence_with(document, "A woman"))
    assert date.start == "2024-11-28"


def test_event_date_bodies_found_after_a_statement_verb_date_the_event():
    # "says their bodies were found Wednesday night": the finding is told between the statement and the day.
    document = make_document(
        "A man shot his daughter and then killed himself in Aleppo.\n\n"
        "The sheriff says their bodies were found Wednesday night in a field."
    )
    date, _ = event_date(document, *sentence_with(document, "A man shot"))
    assert (date.start, date.text) == ("2024-11-27", "Wednesday night")


def test_event_date_bond_and_surrender_date_what_followed():
    document = make_document(
        "Bond was set at $1 million Saturday for a man charged in a shooting in Aleppo.\n\n"
        "A second man turned himself in to police Friday.\n\n"
        "The shooting happened at a park at 10:36 a.m. Nov. 12, police said."
    )
    date, _ = event_date(document, *sentence_with(document, "Bond was set"))
    assert date.start == "2024-11-12"


def test_event_date_a_death_told_after_the_wounding_day_is_the_woundings():
    document = make_document(
        "A man wounded in October at a dice game in Aleppo died Monday night, police said.\n\n"
        "On Oct. 30 at around 2:45 a.m., officers found four men shot."
    )
    date, _ = event_date(document, *sentence_with(document, "A man wounded"))
    assert (date.start, date.text) == ("2024-10-30", "On Oct. 30")
    # A death with no earlier day told with it is the event's own.
    document = make_document("A man died Monday night after a shooting in Aleppo.")
    date, _ = event_date(document, *sentence_with(document, "A man died"))
    assert date.start == "2024-11-25"


def test_event_date_a_perfect_lead_dated_by_a_later_day_that_names_the_event():
    document = make_document(
        "Police have released new details about the gunman in Aleppo.\n\n"
        "His friend now wonders if it was a clue to Thursday's rampage."
    )
    date, _ = event_date(document, *sentence_with(document, "Police have"), present_perfect=True)
    assert (date.start, date.text) == ("2024-11-28", "Thursday's")


def test_event_date_a_perfect_in_a_relative_clause_leaves_the_event_in_the_past():
    # "has been sold" tells of the house, not of the killing: the lead is dated by the next day told.
    document = make_document(
        "Four people were killed in a shooting at a house in Aleppo where drugs have been sold, police said on "
        "Saturday.\n\nPolice responded at 7:15 p.m. on Friday to a call reporting a shooting."
    )
    start, end = sentence_with(document, "Four people")
    date, _ = event_date(document, start, end, present_perfect=True, trigger=document.text.index("killed"))
    assert (date.start, date.text) == ("2024-11-29", "at 7:15 p.m. on Friday")


def test_event_date_a_clock_time_shortly_before_names_no_day():
    document = make_document(
        "A man shot a councilman in Aleppo shortly before 7 p.m., officials said.\n\n"
        "The man's rampage on Thursday ended with his death."
    )
    date, _ = event_date(document, *sentence_with(document, "A man shot"))
    assert (date.start, date.text) == ("2024-11-28", "on Thursday")
    for text in (
        "shortly before 7 p.m.",
        "approximately 11:30 p.m.",
        "sometime after midnight",
        "at about 2 a.m.",
    ):
        assert CLOCK_ONLY.match(text), text
    assert not CLOCK_ONLY.match("7 p.m. Thursday")


def test_event_date_a_court_a_judge_and_a_filing_date_what_followed():
    document = make_document(
        "Two men charged in a shooting in Aleppo faced a judge Tuesday.\n\n"
        "Prosecutors filed notice Wednesday that they would seek a long sentence.\n\n"
        "Police say the shooting happened early Sunday during a party."
    )
    date, _ = event_date(document, *sentence_with(document, "Two men"))
    assert (date.start, date.text) == ("2024-11-24", "early Sunday")


def test_event_date_a_day_that_names_the_event_with_any_modifier_and_a_long_statement_subject():
    document = make_document(
        "A man shot his son in Aleppo.\n\n"
        "On Wednesday, the Aleppo city police identified those involved in Tuesday's tragic incident."
    )
    date, _ = event_date(document, *sentence_with(document, "A man shot"))
    assert (date.start, date.text) == ("2024-11-26", "Tuesday's")


def test_event_date_a_photo_and_an_investigation_date_what_followed():
    document = make_document(
        "Purple balloons, pictured Monday, mark the spot of a fatal shooting in Aleppo.\n\n"
        "Police say the shooting was investigated early Tuesday and happened shortly after 11 p.m. Friday."
    )
    date, _ = event_date(document, *sentence_with(document, "Purple balloons"))
    assert date.start == "2024-11-29"


def test_event_date_a_perfect_of_taking_into_custody_is_not_the_events():
    document = make_document(
        "Police have taken a person into custody in a robbery and shooting in Aleppo.\n\n"
        "A boy was shot and killed Thursday at a restaurant."
    )
    date, _ = event_date(document, *sentence_with(document, "Police have"), present_perfect=True)
    assert (date.start, date.text) == ("2024-11-28", "Thursday")


def test_event_date_a_death_told_after_a_wounding_without_its_own_day():
    document = make_document(
        "A teenager who was shot in a drive-by during his party in Aleppo died Thursday, police said on Friday.\n\n"
        "The shooting was reported at about 10:30 p.m. Wednesday at a home."
    )
    start, end = sentence_with(document, "A teenager")
    date, _ = event_date(document, start, end, trigger=document.text.index("shot"))
    assert (date.start, date.text) == ("2024-11-27", "about 10:30 p.m. Wednesday")
