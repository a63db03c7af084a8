# pg_server.sh - starts a throwaway PostgreSQL server for the archive tests,
# sourced by tests/cli/archive_pg.sh (and bench runs) after tests/cli/lib.sh:
# pg_start initdb's a cluster in a temporary folder, starts it on a free
# port of 127.0.0.1 (as the user nobody when run as root, since PostgreSQL
# refuses to run as root) and sets PG_URI_BASE (append a database name) and
# pg_createdb NAME; the server is stopped and its folder removed on exit.
# Without the server binaries pg_start prints SKIP and returns 1.
PG_BIN=""
PG_DIR=""
pg_as() { # runs a server command as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
pg_stop() {
  [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ] &&
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  return 0
}
pg_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "SKIP PostgreSQL server binaries not found (Debian postgresql-15)"; return 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! command -v runuser >/dev/null 2>&1; then
    echo "SKIP running as root without runuser"; return 1
  fi
  PG_DIR=$(mktemp -d /tmp/ng-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown nobody "$PG_DIR"
  trap 'pg_stop; rm -rf "$T"' EXIT
  PG_USER=$(pg_as id -un)
  if ! pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" -A trust -E UTF8 --locale=C \
      >"$PG_DIR/initdb.log" 2>&1; then
    echo "FAIL initdb:"; cat "$PG_DIR/initdb.log"; return 2
  fi
  # a port from a range the kernel does not hand out; the next one if taken
  PG_PORT=$((20000 + $$ % 9000))
  for try in 1 2 3 4 5; do
    if pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1; then
      break
    fi
    if [ "$try" -eq 5 ]; then echo "FAIL pg_ctl start:"; cat "$PG_DIR/server.log"; return 2; fi
    PG_PORT=$((PG_PORT + 1))
  done
  PG_URI_BASE="postgresql://$PG_USER@127.0.0.1:$PG_PORT"
  return 0
}
pg_createdb() {
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$1"
}
pg_psql() { # NAME SQL [psql options]
  db=$1; sql=$2; shift 2
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$db" -v ON_ERROR_STOP=1 -c "$sql" "$@"
}
