# The two commands: `make run` (SQLite, jobs in process, demo data) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test bench bench-load worker beat lint format migrations-check install install-dev browser axe messages clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The official open-data schemas, when missing; offline, one line says so and the rest goes on.
.PHONY: schemas
schemas: install
	@$(PY) manage.py fetch_open_data_schemas --missing-only --offline-ok

run: install schemas
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Achats responsables: http://127.0.0.1:$(PORT)/"
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive the distribution's Chromium; install it when missing and allowed to.
browser:
	@bash scripts/ensure-chromium

# The accessibility tests inject axe-core, pinned in package.json, from node_modules (npm ci).
axe:
	@bash scripts/ensure-axe

# Both cores: pytest-xdist gives each process its own database, files and job queue.
test: install-dev browser axe schemas
	$(PY) -m pytest -n $${PYTEST_PROCESSES:-auto}

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2

beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	PY=$(PY) scripts/audit-dependencies

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Regenerate the English catalogue after changing French strings (needs GNU gettext).
# The product's benchmark on PostgreSQL (DATABASE_URL): BENCH_SCALE=tiny|small|full (full: the
# design size of issue 16). The data set is generated once and reused; BENCH_ARGS=--regenerate
# writes it again, --clean deletes it. Prints the table and writes bench/results/*.json.
BENCH_SCALE ?= small
BENCH_ARGS ?=
bench: install
	$(PY) manage.py migrate --noinput
	BENCH_SCALE=$(BENCH_SCALE) $(PY) manage.py bench $(BENCH_ARGS)

# 20 users mixing the pages as their roles for 60 s (Locust) against gunicorn with the production
# settings, on the PostgreSQL database of DATABASE_URL as it is (run `make bench` or seed_demo
# first); 127.0.0.1 only. Prints median, p95 and p99 per page and the errors.
bench-load: install-dev
	bash scripts/bench-load

# English is translated by hand. The French catalogue only copies the (French) source strings,
# so that French plural rules apply: "0 clause", not "0 clauses".
messages: install
	@command -v msgen >/dev/null || { echo "GNU gettext is missing: apt-get install gettext"; exit 1; }
	rm -f locale/fr/LC_MESSAGES/django.po
	$(PY) manage.py makemessages --locale en --locale fr --ignore ".venv/*" --ignore "var/*" --ignore "node_modules/*"
	msgen --no-wrap -o locale/fr/LC_MESSAGES/django.po locale/fr/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore ".venv/*" --ignore "node_modules/*"

clean:
	rm -rf var/test-media .pytest_cache node_modules
