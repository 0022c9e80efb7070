# The single entry point: setup, demo, test, lint, eval, bench. Every target sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
GAZETTEER := frontlines/data/gazetteer.sqlite

.PHONY: setup demo test lint format eval bench clean

setup: $(INSTALLED) $(GAZETTEER)

$(INSTALLED): pyproject.toml tools/install_model.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python tools/install_model.py
	touch $(INSTALLED)

$(GAZETTEER): $(INSTALLED) frontlines/resources/gazetteer_build.py
	$(BIN)/python tools/build_gazetteer.py --output $(GAZETTEER)

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

clean:
	rm -rf $(VENV) $(GAZETTEER) out results .pytest_cache .mypy_cache .ruff_cache
