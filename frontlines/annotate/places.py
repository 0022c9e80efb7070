"""The places stage: toponyms, region phrases and demonyms, resolved against the gazetteer.

Proposals come from four sources, strongest first:

1. region phrases ("northwest Syria", "the Idlib countryside", "Idlib province", "in the northwest" with a country
   context), resolved to a country or admin1 region (kind ``region``, precision 3);
2. the entities of the parse stage: GPE/LOC (always a place, resolved or not), FAC/ORG holding a place
   ("Aleppo airport", "University of Aleppo": the place, typed by its facility), PERSON that is really a
   transliterated town ("Marat al-Numan") when the document's country context supports it, NORP demonyms
   ("Syrian" -> SY, kind ``demonym``);
3. a gazetteer matcher over capitalized n-grams that no entity covers (names the NER misses), with strict filters.

Resolution is two-pass: first every proposal's candidates, from which the document's country context is counted
(explicit country mentions, demonyms, unambiguous places); then each candidate is scored on name match, prominence,
country context and containment ("Marat al-Numan in Idlib province"). The best one is kept with a score and
runner-up alternatives; below the confidence floor a place stays unresolved (text kept, lat/lon null).
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from frontlines.model import Document, EntityMention, PlaceMention
from frontlines.resources.gazetteer import Candidate, Gazetteer, GazetteerEntry, prominence, strict_key

_DIRECTIONS = {
    "north": (0.8, 0.5), "south": (0.2, 0.5), "east": (0.5, 0.8), "west": (0.5, 0.2),
    "northeast": (0.8, 0.8), "northwest": (0.8, 0.2), "southeast": (0.2, 0.8), "southwest": (0.2, 0.2),
    "central": (0.5, 0.5),
}  # fmt: skip
_DIRECTION_RE = r"(?:north|south)[- ]?(?:east|west)(?:ern)?|northern|southern|eastern|western|north|south|east|west|central"
_NAME = (
    r"[A-Z][\w'’‘ʿ`-]*(?:[ \t]+(?:al-|el-|ar-|an-|as-|ad-|ash-|at-|az-|ez-|de\s|of\s)?[A-Z][\w'’‘ʿ`-]*){0,3}"
)
_REGION_BEFORE = re.compile(rf"\b(?:[Tt]he\s+)?({_DIRECTION_RE})\s+({_NAME})")
_REGION_AFTER = re.compile(
    rf"\b(?:[Tt]he\s+)?({_NAME})\s+((?i:province|governorate|region|countryside|state|oblast|district|county|parish))\b"
)
_REGION_OF = re.compile(
    rf"\b(?:[Tt]he\s+)?(countryside|outskirts|suburbs|province|governorate|region|state|district|oblast)\s+of\s+"
    rf"({_NAME})"
)
_BARE_DIRECTION = re.compile(
    rf"\b(?:in|across|throughout|from|to)\s+the\s+({_DIRECTION_RE})(?:\s+and\s+(?:the\s+)?({_DIRECTION_RE}))?"
    rf"(?:\s+of\s+the\s+country)?"
    r"(?=\s*[,.;:)]|\s+(?:of|on|in|at|since|after|before|during|near|where|when|as|for|last|this|earlier)\b)"
)
_FACILITIES = (
    "airport|air base|airbase|base|university|hospital|prison|camp|stadium|port|refugee camp|military airport|"
    "airfield|dam|bridge|power plant|mosque|market|checkpoint|crossing|border crossing|harbour|harbor"
)
_FACILITY_AFTER = re.compile(
    rf"^(?:[Tt]he\s+)?(.+?)(?:'s)?\s+(?:international\s+|military\s+)?({_FACILITIES})$", re.I
)
_FACILITY_OF = re.compile(rf"^(?:[Tt]he\s+)?(?:\w+\s+)?({_FACILITIES})\s+(?:of|in)\s+(.+)$", re.I)
_PEOPLE_NOUN_AFTER = re.compile(
    r"\s+(?:troops|forces|army|soldiers|police|government|officials|authorities|military|navy|militants|fighters|"
    r"rebels|people|nationals|citizens|civilians|president|prime minister|minister|ministry|state media|media|"
    r"warplanes|jets|drones|artillery|security)\b"
)
_REGION_WORD_AFTER = re.compile(
    r"\s+(?:region|province|oblast|state|governorate|district|county|prefecture|department|division|territory)\b",
    re.IGNORECASE,
)
# A dateline opens a line: "PHILADELPHIA (CBS) —", "KINLOCH, Mo. (KMOV) –", "ROSEBURG, Ore. (AP) -", "Albion —".
# The model often misses an upper-case town there, or splits it ("ST." + "LOUIS").
_DATELINE = re.compile(
    r"^[ \t\"“]?([A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,3})"
    r"(?=(?:,[ ]*[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?)?[ ]*(?:\([^()\n]{1,60}\)[ ]*(?:[-—–:]+|--)\s?|[ ][-—–]+\s|--\s))",
    re.MULTILINE,
)
# Labels the model gives to some town names it does not know ("in Kramatorsk" as a PRODUCT).
_MISLABELED = ("PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE")
# Words that begin a longer place name: a known name right after one of them is only part of the name.
_NAME_LEADS = frozenset(
    ["north", "south", "east", "west", "northern", "southern", "eastern", "western", "new", "upper", "lower",
     "greater", "central", "saint", "st.", "port", "fort", "mount", "lake"]
)  # fmt: skip
_CALENDAR_WORD = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|ramadan|eid|christmas|easter|"
    r"thanksgiving|passover|hanukkah|diwali|nowruz|spring|summer|autumn|fall|winter|today|tonight|yesterday|"
    r"tomorrow|week|month|year|decade|century|morning|evening|night|noon|midnight)",
    re.IGNORECASE,
)
_OF_PLACE = frozenset(
    ["control", "city", "town", "village", "outskirts", "capture", "fall", "siege", "province", "district",
     "suburbs", "centre", "center", "north", "south", "east", "west", "recapture", "liberation", "outside"]
)  # fmt: skip
_LOCATIVE = frozenset(
    ["in", "near", "at", "from", "into", "outside", "across", "around", "of", "to", "toward", "towards"]
)
_PLACE_WORDS = re.compile(
    r"\b(?:city|town|village|township|county|parish|district|province|governorate|camp|valley|island|islands|"
    r"mountains?|river|lake|sea|bay|gulf|desert|border|region|state|borough|neighbou?rhood|quarter|street)\b",
    re.I,
)
_FACILITY_NEXT = re.compile(rf"(?:'s)?\s+(?:international\s+|military\s+)?({_FACILITIES})\b", re.I)
_ARTICLE = re.compile(r"^(?:the|The)\s+")
_NOT_AGENCY_TOWNS = frozenset(
    ["metro", "capitol", "campus", "transit", "tribal", "housing", "military", "border"]
)
_AGENCY = re.compile(
    r"^([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ](?:[Pp]olice(?:[ ]Department)?|Sheriff['’]s[ ](?:Office|Department))$"
)
_WORD_RE = re.compile(r"\S+")
_HYPHEN_NEXT = re.compile(r"-([A-Z][a-z]+)\b")
# A state's postal code or abbreviation right after a town: "PITTSBURGH, PA", "Eutaw, Ala.", "Trenton, N.J.".
_STATE_AFTER = re.compile(r",[ \t]*([A-Z]{2}|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.)(?=[\s,;:)(—–-]|$)")
# A given name (and perhaps an initial) right before a word: "Michael Kennedy", "Joseph L. Nelson".
_GIVEN_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?: [A-Z]\.)? \Z")
_LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'-]+\b")


@functools.lru_cache(maxsize=4)  # the matcher and both non-name checks of one document ask for the same set
def _lower_words(text: str) -> frozenset[str]:
    """The words the text writes in lower case."""
    return frozenset(_LOWER_WORD_RE.findall(text))


_OPENERS = "(\"'‘“"
_CAP_TOKEN = re.compile(
    r"[A-Z][\w'’‘ʿ`.-]*|(?:al|el|ar|an|as|ad|ash|at|az|ez)-[A-Z][\w'’‘ʿ`-]*|of|de|del|la|upon"
)
_TITLES_WORDS = (
    "mr mrs ms dr gen general president minister sheikh imam col colonel lt sgt capt captain judge sen "
    "senator rep governor gov mayor king prince queen saint st "
)
_TITLES = frozenset(_TITLES_WORDS.split())
_COMMON_WORDS = (
    "a i the this that these those he she it we they you his her its our their monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august september october "
    "november december god police city county state university north south east west central new old "
    "said reuters associated press president government army church school hospital court street road "
    "avenue district department office center centre news today times post union national international "
    "republic federal democratic party council ministry minister mr mrs ms dr sir lady lord king queen "
    "prince general major captain officer team club american british french german russian syrian "
    "turkish chinese english spanish arabic islamic muslim christian however but and or if when after "
    "before while since because although meanwhile also still here there where local world media online "
    "internet facebook twitter google apple amazon home house senate congress park lake river mountain "
    "valley beach island islands bay springs hills falls center avenue airport station victoria mobile "
    "ball hope unity liberty independence freedom justice health care service services security safety "
    "public private community fire water power energy chief staff sheriff deputy trooper patrol board "
    "commission committee agency bureau "
)
_COMMON = frozenset(_COMMON_WORDS.split())
# A state named in the text (and leading the document's evidence by this factor) supports its own towns against
# bigger namesakes elsewhere: the context bonus they get, and how far down the namesakes they are looked for.
_NAMED_MARGIN = 1.5
_NAMED_BONUS = 0.5
_NAMED_LOOKUP = 60
# A place abroad that nothing else in the text supports is dropped when the rest of the document gives this share to
# one other country; a town this big (or, when the name has a namesake at home, a city this big) is named for itself.
_STRAY_HOME = 0.6
_STRAY_MAX_POPULATION = 1_000_000
_STRAY_MAX_ALONE = 100_000
# The same for regions (states), see _drop_region_strays: the rest of the document gives this share of its names'
# votes to one region, this many times the next region's; another region it votes this much for is supported; a town this big is named for itself; a
# city this big sets the home region alone (else two names of it do); a town this near the region's own places, or
# this near any town the rest names, is no stray.
_REGION_HOME = 0.45
_REGION_MARGIN = 2.0
_REGION_SUPPORT = 0.05
_REGION_MAX_POPULATION = 100_000
_REGION_BIG = 300_000
_REGION_NEAR_KM = 150.0
_NEIGHBOUR_KM = 60.0
# A word known only as places less prominent than this may be a surname (see _surnames).
_SURNAME_MAX_POPULATION = 100_000


@dataclass
class _Proposal:
    start: int
    end: int
    query: str
    source: str  # region, entity, facility, person, org, matcher
    kind: str = "toponym"
    direction: str | None = None
    region_word: str | None = None
    facility: str | None = None
    locative: bool = False
    candidates: list[Candidate] = field(default_factory=list)
    stray: bool = (
        False  # every name match was a namesake abroad (see _drop_strays): an entity stays, unresolved
    )


def _mention(**fields: Any) -> PlaceMention:
    """A PlaceMention with extra attributes (``precision``, ``facility``, ``direction``) kept."""
    return PlaceMention.model_validate(fields)


def _caseless(text: str) -> bool:
    """Whether a text is written all in lower case (a scrape that lost its capitals): 200 words or more, and fewer
    than one in a hundred capitalized.

    >>> _caseless("police fired on a mob in ahmedabad. " * 40), _caseless("Police fired on a mob in Ahmedabad. " * 40)
    (True, False)
    """
    words = re.findall(r"\b[^\W\d_]{2,}\b", text[:20000])
    return len(words) >= 200 and sum(w[0].isupper() for w in words) < 0.01 * len(words)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def title_case_line(text: str, position: int) -> bool:
    """Whether the line around a position is a headline in title case ("Six Hurt During Lubbock Robbery")."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start : end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _near(entry: GazetteerEntry, others: list[GazetteerEntry], km: float) -> bool:
    """Whether a place lies within ``km`` of any of the others (great-circle distance)."""
    if entry.lat is None or entry.lon is None:
        return False
    for other in others:
        if other.lat is None or other.lon is None:
            continue
        p1, p2 = math.radians(entry.lat), math.radians(other.lat)
        dp, dl = p2 - p1, math.radians(other.lon - entry.lon)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        if 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a))) <= km:
            return True
    return False


def _smallest_names_first(proposals: list[_Proposal]) -> list[str]:
    """The toponyms' names (strict keys), the one whose biggest candidate is least prominent first: a town judged
    a stray no longer votes against the bigger names judged after it."""
    biggest: dict[str, float] = defaultdict(float)
    for p in proposals:
        if p.kind == "toponym" and p.candidates:
            key = strict_key(p.query)
            biggest[key] = max(biggest[key], max(prominence(c.entry) for c in p.candidates))
    return sorted(biggest, key=biggest.__getitem__)


class PlaceStage:
    """Fill ``document.places`` from the entities (and the text), resolved against a :class:`Gazetteer`."""

    name: str = "places"
    requires: tuple[str, ...] = ("sentences", "entities")
    assigns: tuple[str, ...] = ("places",)

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        floor: float = 0.3,
        matcher_min_population: int = 100_000,
        context_min_population: int = 1_000,
        max_alternatives: int = 3,
        org_prefixes: bool = False,
    ) -> None:
        self.gazetteer = gazetteer
        self.floor = floor
        self.matcher_min_population = matcher_min_population
        self.context_min_population = context_min_population
        self.max_alternatives = max_alternatives
        self.org_prefixes = org_prefixes

    # -- the stage ---------------------------------------------------------------------------------------------

    def __call__(self, document: Document) -> Document:
        text = document.text
        proposals: list[_Proposal] = []
        demonyms: list[PlaceMention] = []
        taken: list[tuple[int, int]] = []

        def add(proposal: _Proposal) -> bool:
            span = (proposal.start, proposal.end)
            if proposal.start >= proposal.end or any(_overlaps(span, t) for t in taken):
                return False
            if not proposal.candidates:
                proposal.candidates = self._candidates(proposal.query)
            taken.append(span)
            proposals.append(proposal)
            return True

        for proposal in self._region_phrases(text):
            add(proposal)
        for proposal in self._datelines(text):
            add(proposal)
        entities = sorted(document.entities, key=lambda e: (e.start, -e.end))
        # Words of people's names in this document ("Ripley said" after "John Ripley"): a one-word "place" that is
        # one of them is a person the model mislabeled.
        person_words = {
            w for e in entities if e.label == "PERSON" and " " in e.text for w in e.text.split()[1:]
        } | self._surnames(entities, text)
        caseless = _caseless(text)
        for entity in entities:
            if (
                entity.label == "GPE"
                and _PEOPLE_NOUN_AFTER.match(text, entity.end)
                and self.gazetteer.demonym(entity.text)
            ):
                # "Somali troops": an adjective of nationality, not the Somali region of Ethiopia.
                mention = self._demonym(entity)
                if mention is not None and not any(_overlaps((mention.start, mention.end), t) for t in taken):
                    demonyms.append(mention)
                    continue
            if entity.label == "NORP":
                mention = self._demonym(entity)
                if mention is not None and not any(_overlaps((mention.start, mention.end), t) for t in taken):
                    demonyms.append(mention)
                continue
            for proposal in self._from_entity(entity, text, caseless):
                if proposal.query in person_words and not proposal.locative:
                    continue
                if self._hyphenated(proposal, text):
                    continue
                add(proposal)
        if caseless:
            # In a text all in lower case its names are written in lower case too: they are not dropped for that.
            cased: list[_Proposal] = []
            lower: list[_Proposal] = []
            for p in proposals:
                (cased if any(ch.isupper() for ch in text[p.start : p.end]) else lower).append(p)
            proposals[:] = [*self._drop_non_names(cased, text), *lower]
        else:
            proposals[:] = self._drop_non_names(proposals, text)
        covered = [(e.start, e.end) for e in entities]
        matcher = [
            p
            for p in self._matcher(document, covered + taken)
            if p.candidates and p.query not in person_words
        ]

        matcher = self._drop_non_names(matcher, text, proposals)
        context = self._country_context(proposals, demonyms, matcher)
        for proposal in matcher:  # the matcher needs the context to filter; it only adds unclaimed spans
            if self._accept_matched(proposal, context):
                add(proposal)
        context = self._country_context(proposals, demonyms, [])

        proposals.sort(key=lambda p: p.start)
        for proposal in proposals:
            self._state_after(proposal, text)
        named = self._named_state(proposals, context)
        if named is not None:
            for proposal in proposals:
                self._add_named_state_namesakes(proposal, named)
        self._drop_strays(proposals, demonyms)
        self._drop_region_strays(proposals)
        resolved = [self._resolve(p, i, proposals, context, text, named) for i, p in enumerate(proposals)]
        places = [p for p in resolved if p is not None]
        places.extend(self._bare_directions(text, context, taken))
        places.extend(demonyms)
        places.sort(key=lambda p: p.start)
        document.places = places
        return document

    def _hyphenated(self, proposal: _Proposal, text: str) -> bool:
        """A state's or country's name as the first half of a hyphenated name whose second half is no place
        ("California-Kirkbride", a neighbourhood): not that state. A pair of places ("Syria-Turkey border") and a
        town's name ("Athens-Clarke") are left alone."""
        match = _HYPHEN_NEXT.match(text, proposal.end)
        return (
            match is not None
            and not self._candidates(match.group(1), fuzzy=False)
            and any(
                c.match == "exact" and c.entry.feature in ("admin1", "country")
                for c in self._candidates(proposal.query, fuzzy=False)
            )
        )

    def _state_after(self, proposal: _Proposal, text: str) -> None:
        """A town followed by its state's code or abbreviation ("PITTSBURGH, PA", "Eutaw, Ala.") is that state's
        namesake, when the gazetteer has one (looked up beyond the usual twelve)."""
        if proposal.kind != "toponym" or not proposal.candidates:
            return
        match = _STATE_AFTER.match(text, proposal.end)
        if match is None:
            return
        code = match.group(1)
        states = {
            (c.entry.country, c.entry.admin1)
            for c in self._candidates(code, fuzzy=False)
            if c.match == "exact" and c.entry.feature == "admin1"
        }

        def of_state(c: Candidate) -> bool:
            return (c.entry.country, c.entry.admin1) in states or (
                len(code) == 2 and code.isupper() and c.entry.admin1_code == code
            )

        found = [c for c in proposal.candidates if of_state(c)]
        if not found and len(proposal.candidates) >= 12:
            found = [
                c
                for c in self.gazetteer.candidates(proposal.query, limit=_NAMED_LOOKUP, fuzzy=False)
                if c.match == "exact" and of_state(c) and c.entry.feature in ("city", "admin2")
            ][:3]
        if found:
            proposal.candidates = found

    def _surnames(self, entities: list[EntityMention], text: str) -> set[str]:
        """One-word "places" the model read in a person's name: right after a given name or an initial
        ("Michael Kennedy", "Joseph L. Nelson") or closing a hyphenated name ("Chalche-Rivera"), when the
        gazetteer knows the word only as small places (no country, no big city or region). A headline in title
        case, a word that leads place names ("North", "Fort") or a common word before it says nothing."""
        out: set[str] = set()
        for entity in entities:
            if entity.label not in ("GPE", "LOC") or not re.fullmatch(r"[A-Z][a-z'’]+", entity.text):
                continue
            word = entity.text.lower()
            if _PLACE_WORDS.fullmatch(word) or word in _COMMON or word.rstrip("s") in _COMMON:
                continue  # (the second word of "Twin Lakes", "Mahim Bay")
            candidates = self._candidates(entity.text, fuzzy=False)
            if not candidates or any(
                c.entry.feature in ("country", "continent") or prominence(c.entry) >= _SURNAME_MAX_POPULATION
                for c in candidates
            ):
                continue
            before = text[max(0, entity.start - 30) : entity.start]
            hyphen = re.search(r"[A-Z][a-z]+-\Z", before)
            given = _GIVEN_NAME_BEFORE.search(before)
            if hyphen is None and (
                given is None
                or given.group(1).lower() in _COMMON
                or given.group(1).lower() in _NAME_LEADS
                or given.group(1).lower() in _LOCATIVE
                or title_case_line(text, entity.start)
            ):
                continue
            out.add(entity.text)
        return out

    # -- proposals ---------------------------------------------------------------------------------------------

    def _candidates(self, query: str, fuzzy: bool = True) -> list[Candidate]:
        return self.gazetteer.candidates(query, limit=12, fuzzy=fuzzy)

    def _region_name(self, text: str, start: int, end: int) -> tuple[int, list[Candidate]] | None:
        """The longest tail of a capitalized name that the gazetteer knows (no fuzzy): "In Idlib" -> "Idlib"."""
        tokens = list(re.finditer(r"\S+", text[start:end]))
        for i in range(len(tokens)):
            s = start + tokens[i].start()
            found = list(self._candidates(text[s:end], fuzzy=False))
            if found:
                return s, found
        return None

    def _region_phrases(self, text: str) -> Iterable[_Proposal]:
        for match in _REGION_BEFORE.finditer(text):
            # "North Carolina", "South Sudan" are names, not regions: leave them to the entities.
            if any(
                c.match == "exact" for c in self._candidates(text[match.start(1) : match.end(2)], fuzzy=False)
            ):
                continue
            if len(match.group(2)) <= 3 and text[match.end(2) : match.end(2) + 1] == ".":
                continue  # "north St. Louis": an abbreviation starts a longer name
            direction = match.group(1).lower().replace("-", "").replace(" ", "")
            direction = re.sub(r"ern$", "", direction)
            named = self._region_name(text, match.start(2), match.end(2))
            if named is None or named[0] != match.start(2):
                continue
            yield _Proposal(
                match.start(), match.end(2), text[named[0] : match.end(2)], "region", "region", direction=direction,
                candidates=named[1],
            )  # fmt: skip
        for match in _REGION_AFTER.finditer(text):
            word = match.group(2).lower()
            named = self._region_name(text, match.start(1), match.end(1))
            if named is None:
                if word in ("county", "parish", "district"):
                    yield _Proposal(
                        match.start(1), match.end(2), match.group(1) + " " + match.group(2), "entity"
                    )
                continue
            start = named[0]
            phrase = text[start : match.end(2)]
            if any(c.match == "exact" for c in self._candidates(phrase, fuzzy=False)):
                # "Rapides Parish", "Orange County" are gazetteer names themselves
                yield _Proposal(start, match.end(2), phrase, "entity")
                continue
            if word in ("county", "parish", "district"):
                continue
            yield _Proposal(
                start, match.end(), text[start : match.end(1)], "region", "region", region_word=word,
                candidates=named[1],
            )  # fmt: skip
        for match in _REGION_OF.finditer(text):
            named = self._region_name(text, match.start(2), match.end(2))
            if named is None or named[0] != match.start(2):
                continue
            yield _Proposal(
                match.start(), match.end(), match.group(2), "region", "region", region_word=match.group(1).lower(),
                candidates=named[1],
            )  # fmt: skip

    def _datelines(self, text: str, within: int = 1500) -> Iterable[_Proposal]:
        """The town a report is filed from, at the start of a line near the top, when the gazetteer knows it."""
        for match in _DATELINE.finditer(text, 0, min(len(text), within + 200)):
            if match.start(1) > within:
                break
            name = match.group(1).rstrip(".") if match.group(1).endswith("..") else match.group(1)
            if name.lower() in _COMMON or len(name.replace(".", "")) < 3:
                continue
            query = name.title() if name.isupper() else name
            found = [
                c
                for c in self._candidates(query, fuzzy=False)
                if c.match == "exact" and c.entry.feature in ("city", "admin2")
            ]
            if found:
                yield _Proposal(match.start(1), match.start(1) + len(name), query, "entity", candidates=found)

    def _demonym(self, entity: EntityMention) -> PlaceMention | None:
        country = self.gazetteer.demonym(entity.text)
        if country is None:
            return None
        entry = self.gazetteer.country(country)
        return _mention(
            start=entity.start, end=entity.end, text=entity.text, kind="demonym",
            name=entry.name if entry else country, geonameid=entry.geonameid if entry else None, country=country,
            lat=entry.lat if entry else None, lon=entry.lon if entry else None, feature="country",
            timezone=entry.timezone if entry else None, score=0.9, precision=3,
        )  # fmt: skip

    def _from_entity(self, entity: EntityMention, text: str, caseless: bool = False) -> Iterable[_Proposal]:
        span_text = entity.text
        start, end = entity.start, entity.end
        article = _ARTICLE.match(span_text)
        if article:
            start += article.end()
            span_text = span_text[article.end() :]
        if not any(ch.isupper() for ch in span_text):
            if caseless and entity.label in ("GPE", "LOC") and span_text.lower() not in _COMMON:
                # A text written all in lower case: the model's place names are all there is to go on, and only
                # names the gazetteer spells so ("khan" is no Wuhan).
                proposal = _Proposal(start, end, span_text.title(), "entity")
                proposal.candidates = [
                    c for c in self._candidates(proposal.query, fuzzy=False) if c.match == "exact"
                ]
                if proposal.candidates:
                    yield proposal
            return  # a place is a proper name: "a bag of marijuana" is not Marianna, "won't" no town
        if entity.label in ("GPE", "LOC", "FAC", "ORG"):
            facility = self._facility(span_text)
            if facility is not None:
                query, kind = facility
                yield _Proposal(start, end, query, "facility", facility=kind.lower())
                return
        if entity.label in ("GPE", "LOC"):
            next_facility = _FACILITY_NEXT.match(text, end)
            if next_facility:
                kind = next_facility.group(1).lower()
                yield _Proposal(start, next_facility.end(), span_text, "facility", facility=kind)
                return
            if span_text.endswith("'s") or span_text.endswith("’s"):
                end -= 2
                span_text = span_text[:-2]
            if not self._candidates(span_text) and " " in span_text:
                nested = self._nested(span_text, start)
                if nested is not None:
                    yield nested
                    return
            before_words = text[max(0, start - 12) : start].lower().split()
            proposal = _Proposal(start, end, span_text, "entity")
            proposal.locative = bool(before_words) and before_words[-1] in _LOCATIVE
            yield proposal
        elif entity.label == "PERSON":
            before = text[max(0, start - 12) : start].lower().replace(".", " ").split()
            after = text[end : end + 12].lower()
            if (before and before[-1] in _TITLES) or re.match(r"\s*(?:said|says|told|added|,\s*\d)", after):
                return
            locative = bool(before) and before[-1] in _LOCATIVE
            if locative or " " in span_text or "-" in span_text:
                proposal = _Proposal(start, end, span_text, "person")
                # "of" makes a person's name look like a place ("the family of John Ward") unless a place noun or
                # a word of conquest governs it ("control of Maaret al-Numan").
                proposal.locative = locative and (
                    before[-1] != "of" or (len(before) > 1 and before[-2] in _OF_PLACE)
                )
                yield proposal
        elif entity.label in _MISLABELED:
            before = text[max(0, start - 12) : start].lower().split()
            if (
                before
                and before[-1] in ("in", "near", "at", "outside", "into", "from")
                and span_text[:1].isupper()
            ):
                proposal = _Proposal(
                    start, end, span_text, "person"
                )  # typed otherwise: needs strong evidence
                proposal.locative = True
                yield proposal
        elif (
            entity.label == "ORG"
            # "at" names institutions ("at McGill", "at Franklin"); an acronym or a common word is no town.
            and text[max(0, start - 12) : start].lower().split()[-1:] in (["in"], ["near"], ["outside"])
            and not span_text.isupper()
            and span_text.lower() not in _COMMON
            and not span_text.endswith(("'s", "’s"))  # "found dead in Smith’s home"
            and any(
                c.match == "exact" and c.entry.feature == "city"
                for c in self._candidates(span_text, fuzzy=False)
            )
        ):
            # "a shooting in Vallejo": a town the model typed as an organisation; it needs the evidence a
            # mislabeled entity needs.
            proposal = _Proposal(start, end, span_text, "person")
            proposal.locative = True
            yield proposal
        elif (
            entity.label == "DATE"
            # "in Mahaday on Sunday": a town the model read as part of a date; never a month, weekday or feast.
            and text[max(0, start - 12) : start].lower().split()[-1:] in (["in"], ["near"], ["outside"])
            and re.fullmatch(r"[A-Z][a-z'’-]{3,}", span_text) is not None
            and not _CALENDAR_WORD.match(span_text)
            and any(
                c.match in ("exact", "loose") and c.entry.feature == "city"
                for c in self._candidates(span_text, fuzzy=False)
            )
        ):
            proposal = _Proposal(start, end, span_text, "person")  # typed otherwise: needs strong evidence
            proposal.locative = True
            yield proposal
        elif entity.label == "ORG" and (agency := _AGENCY.match(span_text)) is not None:
            # "the Gainesville Police Department", "Garland police": a town's own police names the town.
            town = agency.group(1)
            if town.lower() not in _COMMON and town.lower() not in _NOT_AGENCY_TOWNS:
                found = [
                    c
                    for c in self._candidates(town, fuzzy=False)
                    if c.match == "exact" and c.entry.feature in ("city", "admin2")
                ]
                if found:
                    yield _Proposal(start, start + len(town), town, "entity", candidates=found)
        elif entity.label in ("ORG", "FAC") and self.org_prefixes:
            # A place leading an organisation's name ("Aleppo Media Center"). Off by default: on the LGL/GeoVirus
            # dev sets it cost 3 points of precision for half a point of accuracy.
            tokens = span_text.split()
            for n in range(min(3, len(tokens) - 1), 0, -1):
                prefix = " ".join(tokens[:n])
                if prefix[:1].isupper() and len(prefix) >= 4:
                    yield _Proposal(start, start + len(prefix), prefix, "org")
                    return

    def _nested(self, span_text: str, start: int) -> _Proposal | None:
        """The longest sub-phrase of an unknown entity that the gazetteer knows exactly ("Rapides Parish Fire
        District" -> "Rapides Parish")."""
        tokens = list(re.finditer(r"\S+", span_text))
        for n in range(len(tokens) - 1, 0, -1):
            for i in range(len(tokens) - n + 1):
                s, e = tokens[i].start(), tokens[i + n - 1].end()
                phrase = span_text[s:e]
                if not phrase[:1].isupper() or phrase.lower() in _COMMON:
                    continue
                if i > 0 and tokens[i - 1].group().lower() in _NAME_LEADS:
                    continue  # half of a longer name ("Yorkshire" of "West Yorkshire Police") is no place
                found = [c for c in self._candidates(phrase, fuzzy=False) if c.match == "exact"]
                if found:
                    return _Proposal(start + s, start + e, phrase, "entity", candidates=found)
        return None

    def _facility(self, span_text: str) -> tuple[str, str] | None:
        match = _FACILITY_AFTER.match(span_text)
        if match and match.group(1)[:1].isupper():
            return match.group(1), match.group(2)
        match = _FACILITY_OF.match(span_text)
        if match and match.group(2)[:1].isupper():
            return _ARTICLE.sub("", match.group(2)), match.group(1)
        return None

    def _matcher(self, document: Document, taken: list[tuple[int, int]]) -> Iterable[_Proposal]:
        """Capitalized n-grams that no entity covers, looked up exactly (no fuzzy) in the gazetteer."""
        text = document.text
        covered = bytearray(len(text) + 1)
        for a, b in taken:
            covered[a:b] = b"\x01" * (b - a)
        sentence_starts = {s for s, _ in document.sentences} | {0}
        # The whitespace-separated tokens: their words (str.split splits where \S+ stops) and where they start.
        starts = [m.start() for m in _WORD_RE.finditer(text)]
        words = text.split()
        if len(words) != len(starts):  # never seen; the words of the matches themselves are the definition
            words = _WORD_RE.findall(text)
        lowered: frozenset[str] | None = None
        after_match = 0  # tokens before this one are part of a match already found
        for i, word in enumerate(words):
            if i < after_match or not word.lstrip(_OPENERS)[:1].isupper() or covered[starts[i]]:
                continue
            best = None
            for n in (4, 3, 2, 1):
                if i + n > len(starts):
                    continue
                s = starts[i]
                e = starts[i + n - 1] + len(words[i + n - 1])
                phrase = text[s:e]
                stripped = phrase.rstrip(".,;:!?)\"'’”")
                e -= len(phrase) - len(stripped)
                lead = len(stripped) - len(stripped.lstrip(_OPENERS))
                s += lead
                stripped = stripped[lead:]
                parts = stripped.split()
                if not parts or not all(_CAP_TOKEN.fullmatch(w) for w in parts):
                    continue
                if not parts[0][:1].isupper() or not parts[-1][:1].isupper():
                    continue
                if 1 in covered[s:e]:
                    continue
                lower = stripped.lower()
                if n == 1:
                    if lowered is None:
                        lowered = _lower_words(text)
                    if lower in _COMMON or lower in lowered or (len(stripped) < 4 and not stripped.isupper()):
                        continue
                if len(stripped.replace(".", "")) < 3:
                    continue
                if n == 1 and s in sentence_starts:
                    continue
                if stripped.endswith(".") and len(stripped) <= 4:
                    continue
                candidates = [
                    c for c in self.gazetteer.candidates(stripped, fuzzy=False) if c.match == "exact"
                ]
                if candidates:
                    best = _Proposal(s, e, stripped, "matcher", candidates=candidates)
                    after_match = i + n
                    break
            if best is not None:
                yield best

    def _accept_matched(self, proposal: _Proposal, context: dict[str, float]) -> bool:
        for c in proposal.candidates:
            entry = c.entry
            if entry.feature in ("country", "continent"):
                return True
            if entry.feature == "admin1" and (
                context.get(entry.country or "", 0) > 0 or entry.population > 1e6
            ):
                return True
            if entry.feature == "city" and entry.population >= self.matcher_min_population:
                return True
            if (
                entry.feature in ("city", "admin2")
                and context.get(entry.country or "", 0) >= 0.3
                and entry.population >= self.context_min_population
                and " " in proposal.query
            ):
                return True
        return False

    def _drop_non_names(
        self, proposals: list[_Proposal], text: str, others: Iterable[_Proposal] = ()
    ) -> list[_Proposal]:
        """Words that only look like places. A word the text also writes in lower case ("Killing" in a headline)
        that no place is spelled as exactly is no place; nor is a short upper-case code ("KENS", a station; "LES")
        that names towns only by one of their other names, when nothing else in the text points to their
        country. A state's or a country's code ("MO", "UK") is kept."""
        lowered: frozenset[str] | None = None
        out: list[_Proposal] = []
        for proposal in proposals:
            query = proposal.query
            if re.fullmatch(r"[A-Za-z]+['’](?:ll|re|ve|m|d)", query):
                continue  # a contraction ("I'll") is no abbreviated state
            if (
                proposal.kind == "toponym"
                and proposal.candidates
                and " " not in query
                and not any(c.match == "exact" for c in proposal.candidates)
            ):
                if lowered is None:
                    lowered = _lower_words(text)
                if query.lower() in lowered:
                    self._unresolve(proposal, out)
                    continue
            if (
                proposal.kind == "toponym"
                and proposal.candidates
                and query.isupper()
                and len(re.sub(r"[^A-Z]", "", query)) <= 4
                and all(
                    c.entry.feature in ("city", "admin2") and strict_key(c.entry.name) != strict_key(query)
                    for c in proposal.candidates
                )
            ):
                key = strict_key(query)
                rest = self._country_context(
                    [p for p in [*proposals, *others] if strict_key(p.query) != key], [], []
                )
                if not any(rest.get(c.entry.country or "", 0.0) >= 0.2 for c in proposal.candidates):
                    self._unresolve(proposal, out)
                    continue
            out.append(proposal)
        return out

    @staticmethod
    def _unresolve(proposal: _Proposal, out: list[_Proposal]) -> None:
        """An entity the model typed a place stays, unresolved (its span is a name all the same); others go."""
        if proposal.source == "entity":
            proposal.candidates = []
            proposal.stray = True
            out.append(proposal)

    # -- context -------------------------------------------------------------------------------------------

    def _country_context(
        self, proposals: list[_Proposal], demonyms: list[PlaceMention], extra: list[_Proposal]
    ) -> dict[str, float]:
        """Share of the document's place evidence for each country (explicit countries count double)."""
        votes: dict[str, float] = defaultdict(float)
        regions: dict[str, float] = defaultdict(float)  # "US/Louisiana": local news names its state's towns
        for mention in demonyms:
            if mention.country:
                votes[mention.country] += 0.5
        for proposal in [*proposals, *extra]:
            exact = [c for c in proposal.candidates if c.match != "fuzzy" and c.entry.country]
            if any(c.match == "exact" for c in exact):
                # A name spelled as one place does not also vote for its loose variants ("Killeen" for Jilin).
                exact = [c for c in exact if c.match == "exact"]
            if not exact:
                continue
            # An explicit country counts double, unless the name is also a region elsewhere ("Georgia").
            if any(c.entry.feature == "country" and c.match == "exact" for c in exact) and not any(
                c.entry.feature == "admin1" and c.match == "exact" for c in exact
            ):
                country = next(c.entry.country for c in exact if c.entry.feature == "country")
                votes[country or ""] += 2.0
                continue
            weights: dict[str, float] = defaultdict(float)
            region_weights: dict[str, float] = defaultdict(float)
            for c in exact:
                weight = math.log10(prominence(c.entry) + 10)
                # A country's vote is its best namesake, not the sum of them: three small Brazilian
                # "Sacramento"s must not outvote California's capital.
                country_key = c.entry.country or ""
                weights[country_key] = max(weights[country_key], weight)
                if c.entry.admin1:
                    key = f"{c.entry.country}/{c.entry.admin1}"
                    region_weights[key] = max(
                        region_weights[key], weight * (3.0 if c.entry.feature == "admin1" else 1.0)
                    )
            total = sum(weights.values())
            share = 1.0 if proposal.source in ("entity", "region", "facility") else 0.5
            for country, weight in weights.items():
                votes[country] += share * weight / total
            for region, weight in region_weights.items():
                regions[region] += share * weight / total
        total = sum(votes.values())
        context = {k: v / total for k, v in votes.items()} if total else {}
        if total:  # against the same total as countries: a region is at most as certain as its country
            context.update({k: 0.5 * v / total for k, v in regions.items()})
        return context

    @staticmethod
    def _named_state(proposals: list[_Proposal], context: dict[str, float]) -> str | None:
        """The one state (admin1) the text names by its own name ("west Georgia", "in Alabama") when the document's
        evidence leans to it clearly ("country/admin1"), else None."""
        named = set()
        for proposal in proposals:
            if proposal.source not in ("entity", "region"):
                continue
            for c in proposal.candidates:
                if c.match == "exact" and c.entry.feature == "admin1" and c.entry.admin1:
                    named.add(f"{c.entry.country}/{c.entry.admin1}")
        if len(named) != 1:
            return None
        state = next(iter(named))
        share = context.get(state, 0.0)
        rivals = [v for k, v in context.items() if "/" in k and k != state]
        return state if share >= _NAMED_MARGIN * max(rivals, default=0.0) else None

    def _add_named_state_namesakes(self, proposal: _Proposal, named: str) -> None:
        """A small town of the named state can rank below the twelve biggest namesakes ("Greenville"): it is
        looked up beyond them."""
        if proposal.source != "entity" or proposal.kind != "toponym" or len(proposal.candidates) < 12:
            return  # (a name the model typed otherwise is not given namesakes it would not have had)
        if any(f"{c.entry.country}/{c.entry.admin1}" == named for c in proposal.candidates):
            return
        have = {c.entry.id for c in proposal.candidates}
        proposal.candidates = (
            proposal.candidates
            + [
                c
                for c in self.gazetteer.candidates(proposal.query, limit=_NAMED_LOOKUP, fuzzy=False)
                if c.match == "exact"
                and f"{c.entry.country}/{c.entry.admin1}" == named
                and c.entry.id not in have
            ][:3]
        )

    def _drop_strays(self, proposals: list[_Proposal], demonyms: list[PlaceMention]) -> None:
        """A namesake abroad that nothing else in the text points to is no place of a story set in one country:
        "Whitehaven" in a Memphis story is not the English town, "Hamilton" in an Ohio story not Ontario's, "Police"
        not the Polish town. Each name's candidates in a country that the rest of the document (without this name)
        does not mention are dropped when that rest leans clearly to one other country; a name left with none is
        not resolved. The smallest names are judged first: a town judged a stray no longer votes against the bigger
        names after it."""
        demonym_countries = {m.country for m in demonyms}
        for key in _smallest_names_first(proposals):
            # (a demonym supports its country's towns but sets no home: "Turkish-backed factions" took a Syrian town)
            others = [p for p in proposals if strict_key(p.query) != key]
            rest = self._country_context(others, [], [])
            countries = {k: v for k, v in rest.items() if "/" not in k}
            if not countries:
                continue
            home = max(countries, key=countries.__getitem__)
            if countries[home] < _STRAY_HOME or not any(
                c.match == "exact"
                and c.entry.country == home
                and c.entry.feature in ("city", "admin2", "country")
                for p in others
                for c in p.candidates
            ):
                continue  # (a region alone, "two East high school students", sets no home)
            for proposal in proposals:
                if strict_key(proposal.query) == key and proposal.kind == "toponym":
                    at_home = any(c.entry.country == home for c in proposal.candidates)
                    named = any(c.match != "fuzzy" for c in proposal.candidates)
                    proposal.candidates = [
                        c
                        for c in proposal.candidates
                        if not self._stray(c, home, at_home)
                        or rest.get(c.entry.country or "", 0.0) >= 0.05
                        or c.entry.country in demonym_countries
                    ]
                    proposal.stray = named and not proposal.candidates

    @staticmethod
    def _name_votes(proposals: list[_Proposal]) -> dict[str, float]:
        """Each name's vote, shared among its exact namesakes by prominence, for their countries ("US") and
        regions ("US/Ohio"), as a share of the names. A namesake by another of its names counts a tenth
        ("Philadelphia" is an old name of Amman): the story's own places are named by their own names."""
        votes: dict[str, float] = defaultdict(float)
        names = 0.0
        seen: set[str] = set()
        for proposal in proposals:
            key = strict_key(proposal.query)
            exact = [c for c in proposal.candidates if c.match == "exact" and c.entry.country]
            if key in seen or not exact:
                continue
            seen.add(key)
            own = [strict_key(c.entry.name) == key for c in exact]
            # A name that no place bears as its own ("South Side" is another name of a Staten Island
            # neighbourhood) votes a quarter.
            share = 1.0 if any(own) else 0.25
            names += share
            weights = [
                (prominence(c.entry) + 1.0) * (1.0 if o else 0.1) for c, o in zip(exact, own, strict=True)
            ]
            total = sum(weights)
            for c, weight in zip(exact, weights, strict=True):
                votes[c.entry.country or ""] += share * weight / total
                if c.entry.admin1 and c.entry.feature != "country":
                    votes[f"{c.entry.country}/{c.entry.admin1}"] += share * weight / total
        return {k: v / names for k, v in votes.items()} if names else {}

    def _drop_region_strays(self, proposals: list[_Proposal]) -> None:
        """The same at the level of regions: a story whose other places lean to one state names a town of another
        state with that state ("Smyrna, Georgia") or means its own state's namesake. "Germantown" in a Philadelphia
        story is not the bigger Maryland town; "Roxbury" in a Boston story is not the Wisconsin village. When the
        rest of the document (without the name) leans clearly to one region, set by two of its names or by one big
        city, the name's towns elsewhere that the rest does not mention are dropped (its namesakes in that region
        are looked up beyond the usual few). A big city, a town bigger than the region's own evidence or one near
        it stays; a name left with none stays unresolved."""
        for key in _smallest_names_first(proposals):
            others = [p for p in proposals if strict_key(p.query) != key and p.candidates]
            rest = self._name_votes(others)
            regions = {k: v for k, v in rest.items() if "/" in k}
            if not regions:
                continue
            region = max(regions, key=regions.__getitem__)
            home = region.split("/", 1)[0]
            # The region's own evidence: its places named exactly (a town of it, a county, itself).
            evidence = [
                (strict_key(p.query), c.entry)
                for p in others
                for c in p.candidates
                if c.match == "exact"
                and f"{c.entry.country}/{c.entry.admin1}" == region
                and c.entry.feature in ("city", "admin2", "admin1")
            ]
            anchor = max((prominence(e) for _, e in evidence), default=0.0)
            towns = [e for _, e in evidence if e.feature != "admin1"]
            # Any town or county the rest names (by any namesake): a place near one of them is no stray.
            neighbours = [
                c.entry
                for p in others
                for c in p.candidates
                if c.match == "exact" and c.entry.feature in ("city", "admin2")
            ]
            big = max((prominence(e) for e in towns), default=0.0) >= _REGION_BIG
            runner_up = max((v for k, v in regions.items() if k != region), default=0.0)
            if (
                rest.get(home, 0.0) < _STRAY_HOME
                or regions[region] < _REGION_HOME
                or regions[region] < _REGION_MARGIN * runner_up
                or not anchor
                or (len({k for k, _ in evidence}) < 2 and not big)
            ):
                continue  # ("Alaska" alone sets no home region against "Laconia")
            for proposal in proposals:
                if strict_key(proposal.query) != key or proposal.kind != "toponym":
                    continue
                self._add_named_state_namesakes(proposal, region)
                at_home = any(c.entry.country == home for c in proposal.candidates)
                in_region = any(f"{c.entry.country}/{c.entry.admin1}" == region for c in proposal.candidates)
                # A facility's name honours a town no more than a saint ("St. Francis Hospital", "Mount Sinai
                # Hospital"): far from the story, even a big town is not it.
                facility = proposal.source == "facility"
                kept = [
                    c
                    for c in proposal.candidates
                    if f"{c.entry.country}/{c.entry.admin1}" == region
                    or (c.entry.country != home and not self._stray(c, home, at_home))
                    or (c.entry.country != home and rest.get(c.entry.country or "", 0.0) >= 0.05)
                    or c.entry.feature not in ("city", "admin2", "admin1")
                    or (c.entry.feature == "admin1" and c.match == "exact")
                    # (a county named in full is meant, unless the home region has one of that name)
                    or (c.entry.feature == "admin2" and c.match == "exact" and not in_region)
                    or rest.get(f"{c.entry.country}/{c.entry.admin1}", 0.0) >= _REGION_SUPPORT
                    or (not facility and c.match == "exact" and c.entry.population >= _REGION_MAX_POPULATION)
                    # (a small place does not outweigh a bigger one: "Knoxville" is not dropped for a "Lonsdale")
                    or (not facility and c.match == "exact" and prominence(c.entry) >= anchor)
                    or _near(c.entry, towns, _REGION_NEAR_KM)
                    or _near(c.entry, neighbours, _NEIGHBOUR_KM)
                ]
                if len(kept) == len(proposal.candidates):
                    continue
                proposal.candidates = kept
                proposal.stray = not kept  # (a near miss too: the name stays, unresolved)

    @staticmethod
    def _stray(candidate: Candidate, home: str, at_home: bool) -> bool:
        """A place abroad that may be a namesake: a country, a world city or a big town named for itself are not;
        a loose spelling match is; with a namesake at home, any town but a world city is."""
        entry = candidate.entry
        if entry.country == home or entry.feature in ("country", "continent"):
            return False
        if candidate.match != "exact" or entry.feature != "city":
            return True
        return entry.population < (_STRAY_MAX_POPULATION if at_home else _STRAY_MAX_ALONE)

    def _containers(self, index: int, proposals: list[_Proposal], text: str) -> set[tuple[str, str | None]]:
        """(country, admin1) pairs of a region right after this place ("X in Idlib province", "X, Syria")."""
        if index + 1 >= len(proposals):
            return set()
        here, nxt = proposals[index], proposals[index + 1]
        between = text[here.end : nxt.start]
        if not re.fullmatch(r"\s*(?:,|in|in the|near|of|,\s*in)?\s*(?:the\s+)?", between):
            return set()
        out: set[tuple[str, str | None]] = set()
        regions = [c for c in nxt.candidates if c.entry.feature in ("country", "admin1")]
        own = [c for c in regions if strict_key(c.entry.name) == strict_key(nxt.query)]
        for c in own or nxt.candidates:
            if c.entry.feature == "country" and c.entry.country:
                out.add((c.entry.country, None))
            elif c.entry.feature == "admin1" and c.entry.country:
                out.add((c.entry.country, c.entry.admin1))
        return out

    # -- resolution ----------------------------------------------------------------------------------------

    def _score(
        self,
        proposal: _Proposal,
        candidate: Candidate,
        context: dict[str, float],
        containers: set,
        named: str | None = None,
    ) -> float:
        entry = candidate.entry
        name = {"exact": 1.0, "loose": 0.85}.get(candidate.match, candidate.similarity * 0.7)
        if entry.feature in ("admin1", "country") and strict_key(entry.name) == strict_key(proposal.query):
            # A region's own name beats another region's alternate spelling ("West Virginia" is not Virginia).
            name += 0.25
        pop = min(1.0, math.log10(prominence(entry) + 1) / 9.5)
        ctx = context.get(entry.country or "", 0.0)
        if entry.admin1:
            ctx += context.get(f"{entry.country}/{entry.admin1}", 0.0)
        inside = 0.0
        if containers:
            inside = -0.5
            for country, admin1 in containers:
                if entry.country == country and (admin1 is None or entry.admin1 == admin1):
                    inside = 1.0 if admin1 else 0.6
        feature = 0.0
        if proposal.kind == "region":
            feature = 1.0 if entry.feature in ("admin1", "country") else -0.3
            if proposal.region_word == "countryside" and entry.feature == "admin1":
                feature = 1.2
        if named and f"{entry.country}/{entry.admin1}" == named and entry.feature in ("city", "admin2"):
            # A town of the state the story names beats a bigger namesake elsewhere ("Greenville" in a west
            # Georgia story is not the North Carolina city).
            ctx += _NAMED_BONUS
        return 2.0 * name + 1.0 * pop + 1.5 * ctx + 1.5 * inside + feature

    def _resolve(
        self,
        proposal: _Proposal,
        index: int,
        proposals: list[_Proposal],
        context: dict[str, float],
        text: str,
        named: str | None = None,
    ) -> PlaceMention | None:
        span_text = text[proposal.start : proposal.end]
        containers = self._containers(index, proposals, text)
        scored = sorted(
            ((self._score(proposal, c, context, containers), c) for c in proposal.candidates),
            key=lambda pair: -pair[0],
        )
        if (
            named
            and scored
            and f"{scored[0][1].entry.country}/{scored[0][1].entry.admin1}" != named
            and not any(
                c.entry.feature in ("admin1", "country") and c.match == "exact" for c in proposal.candidates
            )
        ):
            # The story names one state and this name is not that state: its town of that state, if any, is
            # weighed with the state's support.
            scored = sorted(
                ((self._score(proposal, c, context, containers, named), c) for c in proposal.candidates),
                key=lambda pair: -pair[0],
            )
        if scored and scored[0][1].match == "fuzzy":
            # A near miss is trusted only inside the document's countries ("Darfur" is not a town in India).
            scored = [(sc, c) for sc, c in scored if context.get(c.entry.country or "", 0.0) >= 0.2]
        if containers and scored and re.match(r",?\s+in\s", text[proposal.end : proposal.end + 6]):
            # "Kuriga, in Nigeria's Kaduna state": the text says which country holds it; a namesake elsewhere
            # (Khouribga, Morocco) is not it, and an unknown village stays unresolved rather than misplaced.
            scored = [
                (sc, c)
                for sc, c in scored
                if any(
                    c.entry.country == country and (admin1 is None or c.entry.admin1 == admin1)
                    for country, admin1 in containers
                )
            ]
        if scored and scored[0][1].match != "exact" and context and max(context.values()) >= 0.5:
            # A loose spelling match abroad loses to the story's own country ("Kuriga" in a Nigeria story is not
            # Khouribga in Morocco).
            scored = [
                (sc, c)
                for sc, c in scored
                if c.match == "exact" or context.get(c.entry.country or "", 0.0) >= 0.2
            ]
        if proposal.source in ("person", "org"):
            # An entity the model typed otherwise is a place only with strong evidence for it; a transliteration
            # ("Maaret al-Numan") is accepted after "in/of" inside the story's dominant country.
            scored = [
                (s, c)
                for s, c in scored
                if (
                    c.match != "fuzzy"
                    or (
                        proposal.locative
                        and c.similarity >= 0.8
                        and context.get(c.entry.country or "", 0) >= 0.5
                    )
                )
                and (
                    context.get(c.entry.country or "", 0) >= 0.3
                    or c.entry.feature == "country"
                    or (proposal.locative and c.entry.population >= 100_000)
                )
                and (c.entry.population >= 1000 or " " in proposal.query or "-" in proposal.query)
            ]
            if not scored:
                return None
        base = {"start": proposal.start, "end": proposal.end, "text": span_text, "kind": proposal.kind}
        if proposal.stray and proposal.source == "entity":
            return _mention(**base, name=proposal.query, score=0.0, precision=None)
        if proposal.source == "facility" and not scored:
            return None
        if not scored or (
            scored[0][1].match == "fuzzy" and scored[0][1].similarity < 0.9 and not proposal.locative
        ):
            # Unknown to the gazetteer: kept unresolved when it reads like a place, dropped when it is likely a
            # mislabeled name (spaCy tags acronyms and surnames as GPE).
            nearby = text[proposal.start : proposal.end + 16]
            proper = [w for w in span_text.split() if w[:1].isupper() and w.lower() not in _COMMON]
            if proposal.source == "entity" and proper and (proposal.locative or _PLACE_WORDS.search(nearby)):
                return _mention(**base, name=proposal.query, score=0.0, precision=None)
            return None
        top = scored[0][1].entry
        # US states are named alone all the time ("in New York"); elsewhere a province that shares its capital's
        # name ("Kherson", "Kaduna") usually means the city.
        if (
            proposal.kind != "region"
            and top.feature == "admin1"
            and top.country != "US"
            and not _REGION_WORD_AFTER.match(text, proposal.end)
        ):
            # "killed two people in Kherson": the city, not the province of the same name, unless the text says
            # "Kherson region".
            namesake = next(
                (i for i, (_, c) in enumerate(scored) if c.entry.feature == "city" and c.entry.country == top.country
                 and c.entry.admin1 == top.admin1 and c.match == scored[0][1].match),
                None,
            )  # fmt: skip
            if namesake is not None:
                scored.insert(0, scored.pop(namesake))
        scored = scored[:12]  # (namesakes looked up for a named state do not dilute the confidence)
        exps = [math.exp(2.0 * (s - scored[0][0])) for s, _ in scored]
        total = sum(exps)
        quality = {"exact": 1.0, "loose": 0.9}.get(scored[0][1].match, scored[0][1].similarity * 0.8)
        best_score = round(quality * (0.4 + 0.6 * exps[0] / total), 3)
        best = scored[0][1].entry
        alternatives = [
            self._alternative(c.entry, e / total) for (_, c), e in zip(scored[1:], exps[1:], strict=False)
        ]
        alternatives = alternatives[: self.max_alternatives]
        if best_score < self.floor and proposal.kind != "region":
            return _mention(
                **base, name=proposal.query, score=best_score, alternatives=alternatives, precision=None
            )
        lat, lon = best.lat, best.lon
        precision = 1 if best.feature == "city" else 2 if best.feature == "admin2" else 3
        extra: dict[str, Any] = {}
        if proposal.kind == "region" and proposal.direction:
            lat, lon = self._sub_box(best, proposal.direction)
            extra["direction"] = proposal.direction
        if proposal.kind == "region":
            precision = 3 if best.feature != "city" else 2
            extra["region_word"] = proposal.region_word
        if proposal.facility:
            precision = 2
            extra["facility"] = proposal.facility
        return _mention(
            **base, name=best.name, geonameid=best.geonameid, country=best.country, admin1=best.admin1,
            admin2=best.admin2, lat=lat, lon=lon, feature=best.feature, timezone=best.timezone, score=best_score,
            alternatives=alternatives, precision=precision, **extra,
        )  # fmt: skip

    @staticmethod
    def _alternative(entry: GazetteerEntry, score: float) -> dict[str, Any]:
        return {
            "name": entry.name, "country": entry.country, "admin1": entry.admin1, "geonameid": entry.geonameid,
            "lat": entry.lat, "lon": entry.lon, "feature": entry.feature, "score": round(score, 3),
        }  # fmt: skip

    @staticmethod
    def _sub_box(entry: GazetteerEntry, direction: str) -> tuple[float | None, float | None]:
        fractions = _DIRECTIONS.get(direction)
        if entry.bbox is None or fractions is None:
            return entry.lat, entry.lon
        min_lat, min_lon, max_lat, max_lon = entry.bbox
        return (
            round(min_lat + fractions[0] * (max_lat - min_lat), 5),
            round(min_lon + fractions[1] * (max_lon - min_lon), 5),
        )

    def _bare_directions(
        self, text: str, context: dict[str, float], taken: list[tuple[int, int]]
    ) -> Iterable[PlaceMention]:
        """ "in the northwest" refers to the document's main country, when there is one."""
        if not context:
            return
        countries = {k: v for k, v in context.items() if "/" not in k}
        if not countries:
            return
        country, share = max(countries.items(), key=lambda item: item[1])
        if share < 0.5:
            return
        entry = self.gazetteer.country(country)
        if entry is None:
            return
        for match in _BARE_DIRECTION.finditer(text):
            start = match.start(1) - len("the ")
            end = match.end()
            if any(_overlaps((start, end), t) for t in taken):
                continue
            # "the north and northwest": the more specific (two-part) direction places the region.
            words = [w for w in (match.group(1), match.group(2)) if w]
            word = max(words, key=lambda w: len(re.sub(r"ern$", "", w)))
            direction = re.sub(r"ern$", "", word.lower().replace("-", "").replace(" ", ""))
            lat, lon = self._sub_box(entry, direction)
            yield _mention(
                start=start, end=end, text=text[start:end], kind="region", name=entry.name,
                geonameid=entry.geonameid, country=entry.country, lat=lat, lon=lon, feature="country",
                timezone=entry.timezone, score=round(0.6 * share, 3), precision=3, direction=direction,
            )  # fmt: skip
