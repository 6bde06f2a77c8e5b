"""Content checks (the repository's own content/ and plans/, whatever officers put there):
`cchc check` passes, the strict build passes, and invariants that hold for any content.

The publish workflow runs these before publishing; they name no file, slug, title or count of
the demo. The build date is the publish workflow's: CCHC_BUILD_DATE, else today in Vietnam.
"""
from __future__ import annotations

import datetime as dt

import pytest

from . import content_checks as checks
from .conftest import ROOT

pytestmark = pytest.mark.content_check


@pytest.fixture(scope="module")
def built(demo_content) -> checks.Built:
    return demo_content


def test_check_passes(demo_project):
    checks.check_passes(demo_project, checks.content_date())


def test_the_strict_build_passes(demo_site):
    assert demo_site.file("/").is_file()


def test_every_section_and_item_of_every_plan_is_on_its_page(built):
    for plan in built.corpus.plans:
        checks.plan_page_has_every_section_and_item(built.site, plan)


def test_every_task_of_every_plan_is_on_its_page(built):
    for plan in built.corpus.plans:
        checks.plan_page_has_every_task(built.site, plan)


def test_every_published_item_has_its_page(built):
    checks.every_item_has_its_page(built)


def test_unpublished_items_have_no_page(built):
    today = dt.date.fromisoformat(built.date)
    for item in (*built.corpus.articles, *built.corpus.episodes, *built.corpus.activities):
        if not item.is_published(today):
            assert not built.site.file(item.url).exists(), item.path


def test_every_internal_link_and_anchor_resolves(built):
    assert checks.broken_links(built.site, built.base_path) == []


def test_pages_are_vietnamese_with_ascii_anchors_and_no_other_hosts(built):
    assert checks.foreign_or_unsafe_markup(built.site, built.site_url) == []


def test_the_checks_read_the_repository_content(demo_project):
    """The content checks run on a copy of exactly what is in the repository."""
    for part in ("content", "plans"):
        ours = sorted(p.relative_to(ROOT / part).as_posix() for p in (ROOT / part).rglob("*") if p.is_file())
        theirs = sorted(p.relative_to(demo_project / part).as_posix() for p in (demo_project / part).rglob("*") if p.is_file())
        assert theirs == ours
