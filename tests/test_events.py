"""Event coding rules on short reports written for these tests (real spaCy model and gazetteer)."""

from __future__ import annotations

import pytest

from frontlines.extract.events import find_triggers

pytestmark = pytest.mark.slow


def events(engine, text, published, **kwargs):
    return engine.extract({"id": "t", "text": text, "published": published}, **kwargs)


def main_event(engine, text, published, title=None):
    """The event a report is about: its current event of highest confidence."""
    record = {"id": "t", "text": text, "published": published, **({"title": title} if title else {})}
    return max((e for e in engine.extract(record) if not e.background), key=lambda e: e.confidence)


def only(engine, text, published):
    found = events(engine, text, published)
    assert len(found) == 1, [(e.sub_event_type, e.location.name, e.date.start) for e in found]
    return found[0]


def test_triggers_prefer_the_longest_phrase():
    text = "A suicide car bomb exploded."
    subs = [t.sub_event_type for t in find_triggers(text, 0, len(text))]
    assert subs[0] == "Suicide bomb"


def test_denial_is_not_an_event(engine):
    assert (
        events(engine, "The army denied on Sunday that its jets had bombed a school in Idlib.", "2024-03-04")
        == []
    )


def test_threat_is_not_an_event(engine):
    assert (
        events(
            engine, "The militia vowed on Friday to attack army bases in Goma if talks fail.", "2024-03-04"
        )
        == []
    )


def test_earthquake_toll_is_not_an_event(engine):
    text = "A powerful earthquake struck western Nepal on Friday, killing 30 people and flattening homes."
    assert events(engine, text, "2024-03-04") == []


def test_airstrike_with_killed_and_wounded_kept_apart(engine):
    text = "At least 9 civilians were killed and 14 wounded in an airstrike on a market in Idlib on Tuesday, monitors said."
    event = only(engine, text, "2024-03-07")
    assert event.sub_event_type == "Air/drone strike"
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (9, 9, None)
    assert event.injured.best == 14
    assert event.date.start == "2024-03-05"
    assert event.location.country == "SY"
    assert event.civilian_targeting is True
    # Every field cites the words it came from.
    assert text[event.fatalities.start : event.fatalities.end] == event.fatalities.text
    assert event.date.text and text[event.date.start_char : event.date.end_char] == event.date.text
    assert event.evidence[0].text == text


def test_shelling_during_a_battle_belongs_to_the_battle(engine):
    text = (
        "Russian and Ukrainian troops fought for the village of Kurakhove on Monday, and Russian artillery shelled "
        "Ukrainian trenches there during the fighting, killing four soldiers."
    )
    event = only(engine, text, "2024-10-30")
    assert event.sub_event_type == "Armed clash"
    assert event.fatalities.best == 4


def test_civilians_killed_in_a_battle_add_to_its_toll(engine):
    text = "Fighting between the army and Boko Haram in Maiduguri on Saturday left six soldiers, ten insurgents and three civilians dead."
    event = only(engine, text, "2024-05-13")
    assert event.fatalities.best == 19
    assert event.fatalities.civilians == 3


def test_a_later_toll_replaces_the_first(engine):
    text = "Three people were killed in a drone strike on a car near Kharkiv on Thursday. The toll later rose to seven."
    event = only(engine, text, "2024-06-08")
    assert event.fatalities.best == 7


def test_conflicting_claims_keep_the_lowest_as_best_and_the_range(engine):
    text = "The insurgents said they killed 25 soldiers in an ambush near Mopti on Sunday; the army put its losses at three."
    event = only(engine, text, "2024-02-13")
    assert event.fatalities.best == 3
    assert event.fatalities.high == 25


def test_aggregate_toll_since_a_day_spans_to_the_report(engine):
    text = "At least 60 people have been killed since the 3rd in clashes between the army and rebels in Bambari, officials said."
    event = only(engine, text, "2024-04-10")
    assert event.aggregate is True
    assert (event.date.start, event.date.end) == ("2024-04-03", "2024-04-10")


def test_robbery_shooting_is_criminal_violence(engine):
    text = "A shop clerk was shot dead during a robbery in Dayton, Ohio on Friday night, police said."
    event = only(engine, text, "2024-08-12")
    assert event.disorder_type == "Criminal violence"
    assert event.fatalities.best == 1


def test_past_events_are_background(engine):
    text = "Government forces recaptured Homs in 2014 after a long siege."
    found = events(engine, text, "2024-08-12", include_background=True)
    assert found and all(e.background for e in found)
    assert events(engine, text, "2024-08-12") == []


def test_two_days_two_places_two_events(engine):
    text = (
        "On Monday, shelling killed two people in Kherson. On Wednesday, a drone strike killed a man in Sumy."
    )
    found = events(engine, text, "2024-09-12")
    assert sorted((e.location.name, e.date.start) for e in found) == [
        ("Kherson", "2024-09-09"),
        ("Sumy", "2024-09-11"),
    ]


def test_no_number_in_the_text_no_count(engine):
    event = only(
        engine, "Clashes broke out between police and protesters in Nairobi on Tuesday.", "2024-06-27"
    )
    assert event.fatalities is None and event.injured is None


def test_headline_toll_is_the_story_total(engine):
    record = {
        "id": "t",
        "title": "2 dead, 3 wounded in shooting at Dayton bar",
        "text": "2 dead, 3 wounded in shooting at Dayton bar\n\nA gunman opened fire inside a bar in Dayton, Ohio on "
        "Saturday night, killing two men and wounding a woman, police said.",
        "published": "2016-05-08",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    assert found
    main = max(found, key=lambda e: e.confidence)
    assert (main.fatalities.best, main.injured.best) == (2, 3)
    assert record["text"][main.injured.start : main.injured.end] == main.injured.text


def test_a_headline_list_headed_by_an_age_is_the_story_total(engine):
    record = {
        "id": "t",
        "title": "3-year-old and four adults shot in Dayton",
        "text": "3-year-old and four adults shot in Dayton\n\nGunfire broke out at a cookout in Dayton, Ohio on "
        "Saturday night, police said. The boy was shot in the leg and taken to a hospital.",
        "published": "2016-05-08",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    assert found
    main = max(found, key=lambda e: e.confidence)
    assert main.injured.best == 5
    assert record["text"][main.injured.start : main.injured.end] == main.injured.text


def test_a_headline_toll_goes_to_the_event_that_caused_it(engine):
    # "X kills 9 as fighting spreads": the 9 are the shelling's; the clash keeps the body's own count.
    record = {
        "id": "t",
        "title": "Shelling of Kharkiv market kills 9 as fighting spreads",
        "text": "Shelling of Kharkiv market kills 9 as fighting spreads\n\nNine civilians were killed when shells hit a "
        "market in Kharkiv on Tuesday, officials said. Heavy fighting between Ukrainian and Russian troops broke out "
        "on Wednesday near Izium. Two soldiers were killed in the fighting, the army said.",
        "published": "2024-06-27",
    }
    found = engine.extract(record)
    clashes = [e for e in found if e.sub_event_type == "Armed clash"]
    shelling = [e for e in found if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert clashes and shelling, [(e.sub_event_type, e.fatalities) for e in found]
    assert max(e.fatalities.best for e in shelling if e.fatalities) == 9
    assert all(e.fatalities is None or e.fatalities.best == 2 for e in clashes)


@pytest.mark.parametrize(
    "text",
    [
        "A drive-by shooting in Dayton over the weekend left four people wounded, police said. The shooting happened "
        "Sunday evening just before 6 p.m. on Elm Street, police said.",
        "Four people were wounded in a shooting overnight in Dayton, police said. Officers were called to Elm Street "
        "at about 11:15 p.m. Sunday, where they found the four men shot.",
    ],
)
def test_a_vague_day_gives_way_to_the_events_own_day_told_later(engine, text):
    # "Over the weekend" and "overnight" say only when the report came; the later sentence dates the shooting.
    found = [
        e for e in events(engine, text, "2016-05-09T08:00:00") if e.event_type == "Violence against civilians"
    ]
    assert [(e.date.start, e.injured.best if e.injured else None) for e in found] == [("2016-05-08", 4)]


def _told(day, injured, sentence, date_at, sub="Attack"):
    from frontlines.model import Count, DocSpan, EventDate, EventLocation, EventMention

    return EventMention(
        id=f"m-{day}-{sentence[0]}",
        document_ids=["d"],
        event_type="Violence against civilians",
        sub_event_type=sub,
        disorder_type="Criminal violence",
        date=EventDate(
            start=day, end=day, precision=1, start_char=date_at, end_char=date_at + 5, text="Thursday"
        ),
        location=EventLocation(name="Memphis", lat=35.1, lon=-90.0, precision=1),
        injured=Count(best=injured, low=injured),
        evidence=[
            DocSpan(
                document_id="d", start=sentence[0], end=sentence[1], text="x" * (sentence[1] - sentence[0])
            )
        ],
        confidence=0.6,
    )


def test_the_same_victims_told_again_a_day_later_are_the_earlier_days_event():
    from frontlines.extract.events import _fold_retold

    shooting = _told("2016-05-11", 5, (0, 80), 40)
    march = _told("2016-05-12", 5, (100, 180), 120)
    assert [m.date.start for m in _fold_retold([shooting, march])] == ["2016-05-11"]
    # Other victims, or an earlier day carried from another sentence, are another event.
    assert len(_fold_retold([shooting, _told("2016-05-12", 2, (100, 180), 120)])) == 2
    assert len(_fold_retold([_told("2016-05-11", 5, (0, 80), 90), march])) == 2


def test_two_shootings_of_one_night_keep_their_own_days(engine):
    text = (
        "Two deadly overnight shootings in Dayton are under investigation. A man was shot dead on Elm Street just "
        "after 11:30 p.m. Sunday. Another man was killed on Oak Street at 12:30 a.m. Monday."
    )
    days = sorted(e.date.start for e in events(engine, text, "2016-05-09T08:00:00"))
    assert days == ["2016-05-08", "2016-05-09"]


def test_a_period_toll_of_wounded_alone_is_an_aggregate(engine):
    # A city's toll over months, given for the wounded only, summarizes incidents: it is no single event's toll.
    text = "More than 900 people have been wounded in shootings in Millbrook since January 1, police said."
    found = events(engine, text, "2024-06-20", include_background=True)
    assert found and all(e.aggregate for e in found if e.injured is not None)


def test_a_fatal_shooting_with_no_count_has_one_dead(engine):
    record = {
        "id": "t",
        "title": "Man arrested in fatal shooting outside Dayton bar",
        "text": "Man arrested in fatal shooting outside Dayton bar\n\nGunfire broke out outside a bar in Dayton, "
        "Ohio on Saturday night, police said. Two other people were wounded.",
        "published": "2016-05-10",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    assert found
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities.best == 1
    assert record["text"][main.fatalities.start : main.fatalities.end] == "fatal shooting"
    assert main.injured.best == 2  # the one dead is not taken from the wounded


def test_another_fatal_shooting_is_not_this_ones_dead(engine):
    record = {
        "id": "t",
        "title": "Officer wounded in Dayton shooting",
        "text": "Officer wounded in Dayton shooting\n\nA man shot a police officer in Dayton, Ohio on Saturday night, "
        "days after another fatal shooting in Toledo, police said.",
        "published": "2016-05-10",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities is None


def test_an_earlier_incidents_toll_does_not_fill_the_main_event(engine):
    record = {
        "id": "t",
        "title": "Four men wounded in Dayton shooting",
        "text": "Four men wounded in Dayton shooting\n\nFour men were wounded in a shooting in Dayton, Ohio on Sunday "
        "night, police said. The incident follows a shooting last week that left a teenager dead at a park.",
        "published": "2016-05-09",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    assert found
    main = max(found, key=lambda e: e.confidence)
    assert main.injured.best == 4
    assert main.fatalities is None


def test_a_lone_dead_victim_told_again_as_shot_is_not_also_wounded():
    from frontlines.extract.events import _same_victim
    from frontlines.model import Count

    def count(text, best=1):
        return Count(document_id="t", start=0, end=len(text), text=text, best=best)

    dead = count("Jordan Ellis, 9,")
    assert _same_victim(dead, count("The boy"))
    assert _same_victim(dead, count("Jordan Ellis"))
    assert not _same_victim(dead, count("A second man"))  # someone else
    assert not _same_victim(dead, count("the suspect"))
    assert not _same_victim(count("one"), count("The boy"))  # a number counts, it names no one
    assert not _same_victim(count("Two", 2), count("The boy"))


def test_another_victim_told_as_shot_is_still_wounded(engine):
    record = {
        "id": "t",
        "title": "Man killed in Dayton shooting",
        "text": "Man killed in Dayton shooting\n\nA man was shot and killed outside a bar in Dayton, Ohio on Monday "
        "night, police said. A second man was wounded and taken to a hospital.",
        "published": "2016-05-10",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities.best == 1
    assert main.injured is not None and main.injured.best == 1


def test_an_arrest_sentence_gives_the_shootings_wounded(engine):
    record = {
        "id": "t",
        "title": "Girl, 7, killed in Dayton shooting",
        "text": "Girl, 7, killed in Dayton shooting\n\nA 7-year-old girl was shot and killed inside a home in Dayton, "
        "Ohio on Sunday night, police said. A man was arrested in connection with the Sunday shooting that "
        "killed the girl and injured her 9-year-old brother.",
        "published": "2016-05-11",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities.best == 1
    assert main.injured is not None and main.injured.best == 1


def test_a_victim_killed_among_the_wounded_is_taken_out(engine):
    record = {
        "id": "t",
        "title": "Ten wounded in Dayton shooting",
        "text": "Ten wounded in Dayton shooting\n\nA gunman opened fire outside a bar in Dayton, Ohio on Sunday night. "
        "Police said 10 people were wounded. One of the victims was killed.",
        "published": "2016-05-09",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities.best == 1
    assert main.injured.best == 9


def test_a_murder_suicide_has_at_least_two_dead(engine):
    record = {
        "id": "t",
        "title": "Dayton man shoots boy, 8, then himself in murder-suicide",
        "text": "Dayton man shoots boy, 8, then himself in murder-suicide\n\nPolice say a Dayton man shot an "
        "8-year-old boy and then himself in a murder-suicide Tuesday inside an apartment in Dayton, Ohio. The boy "
        "was taken to a hospital, where he was later pronounced dead.",
        "published": "2016-07-27",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities.best == 2
    record["title"] = "Dayton man kills wife, son in double murder-suicide"
    record["text"] = (
        record["title"]
        + "\n\nA Dayton man shot his wife and son and then himself on Tuesday in Dayton, Ohio."
    )
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    assert max(found, key=lambda e: e.confidence).fatalities.best == 3


def test_a_part_of_the_wounded_gives_way_to_their_number(engine):
    record = {
        "id": "t",
        "title": "Party bus shooting suspect in custody",
        "text": "Party bus shooting suspect in custody\n\nA gunman opened fire on a party bus in Dayton, Ohio early "
        "Sunday. Two of the victims remain in critical condition. Five people on the bus went to the hospital.",
        "published": "2016-01-05",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.injured.best == 5


def test_a_lone_wounded_victim_later_told_dead_is_not_also_wounded():
    from frontlines.extract.events import _died_later
    from frontlines.model import Count

    def count(text, start):
        return Count(document_id="t", start=start, end=start + len(text), text=text, best=1)

    assert _died_later(count("the girl", 200), count("A 2-year-old girl", 10))
    assert not _died_later(count("the girl", 5), count("A 2-year-old girl", 10))  # told dead first
    assert not _died_later(count("the man", 200), count("A 2-year-old girl", 10))  # someone else


def test_casualties_are_found_once_per_sentence_and_given_as_copies():
    from frontlines.annotate.numbers import find_numbers
    from frontlines.extract import events as module
    from frontlines.model import Document

    text = "Two people were killed and five others wounded in a shooting on Elm Street."
    document = Document(id="t", text=text, numbers=find_numbers(text), sentences=[(0, len(text))])
    calls = []
    found = module._find_casualties
    module._find_casualties = lambda *args: calls.append(args) or found(*args)
    try:
        first, _ = module._casualties(document, (0, len(text)))
        first["injured"].best = 0  # a later rule changes the counts it is given
        second, _ = module._casualties(document, (0, len(text)))
    finally:
        module._find_casualties = found
        module._MEMO.document = None
    assert len(calls) == 1
    assert second["injured"].best == 5
    assert second["killed"].best == 2


def test_fewer_shot_than_dead_are_among_the_dead():
    from types import SimpleNamespace

    from frontlines.extract.events import _wounded_not_dead
    from frontlines.model import Count

    # "Three people were found dead ... the father shot his wife, then turned the gun on himself": the wife shot is
    # one of the three dead, not a wounded survivor.
    shot = Count(document_id="t", start=0, end=8, text="his wife", best=1, low=1, high=1)
    shot.basis = "shot"  # type: ignore[attr-defined]
    dead = Count(document_id="t", start=20, end=25, text="Three", best=3, low=3, high=3)
    mention = SimpleNamespace(injured=shot, fatalities=dead)
    _wounded_not_dead(mention)  # type: ignore[arg-type]
    assert mention.injured is None
    # More shot than dead: the rest are the wounded.
    shot = Count(document_id="t", start=0, end=4, text="Five", best=5, low=5, high=5)
    shot.basis = "shot"  # type: ignore[attr-defined]
    mention = SimpleNamespace(injured=shot, fatalities=dead)
    _wounded_not_dead(mention)  # type: ignore[arg-type]
    assert mention.injured.best == 2


def test_an_arrests_sentence_tells_the_toll_of_the_shooting(engine):
    record = {
        "id": "t",
        "title": "Suspect held in Dayton shooting",
        "text": "Suspect held in Dayton shooting\n\nA man was shot and killed on Elm Street in Dayton, Ohio on Friday "
        "night, police said. Officers arrested a 24-year-old man in Springfield on Sunday in the shooting, which also "
        "left three other people wounded.",
        "published": "2016-05-10",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities.best == 1
    assert main.injured is not None and main.injured.best == 3
    assert record["text"][main.injured.start : main.injured.end] == main.injured.text


def test_both_victims_told_after_a_lone_wounded_one_are_two(engine):
    record = {
        "id": "t",
        "title": "Teen hurt in Dayton shooting",
        "text": "Teen hurt in Dayton shooting\n\nA 17-year-old girl was shot in the leg on Elm Street in Dayton, Ohio "
        "on Friday night, police said. She drove away with a friend. Both victims were treated at a hospital and "
        "released.",
        "published": "2016-05-10",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.fatalities is None
    assert main.injured.best == 2
    assert record["text"][main.injured.start : main.injured.end] == main.injured.text == "Both"


def test_all_the_victims_told_after_a_lone_wounded_one_are_the_wounded(engine):
    record = {
        "id": "t",
        "title": "Shooting in Dayton",
        "text": "Shooting in Dayton\n\nA young man was shot on Elm Street in Dayton, Ohio on Friday night, police said. "
        "Neighbors heard as many as six gunshots. All four victims are listed in stable condition.",
        "published": "2016-05-10",
    }
    found = [e for e in engine.extract(record) if e.event_type == "Violence against civilians"]
    main = max(found, key=lambda e: e.confidence)
    assert main.injured.best == 4


def test_a_citys_toll_for_the_year_is_not_the_events(engine):
    main = main_event(
        engine,
        "A man was shot and killed in South Shore on Thursday night, police said.\n\n"
        "Last year in Chicago, 4,368 people were shot.",
        "2017-03-31",
    )
    assert main.fatalities.best == 1
    assert main.injured is None


def test_a_wounded_victim_told_dead_later_is_no_longer_wounded(engine):
    main = main_event(
        engine,
        "Police said a man opened fire at his home in Tulsa on Wednesday, in a shooting that left him and his "
        "two daughters dead.\n\n"
        "Officers found the older child dead, and the younger child was transported to the hospital.\n\n"
        "The younger child was pronounced dead at the hospital Wednesday.",
        "2015-12-24",
    )
    assert main.fatalities.best == 3
    assert main.injured is None


def test_a_person_captured_is_no_territory_taken(engine):
    record = {
        "id": "t",
        "text": "The Bakersfield Police Department confirmed the suspected shooter, Julio Romero, was captured on "
        "Saturday in Sinaloa, Mexico.",
        "published": "2015-06-29",
    }
    assert not [e for e in engine.extract(record) if "territory" in e.sub_event_type]
    town = {
        "id": "u",
        "text": "Rebels captured the town of Kafr Nabl on Saturday.",
        "published": "2015-06-29",
    }
    assert [e.sub_event_type for e in engine.extract(town)] == ["Non-state actor overtakes territory"]


def test_the_wounded_told_after_a_count_of_the_shot_who_all_died(engine):
    text = (
        "3 shot in Tustin shooting spree\n\nA gunman shot and killed three people in Tustin, California on "
        "Tuesday, police said.\n\nPolice said he also injured at least two more people with random gunfire before "
        "he was arrested."
    )
    main = main_event(engine, text, "2013-02-20", title="3 shot in Tustin shooting spree")
    assert main.fatalities.best == 3
    assert main.injured.best == 2
    assert text[main.injured.start : main.injured.end] == main.injured.text


def test_friends_rallying_around_a_family_is_no_protest(engine):
    record = {
        "id": "t",
        "text": "Close friends rally around the family of a sailor in Chattanooga on Friday.",
    }
    assert not [e for e in engine.extract(record) if e.event_type == "Protests"]
    march = {"id": "u", "text": "Thousands rallied in Chattanooga on Friday against the new law."}
    assert [e.sub_event_type for e in engine.extract(march)] == ["Peaceful protest"]


def test_a_fourth_victim_shot_is_not_one_of_the_dead(engine):
    main = main_event(
        engine,
        "A Philadelphia man is charged with murder in the shooting deaths of three people and attempted "
        "murder in the shooting of a fourth in Kensington early Sunday.",
        "2016-04-18",
    )
    assert main.fatalities.best == 3
    assert main.injured.best == 1


CASELESS_REPORT = (
    "one person was killed and six others were injured in vadodara in gujarat on tuesday night "
    "when the police opened fire to disperse a mob that was pelting stones, officials said. "
    + "curfew was extended in several areas of the city as shops stayed shut and buses kept off the roads. "
    * 8
    + "the state government said the army would stay in the city until calm returned to its old quarters. "
    * 8
)


def test_a_text_written_all_in_lower_case_still_has_its_places_and_police(engine):
    assert len(CASELESS_REPORT.split()) >= 200
    killing = main_event(engine, CASELESS_REPORT, "2002-03-06")
    assert killing.fatalities.best == 1
    assert killing.location.country == "IN"
    assert any(a.inter == 1 and "India" in a.name for a in killing.actors)


def test_a_victim_told_wounded_and_then_dead_in_the_same_words_is_one_dead(engine):
    main = main_event(
        engine,
        "A 16-year-old boy was critically wounded in a shooting in Dayton on Friday, police said.\n\n"
        "A 16-year-old boy who was critically wounded in a shooting in Dayton on Friday died on Saturday, "
        "officials said.",
        "2016-12-03",
    )
    assert main.fatalities.best == 1
    assert main.injured is None


def test_a_death_toll_brought_to_a_number_is_the_latest_toll(engine):
    main = main_event(
        engine,
        "A woman who was wounded in a Sunday night shooting in Metairie has died, bringing the number of "
        "fatalities to three.",
        "2016-08-02",
    )
    assert main.fatalities.best == 3
    assert main.injured is None


def test_a_month_s_toll_told_later_is_not_the_incident_s_dead(engine):
    main = main_event(
        engine,
        "Seven people were shot in a single incident overnight in Dayton, police said early Sunday.\n\n"
        "All seven victims suffered gunshot wounds to their legs and were listed in stable condition.\n\n"
        "The shooting came after 45 people were killed in July, the most in a month in decades.",
        "2015-08-02",
    )
    assert main.fatalities is None
    assert main.injured.best == 7


def test_a_count_of_victims_in_one_condition_gives_way_to_the_total_told_later(engine):
    main = main_event(
        engine,
        "Three people died in the shooting at a movie theater in Lafayette, including "
        "the gunman.\n\nOne victim was still listed in critical condition Friday morning, the chief said.\n\n"
        "The chief told reporters that nine people in total were wounded in the shooting.",
        "2015-07-24",
    )
    assert main.fatalities.best == 3
    assert main.injured.best == 9


def test_a_new_victim_far_down_the_report_is_not_the_incident_s(engine):
    near = "Police shot and wounded a man in East Dayton after a report that someone was threatening suicide."
    lead = "A robbery suspect was shot and killed by a police officer in Dayton on Thursday morning.\n\n"
    filler = "The neighborhood association met later to talk about street lights and parking. " * 20
    far = main_event(engine, lead + filler + "\n\n" + near, "2017-02-09")
    assert len(lead + filler) > 1500
    assert far.fatalities.best == 1
    assert far.injured is None
    told_next = main_event(engine, lead + near, "2017-02-09")
    assert told_next.injured.best == 1  # right after the lead it is read as the same story


def test_the_shooter_s_own_death_is_not_taken_from_those_he_shot(engine):
    main = main_event(
        engine,
        "A man shot six people Saturday afternoon in Dayton, killing four of them, including his ex-wife, "
        "before turning the gun on himself, police said.",
        "2014-07-13",
    )
    assert main.fatalities.best == 5
    assert main.injured.best == 2


def test_a_hospital_a_victim_is_treated_at_is_not_the_scene(engine):
    main = main_event(
        engine,
        "Henderson police said a teenager, Eli Roberts, 18, was also shot and is being treated at St. Mary's.",
        "2016-11-18",
    )
    assert main.location.name == "Henderson"


def test_the_day_officers_responded_dates_the_shooting_told_without_a_day(engine):
    record = {
        "id": "t",
        "text": "Police have made an arrest in the case of a child shot last month in Charlotte.\n\n"
        "Officers responded to a store at the corner of Dalton Avenue and North Tryon Street a little after "
        "9 p.m. on Thursday, November 10.\n\n"
        "They found a 5-year-old girl suffering from a gunshot wound.\n\n"
        "Investigators identified a 27-year-old man as the suspect in the shooting.",
        "published": "2016-12-06",
    }
    shootings = [
        m
        for m in next(iter(engine.process([engine.document(record)]))).event_mentions
        if m.event_type == "Violence against civilians" and not m.background
    ]
    assert shootings and all(m.date.start == "2016-11-10" for m in shootings)


def test_the_dead_told_again_as_found_wounded_are_not_wounded_too(engine):
    main = main_event(
        engine,
        "A man and two girls were shot to death early Saturday in Hazel Crest.\n\n"
        "Officers were called to the home at 2:30 a.m. They arrived to find the father and two children wounded.",
        "2016-07-02",
    )
    assert main.fatalities.best == 3
    assert main.injured is None


def test_the_next_victim_told_by_its_ordinal_is_one_more_wounded(engine):
    main = main_event(
        engine,
        "Responders found one man, who was shot twice in the legs, and two women, who were also "
        "shot once in the legs inside a bar in Hamden early Saturday.\n\n"
        "A fourth victim was grazed by a bullet but walked away from the scene, according to police.",
        "2016-08-20",
    )
    assert main.fatalities is None
    assert main.injured.best == 4


def test_the_toll_told_after_another_shooting_is_named_is_not_this_one_s(engine):
    main = main_event(
        engine,
        "A teenage girl was shot and killed Saturday on a Homewood street.\n\n"
        "The incident was the second reported shooting in Homewood in less than 24 hours.\n\n"
        "Police found a man, 22, suffering from gunshot wounds on Hamilton Avenue about 3:30 a.m. Saturday.",
        "2016-09-18",
    )
    assert main.fatalities.best == 1
    assert all("Hamilton" not in (e.text or "") for e in main.evidence)
