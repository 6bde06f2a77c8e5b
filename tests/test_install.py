"""Generator tests: install for the job. `make site` installs only what building needs and
`make test` adds the test tools and the browser; each pip install shows its progress. Read
from `make --dry-run --always-make`, which prints the commands without running them."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(target: str) -> list[str]:
    out = subprocess.run(["make", "--no-print-directory", "--dry-run", "--always-make", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def installs(lines: list[str]) -> list[str]:
    return [line for line in lines if "pip install" in line]


def test_site_installs_only_what_building_needs():
    lines = planned("site")
    assert [line.split("constraints.txt ", 1)[1] for line in installs(lines)] == ["-e ."]
    # npm only for the web editor served at /admin/ (part of the site; generator/admin/package-lock.json)
    assert not any("[test]" in line or ("npm" in line and "admin" not in line) or "apt-get" in line for line in lines)
    assert lines[-1].endswith("cchc build --all")  # every portal of the family


def test_test_installs_the_test_extra_and_the_browser_tools_then_runs_the_suite():
    lines = planned("test")
    assert [line.split("constraints.txt ", 1)[1] for line in installs(lines)] == ["-e .", "-e '.[test]'"]
    assert any("chromium" in line for line in lines) and any("npm ci" in line for line in lines)
    assert lines[-1].endswith("-m pytest")


def test_installs_show_their_progress():
    assert all("--quiet" not in line and "-q " not in line.split("pip install", 1)[1] for line in installs(planned("test")))
