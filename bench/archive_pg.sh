#!/bin/sh
# archive_pg.sh - runs build/bench/archive on an SQLite file and on a
# throwaway PostgreSQL server (tests/pg_server.sh) with the same arguments,
# one after the other, so the two back ends can be compared on one machine.
# Usage: sh bench/archive_pg.sh [bench/archive arguments, e.g. --growth 2000]
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$ROOT/tests/pg_server.sh"
echo "== SQLite"
"$ROOT/$BUILD/bench/archive" "$@" || exit 1
pg_start || exit 0
pg_createdb bench || exit 1
echo "== PostgreSQL"
"$ROOT/$BUILD/bench/archive" --db "$PG_URI_BASE/bench" "$@"
