# Watchbot — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: help install run console migrate demo test lint format check

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)  ## create the virtualenv and install Watchbot with its dev tools

run: install  ## migrate the SQLite database, load the demo catalog, start the bot (console without tokens)
	$(BIN)/watchbot run

console: install  ## the console chat
	$(BIN)/watchbot console

migrate: install  ## upgrade the database schema
	$(BIN)/watchbot migrate

demo: install  ## (re)load the demo catalog
	$(BIN)/watchbot demo

lint: install  ## ruff, mypy and the import boundary contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

format: install  ## apply ruff's formatting and fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint  ## the whole suite: lint, then every test (SQLite and PostgreSQL, Redis, fake platforms)
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

check: test
