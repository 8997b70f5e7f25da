# The two commands of the README: `make run` (set up and start the app) and
# `make test` (set up and run every check). Both work on a fresh Debian 12
# machine with Python 3.11; as root they also install the Debian packages the
# deck rendering and browser tests need. `make serve` runs the app for a team:
# one process per core behind HAProxy (serve/supervisor.py).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
WORKERS ?= $(shell nproc)
APT_PACKAGES := libreoffice-impress libreoffice-calc poppler-utils fonts-dejavu fonts-liberation fonts-crosextra-carlito chromium postgresql haproxy

.PHONY: run serve test lint system-packages venv bench clean

run: $(VENV)/.installed
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# WORKERS app processes behind HAProxy on PORT, sharing one pitch library; Ctrl-C or SIGTERM stops them all.
serve: $(VENV)/.installed
	$(BIN)/python serve/supervisor.py --workers $(WORKERS) --port $(PORT)

test: system-packages $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .

venv: $(VENV)/.installed

# Installs only what is missing, and only as root; otherwise says what is needed.
system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian packages: $$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "Not root, so not installing these Debian packages (tests that need them will say so): $$missing"; \
	fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

bench: $(VENV)/.installed
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output
