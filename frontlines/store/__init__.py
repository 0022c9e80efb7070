"""The store: one interface (``Store``), SQLite as the embedded default, PostgreSQL later.

>>> store = open_store(":memory:")
>>> store.counts()["events"]
0
>>> store.close()
"""

from __future__ import annotations

from pathlib import Path

from frontlines.errors import StoreError
from frontlines.store.base import EventFilter, Store, country_code
from frontlines.store.sqlite import SQLiteStore

__all__ = ["EventFilter", "SQLiteStore", "Store", "country_code", "open_store"]


def open_store(target: str | Path) -> Store:
    """Open (and migrate) a store: a file path or ``sqlite:///path`` opens SQLite (``:memory:`` works too);
    ``postgresql://...`` is planned but not yet supported."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            "PostgreSQL stores are not yet supported; use a SQLite file (a path or sqlite:///path) for now"
        )
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
