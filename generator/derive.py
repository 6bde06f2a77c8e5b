"""What is computed from the whole corpus: plan listings and which plans are current."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from .kinds.plan import LEVELS, Plan

_LEVEL_ORDER = {level: i for i, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class IssuerGroup:
    issuer: str
    level_label: str
    plans: tuple[Plan, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    issuers: tuple[IssuerGroup, ...]


def by_year_and_issuer(plans: list[Plan]) -> list[YearGroup]:
    """Newest year first; within a year by tier (tỉnh, huyện, xã) then issuer; then by date."""
    ordered = sorted(plans, key=lambda p: (-p.date.year, _LEVEL_ORDER[p.issuer.level], p.issuer.name, p.date, p.slug))
    years = []
    for year, in_year in groupby(ordered, key=lambda p: p.date.year):
        issuers = tuple(
            IssuerGroup(name, LEVELS[level], tuple(group))
            for (level, name), group in groupby(in_year, key=lambda p: (p.issuer.level, p.issuer.name))
        )
        years.append(YearGroup(year, issuers))
    return years


def is_current(plan: Plan, today: dt.date) -> bool:
    start, end = plan.span
    return (start is None or start <= today) and (end is None or today <= end)


def current_and_recent(plans: list[Plan], today: dt.date, recent: int = 5) -> tuple[list[Plan], list[Plan]]:
    """Plans in force on the build date, and the most recently issued others."""
    newest_first = sorted(plans, key=lambda p: (p.date, p.slug), reverse=True)
    current = [p for p in newest_first if is_current(p, today)]
    others = [p for p in newest_first if p not in current and p.date <= today]
    return current, others[:recent]
