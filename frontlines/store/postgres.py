"""The team store: PostgreSQL through psycopg 3 (``pip install 'frontlines[postgres]'``).

Same schema, same numbered migrations (recorded in ``schema_migrations``) and same behaviour as the SQLite store:
every batch is one transaction; migrations and merges take a transaction-scoped advisory lock, so several processes
can ingest into one database at once. If the server goes away in the middle of a batch, the server rolls the
unfinished transaction back and the caller gets a ``StoreError`` that names the server and says the batch was not
stored; the next call reconnects.

>>> store = PostgresStore("postgresql://frontlines@db.example.org/events")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
from typing import Any

from frontlines.errors import StoreError
from frontlines.store.sql import Cursor, SQLStore

# pg_advisory_xact_lock key for migrations and merges (the bytes of "FRONTLNS").
LOCK_KEY = 0x46524F4E544C4E53


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as error:
        raise StoreError(
            "PostgreSQL stores need psycopg 3: pip install 'frontlines[postgres]' (or psycopg[binary])"
        ) from error
    return psycopg


def describe(url: str) -> str:
    """The address without its password: ``postgresql://user@host:port/database``.

    >>> describe("postgresql://ana:secret@10.0.0.5:5433/events")
    'postgresql://ana@10.0.0.5:5433/events'
    """
    try:
        parts = _psycopg().conninfo.conninfo_to_dict(url)
    except Exception:  # an address psycopg cannot read: say so without echoing a password
        return "postgresql://(unreadable address)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = str(parts.get("host") or "localhost")
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


class PostgresStore(SQLStore):
    """A Store in a PostgreSQL database given by a ``postgresql://`` URL (or any libpq connection string)."""

    placeholder = "%s"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        super().__init__()
        self._psycopg = _psycopg()
        self.driver_errors = (self._psycopg.Error,)
        self.url = url
        self.address = describe(url)
        self.connect_timeout = connect_timeout
        self._closed = False
        self._connection: Any = None
        self._connection = self._connect()
        try:
            self.applied_migrations = self.migrate()
        except StoreError:
            self.close()
            raise

    # -- connection --------------------------------------------------------------------------------------------

    def _connect(self) -> Any:
        try:
            return self._psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout)
        except self._psycopg.Error as error:
            raise StoreError(
                f"cannot connect to the PostgreSQL server {self.address}: {str(error).strip()}. Is the server"
                " running, and do the host, port, user, password and database name in the address match it?"
            ) from error

    @property
    def connection(self) -> Any:
        return self._connection_for_use()

    def _connection_for_use(self) -> Any:
        if self._closed:
            raise StoreError(f"the store {self.address} is closed; open it again with open_store()")
        if self._connection is None or self._connection.closed or self._connection.broken:
            self._connection = self._connect()  # the server came back (or a new one answers): carry on
        return self._connection

    def _begin(self, cursor: Cursor, lock: bool) -> None:
        cursor.execute("BEGIN")
        if lock:
            cursor.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))

    def _has_table(self, name: str) -> bool:
        return self._read("read the schema", "SELECT to_regclass(?)", (name,))[0][0] is not None

    def _retryable(self, error: BaseException | None) -> bool:
        errors = self._psycopg.errors
        return isinstance(error, errors.DeadlockDetected | errors.SerializationFailure)

    def _gone(self, error: BaseException) -> bool:
        connection = self._connection
        lost = connection is None or connection.closed or connection.broken
        return bool(lost) or isinstance(error, self._psycopg.errors.AdminShutdown)

    def _store_error(self, error: BaseException, what: str, committing: bool) -> StoreError:
        detail = str(error).strip().replace("\n", " ")
        if self._gone(error):
            if committing:
                return StoreError(
                    f"the PostgreSQL server {self.address} went away while committing (trying to {what}): {detail}."
                    " The batch may or may not have been stored; run again when the server is back: documents"
                    " already stored are skipped"
                )
            return StoreError(
                f"the PostgreSQL server {self.address} went away while trying to {what}: {detail}. The batch was"
                " not stored (the server rolls back an unfinished transaction); run again when the server is"
                " back: documents already stored are skipped"
            )
        return StoreError(f"cannot {what} in {self.address} (nothing of the batch was stored): {detail}")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._connection is not None:
                with contextlib.suppress(self._psycopg.Error):
                    self._connection.close()
                self._connection = None
