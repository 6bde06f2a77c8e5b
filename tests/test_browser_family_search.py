"""One search across a family (issue 14), in Debian's Chromium: a root portal, a city's below it and
a ward's below the city, built by `cchc build --all` (tests/test_family_search.py's fixture) and served at the
root's path (/cchc/) like one host.

- from the root, a word only the ward's news holds and one only the root's holds are both found,
  each result naming its portal; the unit filter keeps one portal's results; a procedure the
  ward inherits from the root is found once, the root's;
- ranking: Pagefind gives the same page different scores in two indexes (the measurement that
  made the search box rank per index, then interleave: generator/family_search.py);
- a unit whose index cannot be read (not published yet) leaves the others searchable;
- a ward on another host: the root's pages may fetch its index (Content-Security-Policy) and
  find its pages when the ward's host allows the root (CORS), and the rest without it;
- the ward's own search stays local: it never reads the root's index, and finds its own
  inherited procedure;
- nothing of the search loads before the box is focused.
"""
from __future__ import annotations

import json
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from .browser_support import _Handler, serve
from .conftest import run_cchc
from .test_family_search import family_project
from .test_serving import free_port
from .test_family_search import BOTH, CITY_ONLY, CITY_UNIT, ROOT_ONLY, ROOT_UNIT, UNIT_ONLY, UNIT_UNIT, family_site  # noqa: F401 (a fixture)

WARD = "/cchc/phuong-mot"


@pytest.fixture(scope="module")
def served(family_site, tmp_path_factory):  # noqa: F811
    mount = tmp_path_factory.mktemp("served-family")
    (mount / "cchc").symlink_to(family_site.root, target_is_directory=True)
    url, stop = serve(mount)
    yield url
    stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(urlsplit(request.url).path))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert page.errors == []
    context.close()


def ask(page, query: str) -> list[tuple[str, str, str]]:
    """(address, portal label, title) of each result for a query typed into the search box."""
    page.fill("#cchc-search-input", "")
    page.fill("#cchc-search-input", query)
    page.wait_for_selector(f".cchc-search__panel[data-query={json.dumps(query, ensure_ascii=False)}]", state="attached")
    return page.eval_on_selector_all(".cchc-search__result", """els => els.map(li => [
        new URL(li.querySelector("a").href).pathname,
        (li.querySelector(".cchc-search__portal") || {}).textContent || "",
        li.querySelector("a").textContent])""")


def test_the_roots_search_finds_the_units_pages_and_its_own_each_naming_its_portal(served, page):
    page.goto(served + "/cchc/")
    page.wait_for_load_state("networkidle")
    assert not [p for p in page.requests if "pagefind" in p or p.endswith(".json")]  # nothing before the box is used
    page.focus("#cchc-search-input")
    assert [tuple(r) for r in ask(page, UNIT_ONLY)] == [(f"{WARD}/tin-tuc/2026/03/rieng/", UNIT_UNIT, "Tin của phường")]
    assert [tuple(r) for r in ask(page, ROOT_ONLY)] == [("/cchc/tin-tuc/2026/03/goc/", ROOT_UNIT, "Tin của tỉnh")]
    assert [tuple(r) for r in ask(page, CITY_ONLY)] == [("/cchc/tp-thu/tin-tuc/2026/03/thanh-pho/", CITY_UNIT, "Tin của thành phố")]
    assert f"{WARD}/pagefind/pagefind-entry.json" in page.requests
    # Round by round, each portal's best: the root's first.
    assert [tuple(r) for r in ask(page, BOTH)] == [("/cchc/tin-tuc/2026/03/goc/", ROOT_UNIT, "Tin của tỉnh"),
                            (f"{WARD}/tin-tuc/2026/03/rieng/", UNIT_UNIT, "Tin của phường")]
    # The ward inherits the root's procedure: the root's search shows it once, the root's.
    found = ask(page, "khai sinh")
    assert found[0][:2] == ["/cchc/thu-tuc/dang-ky-khai-sinh/", ROOT_UNIT]
    assert {label for _, label, _ in found} == {ROOT_UNIT}


def test_pagefind_scores_one_page_differently_in_two_indexes(served, page):
    """Why the search box ranks per index: the ward's copy of the root's procedure is the
    same text, yet Pagefind scores it higher in the ward's small index, where "khai sinh" is
    rare, than in the root's, where six news items use it: merged by score, any ward page
    would outrank a root page as relevant. (Pagefind issue #796.)"""
    page.goto(served + "/cchc/")
    scores = page.evaluate("""async () => {
        const ranking = { pageLength: 0.1, termFrequency: 0.6, termSaturation: 1.6, metaWeights: { dichvu: 10, chuyenmuc: 7, title: 5 } };
        const pf = await import("/cchc/pagefind/pagefind.js");
        await pf.options({ baseUrl: "/cchc/", noWorker: true, ranking });
        await pf.mergeIndex("/cchc/phuong-mot/pagefind/", { baseUrl: "/cchc/phuong-mot/", ranking });
        const found = await pf.search("khai sinh");
        const out = {};
        for (const r of found.results) out[(await r.data()).url] = r.score;
        return out;
    }""")
    root, ward = scores["/cchc/thu-tuc/dang-ky-khai-sinh/"], scores[f"{WARD}/thu-tuc/dang-ky-khai-sinh/"]
    assert ward > 1.5 * root, scores  # measured: 57.6 and 28.2


def test_the_unit_filter_keeps_one_portals_results(served, page):
    page.goto(served + "/cchc/")
    page.focus("#cchc-search-input")
    ask(page, BOTH)
    unit = page.locator("[data-cchc-unit]")
    assert unit.is_visible()
    assert unit.locator("option").all_text_contents() == ["Mọi đơn vị", ROOT_UNIT, CITY_UNIT, UNIT_UNIT]
    unit.select_option(label=UNIT_UNIT)
    assert [tuple(r) for r in ask(page, BOTH)] == [(f"{WARD}/tin-tuc/2026/03/rieng/", UNIT_UNIT, "Tin của phường")]
    unit.select_option(label=ROOT_UNIT)
    assert [tuple(r) for r in ask(page, BOTH)] == [("/cchc/tin-tuc/2026/03/goc/", ROOT_UNIT, "Tin của tỉnh")]
    assert ask(page, UNIT_ONLY) == []
    unit.select_option(label=CITY_UNIT)
    assert ask(page, BOTH) == []
    assert [r[1] for r in ask(page, CITY_ONLY)] == [CITY_UNIT]


def test_the_units_own_search_stays_local(served, page):
    page.goto(served + WARD + "/")
    page.wait_for_load_state("networkidle")
    assert not [p for p in page.requests if "pagefind" in p or p.endswith(".json")]
    page.focus("#cchc-search-input")
    assert [tuple(r) for r in ask(page, UNIT_ONLY)] == [(f"{WARD}/tin-tuc/2026/03/rieng/", "", "Tin của phường")]
    assert ask(page, ROOT_ONLY) == []
    assert ask(page, "khai sinh")[0][0] == f"{WARD}/thu-tuc/dang-ky-khai-sinh/"  # its own copy
    assert page.locator("[data-cchc-unit]").is_hidden()
    assert not [p for p in page.requests if p.startswith("/cchc/pagefind/")]  # never the root's index


class _WardUnpublished(_Handler):
    def send_head(self):
        if self.path.startswith(WARD + "/pagefind/"):
            self.send_error(404)
            return None
        return super().send_head()


def test_a_unit_whose_index_cannot_be_read_leaves_the_others_searchable(family_site, tmp_path, page):  # noqa: F811
    (tmp_path / "cchc").symlink_to(family_site.root, target_is_directory=True)
    url, stop = serve(tmp_path, _WardUnpublished)
    try:
        page.goto(url + "/cchc/")
        page.focus("#cchc-search-input")
        assert [tuple(r) for r in ask(page, ROOT_ONLY)] == [("/cchc/tin-tuc/2026/03/goc/", ROOT_UNIT, "Tin của tỉnh")]
        assert ask(page, UNIT_ONLY) == []
        assert [tuple(r) for r in ask(page, CITY_ONLY)] == [("/cchc/tp-thu/tin-tuc/2026/03/thanh-pho/", CITY_UNIT, "Tin của thành phố")]
        assert page.locator("[data-cchc-unit] option").all_text_contents() == ["Mọi đơn vị", ROOT_UNIT, CITY_UNIT]
    finally:
        stop()


class _WardHost(_Handler):
    """The ward's own host: answers the root's origin with CORS when `allowed` names it."""
    allowed: list = []

    def end_headers(self):
        if self.headers.get("Origin") in self.allowed and self.path.startswith("/pagefind/"):
            self.send_header("Access-Control-Allow-Origin", self.headers["Origin"])
            self.send_header("Vary", "Origin")
        super().end_headers()


@pytest.fixture(scope="module")
def two_hosts(tmp_path_factory):
    """The root (and the city) on one host, the ward on a host of its own, each portal built
    on its own (`cchc build --portal`, as CI's jobs do)."""
    port = free_port()
    project = family_project(tmp_path_factory.mktemp("two-hosts"), f"http://127.0.0.1:{port}/")
    for name, folder in (("phuong-mot", "ward"), ("tp-thu", "site/tp-thu"), ("tinh-thu", "site")):
        result = run_cchc(project, "build", "--portal", name, "-d", folder)
        assert result.returncode == 0, result.stderr
    mount = project / "mount"
    mount.mkdir()
    (mount / "cchc").symlink_to(project / "site", target_is_directory=True)
    root_url, stop_root = serve(mount)
    ward = ThreadingHTTPServer(("127.0.0.1", port), partial(_WardHost, directory=str(project / "ward")))
    threading.Thread(target=ward.serve_forever, daemon=True).start()
    yield root_url, f"http://127.0.0.1:{port}"
    ward.shutdown()
    ward.server_close()
    stop_root()


@pytest.mark.parametrize("cors", [True, False])
def test_a_ward_on_another_host_is_searched_when_its_host_allows_the_root(two_hosts, page, cors):
    root_url, ward_url = two_hosts
    _WardHost.allowed = [root_url] if cors else []
    page.goto(root_url + "/cchc/")
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert f"connect-src 'self' {ward_url};" in policy
    page.focus("#cchc-search-input")
    found = ask(page, UNIT_ONLY)
    if cors:
        assert len(found) == 1 and found[0][1:] == [UNIT_UNIT, "Tin của phường"]
        link = page.get_attribute(".cchc-search__result a", "href")
        assert link == f"{ward_url}/tin-tuc/2026/03/rieng/"
    else:
        assert found == []
    assert [tuple(r) for r in ask(page, ROOT_ONLY)] == [("/cchc/tin-tuc/2026/03/goc/", ROOT_UNIT, "Tin của tỉnh")]
