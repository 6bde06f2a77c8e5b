# Two commands for a fresh machine with Python 3.11, git and make:
#   make site   create .venv, install what building needs (pinned), build the demo portal into site/
#   make test   also install the test tools and the browser, then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Each install is done once (until pyproject.toml or constraints.txt change), marked by a stamp file:
# SITE_INSTALLED what `cchc` needs to check, build and serve; INSTALLED that plus the [test] extra
# (pytest, Playwright…; the name CI and the developers' set-up use).
SITE_INSTALLED := $(VENV)/.installed-site
INSTALLED := $(VENV)/.installed
PIP := $(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -c constraints.txt
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: site test check serve clean browser posters cms

# pip runs without --quiet: a first install downloads some 60 MB, and its progress is shown.
$(SITE_INSTALLED): pyproject.toml constraints.txt
	@echo "==> [1/2] Python environment in $(VENV)/"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> [2/2] what building the portal needs (MkDocs, Material, Pagefind…), pinned in constraints.txt"
	$(PIP) -e .
	touch $@

$(INSTALLED): $(SITE_INSTALLED)
	@echo "==> the test tools (pytest, Playwright, Hypothesis…), pinned in constraints.txt"
	$(PIP) -e '.[test]'
	touch $@

site: $(SITE_INSTALLED) cms
	$(BIN)/cchc build --all

# The posters and leaflet of the built site as PDF, beside each page (needs Chromium).
posters: $(SITE_INSTALLED)
	$(BIN)/cchc posters

# The browser tests use Chromium ($$CHROMIUM_PATH, else `chromium` on the PATH) and axe-core
# from npm; the serving test runs generator/deploy/nginx.conf with Debian's nginx and brotli module. Install what is missing as root, or with sudo where it needs no password (GitHub's
# runners); otherwise say what to install (the tests then skip, and fail under CI=true).
AS_ROOT = $(shell if [ "$$(id -u)" = 0 ]; then echo env; elif sudo -n true 2>/dev/null; then echo sudo; fi)

browser:
	@if [ -z "$$CHROMIUM_PATH" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
	  if [ -n "$(AS_ROOT)" ]; then echo "==> Chromium for the browser tests (apt-get, a few minutes)"; $(AS_ROOT) apt-get update -qq && $(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: install Chromium for the browser tests (sudo apt-get install chromium), or set CHROMIUM_PATH"; fi; fi
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ -n "$(AS_ROOT)" ]; then echo "==> Node.js and npm for the accessibility tests (apt-get)"; $(AS_ROOT) apt-get update -qq && $(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "note: install Node.js and npm for the accessibility tests"; fi; fi
	@if [ ! -f $(AXE) ] && command -v npm >/dev/null 2>&1; then echo "==> axe-core for the accessibility tests (npm)"; npm ci --prefix tests/browser --no-audit --no-fund --silent; fi
	@if [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then \
	  if [ -n "$(AS_ROOT)" ]; then $(AS_ROOT) apt-get update -qq && $(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static >/dev/null; \
	  else echo "note: install nginx for the serving test (sudo apt-get install nginx-light libnginx-mod-http-brotli-static)"; fi; fi

test: $(INSTALLED) browser cms
	$(BIN)/python -m pytest

# The web editor at /admin/ (Sveltia CMS, pinned in generator/admin/package-lock.json; npm writes
# node_modules/.package-lock.json when it installs): installed
# when npm is there; without it the site is built without /admin/ and the build says so.
CMS := generator/admin/node_modules/.package-lock.json

cms:
	@if [ ! -f $(CMS) ] || [ generator/admin/package-lock.json -nt $(CMS) ]; then \
	  if command -v npm >/dev/null 2>&1; then echo "Installing the web editor (npm ci in generator/admin)…"; \
	    npm ci --prefix generator/admin --no-audit --no-fund --silent || echo "note: the web editor could not be installed; the site is built without /admin/"; \
	  else echo "note: npm is not installed: the site is built without the web editor /admin/"; fi; fi

check: $(SITE_INSTALLED)
	$(BIN)/cchc check

serve: $(SITE_INSTALLED)
	$(BIN)/cchc serve

clean:
	rm -rf site .site-build-* .site-previous-* .pytest_cache test-artifacts .cache/cchc
