#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster (the one the tests use), then removes
# the cluster: ./scripts/with-postgres.sh .venv/bin/python -m benchmarks.load --submissions 2000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin="$root/.venv/bin"
# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"
trap stop_postgres EXIT
start_postgres
DATABASE_URL="$pg_url" "$@"
