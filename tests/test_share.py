"""Generator and browser tests (tiny tmp portal): share previews (Open Graph, generated
card images drawn with a font that has every Vietnamese letter), the share button with its
copy-link fallback, and articles, procedures and plans on paper."""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from generator import cards, urls
from generator.content import load_corpus

from .browser_support import serve
from .conftest import run_cchc, Site
from .test_inventory import ARTICLE, HOTLINE, PLAN, PROCEDURE, portal, problems_in

TITLE = "Xã Mẫu & phường <Mới> sáp nhập: hỏi đáp về thủ tục"
SUMMARY = 'Những điều cần biết & "mẹo" nộp hồ sơ <trực tuyến>'
BODY_LINKS = "\n[Trang chủ](../index.md) và [Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn/p/home/dvc-trang-chu.html).\n"
PNG = Image.new("RGB", (64, 32), (10, 120, 200))


def _png() -> bytes:
    out = io.BytesIO()
    PNG.save(out, format="PNG")
    return out.getvalue()


FILES = {
    "plans/2026-xa-mau-15.yml": PLAN,
    "content/tin-tuc/sap-nhap.md": ARTICLE.format(title=f'"{TITLE}"', extra="").replace("summary: Tóm tắt", f"summary: '{SUMMARY}'") + BODY_LINKS,
    "content/tin-tuc/co-anh.md": ARTICLE.format(title="Tin có ảnh", extra="image: {src: anh.png, alt: Ảnh hội nghị}\n"),
    "content/tin-tuc/anh.png": _png(),
    "content/tin-tuc/ve.md": ARTICLE.format(title="Tin có hình vẽ", extra="image: {src: ve.svg, alt: Hình vẽ}\n"),
    "content/tin-tuc/ve.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>',
    "content/thu-tuc/khai-sinh.md": PROCEDURE,
    "content/duong-day-nong/xa.yml": HOTLINE + "pinned: true\n",  # shown on every page
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = portal(tmp_path_factory.mktemp("share"), FILES)
    result = run_cchc(root, "build")
    assert result.returncode == 0, result.stderr
    corpus, problems = load_corpus(root, root / "plans", root / "content")
    assert not problems
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    setting = {key: re.search(rf"^{key}: (.*)$", config, re.M)[1] for key in ("site_name", "site_description", "site_url")}
    return root, Site(root / "site"), corpus, setting


def og(soup) -> dict[str, str]:
    tags = soup.select("meta[property^='og:'], meta[name^='twitter:']")
    return {tag.get("property") or tag["name"]: tag["content"] for tag in tags}


def article(corpus, title):
    return next(a for a in corpus.articles if a.title == title)


def test_an_article_carries_its_preview_with_exact_absolute_values(built):
    root, site, corpus, setting = built
    item = article(corpus, TITLE)
    soup = site.page(item.url)
    page_url = setting["site_url"] + item.url.lstrip("/")
    assert og(soup) == {
        "og:type": "article",
        "og:locale": "vi_VN",
        "og:title": TITLE,
        "og:description": SUMMARY,
        "og:url": page_url,
        "og:image": setting["site_url"] + "anh-chia-se/" + item.url.strip("/") + ".png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "twitter:card": "summary_large_image",
    }
    assert soup.select_one("link[rel=canonical]")["href"] == page_url
    # Escaped once: the markup characters are text, never doubly escaped entities.
    html = site.file(item.url).read_text(encoding="utf-8")
    assert 'content="Xã Mẫu &amp; phường &lt;Mới&gt; sáp nhập: hỏi đáp về thủ tục"' in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html


def test_a_page_without_front_matter_has_the_site_description(built):
    root, site, corpus, setting = built
    tags = og(site.page("/"))
    assert (tags["og:type"], tags["og:title"], tags["og:description"]) == ("website", setting["site_name"], setting["site_description"])
    assert tags["og:url"] == setting["site_url"]
    assert tags["og:image"] == setting["site_url"] + "anh-chia-se/index.png"
    assert (site.root / "anh-chia-se" / "index.png").is_file()


def test_an_article_with_its_own_image_shares_it_and_gets_no_card(built):
    root, site, corpus, setting = built
    item = article(corpus, "Tin có ảnh")
    tags = og(site.page(item.url))
    assert tags["og:image"] == setting["site_url"] + item.image.site_path
    assert (tags["og:image:alt"], tags["og:image:width"], tags["og:image:height"]) == ("Ảnh hội nghị", str(PNG.width), str(PNG.height))
    assert not (site.root / urls.share_card(item.url).lstrip("/")).exists()


def test_an_article_drawn_in_svg_gets_a_card_since_previews_show_no_svg(built):
    root, site, corpus, setting = built
    item = article(corpus, "Tin có hình vẽ")
    assert og(site.page(item.url))["og:image"] == setting["site_url"] + urls.share_card(item.url).lstrip("/")
    assert (site.root / urls.share_card(item.url).lstrip("/")).is_file()


def test_every_card_is_the_title_drawn_at_1200_by_630(built):
    root, site, corpus, setting = built
    item = article(corpus, TITLE)
    card = site.root / urls.share_card(item.url).lstrip("/")
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert card.read_bytes() == cards.card_png(setting["site_name"], TITLE)  # the same input, the same bytes
    assert card.stat().st_size < 40_000
    plan_card = site.root / urls.share_card(f"/ke-hoach/{corpus.plans[0].slug}/").lstrip("/")
    assert plan_card.is_file() and plan_card.read_bytes() != card.read_bytes()


def test_tone_marks_change_the_card(built):
    name = built[3]["site_name"]
    assert cards.card_png(name, "Ma") != cards.card_png(name, "Mã") != cards.card_png(name, "Mạ")


def _vietnamese_letters() -> set[str]:
    """Every Vietnamese letter, both cases: 12 vowels with each of the 6 tones, and đ."""
    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones} | set("đbcdghklmnpqrstvx")
    return letters | {c.upper() for c in letters}


def test_the_card_font_has_a_glyph_for_every_letter_of_every_title(built):
    from fontTools.ttLib import TTFont

    cmap = TTFont(cards.font_path()).getBestCmap()
    letters = _vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 17)
    assert all(len(c) == 1 for c in letters)
    assert sorted(c for c in letters if ord(c) not in cmap) == []
    # Every title drawn on a card of this portal, and the portal's name.
    root, site, corpus, setting = built
    drawn = {setting["site_name"]}
    for file in site.root.rglob("index.html"):
        tags = og(Site.page(site, "/" + file.parent.relative_to(site.root).as_posix() + "/"))
        if "/anh-chia-se/" in tags.get("og:image", ""):
            drawn.add(tags["og:title"])
    assert TITLE in drawn and len(drawn) > 10
    missing = {c for title in drawn for c in unicodedata.normalize("NFC", title) if not c.isspace() and ord(c) not in cmap}
    assert missing == set()


def test_the_cards_folder_is_the_portals(tmp_path):
    root = portal(tmp_path, {"content/anh-chia-se/tin-tuc.png": _png(), "content/anh-chia-se/gioi-thieu.md": "# Giới thiệu\n"})
    assert problems_in(root) == [
        "content/anh-chia-se/gioi-thieu.md:1:1: is in /anh-chia-se/, where the portal puts the pictures shown when a page is shared (move it to another folder)",
        "content/anh-chia-se/tin-tuc.png:1:1: is in /anh-chia-se/, where the portal puts the pictures shown when a page is shared (move it to another folder)",
    ]


@pytest.mark.parametrize("which", ["article", "procedure", "plan"])
def test_pages_worth_passing_on_have_a_share_button(built, which):
    root, site, corpus, setting = built
    url = {"article": article(corpus, TITLE).url, "procedure": corpus.procedures[0].url, "plan": f"/ke-hoach/{corpus.plans[0].slug}/"}[which]
    assert site.page(url).select_one("article p.cchc-share") is not None  # its place: share.js puts the button there


def test_listings_have_no_share_button(built):
    site = built[1]
    assert site.page("/").select_one(".cchc-share") is None
    assert site.page("/tin-tuc/").select_one(".cchc-share") is None


# Browser: the button, and paper.

@pytest.fixture(scope="module")
def base_url(built):
    url, stop = serve(built[1].root)
    yield url
    stop()


@pytest.fixture
def context(browser, base_url):
    context = browser.new_context(locale="vi-VN", permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


NO_SHARE = "delete Navigator.prototype.share; delete navigator.share;"
RECORD_SHARE = "window.__shared = []; navigator.share = function (data) { window.__shared.push(data); return Promise.resolve(); };"


def test_without_web_share_the_button_copies_the_link(built, context, base_url):
    root, site, corpus, setting = built
    item = article(corpus, TITLE)
    page = context.new_page()
    page.add_init_script(NO_SHARE)
    page.goto(base_url + item.url)
    button = page.locator("button[data-cchc-share]")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    button.focus()
    page.keyboard.press("Enter")
    page.locator(".cchc-share__status", has_text="Đã sao chép liên kết").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == setting["site_url"] + item.url.lstrip("/")


def test_with_web_share_the_button_opens_the_share_sheet(built, context, base_url):
    root, site, corpus, setting = built
    item = corpus.procedures[0]
    page = context.new_page()
    page.add_init_script(RECORD_SHARE)
    page.goto(base_url + item.url)
    page.get_by_role("button", name="Chia sẻ trang này").click()
    page.wait_for_function("window.__shared.length === 1")
    assert page.evaluate("window.__shared[0]") == {"title": item.name, "url": setting["site_url"] + item.url.lstrip("/")}
    assert page.locator(".cchc-share__status").inner_text() == ""


def test_an_article_prints_without_navigation_with_addresses_and_hotlines(built, context, base_url):
    root, site, corpus, setting = built
    item = article(corpus, TITLE)
    page = context.new_page()
    page.goto(base_url + item.url)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".cchc-breadcrumb", "button[data-cchc-share]", ".md-footer"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".cchc-hotline-block").is_visible()
    after = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content__inner p a'),
        a => [a.textContent, getComputedStyle(a, '::after').content])""")
    shown = dict(after)
    # Internal links show the portal's public address, not the one the page was opened from.
    assert setting["site_url"] in shown["Trang chủ"] and base_url not in shown["Trang chủ"]
    assert any(t == "Cổng Dịch vụ công quốc gia" and "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html" in c for t, c in after)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_a_card_leaves_out_what_its_font_cannot_draw():
    from generator.cards import _one_line

    assert _one_line("Hội nghị 🎉 会议 \u202eđối thoại\u202c  ✓ 2026 – «mới»") == "Hội nghị đối thoại 2026 – «mới»"
