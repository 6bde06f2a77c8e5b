"""What is computed from the whole corpus: plan listings and which plans are current."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from .delivery import Period, periods
from .kinds.plan import LEVELS, Plan
from .text import compare_key
from .urls import slugify

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
    """Newest year first; within a year by tier (tỉnh, huyện, xã) then issuer; then by date.
    Spellings of one issuer (`Uỷ ban`/`Ủy ban`) form one group, named as its first plan writes it."""
    ordered = sorted(plans, key=lambda p: (-p.date.year, _LEVEL_ORDER[p.issuer.level], compare_key(p.issuer.name), p.date, p.slug))
    years = []
    for year, in_year in groupby(ordered, key=lambda p: p.date.year):
        groups = [tuple(g) for _, g in groupby(in_year, key=lambda p: (p.issuer.level, compare_key(p.issuer.name)))]
        issuers = tuple(IssuerGroup(g[0].issuer.name, LEVELS[g[0].issuer.level], g) for g in groups)
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


# --- news -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tag:
    label: str
    slug: str
    articles: tuple


@dataclass(frozen=True)
class News:
    """Published articles, newest first, and every grouping the news pages show."""

    articles: tuple
    pages: tuple  # tuples of articles, `per_page` each
    years: dict  # year -> {month -> articles}, newest first
    areas: dict  # area key -> articles
    tags: dict  # tag slug -> Tag
    older: dict  # article src -> the next older article (or None)
    newer: dict  # article src -> the next newer article (or None)


def newest_first(items) -> list:
    return sorted(items, key=lambda a: (a.date, a.src), reverse=True)


def paginate(items, per_page: int) -> tuple:
    pages = tuple(tuple(items[i:i + per_page]) for i in range(0, len(items), per_page))
    return pages or ((),)


def news(articles, today: dt.date, drafts: bool = False, per_page: int = 10) -> News:
    published = newest_first(a for a in articles if a.is_published(today, drafts))
    years: dict = {}
    areas: dict = {}
    tags: dict = {}
    for article in published:  # one pass: grouping stays linear in the number of articles
        years.setdefault(article.date.year, {}).setdefault(article.date.month, []).append(article)
        for area in article.areas:
            areas.setdefault(area, []).append(article)
        for label in article.tags:
            slug = slugify(label)
            tag = tags.setdefault(slug, Tag(label, slug, []))
            tag.articles.append(article)
    older = {a.src: (published[i + 1] if i + 1 < len(published) else None) for i, a in enumerate(published)}
    newer = {a.src: (published[i - 1] if i > 0 else None) for i, a in enumerate(published)}
    return News(
        articles=tuple(published),
        pages=paginate(published, per_page),
        years={y: {m: tuple(v) for m, v in months.items()} for y, months in years.items()},
        areas={k: tuple(v) for k, v in areas.items()},
        tags={k: Tag(t.label, t.slug, tuple(t.articles)) for k, t in sorted(tags.items())},
        older=older,
        newer=newer,
    )


# --- plan delivery ----------------------------------------------------------------------------

def deliveries(items, series, episodes) -> dict:
    """(plan slug, task number or None) -> the published items (articles, activities,
    episodes through their series) that deliver it, oldest first."""
    found: dict = {}
    for item in items:
        for ref in item.delivers:
            found.setdefault((ref.plan, ref.task), []).append(item)
    by_series = {s.slug: s for s in series}
    for episode in episodes:
        ref = by_series[episode.series].delivers
        if ref is not None:
            found.setdefault((ref.plan, ref.task), []).append(episode)
    return {key: sorted(items, key=lambda i: (i.date, i.src)) for key, items in found.items()}


# --- programme archives -----------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    """One period of a series' cadence (a month, for a monthly series) and its episodes."""

    period: Period
    episodes: tuple
    expected: int
    state: str  # aired | missing | upcoming

    @property
    def label(self) -> str:
        return self.period.label[:1].upper() + self.period.label[1:]


def series_year(series, episodes, year: int, today: dt.date) -> list[Slot]:
    """Every period of the cadence in `year` within the series' period, with its episodes."""
    cadence = series.cadence.recurring.unit
    expected = series.cadence.count or 1
    first, last = series.period.span()
    slots = []
    for period in periods(cadence, max(first, dt.date(year, 1, 1)), min(last, dt.date(year, 12, 31))):
        aired = tuple(e for e in episodes if period.contains(e.date.date()))
        if len(aired) >= expected:
            state = "aired"
        elif period.end >= today:
            state = "upcoming"  # the period is not over yet: nothing is missing so far
        else:
            state = "missing"
        slots.append(Slot(period, aired, expected, state))
    return slots
