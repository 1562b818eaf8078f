# The one place to learn how to run anything. Every target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= output/directives.db
CORPUS ?= corpus
SHARED ?= ../shared
PORT ?= 8001
WORKERS ?= 2
# make eval EVAL_FLAGS=--baseline also scores underthesea ner on bodies (slow).
EVAL_FLAGS ?= --baseline
# make bench BENCH_FLAGS="--scale 0" skips the 100,000-document query database.
BENCH_FLAGS ?=

.PHONY: help install ingest test serve eval bench lint fixtures clean

help:
	@echo "make ingest   create .venv, install, ingest $(CORPUS)/ into $(DB)"
	@echo "make test     install test dependencies and run the test suite"
	@echo "make serve    serve $(DB) with Datasette on port $(PORT) (read-only)"
	@echo "make eval     score extraction against $(SHARED)/gold/{seeds,dev} and list what changed"
	@echo "make bench    throughput and memory on $(SHARED)/corpus/{scale,pdf}, against the baselines"
	@echo "make lint     ruff and mypy"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

ingest: $(VENV)/.installed
	@mkdir -p output
	$(BIN)/directives ingest $(CORPUS) --db $(DB) --workers $(WORKERS)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

serve: $(VENV)/.installed
	@test -f $(DB) || $(MAKE) ingest
	$(BIN)/directives serve --db $(DB) --port $(PORT)

eval: $(VENV)/.installed
	$(BIN)/python -m pipeline.evaluate --shared $(SHARED) $(EVAL_FLAGS)

bench: $(VENV)/.installed-test
	$(BIN)/python -m pipeline.bench --shared $(SHARED) $(BENCH_FLAGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check pipeline extractors tests
	$(BIN)/mypy pipeline extractors

fixtures: $(VENV)/.installed-test
	$(BIN)/python tests/fixtures/make_fixtures.py

clean:
	rm -rf output/*.db output/*.db-* output/eval output/screenshots
