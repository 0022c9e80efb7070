"""Casualty figures: who was killed, injured, abducted, arrested, missing or displaced, and how many.

A figure is a number (or a singular victim phrase: "a man", "one soldier") tied to the casualty word that governs it,
either after it ("16 civilians were killed", "two dead") or before it ("killing 27 worshippers", "left five soldiers,
eight militants and two civilians dead"). Lists after "including"/"among them" are the breakdown of the figure before
them, never added to it. Every figure keeps the span of its words; nothing is counted that the text does not state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from frontlines.model import NumberMention

CATEGORIES = ("killed", "injured", "abducted", "arrested", "missing", "displaced")

_KILLED = (
    r"killed|dead|died|dies|die|slain|murdered|massacred|executed|perished|lost (?:their|his|her) lives|"
    r"shot dead|shot to death|fatally (?:shot|stabbed|wounded|injured|struck)|fatalities|deaths?|bodies|"
    r"pronounced dead|passed away|succumbed|beheaded|gunned down|lifeless|deceased|kill|killing|martyred|homicide victims?|dying"
)
# What hits a victim: "a stray bullet hits", "gunfire grazed".
_PROJECTILE = r"(?:bullets?|gunfire|gunshots?|rounds?|shots?|pellets?)\s+(?:\w+\s+)?"
_INJURED = (
    r"wounded|injured|injuries|injuring|wounding|hurt|hospitali[sz]ed|wounds|in (?:critical|stable|serious|"
    r"good|fair|grave) condition|(?:critical|serious) but stable|non-life-threatening|treated for|"
    r"(?:taken|transported|rushed|brought|airlifted|flown|driven|sent)\s+(?:themselves\s+)?to\s+(?:a |an |the )?"
    r"(?:[\w-]+ ){0,3}?hospitals?|"
    r"(?:went|walked|drove|arrived|showed up|checked into|ended up)\s+(?:themselves\s+)?(?:to|at|in|into)\s+(?:a |an |the )?"
    r"(?:[\w-]+ ){0,3}?hospitals?|"
    r"treated (?:and released )?(?:at|in) (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:hospitals?|medical center)|treated and released|"
    r"suffered|grazed|wounds?|injury|fighting for (?:his|her|their|its) li(?:fe|ves)|"
    r"(?:are|is|was|were|remain|remains|remained|still)\s+(?:in|at)\s+(?:the\s+|a\s+)?(?:local\s+|area\s+)?hospital"
)
_SHOT = (
    r"shot|(?:struck|hit) (?:by|with) (?:a |an |stray |the )*(?:gun)?(?:fire|bullets?|rounds?|gunshots?|shots)|stabbed|"
    r"hit (?:in (?:the|his|her|their|both) (?!crossfire\b)|during the shooting\b)|"
    r"gunshot"
)
_ABDUCTED = r"abducted|kidnapped|taken hostage|held hostage|hostages|abducting|kidnapping|seized"
_ARRESTED = r"arrested|detained|taken into custody|apprehended|arresting|detaining|rounded up"
_MISSING = r"missing|unaccounted for"
_DISPLACED = r"displaced|fled their homes|forced to flee|evacuated|homeless|displacing"

_WORD_CATEGORY = [
    # (Not "nearly killed", "almost died": told as a death that did not happen.)
    ("killed", re.compile(rf"(?<!\bnearly )(?<!\balmost )\b(?:{_KILLED})\b", re.IGNORECASE)),
    ("injured", re.compile(rf"\b(?:{_INJURED})\b", re.IGNORECASE)),
    ("shot", re.compile(rf"\b(?:{_SHOT})\b", re.IGNORECASE)),
    ("abducted", re.compile(rf"\b(?:{_ABDUCTED})\b", re.IGNORECASE)),
    ("arrested", re.compile(rf"\b(?:{_ARRESTED})\b", re.IGNORECASE)),
    ("missing", re.compile(rf"\b(?:{_MISSING})\b", re.IGNORECASE)),
    ("displaced", re.compile(rf"\b(?:{_DISPLACED})\b", re.IGNORECASE)),
]
# A verb before the figure governs it: "killing 27", "left 5 dead" (with "dead" after), "wounding at least 40".
_LEFT_VERB = re.compile(
    r"(?<!\bnearly )(?<!\balmost )\b(?P<verb>killing|killed|kills|kill|wounding|wounded|wounds|wound|injuring|injured|injures|injure|hurting|hurts|abducting|abducted|kidnapping|"
    r"kidnapped|arresting|arrested|detaining|detained|displacing|displaced|claimed the li(?:fe|ves) of|claiming the li(?:fe|ves) of|"
    r"(?:fatal shooting|shooting death|slaying|murder|killing|shooting|wounding|injuring) of(?: (?:his|her|their))?|"
    r"death of|deaths of|murdering|murdered|gunning down|gunned down|"
    # (Not the noun: "in a shooting between two rival gangs", "fatal shooting A suspect is in custody".)
    r"(?<!\ba )(?<!\bthe )(?<!\bfatal )(?<!\bdeadly )shooting|shot|executing|executed|hitting|striking|"
    r"(?:death )?toll (?:\w+ ){0,3}?(?:rose|climbed|jumped|increased|risen|reached|stood|stands|is|was|of|at|to)(?: to| at)?|"
    r"number of (?:fatalities|deaths|dead|people killed|those killed) (?:\w+ ){0,3}?(?:to|at)|"
    r"put (?:its|their|the|his|her) (?:own )?(?:losses|death toll|toll|dead|casualties) at|"
    + _PROJECTILE
    + r"(?:hit|hits|struck|strikes|grazed|grazes))\s+"
    r"(?:(?:at least|some|about|around|"
    r"nearly|more than|over|up to|as many as|an estimated|another|an additional|the)\s+)?$",
    re.IGNORECASE,
)
_LEFT_CATEGORY = {
    "fatal shooting": "killed", "shooting death": "killed", "slaying": "killed",
    "kill": "killed", "murder": "killed", "execut": "killed", "claim": "killed", "death": "killed",
    "wound": "injured", "injur": "injured", "hurt": "injured", "abduct": "abducted", "kidnap": "abducted",
    "arrest": "arrested", "detain": "arrested", "displac": "displaced", "shot": "shot", "shoot": "shot",
    "hitting": "shot", "striking": "shot", "gunn": "killed",
    "toll": "killed", "death toll": "killed", "put": "killed", "number": "killed",
    "bullet": "shot", "gunfire": "shot", "gunshot": "shot", "round": "shot", "pellet": "shot",
}  # fmt: skip
_BREAKDOWN = re.compile(
    r"(?:including|among them|among whom|of whom|of them|among the dead|among those)\s*:?\s*$"
    # "Six people — five men and one woman — were taken to hospitals": the list between dashes
    r"|\b(?:people|persons|victims|others)\s*[—–]\s*$",
    re.IGNORECASE,
)
# (Not a page label: "UPDATED: 6 Shot, One Critically Hurt".)
_UPDATE = re.compile(
    r"\b(?:rose to|risen to|climbed to|increased to|jumped to|reached|now stands at|has risen|later died|bringing|"
    r"revised|updated(?!\s*:)|toll (?:has )?(?:risen|climbed|increased|rose))\b",
    re.IGNORECASE,
)
# A headline's or a blotter's label: "Police: ", "Teen Shot: ".
_LABEL = r"[A-Z][\w ]{0,25}:\s+"
_SINGULAR = re.compile(
    # A determiner, a possessive ("his daughter"), an age ("17-year-old boy") or, as in a headline ("Teen shot in
    # Miami dies", "Police: Girl killed"), nothing at the start of the sentence.
    r"(?:\b(?:a|an|one|another|the|his|her|their)\s+|\b(?=(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old\s)|"
    # a name's possessive: "Garza's stepfather, Carlos Aguilar, was also shot"
    r"\b(?-i:[A-Z][a-z]+)(?:['’]s|s['’])\s+|"
    r"(?<=death of )|(?<=killing of )|(?<=shooting of )|(?<=murder of )|(?<=, )(?=[A-Z][a-z]+ (?:[A-Z][a-z]+ )?(?:Dead|Killed|Dies|Shot|Hurt|Injured|Wounded)\b)|"
    rf"^(?P<prefix>\W{{0,3}}(?:{_LABEL})?))(?:(?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:year|month)[- ]old\s+|young\s+|teenage\s+|elderly\s+|"
    r"local\s+|off-duty\s+|unarmed\s+|pregnant\s+|female\s+|male\s+)*"
    r"(?:(?!(?:was|were|is|the|a|an|and|of|who|had|has|killed|shot)\b)[a-z]+\s+){0,2}?"
    r"(?P<noun>man|woman|boy|girl|teen|teenager|person|child|toddler|infant|baby|police officer|officer|policeman|"
    r"policewoman|soldier|student|civilian|worker|resident|driver|motorist|victim|security guard|guard|deputy|"
    r"trooper|journalist|reporter|teacher|farmer|shopkeeper|passenger|pedestrian|father|mother|son|daughter|"
    r"husband|wife|brother|sister|cousin|relative|friend|neighbor|neighbour|gunman|suspect|clerk|customer|"
    r"employee|youth|juvenile|inmate|militant|rebel|fighter|policeman|boyfriend|girlfriend|fiancee?|grandson|"
    r"granddaughter|grandmother|grandfather|nephew|niece|uncle|aunt|stepson|stepdaughter|stepfather|"
    r"ex-wife|ex-husband|roommate|bystander|adult|owner|manager|bouncer|security officer|store clerk|agent|"
    r"(?:male|female)(?!\s+(?:victim|teen|teenager|juvenile|officer|student|driver|passenger|suspect|adult|child)s?\b))\b"
    r"(?!\s+(?:man|woman|boy|girl)\b)",  # "an adult man", "a teen girl": the noun is the last word
    re.IGNORECASE,
)
_ONE_OF_DIED = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:who\s+were\s+|that\s+were\s+)?(?:shot|wounded|injured|hit|struck)\b[^.;]{0,80}?"
    r"\b(?:has|had|later)?\s*(?:died|dies|succumbed|was pronounced dead|is dead|did not survive)\b",
    re.IGNORECASE,
)
_ORDINAL_VALUE = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
ORDINALS = "|".join(_ORDINAL_VALUE)  # "second" ... "tenth"
_ORDINAL_VICTIM = re.compile(
    r"(?<!\ba )(?<!\bA )(?<!another )\b(?P<ordinal>" + ORDINALS + r")\s+"
    r"(?P<noun>person|victim|man|woman|teen|teenager|boy|girl|child|officer|student)\b"
    r"(?=\s+(?:(?:has|had|later|also)\s+)?(?:dies|died|succumbs|succumbed)\b)",
    re.IGNORECASE,
)
# "A fourth victim": one more victim told by its ordinal (the victims of the story number four).
ORDINAL_VICTIM = re.compile(
    r"(?:a|an)\s+(?P<ordinal>" + ORDINALS + r")\s+(?:[\w-]+\s+)?"
    r"victim$",
    re.IGNORECASE,
)
_PRONOUN_KILLED = re.compile(
    r"\b(?P<pronoun>he|she)\s+(?:(?:was|is|had been|has been)\s+(?:later\s+|also\s+)?(?:fatally shot|shot dead|"
    r"shot to death|shot and killed|killed|pronounced dead|found dead|dead)|(?:later\s+|also\s+)?(?:died|dies|passed away))\b",
    re.IGNORECASE,
)
_SUICIDE = re.compile(
    r"(?<!\bto )\b(?:commit(?:s|ted|ting)?\s+suicide|t(?:ook|akes|aking|ake)\s+(?:his|her)\s+own\s+life)\b",
    re.IGNORECASE,
)
_SELF = re.compile(
    r"(?<!turned )(?<!turning )(?<!turns )(?<!turn )\b(?:himself|herself|self)\b(?![- ]inflicted)",
    re.IGNORECASE,
)
_SELF_KILLED = re.compile(
    r"\b(?:killed|killing|kills|kill|fatally (?:shooting|shot|wounding)|shot and killed|shooting and killing)\b"
    r"(?:(?!\b(?:but|while|after|said|says)\b)[^.;:])*$",
    re.IGNORECASE,
)
_FATALLY = re.compile(r"^\W*(?:was |were )?(?:\w+ ){0,2}?fatally\b", re.IGNORECASE)
_CIVILIAN_NOUN = re.compile(
    r"\b(?:civilians?|people|persons|residents|villagers|children|women|worshippers|pupils|students|passengers|"
    r"shoppers|farmers|workers|journalists|bystanders|family|families|men|boys|girls|infants|babies|teachers)\b",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(
    r"^\s*(?:other\s+|of\s+)?(?P<noun>(?:[a-z]+-)?[A-Za-z]+(?:\s+(?:troops|soldiers|forces|fighters|members|militants|officers|personnel|police|policemen|civilians))?)",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(
    # (Not the point of an abbreviation: "shot in Chapel Hill Dec. 25 has died".)
    r"[;:]|(?-i:(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z][a-z]{3}))\. |\bbut\b(?! stable\b)|\bwhile\b|\bwhereas\b|\bafter\b(?= \w+ (?:was|were|had))"
    # a headline run into the story ("3 victims identified as Jo Doe, Al Roe The shotgun-wielding student shot ...")
    r"|(?-i:(?<=[a-z]) (?=The [a-z]))",
    re.IGNORECASE,
)


@dataclass
class Figure:
    """One casualty figure found in the text."""

    category: str
    best: int
    low: int | None
    high: int | None
    start: int
    end: int
    noun: str = ""
    civilians: int | None = None
    by_actor: dict[str, int] = field(default_factory=dict)
    breakdown_of: int | None = None  # index of the figure this one breaks down, while figures are found
    update: bool = False
    among_wounded: bool = False  # "one of the victims died", "a man injured in the shooting has died"
    others: bool = False  # "four others": not those who died
    partial: bool = False  # "two of the victims remain in critical condition": some, not all
    text_head: tuple[str, str] | None = None  # a lone victim's article and noun: ("a", "boy"), ("the", "boy")
    verb_before: bool = False  # its category comes from a verb before it ("killing 27")
    restates: bool = False  # "double murder": the count is in the word, and restates the victims named
    number: bool = False  # a number counts it ("four", "12"), not a lone victim phrase ("a man")
    # the shooter's own death ("before turning the gun on himself"): never among those shot
    shooter: bool = False
    parent: Figure | None = field(default=None, repr=False)  # the figure this one breaks down


_TRANSITIVE_GERUND = re.compile(
    r"killing|wounding|injuring|hurting|abducting|kidnapping|arresting|detaining|displacing|murdering",
    re.IGNORECASE,
)


# A new subject before a casualty word ("..., suspect dead", "and the gunman was killed"): the word is its own.
_OTHER_SUBJECT = re.compile(
    r"(?:[,;]|\band\b)\s*(?:(?:the|a|an|his|her)\s+)?(?:[\w-]+\s+)?(?:suspect|gunman|shooter|attacker|assailant|"
    r"robber|intruder|man|woman|officer|deputy)\s+(?:(?:is|was|also|later|reportedly)\s+)*$",
    re.IGNORECASE,
)


# A relative pronoun just before a verb; not a question's "who" ("victims mum on who shot them", "police do not know
# who killed him").
_RELATIVE_PRONOUN = re.compile(
    r"(?<!\bon )(?<!\babout )(?<!\bas to )(?<!\bknow )(?<!\bknew )(?<!\basked )(?<!\bwonder )"
    r"(?<!\bsee )(?<!\bsaw )(?<!\bsay )(?<!\bdetermine )(?<!\bidentify )(?<!\bfind )(?<!\bof )"
    r"\b(?P<who>that|which|who)\s+$",
    re.IGNORECASE,
)
_ACTIVE_VERB = re.compile(
    r"killed|kills|shot|shoots|wounded|wounds|injured|injures|murdered|stabbed|gunned down|executed|hit|struck",
    re.IGNORECASE,
)


def _category_in(window: str) -> tuple[str | None, int]:
    """The strongest casualty word in a window of text, and where it ends."""
    best: tuple[str | None, int, int] = (None, 10**6, 0)
    for category, pattern in _WORD_CATEGORY:
        for match in pattern.finditer(window):
            # "Two men opened fire, wounding three": a gerund with an object governs the figure after it.
            if _TRANSITIVE_GERUND.fullmatch(match.group(0)) and re.match(
                r"\s+\w|\s*$", window[match.end() :]
            ):
                continue
            # "a party of 400 people ended in gunfire that killed one": a relative clause's active verb has its own
            # subject and governs the figure after it, not the one before; so does a person's ("the two male
            # victims of a student who gunned down a woman"), but not an intransitive one ("a girl who died of").
            relative = _RELATIVE_PRONOUN.search(window[: match.start()])
            if (
                relative
                and re.match(r"\s+\w|\s*$", window[match.end() :])
                and (relative.group("who").lower() != "who" or _ACTIVE_VERB.fullmatch(match.group(0)))
            ):
                continue
            if match.start() < best[1]:
                best = (category, match.start(), match.end())
            break
    found, _, end = best
    if found == "killed" and re.match(r"\s+or\s+(?:hurt|injured|wounded)\b", window[end:], re.IGNORECASE):
        return None, end  # "two were killed or injured": neither toll
    if found == "shot":
        wounded = re.match(r"\s+and\s+(?:\w+ly\s+)?(?:wounded|injured)\b", window[end:], re.IGNORECASE)
        if wounded and not _WORD_CATEGORY[0][1].search(window[end + wounded.end() :]):
            return "injured", end + wounded.end()  # "The deputy shot and injured in Randolph County": wounded
    if found in ("shot", "injured"):
        # "was shot and killed", "shot ... later died": the killed word wins within the same clause.
        for killed in _WORD_CATEGORY[0][1].finditer(window):
            if _TRANSITIVE_GERUND.fullmatch(killed.group(0)) and re.match(
                r"\s+\w|\s*$", window[killed.end() :]
            ):
                continue
            if end <= killed.start() and _OTHER_SUBJECT.search(window[end : killed.start()]):
                continue  # "Nine Injured In Strip Mall Shooting, Suspect Dead": someone else died
            if end <= killed.start() and re.search(
                r"\b(?:including|among them)\b", window[end : killed.start()], re.IGNORECASE
            ):
                continue  # "Three people were injured, including a girl who succumbed": one of them died
            if re.match(r"\s+or\s+$", window[end : killed.start()]) or re.match(
                r"\s+or\s+(?:hurt|injured|wounded|shot)\b", window[killed.end() :], re.IGNORECASE
            ):
                return None, end  # "eight have been hurt or killed": neither toll
            return "killed", killed.end()
    return found, end


_PERSON = (
    r"people|persons|person|men|women|children|kids|teens|teenagers|boys|girls|victims|others|adults|students|"
    r"soldiers|troops|officers|policemen|police|civilians|militants|fighters|rebels|insurgents|attackers|gunmen|"
    r"residents|villagers|worshipp?ers|pupils|passengers|workers|members|relatives|siblings|brothers|sisters|sons|"
    r"daughters|individuals|bystanders|protesters|demonstrators|infants|babies|youths|juveniles|suspects|deputies|"
    r"agents|guards|journalists|patients|personnel|servicemen|troopers|marines|commandos|jihadists|terrorists|"
    r"combatants|police officers|security forces|family members|friends|customers|employees|shoppers|farmers|"
    r"herders|miners|migrants|refugees|detainees|prisoners|inmates|hostages|pilgrims|mourners|guests|partygoers|"
    r"fans|players|staff|nurses|doctors|teachers|priests|monks|worshipers|tourists|foreigners|nationals|dead|bodies|"
    r"males|females|citizens|motorists|drivers|pedestrians|commuters|"
    r"man|woman|person|child|boy|girl|teen|teenager|victim|officer|soldier|policeman|civilian|student|resident|male|female|"
    r"deputy|trooper|agent|guard|driver|worker|fighter|militant|rebel|suspect|gunman|attacker|infant|baby|toddler"
)
# A number is a casualty figure only when it counts people: "16 civilians", "three were", "2 dead".
_COUNTS_PEOPLE = re.compile(
    rf"^\s*(?:of\s+(?:the\s+|them\s+|those\s+)?)?(?:(?:other|more|young|female|male|teenage|adult|juvenile|unarmed|armed|innocent|local|unnamed|unidentified|additional|[a-z]+-[a-z]+|[A-Z][a-z]+|[A-Z]{{2,6}}|"
    rf"government|security|army|police|rebel|militia|state|gunshot|shooting|pro-[a-z]+|anti-[a-z]+|[a-z]+ian|[a-z]+i|"
    rf"[a-z]+ese)\s+){{0,2}}(?i:{_PERSON})\b"
    # (Headlines capitalize every word: "1 Dead, 6 Hurt", "5 Shot, 1 Fatally".)
    r"|^\s*(?i:(?:now|all|both)\s+)?(?i:were|was|are|is|have|had|has|dead|killed|injured|wounded|hurt|died|remain|more|others|in all|total|"
    r"shot|slain|die|dies)\b"
    r"|^\s*,?\s*(?i:fatally|critically|seriously|mortally|non-fatally)\b"
    r"|^\s+(?i:of\s+(?:the\s+|those\s+)?(?:\d+|[a-z]+)\s+(?:(?:\w+\s+)?(?:people|victims|persons|men|women|teens|"
    r"others)|shot|wounded|injured|hurt)\b)"
    r"|^\s+(?i:of\s+(?:whom|them)\b)|^\s*(?i:fatalities|deaths)\b",
)
# A singular victim ("a man", "one soldier") counts only as the subject or object of a casualty verb.
_SINGULAR_LEFT = re.compile(
    # (Not a noun: "after the shooting the suspect fled".)
    r"(?:(?<!\bnearly )(?<!\balmost )killed|(?<!\bthe )(?<!\ba )killing|kills|shot|(?<!\bthe )(?<!\ba )shooting|wounded|wounding|injured|injuring|murdered|murdering|stabbed|stabbing|"
    r"struck|hit|death of|deaths of|killing of|shooting of|murder of|life of|lives of|slaying of|body of|"
    r"leaving|"  # "killing the sixth-grader and leaving the teen in critical condition"
    r"claimed the li(?:fe|ves) of|claiming the li(?:fe|ves) of|claimed|claiming|"
    # "a stray bullet hits an 11-year-old girl", "gunfire grazed the boy"
    + _PROJECTILE
    + r"(?:hits|strikes|grazed|grazes|wounded|wounds))\s+$",
    re.IGNORECASE,
)
# What follows a passive participle, not an object: "shot in the leg", "killed Sunday", "wounded, police said".
_NO_OBJECT = (
    r"(?:\s*(?:[,.;:]|$)|\s+(?:in|on|by|dead|near|outside|inside|while|after|during|early|late|overnight|"
    r"(?:multiple|several)\s+times|twice|once|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\s+at\b(?!\s+(?:a|an|the|him|her|them|"
    r"police|officers|deputies)\b))"
)
_SINGULAR_RIGHT = re.compile(
    # (Not denied: "the officer was not hurt".)
    rf"^\s*(?:,[^,]{{1,45}},\s*|\s*\([^()]{{1,45}}\)\s*)?(?:(?:in|from|of|at|with|inside|outside|under|aged)\s+[\w'’ -]{{1,30}}?\s+)?(?:who\s+)?(?:(?:was|were|is|are|has been|had been|has|have|had|got|later|also|then|remains?|remained|still)\s+)+(?:(?!not\b|never\b|n['’]t\b)\w+\s+){{0,2}}?"
    rf"(?:{_KILLED}|{_INJURED}|{_SHOT}|hit(?=\s+(?:in|by|during|multiple|several|once|twice)\b))\b"
    # "an officer suffered a gunshot wound", "a police officer — not named — sustained minor injuries"
    r"|^\s*(?:,[^,]{1,45},\s*|\s*[—–][^—–]{1,60}[—–]\s*)?(?:who\s+)?(?:also\s+|only\s+|all\s+|both\s+)?"
    r"(?:suffered|sustained|received|suffering\s+from)\s+"
    r"(?:(?!fatal|mortal)[\w-]+\s+){0,3}?(?:wounds?|injuries|injury)\b"
    r"|^\s*(?:,[^,]{1,45},\s*|\s*\([^()]{1,45}\)\s*)?(?:who\s+)?(?:died|dies|dying|dead)\b|^['’]s\s+life\b"
    # A participle with no auxiliary, as headlines write ("Teen shot in Miami dies", "boy shot, killed"), but
    # not an active verb with its object ("a man shot his neighbour", "shot and killed his daughter").
    r"|^\s*,\s*(?:(?:fatally|critically|seriously|mortally)\s+)?(?:shot|wounded|injured|hit|struck)\s+(?:in|by)\b"
    r"|^\s*(?:,[^,]{1,45},\s*)?(?:shot|stabbed|beaten)\s+to\s+death\b"  # "Teen shot to death in Roswell"
    rf"|^\s*(?:,[^,]{{1,45}},\s*)?(?:(?:fatally|critically|seriously|mortally)\s+)?"
    rf"(?:killed|shot|wounded|injured|hurt|slain|stabbed|gunned down|struck|grazed)(?={_NO_OBJECT}|\s+and\s+(?:\w+ly\s+)?"
    rf"(?:killed|wounded|injured|shot){_NO_OBJECT}|\s+and\b(?!\s+(?:\w+ly\s+)?(?:killed|wounded|injured|shot)\b))",
    re.IGNORECASE,
)


_LIST_THEN_VERB = re.compile(
    r"(?:\s*,\s*\d{1,3},)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:[^.;:]|(?<=\b[A-Z])\.){1,60}?\b(?:were|are|have been|had been)\s+"
    r"(?:all\s+|both\s+|also\s+|later\s+)*(?:fatally\s+|critically\s+|seriously\s+)?"
    r"(?:shot|killed|wounded|injured|hurt|hit|struck|found dead|pronounced dead|in (?:the |a )?hospital|"
    r"(?:taken|transported|rushed)\s+to\s+(?:a |an |the )?(?:[\w-]+ ){0,3}?hospitals?)\b"
    r"|(?:\s*,\s*\d{1,3},)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:[^.;:]|(?<=\b[A-Z])\.){1,60}?\b(?:both\s+|also\s+)?"
    r"(?:suffered|sustained)\s+(?:(?!fatal|mortal)[\w-]+\s+){0,3}?(?:wounds?|injuries|injury)\b"
    # a headline's list: "3-year-old and four adults shot"
    r"|\s+and\s+(?:[\w-]+\s+){1,3}?(?:shot|killed|wounded|injured|hurt)"
    r"(?:\s+(?:in|after|at|on|during|near|outside|by)\b|\s*[,.]|\s*$)",
    re.IGNORECASE,
)
# "a 6-year-old is dead": an age alone names a person.
_AGE_PERSON = re.compile(
    r"(?:\b(?:a|an|the)\s+|^\W{0,3}|(?<=\bof )|(?<=\bkilling )|(?<=\bkilled )|(?<=\bkills )|"
    r"(?<=\bsay )|(?<=\bsays )|(?<=\bsaid )|(?<=: )|(?<=\bafter )|(?<=\bwhen ))"
    r"(?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:year|month)[- ]old\b(?!\s+[A-Za-z]+['’]s\b)",
    re.IGNORECASE,
)
# "Jane Doe, 22, was shot and killed": a named victim, checked against a casualty verb like any singular.
_NAMED = re.compile(
    r"\b[A-Z][a-z'’]+(?:[A-Z][a-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?){1,2}(?:\s+(?:Jr|Sr|III|II)\.?)?"
    r"(?<!['’])(?![\w'’])(?:,\s*\d{1,2},)?"  # (not a possessive: "bullets struck Jo Doe's home")
)
# "Three people are dead and a fourth is wounded": an ordinal alone is one more person.
_ORDINAL_ALONE = re.compile(
    r"\b(?:a|an)\s+(?:" + ORDINALS + r")\b(?=\s*(?:[,.;]|$|(?:is|was|were|has|had|in|before|after|who)\b|"
    r"(?:(?:critically|seriously)\s+)?(?:wounded|injured|hurt)\b))",  # "Three men shot, a fourth wounded by shrapnel"
    re.IGNORECASE,
)
_NUMBER_WORD = r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
# "wounding four men and killing another": "another" alone is one more person.
_ANOTHER = re.compile(
    r"\b(?:another|one other)\b(?=\s*(?:[,.;]|$|and\b|(?:was|were|is|has|had|who|later)\b|"
    r"(?:(?:critically|seriously)\s+)?(?:wounded|injured|hurt)\b))",  # "One teen killed, another wounded"
    re.IGNORECASE,
)
_PLACE_NAME = re.compile(
    r"\b(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Park|County|Parish|City|Township|Highway|"
    r"Hospital|Center|Centre|Court|Place|Square|Heights|Village|Mall|School|Church|Station)\b"
)
# "a double homicide", "triple murder": the count is in the word.
_MULTIPLE = re.compile(
    r"\b(?P<n>double|triple|quadruple|quintuple)[- ](?P<what>homicides?|murders?|killings?|slayings?|fatal shooting|shootings?)\b",
    re.IGNORECASE,
)
_MULTIPLE_VALUE = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}


# People a figure counts as accused, not as victims: "two men have been charged in the shooting death of ...".
_PERPETRATORS = re.compile(
    r"^\s*(?:[\w-]+\s+){0,4}?(?:were|was|have been|has been|are|is|had been)?\s*(?:\w+ly\s+)?"
    r"(?:indicted|charged|accused|convicted|sentenced|booked|suspected|wanted|sought|identified as suspects|"
    r"in custody|facing charges|face charges|pleaded|plead)\b",
    re.IGNORECASE,
)


# The subject of an active casualty verb with an object: those who shot, not the victims ("Two men shot a clerk").
_SHOOTERS = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:(?:fatally|allegedly|then)\s+)?(?:shot|killed|wounded|injured|stabbed|murdered)\s+"
    r"(?:and\s+(?:killed|wounded|injured)\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|the|his|her|"
    r"their|him|them|at\s+least)\b(?!\s+(?:same\s+)?(?:night|day|morning|evening|afternoon|weekend|week|times?)\b)",
    re.IGNORECASE,
)
# "Six people injured in two separate shootings", "a pair of shootings that left one dead": the figure adds up
# several incidents, and is no single event's toll.
SEVERAL_INCIDENTS = re.compile(
    r"\b(?:(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|\d\d)\s+(?:separate\s+|different\s+|unrelated\s+)?"
    r"(?:[A-Z][\w-]*\s+){0,2}|separate\s+|unrelated\s+|(?:a\s+)?(?:pair|string|series|spate|rash|wave)\s+of\s+"
    r"(?:separate\s+)?)(?:shootings|shooting incidents|incidents|stabbings)\b"
    # a city's toll over a stretch of time: "sets off violent night", "shootings across the city", "in 48-hour span"
    r"|\bviolent\s+(?:night|weekend|day|evening|stretch)\b|\bshootings\s+across\b|\bacross\s+the\s+city\b|"
    r"\b(?:in|amid|during|over)\s+(?:a\s+)?(?:violent\s+)?(?:\d+|two|three|four|five|six|eight|ten|twelve|24|48)-hour\s+(?:span|period|stretch)\b|\bin\s+shootings\b|"
    r"\b(?:weekend|overnight|holiday|citywide|(?:north|south|east|west|northwest|southwest|northeast|southeast)\s+side)\s+"
    r"shootings\b",
    re.IGNORECASE,
)
# A toll over a year, told as the sentence's time ("Last year in Chicago, 4,368 people were shot"; not "a shooting
# last year that left one dead"), or over a month: a city's or a war's count, never borrowed by an event told in
# another sentence.
YEAR_TOLL = re.compile(
    r"(?:^|[.?!][\"”]?\s*[\"“]?)\W*(?:last|this|in)\s+(?:year|(?:19|20)\d\d)\b|\bso\s+far\s+this\s+year\b"
    # a month's toll: "after 45 people were killed in July" (not "killed July 4")
    r"|\b(?:killed|shot|murdered|slain|dead|died|homicides)\s+(?:so\s+far\s+)?(?:in|during|last|this)\s+(?:the\s+month\s+of\s+)?"
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)",
    re.IGNORECASE,
)


_NOT_PEOPLE = re.compile(
    r"\s*(?:more\s+)?(?:times?|rounds|shots|bullets|gunshots|casings|shell casings|calibers?)\b"
    r"|\s*(?:shot|bullet|round)\s+(?:hit|struck|grazed|went|was fired|rang out)\b",  # "at least one shot hit her"
    re.IGNORECASE,
)


# The victims a number counts, named one by one between commas: "Three victims, a 25-year-old man, a 26-year-old
# man, and a 33-year-old man, were ...".
_APPOSITION = re.compile(
    r"\s*(?:other\s+)?(?:victims|people|persons|men|women|teens|teenagers|children|boys|girls|adults|others)\s*,\s*"
    r"(?:(?:a|an|the|his|her|their)\s+[^,.;:]{2,40}?(?:\s*,\s*(?:and\s+)?|\s+and\s+)){1,8}"
    r"(?:a|an|the|his|her|their)\s+[^,.;:]{2,40}?\s*,",
    re.IGNORECASE,
)


# Between a figure and the first name it counts: "One of the victims, Cedric Ginger", "Two men, Jo Doe and ...",
# "A 20-year-old man, identified as Jo Doe"; and between the names of its list.
_APPOSITION_GAP = re.compile(
    r"(?:\s+of\s+(?:the|those)(?:\s+[\w-]+){0,2})?(?:\s+(?:[\w-]+\s+)?(?:victims?|men|women|people|persons|teens|"
    r"teenagers|boys|girls|children|others))?\s*,\s*(?:(?:who\s+(?:was|were|is|are)\s+)?identified\s+as\s+)?",
    re.IGNORECASE,
)
_NAME_LIST_GAP = re.compile(r"(?:,\s*\d{1,3})?\s*(?:,|,?\s*and|,?\s*&)\s*", re.IGNORECASE)


def _as_int(value: float | int | None) -> int | None:
    if value is None:
        return None
    return int(value)


_PARENT_OF = re.compile(
    r"\b(?:mother|father|mom|dad|parents?|grandmother|grandfather|grandparents?)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A gerund that takes the phrase after it as its object, which is then no subject of the casualty verb after it.
_GERUND_OBJECT = re.compile(
    r"\b(?:attacking|biting|chasing|confronting|robbing|approaching|threatening|assaulting|pursuing|stalking|"
    r"punching|carjacking|arguing with|fighting with|lunging at)\s+$",
    re.IGNORECASE,
)


def _is_victim(text: str, s: int, e: int, start: int, end: int) -> bool:
    """A singular phrase ("a man", "Jane Doe") counts only as the subject or object of a casualty verb, alone or
    first in a list ("A man and his son were shot")."""
    left = text[max(start, s - 25) : s]
    if _GERUND_OBJECT.search(left):
        # "a dog that was shot after attacking a county officer is dead": the officer is the object of "attacking".
        return bool(_SINGULAR_LEFT.search(left))
    return bool(
        _SINGULAR_LEFT.search(left)
        or _SINGULAR_RIGHT.match(text[e:end])
        or _LIST_THEN_VERB.match(text[e : min(end, e + 90)])
        # (A name whose age closes it with a comma: "Jo Doe, 19, Al Roe, 21, and Cy Poe, 17, were wounded", "Jo
        # Doe, 18, a student at Central Academy, was also shot".)
        or (
            text[e - 1 : e] == ","
            and bool(
                _LIST_THEN_VERB.match("," + text[e : min(end, e + 90)])
                or _SINGULAR_RIGHT.match("," + text[e:end])
            )
        )
    )


# "a woman shot her husband and their son", "bullets hit his wife and his 10-year-old son": a casualty verb's second
# object is a victim too.
_SECOND_OBJECT = re.compile(
    r"\b(?:shot|shooting|hit|hitting|struck|striking|killed|killing|wounded|wounding|injured|injuring)\s+"
    r"(?:his|her|their|a|an|the)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:and|&)\s+$",
    re.IGNORECASE,
)


def _second_object(text: str, s: int, start: int) -> bool:
    return bool(_SECOND_OBJECT.search(text[max(start, s - 60) : s]))


_CALENDAR_NAME = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|"
    r"September|October|November|December)\b"
)


# "The shooting sent four people to the hospital", "put three women in the hospital": the wounded.
_SENT_TO_HOSPITAL_LEFT = re.compile(
    r"\b(?:sent|sends|sending|put|puts|putting|landed|lands|landing)\s+(?:(?:at least|another|an additional)\s+)?$",
    re.IGNORECASE,
)
_SENT_TO_HOSPITAL_RIGHT = re.compile(
    r"\s*(?:(?:other|more|[\w-]+)\s+){0,3}?(?:to|into|in)\s+(?:(?:the|a|an|area|local|two|three|several|different)\s+)*"
    r"(?:[A-Z][\w.-]*\s+){0,4}(?:hospitals?|medical cent(?:er|re)s?|trauma cent(?:er|re)s?)\b",
    re.IGNORECASE,
)


# A person's name and a comma before a number: the number is an age ("Ginger Reeves, 64 were found dead"), not a count
# ("In Aleppo, 64 were killed" has a place, after a preposition).
_AGE_AFTER_NAME = re.compile(
    r"(?:^|\b(?P<before>[a-z]+)\s+)(?P<name>(?:[A-Z][\w'’.-]*\s+){1,2}[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?),\s*$"
)

_PERSON_WORD = re.compile(rf"\b(?:{_PERSON})\b", re.IGNORECASE)


def _age_after_name(text: str, start: int, s: int, e: int) -> bool:
    """Whether the number at ``s:e`` is the age of the person named before it (no casualty or person word in the
    name, as in a headline's "1 Man Dead, 8 People Wounded", and no people counted after the number)."""
    if not text[s:e].isdigit():
        return False
    # (The name follows a word in lower case, or starts the sentence: in a headline's title case it is no name.)
    found = _AGE_AFTER_NAME.search(text[max(start, s - 50) : s])
    if found is None:
        return False
    if found.group("before") is None and (
        s - 50 > start
        or not re.search(r"\b[a-z]{4,}\b", text[e : e + 40])  # "Father, 2 Children Dead In ..."
    ):
        return False
    name = found.group("name")
    if (
        re.match(r"(?:In|At|On|Near|From|Outside|Inside)\s", name)
        or found.group("before")
        in ("in", "at", "on", "near", "from", "of", "to", "into", "outside", "inside")
        or _PLACE_NAME.search(name)
        or _PERSON_WORD.search(name)
        or any(p.search(name) for _, p in _WORD_CATEGORY)
    ):
        return False
    return not re.match(
        r"\s+(?:[A-Za-z-]+\s+)?(?i:people|persons|victims|others|men|women)\b", text[e : e + 30]
    )


def find_figures(text: str, start: int, end: int, numbers: list[NumberMention]) -> list[Figure]:
    """Casualty figures in ``text[start:end]`` (a sentence or clause)."""
    counts = [
        n
        for n in numbers
        if start <= n.start and n.end <= end and getattr(n, "kind", "count") == "count" and n.value
    ]
    candidates: list[tuple[int, int, int, int | None, int | None]] = []  # (start, end, best, low, high)
    for n in counts:
        value = _as_int(n.value)
        if value is None or value <= 0 or value > 1_000_000 or (n.value or 0) % 1:
            # (Nor a number with a fraction: "a 7.62 mm rifle".)
            continue
        if re.search(
            r"\b(?:no|each|every|any|this)\s*$", text[max(start, n.start - 8) : n.start], re.IGNORECASE
        ):
            continue  # "no one was hurt", "each one of the victims was shot", "this one hurt": no count
        if re.search(r"[A-Za-z]-$", text[max(start, n.start - 2) : n.start]) or re.search(
            r"\b(?:fired|fires|firing|heard|hears|let off|squeezed off)\s+(?:at least\s+)?$",
            text[max(start, n.start - 20) : n.start],
            re.IGNORECASE,
        ):
            continue  # "the K-9 officer", "fired one shot": no count of people
        if re.search(
            r"\b(?:ages?|aged)\s+(?:of\s+)?$", text[max(start, n.start - 12) : n.start], re.IGNORECASE
        ):
            continue  # "a child under the age of 10 was killed": an age, no count
        if value < 110 and _age_after_name(text, start, n.start, n.end):
            continue  # "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead": ages
        if re.search(r"\w\s*\($", text[max(start, n.start - 3) : n.start]) and text[n.end : n.end + 1] == ")":
            continue  # "five (5) gunshot victims": the number told again
        # The figure takes in its number told again in figures: "located five (5) gunshot victims".
        again = re.match(r"\s*\(\d+\)", text[n.end : min(end, n.end + 12)])
        candidates.append(
            (n.start, n.end + (again.end() if again else 0), value, _as_int(n.low), _as_int(n.high))
        )
    region = text[start:end]
    multiples: dict[int, str] = {}
    ordinal_tolls: set[int] = set()
    for match in _ORDINAL_VICTIM.finditer(region):
        # "Third person dies after shooting": the toll is now three.
        s, e = start + match.start(), start + match.end("noun")
        value = _ORDINAL_VALUE[match.group("ordinal").lower()]
        candidates.append((s, e, value, value, value))
        multiples[s] = "killed"
        ordinal_tolls.add(s)
    long_words = re.findall(r"\b[A-Za-z]{4,}\b", region)
    # A headline in title case ("Boy, 4, Dies After Getting Shot") has no names to tell from its other words; a
    # sentence of names ("Jo Lamar Doe ... by the Stark County Coroner's Office") still has its verbs in lower case.
    title_case = len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) >= 0.85 * len(long_words)
    pronouns = []
    names: set[int] = set()  # where the victims named by name start
    for match in _PRONOUN_KILLED.finditer(region):
        # "killing two bailiffs before he was fatally shot by officers": the shooter is among the dead.
        pronouns.append((start + match.start(), start + match.start() + len(match.group("pronoun")), 1, 1, 1))
    for pattern in (
        (_SINGULAR, _AGE_PERSON, _ANOTHER, _ORDINAL_ALONE)
        if title_case
        else (_SINGULAR, _AGE_PERSON, _NAMED, _ANOTHER, _ORDINAL_ALONE)
    ):
        for match in pattern.finditer(region):
            prefix = match.groupdict().get("prefix")
            s = start + (match.end("prefix") if prefix is not None else match.start())
            e = start + match.end()
            if any(c[0] <= s < c[1] or s <= c[0] < e for c in candidates):
                continue
            if re.search(r"\bunborn\b", match.group(0), re.IGNORECASE):
                continue  # "killed five adults and an unborn child": tolls count those born
            if (
                pattern is _NAMED
                and (
                    re.match(rf"(?:{_PERSON})\b", match.group(0), re.IGNORECASE)
                    or re.search(
                        _NUMBER_WORD, match.group(0), re.IGNORECASE
                    )  # "Photos Four" is a number, no name
                    or _PLACE_NAME.search(match.group(0))
                    or _CALENDAR_NAME.search(match.group(0))  # "On Thursday, two men were killed"
                    # the end of a longer name: "Mercer County Shooting Response Team"
                    or re.search(r"(?<![.!?:;,\"“])\s[A-Z][a-z]+\s$", text[max(start, s - 30) : s])
                    or re.search(
                        r"\b(?:in|on|at|near|from|of|to|into|outside)\s+(?:(?:rural|downtown|suburban|nearby|northern|"
                        r"southern|eastern|western|central|north|south|east|west)\s+)?$",
                        text[max(start, s - 20) : s],
                    )
                )
            ):
                continue  # "Elm Street dies" is no victim; "shot in Grays Ferry" names a place
            # Checked here, not only below: a phrase that is no victim ("Hurt After Shooting" in a headline read
            # as a name) must not cut the words that govern the figure before it.
            if (
                not re.match(r"one\b", text[s:e], re.IGNORECASE)
                and not _is_victim(text, s, e, start, end)
                and not _second_object(text, s, start)
            ):
                continue
            candidates.append((s, e, 1, 1, 1))
            if pattern is _NAMED:
                names.add(s)
    died_after: list[int] = []  # pronouns that tell of a victim named before them that this one died
    for pronoun in pronouns:
        # "The boy was taken to a hospital, where he died": the pronoun is the victim named before it.
        if not any(c[0] < pronoun[0] and c[2] == 1 for c in candidates):
            candidates.append(pronoun)
            multiples[pronoun[0]] = "killed"
        else:
            died_after.append(pronoun[0])
    shooters: set[int] = set()  # the shooter's own death ("himself", "committed suicide")
    for match in _SELF.finditer(region):
        # "killed his wife and himself", "before fatally shooting himself": the shooter is among the dead.
        s, e = start + match.start(), start + match.end()
        if _SELF_KILLED.search(text[start:s]) and not any(c[0] <= s < c[1] for c in candidates):
            candidates.append((s, e, 1, 1, 1))
            multiples[s] = "killed"
            shooters.add(s)
    for match in _SUICIDE.finditer(region):
        # "Two boys killed, father commits suicide": the shooter's own death is one more.
        s, e = start + match.start(), start + match.end()
        if not any(c[0] <= s < c[1] or s <= c[0] < e for c in candidates):
            candidates.append((s, e, 1, 1, 1))
            multiples[s] = "killed"
            shooters.add(s)
    restating: set[int] = set()
    for match in _MULTIPLE.finditer(region):
        s, e = start + match.start(), start + match.end()
        restating.add(s)
        value = _MULTIPLE_VALUE[match.group("n").lower()]
        candidates.append((s, e, value, value, value))
        multiples[s] = "shot" if match.group("what").lower().startswith("shooting") else "killed"
    candidates.sort()
    label = re.match(rf"\W{{0,3}}{_LABEL}", region)
    if label and any(c[0] >= start + label.end() for c in candidates):
        # A blotter's label ("Teen Shot: A 17-year-old Trenton boy was shot") names the victim told after it.
        candidates = [c for c in candidates if c[0] >= start + label.end()]
    # A number that counts no people ("Boy, 4, dies": an age) does not end the words that govern the figure before;
    # nor does a parent's children ("Jo Skeen, a mother of three children, was struck by gunfire").
    candidates = [
        c
        for c in candidates
        if not (c[2:] != (1, 1, 1) and _PARENT_OF.search(text[max(start, c[0] - 25) : c[0]]))
        and (
            c[0] in multiples
            or c[2:] == (1, 1, 1)
            or _LEFT_VERB.search(text[max(start, c[0] - 40) : c[0]])
            or _COUNTS_PEOPLE.match(text[c[1] : end])
        )
    ]
    figures: list[Figure] = []
    appositions: list[tuple[int, int]] = []
    member_of: Figure | None = None  # the figure whose victims are being named one by one after it
    member_end, member_count = 0, 0
    for index, (s, e, best, low, high) in enumerate(candidates):
        next_start = candidates[index + 1][0] if index + 1 < len(candidates) else end
        right = text[e : min(end, e + 110)]
        stop = _CLAUSE_STOP.search(right)
        if stop:
            right = right[: stop.start()]
        right_to_next = text[e:next_start]
        prev_end = candidates[index - 1][1] if index else start
        left = text[max(prev_end, s - 40) : s]
        category: str | None = None
        if s in multiples:
            figure = Figure(multiples[s], best, low, high, s, e, "self" if best == 1 else "victims")
            figure.restates = s in restating
            figure.shooter = s in shooters
            figures.append(figure)
            continue
        singular = (
            best == 1
            and low == 1
            and high == 1
            and not re.match(r"one\b|\d+(?!\d)(?![- ](?:year|month))", text[s:e], re.IGNORECASE)
        )
        if re.search(r"\b(?:if|whether)\s+$", text[max(start, s - 10) : s], re.IGNORECASE):
            continue  # "police could not say if the man had died": not told as a casualty
        if singular and any(a <= s < b for a, b in appositions):
            continue  # a member of the list that names the victims a number counts
        if s in names and figures and figures[-1].start not in names:
            # "One of the victims, Cedric Ginger, later died", "Two men, Jo Doe and Al Roe, were shot": the names
            # are those the figure before them counts.
            counter = figures[-1]
            gap = text[member_end if counter is member_of else counter.end : s]
            if (counter is member_of and member_count < counter.best and _NAME_LIST_GAP.fullmatch(gap)) or (
                counter is not member_of and _APPOSITION_GAP.fullmatch(gap)
            ):
                member_count = member_count + 1 if counter is member_of else 1
                member_of, member_end = counter, e
                if not counter.category:
                    # The words after the names govern the figure: "Two men, Jo Doe and Al Roe, were shot".
                    after = text[e : min(next_start, e + 110)]
                    stop = _CLAUSE_STOP.search(after)
                    governing, _ = _category_in(after[: stop.start()] if stop else after)
                    counter.category = governing or ""
                continue
        second = singular and not _is_victim(text, s, e, start, end)
        if second and not _second_object(text, s, start):
            continue
        apposition = None if singular else _APPOSITION.match(text[e:end])
        if apposition:
            # "Three victims, a 25-year-old man, a 26-year-old man and a 33-year-old man, were taken to a
            # hospital": the list names the victims the number counts; the words after it govern the number.
            appositions.append((e, e + apposition.end()))
            after = text[e + apposition.end() : min(end, e + apposition.end() + 110)]
            stop = _CLAUSE_STOP.search(after)
            category, _ = _category_in(after[: stop.start()] if stop else after)
            if category:
                noun_match = _NOUN_AFTER.match(text[e:end])
                figures.append(
                    Figure(
                        category,
                        best,
                        low,
                        high,
                        s,
                        e,
                        noun_match.group("noun").lower() if noun_match else "",
                    )
                )
                continue
        left_verb = _LEFT_VERB.search(left)
        if not singular and not left_verb and not _COUNTS_PEOPLE.match(text[e:end]):
            continue  # "60 rounds", "911", "25 years": not a count of people
        if (
            left_verb
            and left_verb.group("verb").lower() in ("hitting", "striking", "wound")
            and not _COUNTS_PEOPLE.match(text[e:end])
        ):
            continue  # "hitting 14 other people", not "striking three targets" or "a gunshot wound 2 inches deep"
        if _NOT_PEOPLE.match(text[e:end]):
            continue  # "he was shot five times"
        if not left_verb and _PERPETRATORS.match(text[e:end]):
            continue  # "two were indicted with killing the baby": the accused, not the victims
        if not left_verb and _SHOOTERS.match(text[e:end]):
            continue  # "Three people fatally shot three men": the subject of an active verb did the shooting
        if left_verb:
            verb = left_verb.group("verb").lower()
            category = next((c for k, c in _LEFT_CATEGORY.items() if verb.startswith(k)), None)
            if verb.startswith(("left", "leaving")):
                category = None
            if category == "shot" and re.search(r"\bfatally\s+\S+\s*$", left, re.IGNORECASE):
                category = "killed"  # "fatally shot his ex-wife"
        if second and figures and figures[-1].category and figures[-1].end == prev_end:
            category = figures[-1].category  # the second object of the verb that governs the first
        if category is None:
            # Words up to the next figure govern this one; past it only when the figures form a list.
            category, _ = _category_in(right_to_next if len(right_to_next) < len(right) else right)
            if category is None and _BREAKDOWN.search(right_to_next[-40:]):
                # "Three people, including a child, were shot": the words after the breakdown govern the whole.
                aside = re.match(
                    r"[^,.;:—–]{1,70}(?:,|[—–])(?=\s*(?:all\s+|also\s+)?(?:were|are|have|had|killed|dead|shot|wounded|injured|hurt)\b)",
                    text[next_start:end],
                )
                if aside:
                    after = text[next_start + aside.end() : min(end, next_start + aside.end() + 80)]
                    stop = _CLAUSE_STOP.search(after)
                    category, _ = _category_in(after[: stop.start()] if stop else after)
        if _SENT_TO_HOSPITAL_LEFT.search(left) and _SENT_TO_HOSPITAL_RIGHT.match(text[e:end]):
            category = "injured"  # "a shooting that sent four people to the hospital"
        if category in ("shot", "injured") and re.match(
            r"\s*(?:[\w-]+\s+){0,3}?to death\b", text[e:end], re.IGNORECASE
        ):
            category = "killed"  # "shot three people to death", "shot his daughter to death"
        noun_match = _NOUN_AFTER.match(text[e:next_start])
        noun = noun_match.group("noun").lower() if noun_match else ""
        figure = Figure(category or "", best, low, high, s, e, noun)
        figure.verb_before = bool(left_verb and category)
        figure.number = not singular
        figures.append(figure)
    for position in died_after:
        # "A girl was taken to the hospital, but the coroner says she died": the victim named last before the
        # pronoun is among the dead, not the wounded.
        named = [f for f in figures if f.end <= position and f.best == 1 and f.noun != "self"]
        if named and named[-1].category in ("injured", "shot"):
            named[-1].category = "killed"
    if len(figures) == 1 and figures[0].category in ("injured", "shot"):
        # "A fourth victim was grazed by a bullet": the story's victims number four, the dead among them.
        ordinal = ORDINAL_VICTIM.match(text[figures[0].start : figures[0].end])
        if ordinal:
            value = _ORDINAL_VALUE[ordinal.group("ordinal").lower()]
            figures[0].best = figures[0].low = figures[0].high = value
            figures[0].category = "shot"
    _spread_list_categories(text, figures)
    _count_list_head(text, start, figures)
    _count_bare_list(text, end, figures)
    _mark_breakdowns(text, figures)
    _mark_fatally(text, figures)
    _mark_one_of(text, figures)
    _mark_others_shot(text, end, figures)
    for figure in figures:
        if (
            _UPDATE.search(text[max(start, figure.start - 40) : figure.start])
            or figure.start in ordinal_tolls
        ):
            figure.update = True
    for figure in figures:
        if figure.breakdown_of is not None:
            figure.parent = figures[figure.breakdown_of]
        head = re.fullmatch(
            r"(?P<article>an?|the)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z]+)",
            text[figure.start : figure.end],
            re.IGNORECASE,
        )
        if head and figure.best == 1:
            figure.text_head = (head.group("article").lower(), head.group("noun").lower())
        figure.partial = bool(
            re.match(r"\s+of\s+(?:the|them|those|these)\b(?!\s+(?:\d+|[a-z]+-?[a-z]*\s+(?:people|victims|persons)))",
                     text[figure.end : figure.end + 40], re.IGNORECASE)
        ) or bool(
            figure.number and _IN_CONDITION.match(text[figure.end : figure.end + 80])
        )  # fmt: skip
        figure.others = bool(
            re.match(r"\s+(?:more\s+)?others?\b", text[figure.end : figure.end + 14], re.IGNORECASE)
            or _ORDINAL_ALONE.fullmatch(
                text[figure.start : figure.end]
            )  # "injuring a fourth": not one of the dead
        )
        if figure.category == "killed" and _AMONG_WOUNDED.match(
            text[figure.end : min(end, figure.end + 140)]
        ):
            figure.among_wounded = True
    return [f for f in figures if f.category]


# "One victim was still listed in critical condition": victims told in one condition, often some of them only
# (not "Two people remain in critical condition", told as all there are).
_IN_CONDITION = re.compile(
    r"\s+(?:victims?|of\s+them)\s+(?:is|was|are|were|remains?|remained)\s+(?:still\s+)?"
    r"(?:listed\s+)?(?:in\s+)?(?:critical|serious|stable|good|fair|grave)\b",
    re.IGNORECASE,
)


# A bare singular that heads a list before a number ("Father, 2 Children Dead", "mom, two sons died", "he and his
# 2 kids were found dead", "Baby, 4 people injured"): one more victim.
_LIST_HEAD = re.compile(
    r"(?:^|(?<=[\s,:;—-]))(?P<noun>he|she|him|her|father|mother|mom|dad|baby|infant|toddler|child|boy|girl|man|woman|wife|"
    r"husband|son|daughter|teen|grandmother|grandfather|officer|deputy)\s*(?:,|\band\b)\s*(?:(?:his|her|their)\s+)?$",
    re.IGNORECASE,
)


def _count_list_head(text: str, start: int, figures: list[Figure]) -> None:
    for figure in figures:
        if figure.category not in ("killed", "injured", "shot") or figure.verb_before:
            continue
        head = _LIST_HEAD.search(text[max(start, figure.start - 30) : figure.start])
        if head is None:
            continue
        if figure.best < 2 and not (
            head.group("noun").lower() in ("he", "she")
            and re.match(r"(?:his|her|their)\s", text[figure.start : figure.end], re.IGNORECASE)
        ):
            continue  # (but "She and her son were both taken to the hospital": two)
        head_start = figure.start - (len(text[max(start, figure.start - 30) : figure.start]) - head.start())
        if any(f is not figure and f.start <= head_start < f.end + 1 for f in figures):
            continue  # the head is a victim already counted ("A man and two women were shot")
        if re.search(
            r"\b(?:a|an|the|one|another)\s+$|\d\s*$", text[max(start, head_start - 12) : head_start]
        ):
            continue  # a phrase with its own article is counted (or not) on its own
        if head.group("noun").lower() in ("he", "she", "him", "her") and any(
            f.end <= head_start and f.best == 1 for f in figures
        ):
            continue  # "A 12-year-old was hurt after he and three others were shot": the victim named before
        figure.best += 1
        figure.low = figure.low + 1 if figure.low is not None else None
        figure.high = figure.high + 1 if figure.high is not None else None
        figure.start = head_start


# "A man, woman and boy were wounded", "Man, woman and boy wounded": nouns without an article after a lone victim
# name more victims of the same verb.
_BARE_MEMBER = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:[\w-]+\s+)?(?:man|woman|boy|girl|child|teen|teenager|toddler|baby|"
    r"infant|son|daughter|mother|father|wife|husband|friend|girlfriend|boyfriend)\b",
    re.IGNORECASE,
)
_BARE_LIST_VERB = re.compile(
    r"\s*,?\s+(?:(?:were|are|have been|had been)\s+(?:all\s+|also\s+)?)?(?:(?:critically|seriously)\s+)?"
    r"(?:shot|wounded|injured|hurt|killed|dead|hit|struck)\b",
    re.IGNORECASE,
)


def _count_bare_list(text: str, end: int, figures: list[Figure]) -> None:
    for index, figure in enumerate(figures):
        if figure.best != 1 or figure.number or not figure.category:
            continue
        after = figures[index + 1].start if index + 1 < len(figures) else end
        position, members = figure.end, 0
        while (member := _BARE_MEMBER.match(text, position, after)) is not None:
            position, members = member.end(), members + 1
        if members and _BARE_LIST_VERB.match(text, position, end):
            figure.best += members
            figure.low = figure.high = figure.best
            figure.end = position


def _spread_list_categories(text: str, figures: list[Figure]) -> None:
    """In "five soldiers, eight militants and two civilians dead" the last word governs the whole list."""
    for i in range(len(figures) - 2, -1, -1):
        a, b = figures[i], figures[i + 1]
        # (A name whose age closes it with a comma: "Jo Doe, 19, Al Roe, 21, and Cy Poe, 17, were wounded".)
        between = ("," if text[a.end - 1 : a.end] == "," else "") + text[a.end : b.start]
        if (
            re.fullmatch(r"\s*(?:[\w'-]+\s+){0,3}?[\w'-]*\s*(?:,|,?\s*and|,?\s*&)\s*", between)
            and b.category
            and not (a.category and _category_in(between)[0])  # "4 shot on Elm Street, 2 die": its own verb
        ):
            if not a.category or (a.category == "shot" and b.category == "killed"):
                a.category = b.category
                a.list_next = True  # type: ignore[attr-defined]
    # "killed his wife and two sons": the verb before the list governs the rest of it.
    for a, b in pairwise(figures):
        if a.verb_before and not b.category and _LIST_SEPARATOR.fullmatch(text[a.end : b.start]):
            b.verb_before = True
            b.category = a.category


_LIST_SEPARATOR = re.compile(r"\s*(?:[\w'-]+\s+){0,3}?[\w'-]*\s*(?:,|,?\s*and|,?\s*&)\s*")


def _mark_breakdowns(text: str, figures: list[Figure]) -> None:
    """Figures after "including" break down the figure before them: they are kept apart, never added."""
    i = 1
    while i < len(figures):
        if not _BREAKDOWN.search(text[figures[i - 1].end : figures[i].start][-40:]):
            i += 1
            continue
        previous = figures[i - 1].breakdown_of
        parent = previous if previous is not None else i - 1
        j = i
        while True:
            figures[j].breakdown_of = parent
            if not figures[j].category or figures[j].category == "shot":
                figures[j].category = figures[parent].category
            if (
                j + 1 < len(figures)
                and _LIST_SEPARATOR.fullmatch(text[figures[j].end : figures[j + 1].start])
                # "two were killed, including the suspect, and six others were injured": a new figure
                and figures[j + 1].category in ("", "shot", figures[parent].category)
            ):
                j += 1
            else:
                break
        i = j + 1


def _mark_fatally(text: str, figures: list[Figure]) -> None:
    """ "Two men were shot, one fatally": one killed, and the wounded are the rest."""
    for i, figure in enumerate(figures):
        if (
            _FATALLY.match(text[figure.end : figure.end + 30])
            and figure.noun
            != "self"  # "wounding two before he was fatally shot": the shooter, not one of the two
            and i
            and figures[i - 1].category in ("shot", "injured")
        ):
            figure.category = "killed"
            prior = figures[i - 1]
            prior.best = max(0, prior.best - figure.best)
            prior.low = prior.high = prior.best
            prior.category = "injured"  # the rest survived: not "shot" again, whose dead the event takes out


_NUMERIC_FIGURE = re.compile(r"(?:at least |more than )?(?:\d+(?![\d-])|one\b(?!-))", re.IGNORECASE)


# "One of the victims was killed", "a man injured in the shooting has died": the dead were among the wounded.
_AMONG_WOUNDED = re.compile(
    r"\s+of\s+(?:the\s+|those\s+)?(?:[\w-]+\s+){0,2}?(?:victims|injured|wounded|hospitali[sz]ed|"
    r"people\s+(?:hospitali[sz]ed|injured|wounded|hurt|shot))\b"
    r"|(?:,[^,]{1,45},)?\s*(?:who\s+was\s+)?(?:injured|wounded|hurt)\b[^.;]{0,80}?\b(?:has|had|later)\s+died\b",
    re.IGNORECASE,
)


def _mark_others_shot(text: str, end: int, figures: list[Figure]) -> None:
    """ "One killed, six others shot": the others shot are the wounded, none of whom died. And in "Emma, who died
    after she and her mother were shot", the victim shot is told apart from the one who died."""
    for index, figure in enumerate(figures):
        if figure.category != "shot" or figure.breakdown_of is not None:
            continue
        if (
            index
            and figures[index - 1].category == "killed"
            and figure.number
            and figure.best
            <= figures[index - 1].best  # (Not "One dead, six people shot": the six hold the dead.)
            and re.fullmatch(
                r"\s*(?:(?:people|persons|men|women|are|were|was|is|have been|had been)\s+)*(?:killed|dead|died|slain)"
                r"\s*(?:,|;|,?\s*and)\s*",
                text[figures[index - 1].end : figure.start],
                re.IGNORECASE,
            )
        ):
            figure.category = (
                "injured"  # "2 killed, 2 shot": no more shot than dead, told after them, are others
            )
            continue
        others = re.match(
            r"\s+(?:more\s+)?others?\b", text[figure.end : figure.end + 14], re.IGNORECASE
        ) or re.match(
            # "A boy and a man in the car were also hit by gunfire": more victims than those told before
            r"[^.;:]{0,60}?\b(?:were|was)\s+also\s+(?:shot|hit|struck|grazed)\b(?!\s+and\s+killed)",
            text[figure.end : min(end, figure.end + 90)],
            re.IGNORECASE,
        )
        apart = (
            figure.best == 1
            and not _NUMERIC_FIGURE.match(text[figure.start : figure.end])
            and any(
                f.category == "killed"
                and f.best == 1
                and f.start != figure.start
                and not _NUMERIC_FIGURE.match(text[f.start : f.end])
                for f in figures
            )
        )
        if re.match(
            r"(?:(?!\bbut\b)[^.;:]){0,80}?,\s*killing\s+(?:her|him)\b(?!\s+[a-z])",
            text[figure.end : min(end, figure.end + 100)],
            re.IGNORECASE,
        ):
            figure.category = "killed"  # "shot his daughter three times, killing her"
        elif others or apart:
            figure.category = "injured"


def _mark_one_of(text: str, figures: list[Figure]) -> None:
    """ "One of five people shot outside the bar has died": one killed, and five shot (the wounded are the rest)."""
    for i in range(len(figures) - 1):
        part, whole = figures[i], figures[i + 1]
        if not re.fullmatch(r"\s+of\s+(?:the\s+|those\s+)?", text[part.end : whole.start], re.IGNORECASE):
            continue
        after = text[whole.end : whole.end + 120]
        died = _ONE_OF_DIED.match(after)
        if died:
            part.category, whole.category = "killed", "shot"
        elif not part.category and whole.category == "killed":
            # "two of the four shooting victims had died": the dead are the part; the whole were shot.
            part.category = "killed"
            shot = re.match(r"\s*(?:[\w-]+\s+){0,2}?(?:shot|shooting|gunshot)\b", after, re.IGNORECASE)
            whole.category = "shot" if shot else ""


# Nouns (or, where a headline has none, the casualty word itself) that may name any victims.
_GENERIC_PEOPLE = {
    "", "people", "persons", "person", "adults", "victims", "others", "individuals",
    "killed", "dead", "injured", "wounded", "hurt", "shot", "died", "male", "female", "males", "females",
}  # fmt: skip


def _same_group(a: str, b: str) -> bool:
    """Whether two nouns can name the same victims ("5 adults" and "five people" in a repeated headline)."""
    return a == b or (a in _GENERIC_PEOPLE and b in _GENERIC_PEOPLE)


@dataclass
class Tally:
    """The counts of one event, with the span of words each came from."""

    best: int
    low: int | None
    high: int | None
    start: int
    end: int
    civilians: int | None = None
    by_actor: dict[str, int] = field(default_factory=dict)
    shot_only: bool = False  # every figure said "shot", not "wounded": some of them may have died
    among_wounded: bool = False  # the dead were counted with the wounded before they died
    others: bool = False  # "four others were wounded": told apart from the dead
    partial: bool = False  # "two of the victims": some of the victims, not their number
    shooters: int = 0  # of the dead, the shooter's own death


def tally(figures: list[Figure], category: str) -> Tally | None:
    """Add up the figures of one category in one sentence: separate victim groups add, breakdowns do not."""
    chosen = [
        f for f in figures if (f.category == category or (category == "injured" and f.category == "shot"))
    ]
    heads = [f for f in chosen if f.breakdown_of is None]
    if any(not f.restates for f in heads):
        # "Two young girls shot, killed by father in double-murder": the two are the double murder; but "a girl,
        # 3, was hurt in the quadruple shooting" names one of the four.
        named = [f for f in heads if not f.restates]
        restating = max((f for f in heads if f.restates), key=lambda f: f.best, default=None)
        heads = (
            [restating] if restating is not None and restating.best > sum(f.best for f in named) else named
        )
    if not heads:
        return None
    updates = [f for f in heads if f.update]
    if updates:
        heads = [updates[-1]]
    # "Four shot, two critically injured", "four people were shot, and three were taken to the hospital", "2
    # critically wounded in shooting of five": the smaller number tells how some of those shot fared, not more
    # victims ("two others were hurt" would add).
    shot = next((f for f in heads if f.category == "shot" and f.number and f.best >= 2), None)
    if shot is not None:
        later = [f for f in heads if f is not shot and f.category == "injured" and f.number and not f.others]
        if later and sum(f.best for f in later) <= shot.best:
            heads = [f for f in heads if f not in later]
    # A headline repeated by the page ("One killed in shooting  One killed in shooting") is one figure, not two.
    distinct: list[Figure] = []
    for figure in heads:
        if not any(
            f.best == figure.best and _same_group(f.noun, figure.noun) and figure.start - f.end > 40
            for f in distinct
        ):
            distinct.append(figure)
    heads = distinct
    # "A 17-year-old boy walked into a hospital ... police later said the boy was shot": one victim, told again.
    heads = [
        f
        for f in heads
        if not (
            f.text_head is not None
            and f.text_head[0] == "the"
            and any(g.text_head is not None and g.text_head[0] in ("a", "an") and g.text_head[1] == f.text_head[1]
                    and g.end <= f.start for g in heads)
        )
    ]  # fmt: skip
    shot_only = category == "injured" and all(f.category == "shot" for f in heads)
    among_wounded = category == "killed" and all(f.among_wounded for f in heads)
    others = any(f.others for f in heads)
    partial = all(f.partial for f in heads)
    best = sum(f.best for f in heads)
    lows = [f.low for f in heads]
    highs = [f.high for f in heads]
    low = sum(x for x in lows if x is not None) if all(x is not None for x in lows) else None
    high = sum(x for x in highs if x is not None) if all(x is not None for x in highs) else None
    result = Tally(
        best,
        low,
        high,
        min(f.start for f in heads),
        max(f.end for f in heads),
        shot_only=shot_only,
        among_wounded=among_wounded,
        others=others,
        partial=partial,
        shooters=sum(1 for f in heads if f.shooter),
    )
    civilians = 0
    found_civilians = False
    for f in chosen:
        members = [m for m in figures if m.parent is f]
        for member in members:
            if _CIVILIAN_NOUN.search(member.noun or ""):
                civilians += member.best
                found_civilians = True
            elif member.noun:
                result.by_actor[member.noun] = result.by_actor.get(member.noun, 0) + member.best
            result.end = max(result.end, member.end)
    if not found_civilians:
        for f in heads:
            if f.noun and re.fullmatch(
                r"civilians?|children|women|residents|villagers|worshippers|pupils|students", f.noun
            ):
                civilians += f.best
                found_civilians = True
        if found_civilians and len(heads) > 1:
            for f in heads:
                if f.noun and not _CIVILIAN_NOUN.search(f.noun):
                    result.by_actor[f.noun] = result.by_actor.get(f.noun, 0) + f.best
    result.civilians = civilians if found_civilians else None
    return result
