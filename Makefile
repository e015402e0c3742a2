# coachdesk — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever pyproject.toml changes; the dev extras include the test extras.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coachdesk $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check coachdesk tests benchmarks
	$(BIN)/ruff format --check coachdesk tests benchmarks
	$(BIN)/mypy --strict coachdesk/store coachdesk/dates.py coachdesk/paths.py

format: $(STAMP)
	$(BIN)/ruff format coachdesk tests benchmarks
	$(BIN)/ruff check --fix coachdesk tests benchmarks

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
