"""`cchc new KIND [title]`: a new content file, correctly named and placed, with every
required field and a Vietnamese comment on each, and a `<<ĐIỀN: …>>` placeholder wherever
the officer must write something (generator/placeholders.py makes `cchc check` refuse the
file until each one is filled in).

Where a file goes and what it is called comes from the kind registry (each kind's folder and
file patterns); the choices listed in the comments come from the same tables the checker
uses (vocab.py and the kinds' modules), so the file and the checker cannot disagree. Nothing
is copied from another file: a new file starts with today's date (Vietnam time, or
CCHC_BUILD_DATE) and no stale values.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .i18n import _
from .kinds import activity, hotline as hotlines, plan, procedure
from .kinds.base import Kind
from .kinds.registry import KINDS
from .kinds.series import SERIES_DIR, SERIES_FILE
from .placeholders import placeholder as fill
from .schema import YEARS
from .vocab import NEWS_AREAS, TOPICS

# The words of `cchc new` and the kinds (registry names) they create.
COMMANDS = {
    "plan": "plans",
    "article": "articles",
    "episode": "episodes",
    "activity": "activities",
    "procedure": "procedures",
    "hotline": "hotlines",
    "feedback": "feedback",
}


class ScaffoldError(ValueError):
    """Why a file cannot be made (shown to the officer as it is)."""


@dataclass(frozen=True)
class PlanHeader:
    """What names a plan's file and heads the document: asked for, never copied."""

    number: str  # "15/KH-UBND"
    issuer: str  # "Ủy ban nhân dân xã Mỹ Xuyên"
    level: str  # tinh | huyen | xa
    year: int


@dataclass(frozen=True)
class NewFile:
    path: Path  # where it goes, under the project
    text: str


def kind_of(command: str) -> Kind:
    name = COMMANDS[command]
    return next(k for k in KINDS if k.name == name)


def q(text: str) -> str:
    """A YAML double-quoted string (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def choices(table: dict[str, str], indent: str = "#   ") -> str:
    """One comment line per allowed value, with what it means."""
    return "".join(f"{indent}{key}: {label}\n" for key, label in table.items())


def _stamp(command: str, today: dt.date) -> str:
    return (
        f"# Tạo bằng lệnh `cchc new {command}` ngày {today:%d/%m/%Y}.\n"
        "# Thay MỌI chỗ <<ĐIỀN …>> (cả dấu << và >>) bằng nội dung thật, rồi chạy `cchc check`:\n"
        "# lệnh này báo từng chỗ còn thiếu, kèm số dòng và cột.\n"
    )


# --- the files ------------------------------------------------------------------------------------

def article(title: str, today: dt.date) -> str:
    return (
        "---\n" + _stamp("article", today)
        + f"title: {q(title)}   # tiêu đề bài viết\n"
        f"date: {today.isoformat()}   # ngày đăng, giờ Việt Nam; có thể ghi cả giờ: {today.isoformat()} 08:30\n"
        f"summary: {q(fill('một hoặc hai câu tóm tắt bài viết'))}   # hiện trong danh sách tin và khi chia sẻ\n"
        "# Lĩnh vực cải cách (areas): một hoặc nhiều mã dưới đây, ví dụ [thu_tuc_hanh_chinh, chinh_phu_so]\n"
        + choices(NEWS_AREAS)
        + f"areas: [{q(fill('mã lĩnh vực, ví dụ thu_tuc_hanh_chinh'))}]\n"
        "# Các trường không bắt buộc (bỏ dấu # ở đầu dòng để dùng):\n"
        "# tags: [một cửa, dịch vụ công trực tuyến]          # từ khóa\n"
        "# image: {src: anh/hoi-nghi.jpg, alt: \"Mô tả ảnh cho người không nhìn thấy\"}\n"
        "# author: \"Nguyễn Văn A\"\n"
        "# agency: \"Đài Truyền thanh xã\"\n"
        "# delivers: [\"2026-xa-my-xuyen-15#2\"]   # nhiệm vụ của kế hoạch mà bài này thực hiện: tên tệp kế hoạch # số thứ tự\n"
        "# procedures: [\"1.001193\"]             # mã thủ tục hành chính bài viết nói đến\n"
        "# publish: 2026-12-01 07:00             # hẹn giờ đăng: bài chỉ lên trang từ lúc này\n"
        "draft: false   # true: bản nháp, chỉ hiện khi xem trước bằng `cchc serve`, không đăng\n"
        "---\n\n"
        f"{fill('nội dung bài viết (Markdown): các đoạn văn cách nhau một dòng trống')}\n"
    )


def activity_file(title: str, today: dt.date) -> str:
    return (
        "---\n" + _stamp("activity", today)
        + f"title: {q(title)}   # tên hoạt động\n"
        "# Loại hoạt động (kind), một trong các mã:\n"
        + choices(activity.ACTIVITY_KINDS)
        + f"kind: {q(fill('mã loại hoạt động, ví dụ hoi_nghi'))}\n"
        f"date: {today.isoformat()}   # ngày (và giờ) bắt đầu: {today.isoformat()} 08:00\n"
        "# end: " + f"{today.isoformat()} 17:00   # ngày giờ kết thúc (không bắt buộc)\n"
        f"summary: {q(fill('một câu tóm tắt hoạt động'))}\n"
        "# Các trường không bắt buộc (bỏ dấu # ở đầu dòng để dùng):\n"
        "# place: \"Hội trường Ủy ban nhân dân xã\"\n"
        "# organiser: \"Văn phòng HĐND và UBND xã\"\n"
        "# participants: 120                      # số người tham dự (chỉ ghi số)\n"
        "# outputs: [\"Tài liệu tập huấn\"]         # sản phẩm, kết quả\n"
        "# photos: [{src: anh/tap-huan.jpg, alt: \"Mô tả ảnh\"}]\n"
        "# links: [{title: \"Tin trên Cổng thông tin\", url: \"https://…\"}]\n"
        "# delivers: [\"2026-xa-my-xuyen-15#5\"]     # nhiệm vụ của kế hoạch mà hoạt động này thực hiện\n"
        "draft: false   # true: bản nháp, chỉ hiện khi xem trước\n"
        "---\n\n"
        f"{fill('diễn biến và kết quả của hoạt động')}\n"
    )


def episode(title: str, today: dt.date) -> str:
    return (
        "---\n" + _stamp("episode", today)
        + f"title: {q(title)}   # tên số phát sóng\n"
        f"date: {today.isoformat()}   # ngày (và giờ) phát sóng: {today.isoformat()} 17:00\n"
        f"summary: {q(fill('tóm tắt số phát sóng'))}\n"
        "# Bản ghi: đúng MỘT trong ba dòng audio:, video: hoặc link:\n"
        "#   audio: tệp ghi âm (.mp3 .m4a .ogg .opus .wav) đặt trong thư mục chuyên mục, ví dụ audio/2026-11.mp3\n"
        "#   video: tệp ghi hình (.mp4 .webm)\n"
        "#   link: địa chỉ https://… nơi nghe hoặc xem được chương trình\n"
        f"audio: {q(fill('đường dẫn tệp ghi âm, ví dụ audio/2026-11.mp3'))}\n"
        "# duration: \"05:12\"   # thời lượng, trong dấu ngoặc kép (không bắt buộc)\n"
        "draft: false   # true: bản nháp, chỉ hiện khi xem trước\n"
        "---\n\n"
        f"{fill('bản ghi nội dung (lời) của chương trình')}\n"
    )


def procedure_file(title: str, today: dt.date) -> str:
    return (
        "---\n" + _stamp("procedure", today)
        + "# Chép theo Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) và quyết định công bố thủ tục.\n"
        f"code: {q(fill('mã thủ tục quốc gia, ví dụ 1.001193'))}   # luôn đặt trong dấu ngoặc kép\n"
        f"name: {q(title)}   # tên thủ tục\n"
        f"field: {q(fill('lĩnh vực, ví dụ Hộ tịch'))}\n"
        "# Cấp thực hiện (level):\n" + choices(procedure.LEVELS)
        + f"level: {q(fill('mã cấp thực hiện, ví dụ xa'))}\n"
        f"agency: {q(fill('cơ quan thực hiện, ví dụ Ủy ban nhân dân cấp xã'))}\n"
        f"applicants: {q(fill('đối tượng thực hiện, ví dụ Cá nhân'))}\n"
        "# Cách thức thực hiện: mỗi cách nộp một mục; way là truc_tiep, truc_tuyen hoặc buu_chinh.\n"
        "# fee: lệ phí, viết số đồng KHÔNG có ngoặc kép (0 = miễn phí), hoặc lời ghi trong ngoặc kép: \"2.000 đồng/trang\"\n"
        "channels:\n"
        "  - way: truc_tiep\n"
        f"    time: {q(fill('thời hạn giải quyết, ví dụ Ngay trong ngày làm việc'))}\n"
        "    fee: 0   # kiểm tra lại: 0 nghĩa là miễn phí\n"
        "# Thành phần hồ sơ: mỗi giấy tờ một mục, ghi số bản chính (originals) và bản sao (copies).\n"
        "dossier:\n"
        f"  - name: {q(fill('tên giấy tờ, ví dụ Tờ khai theo mẫu'))}\n"
        "    originals: 1\n"
        "    copies: 0\n"
        "# Trình tự thực hiện: mỗi bước một dòng.\n"
        "steps:\n"
        f"  - {q(fill('bước 1, ví dụ Nộp hồ sơ tại Bộ phận Một cửa'))}\n"
        f"result: {q(fill('kết quả, ví dụ Giấy khai sinh (bản chính)'))}\n"
        "# Mức độ trực tuyến (online): toan_trinh, mot_phan hoặc none (chưa cung cấp trực tuyến).\n"
        "# Nếu là toan_trinh hoặc mot_phan thì channels phải có thêm một cách nộp way: truc_tuyen.\n"
        f"online: {q(fill('toan_trinh, mot_phan hoặc none'))}\n"
        "legal_bases:   # căn cứ pháp lý: mỗi văn bản một mục\n"
        f"  - number: {q(fill('số hiệu văn bản, ví dụ 60/2014/QH13'))}\n"
        f"    title: {q(fill('tên văn bản, ví dụ Luật Hộ tịch'))}\n"
        f"last_checked: {today.isoformat()}   # ngày đối chiếu lần cuối với dichvucong.gov.vn\n"
        "# leaflet: true   # in thủ tục này trên tờ rơi của chuyên trang (tối đa 6 thủ tục)\n"
        "---\n\n"
        f"{fill('lời khuyên cho người dân, các sai sót thường gặp (Markdown)')}\n"
    )


def hotline(title: str, today: dt.date) -> str:
    return (
        _stamp("hotline", today)
        + f"agency: {q(title)}   # cơ quan có đường dây nóng\n"
        "# unit: \"Văn phòng HĐND và UBND\"   # bộ phận (không bắt buộc)\n"
        "# Cấp (level), để xếp trong danh sách:\n" + choices(hotlines.LEVELS)
        + f"level: {q(fill('mã cấp, ví dụ xa'))}\n"
        "# Tiếp nhận (receives): một hoặc nhiều mã dưới đây\n" + choices(TOPICS)
        + f"receives: [{q(fill('mã nội dung tiếp nhận, ví dụ thu_tuc_hanh_chinh'))}]\n"
        "phones:   # số điện thoại, LUÔN đặt trong dấu ngoặc kép\n"
        f"  - {q(fill('số điện thoại, ví dụ 0299 3821 234'))}\n"
        "# zalo: \"0299 3821 234\"\n"
        "# email: \"duongdaynong@….gov.vn\"\n"
        "# hours:   # giờ tiếp nhận; ngày: t2 … t7, cn\n"
        "#   - {days: [t2, t3, t4, t5, t6], times: [\"07:00-11:00\", \"13:00-17:00\"]}\n"
        f"last_verified: {today.isoformat()}   # ngày gọi thử và thấy số đúng; chưa gọi thử thì thay dòng này bằng needs_check: true\n"
        "# pinned: true   # hiện trên mọi trang (tối đa 3 đường dây)\n"
    )


def feedback_file(title: str, today: dt.date) -> str:
    return (
        _stamp("feedback", today)
        + "# Lời người dân và lời trả lời được đăng nguyên văn, dưới dạng chữ thường (không định dạng).\n"
        f"title: {q(title)}   # tiêu đề ngắn của phản ánh, kiến nghị\n"
        f"received: {today.isoformat()}   # ngày tiếp nhận\n"
        "# Nội dung (topic), một trong các mã:\n" + choices(TOPICS)
        + f"topic: {q(fill('mã nội dung, ví dụ thu_tuc_hanh_chinh'))}\n"
        f"agency: {q(fill('cơ quan xử lý, ví dụ Ủy ban nhân dân xã'))}\n"
        "# sender: \"Ông N.V.A., ấp 3\"   # người gửi, chỉ ghi khi người đó đồng ý công khai\n"
        "# procedure: \"1.001193\"        # mã thủ tục liên quan (không bắt buộc)\n"
        "question: |   # lời người dân, nguyên văn; dòng trống để sang đoạn mới\n"
        f"  {fill('nội dung phản ánh, kiến nghị')}\n"
        "# Khi đã trả lời, bỏ dấu # ở các dòng dưới (chưa có câu trả lời thì trang ghi \"đang được xử lý\"):\n"
        f"# answer:\n#   date: {today.isoformat()}\n#   by: \"Ủy ban nhân dân xã\"\n#   text: |\n#     Nội dung trả lời.\n"
    )


def plan_file(title: str, header: PlanHeader, today: dt.date) -> str:
    return (
        _stamp("plan", today)
        + "# Chép nguyên văn văn bản đã ký. Hướng dẫn đầy đủ: plans/HUONG-DAN.md\n"
        "type: ke_hoach   # ke_hoach (Kế hoạch) hoặc de_an (Đề án)\n"
        f"number: {q(header.number)}   # số, ký hiệu như in trên văn bản\n"
        "issuer:   # cơ quan ban hành, gọi tên như vào ngày ban hành\n"
        f"  name: {q(header.issuer)}\n"
        f"  level: {header.level}   # " + ", ".join(f"{k}: {v}" for k, v in plan.LEVELS.items()) + "\n"
        + (f"date: {today.isoformat()}   # ngày ban hành (ngày ký): sửa cho đúng văn bản\n" if header.year >= today.year
           else f"date: {q(fill(f'ngày ban hành, ví dụ {header.year}-02-15'))}\n")
        + 
        f"title: {q(title)}   # trích yếu, không ghi chữ \"Kế hoạch\"\n"
        f"period: {header.year}   # thời gian kế hoạch bao trùm, ví dụ {header.year} hoặc \"{header.year}-01-01..{header.year + 4}\"\n"
        "legal_bases:   # các câu \"Căn cứ …\", mỗi câu một dòng, chép nguyên văn\n"
        f"  - {q(fill('Căn cứ …'))}\n"
        "sections:   # các phần của văn bản, theo thứ tự in\n"
        "  - no: \"I.\"\n"
        "    heading: \"MỤC ĐÍCH, YÊU CẦU\"\n"
        "    kind: objectives\n"
        "    items:\n"
        f"      - {q(fill('mục đích, yêu cầu'))}\n"
        "# Phụ lục nhiệm vụ: mỗi nhiệm vụ một dòng của bảng; timeframe: 2026-03, 2026-Q2, monthly, \"before 2026-11\"…\n"
        "appendix:\n"
        "  tasks:\n"
        "    - no: \"1\"\n"
        f"      content: {q(fill('nội dung nhiệm vụ'))}\n"
        f"      lead: {q(fill('cơ quan chủ trì'))}\n"
        f"      timeframe: {q(fill('thời gian thực hiện, ví dụ ' + str(header.year) + '-03 hoặc monthly'))}\n"
        "signer:\n"
        "  authority: \"TM. ỦY BAN NHÂN DÂN\"   # bỏ dòng này nếu người đứng đầu ký trực tiếp\n"
        f"  title: {q(fill('chức vụ người ký, ví dụ CHỦ TỊCH'))}\n"
        f"  name: {q(fill('họ tên người ký'))}\n"
    )


# --- names and places -----------------------------------------------------------------------------

_UNIT_PREFIXES = ("uy-ban-nhan-dan-", "ubnd-")
_UNIT_WORDS = (("thanh-pho-", "tp-"), ("thi-xa-", "tx-"), ("tinh-", ""), ("xa-", ""), ("phuong-", ""), ("thi-tran-", ""), ("dac-khu-", ""))


def plan_unit(issuer: str) -> str:
    """The unit part of a plan's file name: "Ủy ban nhân dân thành phố Sóc Trăng" → tp-soc-trang."""
    slug = urls.slugify(issuer)
    for prefix in _UNIT_PREFIXES:
        slug = slug.removeprefix(prefix)
    for word, short in _UNIT_WORDS:
        if slug.startswith(word) and len(slug) > len(word):
            return short + slug[len(word):]
    return slug


def plan_name(header: PlanHeader) -> str:
    """<year>-<unit>-<number>, e.g. 2021-tp-soc-trang-15."""
    return "-".join(p for p in (str(header.year), plan_unit(header.issuer), urls.slugify(header.number.split("/")[0])) if p)


def check_header(header: PlanHeader) -> list[str]:
    """What is wrong with the answers for a new plan, as sentences for the officer."""
    wrong = []
    problem = plan.number_problem(header.number)
    if problem:
        wrong.append(_("--number: {value} is not a document number (write it as printed, e.g. {example})", value=q(header.number), example='"15/KH-UBND"'))
    if not urls.slugify(header.issuer):
        wrong.append(_("--issuer: write the issuing body's full name, e.g. {example}", example='"Ủy ban nhân dân xã Mỹ Xuyên"'))
    if header.level not in plan.LEVELS:
        wrong.append(_("--level: {value} is not a level (use one of {choices})", value=q(header.level), choices=", ".join(plan.LEVELS)))
    if header.year not in YEARS:
        wrong.append(_("--year: {value} is not a year", value=str(header.year)))
    return wrong


def new_file(command: str, title: str, plans_dir: Path, docs: Path, today: dt.date,
             header: PlanHeader | None = None, series: str | None = None) -> NewFile:
    """The file `cchc new` writes: its path (from the kind's folder and pattern) and text."""
    kind = kind_of(command)
    slug = urls.slugify(title)
    if not slug and command != "plan":
        raise ScaffoldError(_("the title {value} has no letters or digits: the file name is made from it", value=q(title)))
    if command == "plan":
        assert header is not None
        folder, name = plans_dir, plan_name(header) + ".yml"
        text = plan_file(title, header, today)
    elif command == "episode":
        folder, name = docs / kind.folder / episode_series(docs, series), f"{slug}.md"
        text = episode(title, today)
    else:
        sub = {"articles": str(today.year), "activities": str(today.year)}.get(kind.name, "")
        suffix = ".yml" if kind.data else ".md"
        folder, name = docs / kind.folder / sub, f"{slug}{suffix}"
        text = {"articles": article, "activities": activity_file, "procedures": procedure_file,
                "hotlines": hotline, "feedback": feedback_file}[kind.name](title, today)
    path = folder / name
    home = plans_dir if kind.in_plans else docs / kind.folder
    assert kind.owns(path.relative_to(home).as_posix()), path  # the registry reads the file where we put it
    return NewFile(path, text)


def episode_series(docs: Path, series: str | None) -> str:
    """The series folder a new episode goes into: the one named, or the only one there is."""
    base = docs / SERIES_DIR
    known = sorted(p.parent.name for p in base.glob(f"*/{SERIES_FILE}")) if base.is_dir() else []
    if series:
        wanted = urls.slugify(series) if series not in known else series
        if wanted in known:
            return wanted
        raise ScaffoldError(_("there is no series {value} (a folder {folder} with a {file})", value=q(series), folder=f"{base.name}/{series}/", file=SERIES_FILE)
                            + (" " + _("Series: {names}", names=", ".join(known)) if known else ""))
    if len(known) == 1:
        return known[0]
    if not known:
        raise ScaffoldError(_("there is no programme series yet: create a folder in {folder} with a {file} first", folder=f"content/{SERIES_DIR}/", file=SERIES_FILE))
    raise ScaffoldError(_("say which series the episode belongs to with --series (one of {names})", names=", ".join(known)))


def write(new: NewFile, shown: str) -> None:
    """Write the file; never over an existing one (`shown`: its path as the officer sees it)."""
    if new.path.exists():
        raise ScaffoldError(_("{path} already exists: nothing was written (choose another title, or edit that file)", path=shown))
    new.path.parent.mkdir(parents=True, exist_ok=True)
    with new.path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(new.text)
