"""The embedded store: one SQLite file in WAL mode (readers do not block the writer).

Writers: each write is one ``BEGIN IMMEDIATE`` transaction, so two processes writing to one file take turns; a writer
that finds the file locked waits up to ``timeout`` seconds (SQLite's busy timeout), then fails with a StoreError that
says the store is locked and that nothing of its batch was stored. A process killed mid-transaction leaves nothing
of that transaction behind (the WAL is rolled back when the file is next opened).

>>> store = SQLiteStore(":memory:")
>>> store.add_documents([Document(id="d1", text="Shelling hit Aleppo.")]), store.counts()["documents"]
(1, 1)
>>> store.add_documents([Document(id="d1", text="Shelling hit Aleppo.")])
0
>>> store.close()
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from frontlines.errors import StoreError
from frontlines.model import Document  # noqa: F401  (the doctest above uses it)
from frontlines.store.sql import Cursor, SQLStore


class SQLiteStore(SQLStore):
    """A Store in one SQLite file (or ``":memory:"``). Migrations run when it opens.

    ``timeout``: how long (seconds) a write waits for another process's write to finish before giving up.
    """

    placeholder = "?"
    driver_errors = (sqlite3.Error,)

    def __init__(self, path: str | Path, timeout: float = 30.0) -> None:
        super().__init__()
        self.path = str(path)
        self.address = self.path
        self.timeout = timeout
        self._connection: sqlite3.Connection | None = None
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE), one per batch. The connection
            # may be used from another thread of this process (see sql.py: a lock serializes its use).
            self._connection = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self._connection.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                mode = self._switch_to_wal()
                if str(mode).lower() != "wal":
                    raise StoreError(
                        f"cannot switch {self.path} to WAL mode (got {mode!r}); is it on a network drive?"
                    )
                self._connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as error:
            self.close()
            raise StoreError(f"cannot open the SQLite store {self.path}: {error}") from error
        except OSError as error:  # its folder cannot be made: a file in the way, no permission
            self.close()
            raise StoreError(
                f"cannot open the SQLite store {self.path}: cannot make its folder {Path(self.path).parent}"
                f" ({error.strerror or error})"
            ) from error
        except StoreError:
            self.close()
            raise
        try:
            self.applied_migrations = self.migrate()
        except StoreError:
            self.close()
            raise

    def _switch_to_wal(self) -> str:
        """Set WAL mode. Two processes opening a new file at once can get "database is locked" here at once, without
        SQLite's busy timeout applying, so this waits and tries again within the timeout."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return str(self.connection.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    # -- what SQLStore needs -----------------------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StoreError(f"the store {self.path} is closed; open it again with open_store()")
        return self._connection

    def _connection_for_use(self) -> Any:
        return self.connection

    def _begin(self, cursor: Cursor, lock: bool) -> None:
        # IMMEDIATE takes the write lock now (waiting up to the busy timeout), so a transaction never fails later
        # because another writer came first; every write transaction is therefore "locked".
        cursor.execute("BEGIN IMMEDIATE")

    def _has_table(self, name: str) -> bool:
        return bool(
            self._read(
                "read the schema", "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
            )
        )

    def _store_error(self, error: BaseException, what: str, committing: bool) -> StoreError:
        text = str(error)
        if "locked" in text or "busy" in text:
            return StoreError(
                f"cannot {what} in {self.path}: the store is locked by another writer and stayed locked for the"
                f" whole busy timeout ({self.timeout:g} s); nothing of the batch was stored. Run again when the"
                " other writer has finished, or give a longer timeout"
            )
        if "full" in text:
            return StoreError(
                f"cannot {what} in {self.path}: the database or its disk is full ({text}); nothing of the batch"
                " was stored. Free some space and run again: documents already stored are skipped"
            )
        return StoreError(f"cannot {what} in {self.path} (nothing of the batch was stored): {text}")

    # -- SQLite specifics --------------------------------------------------------------------------------------

    def journal_mode(self) -> str:
        return str(self._read("read the journal mode", "PRAGMA journal_mode")[0][0])

    def integrity_check(self) -> str:
        """SQLite's own check of the file: ``"ok"`` when it is sound."""
        return "; ".join(str(row[0]) for row in self._read("check the file", "PRAGMA integrity_check"))

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
