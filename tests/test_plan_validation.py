"""Generator tests (hand-made plan files in tmp dirs): loading and validating plan files: every message asserted verbatim."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import load_corpus

VALID = """\
type: ke_hoach
number: "15/KH-UBND"
issuer:
  name: Ủy ban nhân dân thành phố Sóc Trăng
  level: huyen
date: 2021-02-15
title: Tuyên truyền cải cách hành chính năm 2021
period: 2021
"""


def check(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[list, list[str]]:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name, content in files.items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    corpus, problems = load_corpus(tmp_path, folder, tmp_path / "content")
    return corpus.plans, [str(p) for p in problems]


def problems_of(tmp_path: Path, text: str | bytes) -> list[str]:
    return check(tmp_path, {"p.yml": text})[1]


def test_a_valid_minimal_plan_loads(tmp_path):
    plans, problems = check(tmp_path, {"2021-tp-soc-trang-15.yml": VALID})
    assert problems == []
    (plan,) = plans
    assert plan.slug == "2021-tp-soc-trang-15"
    assert plan.issuer.level_label == "Cấp huyện"
    assert plan.period.describe() == "Năm 2021"
    assert plan.text == VALID


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("recipents:\n  - Sở Nội vụ;\n",
         'plans/p.yml:9:1: recipents: unknown field (did you mean "recipients"?)'),
        ("sections:\n  - heading: Mục tiêu\n    kind: objectves\n",
         'plans/p.yml:11:11: sections[1].kind: unknown value "objectves" (did you mean "objectives"?)'),
        ("closing: 0912345678\n",
         'plans/p.yml:9:10: closing: 0912345678 looks like a phone number; YAML may read it as a number and drop the leading zero (put it in quotes: "0912345678")'),
        ("closing: 8:30\n",
         'plans/p.yml:9:10: closing: YAML reads 8:30 as the number 510, as if it were minutes and seconds (put it in quotes: "8:30")'),
        ("closing: yes\n",
         'plans/p.yml:9:10: closing: YAML reads yes as true, not as text (put it in quotes: "yes")'),
        ("sections:\n  - no: 01\n    heading: x\n",
         'plans/p.yml:10:9: sections[1].no: YAML may read 01 as a number: the leading zero would be lost (put it in quotes: "01")'),
        ("legal_bases: Căn cứ Kế hoạch số 19/KH-UBND\n",
         "plans/p.yml:9:14: legal_bases: expected a list, found a single value"),
        ("sections:\n  - heading: [a, b]\n",
         "plans/p.yml:10:14: sections[1].heading: expected text, found a list"),
        ("title: Lặp lại\n",
         "plans/p.yml:9:1: title: appears twice (first on line 7) (keep one of them)"),
        ("preamble: \"không đóng ngoặc\n",
         "plans/p.yml:10:1: YAML syntax error: found unexpected end of stream while scanning a quoted scalar that starts at line 9, column 11 (a quote is opened but never closed)"),
        ("preamble: Như sau: nội dung\n",
         'plans/p.yml:9:18: YAML syntax error: mapping values are not allowed here (a value that contains ": " must be put in quotes)'),
        ("sections:\n\t- heading: x\n",
         "plans/p.yml:10:1: YAML syntax error: found character '\\t' that cannot start any token while scanning for the next token (indent with spaces, not tabs)"),
        ("appendix:\n  tasks:\n    - no: 1\n      content: Chuyên mục\n      timeframe: hàng tháng\n",
         'plans/p.yml:13:18: appendix.tasks[1].timeframe: unknown timeframe "hàng tháng" (write e.g. 2021-03, 2022-Q2, 2022-H1, 2025, monthly, yearly, "before 2022-11", "by 2030" or "2022-06-30..2030"; see plans/README.md)'),
        ("appendix:\n  tasks:\n    - no: 1\n      content: Chuyên mục\n      timeframe: {when: 2021-03, count: 2}\n",
         "plans/p.yml:13:41: appendix.tasks[1].timeframe.count: a count only goes with a recurring timeframe (use monthly, quarterly, yearly… in `when`, or remove `count`)"),
        ("appendix:\n  tasks:\n    - no: 1\n      content: A\n      timeframe: 2021-03\n    - no: 1\n      content: B\n      timeframe: 2021-04\n",
         "plans/p.yml:14:11: appendix.tasks[2].no: task number 1 is used twice (first on line 11) (give each row its own number)"),
    ],
)
def test_one_mistake_one_message(tmp_path, extra, expected):
    assert problems_of(tmp_path, VALID + extra) == [expected]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("period: 2021", "period: 2021-13", 'plans/p.yml:8:9: period: "2021-13" is not a timeframe: month must be 1–12'),
        ("date: 2021-02-15", "date: 2021-02-30", 'plans/p.yml:6:7: date: "2021-02-30" is not a date: February 2021 has 28 days'),
        ("date: 2021-02-15", "date: 15/13/2021", 'plans/p.yml:6:7: date: "15/13/2021" is not a date: month must be 1–12'),
        ("date: 2021-02-15", "date: hôm nay", 'plans/p.yml:6:7: date: "hôm nay" is not a date (write it as 2021-02-15, year-month-day)'),
        ("title: Tuyên truyền cải cách hành chính năm 2021\n", "", "plans/p.yml:1:1: title: is missing (add `title:` to the file)"),
        ("  level: huyen\n", "", "plans/p.yml:4:3: issuer.level: is missing (add `level:` to `issuer`)"),
        ("level: huyen", "level: quan", 'plans/p.yml:5:10: issuer.level: unknown value "quan" (use one of: tinh, huyen, xa)'),
        ('"15/KH-UBND"', '"15 /KH-UBND"', 'plans/p.yml:2:9: number: "15 /KH-UBND" is not a document number (write "15/KH-UBND")'),
        ('number: "15/KH-UBND"\n', "", 'plans/p.yml:1:1: number: is missing (add e.g. `number: "15/KH-UBND"`; an Đề án approved by a Quyết định gives `approval:` instead)'),
        ("period: 2021", "period: monthly", 'plans/p.yml:8:9: period: must say which years the plan covers (write e.g. 2021 or "2022-06-30..2030")'),
        ("type: ke_hoach", "type: kehoach", 'plans/p.yml:1:7: type: unknown value "kehoach" (did you mean "ke_hoach"?)'),
    ],
)
def test_field_mistakes(tmp_path, old, new, expected):
    assert old in VALID
    assert problems_of(tmp_path, VALID.replace(old, new)) == [expected]


def test_every_problem_of_a_file_is_reported_in_one_run(tmp_path):
    text = VALID.replace("period: 2021", "period: 2021-13").replace("level: huyen", "level: quan") + "objectves: []\n"
    assert problems_of(tmp_path, text) == [
        'plans/p.yml:5:10: issuer.level: unknown value "quan" (use one of: tinh, huyen, xa)',
        'plans/p.yml:8:9: period: "2021-13" is not a timeframe: month must be 1–12',
        'plans/p.yml:9:1: objectves: unknown field (fields allowed here: type, number, issuer, place, date, title, period, attached_to, legal_bases, preamble, sections, closing, recipients, signer, appendix, approval, source)',
    ]


def test_problems_in_several_files_are_all_reported(tmp_path):
    _, problems = check(tmp_path, {"a.yml": "", "b.yml": VALID + "closing: 8:30\n", "c.yml": VALID.replace("2021-02-15", "2021-02-29")})
    assert problems == [
        "plans/a.yml:1:1: the file is empty (write the plan's fields, see plans/README.md)",
        'plans/b.yml:9:10: closing: YAML reads 8:30 as the number 510, as if it were minutes and seconds (put it in quotes: "8:30")',
        'plans/c.yml:6:7: date: "2021-02-29" is not a date: February 2021 has 28 days',
    ]


def test_a_file_of_only_comments(tmp_path):
    assert problems_of(tmp_path, "# chưa viết\n") == [
        "plans/p.yml:1:1: the file has no content, only comments (write the plan's fields, see plans/README.md)"
    ]


def test_a_file_that_is_not_utf8(tmp_path):
    text = VALID.encode("utf-8") + b"closing: K\xe1 ho\xe1ch\n"  # Latin-1-ish bytes
    assert problems_of(tmp_path, text) == [
        'plans/p.yml:9:11: the file is not UTF-8 text (byte 0xE1 cannot be read) (save it as UTF-8 in your editor ("Save with encoding: UTF-8"))'
    ]


def test_byte_order_mark_and_windows_line_endings_simply_work(tmp_path):
    data = b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8")
    plans, problems = check(tmp_path, {"p.yml": data})
    assert problems == []
    assert plans[0].title == "Tuyên truyền cải cách hành chính năm 2021"


def test_decomposed_vietnamese_is_normalised(tmp_path):
    decomposed = VALID.replace("Tuyên truyền", "Tuye\u0302n truye\u0302\u0300n")
    plans, _ = check(tmp_path, {"p.yml": decomposed})
    assert plans[0].title == "Tuyên truyền cải cách hành chính năm 2021"


def test_two_documents_in_one_file(tmp_path):
    assert problems_of(tmp_path, VALID + "---\n" + VALID) == [
        "plans/p.yml:10:1: the file holds more than one YAML document (a line `---` splits them) (put one plan per file)"
    ]


def test_the_same_plan_in_two_files_names_both(tmp_path):
    _, problems = check(tmp_path, {"a.yml": VALID, "b.yml": VALID})
    assert problems == [
        "plans/b.yml:2:9: number: 15/KH-UBND of Ủy ban nhân dân thành phố Sóc Trăng (2021) is also in plans/a.yml:2:9 (keep each plan in one file only)"
    ]


def test_the_same_number_from_another_year_or_issuer_is_fine(tmp_path):
    other_year = VALID.replace("2021-02-15", "2022-02-15").replace("period: 2021", "period: 2022")
    other_issuer = VALID.replace("thành phố Sóc Trăng", "tỉnh Tây Ninh")
    plans, problems = check(tmp_path, {"a.yml": VALID, "b.yml": other_year, "c.yml": other_issuer})
    assert problems == [] and len(plans) == 3


def test_two_files_with_the_same_address_name_both(tmp_path):
    later = VALID.replace('"15/KH-UBND"', '"16/KH-UBND"')
    _, problems = check(tmp_path, {"Kế-hoạch.yml": VALID, "ke-hoach.yaml": later})
    assert problems == [
        "plans/ke-hoach.yaml:1:1: gets the same address /ke-hoach/ke-hoach/ as plans/Kế-hoạch.yml (rename one of the two files)"
    ]


def test_rich_items_sections_and_timeframe_labels(tmp_path):
    text = VALID + """\
sections:
  - no: II.
    heading: NỘI DUNG TUYÊN TRUYỀN
    kind: content
    marker: "1."
    items:
      - Một dòng *nhấn mạnh*
      - no: "1."
        title: Tuyên truyền trong nội bộ
        lead: Các sở, ban, ngành
        content: [Đưa thông tin, Tập huấn]
        products: Tài liệu tập huấn
        labels: {lead: Cơ quan chủ trì}
appendix:
  tasks:
    - no: 1
      content: Chuyên mục
      lead: [Đài Truyền thanh thành phố, Văn phòng HĐND- UBND]
      timeframe: {when: monthly, count: 1, unit: chuyên mục, label: Định kỳ mỗi tháng 01 chuyên mục}
"""
    plans, problems = check(tmp_path, {"p.yml": text})
    assert problems == []
    section = plans[0].sections[0]
    simple, rich = section.items
    assert simple.simple and simple.text == "Một dòng *nhấn mạnh*"
    assert rich.content == ("Đưa thông tin", "Tập huấn") and rich.products == ("Tài liệu tập huấn",)
    assert rich.label("lead") == "Cơ quan chủ trì" and rich.label("coordinating") == "Cơ quan phối hợp"
    task = plans[0].tasks[0]
    assert task.no == "1" and task.lead == ("Đài Truyền thanh thành phố", "Văn phòng HĐND- UBND")
    assert task.timeframe.describe() == "Định kỳ mỗi tháng 01 chuyên mục"
    assert task.timeframe.count == 1 and task.timeframe.recurring.unit == "month"
