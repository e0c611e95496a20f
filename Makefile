# The two commands: `make site` builds the site and packs, `make test` runs every test.
# Both create .venv from the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: site serve check test lint golden bench clean

site: $(VENV)/.runtime
	$(BIN)/python -m generator build

serve: $(VENV)/.runtime
	$(BIN)/python -m generator serve

check: $(VENV)/.runtime
	$(BIN)/python -m generator check

test: $(VENV)/.dev
	sh scripts/test-deps.sh
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check generator tests bench

golden: $(VENV)/.runtime
	$(BIN)/python tests/regenerate_golden.py

clean:
	rm -rf build site

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install -r requirements.txt
	$(PIP) install --no-build-isolation --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install -r requirements-dev.txt
	touch $@
