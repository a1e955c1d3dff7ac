#!/usr/bin/env bash
# A throw-away PostgreSQL 15 for the tests: its own data directory and port, run as
# the unprivileged `postgres` system user (initdb refuses root), removed on stop.
#   scripts/pg-test.sh start   -> prints the URL to use as GL_TEST_PG_URL
#   scripts/pg-test.sh stop
set -euo pipefail

STATE=${GL_PG_STATE:-/tmp/greenloop-pg-test}
BIN=/usr/lib/postgresql/15/bin
RUN_AS=postgres

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"  # already unprivileged: run as ourselves
  fi
}

start() {
  stop quiet
  mkdir -p "$STATE"
  [[ $(id -u) -eq 0 ]] && chown "$RUN_AS" "$STATE"
  local port=${GL_PG_PORT:-55432}
  while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
  as_pg "$BIN/initdb" -D "$STATE/data" -U greenloop -A trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 ||
    { cat "$STATE/initdb.log" >&2; exit 1; }
  # fsync off: a test cluster is thrown away, and durability of the server under test
  # (kill -9 of greenloop) does not depend on the OS cache being flushed.
  as_pg "$BIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 start \
    -o "-p $port -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null ||
    { cat "$STATE/server.log" >&2; exit 1; }
  echo "$port" >"$STATE/port"
  echo "postgresql://greenloop@127.0.0.1:$port/postgres"
}

stop() {
  if [[ -d $STATE/data ]]; then
    as_pg "$BIN/pg_ctl" -D "$STATE/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$STATE"
  [[ ${1:-} == quiet ]] || echo "postgresql test cluster stopped and removed"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
