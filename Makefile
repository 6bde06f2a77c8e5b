# Two commands for a fresh machine with Python 3.11, git and make:
#   make site   create .venv, install the pinned dependencies, build the demo portal into site/
#   make test   the whole test suite, browser tests included
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: site test check serve clean browser posters

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

site: $(INSTALLED)
	$(BIN)/cchc build

# The posters and leaflet of the built site as PDF, beside each page (needs Chromium).
posters: $(INSTALLED)
	$(BIN)/cchc posters

# The browser tests use Chromium ($$CHROMIUM_PATH, else `chromium` on the PATH) and axe-core
# from npm. Install what is missing as root, or with sudo where it needs no password (GitHub's
# runners); otherwise say what to install (the tests then skip, and fail under CI=true).
AS_ROOT = $(shell if [ "$$(id -u)" = 0 ]; then echo env; elif sudo -n true 2>/dev/null; then echo sudo; fi)

browser:
	@if [ -z "$$CHROMIUM_PATH" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
	  if [ -n "$(AS_ROOT)" ]; then $(AS_ROOT) apt-get update -qq && $(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: install Chromium for the browser tests (sudo apt-get install chromium), or set CHROMIUM_PATH"; fi; fi
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ -n "$(AS_ROOT)" ]; then $(AS_ROOT) apt-get update -qq && $(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "note: install Node.js and npm for the accessibility tests"; fi; fi
	@if [ ! -f $(AXE) ] && command -v npm >/dev/null 2>&1; then npm ci --prefix tests/browser --no-audit --no-fund --silent; fi

test: $(INSTALLED) browser
	$(BIN)/python -m pytest

check: $(INSTALLED)
	$(BIN)/cchc check

serve: $(INSTALLED)
	$(BIN)/cchc serve

clean:
	rm -rf site .site-build-* .site-previous-* .pytest_cache test-artifacts .cache/cchc
