#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests and prints the variables that point
# the tests at it. Usage:  eval "$(.ci/postgres.sh start)"   and   .ci/postgres.sh stop
# Installs Debian's postgresql package when the server binaries are missing. As root the server runs
# as the postgres user; as anyone else, as that user (installing then needs sudo).
set -euo pipefail
PORT="${CKIE_PG_PORT:-55432}"
DIR="${CKIE_PG_DIR:-/tmp/ckengine-pg}"
find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  return 1
}
# Runs a shell command line as the user who owns the server's files.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
install_postgres() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  ($sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
}
case "${1:-start}" in
  start)
    BIN=$(find_bin) || {
      install_postgres
      BIN=$(find_bin)
    }
    if ! as_pg "$BIN/pg_ctl -D '$DIR' status" >/dev/null 2>&1; then
      rm -rf "$DIR"; mkdir -p "$DIR"
      [ "$(id -u)" -ne 0 ] || chown postgres "$DIR"
      as_pg "$BIN/initdb -D '$DIR' -A trust -U postgres" >/dev/null
      as_pg "$BIN/pg_ctl -D '$DIR' -l '$DIR/server.log' -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' -w start" >/dev/null
      as_pg "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -qc \"CREATE USER ckengine PASSWORD 'ckengine' CREATEDB\"" >/dev/null
      as_pg "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -qc 'CREATE DATABASE ckengine OWNER ckengine'" >/dev/null
    fi
    echo "export CKIE_PG_URL=jdbc:postgresql://127.0.0.1:$PORT/ckengine"
    echo "export CKIE_PG_USER=ckengine"
    echo "export CKIE_PG_PASSWORD=ckengine"
    ;;
  stop)
    BIN=$(find_bin) && as_pg "$BIN/pg_ctl -D '$DIR' -m fast stop" >/dev/null 2>&1 || true
    ;;
esac
