"""The Content-Security-Policy in the browser: every page type loads without a single
violation (the theme's own inline scripts are allowed by hash), search still works, and
a script that is not allowed is refused.

Pages are picked from whatever the built demo copy holds: one page per address pattern
(first folder and depth), so new content kinds are covered without naming them here.
"""
from __future__ import annotations

import re

import pytest

from generator import search

from .browser_support import serve

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""


@pytest.fixture(scope="module")
def base_url(site):
    url, stop = serve(site.root)
    yield url
    stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.add_init_script(LISTEN)  # injected by the browser's tooling: not subject to the policy
    page.errors = []
    page.on("console", lambda m: m.type in ("error", "warning") and "Content Security Policy" in m.text and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def page_types(site) -> list[str]:
    """One address per pattern: the first folder, the depth, and a digit-free shape."""
    seen: dict[tuple, str] = {}
    for file in sorted(site.root.rglob("*.html")):
        rel = file.relative_to(site.root).as_posix()
        if rel.startswith(("assets/", "pagefind/")):
            continue
        parts = rel.split("/")
        key = (parts[0] if len(parts) > 1 else rel, len(parts), re.sub(r"[^/]+", lambda m: "#" if m[0].isdigit() else "x", rel))
        seen.setdefault(key, "/" + rel.removesuffix("index.html"))
    return sorted(seen.values())


def violations(page) -> list[str]:
    return page.evaluate("window.__csp") + page.errors


def test_every_page_type_runs_without_a_policy_violation(site, page, base_url):
    addresses = page_types(site)
    assert "/" in addresses and "/404.html" in addresses and len(addresses) > 10
    found = {}
    for address in addresses:
        page.goto(base_url + address)
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # let the theme's scripts run
        assert page.evaluate("typeof __md_scope") == "object", address  # the hashed inline script ran
        if violations(page):
            found[address] = violations(page)
    assert found == {}


def test_every_page_carries_the_policy(site):
    for file in site.root.rglob("*.html"):
        if not file.relative_to(site.root).as_posix().startswith(("assets/", "pagefind/")):
            head = file.read_text(encoding="utf-8").split("</head>", 1)[0]
            assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'' in head, file


def test_a_script_that_is_not_allowed_is_refused(page, base_url):
    page.goto(base_url + "/")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = true"; document.body.appendChild(s); }""")
    page.wait_for_timeout(50)
    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))


def test_search_still_finds_pages_under_the_policy(site, page, base_url):
    # A title from the site itself: the words of the first indexed page's heading.
    for file in sorted(site.root.rglob("*.html")):
        rel = file.relative_to(site.root).as_posix()
        if search.is_indexed(rel) and rel != "index.html" and "/" in rel:
            heading = site.page("/" + rel.removesuffix("index.html")).select_one("article h1")
            if heading:
                break
    query = " ".join(heading.get_text(" ", strip=True).replace("¶", "").split()[:4])
    page.goto(base_url + "/")
    page.fill("#cchc-search-input", query)
    page.locator("#cchc-search-status").filter(has_text=re.compile("^(Tìm thấy|Không)")).wait_for()  # no string eval under the policy
    assert page.text_content("#cchc-search-status").startswith("Tìm thấy"), query
    assert page.locator(".cchc-search__result a").count() > 0
    assert violations(page) == []
