"""Realistic portals for the benchmarks: N news articles of about 700 words of varied
Vietnamese, in the real content format, and the same article bodies as a plain MkDocs site.

    portal(dest, n)   a portal project: the repository's mkdocs.yml and theme, one plan with
                      tasks (the test fixture's frozen copy of a seed plan), a home page and
                      n articles in content/tin-tuc/<year>/ — several areas and tags each, a
                      third delivering the plan's tasks, one in eight with a photo
    plain(dest, n)    plain Material (one-entry nav, the rest not in the nav, no search
                      plugin: the plain Pagefind CLI indexes it) with the same bodies and photos

Everything is drawn from a seeded generator: the same n gives the same files.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "tests" / "fixtures" / "portal" / "plans" / "2021-tp-soc-trang-15.yml"
PLAN_SLUG = PLAN.stem
AREAS = ["the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "che_do_cong_vu", "tai_chinh_cong", "chinh_phu_so", "chi_dao_dieu_hanh"]
TAGS = ["dịch vụ công trực tuyến", "một cửa", "khai sinh", "căn cước", "VNeID", "đất đai", "hộ tịch", "bảo hiểm xã hội",
        "chuyển đổi số", "chỉ số PAR INDEX", "SIPAS", "phản ánh kiến nghị", "công chức cấp xã", "thanh toán trực tuyến",
        "đường dây nóng", "thủ tục hành chính", "tuyên truyền", "hội nghị", "tập huấn", "kỷ cương hành chính"]
UNITS = ["UBND phường 1", "UBND phường 2", "UBND phường 3", "UBND phường 4", "UBND phường 5", "UBND phường 6",
         "UBND phường 7", "UBND phường 8", "UBND phường 9", "UBND phường 10", "Phòng Nội vụ", "Phòng Tư pháp",
         "Văn phòng HĐND và UBND", "Đài Truyền thanh", "Bộ phận Một cửa", "Trung tâm Phục vụ hành chính công",
         "Phòng Tài nguyên và Môi trường", "Phòng Văn hóa và Thông tin", "Công an thành phố", "Bảo hiểm xã hội thành phố"]
SUBJECTS = ["đăng ký khai sinh", "cấp căn cước", "đăng ký kết hôn", "chứng thực bản sao", "cấp giấy chứng nhận quyền sử dụng đất",
            "đăng ký thường trú", "cấp phiếu lý lịch tư pháp", "đăng ký hộ kinh doanh", "cấp giấy phép xây dựng",
            "trợ cấp xã hội", "đăng ký khai tử", "cấp đổi giấy phép lái xe", "nộp thuế đất", "đăng ký biến động đất đai"]
OPENINGS = [
    "Thực hiện Kế hoạch tuyên truyền cải cách hành chính năm {year}, {unit} đã tổ chức {event} tại hội trường trụ sở.",
    "Trong tháng {month}/{year}, {unit} tiếp nhận {n} hồ sơ {subject}, trong đó {m} hồ sơ được nộp trực tuyến.",
    "Sáng ngày {day}/{month}/{year}, {unit} phối hợp với {unit2} tổ chức {event} cho cán bộ, công chức và người dân.",
    "Nhằm nâng cao nhận thức của người dân về cải cách hành chính, {unit} triển khai nhiều hình thức tuyên truyền phong phú.",
]
SENTENCES = [
    "Người dân có thể nộp hồ sơ {subject} qua Cổng Dịch vụ công quốc gia mà không phải đến trụ sở.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt {pct}%, tăng so với cùng kỳ năm trước.",
    "Cán bộ Bộ phận Một cửa hướng dẫn tận tình, giúp người dân hoàn thiện hồ sơ ngay trong ngày.",
    "Việc thanh toán phí, lệ phí trực tuyến giúp tiết kiệm thời gian và chi phí đi lại cho người dân.",
    "Đại biểu đã thảo luận các giải pháp nâng cao chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính.",
    "{unit} đề nghị các cơ quan, đơn vị tiếp tục rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền.",
    "Hội nghị cũng ghi nhận những khó khăn khi triển khai dịch vụ công trực tuyến toàn trình ở cấp xã.",
    "Ứng dụng VNeID giúp xác thực điện tử, người dân không phải xuất trình giấy tờ đã có trong cơ sở dữ liệu.",
    "Thông tin về thủ tục {subject} được niêm yết công khai tại trụ sở và trên chuyên trang cải cách hành chính.",
    "Đường dây nóng tiếp nhận phản ánh, kiến nghị của người dân về thủ tục hành chính hoạt động trong giờ hành chính.",
    "Qua kiểm tra, đoàn đánh giá cao tinh thần trách nhiệm của đội ngũ công chức tại {unit}.",
    "Kết quả chấm điểm chỉ số cải cách hành chính năm {prev} của {unit} đạt {score} điểm, xếp loại tốt.",
    "Các phường đã lồng ghép tuyên truyền cải cách hành chính vào sinh hoạt khu vực, tổ dân phố.",
    "Chuyên mục trên Đài Truyền thanh phát sóng định kỳ mỗi tháng, giới thiệu các thủ tục người dân thường làm.",
    "Đoàn viên thanh niên hỗ trợ người cao tuổi cài đặt ứng dụng và nộp hồ sơ {subject} trực tuyến.",
    "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính được thực hiện đồng thời với tiếp nhận.",
    "Năm {year}, thành phố phấn đấu đạt tỷ lệ hồ sơ trực tuyến toàn trình trên {pct}%.",
    "Những phản ánh về chậm trễ trong giải quyết hồ sơ đều được xem xét, trả lời công khai.",
    "Ông {man}, người dân phường {ward}, cho biết thủ tục nay đơn giản hơn nhiều so với trước.",
    "Bà {woman}, công chức tư pháp – hộ tịch, chia sẻ kinh nghiệm hướng dẫn người dân khai hồ sơ điện tử.",
    "Công tác kiểm soát thủ tục hành chính được tăng cường, bảo đảm công khai, minh bạch.",
    "Tinh thần, thái độ phục vụ của cán bộ, công chức được người dân đánh giá tích cực.",
    "Các cơ quan chuyên môn đã rà soát {n} thủ tục hành chính, đề xuất cắt giảm thời gian giải quyết.",
    "Kỷ luật, kỷ cương hành chính được siết chặt, gắn với trách nhiệm người đứng đầu.",
]
HEADINGS = ["Kết quả nổi bật", "Những khó khăn, vướng mắc", "Nhiệm vụ thời gian tới", "Ý kiến người dân",
            "Hướng dẫn thực hiện", "Số liệu trong kỳ", "Giải pháp", "Đánh giá chung"]
EVENTS = ["hội nghị tuyên truyền", "buổi tập huấn nghiệp vụ", "cuộc thi tìm hiểu cải cách hành chính", "buổi đối thoại với người dân",
          "lớp bồi dưỡng kỹ năng", "đợt kiểm tra công vụ"]
MEN = ["Nguyễn Văn An", "Lê Hoàng Cường", "Huỳnh Văn Em", "Đặng Minh Hải", "Trương Quốc Khánh"]
WOMEN = ["Trần Thị Bích", "Phạm Thị Dung", "Võ Thị Giang", "Bùi Thị Hoa", "Lâm Ngọc Lan"]


def _fill(rng: random.Random, template: str, year: int) -> str:
    return template.format(
        year=year, prev=year - 1, month=rng.randint(1, 12), day=rng.randint(1, 28), unit=rng.choice(UNITS), unit2=rng.choice(UNITS),
        event=rng.choice(EVENTS), subject=rng.choice(SUBJECTS), n=rng.randint(20, 900), m=rng.randint(5, 400),
        pct=rng.randint(60, 99), score=f"{rng.randint(70, 95)},{rng.randint(0, 99):02d}", man=rng.choice(MEN), woman=rng.choice(WOMEN), ward=rng.randint(1, 10))


def _paragraph(rng: random.Random, year: int, sentences: int) -> str:
    return " ".join(_fill(rng, rng.choice(SENTENCES), year) for _ in range(sentences))


def article(i: int) -> dict:
    """One article's fields and Markdown body (about 700 words)."""
    rng = random.Random(i)
    year = 2019 + i % 8
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    subject = rng.choice(SUBJECTS)
    title = f"{rng.choice(UNITS)}: {rng.choice(EVENTS)} về {subject} ({i})"
    parts = [_fill(rng, rng.choice(OPENINGS), year) + " " + _paragraph(rng, year, 3)]
    for heading in rng.sample(HEADINGS, rng.randint(3, 5)):
        parts.append(f"## {heading}")
        parts.append(_paragraph(rng, year, rng.randint(4, 6)))
        if rng.random() < 0.4:
            parts.append("\n".join(f"- {_fill(rng, rng.choice(SENTENCES), year)}" for _ in range(3)))
        if rng.random() < 0.2:
            rows = "\n".join(f"| {rng.choice(UNITS)} | {rng.randint(10, 500)} | {rng.randint(60, 99)}% |" for _ in range(4))
            parts.append("| Đơn vị | Số hồ sơ | Đúng hạn |\n|---|---|---|\n" + rows)
    photo = i % 8 == 0
    if photo:
        parts.insert(1, f"![Quang cảnh {rng.choice(EVENTS)} tại {rng.choice(UNITS)}](images/anh-{i}.jpg)")
    return {
        "slug": f"bai-{i}", "year": year, "title": title, "date": f"{year}-{month:02d}-{day:02d} 08:30",
        "summary": _fill(rng, rng.choice(OPENINGS), year), "areas": rng.sample(AREAS, rng.randint(1, 2)),
        "tags": rng.sample(TAGS, rng.randint(2, 4)), "delivers": i % 3 == 0, "task": 1 + i % 5,
        "photo": photo, "body": "\n\n".join(parts) + "\n",
    }


def _photo(path: Path, i: int) -> None:
    """A 1600×1067 JPEG like a phone photo (smooth shapes, some grain), drawn in C-fast steps."""
    from PIL import Image  # installed with the portal

    rng = random.Random(i)
    base = Image.frombytes("RGB", (40, 27), bytes(rng.randrange(256) for _ in range(40 * 27 * 3))).resize((1600, 1067), Image.BICUBIC)
    grain = Image.merge("RGB", [Image.effect_noise((1600, 1067), 24)] * 3)
    Image.blend(base, grain, 0.12).save(path, "JPEG", quality=82)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def portal(dest: Path, n: int, photo_cache: Path | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    (dest / "plans").mkdir()
    shutil.copy2(PLAN, dest / "plans" / PLAN.name)
    content = dest / "content"
    content.mkdir()
    (content / "index.md").write_text("---\ntitle: Trang chủ\n---\n\n# Chuyên trang cải cách hành chính\n\nTrang chủ của cổng thử tải.\n", encoding="utf-8")
    for i in range(n):
        a = article(i)
        folder = content / "tin-tuc" / str(a["year"])
        folder.mkdir(parents=True, exist_ok=True)
        front = [f"title: {_quoted(a['title'])}", f"date: {a['date']}", f"summary: {_quoted(a['summary'])}",
                 f"areas: [{', '.join(a['areas'])}]", f"tags: [{', '.join(a['tags'])}]", "sample: true"]
        if a["delivers"]:
            front.append(f'delivers: ["{PLAN_SLUG}#{a["task"]}"]')
        (folder / f"{a['slug']}.md").write_text("---\n" + "\n".join(front) + "\n---\n\n" + a["body"], encoding="utf-8")
        if a["photo"]:
            (folder / "images").mkdir(exist_ok=True)
            _copy_photo(folder / "images" / f"anh-{i}.jpg", i, photo_cache)
    return dest


def plain(dest: Path, n: int, photo_cache: Path | None = None) -> Path:
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    for i in range(n):
        a = article(i)
        (docs / f"{a['slug']}.md").write_text(f"# {a['title']}\n\n{a['body']}", encoding="utf-8")
        if a["photo"]:
            (docs / "images").mkdir(exist_ok=True)
            _copy_photo(docs / "images" / f"anh-{i}.jpg", i, photo_cache)
    (dest / "mkdocs.yml").write_text(
        "site_name: Plain\nsite_url: https://example.gov.vn/\ntheme: {name: material, language: vi, font: false}\n"
        "plugins: []\nmarkdown_extensions: [attr_list, md_in_html, tables, toc]\nnot_in_nav: /bai-*\nnav: [index.md]\n",
        encoding="utf-8")
    return dest


def _copy_photo(path: Path, i: int, cache: Path | None) -> None:
    if cache is None:
        _photo(path, i)
        return
    cached = cache / f"anh-{i}.jpg"
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        _photo(cached, i)
    shutil.copy2(cached, path)


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def article_path(project: Path, i: int) -> Path:
    """Where `portal` writes article i."""
    return project / "content" / "tin-tuc" / str(article(i)["year"]) / f"bai-{i}.md"


write_portal = portal  # the name the cache, preview and engine benches use


if __name__ == "__main__":  # realistic.py N DIR: DIR/portal and DIR/plain
    import sys

    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    portal(folder / "portal", count)
    plain(folder / "plain", count)
