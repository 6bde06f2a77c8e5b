"""Shared fixtures.

Two portals are built once per test session, each in its own temp dir:

- `site` (alias `fixture_site`): the fixture portal in tests/fixtures/portal/, the input of
  every *generator test*. Its files are the tests' own: expected values are read from them or
  written next to them, so officers' edits to content/ and plans/ never change a generator test.
- `demo_site`: whatever is in the repository's content/ and plans/, the input of the *content
  checks* (tests/content_checks.py), which assert only what holds for any portal.
"""
from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "portal"
BUILD_DATE = "2026-11-22"
PROJECT_PARTS = ("mkdocs.yml", "content", "plans")

# The generator tests assert the English msgids verbatim (developers' language); the Vietnamese
# catalogue that officers read by default is tested on its own (tests/test_i18n.py). Set before
# any test runs, so in-process checks and `cchc` subprocesses alike speak English.
os.environ["CCHC_LANG"] = "en"
THEME_PARTS = ("overrides",)  # the portal's theme is part of the generator: always the repository's


def pytest_configure(config):
    config.addinivalue_line("markers", "content_check: runs on the repository's own content/ and plans/ (pytest -m content_check)")


def copy_project(dest: Path, source: Path = FIXTURE) -> Path:
    """A portal project in `dest`: the fixture portal, or with `source=ROOT` the repository's own
    content (content checks only). The theme overrides always come from the repository."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        origin = source / part
        if origin.is_dir():
            shutil.copytree(origin, dest / part)
        else:
            shutil.copy2(origin, dest / part)
    for part in THEME_PARTS:
        shutil.copytree(ROOT / part, dest / part)
    return dest


def copy_demo(dest: Path) -> Path:
    """A copy of the repository's own portal (content/, plans/, mkdocs.yml): for content checks."""
    return copy_project(dest, ROOT)


def run_cchc(project: Path, *args: str, build_date: str = BUILD_DATE) -> subprocess.CompletedProcess:
    env = {**os.environ, "CCHC_BUILD_DATE": build_date, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=project, env=env, capture_output=True, text=True
    )


@cache
def fixture_corpus():
    """The fixture portal as the generator loads it (read-only: never modify it)."""
    from generator.content import load_corpus

    corpus, problems = load_corpus(FIXTURE, FIXTURE / "plans", FIXTURE / "content")
    assert problems == [], [str(p) for p in problems]
    return corpus


class Site:
    """A built site: read pages as parsed HTML by their URL path."""

    def __init__(self, root: Path):
        self.root = root

    def file(self, url: str) -> Path:
        path = self.root / url.partition("#")[0].strip("/")
        return path / "index.html" if path.is_dir() or url.endswith("/") else path

    @staticmethod
    def resolve(page_url: str, href: str) -> str:
        """The site URL (path, with any #fragment) a relative link on `page_url` points to."""
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(page_url, path)) if path else page_url.rstrip("/")
        if path.endswith("/") or not path:
            target = target.rstrip("/") + "/"
        return target + (f"#{fragment}" if fragment else "")

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(url).read_text(encoding="utf-8"), "html.parser")


def build(project: Path, build_date: str = BUILD_DATE) -> Site:
    result = run_cchc(project, "build", build_date=build_date)
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def fixture_site(fixture_project) -> Site:
    return build(fixture_project)


@pytest.fixture(scope="session")
def site(fixture_site) -> Site:
    """The built fixture portal (generator tests)."""
    return fixture_site


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory) -> Path:
    return copy_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def demo_site(demo_project) -> Site:
    """The repository's own content, built strictly as of the publish date (content checks)."""
    from .content_checks import content_date

    return build(demo_project, content_date())


@pytest.fixture(scope="session")
def demo_content(demo_project, demo_site):
    """The repository's content: loaded corpus and strict build, for the content checks."""
    from .content_checks import Built, content_date

    built = Built(demo_project, content_date())
    built.site = demo_site  # the session's build of the same content as of the same date
    return built


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test of the session (Playwright's sync API allows one)."""
    from .browser_support import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page in a fresh browser context in Vietnamese (a test file with more to watch has its own)."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()
