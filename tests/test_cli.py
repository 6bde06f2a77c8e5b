"""Generator tests (copies of the fixture portal): the cchc command and MkDocs itself, run as an officer or CI would."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from xml.etree import ElementTree

import pytest

from .conftest import BUILD_DATE, copy_project, run_cchc

BROKEN = """\
type: ke_hoach
number: "99/KH-UBND"
issuer: {name: Ủy ban nhân dân phường Mẫu, level: xa}
date: 2021-02-30
title: Kế hoạch mẫu có lỗi
period: 2021-13
recipents: []
"""
BROKEN_PROBLEMS = [
    'plans/9999-broken.yml:4:7: date: "2021-02-30" is not a date: February 2021 has 28 days',
    'plans/9999-broken.yml:6:9: period: "2021-13" is not a timeframe: month must be 1–12',
    'plans/9999-broken.yml:7:1: recipents: unknown field (did you mean "recipients"?)',
]


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_check_passes_on_the_fixture_portal(project):
    result = run_cchc(project, "check")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "OK: 4 plans, 35 articles, 1 programme series, 10 episodes, 10 activities, 11 procedures, 5 hotlines, 5 feedback items checked, no problems."


def test_check_lists_every_problem_and_fails(project):
    (project / "plans" / "9999-broken.yml").write_text(BROKEN, encoding="utf-8")
    (project / "plans" / "9999-empty.yml").write_text("", encoding="utf-8")
    result = run_cchc(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "4 problems found in the content:",
        *BROKEN_PROBLEMS,
        "plans/9999-empty.yml:1:1: the file is empty (write the plan's fields, see plans/README.md)",
    ]
    assert "Traceback" not in result.stderr


def test_a_failed_build_publishes_nothing_and_keeps_the_previous_site(project):
    assert run_cchc(project, "build").returncode == 0
    before = tree(project / "site")
    (project / "plans" / "9999-broken.yml").write_text(BROKEN, encoding="utf-8")
    result = run_cchc(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in BROKEN_PROBLEMS:
        assert line in result.stderr
    assert result.stderr.rstrip().endswith("Build failed: nothing was published; site/ was left as it was.")
    assert tree(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_plain_mkdocs_build_reports_the_same_problems_without_a_traceback(project):
    (project / "plans" / "9999-broken.yml").write_text(BROKEN, encoding="utf-8")
    env = {**os.environ, "CCHC_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "out"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for line in BROKEN_PROBLEMS:
        assert line in output


def test_a_bad_build_date_is_explained(project):
    result = run_cchc(project, "build", build_date="2026-02-30")
    assert result.returncode == 2
    assert result.stderr == 'error: CCHC_BUILD_DATE=2026-02-30: "2026-02-30" is not a date: February 2026 has 28 days\n'
    assert not (project / "site").exists()


def test_same_inputs_and_build_date_give_identical_output(project, site):
    assert run_cchc(project, "build", "-d", "again").returncode == 0
    assert tree(project / "again") == tree(site.root)


def test_help_names_the_commands_and_the_build_date_variable(project):
    result = run_cchc(project, "--help")
    assert result.returncode == 0
    for word in ("check", "build", "serve", "CCHC_BUILD_DATE"):
        assert word in result.stdout


def test_the_sitemap_dates_pages_by_their_content_or_the_build_date(project):
    assert run_cchc(project, "build", build_date="2021-05-05").returncode == 0
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ElementTree.parse(project / "site" / "sitemap.xml")
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in sitemap.iterfind("s:url", ns)}
    assert lastmod["https://example.gov.vn/cchc/"] == "2021-05-05"
    assert lastmod["https://example.gov.vn/cchc/ke-hoach/2021-tp-soc-trang-15/"] == "2021-02-15"
    assert lastmod["https://example.gov.vn/cchc/tin-tuc/2021/03/ket-qua-cchc-2020/"] == "2021-03-15"
    assert all(len(v) == 10 for v in lastmod.values())
