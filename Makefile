# coachdesk — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench clean bundle package

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever pyproject.toml changes; the dev extras include the test extras.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# PyInstaller is only for the desktop bundle (the package extra), so `make test` stays lean.
# Reinstalled when the version changes too: the bundle takes it from the metadata.
PACKAGE_STAMP := $(VENV)/.installed-package
$(PACKAGE_STAMP): pyproject.toml coachdesk/__init__.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $(PACKAGE_STAMP)

run: $(STAMP)
	$(BIN)/coachdesk $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check coachdesk tests benchmarks
	$(BIN)/ruff format --check coachdesk tests benchmarks
	$(BIN)/mypy --strict coachdesk

format: $(STAMP)
	$(BIN)/ruff format coachdesk tests benchmarks
	$(BIN)/ruff check --fix coachdesk tests benchmarks

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# dist/coachdesk/: the app and its console twin coachdesk-cli, one folder (build.spec).
bundle: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec

# On Linux: dist/coachdesk_VERSION_ARCH.deb and dist/coachdesk-VERSION-linux-MACHINE.tar.xz.
package: bundle
	sh resources/linux/package.sh
