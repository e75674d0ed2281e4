# The two commands of the README: `make demo` (the main job) and `make test` (the suite).
# Each creates its own virtual environment and installs the project from its own files.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLES := $(wildcard samples/*.pdf samples/*.docx samples/*.txt)

.PHONY: install system-deps demo test lint clean

install: system-deps $(VENV)/.installed

# Tesseract reads scanned CVs (OCR). Installed from Debian's packages when missing and when
# we may (root with apt-get); otherwise say what to install.
system-deps:
	@command -v tesseract >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng >/dev/null; \
	  else \
	    echo "note: install tesseract-ocr, tesseract-ocr-fra, tesseract-ocr-eng to read scanned CVs"; \
	  fi; }

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
