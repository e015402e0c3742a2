# coachdesk — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench clean bundle package translations

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

# On Linux the bundle's SQLCipher uses the system's OpenSSL, as Python's hashlib does,
# instead of the static copy in sqlcipher3's wheel: it gets the system's security updates,
# and the bundle is 7 MB smaller. It is built from the sdist of the sqlcipher3 installed
# (the same SQLCipher and SQLite, with the same options), optimised for size as SQLite
# suggests; journals are the same either way. Needs a C compiler and libssl-dev. Without
# build isolation, so that the sdist finds no conan and links the system's libcrypto.
SQLCIPHER_STAMP := $(VENV)/.installed-sqlcipher
SQLCIPHER_VERSION = $$($(BIN)/python -c 'import importlib.metadata as m; print(m.version("sqlcipher3"))')
$(SQLCIPHER_STAMP): $(PACKAGE_STAMP)
ifeq ($(shell uname -s),Linux)
	rm -rf build/sqlcipher
	$(BIN)/python -m venv build/sqlcipher/venv
	build/sqlcipher/venv/bin/python -m pip install --quiet 'setuptools>=77' wheel
	CFLAGS=-Os build/sqlcipher/venv/bin/python -m pip wheel --quiet --no-cache-dir --no-deps \
	  --no-binary sqlcipher3 --no-build-isolation -w build/sqlcipher "sqlcipher3==$(SQLCIPHER_VERSION)"
	$(BIN)/python -m pip install --quiet --force-reinstall --no-deps build/sqlcipher/sqlcipher3-*.whl
endif
	touch $(SQLCIPHER_STAMP)

run: $(STAMP)
	$(BIN)/coachdesk $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check coachdesk tests benchmarks
	$(BIN)/ruff format --check coachdesk tests benchmarks
	$(BIN)/mypy --strict coachdesk benchmarks

# The English singular and plural of every counted text ("1 rep", "2 reps"), after
# adding or changing a text written with %n.
translations: $(STAMP)
	$(BIN)/python resources/translations/make_english.py

format: $(STAMP)
	$(BIN)/ruff format coachdesk tests benchmarks
	$(BIN)/ruff check --fix coachdesk tests benchmarks

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Reproducible builds: the same commit gives the same bundle and packages, byte for byte.
# Every date written is the last commit's (unless SOURCE_DATE_EPOCH is set already), and
# Python's string hashing is fixed while building, so sets compile in the same order.
# (Outside a git checkout it is now, and builds are not reproducible.)
ifndef SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
endif
export SOURCE_DATE_EPOCH

# dist/coachdesk/: the app and its console twin coachdesk-cli, one folder (build.spec).
bundle: $(PACKAGE_STAMP) $(SQLCIPHER_STAMP)
	PYTHONHASHSEED=0 $(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller build.spec

# On Linux: dist/coachdesk_VERSION_ARCH.deb and dist/coachdesk-VERSION-linux-MACHINE.tar.xz.
package: bundle
	PACKAGE_PYTHON=$(BIN)/python sh resources/linux/package.sh
