"""Browser tests for what a citizen on a cheap phone meets (issue 13: 4, 5, 6, 7).

Content checks on the repository's own content (pages picked by type, as tests/test_browser.py
does), served by tests/static_host.py the way generator/deploy/nginx.conf serves them (the build's .br/.gz
copies): first paint under emulated slow 3G, the home page's first screen, procedure pages at
360 px (no squeezed text, tap targets, key notes), no request that fails. Plus one tiny portal
with a verified hotline, for the call buttons. Debian's Chromium through Playwright's Python API.
"""
from __future__ import annotations

import pytest

from .conftest import ROOT, build
from .static_host import serve_precompressed
from .test_browser import first, published, content  # noqa: F401 (fixtures: the demo's pages by type)
from .test_citizen_services import VERIFIED, procedure
from .test_inventory import portal

pytestmark = pytest.mark.content_check
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 360, "height": 640}
# Chrome DevTools' "slow 3G" as the issue states it: 400 kbit/s down and up, 400 ms round trip.
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
FCP_BUDGET_MS = 2500

# Text that tells a citizen what matters: full size and contrast.
KEY_NOTES = ".cchc-start__note, .cchc-checklist__note, .cchc-checklist__count, .cchc-channels small, .cchc-checked, .cchc-lead"


@pytest.fixture(scope="module")
def host(content):
    """The demo served from the path of its site_url, precompressed, like the real host."""
    url, stop = serve_precompressed(content.site.root)
    yield url
    stop()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="vi-VN")
    yield context.new_page()
    context.close()


def first_paint(browser, url: str) -> tuple[float, list]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append((r.status, r.url)))
    page.on("requestfailed", lambda r: failed.append((r.failure, r.url)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)  # requests the theme makes after load (the sitemap.xml it used to ask for)
    fcp = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
    context.close()
    return fcp, failed


@pytest.mark.parametrize("kind", ["article", "procedure"])
def test_first_paint_on_slow_3g_within_budget_and_no_failed_request(browser, host, published, kind):
    item = first(published[kind], f"published {kind}")
    fcp, failed = first_paint(browser, host + item.url)
    assert failed == []
    assert fcp <= FCP_BUDGET_MS, f"first contentful paint {fcp:.0f} ms on {item.url}"


def test_the_home_pages_first_phone_screen_offers_the_services(phone, host, content):
    phone.goto(host + "/")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "phone-home-first-screen.png"))
    within = "el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= 640; }"
    for selector in ("form.cchc-find input[name=q]", "form.cchc-find button", ".cchc-home__call", ".cchc-home__feedback"):
        assert phone.eval_on_selector(selector, within), selector
    titles = phone.locator(".cchc-home__title", has_text="Thủ tục thường gặp")
    assert titles.evaluate(within)
    if any(p.common for p in content.corpus.procedures):
        assert phone.eval_on_selector(".cchc-home__common a", within)


def test_the_404_page_offers_search_and_ways_on(phone, host):
    response = phone.goto(host + "/khong-co-trang-nay/")
    assert response.status == 404
    assert phone.locator("h1").inner_text() == "Không tìm thấy trang"
    assert phone.locator("form[role=search] input[name=q]").is_visible()
    assert phone.locator(".cchc-404__links a").count() == 3


NARROW = """els => els.flatMap(el => {
  const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
  if (own.length < 8) return [];
  const box = el.getBoundingClientRect(), style = getComputedStyle(el);
  if (style.visibility === "hidden") return [];
  for (let n = el; n; n = n.parentElement) if (n.getBoundingClientRect().width <= 2) return [];  // not shown, or for screen readers only
  const em = parseFloat(style.fontSize);
  return box.width < 8 * 0.5 * em ? [[el.tagName, el.className, own.slice(0, 40), Math.round(box.width)]] : [];
})"""


def procedure_pages(published, content):
    procedure = first(published["procedure"], "procedures")
    with_fee_note = [p for p in published["procedure"] if any(c.note for c in p.channels)]
    return [procedure.url, (with_fee_note or [procedure])[0].url]


def test_no_text_is_squeezed_narrower_than_8_characters_on_a_phone(phone, host, published, content):
    for url in {*procedure_pages(published, content), "/thu-tuc/", "/"}:
        phone.goto(host + url)
        assert phone.eval_on_selector_all("body *", NARROW) == [], url


def test_the_fee_table_reads_on_a_phone_and_is_kept_as_a_screenshot(phone, host, published, content):
    url = procedure_pages(published, content)[1]
    phone.goto(host + url)
    table = phone.locator("table.cchc-channels")
    ARTIFACTS.mkdir(exist_ok=True)
    # The whole table with its caption, clipped from the full page (the sticky header would cover its top).
    top, height = phone.evaluate("() => { const r = document.querySelector('table.cchc-channels').getBoundingClientRect(); return [r.top + scrollY, r.height]; }")
    phone.screenshot(path=str(ARTIFACTS / "phone-procedure-fee-table.png"), full_page=True,
                     clip={"x": 0, "y": max(top - 8, 0), "width": PHONE["width"], "height": height + 16})
    caption = phone.locator("table.cchc-channels caption").bounding_box()
    assert caption["width"] >= table.bounding_box()["width"] - 2  # the caption spans the table, not one word
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


TAP_TARGETS = """els => els.flatMap(el => {
  const box = el.getBoundingClientRect();
  if (!box.width || getComputedStyle(el).visibility === "hidden" || el.closest("[hidden]")) return [];
  // A link inside a sentence is exempt (WCAG 2.5.8): its block has text of its own, not only links and separators.
  const block = el.closest("p, li, td, dd, dt, figcaption, caption");
  if (block && el.tagName === "A") {
    const clone = block.cloneNode(true);
    clone.querySelectorAll("a, button").forEach(a => a.remove());
    if (clone.textContent.replace(/[\\s·|,.;:()]+/g, "").length >= 8) return [];
  }
  return box.height < 44 ? [[el.tagName, el.className, (el.textContent || el.value || "").trim().slice(0, 40), Math.round(box.height)]] : [];
})"""


def test_every_tap_target_on_procedure_pages_is_at_least_44_px(phone, host, published, content):
    for url in procedure_pages(published, content):
        phone.goto(host + url)
        targets = "article a[href]:not(.headerlink), article button, article summary, article select, .cchc-checklist label"
        small = phone.eval_on_selector_all(targets, TAP_TARGETS)
        assert small == [], (url, small)


KEY_NOTE_STYLE = """els => els.flatMap(el => {
  const style = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  let bg = [255, 255, 255], node = el;
  for (; node; node = node.parentElement) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c.slice(0, 3); break; }
  }
  const fg = rgb(style.color), alpha = fg.length === 4 ? fg[3] : 1;
  const seen = fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [hi, lo] = [lum(seen), lum(bg)].sort((a, b) => b - a);
  return [[el.className || el.tagName, parseFloat(style.fontSize), Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100]];
})"""


def test_key_notes_are_16_px_in_readable_contrast(phone, host, published, content):
    for url in procedure_pages(published, content):
        phone.goto(host + url)
        notes = phone.eval_on_selector_all(KEY_NOTES, KEY_NOTE_STYLE)
        assert notes, url
        assert [n for n in notes if n[1] < 16 or n[2] < 4.5] == [], url


def test_the_procedure_filters_fold_behind_one_button_on_phones(browser, host, published):
    first(published["procedure"], "procedures")
    for viewport, folded in ((PHONE, True), ({"width": 1280, "height": 900}, False)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(host + "/thu-tuc/")
        box = page.locator("details.cchc-filter-box")
        assert box.is_visible()
        assert box.evaluate("d => d.open") is (not folded)
        assert page.locator("details.cchc-filter-box select").first.is_visible() is (not folded)
        if folded:
            page.locator("details.cchc-filter-box summary").click()
            assert page.locator("details.cchc-filter-box select").first.is_visible()
        context.close()


@pytest.fixture(scope="module")
def small_portal(tmp_path_factory):
    """A tiny portal with one verified pinned hotline and one common procedure."""
    root = portal(tmp_path_factory.mktemp("citizen"), {
        "content/duong-day-nong/phuong.yml": VERIFIED,
        "content/thu-tuc/khai-sinh.md": procedure("1.000001", "Đăng ký khai sinh", common=1),
    })
    site = build(root)
    url, stop = serve_precompressed(site.root)
    yield url + "/"
    stop()


def test_verified_call_buttons_are_big_enough_to_tap_on_a_phone(phone, small_portal):
    phone.goto(small_portal)
    for selector in (".cchc-home__call", '.cchc-hotline-block a[href^="tel:"]'):
        call = phone.locator(selector)
        assert call.get_attribute("href") == "tel:+842993821234"
        size = call.bounding_box()
        assert size["height"] >= 44 and size["width"] >= 44, selector
