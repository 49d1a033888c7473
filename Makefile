# The front door. `make run` brings the demo up; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test setup syscheck messages lint format check ci clean

run: setup messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --address $(HOST)
	$(BIN)/python manage.py runserver $(HOST)

test: setup messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: syscheck $(VENV)/.installed

syscheck:
	@bash scripts/syscheck.sh $(PYTHON)

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

messages: $(VENV)/.installed
	@$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=$(VENV) -v 0

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

check: setup messages
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm static_collected media-test private-media-test
