# Lips and Teeth: two commands on a fresh machine.
#   make book   set up the environment and build the book strictly into _build/html
#   make test   set up what the tests need and run every test
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
export PATH := $(BIN):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM := /usr/bin/chromium

.PHONY: book test lint unit notebooks browser benchmarks env clean lock help

help:
	@echo "make book        build the course into _build/html (strict)"
	@echo "make test        lint, unit, notebook and browser tests"
	@echo "make benchmarks  page weight and build-time figures"

env: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk

book: env
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell
	$(BIN)/quizbook validate quizzes/
	$(BIN)/quizbook schema --check

unit: env node_modules/.installed
	node --test tests/js/
	$(BIN)/pytest -m "not browser" --ignore=tests/notebooks

notebooks: env
	$(BIN)/pytest --nbval-lax -p no:randomly chapters/

browser: book node_modules/.installed $(CHROMIUM)
	$(BIN)/pytest -m browser

test: lint unit notebooks browser

benchmarks: env
	$(BIN)/python benchmarks/page_weight.py
	$(BIN)/python benchmarks/build_time.py

lock: env
	$(BIN)/pip freeze --exclude-editable --exclude lips-and-teeth | sort > requirements.lock

clean:
	rm -rf _build .pytest_cache
