# The two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: venv run test test-engine lint bench clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip==25.3"
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

run: venv
	@$(BIN)/bluelamp rules
	@echo
	@echo 'A sample post, checked:'
	@$(BIN)/bluelamp check "Dean Walsh, 31, from Smethwick, has been arrested on suspicion of burglary. Call his mum on 07700 900123." --tier npu || true

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

test-engine: venv
	$(BIN)/pytest src/bluelamp/engine

bench: venv
	$(PY) bench/bench_check.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
