"""A portal of N articles for the cache, preview and engine benches (bench/cache.py,
bench/preview.py, bench/zensical.py): the project's configuration, theme, plans and home
page, and N articles of a few hundred words of varied Vietnamese in several areas and tags,
a third of them delivering a plan task. Deterministic: the same N gives the same files.

    .venv/bin/python bench/portal.py DIR N
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = ["the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "che_do_cong_vu", "tai_chinh_cong", "chinh_phu_so", "chi_dao_dieu_hanh"]
TAGS = ["một cửa", "dịch vụ công trực tuyến", "tuyên truyền", "tập huấn", "phường", "chuyển đổi số",
        "văn hóa công sở", "khảo sát", "thanh toán trực tuyến", "đề án 06", "chỉ số cải cách hành chính", "phản ánh kiến nghị"]
DELIVERS = ["2021-tp-soc-trang-15#1", "2021-tp-soc-trang-15#2", "2022-soc-trang-1738#1"]
WORDS = ("cải cách hành chính thủ tục hồ sơ người dân doanh nghiệp dịch vụ công trực tuyến "
         "bộ phận một cửa tiếp nhận trả kết quả công chức ủy ban nhân dân phường xã tỉnh thành phố "
         "tuyên truyền hướng dẫn đăng ký khai sinh cư trú căn cước điện tử thanh toán phí lệ phí "
         "kế hoạch triển khai kiểm tra đánh giá chỉ số hài lòng năm quý tháng kết quả nhiệm vụ").split()


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def article(i: int, rng: random.Random, words: int = 300) -> str:
    year = 2021 + i % 5
    date = f"{year}-{i % 12 + 1:02d}-{i % 28 + 1:02d} {8 + i % 9:02d}:{i % 60:02d}"
    tags = sorted({TAGS[i % len(TAGS)], TAGS[(i * 7) % len(TAGS)]})
    lines = [
        "---",
        f'title: "Bài viết số {i}: {paragraph(rng, 6)[:-1]}"',
        f"date: {date}",
        f'summary: "{paragraph(rng, 20)}"',
        f"areas: [{AREAS[i % len(AREAS)]}]",
        f"tags: [{', '.join(tags)}]",
        *([f'delivers: ["{DELIVERS[i % len(DELIVERS)]}"]'] if i % 3 == 0 else []),
        "sample: true",
        "---",
        "",
    ]
    body = []
    for k in range(max(1, words // 60)):
        if k and k % 2 == 0:
            body.append(f"## Phần {k // 2}\n")
        body.append(paragraph(rng, 60) + "\n")
    return "\n".join(lines) + "\n".join(body)


def article_path(project: Path, i: int) -> Path:
    return project / "content" / "tin-tuc" / str(2021 + i % 5) / f"bai-viet-{i}.md"


def write_portal(dest: Path, n: int, words: int = 300) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for part in ("overrides", "plans"):
        shutil.copytree(ROOT / part, dest / part, dirs_exist_ok=True)
    (dest / "content").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "content" / "index.md", dest / "content" / "index.md")
    for i in range(n):
        path = article_path(dest, i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(i, random.Random(i), words), encoding="utf-8")
    return dest


if __name__ == "__main__":
    write_portal(Path(sys.argv[1]), int(sys.argv[2]))
