"""Numbered schema migrations, recorded in the ``schema_migrations`` table.

A migration is a function taking a DB-API cursor; it runs portable SQL (TEXT, INTEGER, DOUBLE PRECISION, BOOLEAN,
no backend-specific syntax) so that SQLite and PostgreSQL share it. JSON payloads are stored as TEXT. Add a
migration by appending a new numbered function to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[Any], None]


def m001_initial(cursor: Any) -> None:
    """Documents, layers, event mentions, events, sources and the links between them."""
    statements = [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            url TEXT,
            language TEXT,
            published TEXT,
            text TEXT NOT NULL,
            raw TEXT,
            metadata TEXT NOT NULL,
            rejection TEXT,
            added_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_content_hash ON documents (content_hash)",
        """CREATE TABLE annotations (
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (document_id, layer)
        )""",
        """CREATE TABLE sources (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL
        )""",
        """CREATE TABLE event_mentions (
            id TEXT PRIMARY KEY,
            document_id TEXT,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            disorder_type TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            country TEXT,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            background BOOLEAN NOT NULL,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX event_mentions_document ON event_mentions (document_id)",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            disorder_type TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            country TEXT,
            admin1 TEXT,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            fatalities INTEGER NOT NULL,
            background BOOLEAN NOT NULL,
            aggregate BOOLEAN NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX events_date ON events (date_start, date_end)",
        "CREATE INDEX events_place ON events (country, admin1)",
        "CREATE INDEX events_lat_lon ON events (lat, lon)",
        """CREATE TABLE event_members (
            mention_id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE
        )""",
        "CREATE INDEX event_members_event ON event_members (event_id)",
        """CREATE TABLE event_documents (
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            document_id TEXT NOT NULL,
            PRIMARY KEY (event_id, document_id)
        )""",
        "CREATE INDEX event_documents_document ON event_documents (document_id)",
        """CREATE TABLE event_sources (
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            source_name TEXT NOT NULL REFERENCES sources (name),
            PRIMARY KEY (event_id, source_name)
        )""",
        """CREATE TABLE event_actors (
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            inter INTEGER,
            PRIMARY KEY (event_id, role, name)
        )""",
        "CREATE INDEX event_actors_name ON event_actors (name)",
    ]
    for statement in statements:
        cursor.execute(statement)


def m002_watch_state(cursor: Any) -> None:
    """What ``frontlines watch`` has seen: per source (a feed or URL list), its last poll and error, and each item
    (feed entry id or link, or listed URL) ingested from it, so that a restarted watcher takes nothing twice."""
    cursor.execute(
        """CREATE TABLE watch_sources (
            source TEXT PRIMARY KEY,
            last_poll TEXT,
            last_success TEXT,
            last_error TEXT,
            failures INTEGER NOT NULL,
            items INTEGER NOT NULL
        )"""
    )
    cursor.execute(
        """CREATE TABLE watch_items (
            source TEXT NOT NULL,
            item TEXT NOT NULL,
            document_id TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (source, item)
        )"""
    )


def m003_merge_scaling(cursor: Any) -> None:
    """Merging cost that follows the batch, not the store.

    Merging reads the stored events near each new mention (frontlines.store.sql.SQLStore._events_near) through
    three indexes: events starting in the date window inside a place box (coordinates in the date index, filtered
    inside it; the old date index is its prefix, so it goes), events starting in the window in the same admin1 (the
    place index gains the start date), and the few events spanning several days (a partial index). The mentions
    waiting to be merged are listed in ``pending_mentions`` instead of being found by scanning every mention.
    """
    cursor.execute("DROP INDEX events_date")
    cursor.execute("CREATE INDEX events_date_place ON events (date_start, lat, lon, date_end)")
    cursor.execute("DROP INDEX events_place")
    cursor.execute("CREATE INDEX events_place_date ON events (country, admin1, date_start)")
    cursor.execute("CREATE INDEX events_spans ON events (date_start, date_end) WHERE date_end > date_start")
    cursor.execute("CREATE TABLE pending_mentions (mention_id TEXT PRIMARY KEY)")
    cursor.execute(
        "INSERT INTO pending_mentions (mention_id) SELECT m.id FROM event_mentions m WHERE NOT EXISTS"
        " (SELECT 1 FROM event_members em WHERE em.mention_id = m.id)"
    )


def m004_link_keys(cursor: Any) -> None:
    """Far links in a store: every event is filed under its ``link_keys`` (its town, named persons and streets, each
    with a day), so that merging a new report reads the stored events that share one wherever they were placed
    (a town read as its namesake in another state), as a merge of the whole corpus at once would join them."""
    from frontlines.merge.incidents import link_keys
    from frontlines.model import Event

    cursor.execute(
        """CREATE TABLE event_link_keys (
            link_key TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            PRIMARY KEY (link_key, event_id)
        )"""
    )
    cursor.execute("CREATE INDEX event_link_keys_event ON event_link_keys (event_id)")
    rows = cursor.execute("SELECT id, data FROM events").fetchall()
    for event_id, payload in rows:
        keys = sorted(link_keys(Event.model_validate_json(payload)))
        if keys:
            cursor.executemany(
                "INSERT INTO event_link_keys (link_key, event_id) VALUES (?, ?)",
                [(k, event_id) for k in keys],
            )


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "initial", m001_initial),
    (2, "watch state", m002_watch_state),
    (3, "merge scaling", m003_merge_scaling),
    (4, "far link keys", m004_link_keys),
)

SCHEMA_MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


def pending(applied: set[int]) -> list[tuple[int, str, Migration]]:
    """The migrations not yet applied, in order."""
    return [m for m in MIGRATIONS if m[0] not in applied]
