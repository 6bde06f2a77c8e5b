"""Generator tests (tiny portals): what a citizen meets first. Sample numbers are never
callable, the block on every page offers only verified lines, the home page's first screen
offers the services, the 404 page is Vietnamese, and no page asks for a file that is not there."""
from __future__ import annotations

import json
import re

from .conftest import build
from .test_inventory import HOTLINE, PROCEDURE, portal, problems_in

VERIFIED = 'agency: "Ủy ban nhân dân phường 5"\nlevel: xa\nreceives: [can_bo]\nphones: ["0299 3821 234"]\nlast_verified: 2026-10-01\npinned: true\n'
SAMPLE = 'agency: "Sở Nội vụ"\nlevel: tinh\nreceives: [can_bo]\nphones: ["0299 3822 555"]\nlast_verified: 2026-10-01\npinned: true\nsample: true\n'
UNCHECKED = 'agency: "Sở Tư pháp"\nlevel: tinh\nreceives: [can_bo]\nphones: ["0299 3822 777"]\nneeds_check: true\npinned: true\n'


def procedure(code: str, name: str, common: int | None = None) -> str:
    text = PROCEDURE.replace('"1.001193"', f'"{code}"').replace('"Đăng ký khai sinh"', f'"{name}"')
    return text.replace("last_checked:", f"common: {common}\nlast_checked:") if common else text


def pages_with_tel(site) -> dict[str, list[str]]:
    found = {}
    for html in site.root.rglob("*.html"):
        tels = re.findall(r'href="tel:([^"]+)"', html.read_text(encoding="utf-8"))
        if tels:
            found[html.relative_to(site.root).as_posix()] = tels
    return found


def test_a_sample_number_is_never_a_link_and_the_block_shows_only_verified_lines(tmp_path):
    site = build(portal(tmp_path, {
        "content/duong-day-nong/phuong.yml": VERIFIED, "content/duong-day-nong/so.yml": SAMPLE, "content/duong-day-nong/tu-phap.yml": UNCHECKED,
    }))
    block = site.page("/").select_one(".cchc-hotline-block")
    assert [a["href"] for a in block.select("a[href^='tel:']")] == ["tel:+842993821234"]
    assert "Sở Nội vụ" not in block.get_text() and "Sở Tư pháp" not in block.get_text()
    # Everywhere in the site, only the verified number and the one to check again are dialled.
    assert {t for tels in pages_with_tel(site).values() for t in tels} == {"+842993821234", "+842993822777"}
    listing = site.page("/duong-day-nong/")
    sample = listing.select_one("#so")
    assert sample.select_one(".cchc-call--sample").get_text() == "0299 3822 555" and not sample.select("a[href^='tel:']")
    vcard = (site.root / "duong-day-nong" / "duong-day-nong.vcf").read_text(encoding="utf-8")
    assert "+842993821234" in vcard and "+842993822555" not in vcard and "Sở Nội vụ" not in vcard
    data = json.loads((site.root / "duong-day-nong" / "duong-day-nong.json").read_text(encoding="utf-8"))
    tels = {h["agency"]: [p["tel"] for p in h["phones"]] for h in data["hotlines"]}
    assert tels["Sở Nội vụ"] == [None] and tels["Ủy ban nhân dân phường 5"] == ["tel:+842993821234"]


def test_with_no_verified_line_the_block_links_to_the_listing_and_nothing_is_dialled(tmp_path):
    site = build(portal(tmp_path, {"content/duong-day-nong/so.yml": SAMPLE}))
    assert pages_with_tel(site) == {}
    block = site.page("/tin-tuc/").select_one(".cchc-hotline-block")
    assert [a["href"] for a in block.select("a")] == ["../duong-day-nong/"]
    call = site.page("/").select_one(".cchc-home__call")
    assert call["href"] == "duong-day-nong/" and "Đường dây nóng" in call.get_text()


def test_the_home_page_offers_search_calls_feedback_and_the_common_procedures_first(tmp_path):
    site = build(portal(tmp_path, {
        "content/index.md": "# Cổng cải cách hành chính xã\n\nGiới thiệu về các kế hoạch.\n",
        "content/duong-day-nong/phuong.yml": VERIFIED,
        "content/thu-tuc/a.md": procedure("1.000001", "Chứng thực bản sao", common=2),
        "content/thu-tuc/b.md": procedure("1.000002", "Đăng ký khai sinh", common=1),
        "content/thu-tuc/c.md": procedure("1.000003", "Đăng ký khai tử"),
    }))
    home = site.page("/")
    body = home.select_one("[data-pagefind-body]")
    # Right under the heading, before the officers' text, the plans and the news.
    assert [el.name for el in body.find_all(recursive=False)][:2] == ["h1", "section"]
    services = body.select_one("section.cchc-home")
    assert services["data-pagefind-ignore"] == "all"  # the procedures' own pages rank for their names
    form = services.select_one("form[role=search]")
    assert (form["method"], form["action"], form.select_one("input")["name"]) == ("get", "tim-kiem/", "q")
    assert (site.root / "tim-kiem" / "index.html").is_file()
    assert [(a.get_text(), a["href"]) for a in services.select(".cchc-home__common a")] == [
        ("Đăng ký khai sinh", "thu-tuc/b/"), ("Chứng thực bản sao", "thu-tuc/a/"),
    ]
    call = services.select_one(".cchc-home__call")
    assert call["href"] == "tel:+842993821234" and "0299 3821 234" in call.get_text()
    assert services.select_one(".cchc-home__feedback").get_text() == "Gửi phản ánh"
    assert body.get_text().index("Thủ tục thường gặp") < body.get_text().index("Giới thiệu về các kế hoạch")


def test_more_common_procedures_than_a_first_screen_holds_are_reported(tmp_path):
    files = {f"content/thu-tuc/p{i}.md": procedure(f"1.00000{i}", f"Thủ tục {i}", common=i) for i in range(1, 8)}
    root = portal(tmp_path, files)
    listed = ", ".join(f"content/thu-tuc/p{i}.md" for i in range(1, 7))
    line = files["content/thu-tuc/p7.md"].splitlines().index("common: 7") + 1
    assert problems_in(root) == [
        f"content/thu-tuc/p7.md:{line}:9: common: more than 6 procedures are listed as common on the home page"
        f" (a phone's first screen has room for 6: remove common: here or from one of {listed})",
    ]


def test_the_common_procedures_message_reads_in_vietnamese(tmp_path, monkeypatch):
    from generator import i18n

    monkeypatch.setenv("CCHC_LANG", "vi")
    i18n.catalogue.cache_clear()
    assert i18n._("more than {count} procedures are listed as common on the home page", count=6) == (
        "có hơn 6 thủ tục được chọn làm thủ tục thường gặp trên trang chủ"
    )


def test_the_404_page_is_vietnamese_with_a_search_and_ways_on(tmp_path):
    site = build(portal(tmp_path, {"content/duong-day-nong/phuong.yml": VERIFIED}))
    page = site.page("/404.html")
    assert page.select_one("h1").get_text() == "Không tìm thấy trang"
    assert page.title.get_text().startswith("Không tìm thấy trang")
    form = page.select_one("article form[role=search]")
    assert form["action"] == "/cchc/tim-kiem/" and form.select_one("input")["name"] == "q"
    # Served for any missing address: its links start from the site's root (site_url: …/cchc/).
    assert [a["href"] for a in page.select(".cchc-404__links a")] == ["/cchc/", "/cchc/thu-tuc/", "/cchc/duong-day-nong/"]


def test_no_page_makes_the_theme_fetch_a_missing_sitemap_and_no_english_is_shown(tmp_path):
    site = build(portal(tmp_path, {}))
    for url in ("/", "/tin-tuc/", "/404.html"):
        page = site.page(url)
        # The theme fetches sitemap.xml beside every link[rel=alternate] (exactly that value).
        assert not [link for link in page.select("link") if link.get("rel") == ["alternate"]], url
        feed = page.select_one('link[type="application/atom+xml"]')
        assert "alternate" in feed["rel"] and site.resolve(url, feed["href"]).endswith("/tin-tuc/feed.xml")
        text = page.get_text(" ")
        assert "Made with" not in text and "Atom" not in text, url
