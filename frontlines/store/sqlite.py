"""The embedded store: one SQLite file in WAL mode (readers do not block the writer).

>>> store = SQLiteStore(":memory:")
>>> store.add_documents([Document(id="d1", text="Shelling hit Aleppo.")]), store.counts()["documents"]
(1, 1)
>>> store.add_documents([Document(id="d1", text="Shelling hit Aleppo.")])
0
>>> store.close()
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontlines.errors import StoreError
from frontlines.merge.incidents import date_interval, mention_id
from frontlines.model import LAYER_NAMES, Document, Event, EventMention, EventRecord
from frontlines.store import migrations
from frontlines.store.base import EventFilter, Store, event_filter_sql

# Document fields kept in their own columns or tables rather than in the metadata JSON.
_COLUMNS = ("id", "title", "outlet", "url", "language", "published", "text", "raw", "rejection")
_SEPARATE = (*_COLUMNS, *LAYER_NAMES, "event_mentions")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _interval(record: EventRecord) -> tuple[str | None, str | None]:
    interval = date_interval(record.date)
    if interval is None:
        return None, None
    return interval[0].isoformat(), interval[1].isoformat()


class SQLiteStore(Store):
    """A Store in one SQLite file (or ``":memory:"``). Migrations run when it opens."""

    def __init__(self, path: str | Path, timeout: float = 30.0) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE), one per batch.
            self._connection: sqlite3.Connection | None = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None
            )
            self._connection.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                mode = self._connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(
                        f"cannot switch {self.path} to WAL mode (got {mode!r}); is it on a network drive?"
                    )
                self._connection.execute("PRAGMA synchronous = NORMAL")
            self.applied_migrations = self.migrate()
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the SQLite store {self.path}: {error}") from error

    # -- connection and transactions -----------------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StoreError(f"the store {self.path} is closed; open it again with open_store()")
        return self._connection

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Cursor]:
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
            yield cursor
            cursor.execute("COMMIT")
        except BaseException as error:
            if self.connection.in_transaction:
                cursor.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise StoreError(
                    f"cannot {what} in {self.path} (nothing of the batch was stored): {error}"
                ) from error
            raise
        finally:
            cursor.close()

    def migrate(self) -> list[int]:
        """Apply pending migrations, each in its own transaction; returns the versions applied now."""
        self.connection.execute(migrations.SCHEMA_MIGRATIONS_TABLE)
        applied = {row[0] for row in self.connection.execute("SELECT version FROM schema_migrations")}
        done = []
        for version, name, function in migrations.pending(applied):
            with self._transaction(f"apply migration {version} ({name})") as cursor:
                function(cursor)
                cursor.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )
            done.append(version)
        return done

    def schema_versions(self) -> list[int]:
        return [
            row[0]
            for row in self.connection.execute("SELECT version FROM schema_migrations ORDER BY version")
        ]

    def journal_mode(self) -> str:
        return str(self.connection.execute("PRAGMA journal_mode").fetchone()[0])

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # -- documents -------------------------------------------------------------------------------------------------

    def add_documents(self, documents: Iterable[Document]) -> int:
        added = 0
        with self._transaction("add documents") as cursor:
            for document in documents:
                if self._has_document(cursor, document.id):
                    continue
                self._insert_document(cursor, document)
                added += 1
        return added

    def _insert_document(self, cursor: sqlite3.Cursor, document: Document) -> None:
        data = document.to_dict()
        metadata = {k: v for k, v in data.items() if k not in _SEPARATE}
        cursor.execute(
            "INSERT INTO documents (id, content_hash, title, outlet, url, language, published, text, raw, metadata,"
            " rejection, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document.id,
                hashlib.sha256(document.text.encode("utf-8")).hexdigest(),
                document.title,
                document.outlet,
                document.url,
                document.language,
                document.published,
                document.text,
                _dumps(data["raw"]) if document.raw is not None else None,
                _dumps(metadata),
                _dumps(data["rejection"]) if document.rejection is not None else None,
                _now(),
            ),
        )
        for layer in LAYER_NAMES:
            if data.get(layer):
                cursor.execute(
                    "INSERT INTO annotations (document_id, layer, data) VALUES (?, ?, ?)",
                    (document.id, layer, _dumps(data[layer])),
                )
        if document.outlet:
            self._add_source(cursor, document.outlet, "outlet")
        self._insert_mentions(cursor, document.event_mentions, default_document=document.id)

    @staticmethod
    def _has_document(cursor: sqlite3.Cursor, document_id: str) -> bool:
        return cursor.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def has_document(self, document_id: str) -> bool:
        return self._has_document(self.connection.cursor(), document_id)

    def get_document(self, document_id: str) -> Document | None:
        row = self.connection.execute(
            "SELECT id, title, outlet, url, language, published, text, raw, rejection, metadata FROM documents"
            " WHERE id = ?",
            (document_id,),
        ).fetchone()
        return None if row is None else self._document(row)

    def documents(self) -> Iterator[Document]:
        ids = [row[0] for row in self.connection.execute("SELECT id FROM documents ORDER BY id")]
        for document_id in ids:
            document = self.get_document(document_id)
            if document is not None:
                yield document

    def _document(self, row: Sequence[Any]) -> Document:
        data: dict[str, Any] = json.loads(row[9])
        data.update(zip(_COLUMNS, row[:9], strict=True))
        data["raw"] = json.loads(row[7]) if row[7] else None
        data["rejection"] = json.loads(row[8]) if row[8] else None
        for layer, payload in self.connection.execute(
            "SELECT layer, data FROM annotations WHERE document_id = ?", (row[0],)
        ):
            data[layer] = json.loads(payload)
        data["event_mentions"] = [
            json.loads(payload)
            for (payload,) in self.connection.execute(
                "SELECT data FROM event_mentions WHERE document_id = ? ORDER BY id", (row[0],)
            )
        ]
        return Document.model_validate(data)

    # -- sources ---------------------------------------------------------------------------------------------------

    @staticmethod
    def _add_source(cursor: sqlite3.Cursor, name: str, kind: str) -> None:
        cursor.execute(
            "INSERT INTO sources (name, kind) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (name, kind)
        )

    # -- event mentions --------------------------------------------------------------------------------------------

    def add_event_mentions(self, mentions: Iterable[EventMention]) -> int:
        with self._transaction("add event mentions") as cursor:
            return self._insert_mentions(cursor, mentions)

    def _insert_mentions(
        self, cursor: sqlite3.Cursor, mentions: Iterable[EventMention], default_document: str | None = None
    ) -> int:
        added = 0
        for mention in mentions:
            data = mention.to_dict()
            data["id"] = mention_id(mention)
            start, end = _interval(mention)
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
                    _dumps(data),
                ),
            )
            added += cursor.rowcount
            for source in mention.sources:
                self._add_source(cursor, source.name, source.kind)
        return added

    def unmerged_mentions(self) -> list[EventMention]:
        rows = self.connection.execute(
            "SELECT m.data FROM event_mentions m WHERE NOT EXISTS"
            " (SELECT 1 FROM event_members em WHERE em.mention_id = m.id) ORDER BY m.id"
        )
        return [EventMention.model_validate_json(payload) for (payload,) in rows]

    def mentions_for(self, event_id: str) -> list[EventMention]:
        rows = self.connection.execute(
            "SELECT m.data FROM event_mentions m JOIN event_members em ON em.mention_id = m.id"
            " WHERE em.event_id = ? ORDER BY m.id",
            (event_id,),
        )
        return [EventMention.model_validate_json(payload) for (payload,) in rows]

    # -- events ----------------------------------------------------------------------------------------------------

    def upsert_events(self, events: Iterable[Event]) -> int:
        written = 0
        with self._transaction("write events") as cursor:
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

    @staticmethod
    def _delete_event(cursor: sqlite3.Cursor, event_id: str) -> None:
        # Explicit deletes (not only ON DELETE CASCADE) so that a backend without enforced keys stays consistent.
        for table in ("event_members", "event_documents", "event_sources", "event_actors"):
            cursor.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
        cursor.execute("DELETE FROM events WHERE id = ?", (event_id,))

    def _insert_event(self, cursor: sqlite3.Cursor, event: Event, members: list[str]) -> None:
        start, end = _interval(event)
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
                _dumps(event.to_dict()),
                _now(),
            ),
        )
        cursor.executemany(
            "INSERT INTO event_members (mention_id, event_id) VALUES (?, ?)",
            [(mention, event.id) for mention in sorted(set(members))],
        )
        cursor.executemany(
            "INSERT INTO event_documents (event_id, document_id) VALUES (?, ?)",
            [(event.id, document_id) for document_id in sorted(set(event.document_ids))],
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
        try:
            rows = self.connection.execute(
                f"SELECT e.data FROM events e WHERE {where} ORDER BY e.date_start, e.id", params
            ).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"cannot read events from {self.path}: {error}") from error
        return [Event.model_validate_json(payload) for (payload,) in rows]

    def counts(self) -> dict[str, int]:
        queries = {
            "documents": "SELECT COUNT(*) FROM documents",
            "rejected": "SELECT COUNT(*) FROM documents WHERE rejection IS NOT NULL",
            "event_mentions": "SELECT COUNT(*) FROM event_mentions",
            "events": "SELECT COUNT(*) FROM events",
            "sources": "SELECT COUNT(*) FROM sources",
        }
        return {name: int(self.connection.execute(sql).fetchone()[0]) for name, sql in queries.items()}
