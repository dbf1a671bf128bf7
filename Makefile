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

.PHONY: book instructor-book test lint unit notebooks browser benchmarks env clean lock help refresh-selfcheck assets

help:
	@echo "make book        build the course into _build/html (strict)"
	@echo "make instructor-book   the instructor's copy, with answers, into _build/instructor/_build/html"
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

# A chapter's quiz and figures depend on files its cells read (answer keys, data) and on the
# engine: quizbook.sphinx records them as the page's dependencies and in the execution
# cache's key, so a change to one re-executes only the chapters that read it.

# sphinxcontrib-bibtex re-reads only the references page when references.bib changes; pages
# citing an entry would keep its old label, so a changed bibliography re-reads every page.
_build/.bib-stamp: references.bib
	rm -rf _build/.doctrees
	mkdir -p _build && touch $@

book: env _build/.bib-stamp
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

# The instructor's copy: assessed quizzes shown with their answers, and one answer-key page
# per quiz (answer-keys/QUIZ.html). Its own output folder and execution cache: never publish it.
instructor-book: env
	QUIZBOOK_REVEAL=1 $(BIN)/jupyter-book build . --path-output _build/instructor --warningiserror --nitpick --keep-going
	$(BIN)/quizbook answer-key quizzes/ -o _build/instructor/_build/html/answer-keys

lint: env node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell
	$(BIN)/quizbook validate --strict quizzes/
	$(BIN)/quizbook schema --check
	node tools/minify.mjs --check
	$(BIN)/pytest -q -p no:cacheprovider tests/engine/test_import_rules.py

unit: env node_modules/.installed
	node --test tests/js/
	$(BIN)/pytest -m "not browser" tests/engine tests/course

notebooks: env
	$(BIN)/pytest --nbval-lax chapters/

browser: book node_modules/.installed $(CHROMIUM)
	$(BIN)/pytest -m browser

test: lint unit notebooks browser

benchmarks: env
	$(BIN)/python benchmarks/page_weight.py
	$(BIN)/python benchmarks/build_time.py
	$(BIN)/python benchmarks/guessing.py || true
	$(BIN)/python benchmarks/grading.py

lock: env
	$(BIN)/pip freeze --exclude-editable --exclude lips-and-teeth | sort > requirements.lock

clean:
	rm -rf _build .pytest_cache

# After a change to src/quizbook/static/quizbook.js: write the minified script the book ships.
assets: node_modules/.installed
	node tools/minify.mjs

# After a deliberate answer-key change: rerun the chapters and keep only the outputs of cells
# tagged nbval-check-output (the self-check summaries nbval compares). Review the diff.
refresh-selfcheck: env
	$(BIN)/python -m quizbook.notebook refresh chapters/*.ipynb
