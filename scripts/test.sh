#!/usr/bin/env bash
# Runs the whole suite on SQLite (browser tests included), then every database test again, browser tests included,
# on a throwaway PostgreSQL cluster that this script starts and stops. Installs Chromium, PostgreSQL, Redis and
# ClamAV's daemon from Debian when missing. Tests run in parallel on every core (pytest-xdist; TEST_WORKERS=1 runs
# them in one process).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin="$root/.venv/bin"

install_system_packages() {
  local wanted=()
  command -v chromium >/dev/null || wanted+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || wanted+=(postgresql)
  command -v redis-server >/dev/null || wanted+=(redis-server)
  dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || wanted+=(libharfbuzz-subset0)
  dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || wanted+=(libpango-1.0-0 libpangoft2-1.0-0)
  # The virus-scanning tests start their own clamd with a test signature; Debian ships no virus database.
  command -v clamd >/dev/null || [ -x /usr/sbin/clamd ] || wanted+=(clamav-daemon)
  if ((${#wanted[@]})); then
    echo "Installing ${wanted[*]} from Debian packages"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
  fi
}

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
trap stop_postgres EXIT

install_system_packages
results=$(mktemp -d /tmp/portal-results.XXXXXX)

workers=${TEST_WORKERS:-auto}
parallel=(-n "$workers")
[ "$workers" = "1" ] && parallel=(-p no:xdist)

status=0
echo "== Lint"
"$bin/ruff" check . || status=1
"$bin/ruff" format --check . >/dev/null || { echo "ruff format would change files: run make format"; status=1; }
echo "== Architecture: the import contracts in pyproject.toml"
"$bin/lint-imports" --no-cache --no-logo || status=1

echo "== SQLite: the whole suite, browser tests included"
"$bin/pytest" -q "${parallel[@]}" --junitxml="$results/sqlite.xml" "$@" || status=1

echo "== PostgreSQL: every database test again, browser tests included"
start_postgres
TEST_DATABASE_URL="$pg_url" "$bin/pytest" -q "${parallel[@]}" -m db --junitxml="$results/postgresql.xml" "$@" \
  || status=1

"$bin/python" scripts/test_summary.py "$results/sqlite.xml" "$results/postgresql.xml" || status=1
rm -rf "$results"
exit $status
