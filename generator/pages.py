"""Assemble the site: model + derived data → generated pages, feeds, and the
decorations and addresses of the officers' own article and episode pages."""
from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from urllib.parse import urlsplit

from . import cascade, delivery, derive, documents, exports, family_search, posters, quizzes, search_words, services, urls
from .content import Corpus, check_bodies, check_site, load_corpus, without_dangling_references
from .errors import Problem
from .family import Context
from .kinds import organisation
from .render import addresses_only, forget_rendered, render
from .vocab import NEWS_AREAS

NEWS_PER_PAGE = 10
# An area's or a tag's news: longer pages, since every page costs the build a whole themed
# page and each article is listed on a few of these (at 4,000 articles: 360 pages, not 1,800).
TOPIC_PER_PAGE = 50


@dataclass
class Site:
    generated: dict[str, str] = field(default_factory=dict)  # docs-dir path -> content
    moved: dict[str, str] = field(default_factory=dict)  # source page -> its URL
    head: dict[str, str] = field(default_factory=dict)  # source page -> Markdown put before it
    foot: dict[str, str] = field(default_factory=dict)  # source page -> Markdown put after it
    hidden: set[str] = field(default_factory=set)  # source pages not (yet) published
    updated: dict[str, dt.date] = field(default_factory=dict)  # page -> last modified, for the sitemap
    progress: dict = field(default_factory=dict)  # plan slug -> delivery.PlanProgress

    clashes: list[str] = field(default_factory=list)  # addresses generated twice (reported by content.check_site)

    origins: dict[str, str] = field(default_factory=dict)  # generated page -> the officer's file it shows, for messages
    elsewhere: dict = field(default_factory=dict)  # plan slug -> an ancestor's plan not published here (cascade.unit_plans)
    problems: list[Problem] = field(default_factory=list)  # the units' data files that cannot be read (cascade.read_units)

    def plans(self, corpus: Corpus) -> dict:
        """Plans by slug as content refers to them: this portal's, and the ancestors' it does not publish."""
        return {**self.elsewhere, **{p.slug: p for p in corpus.plans}}

    def page(self, url: str, template: str, origin: str = "", **context) -> None:
        """A generated page; `origin`: the file it is made from (a plan, a quiz…), if one."""
        if origin:
            self.origins[urls.src_of(url)] = origin
        self.add(urls.src_of(url), render(template, page=url, **context))

    def download(self, url: str, content: str) -> None:
        """A generated file other than a page (feed, calendar, CSV…) at its URL."""
        self.add(url.lstrip("/"), content)

    def add(self, src: str, content: str) -> None:
        """A generated file; two for one address would overwrite each other."""
        if src in self.generated:
            self.clashes.append(src)
        self.generated[src] = content


def assemble(root: Path, plans_dir: Path, docs: Path, today: dt.date, site_url: str, drafts: bool = False,
             pages: bool = True, family: Context | None = None) -> tuple[Corpus, Site | None, list[Problem]]:
    """Everything `cchc check` and the build check, in one place: every file loaded and
    checked, the site assembled from what loaded, its addresses and every Markdown body's
    links checked. The site is None when there are problems. `pages=False`: the generated
    pages' addresses only, not their text (the check). `family`: the portal's place in a
    family of portals (family.py); None for a portal of its own."""
    corpus, problems = load_corpus(root, plans_dir, docs, family.skipped(root) if family else ())
    problems += cascade.check_units(corpus.plans, family)
    if family is not None:
        corpus = replace(corpus, plans=cascade.with_homes(corpus.plans, root, family))
    try:
        with nullcontext() if pages else addresses_only():
            site = build_site(without_dangling_references(corpus) if problems else corpus, today, site_url, drafts, family)
    except Exception:
        if not problems:
            raise
        return corpus, None, problems  # content too broken to assemble: its own problems come first
    problems += site.problems
    problems += check_site(site, corpus.inventory, root, docs, items_clean=not problems) + check_bodies(site, corpus.inventory, root, docs)
    return corpus, (None if problems else site), problems


def build_site(corpus: Corpus, today: dt.date, site_url: str, drafts: bool = False,
               family: Context | None = None) -> Site:
    site = Site()
    forget_rendered()
    news = derive.news(corpus.articles, today, drafts, NEWS_PER_PAGE)
    episodes = [e for e in corpus.episodes if e.is_published(today, drafts)]
    activities = derive.newest_first(a for a in corpus.activities if a.is_published(today, drafts))
    delivered = derive.deliveries([*news.articles, *activities], corpus.series, episodes)
    site.download(urls.UNIT_DATA, exports.delivery_json(family.portal if family else None, today, site_url, delivered))
    units: dict = {}
    if family is not None:
        shown, site.elsewhere = cascade.unit_plans(corpus.plans, family)
        corpus = replace(corpus, plans=shown)
        units, site.problems = cascade.read_units(family)
    progress = site.progress = {p.slug: delivery.plan_progress(p, delivered, today) for p in corpus.plans}
    _plans(site, corpus, delivered, progress, today, site_url, family, units)
    _activities(site, corpus, activities, today)
    _reports(site, corpus, delivered, today, site_url, family, units)
    _news(site, corpus, news, site_url)
    _programmes(site, corpus, episodes, today, site_url)
    services.build(site, corpus, news.articles, today, site_url)
    documents.build(site, corpus)
    organisation.build(site, corpus)
    quizzes.build(site, corpus)
    posters.build(site, corpus, site_url)
    search_words.build(site, corpus, family_search.indexes(family, site_url))
    return site


def home_section(site: Site, corpus: Corpus, today: dt.date, drafts: bool = False) -> str:
    """The current plans with their progress, and the latest news, appended to the home page."""
    current, recent = derive.current_and_recent([p.plan for p in site.progress.values()], today)  # the plans published here
    latest = derive.newest_first(a for a in corpus.articles if a.is_published(today, drafts))[:5]  # derive.news' order
    return render("home.md.j2", current=current, recent=recent, latest=latest, progress=site.progress, page="/", today=today)


def _plans(site: Site, corpus: Corpus, delivered: dict, progress: dict, today: dt.date, site_url: str,
           family: Context | None = None, units: dict | None = None) -> None:
    site.page("/ke-hoach/", "plans_index.md.j2", years=derive.by_year_and_issuer(corpus.plans), progress=progress)
    host = urlsplit(site_url).hostname or "localhost"
    for plan in corpus.plans:
        url = urls.plan_url(plan.slug)
        by_unit = cascade.unit_report(plan, plan.tasks, plan.span[0] or plan.date, today, units or {}, family)[0] if family else ()
        site.page(url, "plan.md.j2", origin=plan.path, plan=plan, delivered=delivered, progress=progress[plan.slug], today=today,
                  by_unit={row.task.no: row for row in by_unit})
        site.add(urls.plan_source(plan.slug), plan.text)
        if plan.tasks:
            site.download(urls.plan_calendar(plan.slug), exports.task_calendar(plan, progress[plan.slug].tasks, today, site_url, host))
        site.updated[urls.src_of(url)] = plan.date


def _activities(site: Site, corpus: Corpus, activities: list, today: dt.date) -> None:
    plans = site.plans(corpus)
    site.page(urls.ACTIVITIES_INDEX, "activities_index.md.j2", activities=activities)
    published = {a.src for a in activities}
    site.hidden.update(a.src for a in corpus.activities if a.src not in published)
    for i, activity in enumerate(activities):
        site.moved[activity.src] = activity.url
        site.updated[activity.src] = activity.date.date()
        context = dict(item=activity, page=activity.url, plans=plans)
        site.head[activity.src] = render("activity_head.md.j2", **context)
        older = activities[i + 1] if i + 1 < len(activities) else None
        newer = activities[i - 1] if i > 0 else None
        site.foot[activity.src] = render("article_foot.md.j2", older=older, newer=newer, **context)


def _reports(site: Site, corpus: Corpus, delivered: dict, today: dt.date, site_url: str,
             family: Context | None = None, units: dict | None = None) -> None:
    """A report per plan and per quarter, half-year and year it has begun, as a page and a CSV;
    on a parent's portal, with its units' delivery of the tasks assigned to them and a CSV
    of the late units."""
    listed = []
    for plan in corpus.plans:
        reports = delivery.plan_reports(plan, delivered, today)
        listed.append((plan, reports))
        site.page(urls.plan_reports_url(plan.slug), "reports_plan.md.j2", plan=plan, reports=reports)
        for report in reports:
            url = urls.report_url(plan.slug, report.period.slug)
            by_unit, late = (), ()
            if family is not None:
                by_unit, late = cascade.unit_report(plan, [t.task for t in report.tasks], report.period.start, report.as_of, units or {}, family)
            site.page(url, "report.md.j2", plan=plan, report=report, today=today, by_unit=by_unit, late=late)
            if by_unit:
                site.download(urls.late_units_csv(plan.slug, report.period.slug), exports.late_units_csv(report.period.label, late))
            rows = [(t.task, t.state, t.items) for t in report.tasks]
            site.download(urls.report_csv(plan.slug, report.period.slug), exports.report_csv(report.period.label, rows, site_url))
    site.page(urls.REPORTS_INDEX, "reports_index.md.j2", listed=listed, today=today)
    site.page(urls.STATUS_RULES, "status_rules.md.j2", due_soon=delivery.DUE_SOON_DAYS)


def _news(site: Site, corpus: Corpus, news: derive.News, site_url: str) -> None:
    # Every listing but the months is paginated like the news list, so that no page grows
    # with the years; the year pages list their months, whose pages hold the articles.
    _listing(site, urls.NEWS_INDEX, news.pages, kind="index", news=news)
    for year, months in news.years.items():
        site.page(urls.news_year_url(year), "news_year.md.j2", year=year, months=months, news=news)
        for month, articles in months.items():
            site.page(urls.news_month_url(year, month), "news_list.md.j2", kind="month", year=year, month=month, articles=articles, news=news,
                      first=urls.news_month_url(year, month), number=1, total=1)
    for area, articles in news.areas.items():
        _listing(site, urls.area_url(area), derive.paginate(articles, TOPIC_PER_PAGE), kind="area", area=area, area_label=NEWS_AREAS[area], news=news)
        site.download(urls.area_feed_url(area), render(
            "atom.xml.j2", feed=urls.area_feed_url(area), home=urls.area_url(area), site_url=site_url,
            title=f"Tin tức — {NEWS_AREAS[area]}", articles=articles[:20],
        ))
    for tag in news.tags.values():
        _listing(site, urls.tag_url(tag.label), derive.paginate(tag.articles, TOPIC_PER_PAGE), kind="tag", tag=tag, news=news)
    site.download(urls.NEWS_FEED, render(
        "atom.xml.j2", feed=urls.NEWS_FEED, home=urls.NEWS_INDEX, site_url=site_url, title="Tin tức cải cách hành chính", articles=news.articles[:20],
    ))
    published = {a.src for a in news.articles}
    plans = site.plans(corpus)
    for article in corpus.articles:
        if article.src not in published:
            site.hidden.add(article.src)
            continue
        site.moved[article.src] = article.url
        site.updated[article.src] = (article.publish or article.date).date()
        context = dict(item=article, page=article.url, plans=plans)
        site.head[article.src] = render("article_head.md.j2", **context)
        site.foot[article.src] = render("article_foot.md.j2", older=news.older[article.src], newer=news.newer[article.src], **context)


def _listing(site: Site, first: str, pages: tuple, **context) -> None:
    """The pages of one news listing, `pages` of articles each, the first at `first`."""
    for number, articles in enumerate(pages, 1):
        site.page(urls.paged(first, number), "news_list.md.j2", articles=articles, first=first, number=number, total=len(pages), **context)


def _programmes(site: Site, corpus: Corpus, episodes: list, today: dt.date, site_url: str) -> None:
    site.page(urls.SERIES_INDEX, "series_index.md.j2", series=corpus.series)
    plans = site.plans(corpus)
    published = {e.src for e in episodes}
    for series in corpus.series:
        own = derive.newest_first(e for e in episodes if e.series == series.slug)
        years = {year: derive.series_year(series, own, year, today) for year in series.years() if dt.date(year, 1, 1) <= today}
        site.page(series.url, "series.md.j2", origin=series.path, series=series, episodes=own, years=years, plans=plans)
        for year, slots in years.items():
            site.page(urls.series_year_url(series.slug, year), "series_year.md.j2", series=series, year=year, slots=slots)
        site.download(urls.series_feed_url(series.slug), render("podcast.xml.j2", series=series, episodes=own, site_url=site_url))
        for i, episode in enumerate(own):
            site.moved[episode.src] = episode.url
            site.updated[episode.src] = episode.date.date()
            context = dict(item=episode, series=series, page=episode.url, plans=plans)
            site.head[episode.src] = render("episode_head.md.j2", **context)
            older = own[i + 1] if i + 1 < len(own) else None
            newer = own[i - 1] if i > 0 else None
            site.foot[episode.src] = render("article_foot.md.j2", older=older, newer=newer, **context)
    site.hidden.update(e.src for e in corpus.episodes if e.src not in published)
