# jobmarket: `make` or `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8866
IMPORT_DIR ?=
N_OFFERS ?= 3000
SEED ?= 42
BENCH_OFFERS ?=
PYTEST_ARGS ?=

## Create .venv from pyproject.toml (runs by itself when needed)
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

.PHONY: venv
## Set up the virtual environment only
venv: $(VENV)/.installed

.PHONY: help
## Show this help
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-zA-Z_-]+:/{if(doc){split($$1,t,":"); printf "  \033[36m%-12s\033[0m %s\n", t[1], doc}; doc=""} !/^## /{if(!/^[a-zA-Z_.$$(-]+:/)doc=""}' $(MAKEFILE_LIST)
	@echo "Variables: IMPORT_DIR=path (pipeline on recorded files), N_OFFERS, SEED, PORT, BENCH_OFFERS"

.PHONY: pipeline
## Run the batch: extract, clean, load, evaluate, report (demo data and embedded PostgreSQL by default)
pipeline: $(VENV)/.installed
	$(PY) -m jobmarket.pipeline --n-offers $(N_OFFERS) --seed $(SEED) $(if $(IMPORT_DIR),--import-dir "$(IMPORT_DIR)")

.PHONY: report
## Re-render reports/market_report.html from the current warehouse (no extraction)
report: $(VENV)/.installed
	$(PY) -m jobmarket.pipeline --report-only

.PHONY: dashboard
## Serve the search dashboard with Voila on http://127.0.0.1:8866 (PORT=... to change)
dashboard: $(VENV)/.installed
	$(PY) -m jobmarket.dashboard --port $(PORT)

.PHONY: test
## Run the tests (unit, PostgreSQL, HTTP replay, notebook smoke runs, browser)
test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: test-fast
## Run the tests without notebook and browser runs
test-fast: $(VENV)/.installed
	$(PY) -m pytest -m "not notebooks and not browser" $(PYTEST_ARGS)

.PHONY: bench
## Run the benchmarks; results in benchmarks/results/<name>.json
bench: $(VENV)/.installed
	@for script in benchmarks/bench_*.py; do \
		echo "==> $$script"; \
		$(PY) $$script $(if $(BENCH_OFFERS),--offers $(BENCH_OFFERS)) || exit 1; \
	done

.PHONY: lint
## Lint and check formatting with ruff (notebooks included)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check jobmarket tests benchmarks notebooks
	$(VENV)/bin/ruff format --check jobmarket tests benchmarks notebooks

.PHONY: strip
## Strip outputs from the notebooks before committing
strip: $(VENV)/.installed
	$(VENV)/bin/nbstripout --keep-metadata-keys cell.metadata.tags notebooks/*.ipynb

.PHONY: clean
## Remove generated data, runs and reports (keeps the embedded database)
clean:
	rm -rf data/raw/* data/interim/* data/processed/* data/index/* reports/runs reports/latest reports/*.html
	@touch data/raw/.gitkeep data/interim/.gitkeep data/processed/.gitkeep data/index/.gitkeep
