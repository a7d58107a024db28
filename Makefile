# The two commands: `make run` (SQLite, jobs in process, demo data) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test bench bench-load worker beat lint format migrations-check install install-dev browser messages clean

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

# Both cores: pytest-xdist gives each process its own database, files and job queue.
test: install-dev browser schemas
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
# Times the contract pages on generated data (CONTRACTS=100000 for the full scale), on the
# database of DATABASE_URL (SQLite by default), then removes what it generated.
CONTRACTS ?= 20000
bench: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bench --contracts $(CONTRACTS)

# 20 users mixing the pages as their roles for 60 s (Locust) against gunicorn with the production
# settings, on the PostgreSQL database of DATABASE_URL as it is (run `make bench` or seed_demo
# first); 127.0.0.1 only. Prints median, p95 and p99 per page and the errors.
bench-load: install-dev
	bash scripts/bench-load

# English is translated by hand. The French catalogue only copies the (French) source strings,
# so that French plural rules apply: "0 clause", not "0 clauses".
messages: install
	rm -f locale/fr/LC_MESSAGES/django.po
	$(PY) manage.py makemessages --locale en --locale fr --ignore ".venv/*" --ignore "var/*"
	msgen --no-wrap -o locale/fr/LC_MESSAGES/django.po locale/fr/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf var/test-media .pytest_cache
