"""Event mentions: code each report the way a careful ACLED coder would, with the evidence for every field.

For every sentence: find the trigger phrases (frontlines.extract.lexicon), drop those under a denial, a threat or a
plan, or in a disaster or diplomacy story; give each trigger the place it governs; among the triggers that share a
place apply the coding rules (a strike during a battle is the battle, a weapon is more specific than "attack", ...);
then fill the fields from the annotation layers: date (frontlines.extract.dating), actors and their roles, place
with its precision, casualties with their claims, sources, aggregate and background flags. Finally the mentions of
one document that share type, place and day are folded into one (ACLED events are atomic by day and place), and a
sentence that only updates a toll ("the toll later rose to nine") updates the event before it.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, Literal

from frontlines.annotate.places import title_case_line
from frontlines.extract import lexicon
from frontlines.extract.casualties import (
    ORDINAL_VICTIM,
    ORDINALS,
    SEVERAL_INCIDENTS,
    YEAR_TOLL,
    Figure,
    Tally,
    find_figures,
    tally,
)
from frontlines.extract.coding import PRIORITY, WEAK_ATTACK, TriggerMatch, resolve_sub_event
from frontlines.extract.dating import CLOCK_ONLY
from frontlines.merge.incidents import date_interval, haversine_km
from frontlines.model import (
    CRIMINAL_VIOLENCE,
    DEMONSTRATIONS,
    POLITICAL_VIOLENCE,
    STRATEGIC_DEVELOPMENTS,
    SUB_EVENT_TO_TYPE,
    ActorMention,
    Claim,
    Count,
    DocSpan,
    Document,
    EventActor,
    EventDate,
    EventLocation,
    EventMention,
    EventSource,
    PlaceMention,
    SourceMention,
    interaction_code,
)

DISORDER_OF_TYPE = {
    "Battles": POLITICAL_VIOLENCE,
    "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE,
    "Protests": DEMONSTRATIONS,
    "Riots": DEMONSTRATIONS,
    "Strategic developments": STRATEGIC_DEVELOPMENTS,
}
PRESENT_PERFECT = re.compile(
    r"\b(?:have|has)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|aken|ought|ld|un|one|eft)\b", re.IGNORECASE
)


class EventStage:
    """Codes event mentions from an annotated document (rule-based extractor)."""

    name = "events"
    requires: tuple[str, ...] = ("sentences", "paragraphs", "numbers", "places", "dates", "actors", "sources")
    assigns: tuple[str, ...] = ("event_mentions",)

    def __init__(self, actors: Any = None) -> None:
        self.actors = (
            actors  # the actor knowledge base: names the victims the way the actor stage names actors
        )

    def __call__(self, document: Document) -> Document:
        document.event_mentions = extract_event_mentions(document, self.actors)
        return document


# ---------------------------------------------------------------------------------------------------------------------


def find_triggers(text: str, start: int, end: int) -> list[TriggerMatch]:
    """Trigger phrases in ``text[start:end]``; where matches overlap the longer one is kept."""
    region = text[start:end]
    if not lexicon.ANY_TRIGGER.search(region):
        return []
    matches: list[TriggerMatch] = []
    # One gate per sub-event type (its patterns joined) skips the types a sentence cannot hold.
    for gate, members in lexicon.TRIGGER_GROUPS:
        if not gate.search(region):
            continue
        for trigger in members:
            for match in trigger.pattern.finditer(region):
                matches.append(
                    TriggerMatch(
                        start + match.start(),
                        start + match.end(),
                        trigger.sub_event_type,
                        trigger.weight,
                        trigger.family,
                    )
                )
    matches.sort(key=lambda m: (-m.text_len, -m.weight, m.start))
    kept: list[TriggerMatch] = []
    for found in matches:
        if any(found.start < k.end and k.start < found.end for k in kept):
            continue
        kept.append(found)
    kept.sort(key=lambda m: m.start)
    return kept


def _suppressed(text: str, sentence: tuple[int, int], trigger: TriggerMatch) -> str | None:
    """Why a trigger does not report an event: negated, hypothetical, a question. None when it does."""
    s_start, s_end = sentence
    before = text[max(s_start, trigger.start - 60) : trigger.start]
    clause_before = re.split(r"[;]|,\s+(?:but|while|and)\s+|\.\s", before)[-1]
    if lexicon.NEGATION.search(clause_before):
        return "negated"
    if lexicon.MODALITY.search(clause_before):
        return "hypothetical"
    if text[s_start:s_end].rstrip().endswith("?"):
        return "question"
    after = text[trigger.end : min(s_end, trigger.end + 25)]
    if re.match(r"\s*(?:has|have|had)?\s*failed\b", after, re.IGNORECASE):
        return "failed"
    return None


def _places_in(document: Document, start: int, end: int) -> list[PlaceMention]:
    return [p for p in document.places if start <= p.start and p.end <= end and p.kind != "demonym"]


def _resolved(place: PlaceMention) -> bool:
    return place.lat is not None and place.lon is not None


# A toponym that names a street ("on Columbus Street", "the 200 block of Page", "84 West Park Place") locates
# nothing by itself: the town is elsewhere in the text.
_STREET_AFTER = re.compile(
    r"(?:\s+(?:North|South|East|West|N\.|S\.|E\.|W\.|NE|NW|SE|SW))?\s+(?:Street|St\b|Avenue|Ave\b|Road|Rd\b|Drive|"
    r"Dr\b|Boulevard|Blvd|Lane|Ln\b|Place|Pl\b|Way|Court|Ct\b|Circle|Cir\b|Parkway|Pkwy|Highway|Hwy|Terrace|Pike|"
    r"Trail|Expressway|Freeway)\b"
)
_STREET_BEFORE = re.compile(r"\bblock\s+of\s+(?:(?:North|South|East|West|Old|N\.|S\.|E\.|W\.)\s+)?$", re.I)
# The hospital a victim was taken to ("Christ Medical Center in Oak Lawn", "a Norfolk hospital") is not the scene.
_HOSPITAL_BEFORE = re.compile(
    r"\b(?:hospital|medical cent(?:er|re)|trauma cent(?:er|re)|clinic)\s+(?:in|at|near)\s+$"
    r"|\b(?:treated|admitted|hospitali[sz]ed|recovering)\s+(?:at|in)\s+$",  # "being treated at St. Mary's"
    re.I,
)
_HOSPITAL_AFTER = re.compile(r"\s+(?:hospital|medical cent(?:er|re)|trauma cent(?:er|re))\b", re.I)
# A landmark for a distance ("about 180 miles south of Portland") is not where anything happened.
_DISTANCE_BEFORE = re.compile(
    r"\b(?:\d+|a few|several|two|three|four|five|ten|twenty|thirty|forty|fifty)\s+(?:miles|mi\.|kilometers|"
    r"kilometres|km|minutes)\s+(?:\w+\s+){0,2}(?:of|from)\s+(?:downtown\s+)?$",
    re.I,
)
# "Humboldt Park", "Moon Lake", "Mount Oliver", "Three Rivers": a town's name inside a longer name (a neighbourhood,
# a lake) is not that town; "North Side", "Southwest" are parts of a city, not the towns the gazetteer knows by them.
_NAME_WORD_AFTER = re.compile(
    r"\s(?:Park|Heights|Village|Hills?|Valley|Lakes?|Side|Gardens|Square|Yards|Point|Ridge|Woods|Springs|Falls|Creek|"
    r"Estates|Terrace|Manor|Acres|Farms|Ferry|Harbou?r|Island|Bay|Bar|Grill|Lounge|Club|Hospital|Medical)\b"
)
_NAME_WORD_BEFORE = re.compile(
    r"\b(?:Mount|Mt\.|Fort|Ft\.|Port|Lake|Three|Two|Four|Glen|Cape|Upper|Lower)\s$"
)
# "Visions Sports Bar", "Tran Trinh Van": a one-word town right after a capitalized word ends someone's or
# something's name (unless that word is a preposition of a title-case headline or a qualifier: "In Dallas",
# "Downtown Chicago").
_NAME_BEFORE = re.compile(r"(?<![.!?:\n] )(?<![\"“‘'(])\b([A-Z][a-z]+)(?:['’]s)? \Z")
_NOT_NAME_WORDS_TEXT = (
    "in at near of from to for and the on by into outside inside across around through after before with "
    "north south east west northern southern eastern western central downtown metro greater upstate suburban "
    "rural northeast northwest southeast southwest midtown uptown former"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS_TEXT.split())
# "in the Austin neighborhood", "the Kensington section of Philadelphia": a part of the story's city.
_NEIGHBOURHOOD_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|section|community area)\b")
_CITY_PART = re.compile(
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:\s*side)?|old\s+town|"
    r"downtown|midtown|uptown",
    re.I,
)
# "PHILADELPHIA (CBS) —", "ROSEBURG, Ore. (AP) -", "Albion —": the city a report is filed from opens a line.
_DATELINE_AFTER = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^()\n]{1,60}\)\s*(?:[-—–:]+|--)|\s[-—–]+|--)\s"
)


def _is_street(document: Document, place: PlaceMention) -> bool:
    text = document.text
    return bool(
        _STREET_AFTER.match(text, place.end)
        or _STREET_BEFORE.search(text[max(0, place.start - 30) : place.start])
    )


# The station's masthead after a headline ("... - News9.com - Oklahoma City, OK - News, Weather") names the station's
# city, not the story's.
_MASTHEAD_SEPARATOR = re.compile(r"\s[-|–:]+\s|\.com-|\s::\s")
_STATION = re.compile(r"\.com\b|\bNews\b|\bTV\b|\bFOX\b|\bNBC|\bABC\b|\bCBS\b|\b[KW][A-Z]{2,4}\b")


def _in_masthead(text: str, place: PlaceMention) -> bool:
    line_end = text.find("\n")
    line = text[: line_end if line_end >= 0 else len(text)]
    if place.start >= len(line):
        return False
    separators = list(_MASTHEAD_SEPARATOR.finditer(line, 0, place.start))
    return bool(separators) and _STATION.search(line, separators[0].start()) is not None


def _is_landmark(document: Document, place: PlaceMention) -> bool:
    """Named in passing, not as the scene: a street, a distance's reference point, the hospital's town, a town's
    name inside a longer name ("Humboldt Park"), a part of a city ("North Side")."""
    before = document.text[max(0, place.start - 45) : place.start]
    text = document.text
    return (
        _is_street(document, place)
        or bool(_DISTANCE_BEFORE.search(before))
        or bool(_HOSPITAL_BEFORE.search(before) or _HOSPITAL_AFTER.match(text, place.end))
        or _CITY_PART.fullmatch(place.text.strip()) is not None
        or _in_masthead(text, place)
        or bool(_NEIGHBOURHOOD_AFTER.match(text, place.end))
        or (
            _is_town(place)
            and " " not in place.text.strip()
            and _inside_a_name(before)
            and not title_case_line(text, place.start)
        )
        or (
            _is_town(place)
            and (place.name or "").lower() != _span_name(text, place).lower()
            and bool(_NAME_WORD_AFTER.match(text, place.end) or _NAME_WORD_BEFORE.search(before))
        )
    )


def _inside_a_name(before: str) -> bool:
    found = _NAME_BEFORE.search(before)
    return found is not None and found.group(1).lower() not in _NOT_NAME_WORDS


def _span_name(text: str, place: PlaceMention) -> str:
    """The place's name with the words around it that make it a longer name ("Moon" + " Lake")."""
    after = _NAME_WORD_AFTER.match(text, place.end)
    before = _NAME_WORD_BEFORE.search(text[max(0, place.start - 8) : place.start])
    return (before.group(0) if before else "") + place.text + (after.group(0) if after else "")


def _is_dateline(document: Document, place: PlaceMention) -> bool:
    text = document.text
    line_start = text.rfind("\n", 0, place.start) + 1
    return (
        place.start - line_start <= 1
        and _is_town(place)
        and bool(_DATELINE_AFTER.match(text, place.end))
        and place.start < 1500
    )


def _unsupported_abroad(document: Document, place: PlaceMention) -> bool:
    """A place in a country that nothing else in the text names (no country, region, demonym or other town of it)
    while other countries are named: a namesake of a local place ("Whitehaven" in a Memphis story is not the
    English town)."""
    names: dict[str | None, set[str]] = {}
    for p in document.places:
        if p.country and (_resolved(p) or p.kind == "demonym"):
            names.setdefault(p.country, set()).add(p.name or p.text)

    def supported(country: str | None) -> bool:  # two distinct names (a town and its state, two towns)
        return len(names.get(country, set())) >= 2

    return not supported(place.country) and any(supported(c) for c in names if c != place.country)


def _datelined(document: Document, place: PlaceMention) -> bool:
    """Whether the place (by name) is the town of the document's dateline."""
    return any(
        (d.name, d.country) == (place.name, place.country)
        for d in document.places
        if _resolved(d) and _is_dateline(document, d)
    )


def _state_named_after(document: Document, place: PlaceMention) -> bool:
    """Whether the text names the place's own state or country right after it ("Keizer, Oregon")."""
    return any(
        0 <= other.start - place.end <= 4
        and other.country == place.country
        and (other.feature or "").startswith(("admin1", "country"))
        and (other.admin1 == place.admin1 or (other.feature or "").startswith("country"))
        for other in document.places
    )


def _place_for(document: Document, sentence: tuple[int, int], trigger: TriggerMatch) -> PlaceMention | None:
    """The place a trigger governs: a place after it in the sentence (preferring "in/at/near X"), else before."""
    places = [p for p in _places_in(document, *sentence) if _resolved(p) and not _is_landmark(document, p)]
    if not places:
        return None
    text = document.text

    def score(place: PlaceMention) -> float:
        before = text[max(sentence[0], place.start - 25) : place.start].lower()
        s = 0.0
        if re.search(
            r"\b(?:in|at|near|outside|on|into|from|of|around|across|towards?|to)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
            before,
        ):
            s += 1.0
        elif re.search(r"\b(?:in|at|near|of)\s+[\w-]+(?:\s+[\w-]+)?['’]s\s+$", before):
            s += (
                1.1  # "in Nigeria's Kaduna state": the possessor's preposition governs the place it qualifies
            )
        else:
            s -= 0.5
        if re.search(r"\b(?:backed|supported|led|based|sponsored)\s*$|\bby\s+$", before):
            s -= 2.0
        if place.start >= trigger.end:
            s += 0.5
            distance = place.start - trigger.end
        else:
            # A place before the trigger governs it only inside the same clause.
            distance = trigger.start - place.end
            if re.search(r"[,;\"]|\bsaid\b", text[place.end : trigger.start]):
                s -= 1.0
        s -= distance / 200.0
        if (place.feature or "").startswith("country"):
            s -= 0.6
        elif place.kind == "region" or (place.feature or "").startswith("admin"):
            s -= 0.3
        return s

    best = max(places, key=lambda p: (score(p), -p.start))
    return best if score(best) > 0 else None


def _main_place(document: Document) -> PlaceMention | None:
    """The document's main place: its most frequent resolved toponym, the most specific on ties."""
    counts: Counter[tuple[str, str | None]] = Counter()
    first: dict[tuple[str, str | None], PlaceMention] = {}
    datelined: set[tuple[str, str | None]] = set()
    masthead: PlaceMention | None = None
    for place in document.places:
        if place.kind == "demonym" or not _resolved(place) or _unsupported_abroad(document, place):
            continue
        if _is_landmark(document, place):
            if masthead is None and _in_masthead(document.text, place):
                masthead = place
            continue
        key = (place.name or place.text, place.country)
        counts[key] += 1
        first.setdefault(key, place)
        if _is_dateline(document, place):
            datelined.add(key)
    if not counts:
        # The station's city is the story's place only when the story names no other.
        return masthead

    def rank(key: tuple[str, str | None]) -> tuple[int, int, int, int]:
        place = first[key]
        # The dateline names where the report is filed from; a town named once (often in the dateline) says more
        # than a state or country named often.
        return (1 if key in datelined else 0, 1 if _is_town(place) else 0, counts[key], -place.start)

    return first[max(counts, key=rank)]


def _is_town(place: PlaceMention) -> bool:
    return place.kind == "toponym" and not (place.feature or "").startswith(("country", "admin", "continent"))


def _dominant(document: Document, attribute: str) -> tuple[str | None, float]:
    """The most named country (or admin1) among the document's resolved places, and its share."""
    values = Counter(
        getattr(p, attribute)
        for p in document.places
        if p.kind != "demonym" and _resolved(p) and getattr(p, attribute)
    )
    if not values:
        return None, 0.0
    value, count = values.most_common(1)[0]
    return value, count / sum(values.values())


def _refine_place(
    document: Document, place: PlaceMention, main_place: PlaceMention | None
) -> tuple[PlaceMention, bool]:
    """A region, or a town of another state or country than the story's, gives way to the story's own town.

    "Four people were shot in Texas" in a report datelined KILLEEN, Texas is coded at Killeen; "Austin" in a
    Chicago story full of Chicago places is the neighbourhood, not the Texas capital.
    """
    if main_place is None or main_place is place or not _is_town(main_place):
        return place, False
    if not _is_town(place):
        inside = main_place.country == place.country and (
            (place.feature or "").startswith("country")
            or not place.admin1
            or place.admin1 == main_place.admin1
        )
        # "a party in southern Michigan" in a report datelined Albion is at Albion; "a shooting in northern New
        # Jersey" is at the story's town when that town lies in the north of the state.
        return (
            (main_place, True)
            if (inside and place.kind != "region")
            or (inside and not getattr(place, "direction", None))
            or (inside and _datelined(document, main_place))
            or (inside and (place.feature or "").startswith("admin1") and _in_direction(place, main_place))
            or (place.country != main_place.country and _unsupported_abroad(document, place))
            else (place, False)
        )
    if (
        (place.country, place.admin1) != (main_place.country, main_place.admin1)
        and _datelined(document, main_place)
        and not _state_named_after(document, place)
    ):
        # "Evanston" in a report datelined CINCINNATI is the neighbourhood, not the Illinois city, unless the text
        # says "Evanston, Illinois".
        return main_place, True
    # Only a doubtful resolution gives way: a town the gazetteer was sure of stays, whatever the story's state.
    doubtful = place.score < 0.7 or any(alt.get("admin1") == main_place.admin1 for alt in place.alternatives)
    country, country_share = _dominant(document, "country")
    if (
        place.country != main_place.country
        and place.country != country
        and _unsupported_abroad(document, place)
    ):
        return main_place, True
    if (
        place.country != main_place.country
        and place.country != country
        and country_share >= 0.7
        and place.score < 0.8
    ):
        return main_place, True
    admin1, admin1_share = _dominant(document, "admin1")
    if (
        place.country == main_place.country
        and place.admin1 != main_place.admin1
        and main_place.admin1 == admin1
        and admin1_share >= 0.6
        and place.name != main_place.name
        and doubtful
    ):
        return main_place, True
    return place, False


def _in_direction(region: PlaceMention, town: PlaceMention, km: float = 150.0) -> bool:
    """Whether a town lies in the part of a state its direction names (the region's point is that part's centre).
    A country's part ("northwest Syria") is too wide to stand for one town: it is not asked."""
    if region.lat is None or region.lon is None or town.lat is None or town.lon is None:
        return False
    return haversine_km(region.lat, region.lon, town.lat, town.lon) <= km


def _geo_precision(document: Document, place: PlaceMention, inherited: bool) -> int:
    explicit = getattr(place, "precision", None)
    if place.kind == "region" or (place.feature or "").startswith(("country", "admin")):
        return 3
    before = document.text[max(0, place.start - 30) : place.start]
    after = document.text[place.end : place.end + 25]
    if lexicon.NEAR_WORDS.search(before) or re.match(
        r"\s*(?:suburbs|countryside|outskirts|area|region|province|district)", after, re.IGNORECASE
    ):
        return 2
    if inherited:
        return 2
    return int(explicit) if isinstance(explicit, int) else 1


def _is_source(actor: ActorMention, sources: list[SourceMention]) -> bool:
    return any(s.start <= actor.start and actor.end <= s.end for s in sources)


_BETWEEN = re.compile(
    r"\bbetween\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)(?=\s+(?:in|on|at|near|over|for|since|after|that|which|left|killed|,)\b|[,.;]|$)",
    re.IGNORECASE,
)


def _roles(
    document: Document, sentence: tuple[int, int], trigger: TriggerMatch, event_type: str = ""
) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 (agent) and actor2 (target) of a trigger: the parse helper first, then the sentence's shape."""
    try:
        from frontlines.annotate.roles import agent_and_target

        agent, target = agent_and_target(document, trigger.start, trigger.end)
    except (ImportError, AttributeError, TypeError, ValueError, IndexError):
        agent, target = None, None
    # A party that speaks ("the army said it had recaptured") is still a party; other sources never are.
    sources = [
        s for s in document.sources if sentence[0] <= s.start and s.end <= sentence[1] and s.kind != "party"
    ]
    in_sentence = [
        a for a in document.actors
        if sentence[0] <= a.start and a.end <= sentence[1] and not _is_source(a, sources) and a.kind != "source"
        and not _backer(document, a)
    ]  # fmt: skip
    if agent is not None and (
        _is_source(agent, sources)
        or not (sentence[0] <= agent.start < sentence[1])
        or _backer(document, agent)
    ):
        agent = None
    if target is not None and (
        _is_source(target, sources) or not (sentence[0] <= target.start < sentence[1])
    ):
        target = None
    # "fighting between X and Y": the two sides, in order.
    between = _BETWEEN.search(document.text, trigger.start, sentence[1])
    if between and between.start() - trigger.end < 40:
        side_a = [a for a in in_sentence if between.start("a") <= a.start < between.end("a")]
        side_b = [a for a in in_sentence if between.start("b") <= a.start < between.end("b")]
        if side_a and side_b:
            return side_a[0], side_b[0]
    if agent is None:
        # The actor inside the trigger phrase ("Israeli airstrike", "Russian shelling") did it.
        inside = [
            a
            for a in in_sentence
            if a.start <= trigger.start < a.end or trigger.start <= a.start < trigger.end
        ]
        # "by X" passives name the agent after the trigger.
        by = [
            a
            for a in in_sentence
            if a.start >= trigger.end
            and re.search(r"\bby\s+(?:\w+\s+){0,2}$", document.text[max(0, a.start - 20) : a.start])
        ]
        before = [a for a in in_sentence if a.end <= trigger.start and a.inter != 7]
        agent = inside[0] if inside else by[0] if by else (before[-1] if before else None)
    if target is None:
        after = [
            a
            for a in in_sentence
            if a.start >= trigger.end and a is not agent and (agent is None or a.name != agent.name)
        ]
        target = after[0] if after else None
    if target is not None and agent is not None and target.name == agent.name:
        target = None
    if target is None and event_type == "Battles" and agent is not None:
        # "X and Y fought": the other armed party named in the sentence.
        others = [a for a in in_sentence if a.name != agent.name and a.inter not in (7, None)]
        target = others[0] if others else None
    if target is not None and agent is not None and target.name == agent.name:
        target = None
    return agent, target


def _backer(document: Document, actor: ActorMention) -> bool:
    """An actor named as a backer ("backed by Turkiye", "Iran-backed") is an associate, not a party."""
    before = document.text[max(0, actor.start - 20) : actor.start]
    after = document.text[actor.end : actor.end + 10]
    return bool(
        re.search(r"\b(?:backed|supported|sponsored|armed|funded)\s+by\s+(?:the\s+)?$", before, re.IGNORECASE)
    ) or after.startswith(("-backed", "-supported"))


def _analysis_sentence(document: Document, sentence: tuple[int, int]) -> bool:
    """Commentary that names several countries and no date or toll ("Russia, fighting in Ukraine, ...") is not news."""
    countries = {
        p.country
        for p in _places_in(document, *sentence)
        if (p.feature or "").startswith("country") or p.kind == "region"
    }
    has_date = any(
        sentence[0] <= d.start < sentence[1] and d.value and d.granularity in ("day", "week")
        for d in document.dates
    )
    has_toll = bool(find_figures(document.text, sentence[0], sentence[1], document.numbers))
    return len(countries) >= 3 and not has_date and not has_toll


def _sources_for(document: Document, sentence: tuple[int, int]) -> list[EventSource]:
    sources = []
    seen: set[str] = set()
    for source in document.sources:
        if sentence[0] <= source.start and source.end <= sentence[1] and source.name not in seen:
            seen.add(source.name)
            sources.append(
                EventSource(
                    document_id=document.id,
                    start=source.start,
                    end=source.end,
                    text=source.text,
                    name=source.name,
                    kind=source.kind,
                )
            )
    return sources


def _count(document: Document, result: Tally | None) -> Count | None:
    if result is None:
        return None
    count = Count(
        document_id=document.id,
        start=result.start,
        end=result.end,
        text=document.text[result.start : result.end],
        best=result.best,
        low=result.low,
        high=result.high,
        civilians=result.civilians,
        by_actor=dict(result.by_actor),
    )
    if result.shot_only:
        count.basis = "shot"  # type: ignore[attr-defined]  # extra field: people shot, before deaths are taken out
    if result.partial:
        count.partial = True  # type: ignore[attr-defined]  # extra field: "two of the victims": some, not all
    if result.others:
        count.others = True  # type: ignore[attr-defined]  # extra field: "four others": those who did not die
    if result.among_wounded:
        count.among_wounded = True  # type: ignore[attr-defined]  # extra field: the dead were counted as wounded
    if result.shooters:
        count.shooters = result.shooters  # type: ignore[attr-defined]  # extra field: of the dead, the shooter
    return count


def _clauses(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """Clauses separated by semicolons: each may carry its own claim of the toll."""
    spans, start = [], sentence[0]
    for match in re.finditer(r";\s*", text[sentence[0] : sentence[1]]):
        spans.append((start, sentence[0] + match.start()))
        start = sentence[0] + match.end()
    spans.append((start, sentence[1]))
    return spans


_MEMO = threading.local()  # the casualties of the document being coded, sentence by sentence


def _casualties(document: Document, sentence: tuple[int, int]) -> tuple[dict[str, Count], list[Claim]]:
    """Counts per category for a sentence; semicolon clauses with their own toll are competing claims. Found once per
    sentence of a document; each call gets its own copies (later rules change the counts they are given)."""
    if getattr(_MEMO, "document", None) is not document:
        _MEMO.document, _MEMO.found = document, {}
    found = _MEMO.found.get(sentence)
    if found is None:
        found = _MEMO.found[sentence] = _find_casualties(document, sentence)
    counts, claims = found
    return (
        {category: count.model_copy(deep=True) for category, count in counts.items()},
        [claim.model_copy(deep=True) for claim in claims],
    )


def _find_casualties(document: Document, sentence: tuple[int, int]) -> tuple[dict[str, Count], list[Claim]]:
    text = document.text
    per_clause: list[tuple[tuple[int, int], list[Figure]]] = []
    for clause in _clauses(text, sentence):
        figures = find_figures(text, clause[0], clause[1], document.numbers)
        if figures:
            per_clause.append((clause, figures))
    counts: dict[str, Count] = {}
    claims: list[Claim] = []
    for category in ("killed", "injured", "abducted", "arrested", "missing", "displaced"):
        tallies = [
            (clause, t) for clause, figures in per_clause if (t := tally(figures, category)) is not None
        ]
        if not tallies:
            continue
        if len(tallies) == 1:
            counts[category] = _count(document, tallies[0][1])  # type: ignore[assignment]
            continue
        # Competing figures from separate clauses: the most conservative is best, the range is kept.
        values = [t.best for _, t in tallies]
        lowest = min(tallies, key=lambda ct: ct[1].best)[1]
        merged = _count(document, lowest)
        assert merged is not None
        merged.low = min(values)
        merged.high = max(values)
        counts[category] = merged
        if category == "killed":
            for clause, t in tallies:
                claim_source = _claim_source(document, clause)
                claims.append(
                    Claim(
                        document_id=document.id,
                        start=t.start,
                        end=t.end,
                        text=text[t.start : t.end],
                        source=claim_source,
                        fatalities=t.best,
                    )
                )
    return counts, claims


def _claim_source(document: Document, clause: tuple[int, int]) -> str:
    for source in document.sources:
        if clause[0] <= source.start < clause[1]:
            return source.name
    for actor in document.actors:
        if clause[0] <= actor.start < clause[1]:
            return actor.name
    words = document.text[clause[0] : clause[1]].split()
    return " ".join(words[:3])


def _title_overlap(document: Document, sentence: tuple[int, int]) -> float:
    if not document.title:
        return 0.0
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", document.title)}
    if not words:
        return 0.0
    sentence_words = {
        w.lower() for w in re.findall(r"[A-Za-z]{4,}", document.text[sentence[0] : sentence[1]])
    }
    return len(words & sentence_words) / len(words)


# "the suspect was captured", "Romero, 25, was later captured": the one taken is a person.
_TAKEN_PASSIVE = re.compile(r"(?:,[^,]{1,40},)?\s*(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?$")
_PERSON_NOUN = re.compile(
    r"\b(?:he|she|they|suspects?|gunm[ae]n|shooters?|fugitives?|m[ae]n|wom[ae]n|killers?|commanders?|leaders?|"
    r"soldiers?|fighters?|militants?|pilots?|journalists?)$",
    re.IGNORECASE,
)


def _person_taken(document: Document, sentence: tuple[int, int], start: int) -> bool:
    """Whether a passive "was captured" has a person as its subject."""
    before = document.text[sentence[0] : start]
    passive = _TAKEN_PASSIVE.search(before)
    if passive is None:
        return False
    subject_end = sentence[0] + passive.start()
    if _PERSON_NOUN.search(document.text[sentence[0] : subject_end]):
        return True
    return any(e.label == "PERSON" and e.end == subject_end for e in document.entities)


def _armed_context(document: Document, sentence: tuple[int, int], actors: list[ActorMention]) -> bool:
    """Whether an organized armed or state actor is in play: territory changes hands only between them."""
    if any(a.inter in (1, 2, 3, 4, 8) for a in actors):
        return True
    paragraph = document.paragraph_of(sentence[0]) or sentence
    return bool(lexicon.POLITICAL_CUES.search(document.text[paragraph[0] : paragraph[1]]))


def _disorder(
    document: Document,
    sub_event_type: str,
    event_type: str,
    sentence: tuple[int, int],
    actors: list[ActorMention],
) -> str:
    disorder = DISORDER_OF_TYPE[event_type]
    if event_type not in ("Violence against civilians", "Battles") or sub_event_type not in (
        "Attack",
        "Armed clash",
        "Abduction/forced disappearance",
    ):
        return disorder
    if any(
        a.inter in (1, 2, 3, 4, 8) for a in actors if not getattr(a, "generic", False) or a.inter in (2, 3, 4)
    ):
        return disorder
    paragraph = document.paragraph_of(sentence[0]) or sentence
    context = document.text[paragraph[0] : paragraph[1]]
    if lexicon.POLITICAL_CUES.search(context):
        return disorder
    # A story about a war (its named armed groups) keeps its unattributed tolls in the war.
    if any(a.inter in (2, 3, 4, 8) and not getattr(a, "generic", False) for a in document.actors):
        return disorder
    return CRIMINAL_VIOLENCE


def extract_event_mentions(document: Document, actor_kb: Any = None) -> list[EventMention]:
    """All event mentions of a document, background ones included (flagged)."""
    _MEMO.document = None  # the casualties are found afresh for each call (the document may have changed)
    try:
        return _extract_event_mentions(document, actor_kb)
    finally:
        _MEMO.document, _MEMO.found = None, {}


def _extract_event_mentions(document: Document, actor_kb: Any = None) -> list[EventMention]:
    text = document.text
    # English-lexified creoles (Nigerian Pidgin) are misread for English news by the detector: keep them.
    if document.language and document.language not in ("en", "und", "pcm"):
        return []
    main_place = _main_place(document)
    mentions: list[EventMention] = []
    last_for_update: EventMention | None = None
    found = {sentence: find_triggers(text, *sentence) for sentence in document.sentences}
    if hasattr(document.parse, "prepare"):
        # Roles read the dependency parse: parse the sentences that hold triggers and actors, in one batch (a
        # sentence with no actor is never asked for).
        document.parse.prepare(
            [
                s[0]
                for s, triggers in found.items()
                if triggers and any(s[0] <= a.start and a.end <= s[1] for a in document.actors)
            ]
        )
    for index, sentence in enumerate(document.sentences):
        sentence_text = text[sentence[0] : sentence[1]]
        triggers = [t for t in found[sentence] if _suppressed(text, sentence, t) is None]
        disaster = lexicon.DISASTER.search(sentence_text)
        if disaster:
            # A disaster's toll is not an event; only explicit armed-violence phrases survive in such a sentence.
            triggers = [
                t
                for t in triggers
                if t.family in ("battle", "remote")
                and t.weight >= 0.85
                and t.sub_event_type != "Shelling/artillery/missile attack"
                and "bomb" in text[t.start : t.end].lower()
            ]
        # "outside the consulate" names a place, not diplomacy.
        diplomacy_text = _PLACE_NOUNS.sub(" ", sentence_text)
        if lexicon.DIPLOMACY.search(diplomacy_text) and not any(t.weight >= 0.85 for t in triggers):
            triggers = [t for t in triggers if t.sub_event_type == "Agreement"]
        if triggers and _analysis_sentence(document, sentence):
            # Commentary ("Russia, fighting the war in Ukraine, clashes with Israel in Gaza") names wars in
            # general; a concrete act in the same sentence (a base set up, a strike) still counts.
            triggers = [
                t for t in triggers if t.weight >= 0.85 and not _GENERIC_WAR.fullmatch(text[t.start : t.end])
            ]
        if not triggers:
            # A sentence with only a toll ("the death toll later rose to nine") updates the event just before it.
            if last_for_update is not None and _near(document, last_for_update, sentence):
                _apply_update(document, last_for_update, sentence)
            continue
        groups: dict[object, list[TriggerMatch]] = {}
        places: dict[object, PlaceMention | None] = {}
        for trigger in triggers:
            place = _place_for(document, sentence, trigger)
            key: object = (place.name, place.country) if place is not None else None
            groups.setdefault(key, []).append(trigger)
            places[key] = place
        sentence_actors = [a for a in document.actors if sentence[0] <= a.start and a.end <= sentence[1]]
        for key, group in groups.items():
            chosen = resolve_sub_event(text, sentence, group, sentence_actors)
            if chosen is None:
                continue
            mention = _build_mention(
                document, sentence, chosen, group, places[key], main_place, index, actor_kb
            )
            if mention is None:
                continue
            previous = _story_so_far(mentions, mention)
            if previous is not None:
                # "The shooting killed one person": no date or place of its own, so it continues the event
                # told before it rather than starting a new one on the publication day.
                _absorb(previous, mention)
                last_for_update = previous
                continue
            mentions.append(mention)
            last_for_update = mention
    return _complete_from_story(document, _fold(_drop_headline_repeats(document, mentions)))


def _names_a_day(mention: EventMention) -> bool:
    """Whether the mention's date came from words that name a day ("4:15 a.m." alone names none)."""
    return bool(mention.date.text) and not CLOCK_ONLY.match((mention.date.text or "").strip())


_VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _names_other_day(document: Document, sentence: tuple[int, int], day: str | None) -> bool:
    """Whether a sentence names a day other than ``day`` (its toll may be another event's)."""
    return any(
        sentence[0] <= d.start < sentence[1]
        and d.value
        and d.granularity in ("day", "time")
        and not CLOCK_ONLY.match(d.text.strip())
        and d.start_date != day
        for d in document.dates
    )


def _others_toll(document: Document, sentence: tuple[int, int]) -> bool:
    """Whether a sentence's toll belongs to no single event told elsewhere: several incidents together ("2 dead in
    separate shootings") or a year's victims ("Last year in Chicago, 4,368 people were shot")."""
    text = document.text[sentence[0] : sentence[1]]
    return bool(SEVERAL_INCIDENTS.search(text) or YEAR_TOLL.search(text))


def _several_incidents(document: Document, sentence: tuple[int, int]) -> bool:
    """Whether a sentence counts the victims of several incidents together ("2 dead in separate shootings")."""
    return bool(SEVERAL_INCIDENTS.search(document.text[sentence[0] : sentence[1]]))


def _lead_toll(document: Document, main: EventMention) -> None:
    """A report counts its victims first ("One man was killed and four others wounded") and then tells them one by
    one ("Two others were taken to a hospital"): the first number given, before the event's own, is the total.
    A death toll given as a number stays (tolls rise as the wounded die); one given as a victim ("a 17-year-old")
    gives way to a number stated before it."""
    for name, category in (("fatalities", "killed"), ("injured", "injured")):
        current = getattr(main, name)
        if current is None or (name == "fatalities" and _NUMERIC.match(current.text or "")):
            continue
        # A vague figure ("several people", "multiple victims") gives way to the first number, even a later one.
        # So does a part of the victims ("Two of the victims remain in critical condition").
        vague = bool(_VAGUE.match(current.text or "")) or bool((current.model_extra or {}).get("partial"))
        for sentence in document.sentences:
            if sentence[0] > (current.start or 0) and not vague:
                break
            if _names_other_day(document, sentence, main.date.start) or _others_toll(document, sentence):
                continue
            counts, _ = _casualties(document, sentence)
            count = counts.get(category)
            if (
                count is None
                or not _NUMERIC.match(count.text or "")
                or (count.model_extra or {}).get("partial")
            ):
                continue
            if count.start != current.start:
                setattr(main, name, count)
                main.evidence.append(document.span(*sentence))
            break
    _wounded_not_dead(main)


def _complete_from_story(document: Document, mentions: list[EventMention]) -> list[EventMention]:
    """The story's main violent event takes a toll the report states elsewhere ("The man died at the hospital",
    "Three other people were also shot") when its own sentences give none; only sentences that name no other day
    are read, and the words cited are those of the toll."""
    violent = [m for m in mentions if m.event_type in _VIOLENT_TYPES and not m.aggregate and not m.background]
    if not violent:
        return mentions
    main = max(violent, key=lambda m: m.confidence)
    _lead_toll(document, main)
    _fill_from_story(document, mentions, main)
    killed, injured = main.fatalities, main.injured
    if (
        killed is not None
        and injured is not None
        and _same_victim(killed, injured)
        and (injured.start or 0) > (killed.start or 0)
    ):
        main.injured = (
            None  # "Tyshawn Lee, 9, was shot and killed ... The boy was shot in the head": one victim
        )
    elif _died_later(killed, injured) or _told_dead_later(document, main):
        main.injured = None  # "A 2-year-old girl remains in critical condition ... the girl had passed away"
    _both_wounded(document, main)
    _one_more_by_ordinal(document, main)
    _fatal_named(document, main)
    _murder_suicide(document, main)
    if main.fatalities is not None or main.injured is not None:
        # Violence with victims outranks the arrest, charge or vigil that a follow-up report leads with.
        others = [
            m.confidence
            for m in mentions
            if m.event_type not in _VIOLENT_TYPES and not m.background and not m.aggregate
        ]
        if others and max(others) >= main.confidence:
            main.confidence = round(min(1.0, max(others) + 0.0001), 4)
    return mentions


# "The incident follows a shooting last week that left a gunman dead": another, earlier incident's toll.
_EARLIER_INCIDENT = re.compile(
    r"\b(?:follows|followed|comes after|came after)\s+(?:a|an|another|the)\b|"
    r"\b(?:shooting|attack|stabbing|incident)\s+(?:last|earlier this|the previous)\s+(?:week|month|year)\b",
    re.IGNORECASE,
)


# "Both victims", "All four victims", "The three victims": every victim of the story, told together.
_ALL_VICTIMS = re.compile(
    r"\b(?:both|(?:all|the)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:\w+\s+)?victims)\b",
    re.IGNORECASE,
)


def _both_wounded(document: Document, main: EventMention) -> None:
    """A lone wounded victim told first ("The 17-year-old was shot in the leg") and then all the victims of the report
    ("Both victims were treated and released", "All four victims are in stable condition"), with no one dead: the
    victims told together are the wounded, cited by the words that say so."""
    injured = main.injured
    if (
        main.fatalities is not None
        or injured is None
        or injured.best != 1
        or _NUMERIC.match(injured.text or "")
    ):
        return
    for sentence in document.sentences:
        if sentence[0] <= (injured.start or 0) or _names_other_day(document, sentence, main.date.start):
            continue
        counts, _ = _casualties(document, sentence)
        both = counts.get("injured")
        if (
            both is not None
            and (both.best or 0) >= 2
            and _ALL_VICTIMS.search(
                document.text, max(sentence[0], (both.start or 0) - 4), (both.end or 0) + 12
            )
        ):
            if counts.get("killed") is None:
                main.injured = both
                main.evidence.append(document.span(*sentence))
                main.notes = notes_for(main)
            return


def _one_more_by_ordinal(document: Document, main: EventMention) -> None:
    """Victims counted ("one male ... and two female victims were shot") and, after them, the next one by its
    ordinal ("A fourth victim was grazed by a bullet"): one more wounded, cited by the words that say so."""
    injured, killed = main.injured, main.fatalities
    if injured is None or injured.best is None:
        return
    told = injured.best + ((killed.best or 0) if killed is not None else 0)
    for sentence in document.sentences:
        if sentence[0] <= (injured.end or 0) or _names_other_day(document, sentence, main.date.start):
            continue
        count = _casualties(document, sentence)[0].get("injured")
        ordinal = ORDINAL_VICTIM.fullmatch((count.text or "").strip()) if count is not None else None
        if ordinal and count is not None and count.best == told + 1:
            main.injured = Count(
                document_id=document.id,
                start=count.start,
                end=count.end,
                text=count.text,
                best=injured.best + 1,
                low=injured.best + 1,
                high=injured.best + 1,
            )
            main.evidence.append(document.span(*sentence))
            main.notes = notes_for(main)
            return


def _same_victim(killed: Count | None, injured: Count | None) -> bool:
    """A lone dead victim and, later, one wounded victim told by name or as 'the boy' (someone the report has
    already told of): most often the victim who died, told as shot before the death."""
    return (
        killed is not None
        and injured is not None
        and killed.best == 1
        and not _NUMERIC.match(killed.text or "")
        and injured.best == 1
        and bool(_KNOWN_VICTIM.match(injured.text or ""))
    )


def _died_later(killed: Count | None, injured: Count | None) -> bool:
    """A lone wounded victim told first ("A 2-year-old girl remains in critical condition") who is later told dead
    as one already known ("the girl had passed away"): one victim, who died."""
    if killed is None or injured is None or killed.best != 1 or injured.best != 1:
        return False
    if (killed.start or 0) <= (injured.start or 0):
        return False
    # "A 16-year-old boy was critically wounded ... A 16-year-old boy who was critically wounded died"
    if _victim_words(killed.text) == _victim_words(injured.text) and re.match(
        r"(?i:an?)\s", killed.text or ""
    ):
        return True
    dead = re.fullmatch(r"(?i:the)\s+(?:[\w-]+\s+)?(?P<noun>[a-z]+)", (killed.text or "").strip())
    wounded = re.fullmatch(r"(?i:a|an)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z]+)", (injured.text or "").strip())
    return bool(dead and wounded and dead.group("noun").lower() == wounded.group("noun").lower())


def _victim_words(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _told_dead_later(document: Document, main: EventMention) -> bool:
    """The lone wounded victim, told as one already known ("the younger child and man were transported to the
    hospital"), is later told dead in the same words ("The younger child was pronounced dead")."""
    injured = main.injured
    if injured is None or injured.best != 1 or not re.match(r"(?i:the)\s", injured.text or ""):
        return False
    words = _victim_words(injured.text)
    for sentence in document.sentences:
        if sentence[0] < (injured.end or 0):
            continue
        dead = _casualties(document, sentence)[0].get("killed")
        if dead is not None and _victim_words(dead.text) == words:
            return True
    return False


# "the boy", "the teenager", "Maleah Williams": a victim already known, not "a woman" or "another man".
_KNOWN_VICTIM = re.compile(
    r"(?i:the)\s+(?!(?i:suspect|gunman|shooter|officer|deputy)\b)\w+$|[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2}$"
)


# Past the lead, a victim introduced as new ("a man") is most often another incident's.
_NEW_VICTIM_REACH = 1500


def _known_dead_again(document: Document, killed: Count | None, injured: Count | None) -> bool:
    """Victims told as known ("All three were taken to the hospital", "the father and two children wounded"), no
    more than the dead: the dead, told wounded before they died."""
    if killed is None or injured is None or injured.best is None or killed.best is None:
        return False
    if injured.best < 2 or injured.best > killed.best:
        return False
    before = document.text[max(0, (injured.start or 0) - 8) : injured.start or 0]
    return bool(
        re.search(r"\b(?:all|both|the)\s+$", before, re.IGNORECASE)
        or re.match(r"(?i:the)\s", injured.text or "")
    )


def _fill_from_story(document: Document, mentions: list[EventMention], main: EventMention) -> None:
    """Fill the main violent event's missing tolls from the story's other sentences."""
    missing = [name for name in ("fatalities", "injured") if getattr(main, name) is None]
    if not missing:
        return
    # A sentence another event cites is that event's, unless that event is violence at the main event's place
    # (a report's shooting split in two: "police found him dead", "two others were also shot").
    used = {
        (e.start, e.end)
        for m in mentions
        if m is not main
        and not (
            (m.event_type in _VIOLENT_TYPES or m.event_type in ("Strategic developments",))
            and not m.aggregate
            and not m.background
            and (m.location.name == main.location.name or m.sub_event_type == "Arrests")
        )
        for e in m.evidence
    }
    # "Police arrested a man Saturday in a shooting that left one dead and three others hurt": an arrest's
    # sentence tells the toll of the shooting the report is about, on a day of its own (the arrest's).
    arrests = {
        (e.start, e.end)
        for m in mentions
        if m.sub_event_type == "Arrests" and not m.background and not m.aggregate
        for e in m.evidence[:1]
    }
    refill = False
    partial: dict[str, tuple[Count, tuple[int, int]]] = {}
    for sentence in document.sentences:
        if (
            sentence in used
            or (_names_other_day(document, sentence, main.date.start) and sentence not in arrests)
            or _others_toll(document, sentence)
            or _EARLIER_INCIDENT.search(document.text, *sentence)
        ):
            continue
        counts, _ = _casualties(document, sentence)
        filled = False
        filled_now: list[str] = []
        for name in list(missing):
            category = "killed" if name == "fatalities" else "injured"
            if name == "injured" and _same_victim(main.fatalities, counts.get(category)):
                continue
            if (
                name == "injured"
                and main.fatalities is not None
                and re.match(
                    r"(?:both|all|each)\b",
                    (counts[category].text or "") if category in counts else "",
                    re.IGNORECASE,
                )
            ):
                continue  # "both victims had gunshot wounds": the dead, told again
            if name == "injured" and _known_dead_again(document, main.fatalities, counts.get(category)):
                continue  # "A man and two girls were shot to death ... to find the father and two children wounded"
            if counts.get(category) is not None:
                far = (counts[category].start or 0) - (main.evidence[0].start or 0) > _NEW_VICTIM_REACH
                if far and re.match(r"(?i:an?)\s", counts[category].text or ""):
                    continue  # "An elderly woman was killed when ...", far down a roundup: someone else's story
                if (
                    name == "injured"
                    and refill
                    and (counts[category].model_extra or {}).get("basis") == "shot"
                ):
                    continue
                if (counts[category].model_extra or {}).get("partial"):
                    # "One victim was still listed in critical condition": some of them; a total told later wins.
                    partial.setdefault(name, (counts[category], sentence))
                    continue
                setattr(main, name, counts[category])
                missing.remove(name)
                filled = True
                filled_now.append(name)
        if filled:
            _wounded_not_dead(main)
            if any(getattr(main, name) is not None for name in filled_now):
                # (Not a sentence whose only toll turned out to be the dead: "a man, 22, suffering from gunshot
                # wounds", another shooting of a round-up, is no evidence of this one.)
                main.evidence.append(document.span(*sentence))
            main.notes = notes_for(main)
            if main.injured is None and "injured" not in missing:
                # "3 shot" in a headline, all of them the dead: the wounded may still be told later
                # ("injured at least three more"), as wounded, not as shot.
                missing.append("injured")
                refill = True
        if not missing:
            break
    for name in missing:
        if name in partial:
            count, sentence = partial[name]
            setattr(main, name, count)
            main.evidence.append(document.span(*sentence))
            _wounded_not_dead(main)
            main.notes = notes_for(main)


# "a fatal shooting", "the deadly stabbing", "Fatal victim ID'd", "the shooting death of": the incident killed someone.
_FATAL_INCIDENT = re.compile(
    r"\b(?:fatal|deadly)\s+(?:shooting|stabbing|victim)\b|\b(?:shooting|stabbing)\s+death\b", re.IGNORECASE
)
# "emotions stoked by another fatal shooting in Minnesota": some other incident.
_OTHER_INCIDENT = re.compile(
    r"\b(?:another|other|earlier|previous|prior|separate|second|unrelated)\s+$", re.IGNORECASE
)
_FATAL_REACH = 1500  # the lead: a later "fatal shooting" is often an earlier or another incident


def _in_the_lead(
    document: Document, main: EventMention, pattern: re.Pattern[str]
) -> Iterator[tuple[tuple[int, int], re.Match[str]]]:
    """The lead's sentences (and the words that match ``pattern`` in each) that tell the main event: not another
    incident, another day, or several incidents together."""
    text = document.text
    for sentence in document.sentences:
        if sentence[0] >= _FATAL_REACH:
            break
        found = pattern.search(text, sentence[0], min(sentence[1], _FATAL_REACH))
        if (
            found is None
            or _OTHER_INCIDENT.search(text, max(sentence[0], found.start() - 20), found.start())
            or _names_other_day(document, sentence, main.date.start)
            or _several_incidents(document, sentence)
        ):
            continue
        yield sentence, found


def _fatal_named(document: Document, main: EventMention) -> None:
    """A report that calls its incident fatal ("arrested in fatal shooting outside nightclub") but never counts the
    dead has at least one dead: one, cited by the words that say so. Only the lead is read, and not a sentence that
    names another day or totals several incidents."""
    if main.fatalities is not None:
        return
    for sentence, found in _in_the_lead(document, main, _FATAL_INCIDENT):
        main.fatalities = Count(
            document_id=document.id, start=found.start(), end=found.end(), text=found.group(0), best=1, low=1
        )
        if document.span(*sentence) not in main.evidence:
            main.evidence.append(document.span(*sentence))
        # Not taken from those counted as shot: the one dead is most often told apart ("three others were hit").
        main.notes = notes_for(main)
        return


# "in an apparent murder-suicide", "a double murder-suicide": the victims and the one who killed them all died.
_MURDER_SUICIDE = re.compile(
    r"(?<!attempted )\b(?:(?P<n>double|triple|quadruple|quintuple)[- ])?murders?[- /]+suicides?\b(?![- ]attempt)",
    re.IGNORECASE,
)


def _murder_suicide(document: Document, main: EventMention) -> None:
    """A report that calls its incident a murder-suicide has at least two dead (three for a double murder-suicide):
    the count the words state, when the sentences counted fewer. Only the title and the lead are read, and not a
    sentence that names another day or tells of another incident."""
    for sentence, found in _in_the_lead(document, main, _MURDER_SUICIDE):
        dead = {"double": 3, "triple": 4, "quadruple": 5, "quintuple": 6}.get(
            (found.group("n") or "").lower(), 2
        )
        if main.fatalities is not None and (main.fatalities.best or 0) >= dead:
            return
        main.fatalities = Count(
            document_id=document.id,
            start=found.start(),
            end=found.end(),
            text=found.group(0),
            best=dead,
            low=dead,
        )
        if document.span(*sentence) not in main.evidence:
            main.evidence.append(document.span(*sentence))
        _wounded_not_dead(main)
        main.notes = notes_for(main)
        return


def _story_so_far(mentions: list[EventMention], mention: EventMention) -> EventMention | None:
    """The earlier mention that a mention with neither its own date nor its own place continues."""
    if _names_a_day(mention) or mention.aggregate or not mentions:
        return None
    own_place = (
        mention.location.lat is not None
        and (mention.location.model_extra or {}).get("place_inherited") is not True
    )
    for previous in reversed(mentions):
        if previous.event_type != mention.event_type or previous.aggregate or previous.background:
            continue
        if own_place and previous.location.name != mention.location.name:
            return None
        return previous
    return None


def _is_headline(document: Document, mention: EventMention) -> bool:
    if not document.title or not mention.evidence:
        return False
    evidence = mention.evidence[0]
    return (evidence.start or 0) < len(document.title) + 2 and document.title.startswith(
        (evidence.text or "")[:40]
    )


_VAGUE = re.compile(r"(?:several|multiple|a few|a couple|some|many|dozens|numerous)\b", re.IGNORECASE)
# A count given as a number ("2", "two", "at least 5"), not as a victim phrase or an age ("3-year-old").
_NUMERIC = re.compile(
    r"(?:at least |more than )?(?:\d+(?![\d-])|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?!-))",
    re.IGNORECASE,
)


# Victims counted as several without a number first: an age heading a list ("3-year-old and four adults"), a bare
# noun heading one ("Father, 2 Children"), an ordinal victim ("Third man dies").
_SEVERAL_NAMED = re.compile(
    r"(?:\d+|[a-z]+)[- ](?:year|month)[- ]old\b|[a-z]+\s*(?:,|\band\b)\s*(?:(?:his|her|their)\s+)?\d|"
    r"(?:" + ORDINALS + r")\b",
    re.IGNORECASE,
)


def _drop_headline_repeats(document: Document, mentions: list[EventMention]) -> list[EventMention]:
    """A headline summarizes the story: its events are kept only when the body does not report them, and a toll
    the headline gives as a number ("2 dead, 3 hurt in shooting") is the body's event's toll."""
    body = [m for m in mentions if not _is_headline(document, m)]
    headlines = [m for m in mentions if _is_headline(document, m)]
    result = list(body)
    for headline in headlines:
        same = [
            m for m in body if m.event_type == headline.event_type and not m.aggregate and not m.background
        ]
        if not same:
            result.append(headline)
            continue
        # The toll goes to the body's event of the headline's own kind ("Drone strike ... kills 11 as fighting
        # spreads": the 11 are the drone strike's, not the fighting's).
        same_kind = [m for m in same if m.sub_event_type == headline.sub_event_type]
        main = max(same_kind or same, key=lambda m: m.confidence)
        trigger = (headline.model_extra or {}).get("trigger")
        for field_name in ("fatalities", "injured"):
            count = getattr(headline, field_name)
            near = (
                count is not None
                and trigger is not None
                and abs((count.start or 0) - (trigger.start or 0)) <= 40
            )
            if not same_kind and not near:
                continue
            if count is None or not _owns_headline_count(document, headline, headlines, field_name):
                continue
            current = getattr(main, field_name)
            # A headline that counts ("2 dead, 4 hurt in shooting") gives the story's total; the body's sentences
            # often count only some of the victims ("Two others were taken to a hospital"). A headline victim
            # without a number ("Man kills daughter") does not replace the body's count.
            # (A list of several victims counts like a number: "3-year-old and four adults shot".)
            if current is None or (
                (count.best or 0) != (current.best or 0)
                and (
                    _NUMERIC.match(count.text or "")
                    or ((count.best or 0) >= 2 and _SEVERAL_NAMED.match(count.text or ""))
                )
            ):
                setattr(main, field_name, count)
                main.evidence.extend(headline.evidence)
    return sorted(result, key=lambda m: (m.evidence[0].start or 0) if m.evidence else 0)


# A toll that is the object of a verb, then a clause that starts with a conjunction: "... kills 11 as fighting
# spreads" (the 11 are the killer's, not the fighting's).
_OBJECT_TOLL = re.compile(
    r"\b(?:kills?|killed|killing|leaves?|left|wounds?|wounded|injures?|injured)\s+$", re.IGNORECASE
)
_CLAUSE_LINK = re.compile(r"\b(?:as|while|amid|after|when|before)\b", re.IGNORECASE)


def _owns_headline_count(
    document: Document, headline: EventMention, headlines: list[EventMention], field_name: str
) -> bool:
    """A headline count that several headline events share belongs to the event whose trigger comes closest before
    it ("Drone strike ... kills 11 as fighting spreads": the strike's 11, not the fighting's); with no trigger
    before it, to the nearest one. A toll that a verb before it governs is not owned by an event told in a later
    clause."""
    count = getattr(headline, field_name)
    trigger = (headline.model_extra or {}).get("trigger")
    text = document.text or ""
    if (
        trigger is not None
        and count.start is not None
        and count.end is not None
        and trigger.start is not None
        and count.end <= trigger.start
        and _OBJECT_TOLL.search(text[max(0, count.start - 12) : count.start])
        and _CLAUSE_LINK.search(text[count.end : trigger.start])
    ):
        return False
    sharing = [
        m
        for m in headlines
        if getattr(m, field_name) is not None and getattr(m, field_name).start == count.start
    ]
    if len(sharing) < 2:
        return True

    def trigger_start(mention: EventMention) -> int | None:
        trigger = (mention.model_extra or {}).get("trigger")
        return None if trigger is None else trigger.start

    at = count.start or 0
    before = [m for m in sharing if trigger_start(m) is not None and (trigger_start(m) or 0) <= at]
    if before:
        owner = max(before, key=lambda m: trigger_start(m) or 0)
    else:
        owner = min(sharing, key=lambda m: abs((trigger_start(m) or 0) - at))
    return owner is headline


_GENERIC_WAR = re.compile(
    r"(?:fight(?:ing|s)?|fought|clash(?:es|ed)?|wars?|conflicts?|battles?|confrontations?|offensives?|"
    r"armed conflicts?|hostilities)",
    re.IGNORECASE,
)
_PLACE_NOUNS = re.compile(
    r"\b(?:outside|at|near|in front of|to|towards|into|on|stormed|attacked)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:embassy|consulate|embassies|consulates)\b",
    re.IGNORECASE,
)


def _near(document: Document, mention: EventMention, sentence: tuple[int, int]) -> bool:
    evidence_end = max((e.end or 0) for e in mention.evidence) if mention.evidence else 0
    # Follow-up sentences ("The man died at the hospital") complete the event told just before them.
    return 0 <= sentence[0] - evidence_end < 800


# "The incident was the second reported shooting in Homewood in less than 24 hours": what follows is the other one.
_ANOTHER_INCIDENT_NEXT = re.compile(
    r"\b(?:second|third|separate)\s+(?:reported\s+|such\s+)?(?:shooting|stabbing)\b", re.IGNORECASE
)


def _apply_update(document: Document, mention: EventMention, sentence: tuple[int, int]) -> None:
    counts, _ = _casualties(document, sentence)
    if not counts or _others_toll(document, sentence):
        return  # "Last year in Chicago, 4,368 people were shot": a city's toll, not this event's
    if _ANOTHER_INCIDENT_NEXT.search(mention.evidence[-1].text or ""):
        return  # the toll told next is the other incident's
    updated = False
    for category, count in counts.items():
        field_name = "fatalities" if category == "killed" else category
        current = getattr(mention, field_name, None)
        figure_text = document.text[max(sentence[0], (count.start or 0) - 40) : count.start or 0]
        is_update = bool(
            re.search(
                r"rose|risen|climbed|increased|jumped|reached|now|later|toll", figure_text, re.IGNORECASE
            )
        )
        if category == "injured" and _known_dead_again(document, mention.fatalities, count):
            continue  # "A man and two girls were shot to death." "They found the father and two children wounded."
        if current is None or is_update:
            setattr(mention, field_name, count)
            updated = True
    if updated:
        mention.evidence.append(document.span(*sentence))
        mention.sources.extend(
            s for s in _sources_for(document, sentence) if s.name not in {x.name for x in mention.sources}
        )


def _build_mention(
    document: Document,
    sentence: tuple[int, int],
    trigger: TriggerMatch,
    group: list[TriggerMatch],
    place: PlaceMention | None,
    main_place: PlaceMention | None,
    sentence_index: int,
    actor_kb: Any = None,
) -> EventMention | None:
    from frontlines.extract.dating import event_date

    text = document.text
    sub = trigger.sub_event_type
    event_type = SUB_EVENT_TO_TYPE[sub]
    inherited = False
    if place is None and main_place is not None:
        place, inherited = main_place, True
    elif place is not None and not lexicon.AGGREGATE_CUES.search(text[sentence[0] : sentence[1]]):
        # (A toll over a period and a region is coded at the region: it is not refined to a town.)
        place, inherited = _refine_place(document, place, main_place)
    counts, claims = _casualties(document, sentence)
    counted = bool(counts.get("killed") or counts.get("injured"))
    if _several_incidents(document, sentence):
        # "Six people injured in two separate shootings": a roundup's total is no single event's toll.
        counts, claims = {}, []
    is_weak = sub == "Attack" and all(
        WEAK_ATTACK.match(text[t.start : t.end]) for t in group if t.sub_event_type == "Attack"
    )
    if (
        is_weak
        and not counts
        and not re.search(
            r"\b(?:gunmen|militants?|attackers?|assailants?)\b",
            text[sentence[0] : sentence[1]],
            re.IGNORECASE,
        )
    ):
        # "attacked" alone (a verbal attack, a cyber attack) is not coded without victims or armed attackers.
        if not re.search(
            r"\bshot|shooting|opened fire|gunfire\b", text[sentence[0] : sentence[1]], re.IGNORECASE
        ):
            return None
    timezone = place.timezone if place is not None else None
    present_perfect = bool(PRESENT_PERFECT.search(text[sentence[0] : sentence[1]]))
    date, background = event_date(
        document,
        sentence[0],
        sentence[1],
        timezone=timezone,
        present_perfect=present_perfect,
        trigger=trigger.start,
    )
    if counts.get("killed") is not None and lexicon.AGGREGATE_CUES.search(text[sentence[0] : sentence[1]]):
        # A toll "since X" covers X to the report, whatever other date the sentence names (the statement's day).
        span_date = _since_date(document, sentence, timezone)
        if span_date is not None:
            date, background = span_date, False
    agent, target = _roles(document, sentence, trigger, event_type)
    if agent is not None and agent.inter == 7 and event_type != "Protests":
        # Civilians are the victims of violence, never its authors: "11 civilians were killed when a drone struck".
        agent, target = None, (target if target is not None and target.inter != 7 else agent)
    actors: list[EventActor] = []
    if agent is not None:
        actors.append(_event_actor(document, "actor1", agent))
    civilian_victims = False
    if target is not None:
        actors.append(_event_actor(document, "actor2", target))
        civilian_victims = target.inter == 7
    fatalities = counts.get("killed")
    if target is None and event_type in ("Violence against civilians", "Explosions/Remote violence"):
        # The victims named after the trigger ("killing four civilians"), else before it; offsets are the text's.
        victim = lexicon.CIVILIAN_VICTIMS.search(
            text, trigger.end, sentence[1]
        ) or lexicon.CIVILIAN_VICTIMS.search(text, sentence[0], trigger.start)
        if victim:
            country = place.country if place is not None else None
            name = _civilians_name(actor_kb, country)
            start = victim.start()
            actors.append(
                EventActor(
                    role="actor2",
                    name=name,
                    inter=7,
                    country=country,
                    document_id=document.id,
                    start=start,
                    end=start + len(victim.group(0)),
                    text=victim.group(0),
                )
            )
            civilian_victims = True
    if fatalities is not None and fatalities.civilians and fatalities.civilians == fatalities.best:
        civilian_victims = True
    sentence_actors = [a for a in document.actors if sentence[0] <= a.start and a.end <= sentence[1]]
    disorder = _disorder(document, sub, event_type, sentence, sentence_actors)
    if trigger.family == "territory" and not _armed_context(document, sentence, sentence_actors):
        return None  # "the gunman entered the store", "took over the apartment": no armed group, no territory
    if trigger.family == "territory" and _person_taken(document, sentence, trigger.start):
        return None  # "Romero was captured Saturday in Sinaloa": a person caught, no territory
    civilian_targeting = event_type == "Violence against civilians" or (
        event_type == "Explosions/Remote violence"
        and civilian_victims
        and not any(a.inter in (1, 2, 3, 4, 8) for a in actors if a.role == "actor2")
    )
    location = EventLocation()
    if place is not None:
        location = EventLocation(
            document_id=document.id,
            start=place.start,
            end=place.end,
            text=place.text,
            name=place.name or place.text,
            country=place.country,
            admin1=place.admin1,
            admin2=place.admin2,
            lat=place.lat,
            lon=place.lon,
            geonameid=place.geonameid,
            precision=_geo_precision(document, place, inherited),
            timezone=place.timezone,
        )
    if inherited:
        location.place_inherited = True  # type: ignore[attr-defined]  # extra field: the document's main place
    sources = _sources_for(document, sentence)
    if document.outlet:
        sources.append(EventSource(name=document.outlet, kind="outlet"))
    if claims:
        for claim in claims:
            if claim.source not in {s.name for s in sources}:
                sources.append(
                    EventSource(
                        name=claim.source,
                        kind="claimant",
                        document_id=document.id,
                        start=claim.start,
                        end=claim.end,
                        text=claim.text,
                    )
                )
    elif fatalities is not None or counts.get("injured") is not None:
        for source in sources:
            if source.kind != "outlet":
                injured = counts.get("injured")
                claims.append(
                    Claim(document_id=document.id, start=source.start, end=source.end, text=source.text, source=source.name,
                          fatalities=fatalities.best if fatalities else None, injured=injured.best if injured else None)
                )  # fmt: skip
    aggregate = bool(
        (fatalities is not None or counts.get("injured") is not None)
        and date.start is not None
        and date.end is not None
        and date.start != date.end
        and lexicon.AGGREGATE_CUES.search(text[sentence[0] : sentence[1]])
    )
    # How sure a coder would be that this is the story's event: the trigger, then what the text pins down.
    # Violence with victims outranks an arrest or a vigil that follows it in the same report.
    family_weight = {"strategic": 0.85, "protest": 0.95, "riot": 0.95}.get(trigger.family, 1.0)
    confidence = (
        trigger.weight
        * family_weight
        * (
            0.5
            + (0.1 if place is not None and not inherited else 0.0)
            + (0.1 if date.text else 0.0)
            + (0.15 if counted else 0.0)
            + (0.05 if actors else 0.0)
            + 0.15 * _title_overlap(document, sentence)
            - 0.02 * min(sentence_index, 10)
        )
    )
    mention = EventMention(
        document_ids=[document.id],
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=disorder,
        date=date,
        actors=actors,
        interaction=interaction_code(
            next((a.inter for a in actors if a.role == "actor1"), None),
            next((a.inter for a in actors if a.role == "actor2"), None),
        ),
        location=location,
        fatalities=fatalities,
        injured=counts.get("injured"),
        abducted=counts.get("abducted"),
        arrested=counts.get("arrested"),
        missing=counts.get("missing"),
        displaced=counts.get("displaced"),
        claims=claims,
        civilian_targeting=civilian_targeting,
        sources=sources,
        aggregate=aggregate,
        background=background,
        evidence=[document.span(*sentence)],
        confidence=round(max(0.0, min(1.0, confidence)), 4),
    )
    # Extra field (the contract allows additions): the words that typed the event.
    mention.trigger = DocSpan(  # type: ignore[attr-defined]
        document_id=document.id, start=trigger.start, end=trigger.end, text=text[trigger.start : trigger.end]
    )
    mention.notes = notes_for(mention)
    mention.id = _mention_id(document, mention)
    return mention


def _since_date(document: Document, sentence: tuple[int, int], timezone: str | None) -> EventDate | None:
    from frontlines.extract.dating import local_publication_date, precision_of

    published = local_publication_date(document, timezone)
    for mention in document.dates:
        extra = mention.model_extra or {}
        if (
            not (sentence[0] <= mention.start < sentence[1])
            or not extra.get("since")
            or not mention.start_date
        ):
            continue
        if published is None:
            return None
        start = date.fromisoformat(mention.start_date[:10])
        if start > published:
            return None
        return EventDate(
            start=start.isoformat(), end=published.isoformat(), precision=precision_of(mention, start, published),
            document_id=document.id, start_char=mention.start, end_char=mention.end, text=mention.text,
        )  # fmt: skip
    return None


def _civilians_name(actor_kb: Any, country: str | None) -> str:
    """The knowledge base's name for a country's civilians ("Civilians (Sudan)"), the one the actor stage uses."""
    if not country:
        return "Civilians"
    if actor_kb is not None:
        try:
            return str(actor_kb.civilians(country).name)
        except (KeyError, ValueError):
            pass
    return f"Civilians ({country})"


def _event_actor(document: Document, role: Literal["actor1", "actor2"], actor: ActorMention) -> EventActor:
    return EventActor(
        role=role,
        name=actor.name,
        inter=actor.inter,
        country=actor.country,
        document_id=document.id,
        start=actor.start,
        end=actor.end,
        text=actor.text,
    )


def notes_for(mention: EventMention) -> str:
    """A one-line summary built from the fields."""
    parts = [mention.sub_event_type]
    a1, a2 = mention.actor("actor1"), mention.actor("actor2")
    if a1 or a2:
        parts.append(" vs ".join(a.name for a in (a1, a2) if a))
    if mention.location.name:
        parts.append(f"in {mention.location.name}")
    if mention.date.start:
        when = (
            mention.date.start
            if mention.date.start == mention.date.end
            else f"{mention.date.start} to {mention.date.end}"
        )
        parts.append(f"on {when}")
    summary = "; ".join([parts[0], " ".join(parts[1:])]) if len(parts) > 1 else parts[0]
    tolls = []
    if mention.fatalities and mention.fatalities.best is not None:
        tolls.append(f"{mention.fatalities.best} killed")
    if mention.injured and mention.injured.best is not None:
        tolls.append(f"{mention.injured.best} injured")
    if tolls:
        summary += "; " + ", ".join(tolls)
    if mention.aggregate:
        summary += " (aggregate toll)"
    return summary


def _mention_id(document: Document, mention: EventMention) -> str:
    import hashlib

    key = f"{document.id}|{mention.sub_event_type}|{mention.evidence[0].start}|{mention.location.name}|{mention.date.start}"
    return "em-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _wounded_not_dead(mention: EventMention) -> None:
    """ "Seven people were shot ... one died": the wounded are those shot who did not die (GVA and ACLED count so)."""
    injured, killed = mention.injured, mention.fatalities
    if injured is None or killed is None:
        return
    if (
        (killed.model_extra or {}).get("among_wounded")
        and not (injured.model_extra or {}).get("basis")
        and injured.best is not None
        and killed.best is not None
        and injured.best > killed.best
        and not (injured.model_extra or {}).get("others")
    ):
        # "Police said 10 people were wounded. One of the victims was killed.": nine wounded.
        injured.best -= killed.best
        injured.low = injured.best if injured.low is not None else None
        injured.high = injured.best if injured.high is not None else None
        injured.basis = "wounded, less those who died"  # type: ignore[attr-defined]
        return
    if (injured.model_extra or {}).get("basis") != "shot" or (injured.model_extra or {}).get("others"):
        return  # (not "a fourth" or "three others" shot: told apart from the dead)
    if injured.best is None or killed.best is None:
        return
    # "A man shot six people, killing four of them, before turning the gun on himself": two wounded, not one. (When
    # only the shooter's death is told, those shot may include him.)
    shooters = int((killed.model_extra or {}).get("shooters") or 0)
    dead = killed.best - shooters if killed.best > shooters else killed.best
    if injured.best <= dead:
        mention.injured = None  # everyone shot died
        return
    injured.best -= dead
    injured.low = injured.best if injured.low is not None else None
    injured.high = injured.best if injured.high is not None else None
    injured.basis = "shot, less those who died"  # type: ignore[attr-defined]


def _fold_key(mention: EventMention) -> tuple[object, ...]:
    return (
        mention.event_type,
        mention.location.name,
        mention.location.country,
        mention.date.start,
        mention.aggregate,
        mention.background,
    )


def _absorb(kept: EventMention, mention: EventMention) -> None:
    """Fold a second mention of the same event into the first: evidence, sources, claims and larger counts."""
    if (
        PRIORITY.get(mention.sub_event_type, 30) < PRIORITY.get(kept.sub_event_type, 30)
        and mention.confidence >= kept.confidence * 0.8
    ):
        kept.sub_event_type = mention.sub_event_type
    for field_name in ("fatalities", "injured", "abducted", "arrested", "missing", "displaced"):
        new, old = getattr(mention, field_name), getattr(kept, field_name)
        if new is not None and (old is None or (new.best or 0) > (old.best or 0)):
            setattr(kept, field_name, new)
    if (mention.location.precision or 9) < (
        kept.location.precision or 9
    ) and mention.location.lat is not None:
        kept.location = mention.location
    kept.evidence.extend(mention.evidence)
    known = {s.name for s in kept.sources}
    kept.sources.extend(s for s in mention.sources if s.name not in known)
    kept.claims.extend(mention.claims)
    if not kept.actors and mention.actors:
        kept.actors = mention.actors
        kept.interaction = mention.interaction
    kept.confidence = max(kept.confidence, mention.confidence)
    kept.civilian_targeting = kept.civilian_targeting or mention.civilian_targeting
    kept.notes = notes_for(kept)


def _same_incident(a: EventMention, b: EventMention) -> bool:
    """Two mentions of one document that name the same event at places a town apart ("Grays Ferry", "Philadelphia")."""
    if (a.event_type, a.date.start, a.aggregate, a.background) != (
        b.event_type,
        b.date.start,
        b.aggregate,
        b.background,
    ):
        return False
    if a.location.name == b.location.name:
        return True
    if (a.location.precision or 3) >= 3 or (b.location.precision or 3) >= 3:
        return False  # a region holds many events; only towns a few km apart are one place
    if a.location.lat is None or b.location.lat is None or a.location.lon is None or b.location.lon is None:
        return False
    return haversine_km(a.location.lat, a.location.lon, b.location.lat, b.location.lon) <= 30.0


def _fold(mentions: list[EventMention]) -> list[EventMention]:
    """One event per type, place and day in a document: later mentions add evidence, sources and updated counts."""
    folded: dict[tuple[object, ...], EventMention] = {}
    for mention in mentions:
        key = _fold_key(mention)
        kept = folded.get(key)
        if kept is None:
            folded[key] = mention
        else:
            _absorb(kept, mention)
    # Then the same event named at two nearby places (a district and its city) on the same day.
    result: list[EventMention] = []
    for mention in sorted(folded.values(), key=lambda m: -m.confidence):
        home = next((kept for kept in result if _same_incident(kept, mention)), None)
        if home is None:
            result.append(mention)
        else:
            _absorb(home, mention)
    result = _fold_retold(_fold_vague_days(result))
    for mention in result:
        _wounded_not_dead(mention)
    return sorted(result, key=lambda m: (m.evidence[0].start or 0) if m.evidence else 0)


# Day words that say only "around the time of the report": the same event told elsewhere with its own day is dated
# by that day ("A drive-by shooting over the weekend ..." then "the shooting occurred Sunday evening").
_VAGUE_DAY = re.compile(
    r"(?:(?:early |late )?overnight|(?:over |during |this |last )?(?:the )?weekend|tonight|today|"
    r"this (?:morning|afternoon|evening)|early (?:today|this morning))",
    re.IGNORECASE,
)


_PLURAL_EVENTS = re.compile(
    r"\b(?:shootings|attacks|incidents|stabbings|killings|homicides)\b", re.IGNORECASE
)


def _counts_agree(a: EventMention, b: EventMention) -> bool:
    return all(
        getattr(a, name) is None or getattr(b, name) is None or getattr(a, name).best == getattr(b, name).best
        for name in ("fatalities", "injured")
    )


def _fold_vague_days(mentions: list[EventMention]) -> list[EventMention]:
    """A mention dated only by a vague day word (or by nothing) joins a mention of the same event at the same place
    whose own day lies in that vague time (the night before, the weekend), when their counts agree."""
    result = list(mentions)
    for vague in sorted(mentions, key=lambda m: -m.confidence):
        text = (vague.date.text or "").strip()
        if vague.aggregate or vague.background or (text and not _VAGUE_DAY.fullmatch(text)):
            continue
        if any(_PLURAL_EVENTS.search(e.text or "") for e in vague.evidence[:1]):
            continue  # "two deadly overnight shootings": the vague day spans several incidents
        window = date_interval(vague.date) if len(vague.date.start or "") >= 10 else None
        if window is None:
            continue
        low, high = window
        for dated in result:
            if dated is vague or dated.event_type != vague.event_type or dated.aggregate or dated.background:
                continue
            day = dated.date.start
            if (
                dated.date.precision != 1
                or not day
                or dated.date.end not in (None, day)
                or _VAGUE_DAY.fullmatch((dated.date.text or "").strip())
                or not (low - timedelta(days=1) <= date.fromisoformat(day[:10]) <= high)
                or dated.location.name != vague.location.name
                or not _counts_agree(dated, vague)
            ):
                continue
            _absorb(dated, vague)
            result.remove(vague)
            break
    return result


def _tally_key(mention: EventMention) -> tuple[int, int] | None:
    killed = mention.fatalities.best if mention.fatalities else 0
    injured = mention.injured.best if mention.injured else 0
    return (killed or 0, injured or 0) if (killed or 0) + (injured or 0) >= 2 else None


def _dated_in_its_sentence(mention: EventMention) -> bool:
    """Whether the mention's day is told in the sentence that tells the event (not carried from elsewhere)."""
    if not mention.evidence or mention.date.start_char is None:
        return False
    first = mention.evidence[0]
    return (first.start or 0) <= mention.date.start_char < (first.end or 0)


def _fold_retold(mentions: list[EventMention]) -> list[EventMention]:
    """The same victims told again on a later day ("They marched on Thursday after a shooting that left five people
    hurt") are the earlier day's event: same type, place and toll (two or more victims), a few days apart."""
    result = list(mentions)
    for later in sorted(mentions, key=lambda m: m.date.start or "", reverse=True):
        key = _tally_key(later)
        span = date_interval(later.date) if len(later.date.start or "") >= 10 else None
        if key is None or span is None or later.aggregate or later.background:
            continue
        for earlier in result:
            other = date_interval(earlier.date)
            if (
                earlier is later
                or other is None
                or earlier.date.precision != 1
                or earlier.event_type != later.event_type
                or earlier.location.name != later.location.name
                or earlier.aggregate
                or earlier.background
                or _tally_key(earlier) != key
                or not (0 < (span[0] - other[1]).days <= 3)
                or not _dated_in_its_sentence(earlier)
            ):
                continue
            _absorb(earlier, later)
            result.remove(later)
            break
    return result
