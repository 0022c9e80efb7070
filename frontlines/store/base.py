"""The store interface: documents, their annotation layers, event mentions, merged events and sources.

SQLite (``sqlite.py``, the embedded default) and PostgreSQL (``postgres.py``) implement the same ``Store``; their
shared SQL lives in ``sql.py``, so everything here is backend-neutral and the SQL helpers below take the driver's
placeholder (``?`` for sqlite3, ``%s`` for psycopg).

Typical incremental use (the new mentions join stored incidents or start new ones)::

    with open_store("frontlines.sqlite") as store:
        store.add_documents(documents)            # one transaction; documents already stored are skipped
        store.merge_pending()                     # one transaction: unmerged mentions join or start incidents

``frontlines.store.ingest.ingest_documents`` does both per batch, skipping documents already stored.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any

import pycountry

from frontlines.errors import StoreError
from frontlines.model import CRIMINAL_VIOLENCE, Document, Event, EventMention


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Every field narrows the selection; the defaults select all current (non-background)
    events, criminal violence included (use ``include_criminal=False`` for the ACLED scope).

    - ``date_from``/``date_to``: ISO dates (``2024-11-28``); an event matches when its interval overlaps them.
    - ``country``: an ISO 3166 alpha-2 or alpha-3 code or a country name; ``admin1``: case-insensitive name.
    - ``bbox``: (min_lon, min_lat, max_lon, max_lat), GeoJSON order.
    - ``actor``: a case-insensitive part of any actor's name.
    """

    date_from: str | date | None = None
    date_to: str | date | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    include_background: bool = False
    include_criminal: bool = True


def content_hash(text: str) -> str:
    """The hash that identifies a document's content (sha256 of its clean text, hex): a re-run skips a document
    whose text is already stored, whatever its id.

    >>> content_hash("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def country_code(country: str) -> str:
    """An ISO alpha-2 code for a code or a name (``"Syria"``, ``"SYR"``, ``"sy"`` -> ``"SY"``).

    >>> country_code("Syria"), country_code("SYR"), country_code("sy")
    ('SY', 'SY', 'SY')
    """
    text = country.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(text)[0]
        except LookupError as error:
            raise StoreError(
                f"unknown country {country!r}: give an ISO 3166 code (SY, SYR) or a country name"
            ) from error
    return str(found.alpha_2)


def event_filter_sql(filters: EventFilter, param: str = "?") -> tuple[str, list[Any]]:
    """The WHERE clause (portable SQL over the ``events`` table aliased ``e``) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from is not None:
        clauses.append(f"e.date_end >= {param}")
        params.append(str(filters.date_from))
    if filters.date_to is not None:
        clauses.append(f"e.date_start <= {param}")
        params.append(str(filters.date_to))
    if filters.country:
        clauses.append(f"e.country = {param}")
        params.append(country_code(filters.country))
    if filters.admin1:
        clauses.append(f"LOWER(e.admin1) = {param}")
        params.append(filters.admin1.casefold())
    if filters.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        clauses.append(f"e.lon >= {param} AND e.lon <= {param} AND e.lat >= {param} AND e.lat <= {param}")
        params += [min_lon, max_lon, min_lat, max_lat]
    if filters.event_type:
        clauses.append(f"e.event_type = {param}")
        params.append(filters.event_type)
    if filters.sub_event_type:
        clauses.append(f"e.sub_event_type = {param}")
        params.append(filters.sub_event_type)
    if filters.actor:
        clauses.append(f"e.id IN (SELECT a.event_id FROM event_actors a WHERE LOWER(a.name) LIKE {param})")
        params.append(f"%{filters.actor.casefold()}%")
    if filters.min_fatalities is not None:
        clauses.append(f"e.fatalities >= {param}")
        params.append(filters.min_fatalities)
    if not filters.include_background:
        clauses.append(f"e.background = {param}")
        params.append(False)
    if not filters.include_criminal:
        clauses.append(f"e.disorder_type <> {param}")
        params.append(CRIMINAL_VIOLENCE)
    return (" AND ".join(clauses) or "1 = 1"), params


class Store(ABC):
    """One interface for every backend. Writes are transactional: a batch is stored whole or not at all."""

    #: Where the store is, safe to print (no password): a file path or ``postgresql://user@host:port/db``.
    address: str = ""

    @abstractmethod
    def add_documents(self, documents: Iterable[Document]) -> int:
        """Store documents (raw input, clean text, metadata, layers, their event mentions) in one transaction.

        Documents whose id is already stored are skipped, so re-running a corpus adds nothing. Returns how many
        were new. If anything fails, nothing of the batch is stored and ``StoreError`` is raised.
        """

    @abstractmethod
    def existing_documents(self, documents: Iterable[Document]) -> set[str]:
        """The ids of those ``documents`` that are already stored, under their id or with the same text (content
        hash): the documents a resumed run skips."""

    @abstractmethod
    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id is stored."""

    @abstractmethod
    def get_document(self, document_id: str) -> Document | None:
        """The stored document with its layers and event mentions, or None."""

    @abstractmethod
    def documents(self) -> Iterator[Document]:
        """Every stored document, by id."""

    @abstractmethod
    def add_event_mentions(self, mentions: Iterable[EventMention]) -> int:
        """Store event mentions (ids as given, or content hashes); returns how many were new."""

    @abstractmethod
    def unmerged_mentions(self) -> list[EventMention]:
        """Stored event mentions that belong to no event yet (the input of an incremental merge)."""

    @abstractmethod
    def upsert_events(self, events: Iterable[Event]) -> int:
        """Insert or replace events in one transaction; a stored event that shares a mention with a new one is
        superseded (deleted). Returns how many events were written."""

    @abstractmethod
    def merge_pending(self) -> int:
        """Merge the unmerged event mentions into incidents, in one transaction that other writers wait for: each
        joins a stored event (those in its date window are read) or starts a new one. Returns how many events were
        written (new or grown); a crash before the commit leaves the mentions unmerged for the next call."""

    @abstractmethod
    def events(self, filters: EventFilter | None = None) -> list[Event]:
        """Events matching ``filters`` (default: all current events), by date then id."""

    @abstractmethod
    def mentions_for(self, event_id: str) -> list[EventMention]:
        """The stored event mentions merged into an event."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Row counts: documents, rejected, event_mentions, events, sources."""

    @abstractmethod
    def schema_versions(self) -> list[int]:
        """The migrations recorded in the database, in order."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
