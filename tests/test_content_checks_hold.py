"""Content checks, proven: on a copy of the repository's content edited as an officer would
(a plan, an article and a procedure added, an article deleted, a plan's title changed), the
checks in tests/content_checks.py still pass; and they fail when a page, a task or a link is
really missing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content import load_corpus

from . import content_checks as checks
from .conftest import Site, copy_demo
from .test_procedures import PROCEDURE

pytestmark = pytest.mark.content_check

NEW_PLAN = """\
type: ke_hoach
number: "7/KH-UBND"
issuer:
  name: Ủy ban nhân dân phường Mới
  level: xa
date: 2026-01-10
title: Tuyên truyền cải cách hành chính năm 2026 của phường Mới
period: 2026
sections:
  - "no": "I."
    heading: MỤC ĐÍCH, YÊU CẦU
    items:
      - text: Nâng cao nhận thức của người dân về cải cách hành chính.
appendix:
  tasks:
    - "no": "1"
      content: Chuyên mục cải cách hành chính trên trang thông tin điện tử phường
      lead: Văn phòng HĐND và UBND phường
      timeframe: monthly
    - "no": "2"
      content: Hội nghị tuyên truyền về dịch vụ công trực tuyến
      lead: Văn phòng HĐND và UBND phường
      timeframe: 2026-06
"""

NEW_ARTICLE = """\
---
title: Phường Mới tổ chức hội nghị tuyên truyền dịch vụ công trực tuyến
date: 2026-06-12 09:00
summary: Hội nghị hướng dẫn người dân nộp hồ sơ trực tuyến.
areas: [chinh_phu_so]
delivers: ["2026-phuong-moi-7#2"]
procedures: ["{code}"]
---

Sáng 12/6, Ủy ban nhân dân phường Mới tổ chức hội nghị tuyên truyền về dịch vụ công trực tuyến.
"""


def unused_code(project: Path) -> str:
    corpus, _ = load_corpus(project, project / "plans", project / "content")
    taken = {p.code for p in corpus.procedures}
    return next(f"9.{n:06d}" for n in range(999999, 0, -1) if f"9.{n:06d}" not in taken)


def unreferenced_article(project: Path) -> Path:
    """A demo article no other file links to (deleting it must not break a link)."""
    content = project / "content"
    texts = {p: p.read_text(encoding="utf-8") for p in content.rglob("*.md")}
    corpus, _ = load_corpus(project, project / "plans", content)
    for article in corpus.articles:
        path = content / article.src
        if not any(path.name in text or path.stem in text for other, text in texts.items() if other != path):
            return path
    pytest.skip("every article of the repository's content is linked from another file")


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> checks.Built:
    project = copy_demo(tmp_path_factory.mktemp("edited"))
    existing = sorted((project / "plans").glob("*.yml"))
    # Added: a plan, an article delivering one of its tasks, a procedure with a new code.
    (project / "plans" / "2026-phuong-moi-7.yml").write_text(NEW_PLAN, encoding="utf-8")
    code = unused_code(project)
    procedures = project / "content" / "thu-tuc"
    procedures.mkdir(parents=True, exist_ok=True)
    (procedures / "thu-tuc-moi.md").write_text(PROCEDURE.replace("1.001193", code).replace("Đăng ký khai sinh", "Thủ tục mới của phường"), encoding="utf-8")
    news = project / "content" / "tin-tuc" / "2026"
    news.mkdir(parents=True, exist_ok=True)
    (news / "phuong-moi-hoi-nghi-dich-vu-cong.md").write_text(NEW_ARTICLE.format(code=code), encoding="utf-8")
    # Deleted: one article. Edited: one plan's title.
    unreferenced_article(project).unlink()
    if not existing:
        pytest.skip("the repository has no plan to edit")
    plan = existing[0]
    text = plan.read_text(encoding="utf-8")
    # The top-level title with any indented continuation lines (a folded or literal block).
    plan.write_text(re.sub(r"(?m)^title:.*\n(?:[ \t]+.*\n)*", 'title: "Tiêu đề kế hoạch đã được sửa"\n', text, count=1), encoding="utf-8")
    return checks.all_content_checks(project, max(checks.content_date(), "2026-12-01"))


def test_the_content_checks_pass_after_adding_deleting_and_editing(edited):
    plans = {p.slug: p for p in edited.corpus.plans}
    assert [t.no for t in plans["2026-phuong-moi-7"].tasks] == ["1", "2"]
    assert "Tiêu đề kế hoạch đã được sửa" in [p.title for p in edited.corpus.plans]
    article = next(a for a in edited.corpus.articles if a.src == "tin-tuc/2026/phuong-moi-hoi-nghi-dich-vu-cong.md")
    row = edited.site.page("/ke-hoach/2026-phuong-moi-7/").select_one("tr#nhiem-vu-2")
    assert [Site.resolve("/ke-hoach/2026-phuong-moi-7/", a["href"]) for a in row.select(".cchc-evidence a")] == [article.url]
    procedure = next(p for p in edited.corpus.procedures if p.src.endswith("thu-tuc-moi.md"))
    assert edited.site.file(procedure.url).is_file()


def test_a_missing_page_fails_the_check(edited, tmp_path):
    article = next(a for a in edited.corpus.articles if a.src == "tin-tuc/2026/phuong-moi-hoi-nghi-dich-vu-cong.md")
    page = edited.site.file(article.url)
    saved = page.read_bytes()
    page.unlink()
    try:
        with pytest.raises(AssertionError):
            checks.every_item_has_its_page(edited)
    finally:
        page.write_bytes(saved)


def test_a_missing_task_row_fails_the_check(edited):
    plan = next(p for p in edited.corpus.plans if p.slug == "2026-phuong-moi-7")
    file = edited.site.file("/ke-hoach/2026-phuong-moi-7/")
    saved = file.read_text(encoding="utf-8")
    file.write_text(saved.replace('id="nhiem-vu-2"', 'id="x"'), encoding="utf-8")
    try:
        with pytest.raises(AssertionError):
            checks.plan_page_has_every_task(edited.site, plan)
    finally:
        file.write_text(saved, encoding="utf-8")


def test_foreign_hosts_other_languages_and_odd_anchors_are_found(tmp_path):
    (tmp_path / "index.html").write_text(
        '<html lang="vi"><h2 id="muc-1">x</h2><h2 id="mục">x</h2><script src="https://cdn.example.com/a.js"></script>'
        '<img src="https://portal.gov.vn/cchc/anh.png"><link href="//fonts.example.com/f.css"></html>', encoding="utf-8")
    (tmp_path / "en.html").write_text('<html lang="en"><p>x</p></html>', encoding="utf-8")
    assert checks.foreign_or_unsafe_markup(Site(tmp_path), "https://portal.gov.vn/cchc/") == [
        ("/en.html", "lang"),
        ("/index.html", "id=mục"),
        ("/index.html", "https://cdn.example.com/a.js"),
        ("/index.html", "//fonts.example.com/f.css"),
    ]


def test_broken_links_and_anchors_are_found(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="co">x</h2><a href="#khong">1</a><a href="#co">2</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#co">ok</a><a href="a/#khong">x</a><a href="b/">x</a>'
        '<img src="anh.png"><a href="https://x.vn/">ext</a><a href="mailto:a@b.vn">m</a>'
        '<a href="/cchc/a/">ok</a><a href="/khac/">x</a>', encoding="utf-8")
    assert checks.broken_links(Site(tmp_path), "/cchc/") == [
        ("/a/", "#khong", "no such anchor"),
        ("/", "a/#khong", "no such anchor"),
        ("/", "b/", "no such file"),
        ("/", "anh.png", "no such file"),
        ("/", "/khac/", "outside the site"),
    ]
