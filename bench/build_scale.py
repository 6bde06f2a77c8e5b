"""Build time and peak memory of the portal as the number of articles grows, against
plain MkDocs + Material building the same number of Markdown pages in the same session.

    .venv/bin/python bench/build_scale.py [N ...]     (default: 100 400 1600)

Reports seconds, peak RSS of the build process, and ratios against the plain build; a
ratio that grows with N would mean work that is not linear in the number of articles
(e.g. navigation rendered per page, or listings rebuilt per article).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = """---
title: "Bài viết số {i}"
date: {date} 08:30
summary: "Tóm tắt bài viết số {i} về cải cách hành chính."
areas: [{area}]
tags: [thẻ {tag}]
delivers: ["2021-tp-soc-trang-15#2"]
---

Nội dung bài viết số {i}: tuyên truyền cải cách hành chính, thủ tục hành chính, dịch vụ công trực tuyến.
"""
AREAS = ["the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "che_do_cong_vu", "tai_chinh_cong", "chinh_phu_so", "chi_dao_dieu_hanh"]


def portal(dest: Path, n: int) -> Path:
    for part in ("mkdocs.yml", "plans", "overrides"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, dest / part)
    (dest / "content").mkdir()
    shutil.copy2(ROOT / "content" / "index.md", dest / "content" / "index.md")
    shutil.copytree(ROOT / "content" / "gioi-thieu", dest / "content" / "gioi-thieu")
    news = dest / "content" / "tin-tuc"
    news.mkdir()
    for i in range(n):
        date = f"{2015 + i // 365 % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        (news / f"bai-{i}.md").write_text(ARTICLE.format(i=i, date=date, area=AREAS[i % 7], tag=i % 20), encoding="utf-8")
    return dest


def plain(dest: Path, n: int) -> Path:
    (dest / "docs").mkdir()
    (dest / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    for i in range(n):
        (dest / "docs" / f"bai-{i}.md").write_text(f"# Bài viết số {i}\n\nNội dung bài viết số {i}.\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Plain\nsite_url: https://example.gov.vn/\ntheme: {name: material, language: vi, font: false}\n"
        "plugins: []\nnot_in_nav: /bai-*\nnav: [index.md]\n", encoding="utf-8")
    return dest


_MEASURE = (
    "import resource, sys; from mkdocs.__main__ import cli\n"
    "try:\n    cli(['build', '-q', '-d', 'out'])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def build(project: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one build, in a fresh process."""
    env = {**os.environ, "CCHC_BUILD_DATE": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _MEASURE], cwd=project, env=env, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, int(out.stdout.strip().splitlines()[-1]) / 1024


def main(sizes: list[int]) -> None:
    print(f"{'articles':>8} {'portal s':>9} {'plain s':>8} {'time ×':>7} {'portal MiB':>11} {'plain MiB':>10}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            p_time, p_mem = build(plain(Path(b), n))
            c_time, c_mem = build(portal(Path(a), n))
            print(f"{n:>8} {c_time:>9.2f} {p_time:>8.2f} {c_time / p_time:>7.2f} {c_mem:>11.0f} {p_mem:>10.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 400, 1600])
