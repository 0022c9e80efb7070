"""ACLED coding rules that decide an event's sub-event type among the triggers that govern one place in a sentence.

A sentence may hold several trigger phrases ("fought ... shelled ... killing"); the coding rules say which one types
the event: a handover without a fight is a non-violent transfer; who took ground decides between the two territorial
battle types; a strike during a battle is the battle; the police's response types a protest; a specific weapon beats
a generic "attack"; strategic developments come last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontlines.extract import lexicon
from frontlines.model import ActorMention


@dataclass
class TriggerMatch:
    """A trigger phrase found in the text, with the sub-event type it suggests."""

    start: int
    end: int
    sub_event_type: str
    weight: float
    family: str

    @property
    def text_len(self) -> int:
        return self.end - self.start


# Which sub-event wins when triggers of several types govern the same place in one sentence (lower wins).
PRIORITY = {
    "Non-violent transfer of territory": 0,
    "Government regains territory": 1,
    "Non-state actor overtakes territory": 2,
    "Suicide bomb": 3,
    "Chemical weapon": 4,
    "Excessive force against protesters": 5,
    "Protest with intervention": 6,
    "Violent demonstration": 7,
    "Mob violence": 8,
    "Armed clash": 9,
    "Remote explosive/landmine/IED": 10,
    "Grenade": 11,
    "Air/drone strike": 12,
    "Shelling/artillery/missile attack": 13,
    "Abduction/forced disappearance": 14,
    "Sexual violence": 15,
    "Peaceful protest": 16,
    "Attack": 17,
    "Looting/property destruction": 18,
    "Headquarters or base established": 19,
    "Disrupted weapons use": 20,
    "Arrests": 21,
    "Agreement": 22,
    "Change to group/activity": 23,
    "Other": 24,
}
WEAK_ATTACK = re.compile(
    r"^(?:attack(?:ed|s)?|killed|shot|shootings?|gunfire|gunmen|murders?|homicides?)$", re.IGNORECASE
)


def resolve_sub_event(
    text: str, sentence: tuple[int, int], triggers: list[TriggerMatch], actors: list[ActorMention]
) -> TriggerMatch | None:
    """Apply the coding rules to the triggers that govern one place in one sentence."""
    sentence_text = text[sentence[0] : sentence[1]]
    triggers = [t for t in triggers if not _not_a_takeover(text, sentence, t)]
    if any(t.family == "strategic" for t in triggers):
        # An agreement or a destruction "after weeks of fighting": the fighting is its background.
        triggers = [
            t
            for t in triggers
            if not (t.sub_event_type == "Armed clash" and _nominal_reference(text, sentence, t))
        ]
    if not triggers:
        return None
    subs = {t.sub_event_type for t in triggers}
    families = {t.family for t in triggers}
    strong = [
        t for t in triggers if not (t.sub_event_type == "Attack" and WEAK_ATTACK.match(text[t.start : t.end]))
    ]

    def pick(sub: str) -> TriggerMatch:
        return next(t for t in triggers if t.sub_event_type == sub)

    # Weapons found, seized, defused or destroyed: the weapon words are the object, not the event.
    if "Disrupted weapons use" in subs and not any(
        t.family in ("battle", "territory") or t.sub_event_type == "Suicide bomb" for t in strong
    ):
        return pick("Disrupted weapons use")
    # Protests: the police's response decides the sub-event type (rape and abduction are coded as such).
    if ("protest" in families or "riot" in families) and not subs & {
        "Sexual violence",
        "Abduction/forced disappearance",
    }:
        protest = _protest(text, sentence, triggers, subs)
        if protest is not None:
            return protest
    # A strike during a battle belongs to the battle (DESIGN section 3).
    if "Armed clash" in subs and "remote" in families:
        if lexicon.LINKED_TO_BATTLE.search(sentence_text) or not any(
            t.sub_event_type in ("Suicide bomb", "Chemical weapon") for t in triggers
        ):
            clash = pick("Armed clash")
            if lexicon.LINKED_TO_BATTLE.search(sentence_text) or clash.weight >= 0.85:
                return clash
    # Territory: who took it decides between the two battle types.
    territorial = [t for t in triggers if t.family == "territory"]
    if territorial:
        return _territory(text, sentence, territorial, actors)
    candidates = strong or triggers
    chosen = min(candidates, key=lambda t: (PRIORITY.get(t.sub_event_type, 30), t.start))
    if chosen.sub_event_type == "Attack" and _armed_target(text, sentence, chosen, actors):
        # ACLED: an attack on an armed, organized party (a base, a patrol, soldiers) is a battle.
        return TriggerMatch(chosen.start, chosen.end, "Armed clash", max(chosen.weight, 0.8), "battle")
    return chosen


_PROTEST_NOUN = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*|sit-ins?|vigils?)\b", re.IGNORECASE
)


def _protest(
    text: str, sentence: tuple[int, int], triggers: list[TriggerMatch], subs: set[str]
) -> TriggerMatch | None:
    """The sub-event type of a demonstration: who used force, and how much (ACLED protest and riot types)."""
    sentence_text = text[sentence[0] : sentence[1]]
    base = next((t for t in triggers if t.family in ("protest", "riot")), triggers[0])
    if "Mob violence" in subs:
        return next(t for t in triggers if t.sub_event_type == "Mob violence")
    state = bool(lexicon.STATE_FORCE.search(lexicon.SPEAKER.sub(" ", sentence_text)))
    force = lexicon.EXCESSIVE_FORCE.search(sentence_text)
    attack_on_protest = re.search(
        r"\b(?:attack\w*|assault\w*) (?:on |against )?(?:\w+ ){0,3}(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*)",
        sentence_text,
        re.IGNORECASE,
    )
    if attack_on_protest and not state:
        # A crowd or a group that is not a state force attacking a demonstration: mob violence.
        return TriggerMatch(base.start, base.end, "Mob violence", 0.85, "riot")
    if state and force:
        return TriggerMatch(base.start, base.end, "Excessive force against protesters", 0.85, "protest")
    if lexicon.PROTEST_VIOLENCE.search(sentence_text) or "Violent demonstration" in subs:
        return TriggerMatch(base.start, base.end, "Violent demonstration", 0.85, "riot")
    if lexicon.INTERVENTION.search(sentence_text) and (
        state or re.search(r"dispers|tear ?gas|arrest|detain", sentence_text, re.IGNORECASE)
    ):
        return TriggerMatch(base.start, base.end, "Protest with intervention", 0.85, "protest")
    if "Peaceful protest" in subs:
        return next(t for t in triggers if t.sub_event_type == "Peaceful protest")
    return None


def _nominal_reference(text: str, sentence: tuple[int, int], trigger: TriggerMatch) -> bool:
    """ "weeks of fighting", "after the fighting": a reference to a battle, not the report of one."""
    before = text[max(sentence[0], trigger.start - 40) : trigger.start]
    return bool(
        re.search(
            r"\b(?:of|after|following|ending|ended|end|since|amid|despite|scene of|during)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
            before,
            re.IGNORECASE,
        )
    )


_CAPTURED_PEOPLE = re.compile(
    r"^\s*(?:alive\b|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|dozens|scores|some)\s+(?:\w+\s+)?"
    r"(?:militants|fighters|soldiers|people|suspects|members|insurgents|terrorists|rebels|civilians|men)(?![\w'’]))",
    re.IGNORECASE,
)


def _not_a_takeover(text: str, sentence: tuple[int, int], trigger: TriggerMatch) -> bool:
    """A territory phrase that takes no ground: people captured, or an attempt ("an attack to capture")."""
    if trigger.family != "territory" or trigger.sub_event_type == "Non-violent transfer of territory":
        return False
    after = text[trigger.end : min(sentence[1], trigger.end + 40)]
    before = text[max(sentence[0], trigger.start - 30) : trigger.start]
    if _CAPTURED_PEOPLE.match(after):
        return True
    return bool(
        re.search(
            r"\b(?:attempt(?:s|ed|ing)?|tr(?:y|ied|ying)|bid|effort|attack|push|aim\w*) to\s+$",
            before,
            re.IGNORECASE,
        )
    )


def _territory(
    text: str, sentence: tuple[int, int], territorial: list[TriggerMatch], actors: list[ActorMention]
) -> TriggerMatch | None:
    sentence_text = text[sentence[0] : sentence[1]]
    chosen = min(territorial, key=lambda t: PRIORITY[t.sub_event_type])
    # Without a fight (a withdrawal, a handover, a deserted position) the change is non-violent.
    context = sentence_text + " " + _next_sentence(text, sentence[1])
    if chosen.sub_event_type != "Non-violent transfer of territory" and lexicon.NON_VIOLENT_TRANSFER.search(
        context
    ):
        return TriggerMatch(
            chosen.start, chosen.end, "Non-violent transfer of territory", chosen.weight, "territory"
        )
    if chosen.sub_event_type != "Non-violent transfer of territory":
        retake = bool(
            re.match(
                r"(?:re|won|took back|taken back|seized back|liberat|freed|pushed|drove)",
                text[chosen.start : chosen.end],
                re.IGNORECASE,
            )
        )
        state_agent = _state_agent(text, sentence, chosen, actors)
        if state_agent is None:
            state_agent = retake
        sub = "Government regains territory" if state_agent else "Non-state actor overtakes territory"
        return TriggerMatch(chosen.start, chosen.end, sub, chosen.weight, "territory")
    if re.search(r"without (?:a fight|resistance|fighting)|handed|handing", sentence_text, re.IGNORECASE):
        return chosen
    if len(territorial) > 1:
        return min((t for t in territorial if t is not chosen), key=lambda t: PRIORITY[t.sub_event_type])
    return chosen if "withdr" not in text[chosen.start : chosen.end].lower() else None


def _next_sentence(text: str, end: int) -> str:
    """The sentence after ``end`` (for cues a coder reads on: "... They met no resistance")."""
    rest = text[end : end + 400]
    stop = re.search(r"[.!?](?:\s|$)", rest[1:])
    return rest[: stop.end() + 1] if stop else rest


def _state_agent(
    text: str, sentence: tuple[int, int], trigger: TriggerMatch, actors: list[ActorMention]
) -> bool | None:
    """Whether the party that took the ground is a state force; None when the sentence does not say."""
    after = text[trigger.end : sentence[1]]
    by = re.match(r"\s*(?:\w+\s+){0,8}?by\s+((?:[\w'-]+\s+){0,4}[\w'-]+)", after)
    passive = re.search(
        r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$",
        text[max(sentence[0], trigger.start - 20) : trigger.start],
    )
    if passive and by:
        agent_text = by.group(1)
        if lexicon.STATE_WORDS.search(agent_text):
            return True
        if lexicon.NON_STATE_WORDS.search(agent_text):
            return False
    if passive:
        return None
    # The subject of the clause: the first armed party named before the verb.
    before = text[sentence[0] : trigger.start]
    clause_start = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
    for region_start in ([sentence[0] + clause_start + 1] if clause_start >= 0 else []) + [sentence[0]]:
        region = text[region_start : trigger.start]
        marks: list[tuple[int, bool]] = []
        for a in actors:
            if region_start <= a.start and a.end <= trigger.start and a.inter not in (7, None):
                marks.append((a.start, a.inter == 1))
        state = lexicon.STATE_WORDS.search(region)
        non_state = lexicon.NON_STATE_WORDS.search(region)
        if state:
            marks.append((region_start + state.start(), True))
        if non_state:
            marks.append((region_start + non_state.start(), False))
        if marks:
            return min(marks)[1]
    return None


def _armed_target(
    text: str, sentence: tuple[int, int], trigger: TriggerMatch, actors: list[ActorMention]
) -> bool:
    """Whether an attack hit an armed party: soldiers, a base, a patrol, militants killed by the army."""
    s_text = lexicon.SPEAKER.sub(lambda m: " " * len(m.group(0)), text[sentence[0] : sentence[1]])
    offset = trigger.end - sentence[0]
    after = s_text[offset:]
    before = s_text[: trigger.start - sentence[0]]
    if lexicon.CIVILIAN_VICTIMS.search(after[:40]) and not lexicon.ARMED_TARGET.search(after[:40]):
        return False
    if lexicon.ARMED_TARGET.search(after):
        return True
    # "20 militants were killed when ...", "the army killed scores of terrorists".
    victims_before = re.search(
        r"\b(?:militants|insurgents|terrorists|rebels|fighters|soldiers|troops|policemen|security (?:forces|personnel)|members)\b"
        r"(?:\s+\w+){0,3}\s+(?:were|was|have been|had been)\s+$",
        before,
        re.IGNORECASE,
    )
    if victims_before:
        return True
    return bool(lexicon.STATE_WORDS.search(before) and lexicon.NON_STATE_WORDS.search(after))


def _agent_before(
    actors: list[ActorMention], trigger: TriggerMatch, sentence: tuple[int, int]
) -> ActorMention | None:
    before = [
        a for a in actors if sentence[0] <= a.start and a.end <= trigger.start and a.inter not in (7, None)
    ]
    return before[-1] if before else None
