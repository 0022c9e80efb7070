"""The SQL both backends share: documents, layers, mentions, events and sources over a DB-API connection.

A backend (``SQLiteStore``, ``PostgresStore``) supplies the connection, how a write transaction begins (and which
lock it takes), its placeholder, and how its driver's errors read as ``StoreError``. The queries here are written
with ``?`` placeholders and portable SQL; a backend whose driver uses ``%s`` gets them translated.

Every write runs in one transaction (``_transaction``): a batch is stored whole or not at all. A store object may be
used from several threads (the CLI reads from the pool's feeder thread while the main thread writes): a lock keeps
each transaction and each read whole.
"""

from __future__ import annotations

import json
import threading
import time
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

from frontlines.errors import StoreError
from frontlines.merge.incidents import (
    date_interval,
    link_keys,
    mention_id,
    merge_mentions,
    reconcile,
    stored_window,
)
from frontlines.model import LAYER_NAMES, Document, Event, EventMention, EventRecord
from frontlines.store import migrations
from frontlines.store.base import EventFilter, Store, content_hash, event_filter_sql

# Document fields kept in their own columns or tables rather than in the metadata JSON.
_COLUMNS = ("id", "title", "outlet", "url", "language", "published", "text", "raw", "rejection")
_SEPARATE = (*_COLUMNS, *LAYER_NAMES, "event_mentions")
# Parameters per IN (...) query: under SQLite's oldest limit (999) and cheap for PostgreSQL.
_CHUNK = 400

T = TypeVar("T")
# A transaction that a concurrent writer made fail (PostgreSQL: deadlock) is rolled back whole, so it is retried.
RETRIES = 4

Merger = Callable[[Sequence[EventMention], Sequence[Event]], list[Event]]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def interval(record: EventRecord) -> tuple[str | None, str | None]:
    found = date_interval(record.date)
    if found is None:
        return None, None
    return found[0].isoformat(), found[1].isoformat()


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _by_date(event: Event) -> tuple[bool, str, str]:
    """Events by date (undated first), then id: the same order on every backend."""
    start = interval(event)[0]
    return (start is not None, start or "", event.id)


class Cursor:
    """A driver cursor that takes ``?`` placeholders whatever the driver's style."""

    def __init__(self, cursor: Any, placeholder: str) -> None:
        self.raw = cursor
        self._placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        if params:
            self.raw.execute(self._sql(sql), params)
        else:
            self.raw.execute(sql)
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.raw.executemany(self._sql(sql), rows)

    def fetchone(self) -> Any:
        return self.raw.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.raw.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self.raw.rowcount)


class SQLStore(Store):
    """The shared implementation; subclasses provide the connection and the driver specifics."""

    placeholder = "?"
    #: The driver's exception base class(es): these become StoreError.
    driver_errors: tuple[type[BaseException], ...] = ()

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.applied_migrations: list[int] = []

    # -- what a backend provides -------------------------------------------------------------------------------

    @abstractmethod
    def _connection_for_use(self) -> Any:
        """The open connection (reconnecting where the backend can); StoreError when closed or unreachable."""

    @abstractmethod
    def _begin(self, cursor: Cursor, lock: bool) -> None:
        """Begin a write transaction; with ``lock``, one that other writers of this kind wait for."""

    @abstractmethod
    def _has_table(self, name: str) -> bool:
        """Whether the table exists (read without taking a write lock)."""

    def _retryable(self, error: BaseException | None) -> bool:
        """Whether a driver error means "a concurrent writer got in the way; the same transaction may succeed if
        run again" (never for SQLite, whose writers take the lock before they start)."""
        return False

    def _with_retries(self, action: Callable[[], T]) -> T:
        for attempt in range(RETRIES):
            try:
                return action()
            except StoreError as error:
                if attempt + 1 < RETRIES and self._retryable(error.__cause__):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise
        raise AssertionError("unreachable")

    @abstractmethod
    def _store_error(self, error: BaseException, what: str, committing: bool) -> StoreError:
        """A clear StoreError for a driver error raised while trying to ``what``."""

    # -- transactions and reads ------------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, what: str, lock: bool = False) -> Iterator[Cursor]:
        with self._lock:
            connection = self._connection_for_use()
            cursor = Cursor(connection.cursor(), self.placeholder)
            committing = False
            try:
                self._begin(cursor, lock)
                yield cursor
                committing = True
                cursor.execute("COMMIT")
            except BaseException as error:
                self._rollback(cursor)
                if isinstance(error, self.driver_errors):
                    raise self._store_error(error, what, committing) from error
                raise
            finally:
                self._close_cursor(cursor)

    def _rollback(self, cursor: Cursor) -> None:
        # No transaction open, or the connection is gone (then the server rolls back): nothing to do.
        with suppress(*self.driver_errors):
            cursor.execute("ROLLBACK")

    def _close_cursor(self, cursor: Cursor) -> None:
        with suppress(*self.driver_errors):
            cursor.raw.close()

    def _read(self, what: str, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            connection = self._connection_for_use()
            cursor = Cursor(connection.cursor(), self.placeholder)
            try:
                return cursor.execute(sql, params).fetchall()
            except self.driver_errors as error:
                raise self._store_error(error, what, committing=False) from error
            finally:
                self._close_cursor(cursor)

    # -- migrations ------------------------------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply pending migrations, each in its own locked transaction (another process opening the same store at
        the same time waits, then finds them applied); returns the versions applied now."""
        if not self._has_table("schema_migrations"):
            with self._transaction("prepare the migrations table", lock=True) as cursor:
                cursor.execute(migrations.SCHEMA_MIGRATIONS_TABLE)
        done: list[int] = []
        applied = set(self.schema_versions())
        for version, name, function in migrations.pending(applied):
            with self._transaction(f"apply migration {version} ({name})", lock=True) as cursor:
                if cursor.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                    continue  # another process applied it while we waited for the lock
                function(cursor)
                cursor.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, now()),
                )
            done.append(version)
        return done

    def schema_versions(self) -> list[int]:
        rows = self._read("read the schema version", "SELECT version FROM schema_migrations")
        return sorted(int(row[0]) for row in rows)

    # -- documents -------------------------------------------------------------------------------------------------

    def add_documents(self, documents: Iterable[Document]) -> int:
        if isinstance(documents, list | tuple):  # can be run again if a concurrent writer gets in the way
            return self._with_retries(lambda: self._add_documents(documents))
        return self._add_documents(documents)

    def _add_documents(self, documents: Iterable[Document]) -> int:
        added = 0
        with self._transaction("add documents") as cursor:
            for document in documents:
                added += self._insert_document(cursor, document)
        return added

    def _insert_document(self, cursor: Cursor, document: Document) -> int:
        data = document.to_dict()
        metadata = {k: v for k, v in data.items() if k not in _SEPARATE}
        cursor.execute(
            "INSERT INTO documents (id, content_hash, title, outlet, url, language, published, text, raw, metadata,"
            " rejection, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (
                document.id,
                content_hash(document.text),
                document.title,
                document.outlet,
                document.url,
                document.language,
                document.published,
                document.text,
                dumps(data["raw"]) if document.raw is not None else None,
                dumps(metadata),
                dumps(data["rejection"]) if document.rejection is not None else None,
                now(),
            ),
        )
        if cursor.rowcount == 0:
            return 0  # already stored (by this run or another writer): its layers are there too
        cursor.executemany(
            "INSERT INTO annotations (document_id, layer, data) VALUES (?, ?, ?)",
            [(document.id, layer, dumps(data[layer])) for layer in LAYER_NAMES if data.get(layer)],
        )
        if document.outlet:
            self._add_source(cursor, document.outlet, "outlet")
        self._insert_mentions(cursor, document.event_mentions, default_document=document.id)
        return 1

    def existing_documents(self, documents: Iterable[Document]) -> set[str]:
        wanted = {document.id: content_hash(document.text) for document in documents}
        if not wanted:
            return set()
        ids: set[str] = set()
        hashes: set[str] = set()
        for chunk in _chunks(sorted(wanted)):
            marks = ", ".join("?" * len(chunk))
            ids.update(
                row[0]
                for row in self._read(
                    "look up stored documents", f"SELECT id FROM documents WHERE id IN ({marks})", chunk
                )
            )
        for chunk in _chunks(sorted(set(wanted.values()))):
            marks = ", ".join("?" * len(chunk))
            hashes.update(
                row[0]
                for row in self._read(
                    "look up stored documents",
                    f"SELECT content_hash FROM documents WHERE content_hash IN ({marks})",
                    chunk,
                )
            )
        return {key for key, digest in wanted.items() if key in ids or digest in hashes}

    def has_document(self, document_id: str) -> bool:
        return bool(self._read("look up a document", "SELECT 1 FROM documents WHERE id = ?", (document_id,)))

    def get_document(self, document_id: str) -> Document | None:
        with self._lock:
            rows = self._read(
                "read a document",
                "SELECT id, title, outlet, url, language, published, text, raw, rejection, metadata FROM documents"
                " WHERE id = ?",
                (document_id,),
            )
            return None if not rows else self._document(rows[0])

    def documents(self) -> Iterator[Document]:
        ids = sorted(row[0] for row in self._read("list documents", "SELECT id FROM documents"))
        for document_id in ids:
            document = self.get_document(document_id)
            if document is not None:
                yield document

    def _document(self, row: Sequence[Any]) -> Document:
        data: dict[str, Any] = json.loads(row[9])
        data.update(zip(_COLUMNS, row[:9], strict=True))
        data["raw"] = json.loads(row[7]) if row[7] else None
        data["rejection"] = json.loads(row[8]) if row[8] else None
        for layer, payload in self._read(
            "read a document's layers", "SELECT layer, data FROM annotations WHERE document_id = ?", (row[0],)
        ):
            data[layer] = json.loads(payload)
        mentions = self._read(
            "read a document's event mentions",
            "SELECT id, data FROM event_mentions WHERE document_id = ?",
            (row[0],),
        )
        data["event_mentions"] = [json.loads(payload) for _, payload in sorted(mentions)]
        return Document.model_validate(data)

    # -- sources ---------------------------------------------------------------------------------------------------

    @staticmethod
    def _add_source(cursor: Cursor, name: str, kind: str) -> None:
        cursor.execute(
            "INSERT INTO sources (name, kind) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (name, kind)
        )

    # -- event mentions --------------------------------------------------------------------------------------------

    def add_event_mentions(self, mentions: Iterable[EventMention]) -> int:
        with self._transaction("add event mentions") as cursor:
            return self._insert_mentions(cursor, mentions)

    def _insert_mentions(
        self, cursor: Cursor, mentions: Iterable[EventMention], default_document: str | None = None
    ) -> int:
        added = 0
        for mention in mentions:
            data = mention.to_dict()
            data["id"] = mention_id(mention)
            start, end = interval(mention)
            cursor.execute(
                "INSERT INTO event_mentions (id, document_id, event_type, sub_event_type, disorder_type, date_start,"
                " date_end, country, lat, lon, background, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (
                    data["id"],
                    mention.document_ids[0] if mention.document_ids else default_document,
                    mention.event_type,
                    mention.sub_event_type,
                    mention.disorder_type,
                    start,
                    end,
                    mention.location.country,
                    mention.location.lat,
                    mention.location.lon,
                    mention.background,
                    dumps(data),
                ),
            )
            if cursor.rowcount:
                added += 1
                cursor.execute("INSERT INTO pending_mentions (mention_id) VALUES (?)", (data["id"],))
            for source in mention.sources:
                self._add_source(cursor, source.name, source.kind)
        return added

    # Mentions not yet in an event (kept in pending_mentions: scanning every mention would grow with the store).
    _UNMERGED = "SELECT m.id, m.data FROM pending_mentions p JOIN event_mentions m ON m.id = p.mention_id"

    def unmerged_mentions(self) -> list[EventMention]:
        rows = self._read("read unmerged event mentions", self._UNMERGED)
        return [EventMention.model_validate_json(payload) for _, payload in sorted(rows)]

    def mentions_for(self, event_id: str) -> list[EventMention]:
        rows = self._read(
            "read an event's mentions",
            "SELECT m.id, m.data FROM event_mentions m JOIN event_members em ON em.mention_id = m.id"
            " WHERE em.event_id = ?",
            (event_id,),
        )
        return [EventMention.model_validate_json(payload) for _, payload in sorted(rows)]

    # -- events ----------------------------------------------------------------------------------------------------

    def upsert_events(self, events: Iterable[Event]) -> int:
        with self._transaction("write events") as cursor:
            return self._write_events(cursor, events)

    def _write_events(self, cursor: Cursor, events: Iterable[Event]) -> int:
        written = 0
        for event in events:
            members = event.mention_ids or [event.id]
            superseded = {
                row[0]
                for mention in members
                for row in cursor.execute(
                    "SELECT event_id FROM event_members WHERE mention_id = ?", (mention,)
                ).fetchall()
            }
            for old in sorted(superseded | {event.id}):
                self._delete_event(cursor, old)
            self._insert_event(cursor, event, members)
            written += 1
        return written

    def merge_pending(self, merge: Merger = merge_mentions) -> int:
        return self._with_retries(lambda: self._merge_pending(merge))

    def _merge_pending(self, merge: Merger) -> int:
        with self._transaction("merge event mentions into events", lock=True) as cursor:
            mentions = [
                EventMention.model_validate_json(payload)
                for _, payload in sorted(cursor.execute(self._UNMERGED).fetchall())
            ]
            if not mentions:
                return 0
            existing = self._events_near(cursor, mentions)
            known = {event.id for event in existing}
            changed = [event for event in merge(mentions, existing) if event.id not in known]
            # A grown incident is reconciled again from all its mentions, so that its fields (the representative
            # date, place, notes) do not depend on how the corpus was cut into batches.
            pending = {mention_id(m): m for m in mentions}
            changed = [self._reconciled(cursor, event, pending) for event in changed]
            return self._write_events(cursor, changed)

    def _events_near(self, cursor: Cursor, mentions: Sequence[EventMention]) -> list[Event]:
        """The stored events that could join the mentions (a superset, see merge.stored_window): per distinct
        window, indexed reads of the events starting in its days inside its place box or admin1, and of the few
        events spanning several days, and the events filed under one of the mentions' link keys (far links), so
        merging a batch reads the events near it, never the whole store."""
        found: dict[str, Event] = {}
        for window in sorted({w for m in mentions if (w := stored_window(m)) is not None}, key=repr):
            days = [str(window.first_end), str(window.last_start)]  # events starting inside the window
            parts: list[tuple[str, list[Any]]] = []
            box = "e.lat >= ? AND e.lat <= ? AND e.lon >= ? AND e.lon <= ?"
            if window.bbox is not None:
                # "+e.lat" keeps the planner on the date index (a few days of events) rather than the latitude one.
                ranged = box.replace("e.lat", "+e.lat")
                parts.append((f"e.date_start >= ? AND e.date_start <= ? AND {ranged}", [*days, *window.bbox]))
            if window.admin is not None:
                parts.append(
                    (
                        "e.country = ? AND e.admin1 = ? AND e.date_start >= ? AND e.date_start <= ?",
                        [*window.admin, *days],
                    )
                )
            # Events that started before the window and reach into it (multi-day ones only: a partial index).
            place = f"({box})" if window.bbox is not None else "1 = 0"
            place_params: list[Any] = list(window.bbox or ())
            if window.admin is not None:
                place += " OR (e.country = ? AND e.admin1 = ?)"
                place_params += list(window.admin)
            parts.append(
                (
                    f"e.date_end > e.date_start AND e.date_start >= ? AND e.date_start < ? AND e.date_end >= ?"
                    f" AND ({place})",
                    [str(window.first_start), days[0], days[0], *place_params],
                )
            )
            for where, params in parts:
                for event_id, lat, lon, payload in cursor.execute(
                    f"SELECT e.id, e.lat, e.lon, e.data FROM events e WHERE {where}", params
                ).fetchall():
                    if event_id not in found and window.may_join(lat, lon):
                        found[event_id] = Event.model_validate_json(payload)
        # Far links: the events filed under a town, person or street of the same day, wherever they lie.
        keys = sorted({key for m in mentions for key in link_keys(m)})
        for chunk in _chunks(keys):
            marks = ", ".join("?" * len(chunk))
            for event_id, payload in cursor.execute(
                "SELECT e.id, e.data FROM events e WHERE e.id IN"
                f" (SELECT k.event_id FROM event_link_keys k WHERE k.link_key IN ({marks}))",
                chunk,
            ).fetchall():
                if event_id not in found:
                    found[event_id] = Event.model_validate_json(payload)
        return list(found.values())

    def _reconciled(self, cursor: Cursor, event: Event, pending: dict[str, EventMention]) -> Event:
        members = sorted(set(event.mention_ids))
        if len(members) < 2 or all(m in pending for m in members):
            return event  # made from new mentions only: already reconciled from all of them
        found = dict(pending)
        for chunk in _chunks([m for m in members if m not in pending]):
            marks = ", ".join("?" * len(chunk))
            for key, payload in cursor.execute(
                f"SELECT id, data FROM event_mentions WHERE id IN ({marks})", chunk
            ).fetchall():
                found[key] = EventMention.model_validate_json(payload)
        if any(m not in found for m in members):
            return (
                event  # mentions stored elsewhere (events written by upsert_events alone): keep the merge's
            )
        return reconcile([found[m] for m in members], [[m] for m in members])

    @staticmethod
    def _delete_event(cursor: Cursor, event_id: str) -> None:
        # Its stored mentions wait for a merge again until an event takes them back (_insert_event).
        cursor.execute(
            "INSERT INTO pending_mentions (mention_id) SELECT em.mention_id FROM event_members em"
            " JOIN event_mentions m ON m.id = em.mention_id WHERE em.event_id = ? ON CONFLICT (mention_id) DO NOTHING",
            (event_id,),
        )
        # Explicit deletes (not only ON DELETE CASCADE) so that a backend without enforced keys stays consistent.
        for table in ("event_members", "event_documents", "event_sources", "event_actors", "event_link_keys"):
            cursor.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
        cursor.execute("DELETE FROM events WHERE id = ?", (event_id,))

    def _insert_event(self, cursor: Cursor, event: Event, members: list[str]) -> None:
        start, end = interval(event)
        location = event.location
        cursor.execute(
            "INSERT INTO events (id, event_type, sub_event_type, disorder_type, date_start, date_end, country, admin1,"
            " lat, lon, fatalities, background, aggregate, data, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                event.event_type,
                event.sub_event_type,
                event.disorder_type,
                start,
                end,
                location.country.upper() if location.country else None,
                location.admin1,
                location.lat,
                location.lon,
                (event.fatalities.best or 0) if event.fatalities else 0,
                event.background,
                event.aggregate,
                dumps(event.to_dict()),
                now(),
            ),
        )
        cursor.executemany(
            "INSERT INTO event_members (mention_id, event_id) VALUES (?, ?)",
            [(mention, event.id) for mention in sorted(set(members))],
        )
        cursor.executemany(
            "DELETE FROM pending_mentions WHERE mention_id = ?",
            [(mention,) for mention in sorted(set(members))],
        )
        cursor.executemany(
            "INSERT INTO event_documents (event_id, document_id) VALUES (?, ?)",
            [(event.id, document_id) for document_id in sorted(set(event.document_ids))],
        )
        cursor.executemany(
            "INSERT INTO event_link_keys (link_key, event_id) VALUES (?, ?)",
            [(key, event.id) for key in sorted(link_keys(event))],
        )
        names: dict[str, str] = {}
        for source in event.sources:
            names.setdefault(source.name, source.kind)
        for name, kind in names.items():
            self._add_source(cursor, name, kind)
        cursor.executemany(
            "INSERT INTO event_sources (event_id, source_name) VALUES (?, ?)",
            [(event.id, name) for name in sorted(names)],
        )
        actors = {(actor.role, actor.name): actor.inter for actor in event.actors}
        cursor.executemany(
            "INSERT INTO event_actors (event_id, role, name, inter) VALUES (?, ?, ?, ?)",
            [(event.id, role, name, inter) for (role, name), inter in sorted(actors.items())],
        )

    def events(self, filters: EventFilter | None = None) -> list[Event]:
        where, params = event_filter_sql(filters or EventFilter(), "?")
        rows = self._read("read events", f"SELECT e.data FROM events e WHERE {where}", params)
        return sorted((Event.model_validate_json(payload) for (payload,) in rows), key=_by_date)

    def counts(self) -> dict[str, int]:
        queries = {
            "documents": "SELECT COUNT(*) FROM documents",
            "rejected": "SELECT COUNT(*) FROM documents WHERE rejection IS NOT NULL",
            "event_mentions": "SELECT COUNT(*) FROM event_mentions",
            "events": "SELECT COUNT(*) FROM events",
            "sources": "SELECT COUNT(*) FROM sources",
        }
        with self._lock:
            return {name: int(self._read("count rows", sql)[0][0]) for name, sql in queries.items()}
