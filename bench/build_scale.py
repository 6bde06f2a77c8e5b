"""Build CPU time and peak memory of the portal as the number of articles grows, against
plain MkDocs + Material plus the plain Pagefind CLI on the same number of Markdown pages,
interleaved in the same session.

    .venv/bin/python bench/build_scale.py [N ...]     (default: 100 400 1600)

Reports CPU seconds (the build process and its children, Pagefind included; the minimum
of REPEATS runs, since the machine is shared), peak RSS, and ratios against the plain
build; a ratio that grows with N would mean work that is not linear in the number of
articles (e.g. navigation rendered per page, or listings rebuilt per article). The load
average is printed with the results.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


REPEATS = 3
_MEASURE = (
    "import resource, subprocess, sys; from mkdocs.__main__ import cli\n"
    "try:\n    cli(['build', '-q', '-d', 'out'])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
    "if sys.argv[1] == 'plain':\n"
    "    subprocess.run([sys.executable, '-m', 'pagefind_bin', '--site', 'out', '--quiet'], check=True)\n"
    "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, max(me.ru_maxrss, kids.ru_maxrss))"
)


def build(project: Path, kind: str) -> tuple[float, float]:
    """CPU seconds and peak resident memory (MiB) of one build, in a fresh process."""
    env = {**os.environ, "CCHC_BUILD_DATE": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-c", _MEASURE, kind], cwd=project, env=env, check=True, capture_output=True, text=True)
    cpu, rss = out.stdout.strip().splitlines()[-1].split()
    return float(cpu), int(rss) / 1024


def main(sizes: list[int]) -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'articles':>8} {'portal CPU s':>13} {'plain CPU s':>12} {'CPU ×':>6} {'portal MiB':>11} {'plain MiB':>10}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            plain_project, portal_project = plain(Path(b), n), portal(Path(a), n)
            runs = [(build(plain_project, "plain"), build(portal_project, "portal")) for _ in range(REPEATS)]  # interleaved
            p_time, p_mem = min(r[0][0] for r in runs), max(r[0][1] for r in runs)
            c_time, c_mem = min(r[1][0] for r in runs), max(r[1][1] for r in runs)
            print(f"{n:>8} {c_time:>13.2f} {p_time:>12.2f} {c_time / p_time:>6.2f} {c_mem:>11.0f} {p_mem:>10.0f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 400, 1600])
