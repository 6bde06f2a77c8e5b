"""The build's faster paths (issue 12) do what the slower ones did: the tag reader of the
post-build checks, our HTML blocks kept out of Python-Markdown, collapsed white space,
paginated news listings, one Markdown conversion per summary."""
from __future__ import annotations

import pytest

from generator import blocks, csp, htmlscan, minify, render, urls
from generator.linkcheck import parse_page as _page_links

from .conftest import Site, run_cchc
from .test_inventory import ARTICLE, portal

# --- reading our own HTML ---------------------------------------------------------------------


def test_the_tag_reader_skips_comments_script_text_and_quoted_values():
    page = ('<!doctype html><a href="x&amp;y" hidden title=\'a>b\' data-x="">t</a><!-- <a href="comment"> -->'
            '<script>if (a<b) { s = "<a href=\'script\'>" }</script><IMG SRC=z.png>')
    found = [(t.name, t.closing, htmlscan.attributes(t.attrs), t.text) for t in htmlscan.tags(page)]
    assert found == [
        ("a", False, [("href", "x&y"), ("hidden", None), ("title", "a>b"), ("data-x", "")], ""),
        ("a", True, [], ""),
        ("script", False, [], "if (a<b) { s = \"<a href='script'>\" }"),
        ("script", True, [], ""),
        ("img", False, [("src", "z.png")], ""),
    ]
    assert [name for name, _ in htmlscan.start_tags(page)] == ["a", "script", "IMG"]


def test_the_link_reader_finds_links_ids_and_names_but_not_text_that_looks_like_them():
    ids, links = _page_links('<p id="muc">a href="khong-phai" <a name="cu" href="../x/#y">x</a><img src="a.png" srcset="b.png 2x, c.png 3x"></p>')
    assert ids == {"muc", "cu"}
    assert links == [("../x/#y", True), ("a.png", True), ("b.png", True), ("c.png", True)]


def test_the_policy_never_blesses_a_script_in_the_content_whatever_its_attributes_say():
    page = ('<html><head><meta charset="utf-8"><script>var theme = 1;</script></head><body>'
            '<article class="md-content__inner"><p title="</article>">x</p><script>alert(1)</script></article>'
            '<script>var after = 2;</script></body></html>')
    policy = csp.policy(page)
    assert csp._sha256("var theme = 1;") in policy and csp._sha256("var after = 2;") in policy
    assert csp._sha256("alert(1)") not in policy


# --- our HTML blocks --------------------------------------------------------------------------


def test_html_blocks_are_lifted_and_put_back_and_markdown_is_left():
    head = '<nav class="b"><a href="../">Tin</a></nav>\n\n# Tiêu đề\n\n<p class="m">Ngày</p>\n\n<span>dòng</span> *Markdown*\n\n  <p>thụt lề</p>\n'
    lifted = blocks.Blocks()
    text = lifted.lift(head)
    assert "# Tiêu đề" in text and "<span>dòng</span> *Markdown*" in text and "  <p>thụt lề</p>" in text
    assert lifted.found == ['<nav class="b"><a href="../">Tin</a></nav>', '<p class="m">Ngày</p>']
    assert "<nav" not in text and '<p class="m">' not in text
    html = render._markdown().reset().convert(text)
    assert lifted.put_back(html).startswith('<nav class="b"><a href="../">Tin</a></nav>\n<h1>Tiêu đề</h1>\n<p class="m">Ngày</p>')


def test_an_article_page_has_its_head_and_foot_and_its_body_is_still_sanitized(tmp_path):
    body = '\n<div class="x" onclick="alert(1)"><p>Khối HTML của cán bộ</p></div>\n\n<p>Đoạn văn</p>\n'
    project = portal(tmp_path, {"content/tin-tuc/bai.md": ARTICLE.format(title="Bài viết", extra="tags: [một cửa]\n") + body})
    assert run_cchc(project, "build").returncode == 0
    page = Site(project / "site").page("/tin-tuc/2026/03/bai/")
    content = page.select_one("article.md-content__inner")
    assert content.select_one(".cchc-breadcrumb") and content.select_one(".cchc-article__meta") and content.select_one(".cchc-article__facts")
    assert content.select_one("h1").get_text() == "Bài viết"
    assert content.select_one("div.x").get_text() == "Khối HTML của cán bộ" and not content.select_one("div.x").has_attr("onclick")
    assert "\ue000" not in str(page)


# --- white space ------------------------------------------------------------------------------


def test_white_space_runs_become_one_line_break_except_where_shown_as_written():
    page = '<div>\n    <p>a  b\n\n   c</p>\n  <pre><code>x\n    y</code></pre> <code>p\n  q</code>\n<script>\n  var a;\n</script>\n</div>'
    assert minify.collapse(page) == '<div>\n<p>a  b\nc</p>\n<pre><code>x\n    y</code></pre> <code>p\n  q</code>\n<script>\n  var a;\n</script>\n</div>'


# --- news listings ----------------------------------------------------------------------------

ITEM = "---\ntitle: Tin {i}\ndate: 2026-0{month}-{day:02d} {hour:02d}:30\nsummary: Tóm tắt *tin* {i}\nareas: [the_che]\ntags: [một cửa]\n---\n\nNội dung.\n"


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    root = tmp_path_factory.mktemp("news")
    files = {f"content/tin-tuc/tin-{i}.md": ITEM.format(i=i, month=1 + i % 2, day=1 + i % 28, hour=i // 28) for i in range(53)}
    project = portal(root, files)
    assert run_cchc(project, "build").returncode == 0
    return Site(project / "site")


@pytest.mark.parametrize("first", [urls.area_url("the_che"), urls.tag_url("một cửa")])
def test_area_and_tag_listings_have_pages_of_fifty(news, first):
    assert urls.paged(first, 2) == f"{first}trang/2/" and urls.first_page(f"{first}trang/2/") == first
    pages = [news.page(urls.paged(first, n)) for n in (1, 2)]
    assert [len(p.select(".cchc-card")) for p in pages] == [50, 3]
    assert not news.file(urls.paged(first, 3)).exists()
    assert pages[0].select_one(".cchc-pager a[rel=next]")["href"] == "trang/2/"
    assert pages[1].select_one(".cchc-pager a[rel=prev]")["href"] == "../../"
    assert pages[1].select_one("h1").contents[0].endswith(" – trang 2")
    assert "53 bài viết" in pages[1].select_one(".cchc-feed-link").get_text()
    # The newest first (28 February), its summary converted from Markdown.
    assert pages[0].select_one(".cchc-card__summary").decode_contents() == "Tóm tắt <em>tin</em> 27"


def test_a_later_page_of_a_listing_shares_the_card_of_its_first(news):
    first = urls.tag_url("một cửa")
    image = news.page(urls.paged(first, 2)).select_one('meta[property="og:image"]')["content"]
    assert image.endswith(urls.share_card(first))
    assert news.file(urls.share_card(first)).is_file() and not news.file(urls.share_card(urls.paged(first, 2))).exists()


def test_a_year_page_lists_its_months_not_their_articles(news):
    page = news.page(urls.news_year_url(2026))
    assert [h.contents[0] for h in page.select("article h2")] == ["Tháng 2 năm 2026", "Tháng 1 năm 2026"]
    assert not page.select(".cchc-card")
    links = [news.resolve(urls.news_year_url(2026), a["href"]) for a in page.select(".cchc-feed-link a")]
    assert links == [urls.news_month_url(2026, 2), urls.news_month_url(2026, 1)]


def test_a_summary_is_converted_once_per_build():
    render.forget_rendered()
    render.md("Tóm tắt *một*")
    render.md("Tóm tắt *một*")
    assert render._html.cache_info().misses == 1 and render._html.cache_info().hits == 1
    render.forget_rendered()
    assert render._html.cache_info().currsize == 0


def test_the_policy_reads_only_around_a_known_content_and_falls_back_when_unsure():
    content = "<p>x</p><script>alert(1)</script>"
    page = ('<html><head><meta charset="utf-8"><script>var theme = 1;</script></head><body>'
            f'<article class="md-content__inner md-typeset">{content}</article><script>var after = 2;</script></body></html>')
    assert csp.policy(page, content) == csp.policy(page)
    assert csp._sha256("alert(1)") not in csp.policy(page, content)
    twice = page.replace("<body>", f"<body>{content}")  # in the page twice: which one is the content?
    assert csp._around(twice, content) is None and csp.policy(twice, content) == csp.policy(twice)


@pytest.mark.parametrize("page", ["", "tin-tuc/", "tin-tuc/2016/01/bai-0/", "404.html", "tin-tuc/feed.xml", "a/b/c.html"])
def test_a_link_checked_once_per_depth_resolves_as_on_its_page(page):
    from urllib.parse import urljoin

    from generator.linkcheck import _resolved_against
    base = "https://example.gov.vn/cchc/"
    for link in ["", "#a", "?q=1", "../", "..", "../..", "../../x/", "../x?y=http://z", "x?u=http://a/b", "https:x", "//example.gov.vn/y",
                 "/cchc/z", "mailto:a@b", "../../../../../../x", "../a/../b", "./x", "../.", "a/./b", "../x#f", "https://example.gov.vn/cchc/x/"]:
        folder, rest = _resolved_against(page, link)
        assert urljoin(base + folder, rest) == urljoin(base + page, link), link
