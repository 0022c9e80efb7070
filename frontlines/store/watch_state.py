"""What ``frontlines watch`` has seen, kept in the store (tables ``watch_sources`` and ``watch_items``, migration 2),
so that a restarted watcher takes nothing twice. Part of the store package: it runs its SQL through the store's own
transactions and retries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from frontlines.errors import StoreError
from frontlines.store.base import Store
from frontlines.store.sql import SQLStore


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class WatchState:
    """The watcher's memory, in the store (``watch_sources`` and ``watch_items``)."""

    def __init__(self, store: Store) -> None:
        if not isinstance(store, SQLStore):
            raise StoreError(
                f"the watcher needs a SQL store (SQLite or PostgreSQL), not {type(store).__name__}"
            )
        self.store = store

    def seen(self, source: str, items: Iterable[str]) -> set[str]:
        wanted = sorted(set(items))
        found: set[str] = set()
        for start in range(0, len(wanted), 400):
            chunk = wanted[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            rows = self.store._read(
                "read the watch state",
                f"SELECT item FROM watch_items WHERE source = ? AND item IN ({marks})",
                (source, *chunk),
            )
            found.update(str(row[0]) for row in rows)
        return found

    def mark(self, source: str, items: dict[str, str]) -> None:
        """Record items (item -> document id) as seen, in one transaction."""
        if not items:
            return
        with self.store._transaction("record the watched items") as cursor:
            known = set()
            for item in items:
                if cursor.execute(
                    "SELECT 1 FROM watch_items WHERE source = ? AND item = ?", (source, item)
                ).fetchone():
                    known.add(item)
            cursor.executemany(
                "INSERT INTO watch_items (source, item, document_id, seen_at) VALUES (?, ?, ?, ?)",
                [(source, item, doc, _now()) for item, doc in sorted(items.items()) if item not in known],
            )

    def polled(self, source: str, error: str | None, new_items: int) -> None:
        with self.store._transaction("record the poll") as cursor:
            row = cursor.execute(
                "SELECT failures, items FROM watch_sources WHERE source = ?", (source,)
            ).fetchone()
            failures, items = (int(row[0]), int(row[1])) if row else (0, 0)
            failures = failures + 1 if error else 0
            stamp = _now()
            if row is None:
                cursor.execute(
                    "INSERT INTO watch_sources (source, last_poll, last_success, last_error, failures, items)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (source, stamp, None if error else stamp, error, failures, new_items),
                )
            elif error:
                cursor.execute(
                    "UPDATE watch_sources SET last_poll = ?, last_error = ?, failures = ? WHERE source = ?",
                    (stamp, error, failures, source),
                )
            else:
                cursor.execute(
                    "UPDATE watch_sources SET last_poll = ?, last_success = ?, failures = 0, items = ?"
                    " WHERE source = ?",
                    (stamp, stamp, items + new_items, source),
                )

    def sources(self) -> dict[str, dict[str, Any]]:
        rows = self.store._read(
            "read the watch state",
            "SELECT source, last_poll, last_success, last_error, failures, items FROM watch_sources",
        )
        names = ("last_poll", "last_success", "last_error", "failures", "items")
        return {str(row[0]): dict(zip(names, row[1:], strict=True)) for row in rows}

    def item_count(self) -> int:
        return int(self.store._read("count watched items", "SELECT COUNT(*) FROM watch_items")[0][0])
