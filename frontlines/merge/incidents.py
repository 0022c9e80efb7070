"""Cross-document merging: event mentions (one per document and incident) become events (one per incident).

The steps, none of them quadratic in the corpus:

1. Blocking. Every mention (or existing event) is filed under keys made of a day and a place cell: a 0.25 degree
   grid cell of its coordinates, or its country and admin1 when it has no coordinates. A node is compared only with
   the nodes filed under its own days (widened by one day) and the neighbouring cells, and with the nodes whose
   evidence names the same person (a bucket per name, bounded in size).
2. Pair decision. Two nodes are the same incident when their types are compatible, their dates are within one day
   of each other (or their vague intervals overlap), their places are close for their precision, and a score
   (date, distance, sub-event type, counts, actors, people and streets named, wording) reaches
   ``MERGE_THRESHOLD``; clear conflicts between counts or named actors, or two different streets, lower the score.
   Two reports naming the same person (a victim, a suspect) may be up to ``PERSON_DAY_GAP`` days and ``PERSON_KM``
   apart: a follow-up dates the incident by its own news (the arrest, the death in hospital). Two reports of one
   state giving the same toll of several victims may be up to ``SAME_TOLL_KM`` apart on one day. Two reports of
   one day naming the same person, or the same town (or street, with the same toll of several victims), are one
   incident wherever they were placed unless their tolls conflict (a far link: a town name read as its namesake
   elsewhere, Hamilton, Ohio for Hamilton, Ontario).
3. Clustering. Candidate pairs are taken best first (ties by ids), the documents' lead mentions (their main events)
   before the rest when they score ``LEAD_SCORE``, and two clusters are joined only if every pair across them
   passes the hard constraints above (the wider person bounds when the joining pair names the same person, the far
   link's bounds when it is a far link). Two mentions of one document are paired directly only when they clearly
   describe the same event (same type, place and day); they may still end in one incident when other reports link
   them and they are at the same place a day apart, or an armed clash and an attack on one day. Because the order is
   a function of the content alone, shuffled input gives the same incidents.
4. Reconciliation. Counts follow ACLED and UCDP: ``best`` is the most conservative of the sources' latest figures,
   ``low``/``high`` the range; claims, sources and evidence are kept from every mention.

Incremental use: pass the stored events as ``existing``; a new mention joins one of them, starts its own incident,
or joins two that it links (a follow-up naming the victim of one and the street of the other: the grown event
replaces both), and mentions already inside an existing event are skipped, so re-running a corpus adds nothing.
A store reads the events near a new mention by date and place (``stored_window``) and, for far links, the events
filed under one of its ``link_keys`` (its town, named persons and streets, each with a day), so that merging against
those alone gives the incidents of merging against the whole store.

>>> from frontlines.model import EventMention, EventDate, EventLocation, Count
>>> def shooting(doc, lat, killed):
...     return EventMention(id=f"em-{doc}", document_ids=[doc], event_type="Violence against civilians",
...         sub_event_type="Attack", disorder_type="Criminal violence", date=EventDate(start="2024-03-02",
...         end="2024-03-02", precision=1), location=EventLocation(name="Dayton", lat=lat, lon=-84.19, precision=1),
...         fatalities=Count(best=killed, low=killed))
>>> [event] = merge_mentions([shooting("a", 39.76, 2), shooting("b", 39.78, 3)])
>>> event.document_ids, event.fatalities.best, event.fatalities.low, event.fatalities.high
(['a', 'b'], 2, 2, 3)
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from rapidfuzz import fuzz

from frontlines.model import (
    Claim,
    Count,
    DocSpan,
    Event,
    EventActor,
    EventDate,
    EventLocation,
    EventMention,
    EventRecord,
    EventSource,
    interaction_code,
)

# ---------------------------------------------------------------------------------------------------------------------
# Thresholds (tuned for local news: several outlets report one shooting with the same date, +- 1 day, same city)

MAX_DAY_GAP = 1  # days between two dated reports of one incident (publication-relative dates drift by a day)
# A wider gap is allowed for reports of one place whose casualty figures agree exactly (a later article that dates
# the incident by its own publication day); both conditions keep big cities' daily shootings apart.
AGREEING_DAY_GAP = 3
AGREEING_KM = 10.0
MAX_CROSS_DOCUMENT_SPAN = 31  # days: a date vaguer than a month never joins another document's incident
MAX_KM_BY_PRECISION = {
    1: 25.0,
    2: 50.0,
    3: 150.0,
}  # ACLED geo_precision -> farthest distance for one incident
# Two reports of a shooting of several victims in one admin1 (state), a day apart at most, with the same toll (give
# or take one injured, counted later) are one incident up to this far, whatever their precision: one outlet names
# the suburb or the victims' town, another the city or the county seat. Such tolls are rare on one day in one state.
SAME_TOLL_VICTIMS = 3  # killed plus injured, in each report
SAME_TOLL_KM = max(MAX_KM_BY_PRECISION.values())  # no further than any precision (stored_window's box)
SAME_PLACE_KM = 2.0  # two mentions of one document are "the same place" within this distance
GRID_DEGREES = 0.25  # blocking cell (about 28 km north-south); neighbours are searched too
MERGE_THRESHOLD = 1.4
# Two reports naming the same person (a victim or a suspect) may date and place one incident further apart: a
# follow-up (an arrest, a death in hospital, a charge) dates it by its own news, an outlet places it in the nearest
# city. A shared name widens the date gap and the distance; it never crosses a country or a type family.
PERSON_DAY_GAP = 30
PERSON_KM = max(MAX_KM_BY_PRECISION.values())  # no further than any precision reaches (stored_window's box)
PERSON_BONUS = 0.5
PERSON_BUCKET = 40  # a name shared by more reports than this is not distinctive (it pairs none of them)
# A far link: two reports naming the same town on the same day (or the same street, with the same toll of several
# victims), or the same person on overlapping dates, with no conflict between their killed or injured, are one
# incident however far apart and in whatever country they were placed: the place of a single report is more often
# wrong (a namesake town elsewhere) than both the day and a name.
FAR_LINK_DAY_GAP = 0  # days between the two reports' dates
# Streets: both reports naming the street is evidence either way (a different street is mostly another shooting).
STREET_SHARED = 0.3
STREET_DISJOINT = -0.6
# Each document's lead mention (its main event) is linked first: two reports' main events on the same day and place
# are the best evidence of one incident; a report's side events (a second shooting in a round-up, the arrest) join
# afterwards, and no longer decide by the order of the scores which incident a report's main event may join.
LEAD_SCORE = 2.0
COUNT_FIELDS = ("fatalities", "injured", "abducted", "arrested", "missing", "displaced")

# Compatible types: one incident is often typed differently by two outlets (a shooting is an "Attack" in one
# report and an "Armed clash" in another), so violent types form one family. Strategic developments are
# compared by sub-event type, since an arrest and a looting are different events.
_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_DEMONSTRATIONS = ("Protests", "Riots")


def type_family(record: EventRecord) -> str:
    """The family within which two reports may be the same incident.

    >>> type_family(EventMention(event_type="Battles", sub_event_type="Armed clash", disorder_type="x"))
    'violence'
    """
    if record.event_type in _VIOLENCE:
        return "violence"
    if record.event_type in _DEMONSTRATIONS:
        return "demonstrations"
    return f"{record.event_type}/{record.sub_event_type}"


# ---------------------------------------------------------------------------------------------------------------------
# Ids


def mention_id(mention: EventRecord) -> str:
    """The mention's id, or a content hash of it when the extraction left it empty ("em-" + 16 hex digits)."""
    if mention.id:
        return mention.id
    data = mention.to_dict()
    data.pop("id", None)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"em-{digest[:16]}"


def event_id(mention_ids: Iterable[str]) -> str:
    """A stable event id: a hash of its sorted mention ids.

    >>> event_id(["b", "a"]) == event_id(["a", "b"])
    True
    """
    joined = "\n".join(sorted(set(mention_ids)))
    return f"ev-{hashlib.sha256(joined.encode('utf-8')).hexdigest()[:16]}"


# ---------------------------------------------------------------------------------------------------------------------
# Dates and places

_ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _parse_bound(value: str | None, upper: bool) -> date | None:
    if not value:
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            return date(year, 12, 31) if upper else date(year, 1, 1)
        if day is None:
            first = date(year, int(month), 1)
            if not upper:
                return first
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return date(year, int(month), int(day))
    except ValueError:
        return None


def date_interval(event_date: EventDate | None) -> tuple[date, date] | None:
    """The calendar interval an event date denotes (partial dates widen: "2024-11" is the whole month).

    >>> date_interval(EventDate(start="2024-11", precision=3))
    (datetime.date(2024, 11, 1), datetime.date(2024, 11, 30))
    """
    if event_date is None:
        return None
    start = _parse_bound(event_date.start, upper=False) or _parse_bound(event_date.end, upper=False)
    end = _parse_bound(event_date.end, upper=True) or _parse_bound(event_date.start, upper=True)
    if start is None or end is None:
        return None
    return (start, end) if start <= end else (end, start)


def day_gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(0, 0, 0, 1))
    111
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


# ---------------------------------------------------------------------------------------------------------------------
# People named in the evidence


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A name is two or three capitalized words ("Jane Roe", "Jane A. Roe", "Tyrone McNeil-Smith") in running text.
_NAME_WORD = r"(?:[A-Z][a-z]{0,2}['’]?)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_NAME_WORD})+")
# Officials are named in many reports of their area (a sheriff, a police spokesman): a title before the name, or
# an apposition after it ("Jane Roe, a police spokeswoman,"), keeps it out.
_TITLES = _words(
    """superintendent sheriff chief officer sgt sergeant lt lieutenant capt captain det detective deputy commissioner
    mayor judge attorney prosecutor coroner trooper agent spokesman spokeswoman spokesperson gov governor sen senator
    rep representative president director dr rev reverend pastor councilman councilwoman alderman investigator cpl
    corporal marshal constable examiner inspector commander supt secretary minister justice magistrate principal
    coach professor"""
)
# Capitalized words that are not given names or surnames: function words at a sentence start, calendar words,
# place and facility nouns ("Hays Avenue", "Mercy Hospital"), organisations, vehicle makes, page furniture.
_NOT_NAMES = _words(
    """the a an and or of in on at to for by with from as but if when after before while during since until this
    that these those his her their its our my your he she they we it who what where why how there here then than
    police said says say told according crime stoppers jury court monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec street avenue road boulevard drive lane place square parkway highway expressway
    freeway way terrace circle trail route county city township village town valley heights hills park gardens
    garden apartments apartment homes center centre hospital medical church school academy college university
    department office news press associated station bar grill club restaurant store market mall plaza hotel motel
    inn casino lounge nightclub memorial state patrol north south east west northeast northwest southeast southwest
    northern southern eastern western central downtown new fire rescue mount lake river creek beach island bay
    harbor port fort saint san santa los las el la st ave rd blvd dept co inc llc corp jr sr ii iii iv
    man woman men women teen boy girl child children people family mother father son daughter brother sister wife
    husband victim victims suspect suspects witness witnesses authorities investigators update updated breaking
    video photo image caption close related read more share tweet facebook twitter instagram youtube
    honda toyota ford chevrolet chevy dodge nissan jeep buick cadillac chrysler hyundai kia lexus bmw mercedes
    volkswagen pontiac mazda subaru gmc acura infiniti mitsubishi"""
)
# After the name: an apposition with a title, or a place's continuation ("Little Rock police", "Dayton, Ohio").
_OFFICIAL_AFTER = re.compile(
    r"\s*,\s*(?:(?:a|an|the)\s+)?(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(sorted(_TITLES)) + r")\b", re.IGNORECASE
)
_PLACE_AFTER = re.compile(
    r"\s*(?:police|officers|authorities|area|residents?|natives?|metro|county|city|man|woman|men|women|teens?"
    r"|teenagers?|boy|girl|youths?|couple|family|home|neighborhood|neighbourhood)\b"
    r"|,\s*(?!(?:Jr|Sr)\b)[A-Z][a-z]*\.?\s*(?:\(|,|$)"
)
# A generational suffix ends a name ("Jane Roe Jr.", "Jane Roe, Sr."): it is dropped, never read as a place.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Before the name: a locative preposition ("in Port Harlow") or an article ("a Cedar Falls man").
_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|into|across|around|towards?|through|a|an)\s+$", re.IGNORECASE
)


_STREET = re.compile(
    r"\b(?:(?:[NSEW]\.?|North|South|East|West)\s+)?((?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})\s+"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|Place|Pl|Court|Ct|Parkway|Pkwy|Highway|Hwy"
    r"|Way|Terrace|Circle|Trail|Expressway|Freeway)\b"
)


def street_names(texts: Iterable[str]) -> frozenset[str]:
    """The streets named in running text, by their last name word ("the 1200 block of South Main St." -> "main").

    >>> sorted(street_names(["shot near Lobdell Avenue and 35th Street"]))
    ['35th', 'lobdell']
    """
    return frozenset(m[1].split()[-1].casefold() for text in texts for m in _STREET.finditer(text or ""))


def _place_keys(location: EventLocation) -> frozenset[str]:
    """The location's names in the form of ``person_names`` ("Baton Rouge" -> "baton rouge")."""
    keys = set()
    for value in (location.name, location.text, location.admin1, location.admin2):
        words = re.findall(r"[^\W\d_]+", (value or "").casefold().replace("’", "'"))
        if len(words) >= 2:
            keys.add(f"{words[0]} {words[-1]}")
    return frozenset(keys)


def _shared_persons(a: _Node, b: _Node) -> frozenset[str]:
    """People both reports name (neither report's own place name: "a Baton Rouge man" is no person)."""
    if not a.persons or not b.persons:
        return frozenset()
    return (a.persons & b.persons) - a.places - b.places


_AGE = re.compile(r"[A-Za-z], \d{1,3},")


def _headline_case(text: str) -> bool:
    """A headline in title case ("Man Shot Dead Outside Bar"), whose capitals say nothing about names."""
    if _AGE.search(text):
        return False  # "Jane Roe, 23, of Millbrook, John Doe, 31, ...": a list of people, not a headline
    long = [w for w in re.findall(r"[A-Za-z][a-z'’]+", text) if len(w) > 3]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) > 0.75 * len(long)


def person_names(texts: Iterable[str]) -> frozenset[str]:
    """The people named in running text, as "given surname" in lower case (middle names and initials dropped).

    >>> sorted(person_names(["Jane A. Roe, 24, was shot near Hays Avenue, Sheriff John Doe said."]))
    ['jane roe']
    """
    found: set[str] = set()
    for text in texts:
        if not text or _headline_case(text):
            continue
        for run in _NAME_RUN.finditer(text):
            words = [w.casefold().replace("’", "'") for w in re.findall(_NAME_WORD, run.group(0))]
            while words and words[-1] in _SUFFIXES:
                words.pop()
            cut, official = 0, False
            for i, word in enumerate(words):  # the name starts after the last title or non-name word
                if word in _TITLES or word in _NOT_NAMES or word.endswith("'s"):
                    cut, official = i + 1, word in _TITLES
            name = words[cut:]
            if len(name) < 2 or len(name) > 3 or official:
                continue
            before, after = text[max(0, run.start() - 30) : run.start()], text[run.end() : run.end() + 60]
            if before.split() and before.split()[-1].casefold().strip(",.") in _TITLES:
                continue  # "police spokesman Jane Roe"
            if _OFFICIAL_AFTER.match(after) or _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before):
                continue
            found.add(f"{name[0]} {name[-1]}")
    return frozenset(found)


# ---------------------------------------------------------------------------------------------------------------------
# Nodes: a new mention or an existing event, with what the decision needs precomputed


@dataclass
class _Node:
    key: str  # mention id, or the existing event's id
    record: EventRecord
    mention_ids: frozenset[str]
    documents: frozenset[str]
    family: str
    interval: tuple[date, date] | None
    coords: tuple[float, float] | None
    geo_precision: int
    admin: tuple[str, str] | None
    words: str
    figures: tuple[int, int]  # (killed, injured), 0 when not reported
    country: str
    name: str
    vague: bool  # a date vaguer than MAX_CROSS_DOCUMENT_SPAN: never joins another document's incident
    persons: frozenset[str] = frozenset()  # people named in the evidence ("jane roe"), see person_names
    places: frozenset[str] = (
        frozenset()
    )  # its place names in that form, never a person (empty without persons)
    streets: frozenset[str] = frozenset()  # streets named in the evidence ("Lobdell Avenue" -> "lobdell")
    existing: bool = False
    neighbours: list[str] = field(default_factory=list)


def _node(record: EventRecord, key: str, mention_ids: Iterable[str], existing: bool) -> _Node:
    location = record.location
    coords = None
    if location.lat is not None and location.lon is not None:
        coords = (float(location.lat), float(location.lon))
    admin = None
    if location.country and location.admin1:
        admin = (_norm(location.country), _norm(location.admin1))
    words = " ".join(filter(None, [record.notes, *(e.text or "" for e in record.evidence[:3])]))
    interval = date_interval(record.date)
    texts = [e.text for e in record.evidence if e.text]
    persons = person_names(texts) if texts else frozenset()
    places = _place_keys(location) if persons else frozenset()  # read only where a person may be a place
    killed = record.fatalities.best if record.fatalities else None
    injured = record.injured.best if record.injured else None
    return _Node(
        key=key,
        record=record,
        mention_ids=frozenset(mention_ids),
        documents=frozenset(record.document_ids),
        family=type_family(record),
        interval=interval,
        coords=coords,
        geo_precision=location.precision or (1 if coords else 3),
        admin=admin,
        words=_norm(words)[:600],
        figures=(killed or 0, injured or 0),
        country=_norm(location.country),
        name=_norm(location.name),
        vague=interval is None or (interval[1] - interval[0]).days > MAX_CROSS_DOCUMENT_SPAN,
        persons=persons - places,
        places=places,
        streets=street_names(texts) if texts else frozenset(),
        existing=existing,
    )


def _cells(node: _Node) -> list[tuple[object, ...]]:
    cells: list[tuple[object, ...]] = []
    if node.coords is not None:
        cells.append(
            ("grid", math.floor(node.coords[0] / GRID_DEGREES), math.floor(node.coords[1] / GRID_DEGREES))
        )
    if node.admin is not None:
        cells.append(("admin", *node.admin))  # so that a report without coordinates finds it by admin1
    return cells


def _probe_cells(node: _Node) -> list[tuple[object, ...]]:
    cells: list[tuple[object, ...]] = []
    if node.coords is not None:
        row, col = math.floor(node.coords[0] / GRID_DEGREES), math.floor(node.coords[1] / GRID_DEGREES)
        # The grid is searched far enough for the node's own precision radius (wider for vaguer places).
        reach = max(1, math.ceil(MAX_KM_BY_PRECISION.get(node.geo_precision, 25.0) / 111.0 / GRID_DEGREES))
        reach_lon = max(reach, math.ceil(reach / max(0.2, math.cos(math.radians(node.coords[0])))))
        cells += [
            ("grid", row + i, col + j)
            for i in range(-reach, reach + 1)
            for j in range(-reach_lon, reach_lon + 1)
        ]
    if node.admin is not None:
        cells.append(("admin", *node.admin))
    return cells


def _days(interval: tuple[date, date], widen: int) -> list[date]:
    first, last = interval[0] - timedelta(days=widen), interval[1] + timedelta(days=widen)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@dataclass(frozen=True)
class StoredWindow:
    """Where a stored event must lie to be paired with a new mention by ``_candidate_pairs``: a superset of the
    events it could join, so that a store reads only these instead of every event (the cost of merging a batch then
    grows with the events near it, not with the store).

    A stored event qualifies when ``first_start <= date_start <= last_start``, ``date_end >= first_end`` and it lies
    in ``bbox`` (min_lat, max_lat, min_lon, max_lon) or has the same ``admin`` (country, admin1 as written: the
    gazetteer writes both sides' admin1, so they are spelled alike).
    """

    first_start: date
    last_start: date
    first_end: date
    bbox: tuple[float, float, float, float] | None
    admin: tuple[str, str] | None
    center: tuple[float, float] | None = None

    def may_join(self, lat: float | None, lon: float | None) -> bool:
        """False when a stored event at (lat, lon) is too far to be one incident at any precision (the box is wider
        than that circle, so this saves reading most of what it holds)."""
        if self.center is None or lat is None or lon is None:
            return True
        return haversine_km(*self.center, lat, lon) <= max(MAX_KM_BY_PRECISION.values())


def stored_window(mention: EventRecord) -> StoredWindow | None:
    """The window of stored events that could join ``mention``; None when it can join none (undated or vague)."""
    node = _node(mention, "", (), existing=False)
    if node.interval is None or node.vague or (node.coords is None and node.admin is None):
        return None
    gap = (
        PERSON_DAY_GAP if node.persons else AGREEING_DAY_GAP
    )  # a named person reaches further back and ahead
    first, last = node.interval[0] - timedelta(days=gap), node.interval[1] + timedelta(days=gap)
    bbox = None
    if node.coords is not None:
        # Either side's probe may reach the other, so the widest reach (the vaguest precision) bounds the box, plus
        # one grid cell for the cell boundaries; longitude cells widen towards the poles as in _probe_cells.
        reach = max(1, math.ceil(max(MAX_KM_BY_PRECISION.values()) / 111.0 / GRID_DEGREES)) + 1
        lat, lon = node.coords
        half_lat = reach * GRID_DEGREES
        widest = min(89.0, abs(lat) + half_lat)
        half_lon = (math.ceil(reach / max(0.2, math.cos(math.radians(widest)))) + 1) * GRID_DEGREES
        bbox = (lat - half_lat, lat + half_lat, lon - half_lon, lon + half_lon)
    admin = None
    if mention.location.country and mention.location.admin1:
        admin = (mention.location.country, mention.location.admin1)
    return StoredWindow(
        first_start=first - timedelta(days=MAX_CROSS_DOCUMENT_SPAN),  # a stored event spans at most this much
        last_start=last,
        first_end=first,
        bbox=bbox,
        admin=admin,
        center=node.coords,
    )


def link_keys(record: EventRecord) -> frozenset[str]:
    """The keys under which a far link (``_far_link``) can find this mention or event wherever it was placed: its
    town on its day, each named person on each day it covers, and with several victims each street on its day. A
    store files every event under them, so that a new report reaches a namesake placed in another state or country
    by reading only the events that share a key, never the whole store."""
    node = _node(record, "", (), existing=False)
    if node.interval is None or node.vague:
        return frozenset()
    keys = {
        f"person|{person}|{day.isoformat()}" for day in _days(node.interval, 0) for person in node.persons
    }
    if node.interval[0] == node.interval[1]:
        day = node.interval[0].isoformat()
        if node.name:
            keys.add(f"town|{node.name}|{day}")
        if sum(node.figures) >= SAME_TOLL_VICTIMS:
            keys.update(f"street|{street}|{day}" for street in node.streets)
    return frozenset(keys)


def _bucket_pairs(buckets: Iterable[list[str]], nodes: dict[str, _Node]) -> set[tuple[str, str]]:
    """Every pair within each bucket of a shared name, except two existing events; a bucket of more than
    ``PERSON_BUCKET`` reports is no distinctive name and pairs none of them (so blocking stays linear)."""
    pairs: set[tuple[str, str]] = set()
    for keys in buckets:
        if 1 < len(keys) <= PERSON_BUCKET:
            ordered = sorted(keys)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    if not (nodes[a].existing and nodes[b].existing):
                        pairs.add((a, b))
    return pairs


def _candidate_pairs(nodes: dict[str, _Node]) -> set[tuple[str, str]]:
    """Pairs of nodes sharing a day bucket and a place cell (or, within one document, the same document)."""
    index: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for key, node in nodes.items():
        if node.interval is None or node.vague:
            continue
        for day in _days(node.interval, 0):
            for cell in _cells(node):
                index[(day, *cell)].append(key)
    # Existing events are never paired with each other, so they probe only the new nodes' keys (a store's
    # neighbourhood can hold many events; the new batch few).
    fresh: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for cell_key, keys in index.items():
        for key in keys:
            if not nodes[key].existing:
                fresh[cell_key].append(key)
    fresh_days = {cell_key[0] for cell_key in fresh}
    pairs: set[tuple[str, str]] = set()
    for key, node in nodes.items():
        if node.interval is None or node.vague:
            continue
        probed = fresh if node.existing else index
        days = [d for d in _days(node.interval, AGREEING_DAY_GAP) if not node.existing or d in fresh_days]
        if not days:
            continue
        probes = _probe_cells(node)
        for day in days:
            for cell in probes:
                for other in probed.get((day, *cell), ()):
                    if other != key:
                        pairs.add((key, other) if key < other else (other, key))
    # Reports naming the same person, whatever their dates (the pair decision bounds them): one bucket per name.
    named: dict[str, list[str]] = defaultdict(list)
    for key, node in nodes.items():
        if node.interval is not None and not node.vague:
            for person in node.persons:
                named[person].append(key)
    pairs |= _bucket_pairs(named.values(), nodes)
    # Reports naming the same town on the same day, or the same street with several victims, wherever they were
    # placed (far links; FAR_LINK_DAY_GAP is 0): one bucket per town or street and day, bounded like the name
    # buckets (a big city's reports meet in the grid anyway).
    towns: dict[tuple[str, str, date], list[str]] = defaultdict(list)
    for key, node in nodes.items():
        if node.interval is None or node.interval[0] != node.interval[1]:
            continue
        if node.name:
            towns[("town", node.name, node.interval[0])].append(key)
        if sum(node.figures) >= SAME_TOLL_VICTIMS:
            for street in node.streets:
                towns[("street", street, node.interval[0])].append(key)
    pairs |= _bucket_pairs(towns.values(), nodes)
    # Mentions of one document without coordinates can still be the same event (same place name, same day).
    by_document: dict[str, list[str]] = defaultdict(list)
    for key, node in nodes.items():
        if not node.existing and len(node.documents) == 1:
            by_document[next(iter(node.documents))].append(key)
    for keys in by_document.values():
        if len(keys) <= 20:  # an extraction makes few events per document; this bound keeps the step linear
            for i, a in enumerate(sorted(keys)):
                for b in sorted(keys)[i + 1 :]:
                    pairs.add((a, b))
    return pairs


# ---------------------------------------------------------------------------------------------------------------------
# Pair decision


def _distance(a: _Node, b: _Node) -> float | None:
    if a.coords is None or b.coords is None:
        return None
    return haversine_km(*a.coords, *b.coords)


def _same_place(a: _Node, b: _Node) -> bool:
    la, lb = a.record.location, b.record.location
    if la.geonameid is not None and la.geonameid == lb.geonameid:
        return True
    distance = _distance(a, b)
    if distance is not None:
        return distance <= SAME_PLACE_KM
    return bool(la.name) and _norm(la.name) == _norm(lb.name) and _norm(la.country) == _norm(lb.country)


def _same_day(a: _Node, b: _Node) -> bool:
    return a.interval is not None and a.interval == b.interval and a.interval[0] == a.interval[1]


def _one_story_may_join(a: _Node, b: _Node) -> bool:
    """Two mentions of one document that ``_compatible`` keeps apart may still end in one incident when other
    reports link them: one story often dates an incident by the shooting and by the death, or by "late Friday" and
    "early Saturday" (same place, a day apart), or calls it an armed clash and an attack on civilians (ACLED:
    civilians killed in a battle are part of it)."""
    if not (a.documents & b.documents):
        return False
    if a.family != b.family or a.record.aggregate != b.record.aggregate or not _same_place(a, b):
        return False
    if _same_day(a, b):
        return _clash_and_attack(
            a, b
        )  # a story's partial toll (one victim of five) is no conflict on one day
    if _count_agreement(a.record.fatalities, b.record.fatalities) < 0:
        return False
    return a.record.event_type == b.record.event_type and _single_days_apart(a, b, MAX_DAY_GAP)


def _clash_and_attack(a: _Node, b: _Node) -> bool:
    return {a.record.sub_event_type, b.record.sub_event_type} == {"Armed clash", "Attack"}


def _single_days_apart(a: _Node, b: _Node, days: int) -> bool:
    """Both dated to one day each, at most ``days`` apart."""
    if a.interval is None or b.interval is None:
        return False
    if a.interval[0] != a.interval[1] or b.interval[0] != b.interval[1]:
        return False
    return abs((a.interval[0] - b.interval[0]).days) <= days


def _compatible(a: _Node, b: _Node) -> bool:
    """Hard constraints: any pair inside one incident must pass them (cheapest checks first)."""
    if a.family != b.family or a.record.aggregate != b.record.aggregate:
        return False
    if a.interval is None or b.interval is None:
        return False
    if a.documents & b.documents:
        # Two mentions of one document: the event stage already made one event per type, place and day, so
        # they are one event only when they clearly are.
        # An air strike and a takeover in one city on one day are two events of one story, not one event.
        return a.record.event_type == b.record.event_type and _same_day(a, b) and _same_place(a, b)
    if a.vague or b.vague:
        return False
    gap = day_gap(a.interval, b.interval)
    if _far_link(a, b):
        return True
    if a.country and b.country and a.country != b.country:
        return False
    return _close(a, b, gap) or bool(_shared_persons(a, b) and _person_compatible(a, b, gap))


def _close(a: _Node, b: _Node, gap: int) -> bool:
    """The date and place bounds of two reports of different documents (``_compatible`` checked the rest)."""
    if gap > AGREEING_DAY_GAP:
        return False
    if gap > MAX_DAY_GAP and (a.figures != b.figures or a.figures == (0, 0)):
        return False  # the wider gap is only for reports whose figures agree
    limit = MAX_KM_BY_PRECISION.get(max(a.geo_precision, b.geo_precision), 25.0)
    if gap <= MAX_DAY_GAP and a.admin is not None and a.admin == b.admin and _same_toll(a, b):
        limit = max(limit, SAME_TOLL_KM)
    if a.coords is not None and b.coords is not None and abs(a.coords[0] - b.coords[0]) * 111.0 > limit:
        return False  # cheap pre-check: the north-south distance alone is too far
    distance = _distance(a, b)
    if gap > MAX_DAY_GAP and not _counts_agree_here(a, b, distance):
        return False
    if distance is not None:
        return distance <= limit
    # Without coordinates on one side: two named towns must be the same town; otherwise the same admin1.
    if a.name and b.name and a.geo_precision == 1 and b.geo_precision == 1 and a.name != b.name:
        return False
    if a.admin is not None and b.admin is not None:
        return a.admin == b.admin
    return bool(a.name) and a.name == b.name


def _far_link(a: _Node, b: _Node) -> bool:
    """Two reports naming the same town on the same day (or the same street, with the same toll of several
    victims), or the same person on overlapping dates, with no conflict of tolls (``FAR_LINK_DAY_GAP``;
    ``_compatible`` checked the type family and the documents)."""
    if a.interval is None or b.interval is None:
        return False
    if _single_days_apart(a, b, FAR_LINK_DAY_GAP):
        same_town = bool(a.name) and a.name == b.name
        same_street = bool(a.streets & b.streets) and _same_toll(a, b)
    else:
        same_town = same_street = False
    if not (same_town or same_street) and (
        day_gap(a.interval, b.interval) > FAR_LINK_DAY_GAP or not _shared_persons(a, b)
    ):
        return False
    return _tolls_agree(a, b)


def _tolls_agree(a: _Node, b: _Node) -> bool:
    """No clear conflict between the two reports' killed, nor between their injured."""
    return (
        _count_agreement(a.record.fatalities, b.record.fatalities) >= 0
        and _count_agreement(a.record.injured, b.record.injured) >= 0
    )


def _cluster_gap(a: _Node, b: _Node) -> int | None:
    """The days between two dated (not vague) reports of different documents, of one type family, both aggregate
    or neither; None for any other pair. Every pair across two clusters that a shared name joins must be such a pair,
    whatever else it need not repeat."""
    if a.family != b.family or a.record.aggregate != b.record.aggregate or a.documents & b.documents:
        return None
    if a.interval is None or b.interval is None or a.vague or b.vague:
        return None
    return day_gap(a.interval, b.interval)


def _far_cluster_compatible(a: _Node, b: _Node) -> bool:
    """The constraint on a pair across two clusters that a far link joins: the bounds of ``_far_link`` without the
    town or the name (each report of the far side placed it alike, and need not repeat the name)."""
    gap = _cluster_gap(a, b)
    return gap is not None and gap <= FAR_LINK_DAY_GAP and _tolls_agree(a, b)


def _same_person_cluster_compatible(a: _Node, b: _Node) -> bool:
    """The constraint on a pair across two clusters that a shared person joins: the bounds of ``_person_compatible``
    without the name (each report of a follow-up need not repeat it)."""
    gap = _cluster_gap(a, b)
    if gap is None or (a.country and b.country and a.country != b.country):
        return False
    return _person_compatible(a, b, gap)


def _person_compatible(a: _Node, b: _Node, gap: int) -> bool:
    """Two reports naming the same person: one incident within ``PERSON_DAY_GAP`` days and ``PERSON_KM`` (or the
    same admin1 without coordinates) unless their death tolls clearly conflict."""
    if gap > PERSON_DAY_GAP or _count_agreement(a.record.fatalities, b.record.fatalities) < 0:
        return False
    distance = _distance(a, b)
    if distance is not None:
        return distance <= PERSON_KM
    if a.admin is not None and b.admin is not None:
        return a.admin == b.admin
    return bool(a.name) and a.name == b.name


def _same_toll(a: _Node, b: _Node) -> bool:
    """Several victims, the same killed and the injured within one (``SAME_TOLL_VICTIMS``)."""
    (killed_a, injured_a), (killed_b, injured_b) = a.figures, b.figures
    return (
        killed_a == killed_b
        and abs(injured_a - injured_b) <= 1
        and min(killed_a + injured_a, killed_b + injured_b) >= SAME_TOLL_VICTIMS
    )


def _counts_agree_here(a: _Node, b: _Node, distance: float | None) -> bool:
    """The same non-zero casualty figures, and the same place (within ``AGREEING_KM``)."""
    if a.figures != b.figures or a.figures == (0, 0):
        return False
    la, lb = a.record.location, b.record.location
    if la.geonameid is not None and la.geonameid == lb.geonameid:
        return True
    return distance is not None and distance <= AGREEING_KM


def _count_agreement(a: Count | None, b: Count | None) -> float:
    """+0.3 for the same figure, 0 for compatible figures, -1.0 (in effect a veto) for a clear conflict."""
    if a is None or b is None or a.best is None or b.best is None:
        return 0.0
    x, y = a.best, b.best
    if x == y:
        return 0.3 if x > 0 else 0.1
    low, high = min(x, y), max(x, y)
    # A toll that rose (2 then 3) or a rounded figure is compatible; 0 against 4, or 3 against 40, is not.
    if high - low <= 2 or high <= 1.5 * low:
        return 0.0
    return -1.0


def _actor_agreement(a: EventRecord, b: EventRecord) -> float:
    score = 0.0
    for role in ("actor1", "actor2"):
        x, y = a.actor(role), b.actor(role)
        if x is None or y is None:
            continue
        if _norm(x.name) == _norm(y.name):
            score += 0.15
        elif x.inter is not None and y.inter is not None and x.inter != y.inter:
            score -= 0.4
    return score


def pair_score(a: _Node, b: _Node) -> float:
    """How strongly two compatible nodes look like one incident (merged at ``MERGE_THRESHOLD``)."""
    assert a.interval is not None and b.interval is not None  # _compatible checked it
    gap = day_gap(a.interval, b.interval)
    exact = a.interval[0] == a.interval[1] and b.interval[0] == b.interval[1]
    # Date: same day, a day apart, vague but overlapping, or the wider gap allowed for agreeing reports.
    date_scores = {0: 1.0, 1: 0.6} if exact else {0: 0.5, 1: 0.3}
    score = date_scores.get(gap, 0.2)
    distance = _distance(a, b)
    la, lb = a.record.location, b.record.location
    if la.geonameid is not None and la.geonameid == lb.geonameid:
        score += 1.0
    elif distance is not None:
        score += (
            1.0 if distance <= SAME_PLACE_KM else 0.8 if distance <= 10 else 0.6 if distance <= 25 else 0.3
        )
    elif la.name and _norm(la.name) == _norm(lb.name):
        score += 0.8
    else:
        score -= 0.2  # same admin1 only: the other fields must carry the decision
    if a.record.sub_event_type == b.record.sub_event_type:
        score += 0.3
    score += _count_agreement(a.record.fatalities, b.record.fatalities)
    score += _count_agreement(a.record.injured, b.record.injured) * 0.5
    score += _actor_agreement(a.record, b.record)
    if _shared_persons(a, b):
        score += PERSON_BONUS
    if a.streets and b.streets:
        score += STREET_SHARED if a.streets & b.streets else STREET_DISJOINT
    if a.words and b.words:
        similarity = fuzz.token_set_ratio(a.words, b.words) / 100.0
        score += 0.3 if similarity >= 0.7 else 0.1 if similarity >= 0.5 else 0.0
    return score


# ---------------------------------------------------------------------------------------------------------------------
# Merging


def _leads(nodes: dict[str, _Node]) -> set[str]:
    """Each document's lead mention (most confident, then most killed and injured, then lowest id: the primary
    event rule of DESIGN section 5 made independent of order), and every existing event."""
    best: dict[str, tuple[float, int, str]] = {}
    leads = set()
    for key, node in nodes.items():
        if node.existing:
            leads.add(key)
            continue
        rank = (-node.record.confidence, -node.record.killed_plus_injured, key)
        for document in node.documents:
            if document not in best or rank < best[document]:
                best[document] = rank
    leads.update(rank[2] for rank in best.values())
    return leads


def merge_mentions(mentions: Sequence[EventMention], existing: Sequence[Event] = ()) -> list[Event]:
    """Merge event mentions of many documents into events, joining ``existing`` events where they match.

    Returns every incident: the existing events (unchanged, same id, when nothing joined them) and the new or grown
    ones (a grown event gets a new id, the hash of its new member list; a store's ``upsert_events`` replaces the
    events it supersedes). The result does not depend on the order of ``mentions`` or ``existing``.
    """
    nodes: dict[str, _Node] = {}
    known: set[str] = set()
    for event in existing:
        members = event.mention_ids or [event.id]
        nodes[event.id] = _node(event, event.id, members, existing=True)
        known.update(members)
    for mention in mentions:
        key = mention_id(mention)
        if key in known or key in nodes:
            continue  # already merged (a re-run) or given twice
        nodes[key] = _node(mention, key, [key], existing=False)

    compatible: dict[tuple[str, str], bool] = {}

    def is_compatible(x: str, y: str) -> bool:
        pair = (x, y) if x < y else (y, x)
        if pair not in compatible:
            compatible[pair] = _compatible(nodes[pair[0]], nodes[pair[1]])
        return compatible[pair]

    def may_share(x: str, y: str) -> bool:
        """The constraint for joining clusters (compatibility is cached; the one-story exception is rare)."""
        return is_compatible(x, y) or _one_story_may_join(nodes[x], nodes[y])

    leads = _leads(nodes)
    scored = []
    for a, b in _candidate_pairs(nodes):
        na, nb = nodes[a], nodes[b]
        if na.existing and nb.existing:
            continue  # existing incidents are not paired directly; a new report may still link two of them
        if is_compatible(a, b):
            score = pair_score(na, nb)
            if score >= MERGE_THRESHOLD:
                lead_pair = a in leads and b in leads and score >= LEAD_SCORE
                scored.append((not lead_pair, -score, a, b))
    scored.sort()

    # Greedy agglomeration in a content-defined order; a join must keep every cross pair compatible.
    cluster_of: dict[str, str] = {key: key for key in nodes}
    clusters: dict[str, list[str]] = {key: [key] for key in nodes}
    for *_, a, b in scored:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb:
            continue
        left, right = clusters[ca], clusters[cb]
        shared_person = bool(_shared_persons(nodes[a], nodes[b]))
        far = _far_link(nodes[a], nodes[b])
        if not all(
            may_share(x, y)
            or (shared_person and _same_person_cluster_compatible(nodes[x], nodes[y]))
            or (far and _far_cluster_compatible(nodes[x], nodes[y]))
            for x in left
            for y in right
        ):
            continue
        keep, drop = (ca, cb) if ca < cb else (cb, ca)
        clusters[keep] = sorted(clusters[keep] + clusters[drop])
        for key in clusters.pop(drop):
            cluster_of[key] = keep

    events = []
    for keys in clusters.values():
        group = [nodes[k] for k in keys]
        if len(group) == 1 and group[0].existing:
            record = group[0].record  # untouched: same id
            events.append(record if isinstance(record, Event) else Event.model_validate(record.model_dump()))
        else:
            events.append(reconcile([n.record for n in group], [n.mention_ids for n in group]))
    events.sort(key=lambda e: (e.date.start or "", e.id))
    return events


# ---------------------------------------------------------------------------------------------------------------------
# Reconciliation

T = TypeVar("T")


def _vote(values: Sequence[T | None], weights: Sequence[float], fallback: T) -> T:
    tally: dict[T, float] = defaultdict(float)
    for value, weight in zip(values, weights, strict=True):
        if value is not None:
            tally[value] += weight
    if not tally:
        return fallback
    best = max(tally.values())
    winners = [v for v, w in tally.items() if w == best]
    return fallback if fallback in winners else sorted(winners, key=str)[0]


def reconcile_counts(counts: Sequence[Count | None]) -> Count | None:
    """UCDP/ACLED reconciliation of each source's latest figure for one count.

    ``best`` is the most conservative (lowest) of the figures, ``low`` and ``high`` the reported range; the span
    and the breakdown come from the report that gives ``best``. Missing counts (nothing reported) are ignored.

    >>> c = reconcile_counts([Count(best=3, low=3), None, Count(best=2, low=2, high=4)])
    >>> c.best, c.low, c.high
    (2, 2, 4)
    """
    given = [c for c in counts if c is not None and c.best is not None]
    if not given:
        return None
    chosen = min(given, key=lambda c: (c.best, c.document_id or "", c.start or 0))
    lows = [c.low if c.low is not None else c.best for c in given]
    highs = [c.high if c.high is not None else c.best for c in given]
    civilians = [c.civilians for c in given if c.civilians is not None]
    merged = chosen.model_copy(deep=True)
    merged.low = min(v for v in lows if v is not None)
    high = max(v for v in highs if v is not None)
    merged.high = high if high != merged.low or any(c.high is not None for c in given) else None
    if civilians:
        merged.civilians = min(min(civilians), merged.best if merged.best is not None else min(civilians))
    return merged


def _dedupe(items: Iterable[T], key: Callable[[T], object]) -> list[T]:
    seen: set[object] = set()
    result = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            result.append(item)
    return result


def _span_key(span: DocSpan) -> tuple[object, ...]:
    return (span.document_id, span.start, span.end, span.text)


def _representative(records: Sequence[EventRecord]) -> EventRecord:
    """The report the event is mainly coded from: most confident, then most precise, then earliest id."""

    def rank(r: EventRecord) -> tuple[object, ...]:
        return (
            -r.confidence,
            r.date.precision or 9,
            r.location.precision or 9,
            r.location.lat is None,
            -r.killed_plus_injured,
            r.id,
        )

    return min(records, key=rank)


def reconcile(records: Sequence[EventRecord], member_ids: Sequence[Iterable[str]] | None = None) -> Event:
    """One event from the reports of one incident (event mentions, or an existing event plus new mentions)."""
    if not records:
        raise ValueError("reconcile needs at least one event mention")
    if member_ids is None:
        member_ids = [getattr(r, "mention_ids", None) or [mention_id(r)] for r in records]
    ids = sorted({m for group in member_ids for m in group})
    # Records are visited in a content-defined order so that every vote and union is order-independent.
    order = sorted(range(len(records)), key=lambda i: min(member_ids[i], default=records[i].id))
    records = [records[i] for i in order]
    rep = _representative(records)
    weights = [max(r.confidence, 0.01) * len(getattr(r, "mention_ids", None) or [1]) for r in records]

    sub_event_type = _vote([r.sub_event_type for r in records], weights, rep.sub_event_type)
    typed = next(r for r in [rep, *records] if r.sub_event_type == sub_event_type)
    disorder_type = _vote([r.disorder_type for r in records], weights, rep.disorder_type)

    # Date: the most precise dates, then the most reported value among them.
    dated = [r for r in records if date_interval(r.date) is not None]
    event_date = rep.date
    if dated:
        finest = min(r.date.precision or 9 for r in dated)
        precise = [r for r in dated if (r.date.precision or 9) == finest]
        value = _vote(
            [(r.date.start, r.date.end) for r in precise],
            [1.0] * len(precise),
            (rep.date.start, rep.date.end),
        )
        event_date = next(r.date for r in [rep, *precise] if (r.date.start, r.date.end) == value)

    # Place: the most precise located places, then the most reported one.
    located = [r for r in records if r.location.lat is not None and r.location.lon is not None] or [
        r for r in records if r.location.name
    ]
    location = rep.location
    if located:
        finest = min(r.location.precision or 9 for r in located)
        precise = [r for r in located if (r.location.precision or 9) == finest]
        place = _vote(
            [(r.location.geonameid, _norm(r.location.name)) for r in precise],
            [1.0] * len(precise),
            (rep.location.geonameid, _norm(rep.location.name)),
        )
        location = next(
            r.location for r in [rep, *precise] if (r.location.geonameid, _norm(r.location.name)) == place
        )

    # Actors: per role, the most reported name (the representative's on a tie).
    actors: list[EventActor] = []
    for role in ("actor1", "actor2", "assoc_actor1", "assoc_actor2"):
        named = [r.actor(role) for r in records]
        fallback = rep.actor(role)
        name = _vote([a.name if a else None for a in named], weights, fallback.name if fallback else None)
        if name is not None:
            actors.append(next(a for a in [fallback, *named] if a is not None and a.name == name))
    inters = {a.role: a.inter for a in actors}

    counts = {name: reconcile_counts([getattr(r, name) for r in records]) for name in COUNT_FIELDS}
    claims: list[Claim] = _dedupe((c for r in records for c in r.claims), _claim_key)
    sources: list[EventSource] = _dedupe(
        (s for r in records for s in r.sources), lambda s: (_norm(s.name), s.document_id, s.start, s.end)
    )
    evidence = _dedupe((e for r in records for e in r.evidence), _span_key)
    targeting = _vote([r.civilian_targeting for r in records], weights, rep.civilian_targeting)
    extras = {k: v for k, v in (rep.model_extra or {}).items() if k not in Event.model_fields}

    return Event(
        id=event_id(ids),
        document_ids=sorted({d for r in records for d in r.document_ids}),
        mention_ids=ids,
        event_type=typed.event_type,
        sub_event_type=sub_event_type,
        disorder_type=disorder_type,
        date=event_date.model_copy(deep=True),
        actors=[a.model_copy(deep=True) for a in actors],
        interaction=interaction_code(inters.get("actor1"), inters.get("actor2")) or rep.interaction,
        location=EventLocation.model_validate(location.model_dump()),
        **counts,
        claims=[c.model_copy(deep=True) for c in claims],
        civilian_targeting=targeting,
        sources=[s.model_copy(deep=True) for s in sources],
        aggregate=all(r.aggregate for r in records),
        background=all(r.background for r in records),
        evidence=[e.model_copy(deep=True) for e in evidence],
        confidence=max(r.confidence for r in records),
        notes=rep.notes,
        **extras,
    )


def _claim_key(claim: Claim) -> tuple[object, ...]:
    return (_norm(claim.source), claim.fatalities, claim.injured, claim.document_id, claim.start, claim.end)
