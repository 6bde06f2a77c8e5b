"""The link check of the built site: tiny hand-written sites, then real builds of a tiny portal."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import urls
from generator.linkcheck import BrokenLink, check_site, report

from .conftest import ROOT, copy_project, run_cchc

SITE_URL = "https://example.gov.vn/cchc/"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return root


def lines(root: Path, sources: dict[str, str] | None = None, site_url: str = SITE_URL) -> list[str]:
    return [b.line() for b in check_site(root, site_url, sources or {})]


ARTICLE = '<html><body><h1 id="bai">Bài</h1><h2 id="muc-1">Mục 1</h2><a name="cu"></a><a href="#cu">cũ</a></body></html>'


def test_links_in_html_pages(tmp_path):
    write(tmp_path, {
        "index.html": """<!doctype html><html><head>
<link rel="stylesheet" href="assets/main.css"><script src="pagefind/pagefind-ui.js"></script>
<link rel="canonical" href="https://example.gov.vn/cchc/">
<meta property="og:image" content="https://example.gov.vn/cchc/assets/thieu.png">
</head><body id="dau">
<a href="tin/">thư mục</a> <a href="tin">thư mục không có gạch chéo</a> <a href="tin/bai/#muc-1">mục có</a>
<a href="tin/bai/index.html#muc-1">trang có tên</a> <a href="tin/bai/#cu">tên cũ</a>
<a href="tin/bai/#khong-co">mục không có</a> <a href="khong-co/">trang không có</a>
<a href="#dau">đầu</a> <a href="#">đầu trang</a> <a href="#top">đầu trang</a> <a href="">chính nó</a>
<a href="https://example.gov.vn/cchc/tin/">tuyệt đối</a> <a href="//example.gov.vn/cchc/mat/">tuyệt đối mất</a>
<a href="/tin/">ngoài trang</a> <a href="https://example.gov.vn/khac/">phần khác của máy chủ</a>
<a href="https://dichvucong.gov.vn/x">ngoài</a> <a href="mailto:a@b.vn">thư</a> <a href="tel:1022">gọi</a>
<img src="anh/%E1%BA%A3nh.png" alt="ảnh" srcset="anh/%E1%BA%A3nh.png 1x, anh/thieu.png 2x">
<video poster="anh/bia.jpg" src="tin/bai/"></video><object data="tai-lieu.pdf"></object>
<form action="tim/"></form> <a href="tin/bai/?trang=2#muc-1">có truy vấn</a> <a href="thieu">không có gạch chéo</a>
</body></html>""",
        "assets/main.css": "",
        "tin/index.html": "<p>tin</p>",
        "tin/bai/index.html": ARTICLE,
        "anh/ảnh.png": "",
    })
    assert lines(tmp_path, {"index.html": "content/index.md"}) == [
        'content/index.md: link "https://example.gov.vn/cchc/assets/thieu.png" -> /cchc/assets/thieu.png: no such file',
        'content/index.md: link "tin/bai/#khong-co" -> /cchc/tin/bai/#khong-co: no such anchor on that page',
        'content/index.md: link "khong-co/" -> /cchc/khong-co/: no such page',
        'content/index.md: link "//example.gov.vn/cchc/mat/" -> /cchc/mat/: no such page',
        'content/index.md: link "/tin/" -> /tin/: outside the site, which starts at /cchc/',
        'content/index.md: link "anh/thieu.png" -> /cchc/anh/thieu.png: no such file',
        'content/index.md: link "anh/bia.jpg" -> /cchc/anh/bia.jpg: no such file',
        'content/index.md: link "tai-lieu.pdf" -> /cchc/tai-lieu.pdf: no such file',
        'content/index.md: link "tim/" -> /cchc/tim/: no such page',
        'content/index.md: link "thieu" -> /cchc/thieu: no such page',
    ]


def test_report_is_ordered_by_source_and_names_unmapped_files(tmp_path):
    write(tmp_path, {
        "a/index.html": '<a href="../x/">x</a><a href="../x/">x again</a>',
        "b/index.html": '<a href="../y/">y</a><a href="../b/#z">z</a>',
        "404.html": '<a href="../khong/">theme</a>',
    })
    broken = check_site(tmp_path, SITE_URL, {"a/index.html": "generated page /a/", "b/index.html": "content/b.md"})
    assert broken[0] == BrokenLink("content/b.md", "b/index.html", "../y/", "/cchc/y/", "no such page")
    assert report(broken, limit=3).splitlines() == [
        "4 broken links in the built site:",
        'content/b.md: link "../y/" -> /cchc/y/: no such page',
        'content/b.md: link "../b/#z" -> /cchc/b/#z: no such anchor on that page',
        'generated file /404.html: link "../khong/" -> /khong/: outside the site, which starts at /cchc/',
        "… and 1 more",
    ]


def test_a_site_at_the_root_of_its_host(tmp_path):
    write(tmp_path, {"index.html": '<a href="/tin/">có</a><a href="/mat/">mất</a>', "tin/index.html": ""})
    assert lines(tmp_path, site_url="https://example.gov.vn") == [
        'generated file /index.html: link "/mat/" -> /mat/: no such page',
    ]


def test_links_in_feeds(tmp_path):
    write(tmp_path, {
        "tin/bai/index.html": ARTICLE,
        "tin/feed.xml": """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>https://example.gov.vn/cchc/tin/feed.xml</id>
<link rel="self" href="https://example.gov.vn/cchc/tin/feed.xml"/>
<link rel="alternate" href="https://example.gov.vn/cchc/tin/"/>
<entry><id>https://example.gov.vn/cchc/tin/bai/</id><link href="bai/#muc-1"/><title>https://dichvucong.gov.vn/</title></entry>
<entry><id>urn:uuid:1234</id><link href="https://example.gov.vn/cchc/tin/bai/#muc-9"/></entry>
</feed>""",
        "podcast.xml": """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<link>https://example.gov.vn/cchc/tin/bai/</link>
<atom:link rel="self" href="https://example.gov.vn/cchc/podcast.xml"/>
<item><link>https://example.gov.vn/cchc/tap-1/</link><guid isPermaLink="false">tap-1</guid>
<enclosure url="https://example.gov.vn/cchc/audio/t%E1%BA%ADp-1.mp3" length="1" type="audio/mpeg"/></item>
</channel></rss>""",
    })
    assert lines(tmp_path) == [
        'generated file /podcast.xml: link "https://example.gov.vn/cchc/tap-1/" -> /cchc/tap-1/: no such page',
        'generated file /podcast.xml: link "https://example.gov.vn/cchc/audio/t%E1%BA%ADp-1.mp3" -> /cchc/audio/tập-1.mp3: no such file',
        'generated file /tin/feed.xml: link "https://example.gov.vn/cchc/tin/" -> /cchc/tin/: no such page',
        'generated file /tin/feed.xml: link "https://example.gov.vn/cchc/tin/bai/#muc-9" -> /cchc/tin/bai/#muc-9: no such anchor on that page',
    ]


def test_links_in_calendars_cards_tables_and_json(tmp_path):
    write(tmp_path, {
        "tin/bai/index.html": ARTICLE,
        # Folded lines (RFC 5545 §3.1): the URL is whole only once unfolded.
        "lich.ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a-1@example.gov.vn\r\n"
                    "URL:https://example.gov.vn/cchc/tin/bai/#mu\r\n c-1\r\n"
                    "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:a-2@example.gov.vn\r\n"
                    "URL:https://example.gov.vn/cchc/tin/bai/#nhi\r\n\tem-vu-2\r\n"
                    "DESCRIPTION:Xem https://example.gov.vn/cchc/khong-kiem/ trong văn bản\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "danh-ba.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:https://example.gov.vn/cchc/tin/bai/#so-1\r\n"
                       "item1.URL;TYPE=work:https://example.gov.vn/cchc/tin/bai/\r\nEND:VCARD\r\n"
                       "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:5\r\nURL:https://dichvucong.gov.vn/\r\nEND:VCARD\r\n",
        "bao-cao.csv": "\ufeffTiêu đề,Đường liên kết\r\nBài,https://example.gov.vn/cchc/tin/bai/\r\nMất,https://example.gov.vn/cchc/tin/mat/\r\n",
        "du-lieu.json": '{"source": "https://example.gov.vn/cchc/tin/bai/", "items": [{"url": "https://example.gov.vn/cchc/tin/mat/"},'
                        ' {"name": "tin/mat/", "tel": "tel:1022"}]}',
    })
    assert lines(tmp_path) == [
        'generated file /bao-cao.csv: link "https://example.gov.vn/cchc/tin/mat/" -> /cchc/tin/mat/: no such page',
        'generated file /danh-ba.vcf: link "https://example.gov.vn/cchc/tin/bai/#so-1" -> /cchc/tin/bai/#so-1: no such anchor on that page',
        'generated file /du-lieu.json: link "https://example.gov.vn/cchc/tin/mat/" -> /cchc/tin/mat/: no such page',
        'generated file /lich.ics: link "https://example.gov.vn/cchc/tin/bai/#nhiem-vu-2" -> /cchc/tin/bai/#nhiem-vu-2: no such anchor on that page',
    ]


def test_folders_written_later_count_as_found_and_are_not_read(tmp_path):
    write(tmp_path, {"index.html": '<script src="pagefind/pagefind-ui.js"></script><a href="tim/">tìm</a>',
                     "pagefind/x.html": '<a href="../mat/">mất</a>'})
    assert lines(tmp_path) == ['generated file /index.html: link "tim/" -> /cchc/tim/: no such page']
    assert [b.link for b in check_site(tmp_path, SITE_URL, later=("pagefind/", "tim/"))] == []


# A whole portal: the project's mkdocs.yml without its navigation, two pages and a plan.
def mkdocs_yml() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("nav", "not_in_nav"):
        config.pop(key, None)
    config["site_url"] = SITE_URL
    config["plugins"] = [{"cchc": {"plans_dir": "plans", "search": False}}]
    return yaml.safe_dump(config, allow_unicode=True)


PLAN = """\
type: ke_hoach
number: "1/KH-UBND"
issuer: {name: Ủy ban nhân dân phường Mẫu, level: xa}
date: 2026-01-05
title: Kế hoạch thử
period: 2026
appendix:
  tasks:
    - no: "1.a"
      content: Chuyên mục hằng tháng
      timeframe: monthly
"""


@pytest.fixture
def portal(tmp_path) -> Path:
    project = copy_project(tmp_path)
    for part in ("content", "plans"):
        shutil.rmtree(project / part)
    write(project, {
        "mkdocs.yml": mkdocs_yml(),
        "content/index.md": "# Trang chủ\n\nXem [giới thiệu](gioi-thieu/index.md).\n",
        "content/gioi-thieu/index.md": '# Giới thiệu\n\n<a href="../ke-hoach/">Các kế hoạch</a>\n',
        "plans/2026-thu-1.yml": PLAN,
    })
    return project


def test_generated_links_resolve_and_task_calendars_point_at_the_task_rows(portal):
    result = run_cchc(portal, "build")
    assert result.returncode == 0, result.stderr
    calendar = (portal / "site/ke-hoach/2026-thu-1/2026-thu-1.ics").read_bytes().decode("utf-8")
    anchor = urls.task_url("2026-thu-1", "1.a")
    assert anchor == "/ke-hoach/2026-thu-1/#nhiem-vu-1-a"
    assert f"\nURL:{SITE_URL}{anchor.lstrip('/')}\r" in re.sub(r"\r\n[ \t]", "", calendar)
    assert 'id="nhiem-vu-1-a"' in (portal / "site/ke-hoach/2026-thu-1/index.html").read_text(encoding="utf-8")


def test_a_broken_link_in_a_page_body_fails_the_build_and_publishes_nothing(portal):
    assert run_cchc(portal, "build").returncode == 0
    published = (portal / "site/gioi-thieu/index.html").read_bytes()
    page = portal / "content/gioi-thieu/index.md"
    # An anchor into a generated page is known only once it is built (`cchc check` leaves it to the build).
    page.write_text(page.read_text(encoding="utf-8") + '\n<a href="../ke-hoach/2026-thu-1/#muc-la">mục lạ</a> và <a href="../ke-hoach/2026-thu-1/#nua">nữa</a>\n', encoding="utf-8")
    result = run_cchc(portal, "build")
    assert result.returncode == 1
    assert (
        "2 broken links in the built site:\n"
        'content/gioi-thieu/index.md: link "../ke-hoach/2026-thu-1/#muc-la" -> /cchc/ke-hoach/2026-thu-1/#muc-la: no such anchor on that page\n'
        'content/gioi-thieu/index.md: link "../ke-hoach/2026-thu-1/#nua" -> /cchc/ke-hoach/2026-thu-1/#nua: no such anchor on that page\n'
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("Build failed: nothing was published; site/ was left as it was.")
    assert (portal / "site/gioi-thieu/index.html").read_bytes() == published
    assert not list(portal.glob(".site-build-*"))
