#!/usr/bin/env bash
# CI: make the PostgreSQL server binaries available for the store tests (issue 9).
#
# The tests start their own throwaway server (tests/pg_server.py: initdb into a temporary folder, pg_ctl start on a
# free 127.0.0.1 port, removed at the end) and never touch any other server, including a cluster the distribution
# package may start. They need initdb, pg_ctl and postgres, found on PATH or in /usr/lib/postgresql/*/bin.
# PostgreSQL refuses to run as root: when the tests run as root they run the server as the `postgres` system user
# (created by Debian's package; created here if missing), via `runuser -u postgres --`.
#
# Installs Debian's postgresql package when initdb is not found (needs root: `apt-get update` first).
set -euo pipefail

pg_user="${FRONTLINES_PG_USER:-postgres}"

find_initdb() {
    if [ -n "${FRONTLINES_PG_BIN:-}" ] && [ -x "$FRONTLINES_PG_BIN/initdb" ]; then
        echo "$FRONTLINES_PG_BIN/initdb"
    elif command -v initdb >/dev/null 2>&1; then
        command -v initdb
    else
        { ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null || true; } | sort -V | tail -n 1
    fi
}

if [ -z "$(find_initdb)" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "tools/ci_postgres.sh: PostgreSQL server binaries are missing and installing them needs root:" \
            "run 'sudo apt-get install postgresql' (the PostgreSQL store tests skip without them)" >&2
        exit 1
    fi
    echo "installing Debian's postgresql package for the PostgreSQL store tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends postgresql
fi

initdb="$(find_initdb)"
if [ -z "$initdb" ]; then
    echo "tools/ci_postgres.sh: initdb is still not found after installing postgresql" >&2
    exit 1
fi
echo "PostgreSQL server binaries: $(dirname "$(readlink -f "$initdb")") ($("$initdb" --version))"

if [ "$(id -u)" -eq 0 ] && ! id -u "$pg_user" >/dev/null 2>&1; then
    echo "creating the system user $pg_user to run the test server (PostgreSQL refuses to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
fi
