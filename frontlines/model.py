"""The whole data model: Document, its annotation layers, EventMention, Event, Rejection.

These records are the JSON contract of DESIGN section 2: tools outside the project score and consume them, so
field names never change (new fields may be added). Every layer entry is a span of ``Document.text`` (``start``,
``end``, ``text``) flattened into the object together with its normalized value.

>>> doc = Document(id="d1", text="Shelling hit Aleppo.")
>>> doc.span(13, 19).text
'Aleppo'
>>> Document.from_json(doc.to_json()).text == doc.text
True
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

# ---------------------------------------------------------------------------------------------------------------------
# Taxonomy (DESIGN section 3, ACLED)

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TO_TYPE: dict[str, str] = {sub: typ for typ, subs in EVENT_TYPES.items() for sub in subs}

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
CRIMINAL_VIOLENCE = "Criminal violence"  # our extension: kept out of ACLED/UCDP exports unless asked for
ACLED_DISORDER_TYPES = (POLITICAL_VIOLENCE, DEMONSTRATIONS, STRATEGIC_DEVELOPMENTS)

INTER_CODES = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, smaller first; one-sided events are code and 0.

    >>> interaction_code(7, 8), interaction_code(2, None), interaction_code(None, None)
    (78, 20, None)
    """
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


# ---------------------------------------------------------------------------------------------------------------------
# Base records


class Record(BaseModel):
    """Base of every contract record: unknown fields are kept (the contract may grow), values are validated."""

    model_config = ConfigDict(extra="allow", validate_assignment=False, populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class SpanMixin(Record):
    """A span of a document's clean text, flattened into the record that carries it."""

    start: int
    end: int
    text: str


class Rejection(Record):
    """Why a document was dropped: the stage that dropped it, a short reason code and a human detail."""

    stage: str
    reason: str
    detail: str = ""


class Removal(Record):
    """A piece of the raw input that did not go into the clean text (page furniture), and why."""

    start_raw: int
    end_raw: int
    reason: str
    text: str = ""


class RawInput(Record):
    """What the user gave, kept unaltered: the text or HTML as decoded, and where it came from."""

    source: str = ""  # a path, "stdin", a URL or "jsonl:PATH:LINE"
    kind: Literal["text", "html", "jsonl", "url", "feed"] = "text"
    content: str = ""
    encoding: str | None = None
    fields: dict[str, Any] = Field(default_factory=dict)  # the original JSONL object, without its text/html


# ---------------------------------------------------------------------------------------------------------------------
# Annotation layers


class DateMention(SpanMixin):
    """A time expression normalized TimeML style (``2024-11-28``, ``2024-11``, ``2024-W48``, ``2016``, ``P3D``).

    ``start_date``/``end_date`` give the calendar interval it denotes (both set for days, weeks, months, ranges);
    ``value`` is None when it could not be resolved, and ``unresolved`` then says why.
    """

    value: str | None = None
    granularity: Literal["day", "week", "month", "year", "decade", "duration", "time"] | None = None
    start_date: str | None = None
    end_date: str | None = None
    unresolved: str | None = None


class PlaceMention(SpanMixin):
    kind: Literal["toponym", "region", "demonym"] = "toponym"
    name: str | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    timezone: str | None = None
    score: float = 0.0
    alternatives: list[dict[str, Any]] = Field(default_factory=list)


class NumberMention(SpanMixin):
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None


class ActorMention(SpanMixin):
    name: str
    inter: int | None = None
    country: str | None = None
    kind: str | None = None  # state force, rebel group, militia, civilians, ...
    generic: bool = False  # resolved from a generic reference ("government forces") by document context


class SourceMention(SpanMixin):
    name: str
    kind: str = "source"  # monitor, agency, outlet, ministry, witness, official, ...


class EntityMention(SpanMixin):
    """A named entity from the spaCy model or the entity ruler in front of it."""

    label: str


# ---------------------------------------------------------------------------------------------------------------------
# Events


class DocSpan(Record):
    """A span of a named document, as events carry it (an event may cite many documents)."""

    document_id: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None


class EventDate(Record):
    start: str | None = None
    end: str | None = None
    precision: int | None = None  # ACLED time_precision: 1 day, 2 week, 3 month
    document_id: str | None = None
    start_char: int | None = None
    end_char: int | None = None
    text: str | None = None


class EventActor(DocSpan):
    role: Literal["actor1", "actor2", "assoc_actor1", "assoc_actor2"]
    name: str
    inter: int | None = None
    country: str | None = None


class EventLocation(DocSpan):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int | None = None  # ACLED geo_precision: 1 town, 2 near a town / part of a region, 3 region
    timezone: str | None = None


class Count(DocSpan):
    """A reported count with its range (UCDP best/low/high) and, for deaths, its breakdown."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    civilians: int | None = None
    by_actor: dict[str, int] = Field(default_factory=dict)


class Claim(DocSpan):
    source: str
    fatalities: int | None = None
    injured: int | None = None


class EventSource(DocSpan):
    name: str
    kind: str = "source"


class EventRecord(Record):
    """Fields shared by an event mention (one document) and a merged event (one incident, many documents)."""

    id: str = ""
    document_ids: list[str] = Field(default_factory=list)
    event_type: str
    sub_event_type: str
    disorder_type: str
    date: EventDate = Field(default_factory=EventDate)
    actors: list[EventActor] = Field(default_factory=list)
    interaction: int | None = None
    location: EventLocation = Field(default_factory=EventLocation)
    fatalities: Count | None = None
    injured: Count | None = None
    abducted: Count | None = None
    arrested: Count | None = None
    missing: Count | None = None
    displaced: Count | None = None
    claims: list[Claim] = Field(default_factory=list)
    civilian_targeting: bool = False
    sources: list[EventSource] = Field(default_factory=list)
    aggregate: bool = False
    background: bool = False
    evidence: list[DocSpan] = Field(default_factory=list)
    confidence: float = 0.0
    notes: str = ""

    def actor(self, role: str) -> EventActor | None:
        return next((a for a in self.actors if a.role == role), None)

    @property
    def killed_plus_injured(self) -> int:
        return ((self.fatalities.best or 0) if self.fatalities else 0) + (
            (self.injured.best or 0) if self.injured else 0
        )

    @property
    def is_acled(self) -> bool:
        return self.disorder_type in ACLED_DISORDER_TYPES


class EventMention(EventRecord):
    """What one document says about one event."""


class Event(EventRecord):
    """One incident: the merge of the event mentions that report it, with all their sources."""

    mention_ids: list[str] = Field(default_factory=list)


def primary_event(events: list[EventRecord]) -> EventRecord | None:
    """The document's primary event: non-background, highest confidence, ties to most killed plus injured."""
    current = [e for e in events if not e.background]
    if not current:
        return None
    return max(current, key=lambda e: (e.confidence, e.killed_plus_injured))


# ---------------------------------------------------------------------------------------------------------------------
# Document


LAYER_NAMES = ("sentences", "paragraphs", "entities", "dates", "places", "numbers", "actors", "sources")


class Document(Record):
    """One article as it flows through the pipeline: clean text, metadata, the raw input and the layers.

    The spaCy parse of the text is kept out of the JSON (``parse``); stages that need it run after the stage that
    makes it, and a document read back from JSON is simply parsed again.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: str | None = None  # ISO 8601 date or date-time, with the offset as given or found
    provenance: dict[str, str] = Field(default_factory=dict)
    removed: list[Removal] = Field(default_factory=list)
    raw: RawInput | None = None
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    paragraphs: list[tuple[int, int]] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    numbers: list[NumberMention] = Field(default_factory=list)
    actors: list[ActorMention] = Field(default_factory=list)
    sources: list[SourceMention] = Field(default_factory=list)
    event_mentions: list[EventMention] = Field(default_factory=list)
    rejection: Rejection | None = None
    warnings: list[str] = Field(default_factory=list)
    assigned: list[str] = Field(default_factory=list)  # layers the pipeline has assigned, in order

    _parse: Any = PrivateAttr(default=None)

    # -- spans ---------------------------------------------------------------------------------------------------

    def span(self, start: int, end: int) -> DocSpan:
        """A span of the clean text; raises ``ValueError`` if the offsets are outside it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(
                f"span {start}:{end} is outside document {self.id!r} of {len(self.text)} characters"
            )
        return DocSpan(document_id=self.id, start=start, end=end, text=self.text[start:end])

    def sentence_of(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding ``offset``."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return None

    def paragraph_of(self, offset: int) -> tuple[int, int] | None:
        for start, end in self.paragraphs:
            if start <= offset < end:
                return start, end
        return None

    # -- metadata ------------------------------------------------------------------------------------------------

    @property
    def published_datetime(self) -> datetime | None:
        """The publication time as a datetime (naive when only a date was given), or None."""
        if not self.published:
            return None
        return datetime.fromisoformat(self.published)

    @property
    def parse(self) -> Any:
        return self._parse

    @parse.setter
    def parse(self, value: Any) -> None:
        self._parse = value

    @property
    def rejected(self) -> bool:
        return self.rejection is not None

    def reject(self, stage: str, reason: str, detail: str = "") -> Document:
        self.rejection = Rejection(stage=stage, reason=reason, detail=detail)
        return self

    # -- serialization -------------------------------------------------------------------------------------------

    def to_annotation(self) -> dict[str, Any]:
        """The `frontlines annotate` output object (DESIGN section 2)."""
        data = self.to_dict()
        data.pop("event_mentions", None)
        data.pop("assigned", None)
        data["sentences"] = [list(s) for s in self.sentences]
        data["paragraphs"] = [list(p) for p in self.paragraphs]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Document:
        return cls.model_validate_json(line)


def content_id(text: str, prefix: str = "doc") -> str:
    """A stable id from content: the same text always gets the same id.

    >>> content_id("abc")
    'doc-ba7816bf8f01cfea'
    """
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"
