"""Generator tests: every file under content/ and plans/ is accounted for, one source per
address, causes before consequences. Each test writes its own small portal."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.pages import assemble
from generator.urls import slugify

from .conftest import ROOT, Site, run_cchc

TODAY = dt.date(2026, 11, 22)
PLAN = """\
type: ke_hoach
number: "15/KH-UBND"
issuer: {name: Ủy ban nhân dân xã Mẫu, level: xa}
date: 2026-01-10
title: Tuyên truyền cải cách hành chính năm 2026
period: 2026
appendix:
  tasks:
    - {no: "1", content: Đăng tin, lead: Văn phòng, timeframe: monthly}
"""
ARTICLE = "---\ntitle: {title}\ndate: 2026-03-15 08:30\nsummary: Tóm tắt\nareas: [the_che]\n{extra}---\n\nNội dung.\n"
ACTIVITY = "---\ntitle: Hội nghị\nkind: hoi_nghi\ndate: 2026-04-02\nsummary: Tóm tắt\n---\n\nNội dung.\n"
SERIES = "name: Chuyên mục\nchannel: radio\nagency: Đài\ncadence: monthly\nperiod: 2026\n"
EPISODE = "---\ntitle: Số 1\ndate: 2026-02-20\nsummary: Tóm tắt\nlink: https://example.gov.vn/so-1\n---\n\nBản ghi.\n"
FEEDBACK = "title: Hỏi\nreceived: 2026-03-02\ntopic: can_bo\nagency: Ủy ban nhân dân xã\nquestion: Bao lâu?\n"
HOTLINE = 'agency: Ủy ban nhân dân xã\nlevel: xa\nreceives: [can_bo]\nphones: ["0299 3821 234"]\nlast_verified: 2026-10-01\n'
PROCEDURE = (ROOT / "tests" / "test_procedures.py").read_text(encoding="utf-8").split('PROCEDURE = """', 1)[1].split('"""', 1)[0]
NAV_PAGES = {"index.md": "# Trang chủ\n"}  # named in mkdocs.yml's nav


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    return root


def portal(root: Path, files: dict[str, str | bytes]) -> Path:
    """A small portal: the project's configuration and theme, with these plans and content."""
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "plans").mkdir(exist_ok=True)
    return write(root, {**{f"content/{k}": v for k, v in NAV_PAGES.items()}, **files})


def problems_in(root: Path) -> list[str]:
    _, _, problems = assemble(root, root / "plans", root / "content", TODAY, "https://example.gov.vn/")  # as `cchc check` does
    return ContentError(problems).report().splitlines()[1:] if problems else []


def test_files_no_kind_reads_are_reported_and_the_rest_is_read(tmp_path):
    portal(tmp_path, {
        "plans/README.md": "Ghi chú",
        "plans/cu/2025-x.yml": PLAN,
        "plans/ghi-chu.txt": "x",
        "content/phan-anh/2026/hoi.yml": FEEDBACK,
        "content/phan-anh/hoi-them.yaml": FEEDBACK,
        "content/duong-day-nong/xa.yaml": HOTLINE,
        "content/tin-tuc/bai.markdown": ARTICLE.format(title="Tin", extra=""),
        "content/tin-tuc/du-lieu.yml": "a: 1",
        "content/chuong-trinh/so-1.md": EPISODE,
        "content/du-lieu.json": "{}",
        "content/Thumbs.db": b"\0",
        "content/tai-lieu/README": "x",
        "content/.DS_Store": b"\0",  # hidden files are skipped, as MkDocs does
    })
    assert problems_in(tmp_path) == [
        "content/Thumbs.db:1:1: files of type .db are not published (the portal publishes pages (.md), images (.jpg, .jpeg, .png, .webp, .gif, .svg), "
        "recordings (.mp3, .m4a, .ogg, .opus, .wav, .mp4, .webm) and documents (.pdf, .doc, .docx, .xls, .xlsx, .odt, .ods, .ppt, .pptx, .txt, .csv))",
        "content/chuong-trinh/so-1.md:1:1: is not where programme episodes are read (programme episodes go in content/chuong-trinh/<series>/, beside its series.yml)",
        "content/du-lieu.json:1:1: is a data file that no part of the portal reads (data files are read only as plans in plans/<year>-<unit>-<number>.yml; "
        "programme series in content/chuong-trinh/<series>/series.yml; hotlines in content/duong-day-nong/<name>.yml; "
        "feedback items in content/phan-anh/<name>.yml; organisation details in content/gioi-thieu/co-quan.yml; "
        "English organisation details in content/en/organisation.yml; "
        "quizzes in content/hoi-thi/<name>.yml; search words in content/tim-kiem/tu-khoa.yml; move it or remove it)",
        "content/tai-lieu/README:1:1: files without an extension are not published (the portal publishes pages (.md), images (.jpg, .jpeg, .png, .webp, .gif, .svg), "
        "recordings (.mp3, .m4a, .ogg, .opus, .wav, .mp4, .webm) and documents (.pdf, .doc, .docx, .xls, .xlsx, .odt, .ods, .ppt, .pptx, .txt, .csv))",
        "content/tin-tuc/bai.markdown:1:1: Markdown files must end in .md (rename it to bai.md)",
        "content/tin-tuc/du-lieu.yml:1:1: is a data file that no part of the portal reads (data files are read only as plans in plans/<year>-<unit>-<number>.yml; "
        "programme series in content/chuong-trinh/<series>/series.yml; hotlines in content/duong-day-nong/<name>.yml; "
        "feedback items in content/phan-anh/<name>.yml; organisation details in content/gioi-thieu/co-quan.yml; "
        "English organisation details in content/en/organisation.yml; "
        "quizzes in content/hoi-thi/<name>.yml; search words in content/tim-kiem/tu-khoa.yml; move it or remove it)",
        "plans/cu/2025-x.yml:1:1: is not a plan (plans are read from plans/ itself, not from its subfolders; other files do not belong in plans/)",
        "plans/ghi-chu.txt:1:1: is not a plan (plans are read from files ending in .yml or .yaml; other files do not belong in plans/)",
    ]


def test_feedback_and_hotlines_in_subfolders_and_as_yaml_are_read(tmp_path):
    portal(tmp_path, {"content/phan-anh/2026/hoi.yml": FEEDBACK, "content/phan-anh/hoi-them.yaml": FEEDBACK, "content/duong-day-nong/xa.yaml": HOTLINE})
    corpus, site, problems = assemble(tmp_path, tmp_path / "plans", tmp_path / "content", TODAY, "https://example.gov.vn/")
    assert problems == []
    assert sorted(f.path for f in corpus.feedback) == ["content/phan-anh/2026/hoi.yml", "content/phan-anh/hoi-them.yaml"]
    assert [h.path for h in corpus.hotlines] == ["content/duong-day-nong/xa.yaml"]
    assert {"phan-anh/hoi/index.md", "phan-anh/hoi-them/index.md"} <= set(site.generated)
    assert corpus.inventory.data_files(tmp_path / "content") == {"phan-anh/2026/hoi.yml", "phan-anh/hoi-them.yaml", "duong-day-nong/xa.yaml"}


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_symlinks_out_of_the_project_or_in_a_loop_are_refused(tmp_path):
    portal(tmp_path, {"content/images/.keep": ""})
    content = tmp_path / "content"
    (content / "mat-khau.md").symlink_to("/etc/passwd")
    (content / "images" / "anh.png").symlink_to("/etc/passwd")
    (content / "he-thong").symlink_to("/etc")
    (content / "vong").symlink_to(content / "vong")
    (content / "anh").symlink_to(content / "images")  # a folder inside: its files would be published twice
    (tmp_path / "ghi-chu.md").write_text("x", encoding="utf-8")
    (content / "ghi-chu.md").symlink_to(tmp_path / "ghi-chu.md")  # in the project, but not in content/
    (content / "trang-chu-2.md").symlink_to(content / "index.md")  # a file inside content/: allowed
    hint = "(put the file itself in content/ instead of a link)"
    assert problems_in(tmp_path) == [
        f"content/anh:1:1: is a symbolic link to a folder {hint}",
        f"content/ghi-chu.md:1:1: is a symbolic link to a file outside content/ {hint}",
        f"content/he-thong:1:1: is a symbolic link to a folder {hint}",
        f"content/images/anh.png:1:1: is a symbolic link to a file outside content/ {hint}",
        f"content/mat-khau.md:1:1: is a symbolic link to a file outside content/ {hint}",
        f"content/vong:1:1: is a symbolic link that leads nowhere or in a loop {hint}",
    ]


def test_two_files_at_one_address_are_both_named(tmp_path):
    portal(tmp_path, {
        "content/hoat-dong/a/hoi-nghi.md": ACTIVITY,
        "content/hoat-dong/b/hoi-nghi.md": ACTIVITY,
        "content/chuong-trinh/cm/series.yml": SERIES,
        "content/chuong-trinh/cm/so-1.md": EPISODE,
        "content/chuong-trinh/cm/cu/so-1.md": EPISODE,
        "content/phan-anh/2025/hoi.yml": FEEDBACK,
        "content/phan-anh/2026/hoi.yml": FEEDBACK,
        "content/duong-day-nong/xa.yml": HOTLINE,
        "content/duong-day-nong/cu/xa.yml": HOTLINE,
        "content/thu-tuc/khai-sinh.md": PROCEDURE,
        "content/thu-tuc/Khai Sinh.md": PROCEDURE.replace('"1.001193"', '"1.001194"'),
    })
    assert problems_in(tmp_path) == [
        "content/chuong-trinh/cm/so-1.md:1:1: gets the same address /chuong-trinh/cm/2026/so-1/ as content/chuong-trinh/cm/cu/so-1.md (rename one of the two files)",
        "content/duong-day-nong/xa.yml:1:1: gets the same address /duong-day-nong/#xa as content/duong-day-nong/cu/xa.yml (rename one of the two files)",
        "content/hoat-dong/b/hoi-nghi.md:1:1: gets the same address /hoat-dong/2026/hoi-nghi/ as content/hoat-dong/a/hoi-nghi.md (rename one of the two files)",
        "content/phan-anh/2026/hoi.yml:1:1: gets the same address /phan-anh/hoi/ as content/phan-anh/2025/hoi.yml (rename one of the two files)",
        "content/thu-tuc/khai-sinh.md:1:1: gets the same address /thu-tuc/khai-sinh/ as content/thu-tuc/Khai Sinh.md (rename one of the two files)",
    ]


def test_a_page_or_file_on_an_address_the_portal_makes_is_reported(tmp_path):
    portal(tmp_path, {
        "plans/2026-xa-mau-15.yml": PLAN,
        "content/tin-tuc/index.md": "# Tin\n",
        "content/ke-hoach/2026-xa-mau-15.md": "# Kế hoạch\n",
        "content/gioi-thieu/index.md": "# A\n",
        "content/gioi-thieu/README.md": "# B\n",
    })
    assert problems_in(tmp_path) == [
        "content/gioi-thieu/index.md:1:1: gets the same address /gioi-thieu/ as content/gioi-thieu/README.md (rename or move this file)",
        "content/ke-hoach/2026-xa-mau-15.md:1:1: gets the same address /ke-hoach/2026-xa-mau-15/ as a page the portal makes itself (rename or move this file)",
        "content/tin-tuc/index.md:1:1: gets the same address /tin-tuc/ as a page the portal makes itself (rename or move this file)",
    ]


def test_no_empty_slug_and_no_letterless_tag(tmp_path):
    portal(tmp_path, {
        "content/tin-tuc/!!!.md": ARTICLE.format(title="Tin", extra=""),
        "content/tin-tuc/the.md": ARTICLE.format(title="Tin", extra="tags: [Một cửa, '!!!', '2026']\n"),
    })
    assert slugify("!!!") == ""
    assert problems_in(tmp_path) == [
        "content/tin-tuc/!!!.md:1:1: the file name has no letters or digits, so the page would have no address "
        "(rename the file with a few words of its title, e.g. hoi-nghi-cchc.md)",
        'content/tin-tuc/the.md:6:7: tags[2]: "!!!" has no letters or digits, so it cannot have a page (write the tag in words, e.g. Một cửa)',
    ]


def test_a_reference_to_a_broken_plan_names_its_errors_which_come_first(tmp_path):
    portal(tmp_path, {
        "plans/2026-xa-mau-15.yml": PLAN.replace("date: 2026-01-10", "date: 2026-02-30"),
        "plans/2026-xa-mau-16.yml": PLAN.replace('"15/KH-UBND"', '"16/KH-UBND"'),
        "content/a/tin.md": "# Tin\n\n[Xem](khong-co.md)\n",  # still checked: the site is assembled from what loaded
        "content/tin-tuc/bai.md": ARTICLE.format(title="Tin", extra="delivers: [2026-xa-mau-15#1]\n"),
        "content/tin-tuc/bai-2.md": ARTICLE.format(title="Tin 2", extra="delivers: [2026-xa-mau-17#1]\nprocedures: ['1.000001']\n"),
        "content/thu-tuc/hong.md": PROCEDURE.replace("level: xa", "level: thon"),
    })
    assert problems_in(tmp_path) == [
        'content/a/tin.md:3:7: link: "khong-co.md": there is no content/a/khong-co.md (the address is relative to this file)',
        'content/thu-tuc/hong.md:5:8: level: unknown value "thon" (use one of: bo, tinh, huyen, xa)',
        'plans/2026-xa-mau-15.yml:4:7: date: "2026-02-30" is not a date: February 2026 has 28 days',
        'content/tin-tuc/bai-2.md:6:12: delivers[1]: no plan "2026-xa-mau-17" in plans/ (did you mean "2026-xa-mau-16"?)',
        'content/tin-tuc/bai-2.md:7:14: procedures[1]: no procedure "1.000001" could be read: content/thu-tuc/hong.md has errors '
        "(fix those errors, listed above; the code may be in one of them)",
        'content/tin-tuc/bai.md:6:12: delivers[1]: plan "2026-xa-mau-15" cannot be read: plans/2026-xa-mau-15.yml has errors (fix that file\'s errors, listed above)',
    ]


def test_procedures_and_feedback_are_published_at_their_slug_whatever_the_file_name(tmp_path):
    portal(tmp_path, {
        "content/thu-tuc/ho-tich/Đăng ký khai sinh.md": PROCEDURE,
        "content/phan-anh/2026/Hỏi về hộ tịch.yml": FEEDBACK,
        "content/duong-day-nong/xa.yaml": HOTLINE,
    })
    (tmp_path / ".site-build-999999999").mkdir()  # left by a build that was killed
    result = run_cchc(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    listing = site.page("/thu-tuc/")
    links = {site.resolve("/thu-tuc/", a["href"]) for a in listing.select("article a[href]")}
    assert "/thu-tuc/dang-ky-khai-sinh/" in links
    assert site.file("/thu-tuc/dang-ky-khai-sinh/").is_file()
    assert site.file("/phan-anh/hoi-ve-ho-tich/").is_file()
    published = {p.relative_to(site.root).as_posix() for p in site.root.rglob("*")}
    assert not [p for p in published if p.endswith((".yml", ".yaml")) and not p.startswith("ke-hoach/")]
    assert not [p for p in published if p.startswith("thu-tuc/ho-tich/") or "Đăng" in p]
    assert not list(tmp_path.glob(".site-build-*")) and not list(tmp_path.glob(".site-previous-*"))


def test_check_reports_what_the_build_would_fail_on(tmp_path):
    from PIL import Image

    portal(tmp_path, {
        "content/tin-tuc/bai.md": ARTICLE.format(title="Tin", extra="") + "\nXem [bài nháp](nhap.md) và [trang](../gioi-thieu/khong-co.md).\n\n![](anh.png)\n",
        "content/tin-tuc/nhap.md": ARTICLE.format(title="Nháp", extra="draft: true\n"),
        "content/tin-tuc/hong.jpg": b"\xff\xd8\xff\xe0 not really a photo",
        "content/gioi-thieu/ve.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
        "content/gioi-thieu/chuyen.md": "---\ntemplate: redirect.html\n---\n\n# Chuyển\n",
    })
    Image.new("RGB", (4, 3)).save(tmp_path / "content" / "tin-tuc" / "anh.png")
    assert problems_in(tmp_path) == [
        "content/gioi-thieu/chuyen.md:2:1: template: a page cannot choose its own layout (remove the line; the portal's layout is used)",
        "content/gioi-thieu/ve.svg:1:1: has an event handler (onload=…) on <svg> "
        "(export the drawing again as a plain SVG without scripts, links or embedded web content, or save it as PNG)",
        'content/tin-tuc/bai.md:10:16: link: "nhap.md": content/tin-tuc/nhap.md is not published (a draft, or dated after the build date) '
        "(link to it once it is published)",
        'content/tin-tuc/bai.md:10:36: link: "../gioi-thieu/khong-co.md": there is no content/gioi-thieu/khong-co.md (the address is relative to this file)',
        'content/tin-tuc/bai.md:12:1: image: image "anh.png" has no alt text (write what the image shows between the brackets, '
        "e.g. ![Hội nghị triển khai kế hoạch](anh.png); screen readers read it to people who cannot see it)",
        "content/tin-tuc/hong.jpg:1:1: the image file is damaged or cut short; save or copy it again from the original",
    ]
    assert run_cchc(tmp_path, "check").returncode == 1
