# The two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: venv run test test-engine lint bench clean static serve test-postgres

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

# Front-end assets: GOV.UK Frontend from the npm registry (pinned in package-lock.json),
# compiled with Bluelamp's settings into src/bluelamp/static/govuk/ (not committed).
static: node_modules/.installed
	npm run --silent build

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The web application on http://127.0.0.1:8000 for development (DJANGO_DEBUG on), with one
# demo user per role.
serve: venv static
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py demo_users
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# The web application's tests (not the engine's) on the PostgreSQL in DATABASE_URL. CI runs
# them on a throw-away server: .ci/with-postgres make test-postgres
test-postgres: venv
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "test-postgres: DATABASE_URL must be postgres://...; or run .ci/with-postgres make test-postgres" >&2; exit 2;; esac
	$(BIN)/pytest src/bluelamp --ignore=src/bluelamp/engine --ignore=src/bluelamp/cli -p no:cacheprovider
