"""The store: one interface (``Store``), SQLite as the embedded default, PostgreSQL (psycopg 3) for teams.

>>> store = open_store(":memory:")
>>> store.counts()["events"]
0
>>> store.close()
"""

from __future__ import annotations

from pathlib import Path

from frontlines.errors import StoreError
from frontlines.store.base import EventFilter, Store, content_hash, country_code
from frontlines.store.sqlite import SQLiteStore

__all__ = ["EventFilter", "SQLiteStore", "Store", "content_hash", "country_code", "open_store"]


def open_store(target: str | Path) -> Store:
    """Open (and migrate) a store: a file path or ``sqlite:///path`` opens SQLite (``:memory:`` works too);
    ``postgresql://user:password@host:port/database`` (or ``postgres://``) opens PostgreSQL (needs psycopg:
    ``pip install 'frontlines[postgres]'``)."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from frontlines.store.postgres import PostgresStore

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif text.startswith("sqlite://"):
        raise StoreError(
            f"cannot read the store address {text!r}: write sqlite:///relative/path or sqlite:////abs/path"
        )
    elif "://" in text:
        raise StoreError(
            f"unknown store address {text!r}: give a file path, sqlite:///path or postgresql://..."
        )
    if not text:
        raise StoreError("the store address is empty: give a file path such as frontlines.sqlite")
    return SQLiteStore(text)
