"""Assemble the generated pages: model + derived data → (source path, Markdown)."""
from __future__ import annotations

import datetime as dt

from . import derive, urls
from .kinds.plan import Plan
from .render import render


def plan_pages(plans: list[Plan]) -> dict[str, str]:
    """Every page and file the plans produce, keyed by their path in the docs dir."""
    pages = {urls.PLANS_INDEX: render("plans_index.md.j2", years=derive.by_year_and_issuer(plans), page=urls.PLANS_INDEX)}
    for plan in plans:
        page = urls.plan_page(plan.slug)
        pages[page] = render("plan.md.j2", plan=plan, page=page)
        pages[urls.plan_source(plan.slug)] = plan.text
    return pages


def home_section(plans: list[Plan], today: dt.date, page: str) -> str:
    """The block of current and recent plans appended to the home page."""
    current, recent = derive.current_and_recent(plans, today)
    return render("home_plans.md.j2", current=current, recent=recent, page=page, today=today)
