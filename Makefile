# The two commands of the README: `make demo` (the main job) and `make test` (the suite).
# Each creates its own virtual environment and installs the project from its own files.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLES := $(wildcard samples/*.pdf samples/*.docx samples/*.txt)

.PHONY: install demo test lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/cvparse parse $(SAMPLES) --output out
	$(BIN)/cvparse parse samples/aide_soignante.pdf

test: install
	$(BIN)/ruff check cvparse referentials workers tests benchmarks samples
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check cvparse referentials workers tests benchmarks samples
	$(BIN)/ruff format --check cvparse referentials workers tests benchmarks samples

clean:
	rm -rf $(VENV) out .pytest_cache
