"""Content checks (the repository's own content/ and plans/, built strictly): what lives in
the browser: search, accessibility, weight, keyboard and phones, on whatever the portal holds.

Every page and query is picked from the loaded content or from the built site by address
pattern (one page of each type), never by a demo slug or title; a check whose kind of content
the portal does not have is skipped. Debian's Chromium driven by Playwright's Python API (never
Playwright's own browser download), against the site served on 127.0.0.1 with gzip and cache
headers. Screenshots of the phone checks are kept in test-artifacts/.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from urllib.parse import urlsplit

import pytest

from generator.urls import ascii_fold

from . import content_checks as checks
from .browser_support import axe_path, serve
from .conftest import ROOT

pytestmark = pytest.mark.content_check
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 360, "height": 640}

# Page types by address pattern (the generator's routes; first full match wins).
PAGE_TYPES = {
    "home": r"/",
    "plan list": r"/ke-hoach/",
    "plan": r"/ke-hoach/[^/]+/",
    "news": r"/tin-tuc/",
    "news page": r"/tin-tuc/trang/\d+/",
    "news year": r"/tin-tuc/\d{4}/",
    "news month": r"/tin-tuc/\d{4}/\d\d/",
    "article": r"/tin-tuc/\d{4}/\d\d/[^/]+/",
    "area": r"/tin-tuc/linh-vuc/[^/]+/",
    "tag": r"/tin-tuc/the/[^/]+/",
    "programmes": r"/chuong-trinh/",
    "series": r"/chuong-trinh/[^/]+/",
    "series year": r"/chuong-trinh/[^/]+/\d{4}/",
    "episode": r"/chuong-trinh/[^/]+/\d{4}/[^/]+/",
    "activities": r"/hoat-dong/",
    "activity": r"/hoat-dong/\d{4}/[^/]+/",
    "reports": r"/bao-cao/",
    "plan reports": r"/bao-cao/[^/]+/",
    "report": r"/bao-cao/[^/]+/[^/]+/",
    "procedures": r"/thu-tuc/",
    "procedure": r"/thu-tuc/[^/]+/",
    "hotlines": r"/duong-day-nong/",
    "feedback list": r"/phan-anh/",
    "feedback": r"/phan-anh/[^/]+/",
    "not found": r"/404\.html",
    "page": r"/.+",
}


def page_urls(site) -> list[str]:
    urls = []
    for html in sorted(site.root.rglob("*.html")):
        path = html.relative_to(site.root).as_posix()
        urls.append("/" + path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else "/" + path)
    return urls


def page_type(url: str) -> str:
    return next(name for name, pattern in PAGE_TYPES.items() if re.fullmatch(pattern, url))


def one_page_of_each_type(site) -> dict[str, str]:
    """The first page (by address) of every type the built site has."""
    found: dict[str, str] = {}
    for url in page_urls(site):
        found.setdefault(page_type(url), url)
    return found


@pytest.fixture(scope="session")
def content(demo_content) -> checks.Built:
    return demo_content


@pytest.fixture(scope="session")
def published(content):
    """The published articles, procedures and activities of the portal, in a stable order."""
    today = dt.date.fromisoformat(content.date)
    return {
        "article": sorted((a for a in content.corpus.articles if a.is_published(today)), key=lambda a: a.src),
        "procedure": sorted(content.corpus.procedures, key=lambda p: p.src),
        "activity": sorted((a for a in content.corpus.activities if a.is_published(today)), key=lambda a: a.src),
        "episode": sorted((e for e in content.corpus.episodes if e.is_published(today)), key=lambda e: e.src),
    }


def first(items, what):
    if not items:
        pytest.skip(f"the portal has no {what}")
    return items[0]


@pytest.fixture(scope="session")
def base_url(content, tmp_path_factory):
    """The site served at the path of its site_url (/cchc/ …), as the host will serve it: the
    404 page links from there."""
    mount = tmp_path_factory.mktemp("served")
    prefix = content.base_path.rstrip("/")
    if prefix:
        (mount / prefix.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (mount / prefix.lstrip("/")).symlink_to(content.site.root, target_is_directory=True)
    url, stop = serve(mount if prefix else content.site.root)
    yield url + prefix
    stop()


def search(page, base_url, query, kind=""):
    page.goto(base_url + "/")
    if kind:
        page.select_option("[data-cchc-type]", kind)
    page.fill("#cchc-search-input", query)
    page.locator("#cchc-search-status").filter(has_text=re.compile("^(Tìm thấy|Không)")).wait_for()  # no string eval: the pages' CSP forbids it
    links = page.eval_on_selector_all(".cchc-search__result a", "els => els.map(a => [new URL(a.href).pathname, a.textContent])")
    prefix = urlsplit(base_url).path
    return [(path.removeprefix(prefix), title) for path, title in links]


@pytest.mark.parametrize("kind, toned", [
    ("article", True), ("article", False), ("procedure", True), ("procedure", False), ("activity", True),
    ("activity", False), ("episode", False),
])
def test_search_finds_pages_typed_with_or_without_tone_marks(page, base_url, published, kind, toned):
    item = first(published[kind], f"published {kind}")
    title = item.name if kind == "procedure" else item.title
    query = title if toned else ascii_fold(title)  # ascii_fold also writes đ as d
    links = search(page, base_url, query)
    assert links, query
    assert any(path.startswith(item.url) for path, _ in links[:5]), (query, links[:5])


def test_the_hotline_page_is_found_without_tone_marks(page, base_url, content):
    if not content.corpus.hotlines:
        pytest.skip("the portal has no hotlines")
    links = search(page, base_url, "duong day nong")
    assert any(path.startswith("/duong-day-nong/") for path, _ in links[:5]), links[:5]


def test_procedures_can_be_searched_alone(page, base_url, published):
    procedure = first(published["procedure"], "procedures")
    links = search(page, base_url, ascii_fold(procedure.name), kind="Thủ tục")
    assert links and all(path.startswith("/thu-tuc/") for path, _ in links)


def test_search_shows_proper_vietnamese_titles_and_clean_excerpts(page, base_url, published):
    article = first(published["article"], "published articles")
    links = search(page, base_url, ascii_fold(article.title))
    assert any(title.strip().startswith(article.title) for path, title in links if path.startswith(article.url)), links[:5]
    excerpts = page.eval_on_selector_all(".cchc-search__result p", "els => els.map(p => p.textContent)")
    assert excerpts and not any("zzdfixzz" in e or "zzloai" in e for e in excerpts)


def test_decomposed_unicode_input_finds_the_same_pages(page, base_url, published):
    title = first(published["article"], "published articles").title
    composed = search(page, base_url, title)
    decomposed = search(page, base_url, unicodedata.normalize("NFD", title))
    assert composed and decomposed == composed


def test_phrase_queries_in_quotes_match_the_phrase(page, base_url, published, content):
    """A quoted phrase from a title finds it; the same words in reverse order, found nowhere, do not."""
    text = " ".join(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")) for p in content.site.root.rglob("*.html")).lower()
    for article in published["article"]:
        found = re.findall(r"\w+", article.title)
        for i in range(len(found) - 2):
            phrase = found[i:i + 3]
            if " ".join(reversed(phrase)).lower() not in text:
                break
        else:
            continue
        break
    else:
        pytest.skip("no title has a three-word phrase that is not also found reversed")
    matches = search(page, base_url, '"' + " ".join(phrase) + '"')
    scattered = search(page, base_url, '"' + " ".join(reversed(phrase)) + '"')
    assert matches and len(scattered) < len(matches)


def test_results_can_be_narrowed_by_type(page, base_url, published):
    query = ascii_fold(first(published["article"], "published articles").title)
    everything = search(page, base_url, query)
    news_only = search(page, base_url, query, kind="Tin tức")
    assert news_only and len(news_only) <= len(everything)
    assert all(path.startswith("/tin-tuc/") for path, _ in news_only)
    kinds = page.eval_on_selector_all(".cchc-search__kind", "els => els.map(e => e.textContent)")
    assert set(kinds) == {"Tin tức"}


def test_search_loads_nothing_until_used(page, base_url, published):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + first(published["article"], "published articles").url)
    page.wait_for_load_state("networkidle")
    assert not any("/pagefind/" in url for url in requested)


def test_every_page_type_is_checked(demo_site):
    """The axe run below covers the generated pages a portal always has."""
    found = one_page_of_each_type(demo_site)
    assert {"home", "plan list", "news", "programmes", "activities", "reports", "procedures", "hotlines", "feedback list", "not found"} <= set(found)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_no_wcag_violations_on_any_page_type(browser, base_url, demo_site, viewport):
    axe = axe_path()
    # axe is injected as an inline script, which the pages' Content-Security-Policy refuses.
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    for url in one_page_of_each_type(demo_site).values():
        page.goto(base_url + url)
        page.add_script_tag(path=str(axe))
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        if result:
            found[url] = result
        assert page.evaluate("document.documentElement.lang") == "vi"
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_site_asks_no_other_host_for_anything(page, base_url, demo_site):
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname))
    for url in one_page_of_each_type(demo_site).values():
        page.goto(base_url + url)
        page.wait_for_load_state("networkidle")
    search(page, base_url, "thu tuc")
    assert hosts == {"127.0.0.1"}


def transferred(page, action) -> int:
    """Compressed bytes the browser fetched over the network while `action` ran."""
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request))
    action()
    page.wait_for_load_state("networkidle")
    total = 0
    for request in sizes:
        response = request.response()
        if response is not None and response.status != 304 and not response.from_service_worker:
            total += request.sizes()["responseBodySize"]
    return total


def test_article_pages_are_light_on_first_and_second_visit(browser, base_url, published, demo_site):
    """The theme's weight: an article without a photo, then a month archive, on a phone."""
    article = first([a for a in published["article"] if not a.image] or published["article"], "published articles")
    archive = one_page_of_each_type(demo_site).get("news month", "/tin-tuc/")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    initial = transferred(page, lambda: page.goto(base_url + article.url))
    page2 = context.new_page()
    second = transferred(page2, lambda: page2.goto(base_url + archive))
    context.close()
    assert initial <= 250_000, initial
    assert second <= 50_000, second


def test_images_are_lazy_and_described(page, base_url, published):
    article = first([a for a in published["article"] if a.image], "published articles with a photo")
    page.goto(base_url + article.url)
    images = page.eval_on_selector_all("article img", "els => els.map(i => [i.loading, i.alt, i.getAttribute('width'), i.getAttribute('height')])")
    assert images and all(loading == "lazy" and alt and width and height for loading, alt, width, height in images)


def tab_until(page, predicate, limit=60) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_keyboard_reaches_search_and_menu_on_a_phone(browser, base_url, published):
    query = ascii_fold(first(published["article"], "published articles").title)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/ke-hoach/")
    assert tab_until(page, "document.activeElement.matches('[data-cchc-menu]')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.get_attribute("[data-cchc-menu]", "aria-expanded") == "true"
    assert tab_until(page, "document.activeElement.closest('.md-sidebar--primary') !== null", limit=10)  # menu links
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    page.goto(base_url + "/ke-hoach/")
    # With the menu closed, Tab never lands on its off-screen links.
    for _ in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') === null")
    page.goto(base_url + "/ke-hoach/")
    assert tab_until(page, "document.activeElement.id === 'cchc-search-input'")
    page.keyboard.type(query)
    page.wait_for_selector(".cchc-search__result a")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.cchc-search__result') !== null")
    context.close()


def test_phone_screens_are_usable(browser, base_url, content):
    """At 360×640 the task table reads as cards and nothing scrolls sideways; screenshots kept."""
    plan = first(sorted((p for p in content.corpus.plans if p.appendix), key=lambda p: p.slug), "plan with an appendix")
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.goto(base_url + f"/ke-hoach/{plan.slug}/")
    table = page.locator("#phu-luc ~ table.cchc-tasks").first
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-plan-task-table.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    first_cell = page.locator("#phu-luc ~ table.cchc-tasks tbody tr:first-child td").first
    assert first_cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert first_cell.evaluate("td => getComputedStyle(td, '::before').content") == json.dumps(plan.appendix.column("no"), ensure_ascii=False)
    box = table.bounding_box()
    assert box["width"] <= 360
    context.close()


def test_keyboard_reaches_the_hotline_call_button(browser, base_url, content):
    if not any(h.pinned and h.verified for h in content.corpus.hotlines):  # only verified lines are call buttons
        pytest.skip("the portal pins no verified hotline to every page")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/tin-tuc/")
    assert tab_until(page, "document.activeElement.matches('.cchc-hotline-block a[href^=\"tel:\"]')", limit=400)
    context.close()


def test_phone_hotline_button_and_procedure_checklist(browser, base_url, published, content):
    """One-tap call buttons at least 44 px tall; the checklist's boxes usable; screenshots kept."""
    procedure = first([p for p in published["procedure"] if p.dossier], "procedure with a dossier")
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.goto(base_url + procedure.url)
    checklist = page.locator(".cchc-checklist").first
    checklist.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-procedure-checklist.png"))
    box = page.locator(".cchc-checklist input[type=checkbox]").first
    box.check()
    assert box.is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if not any(h.pinned and h.verified for h in content.corpus.hotlines):  # only verified lines are call buttons
        context.close()
        pytest.skip("the portal pins no verified hotline to every page")
    call = page.locator('.cchc-hotline-block a[href^="tel:"]').first
    call.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-hotline-call-button.png"))
    size = call.bounding_box()
    assert size["height"] >= 44 and size["width"] >= 44
    assert re.fullmatch(r"tel:(\+84\d{9,10}|1[89]00\d{4,6})", call.get_attribute("href"))
    context.close()
