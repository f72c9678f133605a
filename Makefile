# The README's two commands: `make demo` and `make test`. Both set themselves up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FACTCHECK := $(BIN)/factcheck
DEMO_DB ?= instance/factcheck.db
PYTEST_ARGS ?= -n 2

.PHONY: demo install install-test chromium redis-server test-tools test lint bench serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The install compiles the text pipeline's per-sentence modules (setup.py), so an edit to them
# means installing again; until then they run as plain Python.
COMPILED_SOURCES := $(wildcard factcheck/text/*.py)

$(VENV)/.installed: pyproject.toml setup.py $(COMPILED_SOURCES) | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py $(COMPILED_SOURCES) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Debian's Chromium for the browser tests; installed when missing and we are root.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "chromium is missing: run 'apt-get install chromium' as root" >&2; \
		fi; \
	fi

# Debian's redis-server for the Redis job queue tests; installed when missing and we are root.
# `apt-get update` only when the package lists do not have it yet (the chromium target may have
# just refreshed them).
redis-server:
	@if ! command -v redis-server >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get install -y -qq redis-server >/dev/null 2>&1 || \
				{ apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }; \
		else \
			echo "redis-server is missing: run 'apt-get install redis-server' as root" >&2; \
		fi; \
	fi

# axe-core for the accessibility tests, at the version package-lock.json pins; Node.js and npm
# come from Debian when they are missing and we are root.
node_modules/.installed: package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get install -y -qq nodejs npm >/dev/null 2>&1 || \
				{ apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }; \
		else \
			echo "npm is missing: run 'apt-get install nodejs npm' as root" >&2; exit 1; \
		fi; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-tools: node_modules/.installed

# The demo names a made-up organisation and public address, so every export in the menu works
# (ClaimReview and the bundle need both); a real install sets its own.
DEMO_ORG_NAME ?= Demo Fact-Check Desk
DEMO_PUBLIC_URL ?= https://factcheck.example.org

demo: install
	$(FACTCHECK) --db $(DEMO_DB) init
	$(FACTCHECK) --db $(DEMO_DB) demo
	FACTCHECK_ORG_NAME="$(DEMO_ORG_NAME)" FACTCHECK_PUBLIC_URL="$(DEMO_PUBLIC_URL)" \
		$(FACTCHECK) --db $(DEMO_DB) serve --host 127.0.0.1 --port 5000

# mypy reads its settings from pyproject.toml ([tool.mypy]: the factcheck package, checked to 0).
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install-test chromium redis-server test-tools lint
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install-test
	@for bench in benchmarks/bench_*.py; do \
		echo "== $$bench"; \
		$(BIN)/python $$bench || exit 1; \
	done

clean:
	rm -rf $(VENV) build *.egg-info node_modules
