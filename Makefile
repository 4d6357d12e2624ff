# One entry point for humans, pre-commit and CI (.ci/run calls these targets).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-unit test-integration test-slow lint mypy all bench train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e . --group dev
	touch $(STAMP)

install: $(STAMP)  ## create .venv with copydesk and its test tools

demo: install  ## sample articles through the real Celery tasks, embedded (no Redis needed)
	$(BIN)/copydesk demo

test: install  ## the whole default suite: unit + integration (starts its own redis-server; see README)
	$(BIN)/python -m pytest -m "not slow"

test-unit: install
	$(BIN)/python -m pytest tests/unit

test-integration: install
	$(BIN)/python -m pytest tests/integration -m "not slow"

test-slow: install  ## chaos and load tests (minutes)
	$(BIN)/python -m pytest -m slow

lint: install  ## ruff, and the import contracts of pyproject.toml (pure stages, no cycles)
	$(BIN)/ruff check tasks worker tests benchmarks
	$(BIN)/lint-imports

mypy: install
	$(BIN)/mypy

all: lint mypy test

$(VENV)/.bench: $(STAMP)
	$(BIN)/python -m pip install -q --group bench
	touch $(VENV)/.bench

bench: $(VENV)/.bench  ## quality, structure, metadata, entities, throughput and memory benchmarks on ../shared/corpus
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/structure.py
	$(BIN)/python benchmarks/metadata.py
	$(BIN)/python benchmarks/entities.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/memory.py

train: install  ## rebuild tasks/clean/model/ from ../shared/corpus (deterministic; ~15 min on one core)
	$(BIN)/python benchmarks/train_content.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
