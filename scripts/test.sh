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
  command -v wrk >/dev/null || wanted+=(wrk)
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

# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"
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
