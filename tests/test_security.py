"""Content cannot attack the site or its readers (issue 9, requirement 9).

Tried as an attacker with commit access would: script in titles, authors and summaries,
event handlers through attribute lists, javascript: links, SVG with script, formulas in
CSV cells, CR/LF in calendar and contact lines, control characters in feeds. Each is
either refused with its message (verbatim) or shown to be neutralised in the built output.
All fixtures are written here; nothing depends on the demo's content.
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from generator import csp, exports, render, serialize
from generator.content import load_corpus
from generator.kinds.hotline import Hotline, Phone, vcard
from generator.sanitize import clean
from generator.serialize import csv_cell, fold, ical_text
from generator.svg import svg_problem

from .conftest import ROOT, Site, run_cchc

# --- fixtures ------------------------------------------------------------------------------------

SITE_NAME = "Chuyên trang tuyên truyền cải cách hành chính"  # mkdocs.yml's site_name

HOSTILE_ARTICLE = """---
title: "Tin <script>alert(1)</script> {onclick=alert(1)}"
date: 2021-03-15 08:30
summary: "<img src=https://example.invalid/x.png onerror=alert(3)> [xem](javascript:alert(4))"
author: "\\"><script>alert(2)</script>"
areas: [the_che]
---

## Mục một {onclick=alert(5)}

<script>alert(6)</script>

[Liên kết](https://example.invalid/) và dữ liệu.

<iframe src="https://example.com/"></iframe><object data="x.swf"></object><embed src="x.swf">

## Mục hai {#__config}

<svg onload="alert(9)"><circle r="1"/></svg><img src="https://example.invalid/a.png" alt="a" onerror="alert(10)">

## Mục ba {data-toc-label="&lt;img src=x onerror=alert(28)&gt;"}
"""

CONTROL_ARTICLE = """---
title: "Tin\\x01 có\\x0b ký tự\\x1f điều khiển"
date: 2021-03-16 08:30
summary: "Tóm\\x02 tắt"
areas: [the_che]
---

Nội dung.
"""

PLAIN_PAGE = """---
title: "</title><script>alert(11)</script>"
description: "\\"><script>alert(12)</script>"
---

Trang không có tiêu đề cấp 1 <b onmouseover="alert(13)">đậm</b>.
"""

ENTITY_HEADING = """# Tiêu đề &lt;/title&gt;&lt;script&gt;alert(14)&lt;/script&gt;

Nội dung.
"""

SERIES = "name: Chuyên mục\nchannel: radio\nagency: Đài\ncadence: monthly\nperiod: 2021\n"
EPISODE = """---
title: "Số\\x03 một <script>alert(15)</script>"
date: 2021-01-20 17:00
summary: "Tóm tắt\\x04 **số một**"
link: https://example.gov.vn/so-1
---

Bản ghi.
"""

PROCEDURE = """---
code: "1.001193"
name: "Thủ tục <script>alert(16)</script>"
summary: "[Nộp](javascript:alert(17)) <img src=https://example.invalid/x.png onerror=alert(18)>"
field: "Hộ tịch <b>"
level: xa
agency: "Ủy ban nhân dân <i onclick=alert(19)>xã</i>"
applicants: "Cha, mẹ <script>alert(20)</script>"
channels:
  - way: truc_tiep
    time: "Trong ngày"
    fee: 0
dossier:
  - name: "Tờ khai <svg onload=alert(21)>"
    originals: 1
    note: "<a href='javascript:alert(22)'>mẫu</a>"
steps:
  - "Nộp hồ sơ {onclick=alert(23)}"
result: "Giấy khai sinh"
online: none
legal_bases:
  - number: "60/2014/QH13"
    title: "Luật <script>alert(24)</script>"
last_checked: 2026-10-01
---

Lưu ý <span onclick="alert(25)">quan trọng</span>.
"""

HOTLINE = """agency: "Ủy ban nhân dân tỉnh <script>alert(26)</script>"
unit: "Trung tâm\\r\\nX-INJECTED:1"
level: tinh
receives: [thu_tuc_hanh_chinh]
phones: ["0276 3000 001"]
address: "Số 1\\rđường A; phường B, tỉnh C"
note: "<img src=x onerror=alert(27)>"
pinned: true
last_verified: 2026-10-01
"""


def tiny_portal(root: Path, files: dict[str, str]) -> Path:
    """A portal of the given content files with the generator's config and theme overrides."""
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "plans").mkdir()
    base = {"index.md": "# Trang chủ\n"}  # the nav names these
    for name, text in {**base, **files}.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Site:
    project = tiny_portal(tmp_path_factory.mktemp("attack"), {
        "tin-tuc/tan-cong.md": HOSTILE_ARTICLE,
        "tin-tuc/dieu-khien.md": CONTROL_ARTICLE,
        "gioi-thieu/trang.md": PLAIN_PAGE,
        "gioi-thieu/tieu-de.md": ENTITY_HEADING,
        "chuong-trinh/cm/series.yml": SERIES,
        "chuong-trinh/cm/2021-01.md": EPISODE,
        "thu-tuc/khai-sinh.md": PROCEDURE,
        "duong-day-nong/tinh.yml": HOTLINE,
    })
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(project / "site")


def pages(site: Site):
    for file in sorted(site.root.rglob("*.html")):
        rel = file.relative_to(site.root).as_posix()
        if not rel.startswith(("assets/", "pagefind/")):
            yield rel, file.read_text(encoding="utf-8")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def assert_inert(html: str, where: str) -> None:
    """Nothing on the page runs but the site's own scripts and the theme's hashed ones."""
    soup = BeautifulSoup(html, "html.parser")
    policy = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    for script in soup.find_all("script"):
        kind = script.get("type", "")
        if script.get("src"):
            assert "://" not in script["src"], (where, script)
        elif kind not in ("application/json", "application/ld+json"):
            assert sha256(script.string or "") in policy, (where, script)
            assert not script.find_parent("article", class_="md-content__inner"), (where, script)
    for tag in soup.find_all(True):
        assert tag.name not in ("iframe", "object", "embed", "svg") or not tag.find_parent("article", class_="md-content__inner"), (where, tag)
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (where, tag)
            if name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                assert not re.sub(r"[\s\x00-\x1f]", "", str(value)).lower().startswith(("javascript:", "vbscript:", "data:")), (where, tag)
    assert not re.search(r"<script>\s*alert", html), where


# --- every field escaped where it lands, Markdown sanitized ---------------------------------------


def test_no_page_of_a_hostile_portal_runs_anything_of_the_content(hostile):
    seen = 0
    for rel, html in pages(hostile):
        assert_inert(html, rel)
        seen += 1
    assert seen > 10


def test_script_in_title_author_and_summary_is_shown_as_text(hostile):
    html = hostile.file("/tin-tuc/2021/03/tan-cong/").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.title.string == f"Tin <script>alert(1)</script> {{onclick=alert(1)}} - {SITE_NAME}"
    assert page.select_one('meta[name="author"]')["content"] == '"><script>alert(2)</script>'
    assert page.select_one("article h1").get_text().replace("¶", "").strip() == "Tin <script>alert(1)</script>"
    summary = page.select_one(".cchc-article__summary")
    assert str(summary) == '<p class="cchc-article__summary"><strong><img src="https://example.invalid/x.png"/> <a>xem</a></strong></p>'
    assert "alert(6)" not in html and "alert(9)" not in html and "alert(10)" not in html


def test_attribute_lists_cannot_add_event_handlers_or_take_the_themes_ids(hostile):
    page = hostile.page("/tin-tuc/2021/03/tan-cong/")
    headings = {h.get_text().replace("¶", "").strip(): h.attrs for h in page.select("article h2")}
    assert headings["Mục một"] == {"id": "muc-mot"}
    assert "id" not in headings["Mục hai"]  # {#__config} would shadow the theme's own configuration
    assert len(page.select("#__config")) == 1 and page.select_one("#__config").name == "script"
    # javascript: and data: links in a body never get this far: see test_code_and_data_addresses_in_a_body_are_refused_before_the_build.


def test_front_matter_of_a_plain_page_is_text_in_the_title_description_and_heading(hostile):
    html = hostile.file("/gioi-thieu/trang/").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.title.string == f"</title><script>alert(11)</script> - {SITE_NAME}"
    assert page.select_one('meta[name="description"]')["content"] == '"><script>alert(12)</script>'
    assert page.select_one("article h1").get_text() == "</title><script>alert(11)</script>"
    assert str(page.select_one("article b")) == "<b>đậm</b>"


def test_a_title_taken_from_an_escaped_heading_stays_text(hostile):
    page = hostile.page("/gioi-thieu/tieu-de/")
    assert page.title.string == f"Tiêu đề </title><script>alert(14)</script> - {SITE_NAME}"


def test_procedure_and_hotline_fields_are_escaped_where_they_land(hostile):
    page = hostile.page("/thu-tuc/khai-sinh/")
    assert page.select_one("article h1").get_text().replace("¶", "").strip() == "Thủ tục <script>alert(16)</script>"
    assert page.select_one(".cchc-procedure__facts dd").find_next("dd").get_text() == "Hộ tịch <b>"
    assert str(page.select_one(".cchc-lead")) == '<p class="cchc-lead"><a>Nộp</a> <img src="https://example.invalid/x.png"/></p>'
    assert page.select_one(".cchc-checklist__note a").attrs == {}
    hotlines = hostile.page("/duong-day-nong/")
    assert hotlines.select_one("h3").get_text().replace("¶", "").strip() == "Ủy ban nhân dân tỉnh <script>alert(26)</script>"
    assert hotlines.select_one(".cchc-hotline__note").get_text() == "<img src=x onerror=alert(27)>"
    block = hostile.page("/").select_one(".cchc-hotline-block__agency")  # the theme's block on every page
    assert "<script>alert(26)</script>" in block.get_text() and not block.select("script")


def test_the_sanitizer_keeps_what_the_theme_and_templates_produce():
    kept = [
        '<h2 id="a">A<a class="headerlink" href="#a" title="Liên kết">¶</a></h2>',
        '<div class="admonition note"><p class="admonition-title">Lưu ý</p><p>x</p></div>',
        '<table class="cchc-tasks"><thead><tr><th scope="col" style="text-align:center">a</th></tr></thead>'
        '<tbody><tr id="nhiem-vu-1"><td data-label="STT">1</td></tr></tbody></table>',
        '<figure class="cchc-article__image"><img src="../a.png" alt="Ảnh" width="640" height="360" loading="lazy" decoding="async"></figure>',
        '<audio controls="" preload="none" src="a.mp3"><a href="a.mp3">Tải</a></audio>',
        '<video controls="" src="v.mp4"><source src="v.webm" type="video/webm"></video>',
        "<details><summary>Xem</summary><p>x</p></details>",
        '<a href="https://a.vn/" rel="noopener">a</a> <a href="tel:+842763000001">gọi</a> <a href="mailto:a@b.vn">thư</a> <a href="x.ics" download="">tải</a>',
        '<input type="checkbox" id="giay-to-1"><label for="giay-to-1">Tờ khai</label>',
        '<form class="cchc-filter" data-cchc-filter="" data-count="so" aria-controls="ds" hidden=""><select id="loc" data-filter="field">'
        '<option value="">Tất cả</option></select><button type="reset" class="md-button">Bỏ lọc</button></form>',
        '<ul class="cchc-procedures"><li class="cchc-procedure" data-field="ho-tich" data-agency="ubnd" data-level="xa" data-online="none">x</li></ul>',
        '<nav class="cchc-breadcrumb" aria-label="Vị trí"><a href="../">Tin</a></nav><time datetime="2021-03-15">15/03/2021</time>',
        '<script type="application/ld+json">{"@type":"GovernmentService","name":"\\u003cb\\u003e"}</script>',
    ]
    for html in kept:
        assert clean(html) == html


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<h2 id="x" onclick="alert(1)">T</h2>', '<h2 id="x">T</h2>'),
        ('<a href="javascript:alert(1)">x</a><a href=" JaVa&#x09;script:alert(1)">y</a>', "<a>x</a><a>y</a>"),
        ('<a href="data:text/html,x">x</a><img src="data:image/png;base64,AA" alt="a">', '<a>x</a><img alt="a">'),
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<iframe src="https://a.vn/"></iframe><object data="x"></object><embed src="x">ok', "ok"),
        ('<svg onload="alert(1)"><script>alert(2)</script></svg>ok', "ok"),
        ('<style>body{background:url("javascript:alert(1)")}</style><div style="width:expression(alert(1))">x</div>', "<div>x</div>"),
        ('<input type="text" name="q"><button type="submit" formaction="https://a.vn">b</button>', "<input><button>b</button>"),
        ('<form action="https://a.vn/" method="post"><p>x</p></form>', "<form><p>x</p></form>"),
        ('<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>', '"}'),
        ('<p id="__drawer">x</p><label for="__search">y</label>', "<p>x</p><label>y</label>"),
    ],
)
def test_the_sanitizer_removes_what_could_run(html, expected):
    assert clean(html) == expected


def test_the_md_filters_sanitize_officers_markdown():
    assert str(render.md("[x](javascript:alert(1)) <b onclick='alert(2)'>b</b>")) == "<a>x</a> <b>b</b>"
    assert str(render.md_block("<script>alert(1)</script>\n\nĐoạn *một*.")).strip() == "<p>Đoạn <em>một</em>.</p>"


# --- links only to web addresses ------------------------------------------------------------------

ACTIVITY = """---
title: Hội nghị
kind: hoi_nghi
date: 2022-10-13 08:00
summary: Tóm tắt
links:
  - {title: Tin, url: "javascript:alert(1)"}
  - {title: Ảnh, url: "https://example.gov.vn/a b"}
---

Nội dung.
"""

LINKED_HOTLINE = """agency: "Ủy ban nhân dân tỉnh A"
level: tinh
receives: [thu_tuc_hanh_chinh]
phones: ["0276 3000 001"]
zalo: "javascript:alert(3)"
online_form: "javascript:alert(1)"
published_by: {number: "1/QĐ-UBND", date: 2026-01-01, url: "javascript:alert(2)"}
last_verified: 2026-10-01
"""

LINKED_PROCEDURE = (
    PROCEDURE.replace("online: none", 'online: none\nonline_url: "javascript:alert(1)"')
    .replace("    originals: 1\n", '    originals: 1\n    form: "javascript:alert(2)"\n  - name: "Bản sao"\n    copies: 1\n    form: "https://example.gov.vn/mau đơn.pdf"\n', 1)
)


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "plans").mkdir()
    return sorted(str(p) for p in load_corpus(tmp_path, tmp_path / "plans", tmp_path / "content")[1])


def test_javascript_links_in_activities_are_refused(tmp_path):
    assert problems_of(tmp_path, {"hoat-dong/2022/x.md": ACTIVITY}) == [
        'content/hoat-dong/2022/x.md:7:23: links[1].url: "javascript:alert(1)" is not a web address (write the full address, starting with https://)',
        'content/hoat-dong/2022/x.md:8:23: links[2].url: "https://example.gov.vn/a b" is not a web address (write the full address, starting with https://)',
    ]


def test_javascript_links_in_hotlines_are_refused(tmp_path):
    assert problems_of(tmp_path, {"duong-day-nong/a.yml": LINKED_HOTLINE}) == [
        'content/duong-day-nong/a.yml:5:7: zalo: "javascript:alert(3)" is not a phone number: only digits, spaces, dots and a leading +84 are allowed (give the Zalo phone number or the https:// address of the Zalo page)',
        'content/duong-day-nong/a.yml:6:14: online_form: "javascript:alert(1)" is not a web address (write the full address, starting with https://)',
        'content/duong-day-nong/a.yml:7:60: published_by.url: "javascript:alert(2)" is not a web address (write the full address, starting with https://)',
    ]


def test_insecure_and_hostile_zalo_pages_are_refused(tmp_path):
    text = LINKED_HOTLINE.replace('"javascript:alert(3)"', '"https://zalo.me/1\\r\\nX-INJECTED:1"').replace('"javascript:alert(1)"', '"http://dvc.example.gov.vn/"').replace(', url: "javascript:alert(2)"', "")
    assert problems_of(tmp_path, {"duong-day-nong/a.yml": text}) == [
        'content/duong-day-nong/a.yml:5:7: zalo: "https://zalo.me/1\\r\\nX-INJECTED:1" is not a web address (write the full address, starting with https://)',
        'content/duong-day-nong/a.yml:6:14: online_form: "http://dvc.example.gov.vn/" is not a secure web address (write the full address, starting with https://)',
    ]


def test_javascript_links_in_procedures_are_refused(tmp_path):
    assert problems_of(tmp_path, {"thu-tuc/x.md": LINKED_PROCEDURE}) == [
        'content/thu-tuc/x.md:16:11: dossier[1].form: no file "javascript:alert(2)" next to this page (give the form\'s web address (https://…) or put the file in content/ and give its path relative to this page)',
        'content/thu-tuc/x.md:19:11: dossier[2].form: "https://example.gov.vn/mau đơn.pdf" is not a web address (write the full address, starting with https://)',
        'content/thu-tuc/x.md:25:13: online_url: "javascript:alert(1)" is not a web address (write the full address, starting with https://)',
    ]


def test_javascript_links_in_episodes_are_refused(tmp_path):
    episode = EPISODE.replace("link: https://example.gov.vn/so-1", 'link: "javascript:alert(1)"')
    assert problems_of(tmp_path, {"chuong-trinh/cm/series.yml": SERIES, "chuong-trinh/cm/2021-01.md": episode}) == [
        'content/chuong-trinh/cm/2021-01.md:5:7: link: "javascript:alert(1)" is not a web address (write the full address, starting with https://)',
    ]


# --- SVG ------------------------------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize(
    "text, expected",
    [
        (SVG.format('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/>'), None),
        ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + SVG.format(""), None),
        (SVG.format('<image href="data:image/png;base64,AAAA" width="1" height="1"/>'), None),
        (SVG.format("<script>alert(1)</script>"), "contains a script (<script>)"),
        (SVG.format('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), "contains a script (<script>)"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "has an event handler (onload=…) on <svg>"),
        (SVG.format('<a xmlns:x="http://www.w3.org/1999/xlink" x:href="javascript:alert(1)"><text>x</text></a>'),
         'links to "javascript:alert(1)" from <a>: only parts of the same drawing may be referred to'),
        (SVG.format('<image href="https://example.com/track.png"/>'), 'links to "https://example.com/track.png" from <image>: only parts of the same drawing may be referred to'),
        (SVG.format('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'), "contains embedded content (<foreignObject>)"),
        (SVG.format('<a><set attributeName="href" to="javascript:alert(1)"/></a>'), "<set> changes href while the image is shown"),
        (SVG.format("<style>@import url(https://example.com/x.css);</style>"), "loads an outside style sheet (@import in <style>)"),
        (SVG.format('<rect style="fill:url(https://example.com/t)"/>'), "refers to an outside resource (url(https://example.com/t) in style= on <rect>)"),
        ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>' + SVG.format("&b;"),
         "declares its own DTD (<!DOCTYPE … [ … ]>), which can hide content or exhaust memory"),
        ('<?xml-stylesheet href="https://example.com/x.css"?>' + SVG.format(""), "contains a processing instruction (<?xml-stylesheet …?>)"),
        ("<html><body>x</body></html>", "is not an SVG image: its first element is <html>"),
        ("<svg><rect/></svg>", 'is not an SVG image: <svg> lacks xmlns="http://www.w3.org/2000/svg"'),
        (SVG.format("<rect>"), "is not a readable SVG image (mismatched tag, line 1)"),
    ],
)
def test_svg_with_script_handlers_or_outside_references_is_refused(tmp_path, text, expected):
    path = tmp_path / "hinh.svg"
    path.write_text(text, encoding="utf-8")
    assert svg_problem(path) == expected


def test_svg_that_entity_expansion_would_blow_up_is_refused_without_expanding(tmp_path):
    entities = "".join(f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10 if i else "x" * 10}">' for i in range(10))
    path = tmp_path / "bom.svg"
    path.write_text(f"<!DOCTYPE svg [{entities}]>" + SVG.format("&e9;"), encoding="utf-8")
    assert svg_problem(path) == "declares its own DTD (<!DOCTYPE … [ … ]>), which can hide content or exhaust memory"


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_cells_never_open_as_formulas():
    task = SimpleNamespace(no="=1+1", content=["-2+3", "thêm"], lead=["@SUM(A1)"])
    state = SimpleNamespace(status="done")
    item = SimpleNamespace(title='=HYPERLINK("https://evil","x")', date=dt.datetime(2021, 3, 15), url="/tin-tuc/a/", participants=-5)
    empty = SimpleNamespace(no="\t2", content=["\rTuyên truyền"], lead=["+84 cơ quan"])
    text = exports.report_csv("Quý 1", [(task, state, [item]), (empty, state, [])], "https://a.vn/")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == ["Quý 1", "'=1+1", "'-2+3 thêm", "'@SUM(A1)", "Đã hoàn thành", "SimpleNamespace", "'=HYPERLINK(\"https://evil\",\"x\")", "15/03/2021", "https://a.vn/tin-tuc/a/", "-5"]
    assert rows[2][1:4] == ["'\t2", "'\rTuyên truyền", "'+84 cơ quan"]
    assert [csv_cell(v) for v in ("Nhiệm vụ", "", 12, "a=b")] == ["Nhiệm vụ", "", 12, "a=b"]


# --- iCalendar and vCard --------------------------------------------------------------------------

INJECTION = "một\r\nATTENDEE:mailto:x@evil\rX-A:1\nX-B:2\u2028X-C:3; hai, ba\\"


def unfolded_lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")  # no bare CR or LF
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw)
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_calendar_text_cannot_start_a_new_property():
    timeframe = SimpleNamespace(recurring=None, describe=lambda: "Quý 1\r\nX-TIME:1")
    task = SimpleNamespace(no="1\r\nX-NO:1", content=[INJECTION], lead=["Sở\nX-LEAD:1"], timeframe=timeframe)
    state = SimpleNamespace(window=(dt.date(2021, 1, 1), dt.date(2021, 3, 31)))
    plan = SimpleNamespace(slug="ke-hoach-a", identifier="Kế hoạch 1\r\nX-PLAN:1")
    text = exports.task_calendar(plan, [SimpleNamespace(task=task, state=state)], dt.date(2026, 11, 22), "https://a.vn/", "a.vn")
    lines = unfolded_lines(text)
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    assert names == ["BEGIN", "VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "X-WR-TIMEZONE", "BEGIN", "UID", "DTSTAMP",
                     "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "END", "END"]
    found = dict(line.split(":", 1) for line in lines if line.startswith(("SUMMARY", "UID", "URL", "X-WR-CALNAME")))
    assert found["SUMMARY"] == "Nhiệm vụ 1\\nX-NO:1: một\\nATTENDEE:mailto:x@evil\\nX-A:1\\nX-B:2\\nX-C:3\\; hai\\, ba\\\\"
    assert found["UID"] == "ke-hoach-a-nhiem-vu-1\\nX-NO:1@a.vn"
    assert found["URL"] == "https://a.vn/ke-hoach/ke-hoach-a/#nhiem-vu-1-x-no-1"
    assert found["X-WR-CALNAME"] == "Nhiệm vụ Kế hoạch 1\\nX-PLAN:1"


def test_vcard_text_cannot_start_a_new_property():
    hotline = Hotline(
        agency="Sở A\r\nTEL:0999", unit="Phòng\rB", level="tinh", receives=("thu_tuc_hanh_chinh",),
        phones=(Phone("02763000001", "landline"),), address="Số 1\nđường A; phường B, tỉnh C", note=None, slug="a",
        last_verified=dt.date(2026, 10, 1),
    )
    lines = unfolded_lines(vcard([hotline], "https://a.vn/"))
    assert [line.split(":", 1)[0].split(";", 1)[0] for line in lines] == ["BEGIN", "VERSION", "FN", "ORG", "TEL", "ADR", "URL", "NOTE", "UID", "END"]
    assert lines[2] == "FN:Đường dây nóng – Phòng\\nB\\, Sở A\\nTEL:0999"
    assert lines[3] == "ORG:Sở A\\nTEL:0999;Phòng\\nB"
    assert lines[5] == "ADR;TYPE=WORK:;;Số 1\\nđường A\\; phường B\\, tỉnh C;;;;Việt Nam"


def test_text_escaping_and_folding_follow_the_rfcs():
    assert ical_text("a\\b;c,d\r\ne\rf\ng\x00h\ti") == "a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\ti"
    line = "DESCRIPTION:" + "Đường dây nóng tiếp nhận phản ánh, kiến nghị " * 5
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts) and all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line
    assert fold("URL:https://a.vn/\r\nX-EVIL:1") == "URL:https://a.vn/X-EVIL:1"


# --- feeds ----------------------------------------------------------------------------------------


def test_feeds_stay_valid_xml_whatever_characters_the_text_has(hostile):
    atom = ET.parse(hostile.file("/tin-tuc/feed.xml")).getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)]
    assert "Tin có ký tự điều khiển" in titles
    assert "Tin <script>alert(1)</script> {onclick=alert(1)}" in titles  # text, escaped by XML itself
    summaries = [e.findtext("a:summary", namespaces=ns) for e in atom.findall("a:entry", ns)]
    assert "Tóm tắt" in summaries
    (podcast,) = [f for f in hostile.root.joinpath("chuong-trinh").rglob("*.xml")]
    item = ET.parse(podcast).getroot().find("channel/item")
    assert (item.findtext("title"), item.findtext("description")) == ("Số một <script>alert(15)</script>", "Tóm tắt số một")


def test_xml_text_drops_only_what_xml_forbids():
    assert serialize.xml_text("a\x00b\x08c\td\ne\rf\x0bg\ufffeh\uffffi\U0001f600ệ") == "abc\td\ne\rfghi\U0001f600ệ"


# --- Content-Security-Policy ----------------------------------------------------------------------

PAGE = """<!doctype html><html><head><meta charset="utf-8"><script>var theme = 1;</script>
<script id="__config" type="application/json">{"a": 1}</script></head><body>
<article class="md-content__inner md-typeset"><article class="cchc-card"><p>x</p></article>
<script>alert("content")</script><script type="application/ld+json">{"b": 2}</script></article>
<script>var after = 2;</script><script src="assets/x.js"></script></body></html>"""


def test_the_policy_blesses_only_the_themes_inline_scripts_outside_the_content():
    out = csp.with_policy(PAGE)
    policy = BeautifulSoup(out, "html.parser").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert script_src == "script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted([sha256("var theme = 1;"), sha256("var after = 2;")]))
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy and "default-src 'self'" in policy
    assert out.index("Content-Security-Policy") < out.index("<script")


def test_a_page_outside_the_themes_layout_gets_no_script_hash():
    page = '<!doctype html><html><head><meta charset="utf-8"></head><body><script>location = "javascript:alert(1)"</script></body></html>'
    assert "script-src 'self' 'wasm-unsafe-eval';" in csp.policy(page) + ";"


def test_code_and_data_addresses_in_a_body_are_refused_before_the_build(tmp_path):
    body = '[Liên kết](javascript:alert(7)) và <a href="data:text/html,<script>alert(8)</script>">dữ liệu</a>.\n\n![a](data:image/png;base64,AA==)\n'
    project = tiny_portal(tmp_path, {"gioi-thieu/trang.md": "# Trang\n\n" + body})
    result = run_cchc(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "3 problems found in the content:",
        'content/gioi-thieu/trang.md:3:12: link: "javascript:alert(7)": addresses that run code are not allowed (link to a page or a file instead)',
        'content/gioi-thieu/trang.md:3:45: link: "data:text/html,<script>alert(8)</script>": "data:" addresses are not allowed (put the file in content/ and link to it by its name)',
        'content/gioi-thieu/trang.md:5:6: image: "data:image/png;base64,AA==": "data:" addresses are not allowed (put the file in content/ and link to it by its name)',
    ]


def test_markdown_in_a_field_never_makes_form_controls():
    hostile = '<form data-cchc-quiz><fieldset data-answer="1"><legend>x</legend><label>a <input type="radio" name="cchc-q1" value="1"></label>' \
              '<button type="button" data-cchc-quiz-check>Kiểm tra</button></fieldset></form> chữ'
    assert str(render.md(hostile)) == "xa Kiểm tra\n<p>chữ</p>"
    assert "<input" in clean(hostile)  # page bodies keep the controls our templates put around them
