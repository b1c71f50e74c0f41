# govdash: `make run` serves the dashboard on a fresh machine, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install db migrate stop worker lint bench clean-db

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

db: install
	$(PY) -m govdash.embedded_pg start

migrate: db
	$(PY) manage.py migrate --noinput

setup: migrate
	$(PY) manage.py load_reference
	$(PY) manage.py load_seeds
	$(PY) manage.py ensure_admin

# Serves with runserver and a background task worker; Ctrl-C stops both (the database keeps running: `make stop`).
run: setup
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) bash bin/serve

worker: install
	$(PY) manage.py worker

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) bench/extract_bench.py
	$(PY) bench/dashboard_bench.py

stop:
	-test -f var/worker.pid && kill $$(cat var/worker.pid) 2>/dev/null; rm -f var/worker.pid
	test -x $(PY) && $(PY) -m govdash.embedded_pg stop || true

# Deletes the embedded database and the uploaded files it describes (var/pgdata, var/media): every issue, fact,
# review and account is gone. No confirmation; `make run` then starts from an empty database.
clean-db: stop
	rm -rf var/pgdata var/media
