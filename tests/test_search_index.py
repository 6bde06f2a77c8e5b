"""How pages are made ready for Pagefind where they lie (generator/search.for_index), and the
index built after MkDocs exits (`cchc build`)."""
from __future__ import annotations

from generator import search

PAGE = """<html><body><div data-pagefind-body>
<h1 id="x">Đăng ký khai sinh<a class="headerlink" href="#x">¶</a></h1>
<div class="admonition note cchc-sample" role="note"><p>Nội dung mẫu</p></div>
<table><tr><th>Số, ký hiệu</th><th>Trích yếu</th></tr><tr><td>60/2014/QH13</td><td>Luật Hộ tịch</td></tr></table>
<dl><div><dt>Ngày tiếp nhận</dt><dd>09/11/2026</dd></div></dl>
<audio src="a.mp3"><a href="a.mp3">Tải bản ghi âm</a></audio>
<p>Nộp hồ sơ tại đây.</p>
</div></body></html>"""


def test_a_procedure_is_ready_to_index_in_place():
    html = search.for_index(PAGE, "thu-tuc/dang-ky-khai-sinh/index.html")
    assert "<th>Số, ký hiệu</th> <th>Trích yếu</th> " in html  # a cell's own text is unchanged
    assert "<dt>Ngày tiếp nhận</dt> <dd>09/11/2026</dd> " in html
    assert '<a class="headerlink" data-pagefind-ignore href="#x">' in html
    assert '<div class="admonition note cchc-sample" data-pagefind-ignore' in html
    assert "<audio data-pagefind-ignore" in html
    hidden = html[html.index('<div data-pagefind-body data-pagefind-meta="loai:Thủ tục" hidden>'):]
    assert hidden.startswith('<div data-pagefind-body data-pagefind-meta="loai:Thủ tục" hidden><p>zzdfixzz zzloaithutuc dây dăng</p>')  # đây, Đăng
    # the service's title, ranked above other pages' titles (cchc.js metaWeights), without "¶"
    assert '<span data-pagefind-meta="dichvu[data-title]" data-title="Đăng ký khai sinh dăng"></span></div></body>' in hidden


def test_news_carry_no_ranking_title_and_listings_are_not_indexed():
    news = search.for_index(PAGE, "tin-tuc/2021/06/x/index.html")
    assert 'data-pagefind-meta="loai:Tin tức"' in news and "[data-title]" not in news
    listing = search.for_index(PAGE, "tin-tuc/the/x/index.html")
    assert "data-pagefind" not in listing.replace('class="headerlink"', "")
    assert search.for_index(PAGE, "404.html").count("data-pagefind-body") == 0
    assert search.for_index("<p>no body</p>", "x/index.html") == "<p>no body</p>"


def test_service_listings_rank_as_services():
    assert search.ranked_as("duong-day-nong/index.html") == search.SERVICE
    assert search.ranked_as("phan-anh/index.html") == search.SERVICE
    assert search.ranked_as("ke-hoach/index.html") == ""
    assert search.ranked_as("phan-anh/2026-x/index.html") == ""
    assert search.ranked_as("chuong-trinh/a/2021/b/index.html") == search.GUIDE


def test_the_built_site_is_indexed_after_mkdocs_with_pages_unchanged_by_the_index(site):
    """`cchc build` (the session's fixture build) leaves an index, no request file, and served
    pages whose visible text is their own."""
    assert (site.root / "pagefind" / "pagefind.js").is_file()
    assert list(site.root.parent.glob(".site-build-*")) == [] and not (site.root / search.WANTED).exists()
    page = site.page("/thu-tuc/dang-ky-khai-sinh/")
    hidden = page.select_one("[data-pagefind-body][hidden]")
    assert hidden is not None and hidden.get_text().startswith(search.FOLD_MARKER)
    assert site.page("/tin-tuc/").select("[data-pagefind-body]") == []
