# Staff entry points. Each target does its own set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
TARGET ?= public

.PHONY: publish test test-fast check build serve bench clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

## publish: check the catalog, build the site, switch public/ to it atomically
publish: $(STAMP)
	$(BIN)/phobien publish --target $(TARGET)

# Programs the tests run for real: nginx serves the built site, sshd and rsync receive a
# remote publish, all on loopback ports; Chromium (driven by Playwright, never a downloaded
# browser) opens the pages, Java runs the Nu HTML Checker, npm installs the test tools.
# Debian package names; installed once, as root, when missing.
SYSTEM_PACKAGES := nginx-light
system-deps:
	@missing=""; command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	[ -x /usr/sbin/sshd ] || missing="$$missing openssh-server"; \
	command -v ssh >/dev/null || missing="$$missing openssh-client"; \
	command -v rsync >/dev/null || missing="$$missing rsync"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# The browser tests' own tools, pinned in tests/tools/package-lock.json: axe-core (run in
# the page) and vnu-jar (the Nu HTML Checker). No install scripts: vnu-jar's would fetch a
# Java runtime; Debian's Java runs it.
TOOLS := tests/tools
TOOLS_STAMP := $(TOOLS)/node_modules/.installed-$(shell cksum < $(TOOLS)/package-lock.json | cut -d' ' -f1)

$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json | system-deps
	cd $(TOOLS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -f $(TOOLS)/node_modules/.installed-* && touch $@

## test: the whole test suite (lint, types, unit, end-to-end, browser, accessibility)
test: $(STAMP) system-deps $(TOOLS_STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q
	$(BIN)/python -m tests.contact_sheet

# The inner loop: no browser, no real server, no whole-site build (markers in pyproject.toml).
## test-fast: lint, types, doctests and the unit tests, in under a minute
test-fast: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not browser and not server and not slow"

check: $(STAMP)
	$(BIN)/phobien check

build: $(STAMP)
	$(BIN)/phobien build

serve: $(STAMP)
	$(BIN)/phobien serve

## bench: benchmarks (not tests): search engines compared, dataset build time and memory; lateness of publish --at; 50 publishes killed at random moments
bench: $(STAMP) system-deps
	$(BIN)/python bench/search.py
	$(BIN)/python bench/datasets_rows.py 1000000
	$(BIN)/python bench/scale.py --sizes S M
	$(BIN)/python bench/punctual.py --sizes S M
	$(BIN)/python bench/kills.py --kills 50

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
