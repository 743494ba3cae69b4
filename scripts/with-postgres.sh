#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server: a new cluster in a temporary
# directory, on a free port on 127.0.0.1, stopped and removed when the command ends.
# The command sees DATABASE_URL. PostgreSQL refuses to run as root, so as root the
# server runs as the unprivileged "postgres" user.
set -euo pipefail

pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$pgbin" ] || [ ! -x "$pgbin/postgres" ]; then
  echo "PostgreSQL server binaries not found (run scripts/install-system-deps.sh)." >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/samskab-pg.XXXXXX")
chmod 755 "$tmp"
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$tmp"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  as_pg "$pgbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

as_pg "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# fsync off: this cluster lives for one test run only.
options="-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
# The command gets SAMSKAB_PG_CTL, which stops and starts this server (tests of a database
# restart): "$SAMSKAB_PG_CTL stop" (fast shutdown), "$SAMSKAB_PG_CTL start" (same port).
if [ "$(id -u)" -eq 0 ]; then run_as="runuser -u postgres --"; else run_as=""; fi
cat >"$tmp/pg_ctl" <<SCRIPT
#!/bin/sh
case "\$1" in
  stop) exec $run_as "$pgbin/pg_ctl" -D "$tmp/data" -m fast -w -t 60 stop ;;
  start) exec $run_as "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/data/server.log" -w -t 60 -o "$options" start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
SCRIPT
chmod 755 "$tmp/pg_ctl"
"$tmp/pg_ctl" start >/dev/null
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port"

DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" SAMSKAB_PG_CTL="$tmp/pg_ctl" "$@"
