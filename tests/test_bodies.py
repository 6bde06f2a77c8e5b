"""Officers' Markdown bodies: broken links and images, missing alt text and unsafe addresses
are found by `check_body` at the link's own line and column; in the built site body images
carry their served size and load lazily, and decomposed (NFD) text is published as NFC."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

from PIL import Image

from generator.body import check_body, heading_ids, markdown_body, source_anchors

from .conftest import ROOT, Site, run_cchc

ARTICLE = "tin-tuc/2022/bai-moi.md"
SHOWN = "content/" + ARTICLE
KNOWN = {
    ARTICLE,
    "index.md",
    "tin-tuc/2021/bai-cu.md",
    "tin-tuc/images/hoi-nghi.jpg",
    "thu-tuc/index.md",  # generated
    "thu-tuc/dang-ky-khai-sinh.md",
    "gioi-thieu/lien-he.md",
    "tai-lieu/mau-don.pdf",
}


def problems(body: str, src: str = ARTICLE, first_line: int = 1, **options) -> list[str]:
    shown = "content/" + src
    return [str(p) for p in check_body(body, first_line, src, shown, KNOWN, **options)]


def test_a_clean_body_has_no_problems():
    body = (
        "Xem [bài năm trước](../2021/bai-cu.md), [thủ tục](../../thu-tuc/dang-ky-khai-sinh.md \"Khai sinh\")\n"
        "và [mẫu đơn](<../../tai-lieu/mau-don.pdf>).\n\n"
        "![Hội nghị triển khai](../images/hoi-nghi.jpg)\n\n"
        "[Cổng quốc gia](https://dichvucong.gov.vn/), [thư](mailto:a@b.vn), [gọi](tel:02993822222), [đầu trang](#dau-trang)\n"
    )
    assert problems(body) == []


def test_a_broken_link_is_reported_at_its_line_and_column_with_a_suggestion():
    body = "Đoạn đầu.\n\nXem thêm [bài cũ](../2021/bai-cux.md) nhé.\n"
    assert problems(body, first_line=8) == [
        'content/tin-tuc/2022/bai-moi.md:10:19: link: "../2021/bai-cux.md": there is no content/tin-tuc/2021/bai-cux.md (did you mean "../2021/bai-cu.md"?)'
    ]


def test_an_image_without_alt_text_is_an_error_with_what_to_write():
    assert problems("Ảnh:\n\n  ![](../images/hoi-nghi.jpg)\n") == [
        'content/tin-tuc/2022/bai-moi.md:3:3: image: image "../images/hoi-nghi.jpg" has no alt text '
        "(write what the image shows between the brackets, e.g. ![Hội nghị triển khai kế hoạch](../images/hoi-nghi.jpg); "
        "screen readers read it to people who cannot see it)"
    ]
    assert problems('<img src="../../tin-tuc/images/hoi-nghi.jpg" alt=" ">', src="gioi-thieu/lien-he.md") == [
        'content/gioi-thieu/lien-he.md:1:1: image: image "../../tin-tuc/images/hoi-nghi.jpg" has no alt text '
        "(add alt=\"…\" saying what the image shows; screen readers read it to people who cannot see it)"
    ]


def test_a_missing_image_is_reported():
    assert problems("![Ảnh](anh-moi.png)") == [
        'content/tin-tuc/2022/bai-moi.md:1:8: image: "anh-moi.png": there is no content/tin-tuc/2022/anh-moi.png (the address is relative to this file)'
    ]


def test_code_escapes_and_comments_are_not_links():
    body = (
        "Viết `[a](khong-co.md)` hoặc ``![](x.png)``, \\[b](khong-co.md)\n\n"
        "```\n[c](khong-co.md)\n```\n\n"
        "~~~~\n![](x.png)\n~~~~\n\n"
        "<!-- [d](khong-co.md) -->\n"
    )
    assert problems(body) == []


def test_reference_links_are_checked_at_their_definition():
    body = (
        "Theo [kế hoạch][KH] và [hướng dẫn] cùng [thủ tục][].\n"
        "Lại [kế hoạch][kh] và [bài][khong-co].\n\n"
        "[kh]: ../2021/bai-moi-nhat.md\n"
        "[Hướng dẫn]: <../../gioi-thieu/lien-he.md>\n"
        "[thủ tục]: ../../thu-tuc/index.md\n"
    )
    assert problems(body) == [
        'content/tin-tuc/2022/bai-moi.md:2:23: link: [bài][khong-co]: no definition of [khong-co] (add a line "[khong-co]: address" below the text, or correct the name)',
        'content/tin-tuc/2022/bai-moi.md:4:7: link: "../2021/bai-moi-nhat.md": there is no content/tin-tuc/2021/bai-moi-nhat.md (did you mean "../2021/bai-cu.md"?)',
    ]


def test_an_image_inside_a_link_is_checked_too():
    assert problems("[![](../images/khong.jpg)](../2021/bai-cu.md)") == [
        'content/tin-tuc/2022/bai-moi.md:1:2: image: image "../images/khong.jpg" has no alt text '
        "(write what the image shows between the brackets, e.g. ![Hội nghị triển khai kế hoạch](../images/khong.jpg); "
        "screen readers read it to people who cannot see it)",
        'content/tin-tuc/2022/bai-moi.md:1:6: image: "../images/khong.jpg": there is no content/tin-tuc/images/khong.jpg (did you mean "../images/hoi-nghi.jpg"?)',
    ]


def test_addresses_that_run_code_or_embed_data_are_refused():
    body = "[a](javascript:alert(1)) [b]( JavaScript:void(0))\n<a href=\"&#106;avascript:x()\">c</a> ![d](data:image/png;base64,AAAA)\n"
    assert problems(body) == [
        'content/tin-tuc/2022/bai-moi.md:1:5: link: "javascript:alert(1)": addresses that run code are not allowed (link to a page or a file instead)',
        'content/tin-tuc/2022/bai-moi.md:1:31: link: "JavaScript:void(0)": addresses that run code are not allowed (link to a page or a file instead)',
        'content/tin-tuc/2022/bai-moi.md:2:10: link: "javascript:x()": addresses that run code are not allowed (link to a page or a file instead)',
        'content/tin-tuc/2022/bai-moi.md:2:42: image: "data:image/png;base64,AAAA": "data:" addresses are not allowed (put the file in content/ and link to it by its name)',
    ]


def test_directory_links_resolve_against_the_page_address():
    # A plain page gioi-thieu/lien-he.md is served at /gioi-thieu/lien-he/: two levels up is the root.
    assert problems("[Thủ tục](../../thu-tuc/) [trang chủ](../../)", src="gioi-thieu/lien-he.md") == []
    # An article is served at its dated address, which MkDocs does not rewrite such links for.
    assert problems("[Thủ tục](../../thu-tuc/)", page_url="/tin-tuc/2022/03/bai-moi/") == [
        'content/tin-tuc/2022/bai-moi.md:1:11: link: "../../thu-tuc/": no page at this address '
        '(link to the page\'s .md file relative to this file: "../../thu-tuc/index.md")'
    ]
    assert problems("[x](../../khong-co/)", src="gioi-thieu/lien-he.md") == [
        'content/gioi-thieu/lien-he.md:1:5: link: "../../khong-co/": no page at this address (link to the page\'s .md file, relative to this file)'
    ]


def test_absolute_and_outside_addresses_and_html_md_links():
    assert problems("[a](/thu-tuc/) [b](../../../x.md)\n<a href=\"../2021/bai-cu.md\">c</a>") == [
        'content/tin-tuc/2022/bai-moi.md:1:5: link: "/thu-tuc/": an address starting with "/" breaks when the portal is not at the root of its domain '
        '(write it relative to this file: "../../thu-tuc/index.md")',
        'content/tin-tuc/2022/bai-moi.md:1:20: link: "../../../x.md" points outside content/ (the address is relative to this file: remove a "../")',
        'content/tin-tuc/2022/bai-moi.md:2:10: link: "../2021/bai-cu.md": a .md address in HTML is not turned into the page\'s address '
        "(write the link in Markdown: [text](../2021/bai-cu.md))",
    ]


def test_heading_ids_are_the_sites_anchors():
    body = "# Đường dây nóng\n\n## Hồ sơ cần nộp {#ho-so}\n\n## Đường dây nóng\n\n<span id=\"bang-phi\"></span>\n"
    assert heading_ids(body) == {"duong-day-nong", "ho-so", "duong-day-nong_1", "bang-phi"}


def test_anchors_into_another_page_are_checked_against_its_headings(tmp_path):
    (tmp_path / "thu-tuc").mkdir()
    (tmp_path / "thu-tuc" / "dang-ky-khai-sinh.md").write_text(
        "---\ncode: \"1.001193\"\n---\n# Đăng ký khai sinh\n\n## Lệ phí\n\nChữ thường `## Không phải tiêu đề`\n", encoding="utf-8"
    )
    body = "[phí](../../thu-tuc/dang-ky-khai-sinh.md#le-phi) [sai](../../thu-tuc/dang-ky-khai-sinh.md#le-phi-nop) [x](../../thu-tuc/dang-ky-khai-sinh.md#khong-phai-tieu-de)"
    assert problems(body, anchors=source_anchors(tmp_path)) == [
        'content/tin-tuc/2022/bai-moi.md:1:56: link: "../../thu-tuc/dang-ky-khai-sinh.md#le-phi-nop": content/thu-tuc/dang-ky-khai-sinh.md has no heading with the anchor #le-phi-nop (did you mean "#le-phi"?)',
        'content/tin-tuc/2022/bai-moi.md:1:107: link: "../../thu-tuc/dang-ky-khai-sinh.md#khong-phai-tieu-de": content/thu-tuc/dang-ky-khai-sinh.md has no heading with the anchor #khong-phai-tieu-de '
        '(an anchor is a heading in lowercase without tone marks, words joined by "-")',
    ]
    # Anchors into generated pages are left to the post-build link checker.
    assert problems("[a](../../thu-tuc/index.md#bat-ky)", anchors=source_anchors(tmp_path)) == []


def tiny_portal(root: Path) -> Path:
    """A portal with no plans and one plain page: the project's mkdocs.yml without its nav."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "plans").mkdir()
    (root / "content" / "gioi-thieu").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    return root


def test_body_images_get_their_served_size_and_text_is_published_as_nfc(tmp_path):
    project = tiny_portal(tmp_path)
    page = project / "content" / "gioi-thieu" / "lien-he.md"
    Image.new("RGB", (2400, 1600), (155, 28, 28)).save(page.parent / "hoi-nghi.png")
    photo = Image.new("RGB", (80, 40), (155, 28, 28))
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone upright: stored sideways
    photo.save(page.parent / "dien-thoai.jpg", exif=exif)
    text = (
        "# Liên hệ Ủy ban\n\nĐường dây nóng tiếp nhận phản ánh.\n\n"
        "![Hội nghị trực tuyến](hoi-nghi.png)\n\n![Ảnh chụp dọc](dien-thoai.jpg)\n\n![Cổng quốc gia](https://dichvucong.gov.vn/logo.png)\n"
    )
    page.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stderr
    site = Site(project / "site")
    html = site.file("/gioi-thieu/lien-he/").read_text(encoding="utf-8")
    assert "Đường dây nóng tiếp nhận phản ánh." in html and unicodedata.normalize("NFD", "Đường dây") not in html
    body = site.page("/gioi-thieu/lien-he/")
    assert body.select_one("h1").get_text(strip=True).startswith("Liên hệ Ủy ban")
    imgs = {img["alt"]: img for img in body.select("article img")}
    sized = {alt: (img.get("width"), img.get("height"), img.get("loading"), img.get("decoding")) for alt, img in imgs.items()}
    assert sized == {
        "Hội nghị trực tuyến": ("1200", "800", "lazy", "async"),
        "Ảnh chụp dọc": ("40", "80", "lazy", "async"),
        "Cổng quốc gia": (None, None, "lazy", "async"),
    }
    assert Image.open(project / "site/gioi-thieu/hoi-nghi.png").size == (1200, 800)
    assert Image.open(project / "site/gioi-thieu/dien-thoai.jpg").size == (40, 80)


def test_the_body_starts_after_the_front_matter():
    text = "---\ntitle: Bài mới\ndate: 2022-03-01\n---\nDòng đầu [x](khong-co.md)\n"
    body, first_line = markdown_body(text)
    assert (body, first_line) == ("Dòng đầu [x](khong-co.md)\n", 5)
    assert problems(body, first_line=first_line) == [
        'content/tin-tuc/2022/bai-moi.md:5:14: link: "khong-co.md": there is no content/tin-tuc/2022/khong-co.md (the address is relative to this file)'
    ]
    assert markdown_body("Chỉ có nội dung\n") == ("Chỉ có nội dung\n", 1)


def test_a_wrong_capital_is_named_as_the_cause():
    assert problems("![Hội nghị](../images/Hoi-Nghi.JPG)") == [
        'content/tin-tuc/2022/bai-moi.md:1:13: image: "../images/Hoi-Nghi.JPG": there is no content/tin-tuc/images/Hoi-Nghi.JPG '
        '(did you mean "../images/hoi-nghi.jpg"? capitals count in addresses)'
    ]


def test_anchors_into_pages_with_generated_headings_are_left_to_the_build(tmp_path):
    (tmp_path / "thu-tuc").mkdir()
    (tmp_path / "thu-tuc" / "dang-ky-khai-sinh.md").write_text("---\ncode: \"1.001193\"\n---\nHướng dẫn thêm.\n", encoding="utf-8")
    link = "[các bước](../../thu-tuc/dang-ky-khai-sinh.md#cac-buoc-thuc-hien)"
    assert len(problems(link, anchors=source_anchors(tmp_path))) == 1
    assert problems(link, anchors=source_anchors(tmp_path, partial={"thu-tuc/dang-ky-khai-sinh.md"})) == []


def test_brackets_in_plain_text_are_not_links():
    assert problems("Theo Điều [1] [2] và mục [a], xem [ghi chú].\n\n[b]: ../2021/bai-cu.md\n") == []
