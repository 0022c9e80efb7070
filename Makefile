# The single entry point: setup, demo, test, lint, eval, bench. Every target sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
GAZETTEER := frontlines/data/gazetteer.sqlite
WEB_VENDOR := frontlines/server/static/vendor/leaflet.js

.PHONY: setup demo test lint format eval bench serve clean

setup: $(INSTALLED) $(GAZETTEER) $(WEB_VENDOR)

$(INSTALLED): pyproject.toml tools/install_model.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python tools/install_model.py
	touch $(INSTALLED)

$(GAZETTEER): $(INSTALLED) frontlines/resources/gazetteer_build.py
	$(BIN)/python tools/build_gazetteer.py --output $(GAZETTEER)

# The map page's libraries and boundaries come from the npm registry (without npm the page falls back to a list).
$(WEB_VENDOR): frontlines/server/web/package-lock.json tools/build_web.py
	$(BIN)/python tools/build_web.py

demo: setup
	$(BIN)/frontlines demo --output-dir out

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check frontlines tests tools bench
	$(BIN)/ruff format --check frontlines tests tools bench
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format frontlines tests tools bench
	$(BIN)/ruff check --fix frontlines tests tools bench

eval: setup
	$(BIN)/frontlines eval

bench: setup
	$(BIN)/python bench/bench_pipeline.py

serve: setup
	$(BIN)/frontlines serve --store out/frontlines.sqlite

clean:
	rm -rf $(VENV) $(GAZETTEER) out results .pytest_cache .mypy_cache .ruff_cache
