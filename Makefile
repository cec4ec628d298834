# yifa — the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint bench venv lock system-deps serve migrate clean

# A development machine (and CI) installs requirements-dev.lock: the runtime pins plus the test and lint
# tools. A production server installs requirements.lock alone (README: Running in production).
$(VENV)/.installed: pyproject.toml requirements-dev.lock
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

venv: $(VENV)/.installed

# Debian packages the project uses: Chromium for the browser tests, Graphviz for flowcharts.
system-deps:
	@bash scripts/system-deps.sh

migrate: venv
	$(PY) manage.py migrate --no-input

# The demo runs as citizens see the site: DEBUG off (the portal's own 404 and 500 pages, static files through
# WhiteNoise). Developers who want Django's debug pages: `make demo DEBUG=1`.
DEBUG ?= 0
demo: venv system-deps migrate
	$(PY) manage.py demo
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo "yifa 正在 http://$(HOST):$(PORT)/ 运行（后台 http://$(HOST):$(PORT)/admin/）。按 Ctrl-C 停止。开发调试请用 make demo DEBUG=1。"
	DEBUG=$(DEBUG) $(PY) manage.py runserver $(HOST):$(PORT)

serve: venv
	DEBUG=$(DEBUG) $(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs in parallel (pytest-xdist), one database and one browser per worker.
WORKERS ?= auto
test: venv system-deps
	$(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy yifa
	$(PY) manage.py makemigrations --check --dry-run

bench: venv system-deps
	$(PY) -m yifa.bench

# Re-pin every dependency after changing pyproject.toml: requirements.lock has what the application
# runs on (production installs only it), requirements-dev.lock the same pins plus the dev extra. The dev
# lock is compiled with the runtime lock as constraints, so both pin a shared package to one version.
# --upgrade re-resolves from the registry instead of keeping the old pins.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --python-version 3.11 $(LOCK_ARGS)
lock: venv
	$(PY) -m pip install --quiet uv
	$(UV_COMPILE) pyproject.toml -o requirements.lock
	$(UV_COMPILE) pyproject.toml --extra dev -c requirements.lock -o requirements-dev.lock

clean:
	rm -rf $(VENV) var

openapi: venv
	$(PY) manage.py openapi
