"""Who did it to whom: the agent and the target of an event trigger, from the document's actor mentions.

For the event stage: given the character span of a trigger ("attacked", "airstrike", "were killed"),
:func:`agent_and_target` returns the actor mentions playing the agent (ACLED actor1) and the target (actor2).

With a dependency parse (``document.parse``, a spaCy Doc) it reads the grammar: the subject of the trigger verb is the
agent and its object the target; in the passive ("were ambushed by rebels") the "by" phrase is the agent and the
subject the target; a noun trigger takes its "by" phrase ("an airstrike by Russian fighters") or an actor modifying it
("an Israeli airstrike") as agent, and "on"/"against"/"targeting" phrases as target. An actor that only backs
another ("Turkish-backed factions") is never the agent: :func:`backers_of` gives it, for the assoc roles.
Without a parse it falls back on order within the sentence: the nearest actor before the trigger is the agent and
the nearest after it the target, reversed for a passive, with "by X" always the agent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from frontlines.model import ActorMention, Document

_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be", "got"})
_TARGET_PREPS = frozenset({"on", "against", "at", "targeting", "upon"})
_BACKING = frozenset({"backed", "supported", "sponsored", "funded", "armed"})
_WORD = re.compile(r"[\w'’.-]+")


def agent_and_target(
    document: Document, trigger_start: int, trigger_end: int
) -> tuple[ActorMention | None, ActorMention | None]:
    """The (agent, target) actor mentions of the trigger at ``trigger_start:trigger_end``; None where unknown.

    >>> from frontlines.model import ActorMention
    >>> text = "Government troops were ambushed by rebels near Bambari."
    >>> doc = Document(id="d", text=text, sentences=[(0, len(text))], actors=[
    ...     ActorMention(start=0, end=17, text="Government troops", name="Military Forces of X", inter=1),
    ...     ActorMention(start=35, end=41, text="rebels", name="Rebels", inter=2)])
    >>> agent, target = agent_and_target(doc, 23, 31)
    >>> agent.text, target.text
    ('rebels', 'Government troops')
    """
    actors = [a for a in document.actors if a.end <= trigger_start or a.start >= trigger_end]
    if not actors:
        return None, None
    by_order = _by_order(document, actors, trigger_start, trigger_end)
    if document.parse is None:
        return by_order
    try:
        if hasattr(document.parse, "doc_for"):
            agent, target = _by_sentence_parse(document, actors, trigger_start, trigger_end)
        else:
            agent, target = _by_parse(document.parse, actors, trigger_start, trigger_end)
    except (AttributeError, IndexError, TypeError):  # a parse of another text: fall back on order
        return by_order
    agent = agent or (by_order[0] if by_order[0] is not target else None)
    target = target or (by_order[1] if by_order[1] is not agent else None)
    return agent, target


def backers_of(document: Document, mention: ActorMention) -> list[ActorMention]:
    """Actors that back ``mention`` ("Turkish-backed factions", "factions backed by Turkey"): ACLED assoc actors.

    Here the backer is written as a mention of its own right before "-backed" or right after "backed by".
    """
    text = document.text
    found = []
    for other in document.actors:
        if other is mention:
            continue
        between = text[other.end : mention.start] if other.end <= mention.start else ""
        if other.end <= mention.start and re.fullmatch(r"\s*-?\s*(?:backed|supported|sponsored)\s*", between):
            found.append(other)
        after = text[mention.end : other.start] if mention.end <= other.start else ""
        if re.fullmatch(r"[\s,]*(?:backed|supported|sponsored)\s+by\s+(?:the\s+)?", after):
            found.append(other)
    return found


# ---------------------------------------------------------------------------------------------------------------------


def _sentence(document: Document, start: int, end: int) -> tuple[int, int]:
    sentence = document.sentence_of(start)
    if sentence is None:
        return 0, len(document.text)
    # clauses after a semicolon belong to another statement
    s_start, s_end = sentence
    before = document.text.rfind(";", s_start, start)
    after = document.text.find(";", end, s_end)
    return (before + 1 if before >= 0 else s_start), (after if after >= 0 else s_end)


def _is_backer(document: Document, mention: ActorMention) -> bool:
    return bool(
        re.match(
            r"\s*-?\s*(?:backed|supported|sponsored|funded)\b", document.text[mention.end : mention.end + 14]
        )
    )


def _by_order(
    document: Document, actors: Sequence[ActorMention], start: int, end: int
) -> tuple[ActorMention | None, ActorMention | None]:
    text = document.text
    c_start, c_end = _sentence(document, start, end)
    inside = [a for a in actors if a.start >= c_start and a.end <= c_end and not _is_backer(document, a)]
    before = [a for a in inside if a.end <= start]
    after = [a for a in inside if a.start >= end]
    words_before = _WORD.findall(text[c_start:start].lower())[-2:]
    trigger_words = _WORD.findall(text[start:end].lower())
    passive = bool(set(words_before) & _PASSIVE_AUX) or bool(
        trigger_words and trigger_words[0] in _PASSIVE_AUX
    )
    by_agent = None
    for actor in after:
        lead = text[end : actor.start].lower()
        if re.search(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,2}$", lead) and len(lead) < 40:
            by_agent = actor
            break
    adjacent = (
        before[-1] if before and re.fullmatch(r"[\s\w-]{0,3}", text[before[-1].end : start] or "") else None
    )
    if passive:
        agent = by_agent
        target = before[-1] if before else None
    else:
        agent = by_agent or (before[-1] if before else None)
        target = next((a for a in after if a is not agent), None)
        clause_words = set(_WORD.findall(text[c_start:start].lower()))
        if target is None and agent is by_agent and before and clause_words & _PASSIVE_AUX:
            target = before[-1]  # "civilians were killed in an airstrike by X": the victims come first
    if agent is None and adjacent is not None:
        agent = adjacent
    if target is agent:
        target = None
    return agent, target


def _by_sentence_parse(
    document: Document, actors: Sequence[ActorMention], start: int, end: int
) -> tuple[ActorMention | None, ActorMention | None]:
    """``_by_parse`` over the parse of the trigger's sentence alone (offsets counted from the sentence start)."""
    bounds = document.parse.sentence_at(start) if hasattr(document.parse, "sentence_at") else None
    if bounds is not None and not any(bounds[0] <= a.start and a.end <= bounds[1] for a in actors):
        return None, None  # the parse can name only the sentence's own actors: none, so no parse is needed
    found = document.parse.doc_for(start)
    if found is None:
        return None, None
    offset, doc = found
    limit = offset + len(doc.text)
    inside = [a for a in actors if offset <= a.start and a.end <= limit]
    shifted = [a.model_copy(update={"start": a.start - offset, "end": a.end - offset}) for a in inside]
    agent, target = _by_parse(doc, shifted, start - offset, end - offset)
    back = {id(copy): original for copy, original in zip(shifted, inside, strict=True)}
    return (back.get(id(agent)) if agent else None), (back.get(id(target)) if target else None)


def _mention_of(token: Any, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The actor mention that a noun token heads: one covering the token, else one among its left modifiers."""
    idx, end = token.idx, token.idx + len(token.text)
    for actor in actors:
        if actor.start <= idx < actor.end or idx <= actor.start < end:
            return actor
    left = token.left_edge.idx
    inside = [a for a in actors if a.start >= left and a.end <= end]
    for actor in reversed(inside):
        modifier = next((t for t in token.lefts if t.idx <= actor.start < t.idx + len(t.text) + 1), None)
        if modifier is not None and modifier.head.lower_ in _BACKING:
            continue
        return actor
    return None


def _by_parse(
    doc: Any, actors: Sequence[ActorMention], start: int, end: int
) -> tuple[ActorMention | None, ActorMention | None]:
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return None, None
    inside = {t.i for t in tokens}
    trigger = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
    agent = target = None
    for child in trigger.children:
        if child.dep_ in ("nsubj",) and agent is None:
            agent = _mention_of(child, actors)
        elif child.dep_ in ("dobj", "nsubjpass", "attr") and target is None:
            target = _mention_of(child, actors)
        elif child.dep_ in ("agent", "prep") and child.lower_ == "by":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                agent = _mention_of(pobj, actors) or agent
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and target is None:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                target = _mention_of(pobj, actors)
        elif (
            child.dep_ in ("amod", "compound", "nmod", "poss")
            and agent is None
            and trigger.pos_ in ("NOUN", "PROPN")
        ):
            agent = _mention_of(child, actors)
    # "... by Russian fighters targeting civilian vehicles": a targeting clause anywhere under the trigger
    if target is None:
        for token in trigger.subtree:
            if token.lower_ in ("targeting", "targetting", "hitting", "against") and token.i != trigger.i:
                obj = next((g for g in token.children if g.dep_ in ("dobj", "pobj")), None)
                if obj is not None:
                    target = _mention_of(obj, actors)
                    break
    # a noun trigger inside "civilians were killed in an airstrike": the victims are the verb's passive subject
    if target is None and trigger.pos_ in ("NOUN", "PROPN"):
        verb = trigger.head.head if trigger.head.dep_ == "prep" else trigger.head
        for child in verb.children:
            if child.dep_ in ("nsubjpass", "dobj"):
                target = _mention_of(child, actors)
                break
    if target is agent:
        target = None
    return agent, target
