# newsledger: `make demo` analyses the bundled example, `make test` runs the suite (both set up .venv first).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_ARTICLE := examples/ceasefire_talks.txt
DEMO_PUBLISHED := 2025-11-13

.PHONY: venv demo test lint lock clean

venv: $(STAMP)

# Re-runs only when the project's requirements change: the stamp is newer than both files otherwise.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -r requirements.lock
	$(BIN)/pip install -e . --no-deps
	touch $(STAMP)

demo: venv
	$(BIN)/newsledger analyze $(DEMO_ARTICLE) --published $(DEMO_PUBLISHED)

test: venv
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check src tests bench scripts

# Pin exactly what the working venv has (names normalised, newsledger itself left out).
lock:
	$(BIN)/pip freeze --exclude-editable \
	  | $(BIN)/python -c 'import re, sys; rows = (re.sub(r"[-_.]+", "-", l.split("==")[0]).lower() + "==" + l.split("==")[1].strip() for l in sys.stdin if "==" in l); print("\n".join(sorted((r for r in rows if not r.startswith("newsledger==")), key=lambda r: r.split("==")[0])))' \
	  > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
