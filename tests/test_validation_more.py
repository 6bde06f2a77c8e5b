"""Issue 9: inputs that raised a traceback, text as officers produce it, plans that contradict
themselves, and limits. Messages verbatim, on fixture portals of a few files."""
from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from generator import delivery, derive, pages
from generator.content import load_corpus
from generator.kinds.plan import Issuer
from generator.text import compare_key

PLAN = """\
type: ke_hoach
number: "15/KH-UBND"
issuer:
  name: Ủy ban nhân dân tỉnh Sóc Trăng
  level: tinh
date: 2021-02-15
title: Tuyên truyền cải cách hành chính năm 2021
period: 2021
"""
# Content items with `no` and `lead` are the tasks of a plan without an appendix.
ITEMS = """\
sections:
  - heading: Nội dung
    kind: content
    items:
      - no: "1."
        title: Tuyên truyền
        lead: Sở Nội vụ
      - no: "2."
        title: Tập huấn
        lead: Sở Tư pháp
"""
APPENDIX = """\
appendix:
  tasks:
    - no: 1
      content: Tuyên truyền
      lead: Sở Nội vụ
      timeframe: monthly
"""
HOTLINE = """\
agency: Ủy ban nhân dân phường 5
level: xa
receives: [thu_tuc_hanh_chinh]
phones:
  - "0299 3821 234"
last_verified: 2026-10-01
"""
ACTIVITY = """\
---
title: Hội nghị
kind: hoi_nghi
date: 2021-04-01 08:00
summary: Tóm tắt
{extra}---

Nội dung.
"""
SERIES = "name: Chuyên mục\nchannel: radio\nagency: Đài\ncadence: {cadence}\nperiod: 2021\n"


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(p) for p in sorted(load(tmp_path, files)[1])]


def load(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "plans").mkdir(exist_ok=True)
    (tmp_path / "content").mkdir(exist_ok=True)
    return load_corpus(tmp_path, tmp_path / "plans", tmp_path / "content")


# --- inputs that raised a traceback ------------------------------------------------------------

@pytest.mark.parametrize(
    "phone, message",
    [
        ("0", '"0" is not a phone number: it has only 1 digits'),
        ("+84", '"+84" is not a phone number: it has only 1 digits'),
        ("0²99 3821 234", '"0²99 3821 234" is not a phone number: only digits, spaces, dots and a leading +84 are allowed'),
        ("٠٩١٢٣٤٥٦٧٨", '"٠٩١٢٣٤٥٦٧٨" is not a phone number: only digits, spaces, dots and a leading +84 are allowed'),
    ],
)
def test_malformed_phone_numbers(tmp_path, phone, message):
    text = HOTLINE.replace('"0299 3821 234"', f'"{phone}"')
    hint = 'write it as on the notice: a landline "0299 3821 234", a mobile "0912 345 678" or "1800 1096"'
    assert problems_of(tmp_path, {"content/duong-day-nong/p5.yml": text}) == [
        f"content/duong-day-nong/p5.yml:5:5: phones[1]: {message} ({hint})"
    ]


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("participants: ²\n", 'content/hoat-dong/a.md:6:15: participants: expected a whole number, found "²" (write digits only, e.g. 3)'),
        ("participants: ٣\n", 'content/hoat-dong/a.md:6:15: participants: expected a whole number, found "٣" (write digits only, e.g. 3)'),
        ("participants: １２\n", 'content/hoat-dong/a.md:6:15: participants: expected a whole number, found "１２" (write digits only, e.g. 3)'),
        ("participants: " + "9" * 40 + "\n", "content/hoat-dong/a.md:6:15: participants: 999999999999999… is too large a number (write the real count)"),
        ("end: 2021-٠٤-01\n", 'content/hoat-dong/a.md:6:6: end: "2021-٠٤-01" is not a date (write it as 2021-02-15, year-month-day)'),
        ("end: 0000-04-01\n", 'content/hoat-dong/a.md:6:6: end: "0000-04-01" is not a date: the year must be 1900–2100 (write it as 2021-03-15 08:30)'),
    ],
)
def test_non_ascii_digits_and_huge_numbers(tmp_path, extra, expected):
    assert problems_of(tmp_path, {"content/hoat-dong/a.md": ACTIVITY.format(extra=extra)}) == [expected]


def test_non_ascii_digits_in_a_number_field_and_a_timeframe(tmp_path):
    text = PLAN.replace("period: 2021", "period: ٢٠٢١") + "sections:\n  - targets:\n      - text: Tỷ lệ\n        value: ٩٥\n"
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        'plans/p.yml:8:9: period: unknown timeframe "٢٠٢١" (write e.g. 2021-03, 2022-Q2, 2022-H1, 2025, monthly, yearly, '
        '"before 2022-11", "by 2030" or "2022-06-30..2030"; see plans/README.md)',
        'plans/p.yml:12:16: sections[1].targets[1].value: expected a number, found "٩٥" (write digits, e.g. 95)',
    ]


def test_duplicate_item_numbers_in_a_plan_without_appendix(tmp_path):
    text = PLAN + ITEMS.replace('no: "2."', 'no: "1)"')
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        "plans/p.yml:16:13: task 1.no: task number 1 is used twice (first on line 13) "
        "(number the items with a `lead` differently: articles refer to tasks by their number)"
    ]


def test_a_task_item_with_no_text(tmp_path):
    text = PLAN + ITEMS.replace("        title: Tập huấn\n", "")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        "plans/p.yml:16:13: task 2.title: a task (an item with `no` and `lead`) says nothing to do (add `title:` or `text:` with the task)"
    ]


def test_control_characters_are_named_with_their_place(tmp_path):
    text = PLAN.replace("năm 2021", "năm\x072021")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        "plans/p.yml:7:44: the file contains the invisible control character U+0007, which YAML does not allow "
        "(delete it; it comes with text copied from a PDF or a web page)"
    ]


# --- text as officers produce it -----------------------------------------------------------------

def test_compare_key_equates_tone_placements_case_and_normal_forms():
    for old, new in [("Uỷ ban", "Ủy ban"), ("hoà", "hòa"), ("thuý", "thúy"), ("oà", "òa"), ("oé", "óe"), ("uý", "úy")]:
        assert compare_key(old) == compare_key(new)
    assert compare_key(unicodedata.normalize("NFD", "Hòa  Bình")) == compare_key("HOÀ BÌNH")
    assert compare_key("hòa") != compare_key("hoa") and compare_key("hòa") != compare_key("hóa")


def test_the_document_header_recognises_either_tone_placement_and_prints_it_as_written():
    assert Issuer("Uỷ ban nhân dân thành phố Sóc Trăng", "tinh").header_lines == ("UỶ BAN NHÂN DÂN", "THÀNH PHỐ SÓC TRĂNG")
    assert Issuer("Ủy ban nhân dân tỉnh Tây Ninh", "tinh").header_lines == ("ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH")
    assert Issuer("Sở Nội vụ", "tinh").header_lines == ("SỞ NỘI VỤ",)


def test_tone_variants_group_together_and_are_duplicates(tmp_path):
    old = PLAN.replace("Ủy ban", "Uỷ ban").replace("15/KH-UBND", "16/KH-UBND")
    dup = PLAN.replace("Ủy ban nhân dân", unicodedata.normalize("NFD", "UỶ BAN NHÂN DÂN"))
    corpus, problems = load(tmp_path, {"plans/a.yml": PLAN, "plans/b.yml": old, "plans/c.yml": dup})
    assert [str(p) for p in problems] == [
        "plans/c.yml:2:9: number: 15/KH-UBND of UỶ BAN NHÂN DÂN tỉnh Sóc Trăng (2021) is also in plans/a.yml:2:9 (keep each plan in one file only)"
    ]
    (year,) = derive.by_year_and_issuer(corpus.plans)
    (group,) = year.issuers
    assert group.issuer == "Ủy ban nhân dân tỉnh Sóc Trăng" and [p.slug for p in group.plans] == ["a", "b", "c"]
    site = pages.build_site(corpus, dt.date(2026, 11, 22), "https://example.gov.vn/")
    page = site.generated["ke-hoach/b/index.md"]
    assert "UỶ BAN NHÂN DÂN<br>TỈNH SÓC TRĂNG" in page  # the header, as written


@pytest.mark.parametrize(
    "line, expected",
    [
        ('number: “15/KH-UBND”', 'plans/p.yml:2:9: number: is written in curly quotes “…”, which YAML keeps as part of the value '
                                 '(Word "smart quotes" are not YAML quotes; type straight quotes "…"; to print curly quotes, put the whole value in straight quotes)'),
        ('number: “15/KH-UBND: 2021”', 'plans/p.yml:2:20: YAML syntax error: mapping values are not allowed here '
                                       '(Word "smart quotes" are not YAML quotes; type straight quotes "…")'),
    ],
)
def test_word_curly_quotes_are_named(tmp_path, line, expected):
    assert problems_of(tmp_path, {"plans/p.yml": PLAN.replace('number: "15/KH-UBND"', line)}) == [expected]


def test_curly_quotes_around_a_choice_are_named(tmp_path):
    assert problems_of(tmp_path, {"plans/p.yml": PLAN.replace("level: tinh", "level: “tinh”")}) == [
        'plans/p.yml:5:10: issuer.level: unknown value "“tinh”" (Word "smart quotes" are not YAML quotes; type straight quotes "…")'
    ]


def test_straight_quoted_curly_quotes_are_text(tmp_path):
    corpus, problems = load(tmp_path, {"plans/p.yml": PLAN.replace("title: Tuyên", 'title: "“Tuyên') .replace("năm 2021\n", "năm 2021”\"\n", 1)})
    assert problems == [] and corpus.plans[0].title == "“Tuyên truyền cải cách hành chính năm 2021”"


def test_a_list_item_indented_too_far_is_named(tmp_path):
    text = PLAN + "legal_bases:\n  - Căn cứ Luật\n   - Căn cứ Nghị định\n"
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        'plans/p.yml:10:5: legal_bases[1]: the line "- Căn cứ Nghị định" is read as part of this text, not as a list item '
        "(check the indentation: items of one list must line up; for a Markdown list inside a text, write `|` after the colon)"
    ]


def test_a_tab_in_the_indentation_is_named(tmp_path):
    assert problems_of(tmp_path, {"plans/p.yml": PLAN.replace("  level: tinh", "\tlevel: tinh")}) == [
        "plans/p.yml:5:1: YAML syntax error: found character '\\t' that cannot start any token while scanning for the next token "
        "(indent with spaces, not tabs)"
    ]


def test_plan_download_keeps_the_text_as_written(tmp_path):
    decomposed = unicodedata.normalize("NFD", PLAN)
    corpus, problems = load(tmp_path, {"plans/p.yml": decomposed})
    assert problems == []
    assert corpus.plans[0].issuer.name == "Ủy ban nhân dân tỉnh Sóc Trăng"  # NFC for use
    assert corpus.plans[0].text == decomposed  # the file offered for download is the officer's own


# --- plans that contradict themselves -------------------------------------------------------------

def test_a_plan_for_its_own_year_is_fine(tmp_path):
    assert problems_of(tmp_path, {"plans/p.yml": PLAN + APPENDIX}) == []


def test_a_period_ending_before_the_issue_date(tmp_path):
    text = PLAN.replace("period: 2021", "period: 2020")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        "plans/p.yml:8:9: period: ends on 2020-12-31, before the plan's date 2021-02-15 "
        "(a plan covers time after it is issued: check the years (copied from an older plan?))"
    ]


@pytest.mark.parametrize(
    "timeframe, position",
    [("2020-05", "14:18"), ("before 2021-01", "14:18"), ("monthly 2022", "14:18"), ("2022-Q1", "14:18")],
)
def test_an_appendix_task_outside_the_period(tmp_path, timeframe, position):
    text = PLAN + APPENDIX.replace("timeframe: monthly", f"timeframe: {timeframe}")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        f"plans/p.yml:{position}: appendix.tasks[1].timeframe: {timeframe} lies outside the plan's period 2021 "
        "(check the year of the task or of `period`)"
    ]


def test_a_task_item_outside_the_period(tmp_path):
    text = PLAN + ITEMS.replace("        lead: Sở Tư pháp\n", "        lead: Sở Tư pháp\n        timeframe: 2019-Q4\n")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        "plans/p.yml:19:20: task 2.timeframe: 2019-Q4 lies outside the plan's period 2021 (check the year of the task or of `period`)"
    ]


def test_district_level_after_july_2025(tmp_path):
    late = PLAN.replace("level: tinh", "level: huyen").replace("2021", "2025").replace("2025-02-15", "2025-07-01")
    early = late.replace("2025-07-01", "2025-06-30")
    assert problems_of(tmp_path, {"plans/p.yml": late}) == [
        "plans/p.yml:5:10: issuer.level: the district level (huyen) no longer exists on 2025-07-01: it was abolished on 2025-07-01 (use tinh or xa)"
    ]
    assert problems_of(tmp_path, {"plans/p.yml": early}) == []


@pytest.mark.parametrize("value, whole", [("1.000", "1000"), ("2.500.000", "2500000")])
def test_a_thousands_dot_in_a_number(tmp_path, value, whole):
    text = PLAN + f"sections:\n  - targets:\n      - text: Hồ sơ\n        value: {value}\n"
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        f"plans/p.yml:12:16: sections[1].targets[1].value: {value} would be read as a decimal number, not as {whole} "
        f"(write whole numbers without thousands dots: {whole}; a decimal is written 1.5 or 1,5)"
    ]


def test_decimals_are_still_numbers(tmp_path):
    text = PLAN + "sections:\n  - targets:\n      - text: A\n        value: 1.5\n      - text: B\n        value: 99,5\n"
    corpus, problems = load(tmp_path, {"plans/p.yml": text})
    assert problems == [] and [t.value for t in corpus.plans[0].sections[0].targets] == [1.5, 99.5]


WEEKLY = 'a weekly cadence is not supported (write {when: monthly, count: 4} for four times a month; progress is counted per month)'


def test_weekly_is_refused_in_a_plan_task(tmp_path):
    text = PLAN + APPENDIX.replace("timeframe: monthly", "timeframe: {when: weekly, count: 1}")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [f'plans/p.yml:14:25: appendix.tasks[1].timeframe.when: "weekly": {WEEKLY}']


def test_weekly_is_refused_as_a_series_cadence(tmp_path):
    files = {"content/chuong-trinh/cm/series.yml": SERIES.format(cadence="weekly 2021")}
    assert problems_of(tmp_path, files) == [f'content/chuong-trinh/cm/series.yml:4:10: cadence: "weekly 2021": {WEEKLY}']


def test_four_a_month_is_counted_per_month(tmp_path):
    """What officers write instead of weekly: a month is covered by four items."""
    corpus, problems = load(tmp_path, {"plans/p.yml": PLAN + APPENDIX.replace("timeframe: monthly", "timeframe: {when: monthly, count: 4}")})
    assert problems == []
    (task,) = corpus.plans[0].tasks

    class Item:
        def __init__(self, day):
            self.date = dt.datetime.combine(day, dt.time())

    items = [Item(dt.date(2021, 1, d)) for d in (4, 11, 18, 25)] + [Item(dt.date(2021, 2, d)) for d in (1, 8, 15)]
    state = delivery.task_status(task.timeframe, corpus.plans[0].period, items, dt.date(2021, 3, 1))
    assert state.coverage == "1/3 tháng" and state.status == "overdue"


# --- limits ------------------------------------------------------------------------------------------

def test_very_deep_nesting_in_a_plan(tmp_path):
    assert problems_of(tmp_path, {"plans/p.yml": PLAN + "legal_bases: " + "[" * 10000 + "\n"}) == [
        "plans/p.yml:9:45: lists or fields are nested more than 32 levels deep (check the brackets [ ] and { } and the indentation)"
    ]


def test_very_deep_nesting_in_front_matter(tmp_path):
    text = ACTIVITY.format(extra="outputs: " + "{a: " * 5000 + "\n")
    assert problems_of(tmp_path, {"content/hoat-dong/a.md": text}) == [
        "content/hoat-dong/a.md:6:131: lists or fields are nested more than 32 levels deep (check the brackets [ ] and { } and the indentation)"
    ]


def test_a_field_indented_out_of_its_set_of_fields(tmp_path):
    text = PLAN.replace("  level: tinh", "level: tinh")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        "plans/p.yml:4:3: issuer.level: is missing (add `level:` to `issuer`)",
        "plans/p.yml:5:1: level: unknown field (`level` is a field of `issuer`: indent it like the other fields of `issuer`)",
    ]


def test_a_field_indented_into_the_set_of_fields_above(tmp_path):
    text = PLAN.replace("date: 2021-02-15", "  date: 2021-02-15")
    assert problems_of(tmp_path, {"plans/p.yml": text}) == [
        "plans/p.yml:1:1: date: is missing (add `date:` to the file)",
        "plans/p.yml:6:3: issuer.date: unknown field (`date` is not a field of `issuer`: indent it less, like `issuer`)",
    ]
