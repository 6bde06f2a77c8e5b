# Two commands for a fresh machine with Python 3.11, git and make:
#   make site   create .venv, install the pinned dependencies, build the demo portal into site/
#   make test   the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site test check serve clean

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

site: $(INSTALLED)
	$(BIN)/cchc build

test: $(INSTALLED)
	$(BIN)/python -m pytest

check: $(INSTALLED)
	$(BIN)/cchc check

serve: $(INSTALLED)
	$(BIN)/cchc serve

clean:
	rm -rf site .site-build-* .site-previous-* .pytest_cache
