# A throwaway PostgreSQL cluster on a free loopback port, for scripts/test.sh, scripts/with-postgres.sh and the reports
# benchmark to source. start_postgres sets pg_url (a SQLAlchemy URL to a new database, portal_test); stop_postgres removes the cluster.
# Expects $bin to be the virtual environment's bin folder.

pg_data=""
pg_bin=""
start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_data=$(mktemp -d /tmp/portal-pg.XXXXXX)
  pg_port=$("$bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as_postgres=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$pg_data"
    as_postgres=(runuser -u postgres --)
  fi
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -o \
    "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE portal_test" >/dev/null
  pg_url="postgresql+psycopg://postgres@127.0.0.1:$pg_port/portal_test"
}

stop_postgres() {
  if [ -n "$pg_data" ] && [ -d "$pg_data" ]; then
    local as_postgres=()
    [ "$(id -u)" -eq 0 ] && as_postgres=(runuser -u postgres --)
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_data"
  fi
}
