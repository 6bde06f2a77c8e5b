"""Content checks: what must hold for ANY portal's content/ and plans/, whatever officers wrote.

Each check takes a project directory (or the site built from it) and asserts only invariants:
`cchc check` passes, the strict build passes, every task and section item of every plan is on
its page, every published item has its page, every internal link and anchor resolves. Nothing
here names a demo file, slug, title or count: tests/test_content_checks.py runs these on the
repository's content, and tests/test_content_checks_hold.py on a copy that officers have edited.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

from generator import dates, family, urls
from generator.content import Corpus, load_corpus
from generator.kinds.plan import Item, Plan, Section
from generator.render import md, numbered

from .conftest import Site, run_cchc


def content_date() -> str:
    """The day the publish workflow builds as of: CCHC_BUILD_DATE, else today in Vietnam."""
    return dates.build_date().isoformat()


def words(html_or_text: str) -> str:
    """Visible text with whitespace folded, for containment checks."""
    return " ".join(BeautifulSoup(html_or_text, "html.parser").get_text(" ").split())


def all_items(sections: tuple[Section, ...]):
    for section in sections:
        yield from section.items
        yield from all_items(section.sections)


def item_texts(item: Item):
    for value in (item.title, item.text, item.lead, item.coordinating, *item.content, *item.products):
        if value:
            yield value
    for sub in item.items:
        yield from item_texts(sub)


@dataclass
class Built:
    """A project, its loaded corpus and its strictly built site, as of `date`."""

    project: Path
    date: str

    @cached_property
    def corpus(self) -> Corpus:
        corpus, problems = load_corpus(self.project, self.project / "plans", self.project / "content", units_inside(self.project))
        assert problems == [], "\n".join(str(p) for p in problems)
        return corpus

    @cached_property
    def site(self) -> Site:
        return strict_build(self.project, self.date)

    @cached_property
    def site_url(self) -> str:
        config = yaml.load((self.project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)
        return config.get("site_url") or "/"

    @cached_property
    def base_path(self) -> str:
        """The path of site_url ("/cchc/"): absolute links on the 404 page start with it."""
        return urlsplit(self.site_url).path.rstrip("/") + "/"


def units_inside(project: Path) -> list[Path]:
    """The folders of the units' portals inside a family's root (content/don-vi/<unit>/): not
    the root's content, checked as portals of their own (tests/test_content_checks_family.py)."""
    declared, problems = family.read(project)
    assert problems == [], "\n".join(str(p) for p in problems)
    return family.context_for(declared, declared.root.name).skipped(project) if len(declared.portals) > 1 else []


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may carry !ENV or !!python tags; only site_url is read here."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


# --- the checks ----------------------------------------------------------------------------------

def check_passes(project: Path, date: str) -> None:
    result = run_cchc(project, "check", build_date=date)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:"), result.stdout
    assert "Traceback" not in result.stderr


def strict_build(project: Path, date: str) -> Site:
    result = run_cchc(project, "build", build_date=date)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return Site(project / "site")


def plan_page_has_every_section_and_item(site: Site, plan: Plan) -> None:
    """Every heading, text, item and closing part of the plan's document is on its page."""
    page = site.page(f"/ke-hoach/{plan.slug}/")
    text = words(str(page))
    headings = [" ".join(h.get_text(" ").replace("¶", "").split()) for h in page.select("article h2, article h3, article h4, article h5, article h6")]

    def walk(sections):
        for s in sections:
            if s.heading:
                expected = " ".join((numbered(s.no) + s.heading).split())
                assert expected in headings, (plan.slug, expected)
            for value in filter(None, (s.text, s.after)):
                assert words(md(value)) in text, (plan.slug, value[:80])
            for item in s.items:
                for value in item_texts(item):
                    assert words(md(value)) in text, (plan.slug, value[:80])
            walk(s.sections)

    walk(plan.sections)
    for value in (*plan.legal_bases, plan.preamble, plan.closing, *plan.recipients):
        if value:
            assert words(md(value)) in text, (plan.slug, value[:80])


def plan_page_has_every_task(site: Site, plan: Plan) -> None:
    """Each task has its anchor (articles link to it); an appendix is one table row per task."""
    page = site.page(f"/ke-hoach/{plan.slug}/")
    for task in plan.tasks:
        anchor = urlsplit(urls.task_url(plan.slug, task.no)).fragment
        assert page.find(id=anchor) is not None, (plan.slug, task.no)
    if not plan.appendix:
        return
    table = page.select_one("table.cchc-tasks:not(.cchc-tracking):not(.cchc-agencies)")
    rows = table.select("tbody tr")
    assert len(rows) == len(plan.tasks), plan.slug
    for row, task in zip(rows, plan.tasks):
        cells = {td["data-label"]: words(str(td)) for td in row.select("td")}
        assert cells[plan.appendix.column("no")] == task.no
        for key in ("content", "lead", "coordinating", "products"):
            for value in getattr(task, key):
                assert words(md(value)) in cells[plan.appendix.column(key)], (plan.slug, task.no, key)
        assert cells[plan.appendix.column("timeframe")] == task.timeframe.describe()


def published_items(corpus: Corpus, today: dt.date) -> list[tuple[str, str]]:
    """(source, URL) of every item a listing links to, as of `today`."""
    items = [(p.path, f"/ke-hoach/{p.slug}/") for p in corpus.plans]
    items += [(s.path, s.url) for s in corpus.series]
    for kind in (corpus.articles, corpus.episodes, corpus.activities):
        items += [(i.path, i.url) for i in kind if i.is_published(today)]
    items += [(i.path, i.url) for i in (*corpus.procedures, *corpus.feedback)]
    return items


def every_item_has_its_page(built: Built) -> None:
    today = dt.date.fromisoformat(built.date)
    missing = [(src, url) for src, url in published_items(built.corpus, today) if not built.site.file(url).is_file()]
    assert missing == []
    hotlines = built.site.page("/duong-day-nong/") if built.corpus.hotlines else None
    for hotline in built.corpus.hotlines:
        assert hotlines.find(id=hotline.slug) is not None, hotline.slug


LINKED = "a[href], img[src], audio[src], video[src], source[src], link[href], script[src], iframe[src]"
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # https:, mailto:, tel:, data:, …


def broken_links(site: Site, base_path: str = "/") -> list[tuple[str, str, str]]:
    """(page, link, why) for every relative link or asset in the built HTML that does not resolve:
    the target file must exist and a #fragment must be an id (or name) on the target page."""
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {t["id"] for t in soup.select("[id]")} | {t["name"] for t in soup.select("a[name]")}
        return ids[path]

    broken = []
    for html in sorted(site.root.rglob("*.html")):
        url = "/" + html.relative_to(site.root).as_posix().removesuffix("index.html")
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select(LINKED):
            link = tag.get("href") if tag.has_attr("href") else tag.get("src")
            if not link or EXTERNAL.match(link):
                continue
            target = link
            if target.startswith("/"):  # the 404 page links from the site root (site_url's path)
                if not target.startswith(base_path):
                    broken.append((url, link, "outside the site"))
                    continue
                target = "/" + target.removeprefix(base_path)
            path, hash_, fragment = target.partition("#")
            resolved = site.resolve(url, unquote(path.partition("?")[0]) + hash_ + fragment)
            file = site.file(resolved)
            if not file.is_file():
                broken.append((url, link, "no such file"))
                continue
            fragment = urlsplit(resolved).fragment
            if fragment and file.suffix == ".html" and unquote(fragment) not in anchors(file):
                broken.append((url, link, "no such anchor"))
    return broken


def foreign_or_unsafe_markup(site: Site, site_url: str) -> list[tuple[str, str]]:
    """(page, what) for each page not in Vietnamese (but the English page, in English), each id that is not an ASCII anchor, and each
    script, stylesheet or image fetched from a host other than the portal's."""
    own = site_url.rstrip("/") + "/"
    found = []
    for html in sorted(site.root.rglob("*.html")):
        url = "/" + html.relative_to(site.root).as_posix()
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        if soup.html is None or soup.html.get("lang") != ("en" if url == "/" + urls.dest_of(urls.ORGANISATION_EN) else "vi"):
            found.append((url, "lang"))
        found += [(url, f"id={tag['id']}") for tag in soup.select("[id]") if not re.fullmatch(r"[A-Za-z0-9_:.-]+", tag["id"])]
        for tag in soup.select("script[src], link[href], img[src]"):
            link = tag.get("src") or tag.get("href")
            if re.match(r"(https?:)?//", link) and not link.startswith(own):
                found.append((url, link))
    return found


def all_content_checks(project: Path, date: str | None = None) -> Built:
    """Run every content check on a project directory; returns what was built for further checks."""
    built = Built(project, date or content_date())
    check_passes(project, built.date)
    site = built.site
    for plan in built.corpus.plans:
        plan_page_has_every_section_and_item(site, plan)
        plan_page_has_every_task(site, plan)
    every_item_has_its_page(built)
    assert broken_links(site, built.base_path) == []
    assert foreign_or_unsafe_markup(site, built.site_url) == []
    return built
