# The two commands that matter are `make run` and `make test`; both set up everything they need.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3.11
PORT ?= 5000
SUBMISSIONS ?= 20000
PEOPLE ?= 50
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

.PHONY: install
install: $(INSTALLED) ## Create .venv and install the pinned Python packages

$(INSTALLED): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed: install Python 3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-cache-dir -r requirements-dev.txt
	@touch $@

.PHONY: run
run: install ## Set up the database with demo data and serve the portal on http://127.0.0.1:$(PORT)
	PORTAL_ENV=development $(BIN)/flask db upgrade
	PORTAL_ENV=development $(BIN)/flask demo load
	PORTAL_ENV=development PORT=$(PORT) $(BIN)/flask run --host 127.0.0.1 --port $(PORT)

.PHONY: test
test: install ## Run every test on SQLite and PostgreSQL, with the browser tests in Chromium
	./scripts/test.sh

.PHONY: lint
lint: install ## Check the code style and the architecture rules (import contracts in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

.PHONY: format
format: install ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: assets
assets: ## Refresh the vendored front-end files from the npm registry (versions in frontend/package.json)
	./scripts/refresh-assets.sh

.PHONY: benchmark-reports
benchmark-reports: install ## Time the dashboard and annual report on SQLite and PostgreSQL (CASES=1000000)
	./scripts/benchmark-reports.sh --cases $(or $(CASES),1000000)

.PHONY: benchmark
benchmark: install ## Run the benchmarks in benchmarks/
	PORTAL_ENV=development $(BIN)/python -m benchmarks

.PHONY: benchmark-pages
benchmark-pages: install ## Public pages against a bare Flask app under gunicorn: requests/second ratio, median of 3 runs
	@command -v wrk >/dev/null || { echo "Installing wrk from Debian packages"; \
	  $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m benchmarks.public_pages

.PHONY: load
load: install ## Load test with faults on a throwaway PostgreSQL: 50 people send 20,000 complaints (SUBMISSIONS=2000)
	./scripts/with-postgres.sh $(BIN)/python -m benchmarks.load --submissions $(SUBMISSIONS) --people $(PEOPLE)
