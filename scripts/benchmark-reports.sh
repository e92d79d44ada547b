#!/usr/bin/env bash
# The reports benchmark (benchmarks/reports.py) on SQLite and on a throwaway PostgreSQL cluster.
# Usage: ./scripts/benchmark-reports.sh [--cases N]   (default 1,000,000 cases over ten years)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
source scripts/postgres.sh
trap stop_postgres EXIT
start_postgres
PORTAL_ENV=development "$bin/python" -m benchmarks.reports --postgresql "$pg_url" "$@"
