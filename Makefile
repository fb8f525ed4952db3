# incidentwatch: `make demo` runs the main job, `make test` runs the checks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint typecheck pytest system-deps clean lock mutants

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "incidentwatch needs Python 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Ingest the bundled sample articles into the embedded SQLite store and serve the UI.
demo: setup
	$(BIN)/incidentwatch demo

# Fails when PostgreSQL or Chromium can't be installed. Outside CI (CI=true) the run goes
# on and the tests that need them skip, listed in pytest's summary.
system-deps:
	@bash scripts/setup-system.sh || { [ "$${CI:-}" != "true" ] && echo "system-deps: continuing without them (not CI)" >&2; }

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest

test: setup system-deps lint typecheck pytest

# Mutation testing (docs/testing.md): slow, so not part of `make test`. Without
# arguments it runs on the merge gates, the fetch address checks and the exports;
# `make mutants MUTATE="src/incidentwatch/x.py::func" MUTATE_TESTS="tests/x"` runs one.
MERGE_GATES := date_interval,reported_interval,dates_agree,places_agree,types_compatible,actors_conflict,same_incident,_inside,is_generic
mutants: setup
ifdef MUTATE
	$(BIN)/python scripts/mutate.py $(MUTATE) -- $(MUTATE_TESTS) -m "not postgres and not browser"
else
	$(BIN)/python scripts/mutate.py src/incidentwatch/ingest/fetch.py \
	  -- tests/store/test_fetch_addresses.py tests/store/test_fetch_responses.py \
	  tests/store/test_fetch.py -m "not postgres"
	$(BIN)/python scripts/mutate.py src/incidentwatch/export/writers.py \
	  "src/incidentwatch/serve/app.py::_csv_cell,_missing" \
	  -- tests/serve/test_csv_formulas.py tests/store/test_export_files.py \
	  tests/store/test_export.py tests/serve/test_serve_api.py -m "not postgres"
	$(BIN)/python scripts/mutate.py "src/incidentwatch/resolve/merge.py::$(MERGE_GATES)" \
	  -- tests/store/test_merge_gates.py tests/store/test_merge_place_actor_gates.py \
	  tests/store/test_merge_score.py tests/store/test_merge_eval.py
endif

# Re-pin the whole dependency tree after changing pyproject.toml.
lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^incidentwatch' > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
