# The two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: model venv run test test-engine lint bench bench-images bench-scale load clean static serve test-postgres test-browser

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip==25.3"
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

# The web application on http://127.0.0.1:8000 for development (DJANGO_DEBUG on): creates the
# venv, installs, builds the GOV.UK assets, migrates, loads the CC/01 policy pack and a demo force
# (users of every role, ~40 accounts and applications in every state), prints the demo sign-ins
# and serves. E-mails go to the console. Run it again and it keeps the data already loaded.
# Publishing goes to fake X and Graph API servers on 127.0.0.1:8101/8102, and `bluelamp worker`
# runs the job queue (scheduled posts, digests, imports: docs/jobs.md); both stop with the server. Other ports when those are taken:
# `make run PORT=8080 X_PORT=9101 GRAPH_PORT=9102`.
PORT ?= 8000
X_PORT ?= 8101
GRAPH_PORT ?= 8102
DEMO_ENV := DJANGO_DEBUG=true BLUELAMP_LOCAL_TWO_FACTOR=false BLUELAMP_X_API_BASE=http://127.0.0.1:$(X_PORT) \
	BLUELAMP_X_CLIENT_ID=bluelamp-demo \
	BLUELAMP_GRAPH_API_BASE=http://127.0.0.1:$(GRAPH_PORT)/v21.0 \
	BLUELAMP_X_WEB_BASE=http://127.0.0.1:$(X_PORT) BLUELAMP_FACEBOOK_WEB_BASE=http://127.0.0.1:$(GRAPH_PORT) \
	BLUELAMP_PUBLIC_BASE_URL=http://127.0.0.1:$(PORT) \
	BLUELAMP_WORKER_INTERVAL=5

# The demo's sign-ins are local passwords (single sign-on is off until BLUELAMP_OIDC_ISSUER is
# set) without two-factor, so every role can be tried at once (docs/sign-in.md).
run: venv static
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_demo
	@echo
	@echo 'Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop). Sign in with one of the demo users above.'
	@echo 'Posts are published to fake platforms on 127.0.0.1:$(X_PORT) (X) and :$(GRAPH_PORT) (Facebook, Instagram).'
	@$(DEMO_ENV) $(PY) manage.py fake_platforms --x-port $(X_PORT) --graph-port $(GRAPH_PORT) & fakes=$$!; \
	$(DEMO_ENV) $(BIN)/bluelamp worker & worker=$$!; \
	trap 'kill $$fakes $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

test-engine: venv
	$(BIN)/pytest src/bluelamp/engine

# The browser tests alone (tests/browser): Playwright driving Debian's Chromium
# (/usr/bin/chromium; `apt-get install chromium`) against a live server, with axe-core.
# `make test` runs them too, and skips them with the reason when Chromium is missing.
test-browser: venv static
	$(BIN)/pytest -m browser tests/browser

bench: venv
	$(PY) bench/bench_check.py
	$(PY) bench/bench_api.py
	$(PY) bench/bench_import.py
	$(PY) bench/bench_selfcheck.py --runs 2
	$(PY) bench/bench_images.py

# Peak memory of an image upload in the web process and in the capped child that decodes it.
bench-images: venv
	$(PY) bench/bench_images.py

# Request timings at scale: the demo plus SCALE archived posts over 5,000 accounts (generated,
# seeded), gunicorn with one worker, signed in as CCD, 20 requests of each page one at a time.
# SQLite by default; on PostgreSQL: .ci/with-postgres make bench-scale (bench/README.md).
SCALE ?= 1000000
LABEL ?=
bench-scale: venv
	$(PY) bench/bench_scale.py --posts $(SCALE) --label "$(LABEL)"

# The load test: 200 simulated users (Locust, headless) composing with the live check, browsing
# and searching the archive and working the approvals queue, against gunicorn (several workers)
# and the PostgreSQL in DATABASE_URL: .ci/with-postgres make load (bench/README.md).
LOAD_SCALE ?= 100000
LOAD_USERS ?= 200
LOAD_SPAWN ?= 2
LOAD_TIME ?= 300s
load: venv
	$(PY) bench/bench_load.py --posts $(LOAD_SCALE) --users $(LOAD_USERS) --label "$(LABEL)" \
		--spawn-rate $(LOAD_SPAWN) --run-time $(LOAD_TIME)

# The statistical stage's weights (src/bluelamp/engine/stat/data/model.json), retrained from the
# labelled corpora and ../shared/corpus/uk-police-posts-dev.csv: the same file byte for byte each
# time. `$(PY) bench/stat_loro.py` measures it round by round (docs/statistical-stage.md).
model: venv
	$(PY) -m bluelamp.engine.stat.training

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Front-end assets: GOV.UK Frontend from the npm registry (pinned in package-lock.json),
# compiled with Bluelamp's settings into src/bluelamp/static/govuk/ (not committed).
static: node_modules/.installed
	npm run --silent build

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The same as `make run` (kept for those used to it).
serve: run

# The web application's tests (not the engine's) on the PostgreSQL in DATABASE_URL. CI runs
# them on a throw-away server: .ci/with-postgres make test-postgres
test-postgres: venv
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "test-postgres: DATABASE_URL must be postgres://...; or run .ci/with-postgres make test-postgres" >&2; exit 2;; esac
	$(BIN)/pytest src/bluelamp --ignore=src/bluelamp/engine --ignore=src/bluelamp/cli -p no:cacheprovider
