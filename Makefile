# The two commands for a fresh machine are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test demo lint bench lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

run: $(STAMP)  ## open the app on your journal
	$(BIN)/recovery-journal

test: $(STAMP)  ## the whole test suite, on every core (pytest-xdist); ends with its time
	$(BIN)/python -m pytest -n auto --dist worksteal --durations=10

demo: $(STAMP)  ## the app on a synthetic journal (a temporary file)
	$(BIN)/recovery-journal demo

lint: $(STAMP)  ## ruff (lint and format), mypy and the import contracts (pyproject.toml)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)  ## the speed benchmark of PRODUCT.md §11
	$(BIN)/python benchmarks/bench.py --with-suite

lock:  ## re-resolve the pinned dependencies (then commit requirements.lock)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet hatchling editables -e ".[test]"
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
