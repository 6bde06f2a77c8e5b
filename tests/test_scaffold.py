"""Generator tests: `cchc new` makes a correctly named file of each kind whose placeholders
`cchc check` reports one by one, at their line and column, and which passes the check once
they are filled in. Each test writes its own small portal."""
from __future__ import annotations

import re

import pytest

from generator import cli, placeholders, scaffold
from generator.i18n import catalogue

from .test_inventory import ARTICLE, SERIES, TODAY, portal, problems_in

TITLE = "Xã Mỹ Xuyên đẩy mạnh dịch vụ công trực tuyến"
SLUG = "xa-my-xuyen-day-manh-dich-vu-cong-truc-tuyen"
PLAN_FLAGS = ["--number", "15/KH-UBND", "--issuer", "Ủy ban nhân dân xã Mỹ Xuyên", "--level", "xa", "--year", "2027"]
EXPECTED = {  # where each kind's file goes, from the registry's folders and patterns
    "article": f"content/tin-tuc/{TODAY.year}/{SLUG}.md",
    "activity": f"content/hoat-dong/{TODAY.year}/{SLUG}.md",
    "episode": f"content/chuong-trinh/thoi-su/{SLUG}.md",
    "procedure": f"content/thu-tuc/{SLUG}.md",
    "hotline": f"content/duong-day-nong/{SLUG}.yml",
    "feedback": f"content/phan-anh/{SLUG}.yml",
    "plan": "plans/2027-my-xuyen-15.yml",
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = portal(tmp_path, {"content/chuong-trinh/thoi-su/series.yml": SERIES})
    monkeypatch.chdir(root)
    monkeypatch.setenv("CCHC_BUILD_DATE", TODAY.isoformat())
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    return root


def new(*argv: str) -> int:
    return cli.main(["new", *argv])


def fill(text: str) -> str:
    """Each placeholder replaced by the example it gives (or plain words), as an officer would."""
    def value(match: re.Match) -> str:
        what = match[1]
        if "toan_trinh, mot_phan" in what:
            return "none"
        if "ví dụ " in what:
            return what.split("ví dụ ", 1)[1].split(" hoặc ")[0]
        return "Nội dung đã điền"
    return placeholders._PATTERN.sub(value, text)


def positions(text: str) -> list[str]:
    """line:col of each placeholder in a file's text."""
    out = []
    for offset, _ in placeholders.found(text):
        before = text[:offset]
        out.append(f"{before.count(chr(10)) + 1}:{offset - (before.rfind(chr(10)) + 1) + 1}")
    return out


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_new_file_fails_the_check_once_per_placeholder_then_passes_filled(project, kind, capsys):
    assert new(kind, *TITLE.split(), *(PLAN_FLAGS if kind == "plan" else [])) == 0
    out = capsys.readouterr().out
    path = project / EXPECTED[kind]
    assert f"Created {EXPECTED[kind]}" in out and "cchc check" in out
    text = path.read_text(encoding="utf-8")
    assert f"{TODAY:%d/%m/%Y}" in text  # today's date, never another file's
    spots = positions(text)
    assert spots, "a new file has something to fill in"
    found = problems_in(project)
    assert [p.split(": ", 1)[0] for p in found] == [f"{EXPECTED[kind]}:{at}" for at in spots], found
    assert all("not filled in yet: " in p and "(replace the whole <<ĐIỀN: …>> with the real value)" in p for p in found)

    if kind == "episode":  # the example recording must exist, as the comment says
        (project / "content/chuong-trinh/thoi-su/audio").mkdir()
        (project / "content/chuong-trinh/thoi-su/audio/2026-11.mp3").write_bytes(b"ID3")
    path.write_text(fill(text), encoding="utf-8")
    assert problems_in(project) == []


def test_the_message_names_the_field_and_what_to_write(project):
    assert new("feedback", "Hỏi", "về", "hộ", "tịch") == 0
    found = problems_in(project)
    assert 'content/phan-anh/hoi-ve-ho-tich.yml:14:10: agency: not filled in yet: "cơ quan xử lý, ví dụ Ủy ban nhân dân xã"' in found[1]


def test_a_placeholder_inside_a_text_is_found_where_it_stands(tmp_path):
    title = 'title: "Tìm hiểu về <<ĐIỀN: tên xã>> và << điền : năm >>"'
    first, second = title.index("<<") + 1, title.rindex("<<") + 1
    root = portal(tmp_path, {"content/tin-tuc/bai.md": ARTICLE.format(title=title.split(": ", 1)[1], extra="")})
    assert problems_in(root) == [
        f'content/tin-tuc/bai.md:2:{first}: title: not filled in yet: "tên xã" (replace the whole <<ĐIỀN: …>> with the real value)',
        f'content/tin-tuc/bai.md:2:{second}: title: not filled in yet: "năm" (replace the whole <<ĐIỀN: …>> with the real value)',
    ]


def test_an_existing_file_is_never_overwritten(project, capsys):
    assert new("hotline", "Đường", "dây", "nóng") == 0
    path = project / "content/duong-day-nong/duong-day-nong.yml"
    path.write_text("edited", encoding="utf-8")
    capsys.readouterr()
    assert new("hotline", "Đường dây nóng") == 1
    assert "content/duong-day-nong/duong-day-nong.yml already exists: nothing was written" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "edited"


def test_a_new_plan_needs_its_header_from_flags_when_nobody_can_be_asked(project, capsys):
    assert new("plan", "Tuyên truyền") == 2
    assert "a new plan needs --number, --issuer, --level" in capsys.readouterr().err
    assert new("plan", "Tuyên truyền", "--number", "15 / KH", "--issuer", "Ủy ban nhân dân xã A", "--level", "huyện", "--year", "2027") == 2
    err = capsys.readouterr().err
    assert '--number: "15 / KH" is not a document number' in err and '--level: "huyện" is not a level (use one of tinh, huyen, xa)' in err
    assert not list((project / "plans").iterdir())


def test_a_new_plan_asks_in_a_terminal(project, monkeypatch, capsys):
    answers = iter(["Kế hoạch tuyên truyền", "18/KH-UBND", "Ủy ban nhân dân phường Phổ Minh", "xa", ""])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert new("plan") == 0
    text = (project / f"plans/{TODAY.year}-pho-minh-18.yml").read_text(encoding="utf-8")
    assert 'number: "18/KH-UBND"' in text and f"period: {TODAY.year}" in text and "level: xa" in text


@pytest.mark.parametrize("issuer, unit", [
    ("Ủy ban nhân dân thành phố Sóc Trăng", "tp-soc-trang"),
    ("Ủy ban nhân dân tỉnh Tây Ninh", "tay-ninh"),
    ("Ủy ban nhân dân phường Phổ Minh", "pho-minh"),
    ("UBND xã Mỹ Xuyên", "my-xuyen"),
])
def test_plan_file_names_follow_the_demo_plans(issuer, unit):
    assert scaffold.plan_unit(issuer) == unit


def test_an_episode_goes_into_the_series_named(project, capsys):
    (project / "content/chuong-trinh/khac").mkdir()
    (project / "content/chuong-trinh/khac/series.yml").write_text(SERIES, encoding="utf-8")
    assert new("episode", "Số 1") == 1
    assert "say which series the episode belongs to with --series (one of khac, thoi-su)" in capsys.readouterr().err
    assert new("episode", "Số 1", "--series", "khac") == 0
    assert (project / "content/chuong-trinh/khac/so-1.md").is_file()


def test_officers_read_it_in_vietnamese(project, monkeypatch, capsys):
    monkeypatch.setenv("CCHC_LANG", "vi")
    assert new("article", "Tin", "mới") == 0
    assert capsys.readouterr().out.startswith(f"Đã tạo content/tin-tuc/{TODAY.year}/tin-moi.md\nViệc tiếp theo:")
    assert 'summary: chưa điền: "một hoặc hai câu tóm tắt bài viết" (thay cả đoạn <<ĐIỀN: …>> bằng nội dung thật)' in problems_in(project)[0]
    assert "not filled in yet: {what}" in catalogue()


def test_outside_the_portal_nothing_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert new("article", "Tin") == 2
    assert "there is no content/ folder here: run the command in the portal's folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
