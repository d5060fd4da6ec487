# The set-up is two commands: `make run` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.8
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run demo test test-browser-deps lint format lock clean bench bench-pages bench-plone load

$(VENV)/.synced: pyproject.toml uv.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --upgrade >/dev/null
	@$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@$(VENV)/bin/uv sync --frozen --inexact --quiet
	@touch $@

install: $(VENV)/.synced

demo: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_demo

run: demo
	@$(MANAGE) search_rebuild
	@echo
	@echo "  Publieke site:  http://127.0.0.1:$(PORT)/"
	@echo "  Partnerportaal: http://127.0.0.1:$(PORT)/partners/"
	@echo "  Intranet:       http://127.0.0.1:$(PORT)/intranet/"
	@echo "  Beheer (admin): http://127.0.0.1:$(PORT)/admin/"
	@echo "  API (docs):     http://127.0.0.1:$(PORT)/api/docs/"
	@$(MANAGE) load_demo --accounts-only
	@echo
	@trap 'kill 0' EXIT; $(MANAGE) db_worker --interval 2 & \
	  $(MANAGE) runserver 127.0.0.1:$(PORT)

# The suite in two runs, each on every core (a test file stays on one worker, so its
# module fixtures load once): everything but the browser tests, then the browser tests
# (a live server and a Chromium per worker).
test: install test-browser-deps
	$(VENV)/bin/pytest -n auto --dist loadfile -m "not browser" $(PYTEST_ARGS)
	$(VENV)/bin/pytest -n auto --dist loadfile -m browser $(PYTEST_ARGS)

# Chromium (Debian's package) and axe-core for the browser tests. Installed where this
# machine allows (root with apt-get, npm present); otherwise those tests skip and say why.
test-browser-deps:
	@if ! command -v chromium >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Chromium for the browser tests (apt-get)..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "Chromium could not be installed: browser tests will be skipped."; \
	fi
	@if [ ! -f theme/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
	  npm ci --prefix theme --no-audit --no-fund --silent \
	    || echo "axe-core could not be installed: accessibility checks will be skipped."; \
	fi

# The search benchmark (docs/benchmarks.md) in its own database, never the dev one:
# SQLite under var/bench/ (made afresh), or BENCH_DATABASE_URL, e.g.
# postgres://postgres@127.0.0.1:5432/lsb_bench (a database whose name says "bench").
# BENCH_SIZES=1000000 BENCH_WAGTAIL_PAGES=0 with a PostgreSQL BENCH_DATABASE_URL is
# the optional regional-scale run (about 12 minutes and 4 GB of memory; not in CI).
# BENCH_ARGS="--explain var/bench/plans.txt" also writes the query plans.
BENCH_SIZES ?= 10000,100000
BENCH_QUERIES ?= 300
BENCH_WAGTAIL_PAGES ?= 2000
BENCH_ARGS ?=
BENCH_RESULTS ?= var/bench/results
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench/bench.sqlite3
bench: install
	@mkdir -p var/bench
	@if [[ "$(BENCH_DATABASE_URL)" == sqlite:* ]]; then rm -f var/bench/bench.sqlite3*; fi
	@export DATABASE_URL="$(BENCH_DATABASE_URL)"; \
	  $(MANAGE) migrate --noinput >/dev/null && $(MANAGE) createcachetable && \
	  $(MANAGE) search_bench --sizes $(BENCH_SIZES) --queries $(BENCH_QUERIES) \
	    --wagtail-pages $(BENCH_WAGTAIL_PAGES) --output-file $(BENCH_RESULTS).md \
	    --json-file $(BENCH_RESULTS).json $(BENCH_ARGS)

# The page benchmark (docs/benchmarks.md, "Pages"): every page type of the three doors
# over HTTP from gunicorn with the production settings, on the demo town with the seed
# texts imported; SQLite under var/bench-pages/ unless BENCH_PAGES_DATABASE_URL names
# a PostgreSQL database with "bench" in its name (made afresh). Not in CI.
bench-pages: install
	@bash .ci/bench-pages

# The Plone import benchmark (docs/benchmarks.md): a generated export of
# BENCH_PLONE_ITEMS items imported into a fresh SQLite database under var/bench-plone/.
BENCH_PLONE_ITEMS ?= 5000
bench-plone: install
	@rm -rf var/bench-plone && mkdir -p var/bench-plone
	@export DATABASE_URL="sqlite:///$(CURDIR)/var/bench-plone/bench.sqlite3" \
	  MEDIA_ROOT="$(CURDIR)/var/bench-plone/media"; \
	  $(MANAGE) migrate --noinput >/dev/null && $(MANAGE) createcachetable && \
	  $(MANAGE) plone_bench --items $(BENCH_PLONE_ITEMS) \
	    --folder var/bench-plone/export --json-file var/bench-plone/results.json

# The load test (docs/benchmarks.md, "Load"): 50 users for 5 minutes against gunicorn,
# PostgreSQL and the task worker on 127.0.0.1, then every write is counted.
# LOAD_USERS, LOAD_TIME and LOAD_DATABASE_URL change it (see .ci/load).
load: install
	@bash .ci/load

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lock:
	$(VENV)/bin/uv lock

clean:
	rm -rf $(VENV) var/static theme/node_modules
