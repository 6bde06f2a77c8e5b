"""Content checks (the repository's own content/ and plans/, built strictly): what lives in
the browser: search, accessibility, weight, keyboard and phones.

Debian's Chromium driven by Playwright's Python API (never Playwright's own browser
download), against the demo portal served on 127.0.0.1 with gzip and cache headers.
Screenshots of the phone checks are kept in test-artifacts/.
"""
from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import urlsplit

import pytest

from .browser_support import CHROMIUM_ARGS, axe_path, chromium_path, serve
from .conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 360, "height": 640}


@pytest.fixture(scope="session")
def base_url(site):
    url, stop = serve(site.root)
    yield url
    stop()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def search(page, base_url, query, kind=""):
    page.goto(base_url + "/")
    if kind:
        page.select_option("[data-cchc-type]", kind)
    page.fill("#cchc-search-input", query)
    page.wait_for_function("document.querySelector('#cchc-search-status').textContent.startsWith('Tìm thấy') || document.querySelector('#cchc-search-status').textContent.startsWith('Không')")
    links = page.eval_on_selector_all(".cchc-search__result a", "els => els.map(a => [new URL(a.href).pathname, a.textContent])")
    return links


@pytest.mark.parametrize(
    "query, expected",
    [
        ("thu tuc khai sinh", "/thu-tuc/dang-ky-khai-sinh/"),
        ("dang ky ket hon", "/thu-tuc/dang-ky-ket-hon/"),
        ("đăng ký kết hôn", "/thu-tuc/dang-ky-ket-hon/"),
        ("duong day nong", "/duong-day-nong/"),
        ("đường dây nóng", "/duong-day-nong/"),
        ("dich vu cong truc tuyen", "/tin-tuc/"),
        ("ket qua cai cach hanh chinh nam 2020", "/tin-tuc/2021/03/ket-qua-cchc-2020/"),
        ("nguoi dan thanh pho soc trang voi cai cach hanh chinh", "/chuong-trinh/nguoi-dan-voi-cchc/"),
        ("tap huan dot 1", "/hoat-dong/2022/tap-huan-cchc-dot-1-tay-ninh/"),
    ],
)
def test_search_finds_pages_typed_with_or_without_tone_marks(page, base_url, query, expected):
    links = search(page, base_url, query)
    assert links, query
    assert any(path.startswith(expected) for path, _ in links[:5]), links[:5]


def test_procedures_can_be_searched_alone(page, base_url):
    links = search(page, base_url, "dang ky", kind="Thủ tục")
    assert links and all(path.startswith("/thu-tuc/") for path, _ in links)


def test_search_shows_proper_vietnamese_titles_and_clean_excerpts(page, base_url):
    links = search(page, base_url, "duong day nong")
    assert any(re.search("[ăâđêôơưàảãáạ]", title.lower()) for _, title in links)
    excerpts = page.eval_on_selector_all(".cchc-search__result p", "els => els.map(p => p.textContent)")
    assert excerpts and not any("zzdfixzz" in e or "zzloai" in e for e in excerpts)


def test_decomposed_unicode_input_finds_the_same_pages(page, base_url):
    composed = search(page, base_url, "kết quả cải cách hành chính")
    decomposed = search(page, base_url, unicodedata.normalize("NFD", "kết quả cải cách hành chính"))
    assert composed and decomposed == composed


def test_phrase_queries_in_quotes_match_the_phrase(page, base_url):
    phrase = search(page, base_url, '"văn hóa công sở"')
    scattered = search(page, base_url, '"công sở văn hóa"')
    assert phrase and len(scattered) < len(phrase)


def test_results_can_be_narrowed_by_type(page, base_url):
    everything = search(page, base_url, "cai cach hanh chinh")
    news_only = search(page, base_url, "cai cach hanh chinh", kind="Tin tức")
    assert news_only and len(news_only) <= len(everything)
    assert all(path.startswith("/tin-tuc/") for path, _ in news_only)
    kinds = page.eval_on_selector_all(".cchc-search__kind", "els => els.map(e => e.textContent)")
    assert set(kinds) == {"Tin tức"}


def test_search_loads_nothing_until_used(page, base_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + "/tin-tuc/2021/03/ket-qua-cchc-2020/")
    page.wait_for_load_state("networkidle")
    assert not any("/pagefind/" in url for url in requested)


PAGE_TYPES = [
    "/", "/ke-hoach/", "/ke-hoach/2021-tp-soc-trang-15/", "/ke-hoach/2022-soc-trang-1738/", "/tin-tuc/",
    "/tin-tuc/2021/03/", "/tin-tuc/2021/03/ket-qua-cchc-2020/", "/tin-tuc/linh-vuc/the-che/",
    "/chuong-trinh/nguoi-dan-voi-cchc/", "/chuong-trinh/nguoi-dan-voi-cchc/2021/", "/hoat-dong/",
    "/hoat-dong/2022/tap-huan-cchc-dot-1-tay-ninh/", "/bao-cao/", "/bao-cao/2022-tay-ninh-1183/2022-q3/",
    "/gioi-thieu/cach-tinh-tinh-trang/",
]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_no_wcag_violations_on_any_page_type(browser, base_url, viewport):
    axe = axe_path()
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for url in PAGE_TYPES + extra_page_types(base_url):
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


def extra_page_types(base_url) -> list[str]:
    """Procedure, hotline and feedback pages, when the portal has them."""
    urls = []
    for folder in ("thu-tuc", "duong-day-nong", "phan-anh"):
        index = ROOT / "content" / folder
        if index.exists():
            urls.append(f"/{folder}/")
    procedures = sorted((ROOT / "content" / "thu-tuc").glob("*.md")) if (ROOT / "content" / "thu-tuc").exists() else []
    if procedures:
        from generator.urls import slugify

        urls.append(f"/thu-tuc/{slugify(procedures[0].stem)}/")
    return urls


def test_the_site_asks_no_other_host_for_anything(page, base_url):
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname))
    for url in ("/", "/tin-tuc/2021/03/ket-qua-cchc-2020/", "/chuong-trinh/nguoi-dan-voi-cchc/2021/"):
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


def test_article_pages_are_light_on_first_and_second_visit(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    first = transferred(page, lambda: page.goto(base_url + "/tin-tuc/2021/03/ket-qua-cchc-2020/"))
    page2 = context.new_page()
    second = transferred(page2, lambda: page2.goto(base_url + "/tin-tuc/2021/04/"))
    context.close()
    assert first <= 250_000, first
    assert second <= 50_000, second


def test_images_are_lazy_and_described(page, base_url):
    page.goto(base_url + "/tin-tuc/2021/03/ket-qua-cchc-2020/")
    images = page.eval_on_selector_all("article img", "els => els.map(i => [i.loading, i.alt, i.getAttribute('width'), i.getAttribute('height')])")
    assert images and all(loading == "lazy" and alt and width and height for loading, alt, width, height in images)


def tab_until(page, predicate, limit=60) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_keyboard_reaches_search_and_menu_on_a_phone(browser, base_url):
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
    page.keyboard.type("duong day nong")
    page.wait_for_selector(".cchc-search__result a")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.cchc-search__result') !== null")
    context.close()


def test_phone_screens_are_usable(browser, base_url):
    """At 360×640 the task table reads as cards and nothing scrolls sideways; screenshots kept."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.goto(base_url + "/ke-hoach/2021-tp-soc-trang-15/")
    table = page.locator("#phu-luc ~ table.cchc-tasks").first
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-plan-task-table.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    first_cell = page.locator("#phu-luc ~ table.cchc-tasks tbody tr:first-child td").first
    assert first_cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert first_cell.evaluate("td => getComputedStyle(td, '::before').content") == '"STT"'
    box = table.bounding_box()
    assert box["width"] <= 360
    context.close()


def test_keyboard_reaches_the_hotline_call_button(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/tin-tuc/")
    assert tab_until(page, "document.activeElement.matches('.cchc-hotline-block a[href^=\"tel:\"]')", limit=400)
    context.close()


def test_phone_hotline_button_and_procedure_checklist(browser, base_url):
    """One-tap call buttons at least 44 px tall; the checklist's boxes usable; screenshots kept."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.goto(base_url + "/thu-tuc/dang-ky-khai-sinh/")
    checklist = page.locator(".cchc-checklist").first
    checklist.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-procedure-checklist.png"))
    box = page.locator(".cchc-checklist input[type=checkbox]").first
    box.check()
    assert box.is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    call = page.locator('.cchc-hotline-block a[href^="tel:"]').first
    call.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-hotline-call-button.png"))
    size = call.bounding_box()
    assert size["height"] >= 44 and size["width"] >= 44
    assert re.fullmatch(r"tel:(\+84\d{9,10}|1[89]00\d{4,6})", call.get_attribute("href"))
    context.close()
