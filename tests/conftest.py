"""Shared fixtures: the demo portal built once per test session in a temp dir."""
from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-22"
PROJECT_PARTS = ("mkdocs.yml", "content", "plans", "overrides")


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


def run_cchc(project: Path, *args: str, build_date: str = BUILD_DATE) -> subprocess.CompletedProcess:
    env = {**os.environ, "CCHC_BUILD_DATE": build_date, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=project, env=env, capture_output=True, text=True
    )


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


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def site(demo_project) -> Site:
    result = run_cchc(demo_project, "build")
    assert result.returncode == 0, result.stderr
    return Site(demo_project / "site")
