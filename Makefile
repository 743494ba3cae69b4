# Samskab: `make run` serves the site with demo data on SQLite; `make test` installs
# everything the tests need and runs every check. See README.md.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_PROGRESS_BAR := off

# Settings for a local development server (never for production).
DEV_ENV := DEBUG=1

# The PB engine's corpus-wide tests and benchmarks read many real Pabulib files from
# SAMSKAB_PABULIB_DIR. This project's checkout (and CI) has them in ../shared/data/pabulib;
# a clone without that folder runs the small files committed in samskab/pb/tests/data and
# pytest reports the corpus tests as skipped.
PABULIB_CORPUS := $(abspath ../shared/data/pabulib)
ifeq ($(origin SAMSKAB_PABULIB_DIR),undefined)
ifneq ($(wildcard $(PABULIB_CORPUS)/*.pb),)
export SAMSKAB_PABULIB_DIR := $(PABULIB_CORPUS)
endif
endif

.PHONY: run install install-dev assets system-deps test lint typecheck migrations-check \
	import-contracts test-sqlite test-postgres test-e2e messages benchmark clean

run: $(VENV)/.installed node_modules/.installed
	mkdir -p var
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

install: $(VENV)/.installed node_modules/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed
assets: node_modules/.installed

# Det Fælles Designsystem (DKFDS) from npm, exactly as package-lock.json pins it; Django
# serves its dist/ files (config/settings.py, STATICFILES_DIRS). Debian's npm when missing.
node_modules/.installed: package.json package-lock.json
	command -v npm >/dev/null || ./scripts/install-system-deps.sh
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

system-deps:
	./scripts/install-system-deps.sh

test: system-deps install-dev assets lint typecheck migrations-check import-contracts test-sqlite test-postgres test-e2e
	@echo "All checks passed."

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install-dev
	$(DEV_ENV) $(VENV)/bin/mypy samskab config tests conftest.py $(wildcard benchmarks/*.py)

migrations-check: install-dev
	$(DEV_ENV) DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run

import-contracts: install-dev
	$(VENV)/bin/lint-imports

test-sqlite: install-dev
	$(PY) -m pytest samskab tests/faults tests/security -m "not postgres_only"

# The PB engine touches no database, so its tests run once, in test-sqlite.
test-postgres: install-dev
	./scripts/with-postgres.sh $(PY) -m pytest samskab tests/faults tests/security --ignore=samskab/pb

test-e2e: install-dev assets system-deps
	$(PY) -m pytest tests/e2e

# Update each app's .po files after changing texts, translate the new Danish entries in
# samskab/<app>/locale/da/LC_MESSAGES/django.po, then run `make messages` again to compile.
messages: install-dev system-deps
	set -e; for app in samskab/*/apps.py; do \
	  dir=$$(dirname $$app); mkdir -p $$dir/locale; \
	  (cd $$dir && $(DEV_ENV) $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages \
	    --locale da --locale en --no-obsolete --add-location file); \
	done
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore .venv

benchmark: install-dev
	$(PY) benchmarks/pb_rules.py
	$(PY) benchmarks/voting_load.py
	$(PY) benchmarks/secretariat_overview.py

clean:
	rm -rf $(VENV) var node_modules .mypy_cache .ruff_cache
