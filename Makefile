# Staff entry points. Each target does its own set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TARGET ?= public

# Installs come from the lock files in requirements/, made by `make lock` with uv (pinned
# below): runtime.txt, what publishing needs, for publish, check, build and serve; test.txt,
# the same pins and the test and bench tools, for test and bench. Each stamp is named after
# the checksum of pyproject.toml and its lock, so an edit of either installs again.
UV_VERSION := 0.13.8
UV := $(BIN)/uv
UV_PIP := $(UV) pip install --quiet --python $(BIN)/python
LOCK_RUNTIME := requirements/runtime.txt
LOCK_TEST := requirements/test.txt
sum = $(shell cat $(1) | cksum | cut -d' ' -f1)
UV_STAMP := $(VENV)/.uv-$(UV_VERSION)
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(call sum,pyproject.toml $(LOCK_RUNTIME))
TEST_STAMP := $(VENV)/.installed-test-$(call sum,pyproject.toml $(LOCK_TEST))

.PHONY: publish test test-fast check build serve bench clean system-deps lock

$(UV_STAMP):
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --isolated --quiet --disable-pip-version-check uv==$(UV_VERSION)
	rm -f $(VENV)/.uv-* && touch $@

# The project itself goes in without dependencies: the lock has them all, checked by hash.
$(RUNTIME_STAMP): pyproject.toml $(LOCK_RUNTIME) | $(UV_STAMP)
	$(UV_PIP) --require-hashes -r $(LOCK_RUNTIME)
	$(UV_PIP) --no-deps -e .
	rm -f $(VENV)/.installed-runtime-* && touch $@

# test.txt holds every pin of runtime.txt, so a venv with the test tools serves publish too,
# and a venv made by publish gets only the test tools added.
$(TEST_STAMP): pyproject.toml $(LOCK_TEST) $(LOCK_RUNTIME) | $(UV_STAMP)
	$(UV_PIP) --require-hashes -r $(LOCK_TEST)
	$(UV_PIP) --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@ $(RUNTIME_STAMP)

## lock: pin every dependency again after an edit of pyproject.toml (LOCK_FLAGS=--upgrade: the newest releases)
# One resolution for every platform and Python the project supports; the runtime lock is
# drawn from the test lock, so the two agree on every pin.
LOCK_COMPILE := $(UV) pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(LOCK_FLAGS)
lock: | $(UV_STAMP)
	mkdir -p requirements
	$(LOCK_COMPILE) --extra test --extra bench -o $(LOCK_TEST)
	$(LOCK_COMPILE) -c $(LOCK_TEST) -o $(LOCK_RUNTIME)

## publish: check the catalog, build the site, switch public/ to it atomically
publish: $(RUNTIME_STAMP)
	$(BIN)/phobien publish --target $(TARGET)

# Programs the tests run for real: nginx serves the built site, sshd and rsync receive a
# remote publish, all on loopback ports; Chromium (driven by Playwright, never a downloaded
# browser) opens the pages, Java runs the Nu HTML Checker, npm installs the test tools.
# LibreOffice (Writer and Calc, no GUI) is the second reader of the files staff open in an
# office suite: the datasets' XLSX, the catalog workbook, the calendar annex (made a PDF).
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
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui libreoffice-calc-nogui"; \
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
test: $(TEST_STAMP) system-deps $(TOOLS_STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q
	$(BIN)/python -m tests.contact_sheet

# The inner loop: no browser, no real server, no whole-site build (markers in pyproject.toml).
## test-fast: lint, types, doctests and the unit tests, in under a minute
test-fast: $(TEST_STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not browser and not server and not slow"

check: $(RUNTIME_STAMP)
	$(BIN)/phobien check

build: $(RUNTIME_STAMP)
	$(BIN)/phobien build

serve: $(RUNTIME_STAMP)
	$(BIN)/phobien serve

# The publish at sizes S (the example), P200 (200 products, a million dataset rows) and M
# (1,000 products, ten million), against plain MkDocs and Hugo on the same pages and the
# targets, into docs/benchmarks.md; L (5,000 products) only when asked:
# make bench BENCH_SIZES="S P200 M L". S and P200 take the median of three runs of each
# measurement, M and L one (BENCH_REPEAT_FOR): three would take M from about half an hour
# to an hour and a half on two cores, and the whole bench from about an hour to two.
# publish --at runs at S and P200: the switch's lateness does not grow with the site (one
# rename), and at M it waits 20 minutes for its moment (M: PUNCTUAL_SIZES="S M").
BENCH_SIZES ?= S P200 M
BENCH_REPEAT_FOR ?= M=1 L=1
PUNCTUAL_SIZES ?= S P200

## bench: benchmarks (not tests): search engines compared, dataset build time and memory; the publish at sizes S, P200 and M against plain MkDocs, Hugo and the targets; lateness of publish --at; 50 publishes killed at random moments
bench: $(TEST_STAMP) system-deps
	$(BIN)/python bench/search.py
	$(BIN)/python bench/datasets_rows.py 1000000
	$(BIN)/python bench/scale.py --sizes $(BENCH_SIZES) --repeat-for $(BENCH_REPEAT_FOR)
	$(BIN)/python bench/punctual.py --sizes $(PUNCTUAL_SIZES)
	$(BIN)/python bench/kills.py --kills 50

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
