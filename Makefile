# Sanlian: `make run` starts everything with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SANLIAN_BIND ?= 127.0.0.1:8000
export SANLIAN_BIND

.PHONY: install run test lint format messages bench clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("Sanlian needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	@echo ""
	@echo "  Sanlian is starting at http://$(SANLIAN_BIND)/  (Ctrl-C stops web, worker and beat)"
	@echo ""
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho -f Procfile start

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: install
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) var db.sqlite3 staticfiles
