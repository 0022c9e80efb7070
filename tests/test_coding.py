"""Behaviour of the ACLED coding rules (frontlines.extract.coding) on sentences written for these tests."""

from __future__ import annotations

import pytest

from frontlines.extract import lexicon
from frontlines.extract.coding import resolve_sub_event
from frontlines.extract.events import find_triggers


def code(sentence: str) -> str | None:
    triggers = find_triggers(sentence, 0, len(sentence))
    chosen = resolve_sub_event(sentence, (0, len(sentence)), triggers, []) if triggers else None
    return chosen.sub_event_type if chosen else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Insurgents attacked an army checkpoint outside the town overnight, killing four soldiers.",
            "Armed clash",
        ),
        ("Gunmen attacked a wedding party in the village, killing six guests.", "Attack"),
        ("The army killed a dozen militants in the hills on Tuesday.", "Armed clash"),
        (
            "Police said twelve rifles and 400 rounds of ammunition were seized at a farmhouse.",
            "Disrupted weapons use",
        ),
        ("Engineers defused a roadside bomb found near the bridge.", "Disrupted weapons use"),
        (
            "A roadside bomb exploded under a passing minibus near the bridge.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Rebels entered the town after the garrison withdrew, meeting no resistance.",
            "Non-violent transfer of territory",
        ),
        (
            "Government troops recaptured the village from the rebels on Monday.",
            "Government regains territory",
        ),
        (
            "The rebels seized the district headquarters after a day of heavy fighting.",
            "Non-state actor overtakes territory",
        ),
        (
            "The border crossing was recaptured by army units backed by militia fighters.",
            "Government regains territory",
        ),
        ("Protesters hurled stones at police outside the ministry.", "Violent demonstration"),
        (
            "Riot police fired live ammunition at demonstrators, killing two.",
            "Excessive force against protesters",
        ),
        ("Police fired tear gas to disperse a crowd of students.", "Protest with intervention"),
        ("Hundreds of teachers marched peacefully to the ministry.", "Peaceful protest"),
        ("A group of youths attacked a peaceful rally in the square.", "Mob violence"),
        ("The two sides agreed to a ceasefire after three weeks of fighting.", "Agreement"),
        ("Dozens of shops were looted and set on fire in the market.", "Looting/property destruction"),
        ("The army has set up a new observation post on the ridge.", "Headquarters or base established"),
        ("The battalion was dispatched to the northern border.", "Change to group/activity"),
        (
            "The warship was hit by a surface-to-surface missile off the coast.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_coding_rules_type_the_event_as_an_acled_coder_would(sentence: str, expected: str) -> None:
    assert code(sentence) == expected


def test_people_captured_alive_take_no_territory() -> None:
    assert code("Two attackers were captured alive after the assault on the base.") != (
        "Non-state actor overtakes territory"
    )


def test_an_attempt_to_capture_is_not_a_takeover() -> None:
    assert code("The militants' attack to capture the army positions was repelled.") == "Armed clash"


def test_adjectival_occupied_is_no_event() -> None:
    assert find_triggers("Troops raided homes in the occupied territories.", 0, 47) == [] or all(
        t.family != "territory"
        for t in find_triggers("Troops raided homes in the occupied territories.", 0, 47)
    )


def test_riot_police_alone_is_not_a_riot() -> None:
    assert not any(
        t.sub_event_type == "Violent demonstration"
        for t in find_triggers("Riot police stood by as the march passed.", 0, 41)
    )


def test_trigger_groups_hold_every_trigger_once() -> None:
    grouped = [t for _, members in lexicon.TRIGGER_GROUPS for t in members]
    assert len(grouped) == len(lexicon.TRIGGERS) and set(map(id, grouped)) == set(map(id, lexicon.TRIGGERS))
