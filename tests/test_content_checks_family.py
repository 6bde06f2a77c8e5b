"""Content checks for every unit's portal of the repository's family (content/don-vi/<unit>/,
declared in mkdocs.yml): the same invariants as tests/test_content_checks.py, which checks the
root, on each unit's portal as its own build sees it (its materialized tree, family.py).

They name no unit, file or count of the demo: a repository without units has nothing to check
here. Plans inherited from the units above are the cascade's to trim (a unit shows only the
tasks given to it), so only the unit's own plans must be on its pages in full.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator import family

from . import content_checks as checks

pytestmark = pytest.mark.content_check


@pytest.fixture(scope="module")
def units(demo_project) -> dict[str, checks.Built]:
    """Each unit's portal: its tree made as `cchc build --portal` makes it, built strictly."""
    declared, problems = family.read(demo_project)
    assert problems == []
    built = {}
    for portal in declared.portals[1:]:
        tree = family.materialize(demo_project, declared, portal.name)
        built[portal.name] = checks.Built(tree, checks.content_date())
    return built


def own_plans(built: checks.Built):
    inherited = family.Tree.read(built.project / family.TREE_FILE).inherited_plans
    return [plan for plan in built.corpus.plans if plan.slug not in inherited]


def test_each_unit_builds_strictly_and_its_own_plans_are_on_their_pages(units):
    for name, built in units.items():
        for plan in own_plans(built):
            checks.plan_page_has_every_section_and_item(built.site, plan)
            checks.plan_page_has_every_task(built.site, plan)


def test_each_unit_has_a_page_for_each_published_item(units):
    for name, built in units.items():
        own = checks.Built(built.project, built.date)
        own.corpus, own.site = replace(built.corpus, plans=own_plans(built)), built.site
        checks.every_item_has_its_page(own)


def test_each_units_links_resolve_in_vietnamese_pages_from_its_own_host(units):
    for name, built in units.items():
        assert checks.broken_links(built.site, built.base_path) == [], name
        assert checks.foreign_or_unsafe_markup(built.site, built.site_url) == [], name
