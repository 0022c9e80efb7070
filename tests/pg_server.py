"""A throwaway PostgreSQL server for the store tests: started by the tests, on loopback, stopped and removed at the end.

The session fixture ``pg_server`` runs ``initdb`` into a fresh temporary folder and ``pg_ctl start`` on a free port
of 127.0.0.1 (with the unix socket inside that folder, so nothing else on the machine is touched), then
``pg_server.new_database()`` gives each test its own database (dropped afterwards). Tests never touch a server they
did not start.

Where the binaries come from: ``$FRONTLINES_PG_BIN`` (a folder holding initdb, pg_ctl and postgres), else ``initdb``
on ``PATH``, else the newest ``/usr/lib/postgresql/*/bin`` (Debian's ``postgresql`` package). When none is found the
tests skip and say how to enable them (with ``FRONTLINES_REQUIRE_PG=1``, as in CI, they fail instead).

Running as root: PostgreSQL refuses to run as root, so the server runs as an unprivileged system user
(``$FRONTLINES_PG_USER``, default ``postgres``, which Debian's package creates) through ``runuser -u USER --``; the
temporary folder is handed to that user. The server listens on 127.0.0.1 only and requires a random password there
(SCRAM), so other local users cannot use it while the tests run.

Usage in a test module::

    from pg_server import pg_server_fixture, store_url_fixture  # noqa: F401  (fixtures pg_server, store_url)

    def test_something(pg_server):
        url = pg_server.new_database()
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

HOW_TO_ENABLE = (
    "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found; install Debian's postgresql package "
    "(`sudo apt-get install postgresql`, or run tools/ci_postgres.sh as root) or set FRONTLINES_PG_BIN to the folder "
    "holding them, to run the PostgreSQL store tests"
)


def find_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    candidates: list[Path] = []
    if os.environ.get("FRONTLINES_PG_BIN"):
        candidates.append(Path(os.environ["FRONTLINES_PG_BIN"]))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    candidates += [Path("/usr/local/bin")]

    def version(folder: str) -> tuple[int, ...]:
        name = Path(folder).parent.name
        return tuple(int(part) for part in name.split(".") if part.isdigit())

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)]
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            # pg_ctl finds postgres next to its own real path: use the folder the links point into.
            return (folder / "initdb").resolve().parent
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One server in a temporary folder. ``start()`` and ``stop()`` may be called again (to test a server going
    away); ``remove()`` stops it and deletes the folder."""

    def __init__(self, binaries: Path, durable: bool = False) -> None:
        self.binaries = binaries
        self.durable = durable  # True: fsync on, as a production server (for timings)
        self.run_as: str | None = None
        if os.geteuid() == 0:
            self.run_as = os.environ.get("FRONTLINES_PG_USER", "postgres")
            try:
                account = pwd.getpwnam(self.run_as)
            except KeyError as error:
                raise RuntimeError(
                    f"PostgreSQL cannot run as root and there is no user {self.run_as!r} to run it as: create one "
                    f"(`useradd --system {self.run_as}`, Debian's postgresql package does) or set FRONTLINES_PG_USER"
                ) from error
            self._uid, self._gid = account.pw_uid, account.pw_gid
        self.folder = Path(tempfile.mkdtemp(prefix="frontlines-pg-"))
        self.data = self.folder / "data"
        self.sockets = self.folder / "sockets"
        self.log = self.folder / "server.log"
        self.user = "frontlines"
        self.password = secrets.token_hex(16)
        self.port = 0
        self._databases = 0
        self._running = False

    def _command(self, *arguments: str | Path) -> list[str]:
        command = [str(a) for a in arguments]
        if self.run_as is not None:
            return ["runuser", "-u", self.run_as, "--", *command]
        return command

    def _run(self, *arguments: str | Path) -> None:
        result = subprocess.run(
            self._command(*arguments), capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{Path(str(arguments[0])).name} failed ({result.returncode}): {result.stderr.strip()}\n{log}"
            )

    def init(self) -> None:
        self.sockets.mkdir()
        password_file = self.folder / "password"
        password_file.write_text(self.password + "\n")
        if self.run_as is not None:
            for path in (self.folder, self.sockets, password_file):
                os.chown(path, self._uid, self._gid)
        self._run(
            self.binaries / "initdb",
            "-D",
            self.data,
            "-U",
            self.user,
            "--pwfile",
            password_file,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        password_file.unlink()

    def start(self) -> None:
        # A throwaway server: no fsync, for speed (data survives the server process being killed, which the tests
        # do, though not a crash of the machine). Commits stay synchronous so that a commit is a commit.
        for attempt in range(3):
            self.port = free_port()
            options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
            try:
                self._run(
                    self.binaries / "pg_ctl",
                    "start",
                    "-w",
                    "-t",
                    "60",
                    "-D",
                    self.data,
                    "-l",
                    self.log,
                    "-o",
                    options,
                )
                self._running = True
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def stop(self, mode: str = "fast") -> None:
        if self._running:
            self._run(self.binaries / "pg_ctl", "stop", "-w", "-m", mode, "-D", self.data)
            self._running = False

    def remove(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(statement)

    def new_database(self) -> str:
        """A fresh, empty database on this server; its URL."""
        self._databases += 1
        name = f"test_{os.getpid()}_{self._databases}"
        self.admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(Exception):
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _unavailable(reason: str) -> None:
    """Skip the calling test, or fail it where PostgreSQL is required (CI sets FRONTLINES_REQUIRE_PG=1)."""
    if os.environ.get("FRONTLINES_REQUIRE_PG") == "1":
        pytest.fail(f"FRONTLINES_REQUIRE_PG=1 but {reason}")
    pytest.skip(reason)


def start_server() -> PostgresServer:
    """Start a server (skipping the calling test when there are no binaries or no psycopg)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the PostgreSQL store tests need psycopg: pip install -e '.[postgres]'")
    binaries = find_binaries()
    if binaries is None:
        _unavailable(HOW_TO_ENABLE)
    assert binaries is not None
    try:
        server = PostgresServer(binaries)
    except RuntimeError as error:
        _unavailable(str(error))
        raise
    try:
        server.init()
        server.start()
    except BaseException:
        server.remove()
        raise
    return server


@pytest.fixture(scope="session", name="pg_server")
def pg_server_fixture() -> Iterator[PostgresServer]:
    """A PostgreSQL server started for this test session (skips with a message when none can be started)."""
    server = start_server()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture(params=["sqlite", "postgresql"], name="store_url")
def store_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The address of an empty store, once per backend: a SQLite file, then a fresh database on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "frontlines.sqlite")
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    url = server.new_database()
    try:
        yield url
    finally:
        server.drop_database(url)


def raw_rows(url: str, sql: str) -> list[tuple]:
    """Rows of a query run straight on the backend (not through the store)."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as connection:
            return [tuple(row) for row in connection.execute(sql).fetchall()]
    import sqlite3

    with contextlib.closing(sqlite3.connect(url)) as connection:
        return [tuple(row) for row in connection.execute(sql).fetchall()]


def raw_execute(url: str, statements: list[str]) -> None:
    """Run statements straight on the backend (not through the store), in one committed transaction."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as connection:
            for statement in statements:
                connection.execute(statement)
        return
    import sqlite3

    with contextlib.closing(sqlite3.connect(url)) as connection, connection:
        for statement in statements:
            connection.execute(statement)
