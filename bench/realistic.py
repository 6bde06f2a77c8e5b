"""Portals of N realistic articles for profiling (~700 words of varied Vietnamese each, several
areas and tags, a third delivering plan tasks, an image on some), and the same article bodies
as a plain Material site, as issue 12 measures them.

    .venv/bin/python bench/realistic.py N DIR        writes DIR/portal and DIR/plain

Deterministic: the same N gives the same files. The lead's bench/scale.py is the benchmark;
this is the small generator the profile in bench/PROFILE.md was taken on.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = ["the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "che_do_cong_vu", "tai_chinh_cong", "chinh_phu_so", "chi_dao_dieu_hanh"]
TAGS = ["một cửa", "dịch vụ công", "chuyển đổi số", "tập huấn", "văn hóa công sở", "đề án 06", "VNeID", "thanh toán trực tuyến",
        "tiếp dân", "phản ánh kiến nghị", "chỉ số PAR", "SIPAS", "số hóa hồ sơ", "cấp xã", "đô thị", "nông thôn mới", "đất đai",
        "hộ tịch", "doanh nghiệp", "đầu tư", "giáo dục", "y tế", "bảo hiểm xã hội", "thuế", "tư pháp", "kiểm tra", "khen thưởng",
        "công khai", "tuyên truyền", "đối thoại"]
DELIVERS = ["2021-tp-soc-trang-15#1", "2021-tp-soc-trang-15#2", "2021-tp-soc-trang-15#3", "2022-soc-trang-1738"]
SUBJECTS = ["Ủy ban nhân dân phường", "Bộ phận một cửa", "Phòng Nội vụ", "Trung tâm Phục vụ hành chính công", "Đoàn thanh niên",
            "Công an xã", "Văn phòng đăng ký đất đai", "Hội Liên hiệp Phụ nữ", "Sở Tư pháp", "Ban Chỉ đạo cải cách hành chính"]
VERBS = ["tổ chức", "triển khai", "hướng dẫn", "tuyên truyền", "kiểm tra", "đánh giá", "rà soát", "hỗ trợ", "phối hợp thực hiện", "tổng kết"]
OBJECTS = ["thủ tục hành chính", "dịch vụ công trực tuyến toàn trình", "hồ sơ đăng ký hộ tịch", "tài khoản định danh điện tử",
           "quy trình tiếp nhận hồ sơ", "kết quả giải quyết hồ sơ", "chỉ số hài lòng của người dân", "thanh toán không dùng tiền mặt",
           "số hóa kết quả giải quyết", "phản ánh, kiến nghị của doanh nghiệp", "cơ sở dữ liệu dân cư", "văn hóa công vụ"]
TAILS = ["cho người dân trên địa bàn", "trong quý vừa qua", "theo kế hoạch năm", "nhằm giảm thời gian đi lại",
         "với sự tham gia của nhiều đơn vị", "đúng quy định, công khai, minh bạch", "tại các khu phố, ấp", "trên Cổng dịch vụ công quốc gia",
         "để nâng cao chất lượng phục vụ", "góp phần xây dựng chính quyền số"]
HEADINGS = ["Kết quả bước đầu", "Những khó khăn", "Giải pháp thời gian tới", "Ý kiến người dân", "Cách thực hiện", "Nhiệm vụ trọng tâm"]
IMAGES = ["bao-cao.svg", "cong-so.svg", "giao-luu.svg", "hoi-nghi.svg", "lop-hoc.svg", "may-tinh.svg"]


def sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if rng.random() < 0.5:
        s += f", {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.3:
        s += f" với {rng.randint(2, 900)} lượt người tham gia"
    return s + "."


def body(rng: random.Random, words: int = 700) -> str:
    parts, count = [], 0
    while count < words:
        if parts and rng.random() < 0.18:
            parts.append(f"## {rng.choice(HEADINGS)}")
        para = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        if rng.random() < 0.12:
            para = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4)))
        elif rng.random() < 0.2:
            para = para.replace("thủ tục hành chính", "**thủ tục hành chính**", 1)
        parts.append(para)
        count += len(para.split())
    return "\n\n".join(parts)


def article(i: int) -> tuple[str, str, str, str]:
    """(file name, front matter + body, title, body) of article i."""
    rng = random.Random(i)
    date = f"{2016 + (i // 300) % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} (bài {i})"
    text = body(rng)
    areas = rng.sample(AREAS, rng.randint(1, 2))
    tags = rng.sample(TAGS, rng.randint(2, 4))
    meta = [f'title: "{title}"', f"date: {date} 08:30", f'summary: "{sentence(rng)} {sentence(rng)}"',
            f"areas: [{', '.join(areas)}]", f"tags: [{', '.join(tags)}]", f'agency: "{rng.choice(SUBJECTS)}"']
    if i % 3 == 0:
        meta.append(f'delivers: ["{DELIVERS[i % len(DELIVERS)]}"]')
    if i % 5 == 0:
        meta.append(f'image: {{src: "../images/{IMAGES[i % len(IMAGES)]}", alt: "Ảnh minh họa bài {i}"}}')
    return f"bai-{i}.md", "---\n" + "\n".join(meta) + "\n---\n\n" + text + "\n", title, text


def portal(dest: Path, n: int) -> Path:
    dest.mkdir(parents=True)
    for part in ("mkdocs.yml", "plans", "overrides"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, dest / part)
    (dest / "content" / "tin-tuc").mkdir(parents=True)
    shutil.copy2(ROOT / "content" / "index.md", dest / "content" / "index.md")
    shutil.copytree(ROOT / "content" / "tin-tuc" / "images", dest / "content" / "tin-tuc" / "images")
    for i in range(n):
        name, text, _, _ = article(i)
        folder = dest / "content" / "tin-tuc" / str(2016 + (i // 300) % 10)
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return dest


def plain(dest: Path, n: int) -> Path:
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    for i in range(n):
        name, _, title, text = article(i)
        (dest / "docs" / name).write_text(f"# {title}\n\n{text}\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Plain\nsite_url: https://example.gov.vn/\ntheme: {name: material, language: vi, font: false}\n"
        "plugins: []\nnot_in_nav: /bai-*\nnav: [index.md]\n", encoding="utf-8")
    return dest


if __name__ == "__main__":
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    portal(out / "portal", n)
    plain(out / "plain", n)
