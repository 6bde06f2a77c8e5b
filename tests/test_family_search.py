"""One search across a family of portals (issue 14, generator/family_search.py): what the root's
search box is told of its units' indexes, which pages carry the word of a portal's own pages,
the Content-Security-Policy for units on other hosts. The search itself, in the browser:
tests/test_browser_family_search.py; the CORS headers: tests/test_serving.py's nginx."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import family_search
from generator.family import Context, Family, Portal

from .conftest import Site, run_cchc
from .test_inventory import ARTICLE, HOTLINE, PROCEDURE, portal
from .test_serving import host  # noqa: F401 (a fixture: the nginx of generator/deploy/nginx.conf)

ROOT_URL = "https://example.gov.vn/cchc/"
ROOT = Portal("tinh-thu", "Chuyên trang CCHC tỉnh Thử", "UBND tỉnh Thử", "tinh", ROOT_URL, None)
WARD = Portal("phuong-mot", "Chuyên trang CCHC Phường Một", "UBND Phường Một", "xa", ROOT_URL + "phuong-mot/", "tinh-thu",
              "content/don-vi/phuong-mot", "content/don-vi/phuong-mot/ke-hoach", ("thu-tuc", "duong-day-nong"))
CITY = Portal("tp-thu", "Chuyên trang CCHC thành phố", "UBND thành phố Thử", "huyen", "https://tp.example.gov.vn/", "tinh-thu",
              "content/don-vi/tp-thu", "content/don-vi/tp-thu/ke-hoach", ("thu-tuc",))
ELSEWHERE = Portal("xa-xa", "Chuyên trang CCHC xã Xa", "UBND xã Xa", "xa", "https://example.gov.vn/xa-xa/", "tp-thu",
                   "content/don-vi/xa-xa", "content/don-vi/xa-xa/ke-hoach", ("thu-tuc",))
FAMILY = Family((ROOT, WARD, CITY, ELSEWHERE))

# Words only one portal's pages hold, and one both hold (the unit filter). Pagefind shortens a word
# no page holds to one some page does (down to 3 letters): no such word begins like a common one.
ROOT_ONLY, UNIT_ONLY, BOTH, CITY_ONLY = "xoàicát", "kiwivàng", "măngcụt", "xíchlô"
UNIT_UNIT = "UBND Phường Một"
ROOT_UNIT = "UBND tỉnh Thử"
CITY_UNIT = "UBND thành phố Thử"


def article(title: str, words: str) -> str:
    return ARTICLE.format(title=title, extra="").replace("Nội dung.", f"Nội dung về {words} trong tháng ba.")


def family_project(root: Path, ward_url: str = WARD.site_url) -> Path:
    """A root portal, a city's below it and a ward's below the city (their addresses under the
    root's), each with news of its own; the ward inherits the procedures and hotlines from
    above and has a hotline of its own."""
    project = portal(root, {
        "content/tin-tuc/2026/goc.md": article("Tin của tỉnh", f"{ROOT_ONLY} và {BOTH}"),
        "content/thu-tuc/dang-ky-khai-sinh.md": PROCEDURE,
        # The root's news speak of birth registration, the ward's do not: the words are common in
        # the root's index, rare in the ward's (the scores' measurement, test_browser_family_search.py).
        **{f"content/tin-tuc/2026/khai-sinh-{n}.md": article(f"Hướng dẫn số {n}", "đăng ký khai sinh cho trẻ em") for n in range(1, 7)},
        "content/duong-day-nong/tinh.yml": HOTLINE.replace("Ủy ban nhân dân xã", "Văn phòng UBND tỉnh"),
        "content/don-vi/tp-thu/don-vi.yml": (
            f"site_name: {CITY.site_name}\nunit: {CITY_UNIT}\nlevel: huyen\nsite_url: {ROOT_URL}tp-thu/\n"),
        "content/don-vi/tp-thu/index.md": "# Trang chủ thành phố\n",
        "content/don-vi/tp-thu/tin-tuc/2026/thanh-pho.md": article("Tin của thành phố", CITY_ONLY),
        "content/don-vi/phuong-mot/don-vi.yml": (
            f"site_name: {WARD.site_name}\nunit: {UNIT_UNIT}\nlevel: xa\nparent: tp-thu\nsite_url: {ward_url}\n"),
        "content/don-vi/phuong-mot/index.md": "# Trang chủ phường\n",
        "content/don-vi/phuong-mot/tin-tuc/2026/rieng.md": article("Tin của phường", f"{UNIT_ONLY} và {BOTH}"),
        "content/don-vi/phuong-mot/duong-day-nong/phuong.yml": HOTLINE.replace("Ủy ban nhân dân xã", "UBND Phường Một"),
    })
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      plans_dir: plans\n" in text
    config.write_text(text.replace("      plans_dir: plans\n", "      plans_dir: plans\n"
                                   f"      portal: {{name: tinh-thu, unit: {ROOT_UNIT}, level: tinh}}\n"
                                   "      units: content/don-vi\n"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def family_site(tmp_path_factory) -> Site:
    project = family_project(tmp_path_factory.mktemp("family-search"))
    result = run_cchc(project, "build", "--all")
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


def test_the_root_searches_its_descendants_each_at_an_address_as_the_root_reaches_it():
    ctx = Context(FAMILY, ROOT)
    assert family_search.indexes(ctx, ROOT_URL) == [
        {"name": "tinh-thu", "unit": "UBND tỉnh Thử", "url": ""},
        {"name": "phuong-mot", "unit": "UBND Phường Một", "url": "phuong-mot/"},  # below the root: relative
        {"name": "tp-thu", "unit": "UBND thành phố Thử", "url": "https://tp.example.gov.vn/"},  # another host
        {"name": "xa-xa", "unit": "UBND xã Xa", "url": "/xa-xa/"},  # the root's host, elsewhere
    ]
    assert family_search.connect_origins(ctx, ROOT_URL) == ("https://tp.example.gov.vn",)


def test_other_portals_and_a_portal_of_its_own_search_only_their_own_index():
    assert family_search.indexes(Context(FAMILY, WARD), WARD.site_url) == []
    assert family_search.indexes(Context(FAMILY, CITY), CITY.site_url) == []  # a city with units of its own too
    assert family_search.indexes(None, ROOT_URL) == []
    assert family_search.indexes(Context(Family((ROOT,)), ROOT), ROOT_URL) == []
    assert family_search.connect_origins(Context(FAMILY, WARD), WARD.site_url) == ()


def test_a_units_own_pages_carry_the_word_its_inherited_pages_do_not():
    sources = {
        "content/thu-tuc/khai-sinh.md": "content/thu-tuc/khai-sinh.md",  # the root's, inherited
        "content/duong-day-nong/phuong.yml": "content/don-vi/phuong-mot/duong-day-nong/phuong.yml",
        "content/tin-tuc/a.md": "content/don-vi/phuong-mot/tin-tuc/a.md",
        "plans/ke-hoach-tinh.yml": "plans/ke-hoach-tinh.yml",
        "plans/ke-hoach-phuong.yml": "content/don-vi/phuong-mot/ke-hoach/ke-hoach-phuong.yml",
    }
    own = family_search.Ownership(Context(FAMILY, WARD), sources)
    WORD = family_search.portal_word(WARD)
    OWN = (WORD, family_search.OWN)
    assert WORD == "zzdvphuongmot"
    assert own.words("content/thu-tuc/khai-sinh.md", "thu-tuc/khai-sinh/index.html") == (WORD,)
    assert own.words("content/don-vi/phuong-mot/tin-tuc/a.md", "tin-tuc/2026/03/a/index.html") == OWN  # a real path
    assert own.words("content/tin-tuc/a.md", "tin-tuc/2026/03/a/index.html") == OWN  # a tree path
    assert own.words("plans/ke-hoach-tinh.yml", "ke-hoach/ke-hoach-tinh/index.html") == (WORD,)
    assert own.words("plans/ke-hoach-phuong.yml", "ke-hoach/ke-hoach-phuong/index.html") == OWN
    # Listings: the procedures' list is the root's; the hotlines' lists the ward's own line.
    assert own.words(None, "thu-tuc/index.html") == (WORD,)
    assert own.words(None, "duong-day-nong/index.html") == OWN
    assert own.words(None, "index.html") == OWN
    assert family_search.Ownership(Context(FAMILY, ROOT), {}).words("content/thu-tuc/khai-sinh.md", "x") == ("zzdvtinhthu", family_search.OWN)
    assert family_search.Ownership(None, sources).words("content/tin-tuc/a.md", "x") == ()  # no family: no word


def test_the_family_build_tells_the_roots_search_box_its_units_indexes(family_site):
    words = json.loads((family_site.root / "tim-kiem" / "tu-khoa.json").read_text(encoding="utf-8"))
    assert words["portals"] == [{"name": "tinh-thu", "unit": ROOT_UNIT, "url": ""},
                                {"name": "tp-thu", "unit": CITY_UNIT, "url": "tp-thu/"},
                                {"name": "phuong-mot", "unit": UNIT_UNIT, "url": "phuong-mot/"}]  # the city's ward too
    for unit in ("tp-thu", "phuong-mot"):  # a city with a ward below it searches only its own index too
        data = json.loads((family_site.root / unit / "tim-kiem" / "tu-khoa.json").read_text(encoding="utf-8"))
        assert "portals" not in data and data["terms"] == words["terms"]
    assert (family_site.root / "phuong-mot" / "pagefind" / "pagefind-entry.json").is_file()
    # Same host: nothing more to fetch from, the policy is the usual one.
    policy = family_site.page("/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "connect-src 'self';" in policy


def hidden_words(site: Site, url: str) -> list[str]:
    return site.page(url).select_one("[data-pagefind-body][hidden] p").get_text().split()


def test_in_the_family_build_the_units_inherited_pages_lack_the_word_of_its_own(family_site):
    ward = "/phuong-mot"
    assert family_search.OWN in hidden_words(family_site, "/tin-tuc/2026/03/goc/")
    assert family_search.OWN in hidden_words(family_site, "/thu-tuc/dang-ky-khai-sinh/")
    assert family_search.OWN in hidden_words(family_site, f"{ward}/tin-tuc/2026/03/rieng/")
    assert family_search.OWN in hidden_words(family_site, f"{ward}/duong-day-nong/")
    assert family_search.OWN not in hidden_words(family_site, f"{ward}/thu-tuc/dang-ky-khai-sinh/")


def test_a_root_with_units_on_other_hosts_may_fetch_their_indexes():
    from generator import csp

    page = '<html><head><meta charset="utf-8"></head><body></body></html>'
    assert "connect-src 'self' https://tp.example.gov.vn;" in csp.with_policy(page, None, ("https://tp.example.gov.vn",))
    assert "connect-src 'self';" in csp.with_policy(page)


def test_nginx_lets_the_familys_root_alone_read_this_portals_search_index(host):
    """generator/deploy/nginx.conf as published (tests/test_serving.py runs it): the index's
    files answer the root portal's address it names, and no other."""
    import urllib.request

    from .test_serving import fetch

    base, site = host
    chunk = next((site.root / "pagefind" / "index").glob("*.pf_index")).relative_to(site.root).as_posix()
    for path in ("pagefind/pagefind-entry.json?ts=1", chunk):
        for origin, allowed in (("https://tinh.example.gov.vn", "https://tinh.example.gov.vn"), ("https://elsewhere.example", None)):
            request = urllib.request.Request(f"{base}/{path}", headers={"Origin": origin})
            with urllib.request.urlopen(request) as response:
                assert response.headers.get("Access-Control-Allow-Origin") == allowed, (path, origin)
                assert "Origin" in response.headers.get_all("Vary"), path
    assert fetch(f"{base}/pagefind/pagefind-entry.json", None)[1]["Cache-Control"] == "public, max-age=600"
    assert "Access-Control-Allow-Origin" not in fetch(f"{base}/index.html", None)[1]  # pages: not for other hosts
