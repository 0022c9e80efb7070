"""Merging event mentions of many documents into incidents (issue 9)."""

from __future__ import annotations

import random
from typing import Any

from frontlines.merge import event_id, merge_mentions, reconcile, reconcile_counts
from frontlines.model import (
    Claim,
    Count,
    DocSpan,
    EventActor,
    EventDate,
    EventLocation,
    EventMention,
    EventSource,
)

# Invented places: Millbrook at (40.000, -83.000); 0.027 degrees of latitude is about 3 km.
MILLBROOK = (40.000, -83.000)


def mention(
    document: str,
    *,
    day: str = "2023-05-06",
    lat: float = MILLBROOK[0],
    lon: float = MILLBROOK[1],
    killed: int | None = None,
    injured: int | None = None,
    sub_event_type: str = "Attack",
    event_type: str = "Violence against civilians",
    place: str = "Millbrook",
    index: int = 0,
    **fields: Any,
) -> EventMention:
    """A shooting reported by one document (ids, figures and places are invented)."""
    fatalities = None
    if killed is not None:
        fatalities = Count(
            best=killed, low=killed, document_id=document, start=0, end=5, text=f"{killed} dead"
        )
    return EventMention(
        id=f"em-{document}-{index}",
        document_ids=[document],
        event_type=event_type,
        sub_event_type=sub_event_type,
        disorder_type=fields.pop("disorder_type", "Criminal violence"),
        date=EventDate(start=day, end=day, precision=1, document_id=document),
        location=EventLocation(name=place, country="US", admin1="Ohio", lat=lat, lon=lon, precision=1),
        fatalities=fatalities,
        injured=Count(best=injured, low=injured) if injured is not None else None,
        claims=[Claim(source="Millbrook police", fatalities=killed, injured=injured, document_id=document)],
        sources=[
            EventSource(
                name="Millbrook police", kind="police", document_id=document, start=0, end=4, text="police"
            ),
            EventSource(name=f"outlet of {document}", kind="outlet"),
        ],
        evidence=[DocSpan(document_id=document, start=0, end=10, text="a shooting")],
        confidence=fields.pop("confidence", 0.6),
        **fields,
    )


def clusters(events: list[Any]) -> set[frozenset[str]]:
    return {frozenset(e.document_ids) for e in events}


def test_two_reports_of_one_shooting_merge_with_conservative_count_and_both_sources():
    first = mention("gazette", killed=2)
    second = mention("courier", lat=MILLBROOK[0] + 0.027, killed=3)  # same day, 3 km away
    [event] = merge_mentions([first, second])
    assert event.document_ids == ["courier", "gazette"]
    assert event.mention_ids == sorted([first.id, second.id])
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (2, 2, 3)
    assert {s.name for s in event.sources} == {"Millbrook police", "outlet of gazette", "outlet of courier"}
    assert {c.document_id for c in event.claims} == {"gazette", "courier"}
    assert event.id == event_id([first.id, second.id])


def test_reports_on_different_days_stay_apart():
    events = merge_mentions([mention("gazette", day="2023-05-06"), mention("courier", day="2023-05-09")])
    assert clusters(events) == {frozenset({"gazette"}), frozenset({"courier"})}


def test_reports_200_km_apart_stay_apart():
    far = (
        MILLBROOK[0] + 1.8
    )  # about 200 km north, another town (the same town's name is a far link, see below)
    events = merge_mentions(
        [mention("gazette", killed=1), mention("courier", lat=far, killed=1, place="Elsewhere")]
    )
    assert len(events) == 2


def test_publication_dates_a_day_apart_still_merge():
    events = merge_mentions([mention("gazette", day="2023-05-06"), mention("courier", day="2023-05-07")])
    assert clusters(events) == {frozenset({"gazette", "courier"})}


def test_clearly_conflicting_counts_keep_nearby_reports_apart():
    # Same city, a day apart, one dead against forty dead: two different incidents.
    events = merge_mentions(
        [
            mention("gazette", day="2023-05-06", lat=40.05, killed=1),
            mention("courier", day="2023-05-07", lat=40.00, killed=40),
        ]
    )
    assert len(events) == 2


def test_shooting_and_armed_clash_are_one_family_but_arrests_are_not():
    clash = mention("courier", event_type="Battles", sub_event_type="Armed clash", killed=1)
    arrest = mention("herald", event_type="Strategic developments", sub_event_type="Arrests")
    events = merge_mentions([mention("gazette", killed=1), clash, arrest])
    assert clusters(events) == {frozenset({"gazette", "courier"}), frozenset({"herald"})}


def test_shuffled_input_gives_the_same_incidents():
    mentions = [
        mention("a", killed=1),
        mention("b", lat=40.01, killed=1),
        mention("c", day="2023-05-07", lat=40.02, killed=1),
        mention("d", day="2023-05-06", lat=40.3, lon=-83.3, killed=2),
        mention("e", day="2023-05-06", lat=40.31, lon=-83.31, killed=2),
        mention("f", day="2023-06-01", killed=0, injured=3),
        mention("g", day="2023-06-02", lat=40.005, injured=3),
        mention("h", day="2023-05-06", lat=41.5, lon=-81.7, killed=5),
    ]
    reference = merge_mentions(mentions)
    rng = random.Random(7)
    for _ in range(10):
        shuffled = mentions[:]
        rng.shuffle(shuffled)
        result = merge_mentions(shuffled)
        assert [e.id for e in result] == [e.id for e in reference]
        assert [e.model_dump() for e in result] == [e.model_dump() for e in reference]
    assert clusters(reference) == {
        frozenset("abc"),
        frozenset("de"),
        frozenset("fg"),
        frozenset("h"),
    }


def test_chained_reports_do_not_stretch_one_incident_over_many_days():
    # Each report is a day after the previous one in the same city: no incident may span more than the window.
    days = ["2023-05-01", "2023-05-02", "2023-05-03", "2023-05-04", "2023-05-05"]
    events = merge_mentions([mention(f"d{i}", day=day, killed=None) for i, day in enumerate(days)])
    for event in events:
        assert len(event.document_ids) <= 2


def test_two_mentions_of_one_document_merge_only_when_clearly_the_same():
    same = [mention("gazette", index=0), mention("gazette", index=1)]
    assert len(merge_mentions(same)) == 1
    nearby = [mention("gazette", index=0), mention("gazette", index=1, lat=MILLBROOK[0] + 0.05)]
    assert len(merge_mentions(nearby)) == 2
    next_day = [mention("gazette", index=0), mention("gazette", index=1, day="2023-05-07")]
    assert len(merge_mentions(next_day)) == 2


def test_one_story_dating_an_incident_two_ways_joins_it_when_other_reports_link_them():
    # The gazette dates one shooting by the night it began and by the next day; the courier and the herald each
    # report one of those days. Alone the gazette's two mentions stay apart; linked by the others, one incident.
    gazette = [mention("gazette", index=0, killed=2), mention("gazette", index=1, day="2023-05-07")]
    assert len(merge_mentions(gazette)) == 2
    others = [mention("courier", killed=2), mention("herald", day="2023-05-07", killed=2)]
    [event] = merge_mentions([*gazette, *others])
    assert event.document_ids == ["courier", "gazette", "herald"]
    assert len(event.mention_ids) == 4
    # The same two days at places 6 km apart are two incidents whatever links them.
    apart = [mention("gazette", index=0, killed=2), mention("gazette", index=1, day="2023-05-07", lat=40.06)]
    assert len(merge_mentions([*apart, *others])) == 2


def test_one_document_never_joins_two_of_its_own_events_through_another_report():
    # The courier's report sits between the gazette's two shootings; they must not collapse into one.
    gazette = [mention("gazette", index=0, lat=40.00), mention("gazette", index=1, lat=40.06)]
    courier = mention("courier", lat=40.03)
    events = merge_mentions([*gazette, courier])
    assert len(events) == 2
    assert all(len(e.mention_ids) <= 2 for e in events)


def test_new_mention_joins_an_existing_incident_incrementally():
    [existing] = merge_mentions([mention("gazette", killed=2), mention("courier", killed=2)])
    result = merge_mentions([mention("herald", lat=40.01, killed=3)], existing=[existing])
    [event] = result
    assert event.document_ids == ["courier", "gazette", "herald"]
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.high) == (2, 3)
    assert event.id != existing.id
    assert len(event.mention_ids) == 3


def test_incremental_merge_gives_the_batch_incidents():
    mentions = [mention("a", killed=1), mention("b", lat=40.01, killed=1), mention("c", day="2023-07-01")]
    batch = merge_mentions(mentions)
    first = merge_mentions(mentions[:1])
    incremental = merge_mentions(mentions[1:], existing=first)
    assert clusters(incremental) == clusters(batch)
    assert sorted(e.id for e in incremental) == sorted(e.id for e in batch)


def test_rerunning_mentions_already_merged_adds_nothing():
    events = merge_mentions([mention("gazette"), mention("courier")])
    again = merge_mentions([mention("gazette"), mention("courier")], existing=events)
    assert [e.model_dump() for e in again] == [e.model_dump() for e in events]


def test_a_new_report_elsewhere_starts_its_own_incident_and_leaves_existing_untouched():
    existing = merge_mentions([mention("gazette")])
    result = merge_mentions([mention("courier", lat=42.0, place="Ridgefield")], existing=existing)
    assert len(result) == 2
    assert existing[0].id in {e.id for e in result}


def test_undated_mentions_are_never_merged_across_documents():
    undated = [
        mention("gazette").model_copy(update={"date": EventDate()}),
        mention("courier").model_copy(update={"date": EventDate()}),
    ]
    assert len(merge_mentions(undated)) == 2


def test_place_without_coordinates_needs_more_than_the_same_region():
    def no_coords(document: str, place: str, killed: int | None = None) -> EventMention:
        m = mention(document, place=place, killed=killed)
        return m.model_copy(
            update={"location": EventLocation(name=place, country="US", admin1="Ohio", precision=1)}
        )

    same_town = merge_mentions([no_coords("gazette", "Millbrook"), no_coords("courier", "Millbrook")])
    assert len(same_town) == 1
    other_town = merge_mentions([no_coords("gazette", "Millbrook"), no_coords("courier", "Oakdale")])
    assert len(other_town) == 2


def test_background_mentions_stay_background_unless_one_report_is_news():
    past = mention("gazette", background=True)
    assert merge_mentions([past])[0].background
    [event] = merge_mentions([past, mention("courier")])
    assert not event.background


def test_reconcile_counts_ignore_missing_figures_and_keep_the_range():
    count = reconcile_counts([None, Count(best=9, low=9), Count(best=7, low=5, high=12), Count()])
    assert count is not None
    assert (count.best, count.low, count.high) == (7, 5, 12)
    assert reconcile_counts([None, Count()]) is None


def test_reconcile_keeps_one_actor_per_role_and_recomputes_interaction():
    a = mention("gazette", actors=[EventActor(role="actor1", name="Gang X", inter=3)])
    b = mention(
        "courier",
        actors=[
            EventActor(role="actor1", name="Gang X", inter=3),
            EventActor(role="actor2", name="Civilians (United States)", inter=7),
        ],
    )
    event = reconcile([a, b])
    assert [(x.role, x.name) for x in event.actors] == [
        ("actor1", "Gang X"),
        ("actor2", "Civilians (United States)"),
    ]
    assert event.interaction == 37


def test_merging_many_reports_is_not_quadratic():
    # 3,000 reports spread over a year and a state: blocking keeps this fast.
    rng = random.Random(3)
    mentions = [
        mention(
            f"doc{i}",
            day=f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            lat=38 + rng.random() * 4,
            lon=-84 + rng.random() * 4,
            killed=rng.randint(0, 3),
        )
        for i in range(3000)
    ]
    events = merge_mentions(mentions)
    assert sum(len(e.mention_ids) for e in events) == 3000


def _inside(window: Any, event: Any) -> bool:
    """What the store's query asks of a stored event (frontlines.store.sql.SQLStore._events_near)."""
    from frontlines.merge.incidents import date_interval

    found = date_interval(event.date)
    if found is None:
        return False
    start, end = found
    if not (window.first_start <= start <= window.last_start and end >= window.first_end):
        return False
    if not window.may_join(event.location.lat, event.location.lon):
        return False
    location = event.location
    if window.bbox is not None and location.lat is not None and location.lon is not None:
        min_lat, max_lat, min_lon, max_lon = window.bbox
        if min_lat <= location.lat <= max_lat and min_lon <= location.lon <= max_lon:
            return True
    return window.admin is not None and (location.country, location.admin1) == window.admin


def _shares_key(new: list[EventMention], event: Any) -> bool:
    """What the store's link-key read asks of a stored event (far links)."""
    from frontlines.merge import link_keys

    keys = link_keys(event)
    return any(keys & link_keys(m) for m in new)


def _assert_the_store_reads_enough(stored: list[Any], new: list[EventMention]) -> None:
    """Merging against only the stored events the store reads (inside the new mentions' windows, or sharing a link
    key) gives exactly the incidents of merging against all, and the reads do cut the store down."""
    from frontlines.merge import stored_window

    windows = [w for m in new if (w := stored_window(m)) is not None]
    near = [e for e in stored if any(_inside(w, e) for w in windows) or _shares_key(new, e)]
    assert 0 < len(near) < len(stored)
    changed_all = {e.id for e in merge_mentions(new, existing=stored)} - {e.id for e in stored}
    changed_near = {e.id for e in merge_mentions(new, existing=near)} - {e.id for e in near}
    assert changed_near == changed_all


def test_merging_against_only_the_stored_events_in_each_window_gives_the_same_incidents():
    # Stored incidents over two months and a wide area, precisions 1 to 3; new reports near some of them. Reading
    # only the events inside the new mentions' windows must give exactly the incidents of merging against all.

    rng = random.Random(11)

    def random_mention(name: str) -> EventMention:
        made = mention(
            name,
            place=f"Town {rng.randint(1, 300)}",  # a few towns named alike, not one town over the whole area
            day=f"2023-{rng.randint(5, 7):02d}-{rng.randint(1, 28):02d}",
            lat=39 + rng.random() * 6,
            lon=-86 + rng.random() * 6,
            killed=rng.randint(0, 2),
        )
        place = {"precision": rng.choice([1, 1, 2, 3]), "admin1": rng.choice(["Ohio", "Indiana", "Kentucky"])}
        return made.model_copy(update={"location": made.location.model_copy(update=place)})

    stored = merge_mentions([random_mention(f"old{i}") for i in range(1500)])
    new = [random_mention(f"new{i}") for i in range(60)]
    _assert_the_store_reads_enough(stored, new)


def test_stored_window_excludes_far_and_vague_events():
    from frontlines.merge import stored_window

    window = stored_window(mention("new", day="2023-05-06"))
    assert window is not None
    assert window.first_end.isoformat() == "2023-05-03" and window.last_start.isoformat() == "2023-05-09"
    [near] = merge_mentions(
        [mention("old", day="2023-05-07", lat=40.9)]
    )  # 100 km north: a region-precision match
    [late] = merge_mentions([mention("later", day="2023-05-20")])
    [far] = merge_mentions([mention("far", lat=45.0, place="Elsewhere")])
    assert _inside(window, near) and not _inside(window, late)
    assert not _inside(
        window, far.model_copy(update={"location": far.location.model_copy(update={"admin1": "X"})})
    )
    undated = mention("undated").model_copy(update={"date": EventDate()})
    assert stored_window(undated) is None


# ---------------------------------------------------------------------------------------------------------------------
# People and streets named in the evidence, and each document's lead mention (the sentences are invented)


def told(report: EventMention, *sentences: str) -> EventMention:
    """The report with these evidence sentences instead of the helper's."""
    document = report.document_ids[0]
    spans = [DocSpan(document_id=document, start=0, end=len(s), text=s) for s in sentences]
    return report.model_copy(update={"evidence": spans})


def test_person_names_keeps_victims_and_suspects_but_not_officials_places_or_headlines():
    from frontlines.merge.incidents import person_names

    found = person_names(
        [
            "Dana Q. Whitfield, 31, died at the scene, Sheriff Mark Ostrander said.",
            "Police spokeswoman Carla Dunmore said the suspect, Rory Pellman, was arrested on Elm Street.",
            "Tomas Brandvold, a police spokesman, said a Cedar Falls man was questioned.",
            "A 20-year-old man was shot in Port Harlow on Friday.",
            "Man Shot Dead Outside Harlow Bar As Crowd Watches",
        ]
    )
    assert found == {"dana whitfield", "rory pellman"}


def test_person_names_drop_generational_suffixes_and_read_lists_of_victims_with_ages():
    from frontlines.merge.incidents import person_names

    # "Jr." and ", Sr.," end the name; they are no place after it ("Dayton, Ohio").
    found = person_names(["Dana Whitfield Jr., 31, died at the scene, and Rory Pellman, Sr., 60, was hurt."])
    assert found == {"dana whitfield", "rory pellman"}
    # Capitalized names make most of the words of a list of victims, which is still no headline: ages tell it.
    victims = (
        "Tomas Brandvold, 23, of Millbrook, Ines Kowalczyk, 31, of Port Harlow and Dana Whitfield, 40, died."
    )
    assert person_names([victims]) == {"tomas brandvold", "ines kowalczyk", "dana whitfield"}


def test_street_names_are_read_by_their_name_word():
    from frontlines.merge.incidents import street_names

    assert street_names(["in the 1200 block of South Elm St. near 35th Avenue"]) == {"elm", "35th"}
    assert street_names(["a shooting downtown"]) == frozenset()


def test_a_follow_up_naming_the_same_victim_joins_the_incident_weeks_later():
    shooting = told(mention("gazette", killed=1), "Dana Whitfield, 31, was shot dead outside her home.")
    follow_up = told(
        mention("courier", day="2023-05-20", lat=MILLBROOK[0] + 0.02, killed=1),
        "Police arrested a man on Saturday in the killing of Dana Whitfield, 31.",
    )
    [event] = merge_mentions([shooting, follow_up])
    assert event.document_ids == ["courier", "gazette"]
    # Another victim two weeks later in the same town is another incident.
    other = told(follow_up, "Police arrested a man on Saturday in the killing of Rory Pellman, 19.")
    assert len(merge_mentions([shooting, other])) == 2
    # The same name does not reach past PERSON_DAY_GAP, past PERSON_KM, nor over a clear conflict of tolls.
    late = told(mention("herald", day="2023-07-20", killed=1), "Dana Whitfield, 31, was remembered.")
    far = told(
        mention("herald", day="2023-05-20", lat=MILLBROOK[0] + 1.8, killed=1), "Dana Whitfield, 31, died."
    )
    many = told(mention("herald", day="2023-05-20", killed=12), "Dana Whitfield, 31, was among the dead.")
    for report in (late, far, many):
        assert len(merge_mentions([shooting, report])) == 2


def test_a_follow_up_joins_every_report_of_the_incident_it_names():
    # Two same-day reports of the shooting, only one of which names the victim; the follow-up joins them both.
    first = told(mention("gazette", killed=1), "Dana Whitfield, 31, was shot dead on Elm Street.")
    second = told(
        mention("courier", lat=MILLBROOK[0] + 0.01, killed=1), "A woman was shot dead on Elm Street."
    )
    follow_up = told(
        mention("herald", day="2023-05-18", killed=1),
        "A man was charged with murder in the death of Dana Whitfield.",
    )
    [event] = merge_mentions([first, second, follow_up])
    assert event.document_ids == ["courier", "gazette", "herald"]


def test_reports_naming_different_streets_stay_apart_and_the_same_street_links_them():
    elm = told(mention("gazette"), "A man was shot on Elm Street late on Saturday.")
    birch = told(
        mention("courier", day="2023-05-07", lat=MILLBROOK[0] + 0.07),
        "A man was shot on Birch Avenue on Sunday.",
    )
    assert len(merge_mentions([elm, birch])) == 2
    also_elm = told(birch, "A man was shot on Elm Street on Sunday.")
    assert len(merge_mentions([elm, also_elm])) == 1


def test_each_documents_lead_mention_is_linked_before_its_side_events():
    # The gazette's main event (confidence 0.9) is an attack 3 km from the courier's clash; its side event is a
    # clash at the courier's very place, which scores higher but must not keep the two main events apart.
    lead = mention("gazette", index=0, killed=2, lat=MILLBROOK[0] + 0.027, confidence=0.9)
    side = mention(
        "gazette", index=1, killed=2, event_type="Battles", sub_event_type="Armed clash", confidence=0.5
    )
    courier = mention("courier", killed=2, event_type="Battles", sub_event_type="Armed clash")
    events = merge_mentions([side, courier, lead])
    [joined] = [e for e in events if lead.id in e.mention_ids]
    assert courier.id in joined.mention_ids and side.id not in joined.mention_ids


def test_stored_window_reaches_further_for_a_named_person():
    from frontlines.merge import stored_window

    named = told(mention("new", day="2023-05-06"), "Dana Whitfield, 31, was shot.")
    window = stored_window(named)
    assert window is not None
    assert window.first_end.isoformat() == "2023-04-06" and window.last_start.isoformat() == "2023-06-05"


def test_merging_named_reports_against_only_the_stored_events_in_each_window_gives_the_same_incidents():
    # As the test above, with a few victims named across reports weeks apart.

    rng = random.Random(5)
    people = ["Dana Whitfield", "Rory Pellman", "Ines Kowalczyk", "Tomas Brandvold"]

    def random_mention(name: str) -> EventMention:
        made = mention(
            name,
            place=f"Town {rng.randint(1, 300)}",  # a few towns named alike, not one town over the whole area
            day=f"2023-{rng.randint(5, 7):02d}-{rng.randint(1, 28):02d}",
            lat=39 + rng.random() * 3,
            lon=-86 + rng.random() * 3,
            killed=rng.randint(0, 2),
        )
        if rng.random() < 0.5:
            made = told(made, f"{rng.choice(people)}, {rng.randint(18, 60)}, was shot.")
        return made

    stored = merge_mentions([random_mention(f"old{i}") for i in range(600)])
    new = [random_mention(f"new{i}") for i in range(40)]
    _assert_the_store_reads_enough(stored, new)


def test_shuffled_named_reports_give_the_same_incidents():
    # Two victims in one town: Dana Whitfield's shooting and its follow-up, and Rory Pellman's two weeks later.
    reports = [
        told(mention("a", killed=1), "Dana Whitfield, 31, was shot dead on Oak Street."),
        told(mention("b", lat=40.01, killed=1), "A woman was shot dead on Oak Street."),
        told(mention("c", day="2023-05-19", killed=1), "A man was charged in the death of Dana Whitfield."),
        told(
            mention("d", day="2023-05-21", lat=40.005, killed=2), "Rory Pellman, 19, was shot on Elm Street."
        ),
        told(mention("e", day="2023-05-22", lat=40.01, killed=2), "Rory Pellman, 19, died on Elm Street."),
        told(
            mention("f", day="2023-05-28", killed=2),
            "Police arrested a suspect in the death of Rory Pellman.",
        ),
    ]
    reference = merge_mentions(reports)
    rng = random.Random(3)
    for _ in range(10):
        shuffled = reports[:]
        rng.shuffle(shuffled)
        assert [e.model_dump() for e in merge_mentions(shuffled)] == [e.model_dump() for e in reference]
    assert clusters(reference) == {frozenset("abc"), frozenset("def")}


# ---------------------------------------------------------------------------------------------------------------------
# The same toll of several victims in one state (the figures and places are invented)


def test_the_same_toll_of_several_victims_in_one_state_joins_reports_a_city_apart():
    # 0.9 degrees of latitude is about 100 km: one outlet places the shooting in Millbrook, another in the next city.
    city = MILLBROOK[0] + 0.9
    gazette = mention("gazette", killed=2, injured=3)
    courier = mention("courier", day="2023-05-07", lat=city, place="Ridgefield", killed=2, injured=4)
    [event] = merge_mentions([gazette, courier])
    assert event.document_ids == ["courier", "gazette"]
    # Not for a single victim, another toll, another state, two days apart or past SAME_TOLL_KM (about 150 km).
    single = mention("courier", lat=city, place="Ridgefield", killed=1)
    other_toll = courier.model_copy(update={"fatalities": Count(best=3, low=3)})
    other_state = courier.model_copy(
        update={"location": courier.location.model_copy(update={"admin1": "Indiana"})}
    )
    later = mention("courier", day="2023-05-08", lat=city, place="Ridgefield", killed=2, injured=3)
    too_far = mention("courier", lat=MILLBROOK[0] + 1.5, place="Ridgefield", killed=2, injured=3)
    assert len(merge_mentions([mention("gazette", killed=1), single])) == 2
    for report in (other_toll, other_state, later, too_far):
        assert len(merge_mentions([gazette, report])) == 2


# ---------------------------------------------------------------------------------------------------------------------
# Far links: a town read as its namesake elsewhere (the places, names and figures are invented)


def namesake(report: EventMention, **place: Any) -> EventMention:
    """The report placed in another Millbrook, about 500 km away in another country."""
    where = {"lat": 43.5, "lon": -80.0, "country": "CA", "admin1": "Ontario", **place}
    return report.model_copy(update={"location": report.location.model_copy(update=where)})


def test_two_reports_of_one_day_naming_the_same_town_join_however_far_apart_they_were_placed():
    gazette = mention("gazette", killed=1, injured=2)
    courier = namesake(mention("courier", killed=1, injured=3))
    [event] = merge_mentions([gazette, courier])
    assert event.document_ids == ["courier", "gazette"]
    # Not a day apart, not with conflicting tolls, not another town's name, not another type family.
    later = namesake(mention("courier", day="2023-05-07", killed=1, injured=2))
    conflict = namesake(mention("courier", killed=1, injured=12))
    elsewhere = namesake(mention("courier", killed=1, injured=2, place="Ridgefield"))
    arrest = namesake(
        mention("courier", event_type="Strategic developments", sub_event_type="Arrests", killed=1, injured=2)
    )
    for report in (later, conflict, elsewhere, arrest):
        assert len(merge_mentions([gazette, report])) == 2


def test_two_reports_of_one_day_naming_the_same_person_join_however_far_apart_they_were_placed():
    gazette = told(mention("gazette", killed=1), "Dana Whitfield, 31, was shot dead outside her home.")
    courier = told(
        namesake(mention("courier", killed=1, place="Port Harlow")), "Dana Whitfield, 31, died at the scene."
    )
    [event] = merge_mentions([gazette, courier])
    assert event.document_ids == ["courier", "gazette"]
    other = told(courier, "Rory Pellman, 19, died at the scene.")
    assert len(merge_mentions([gazette, other])) == 2


def test_a_far_link_reaches_a_stored_event_through_its_link_keys_not_its_window():
    # A store reads the stored events near a new mention (stored_window) and those filed under one of its link keys;
    # the namesake town far away is found only by the key, and joined as in a merge of both reports at once.
    from frontlines.merge import link_keys, stored_window

    gazette = mention("gazette", killed=1, injured=2)
    courier = namesake(mention("courier", killed=1, injured=3))
    [stored] = merge_mentions([gazette])
    window = stored_window(courier)
    assert window is not None and not _inside(window, stored)
    assert link_keys(courier) & link_keys(stored)
    [event] = merge_mentions([courier], existing=[stored])
    assert event.document_ids == ["courier", "gazette"]
    assert [e.model_dump() for e in merge_mentions([gazette, courier])] == [event.model_dump()]
    # The next day's report there shares no key: nothing to read, nothing joined.
    later = namesake(mention("courier", day="2023-05-07", killed=1, injured=3))
    assert not link_keys(later) & link_keys(stored)


def test_shuffled_far_links_give_the_same_incidents():
    reports = [
        mention("a", killed=1, injured=2),
        namesake(mention("b", killed=1, injured=2)),
        namesake(mention("c", lat=43.52, killed=1, injured=3)),
        mention("d", lat=40.01, killed=1, injured=2),
        namesake(mention("e", day="2023-05-07", killed=2)),
    ]
    reference = merge_mentions(reports)
    assert clusters(reference) == {frozenset("abcd"), frozenset("e")}
    rng = random.Random(4)
    for _ in range(10):
        shuffled = reports[:]
        rng.shuffle(shuffled)
        assert [e.model_dump() for e in merge_mentions(shuffled)] == [e.model_dump() for e in reference]


def test_a_far_link_joins_the_reports_of_both_places():
    # Two reports in Millbrook, Ohio, one naming the victim; two placed in the namesake town, one naming her too.
    # The far link between the named reports joins all four, though the unnamed ones share neither place nor name.
    named_here = told(mention("a", killed=1), "Dana Whitfield, 31, was shot dead.")
    here = mention("b", lat=40.01, killed=1, place="Millbrook")
    named_there = namesake(told(mention("c", killed=1, place="Port Harlow"), "Dana Whitfield, 31, died."))
    there = namesake(mention("d", lat=43.51, killed=1, place="Port Harlow"))
    [event] = merge_mentions([named_here, here, named_there, there])
    assert event.document_ids == ["a", "b", "c", "d"]
    # A report of the next day there, or with a conflicting toll, stays out.
    later = namesake(mention("d", day="2023-05-07", lat=43.51, killed=1, place="Port Harlow"))
    conflict = namesake(mention("d", lat=43.51, killed=9, place="Port Harlow"))
    for report in (later, conflict):
        assert clusters(merge_mentions([named_here, here, named_there, report])) == {
            frozenset("abc"),
            frozenset("d"),
        }


def test_two_reports_of_one_day_naming_the_same_street_and_toll_of_several_victims_join_however_far_apart():
    gazette = told(
        mention("gazette", killed=2, injured=3), "Five people were shot on Elm Street late on Saturday."
    )
    courier = told(
        namesake(mention("courier", killed=2, injured=2, place="Port Harlow")),
        "Gunfire on Elm Street left two dead and two wounded.",
    )
    [event] = merge_mentions([gazette, courier])
    assert event.document_ids == ["courier", "gazette"]
    # Not for a single victim, another toll or another street.
    single = told(
        namesake(mention("courier", killed=1, place="Port Harlow")), "A man was shot on Elm Street."
    )
    other_toll = courier.model_copy(update={"fatalities": Count(best=4, low=4)})
    birch = told(courier, "Gunfire on Birch Avenue left two dead and two wounded.")
    assert (
        len(merge_mentions([told(mention("gazette", killed=1), "A man was shot on Elm Street."), single]))
        == 2
    )
    for report in (other_toll, birch):
        assert len(merge_mentions([gazette, report])) == 2


def test_a_new_report_that_links_two_stored_incidents_joins_them_as_a_merge_of_all_three_would():
    # A Millbrook report, and a report naming the victim placed at the namesake far away: two stored incidents. A
    # later Millbrook report naming her links both (the same place and toll as one, the same person as the other).
    here = mention("a", killed=1, injured=2)
    there = namesake(
        told(mention("b", killed=1, injured=2, place="Port Harlow"), "Dana Whitfield, 31, died.")
    )
    link = told(mention("c", lat=MILLBROOK[0] + 0.01, killed=1, injured=2), "Dana Whitfield, 31, was shot.")
    [one] = merge_mentions([here, there, link])
    stored = merge_mentions([here]) + merge_mentions([there])
    assert len(stored) == 2
    [grown] = merge_mentions([link], existing=stored)
    assert grown.document_ids == ["a", "b", "c"] == one.document_ids
    assert grown.id not in {e.id for e in stored}  # a new event: the store replaces both by it
