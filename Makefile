# The two commands of the README:  `make demo`  (set up, then run everything on demo data)
#                                  `make test`  (the whole test suite; .ci/run calls it)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo setup lint test browser ui evaluate bench docs clean

demo: setup
	$(BIN)/heatcheck demo

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,png]'
	touch $@

# The report tests drive Debian's Chromium (never a browser download).
browser:
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Style before tests: Python by ruff, the dbt models by sqlfluff.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint sql/

test: setup browser lint
	$(BIN)/python -m pytest -q

ui: setup
	$(BIN)/heatcheck ui

evaluate: setup
	$(BIN)/heatcheck evaluate

bench: setup
	$(BIN)/python bench/benchmark.py

# docs/data_dictionary.md is written from the models' yml, the tables' comments and the playbook.
docs: setup
	$(BIN)/python -m heatcheck.data_dictionary > docs/data_dictionary.md

clean:
	rm -rf $(VENV) data tests/artifacts .pytest_cache sql/target sql/logs
