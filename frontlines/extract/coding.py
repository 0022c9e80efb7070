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
    subs = {t.sub_event_type for t in triggers}
    families = {t.family for t in triggers}
    strong = [
        t for t in triggers if not (t.sub_event_type == "Attack" and WEAK_ATTACK.match(text[t.start : t.end]))
    ]

    def pick(sub: str) -> TriggerMatch:
        return next(t for t in triggers if t.sub_event_type == sub)

    # Protests: the police's response decides the sub-event type.
    if "protest" in families or "riot" in families:
        base = next((t for t in triggers if t.family in ("protest", "riot")), triggers[0])
        if "Mob violence" in subs:
            return pick("Mob violence")
        if re.search(
            r"\b(?:police|security forces|troops|soldiers|army)\b", sentence_text, re.IGNORECASE
        ) and lexicon.LETHAL_FORCE.search(sentence_text):
            return TriggerMatch(base.start, base.end, "Excessive force against protesters", 0.85, "protest")
        if lexicon.PROTEST_VIOLENCE.search(sentence_text) or "Violent demonstration" in subs:
            return TriggerMatch(base.start, base.end, "Violent demonstration", 0.85, "riot")
        if lexicon.INTERVENTION.search(sentence_text):
            return TriggerMatch(base.start, base.end, "Protest with intervention", 0.85, "protest")
        if "Peaceful protest" in subs:
            return pick("Peaceful protest")
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
        chosen = min(territorial, key=lambda t: PRIORITY[t.sub_event_type])
        if chosen.sub_event_type != "Non-violent transfer of territory":
            agent = _agent_before(actors, chosen, sentence)
            state_agent = agent is not None and agent.inter == 1
            if agent is None:
                state_agent = bool(lexicon.STATE_WORDS.search(text[sentence[0] : chosen.start]))
                non_state = re.search(
                    r"\b(?:rebels?|militants?|insurgents?|jihadists?|fighters|militia|factions?)\b",
                    text[sentence[0] : chosen.start],
                    re.IGNORECASE,
                )
                if non_state:
                    state_agent = False
            sub = "Government regains territory" if state_agent else "Non-state actor overtakes territory"
            return TriggerMatch(chosen.start, chosen.end, sub, chosen.weight, "territory")
        if re.search(r"without (?:a fight|resistance|fighting)|handed|handing", sentence_text, re.IGNORECASE):
            return chosen
        if len(territorial) > 1:
            return min((t for t in territorial if t is not chosen), key=lambda t: PRIORITY[t.sub_event_type])
        return chosen if "withdr" not in text[chosen.start : chosen.end].lower() else None
    candidates = strong or triggers
    return min(candidates, key=lambda t: (PRIORITY.get(t.sub_event_type, 30), t.start))


def _agent_before(
    actors: list[ActorMention], trigger: TriggerMatch, sentence: tuple[int, int]
) -> ActorMention | None:
    before = [
        a for a in actors if sentence[0] <= a.start and a.end <= trigger.start and a.inter not in (7, None)
    ]
    return before[-1] if before else None
