#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback, for the PostgreSQL adapter's tests and benchmarks.
#
#   bash scripts/postgres.sh install      install Debian's postgresql package if initdb is missing
#   bash scripts/postgres.sh start        initdb + start a server in a new temporary directory on
#                                         a free loopback port; prints DUBAN_TEST_PG_DIR=... and
#                                         DUBAN_TEST_DATABASE_URL=... (eval-able lines)
#   bash scripts/postgres.sh stop DIR     stop it (fast shutdown) and delete DIR
#
# As root the server runs as the ``postgres`` user (PostgreSQL refuses to run as root). The
# cluster trusts loopback connections and is for tests only; it never listens on a public
# address. ``DUBAN_PG_FSYNC=off`` trades the server's own crash safety for speed (the tests kill
# bot processes, never the server); benchmarks leave it on.
set -euo pipefail

bindir() {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] && echo "$newest"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

install() {
  if [ -n "$(bindir || true)" ]; then
    return
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed; run as root or install the postgresql package" >&2
    exit 1
  fi
  echo "Installing Debian's postgresql package ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir bin port
  bin=$(bindir) || { echo "PostgreSQL is not installed (bash $0 install)" >&2; exit 1; }
  dir=$(mktemp -d "${TMPDIR:-/tmp}/duban-pg.XXXXXX")
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(free_port)
  local options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
  options+=" -c max_connections=200 -c fsync=${DUBAN_PG_FSYNC:-on}"
  options+=" -c full_page_writes=${DUBAN_PG_FSYNC:-on}"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres duban_test
  echo "DUBAN_TEST_PG_DIR=$dir"
  echo "DUBAN_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$port/duban_test"
}

stop() {
  local dir=$1 bin
  bin=$(bindir) || exit 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 install | start | stop DIR" >&2; exit 2 ;;
esac
