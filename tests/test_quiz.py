"""Quizzes (hội thi tìm hiểu): the YAML checks, the self-check page, the printable question
sheet and the answer key. Each test writes its own small portal; expected values come from
the quiz written here."""
from __future__ import annotations

import pytest
import yaml

from generator.sanitize import clean

from .conftest import Site, run_cchc
from .test_inventory import PLAN, portal, problems_in

LETTERS = "ABCDEF"
QUIZ = """\
title: Tìm hiểu một cửa
description: Ba câu hỏi về **Bộ phận một cửa**.
plan: "2026-xa-mau-15#1"
questions:
  - question: Thủ tục hành chính được niêm yết ở đâu?
    choices: [Tại Bộ phận một cửa, Tại chợ, Tại trường học]
    answer: 1
    explanation: Niêm yết công khai tại Bộ phận một cửa của xã.
    source: /ke-hoach/2026-xa-mau-15/#nhiem-vu-1
  - question: Đường dây nóng dùng để làm gì?
    choices: [Đặt hàng, Tiếp nhận phản ánh, kiến nghị, Báo thời tiết, Nộp lệ phí]
    answer: 2
    explanation: Đường dây nóng tiếp nhận phản ánh, kiến nghị về quy định hành chính.
    source: https://dichvucong.gov.vn/
  - question: Dịch vụ công trực tuyến nộp ở đâu?
    choices: [Cổng Dịch vụ công, Bưu điện]
    answer: 1
    explanation: Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.
    source: /ke-hoach/2026-xa-mau-15/
"""
QUIZ_FILE = "content/hoi-thi/mot-cua.yml"


def written() -> dict:
    """The quiz as its officer wrote it, read back for the expected values."""
    return yaml.safe_load(QUIZ)


def test_a_good_quiz_has_no_problems(tmp_path):
    assert problems_in(portal(tmp_path, {"plans/2026-xa-mau-15.yml": PLAN, QUIZ_FILE: QUIZ})) == []


BAD = [
    ("answer: 1\n    explanation: Niêm", "answer: 4\n    explanation: Niêm",
     "content/hoi-thi/mot-cua.yml:7:13: questions[1].answer: is 4, but the question has 3 choices (give the number of the right choice, 1 to 3)"),
    ("answer: 1\n    explanation: Niêm", "answer: 0\n    explanation: Niêm",
     "content/hoi-thi/mot-cua.yml:7:13: questions[1].answer: must be 1 or more, found 0"),
    ("answer: 1\n    explanation: Niêm", "answer: Tại chợ\n    explanation: Niêm",
     'content/hoi-thi/mot-cua.yml:7:13: questions[1].answer: expected the number of the right choice, found "Tại chợ" '
     "(count the choices from 1: answer: 2 means the second choice is right)"),
    ("[Tại Bộ phận một cửa, Tại chợ, Tại trường học]", "[Tại Bộ phận một cửa, Tại chợ, tại  CHỢ]",
     'content/hoi-thi/mot-cua.yml:6:45: questions[1].choices[3]: repeats choice 2 "tại  CHỢ" (make every choice different)'),
    ("[Cổng Dịch vụ công, Bưu điện]", "[Cổng Dịch vụ công]",
     "content/hoi-thi/mot-cua.yml:16:14: questions[3].choices: has 1 choice (give 2 to 6 choices; the printed sheet letters them A–F)"),
    ("[Cổng Dịch vụ công, Bưu điện]", "[a, b, c, d, e, f, g]",
     "content/hoi-thi/mot-cua.yml:16:14: questions[3].choices: has 7 choices (give 2 to 6 choices; the printed sheet letters them A–F)"),
    ("source: https://dichvucong.gov.vn/", "source: http://dichvucong.gov.vn/",
     'content/hoi-thi/mot-cua.yml:14:13: questions[2].source: "http://dichvucong.gov.vn/" is not a secure web address '
     '(give a page of the portal such as "/ke-hoach/2022-soc-trang-1738/" or a full address starting with https://)'),
    ("source: https://dichvucong.gov.vn/", 'source: "javascript:alert(1)"',
     'content/hoi-thi/mot-cua.yml:14:13: questions[2].source: "javascript:alert(1)" is not a web address '
     '(give a page of the portal such as "/ke-hoach/2022-soc-trang-1738/" or a full address starting with https://)'),
    ("source: /ke-hoach/2026-xa-mau-15/\n", "source: //example.com/x\n",
     'content/hoi-thi/mot-cua.yml:19:13: questions[3].source: "//example.com/x" is not a page of the portal '
     '(give a page of the portal such as "/ke-hoach/2022-soc-trang-1738/" or a full address starting with https://)'),
    ('plan: "2026-xa-mau-15#1"', 'plan: "2026-xa-mau-15#9"',
     "content/hoi-thi/mot-cua.yml:3:7: plan: plan 2026-xa-mau-15 has no task 9 (its tasks are: 1)"),
    ("    explanation: Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.\n", "",
     "content/hoi-thi/mot-cua.yml:15:5: questions[3].explanation: is missing (add `explanation:` to `questions[3]`)"),
    ("    answer: 2\n", "    anwser: 2\n",
     'content/hoi-thi/mot-cua.yml:12:5: questions[2].anwser: unknown field (did you mean "answer"?)'),
]


@pytest.mark.parametrize("old, new, expected", BAD, ids=[b[2].split(": ", 2)[1] + " " + str(i) for i, b in enumerate(BAD)])
def test_quiz_mistakes_are_reported_where_they_are(tmp_path, old, new, expected):
    assert old in QUIZ
    root = portal(tmp_path, {"plans/2026-xa-mau-15.yml": PLAN, QUIZ_FILE: QUIZ.replace(old, new, 1)})
    assert expected in problems_in(root)


def test_every_mistake_of_a_question_is_reported_in_one_run(tmp_path):
    text = QUIZ.replace("[Tại Bộ phận một cửa, Tại chợ, Tại trường học]", "[Tại chợ, Tại chợ]").replace("answer: 1\n    explanation: Niêm", "answer: 5\n    explanation: Niêm")
    text = text.replace("source: /ke-hoach/2026-xa-mau-15/#nhiem-vu-1", "source: ke-hoach")
    found = problems_in(portal(tmp_path, {"plans/2026-xa-mau-15.yml": PLAN, QUIZ_FILE: text}))
    assert [line.split(": ")[1] for line in found] == ["questions[1].choices[2]", "questions[1].answer", "questions[1].source"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = portal(tmp_path_factory.mktemp("quiz"), {"plans/2026-xa-mau-15.yml": PLAN, QUIZ_FILE: QUIZ})
    result = run_cchc(root, "build")
    assert result.returncode == 0, result.stderr
    return Site(root / "site")


def test_the_quiz_page_asks_every_question_with_its_choices_and_answers(built):
    quiz = written()
    page = built.page("/hoi-thi/mot-cua/")
    form = page.select_one("form[data-cchc-quiz]")
    fieldsets = form.select("fieldset")
    assert len(fieldsets) == len(quiz["questions"])
    for n, (fieldset, question) in enumerate(zip(fieldsets, quiz["questions"]), 1):
        assert fieldset.legend.get_text(" ", strip=True) == f"Câu {n}. {question['question']}"
        assert fieldset["data-answer"] == str(question["answer"])
        radios = fieldset.select("input[type=radio]")
        assert [r["value"] for r in radios] == [str(i) for i in range(1, len(question["choices"]) + 1)]
        assert {r["name"] for r in radios} == {f"cchc-cau-{n}"}  # one group per question: arrow keys move within it
        labels = [page.select_one(f'label[for="{r["id"]}"]').get_text(" ", strip=True) for r in radios]
        assert labels == [f"{LETTERS[i]}. {c}" for i, c in enumerate(question["choices"])]
        result = fieldset.select_one(".cchc-quiz__result")
        assert result.has_attr("hidden")  # shown by the Kiểm tra button only
        assert question["explanation"] in result.get_text(" ", strip=True)
        assert f"Đáp án đúng: {LETTERS[question['answer'] - 1]}." in result.get_text(" ", strip=True)
    sources = [built.resolve("/hoi-thi/mot-cua/", f.select_one(".cchc-quiz__source a")["href"]) for f in fieldsets[::2]]
    assert sources == ["/ke-hoach/2026-xa-mau-15/#nhiem-vu-1", "/ke-hoach/2026-xa-mau-15/"]
    assert fieldsets[1].select_one(".cchc-quiz__source a")["href"] == "https://dichvucong.gov.vn/"
    check = form.select_one("button[data-cchc-quiz-check]")
    assert check.get_text(strip=True) == "Kiểm tra" and check["type"] == "button"
    assert page.select_one(".cchc-quiz__score")["role"] == "status"


def test_the_quiz_page_links_its_plan_task_sheet_and_key(built):
    page = built.page("/hoi-thi/mot-cua/")
    hrefs = {built.resolve("/hoi-thi/mot-cua/", a["href"]) for a in page.select("article a[href]") if "://" not in a["href"]}
    assert {"/ke-hoach/2026-xa-mau-15/#nhiem-vu-1", "/hoi-thi/mot-cua/de-thi/", "/hoi-thi/mot-cua/dap-an/", "/hoi-thi/"} <= hrefs


def test_the_quiz_script_is_loaded_from_the_site_and_allowed_by_the_policy(built):
    page = built.page("/hoi-thi/mot-cua/")
    assert any(s.get("src", "").endswith("assets/javascripts/quiz.js") for s in page.select("script"))
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "script-src 'self'" in policy
    assert not page.select("article script") and not page.select("article [onclick], article [onchange]")
    script = (built.root / "assets" / "javascripts" / "quiz.js").read_text(encoding="utf-8")
    for forbidden in ("localStorage", "sessionStorage", "fetch(", "XMLHttpRequest", "document.cookie", "sendBeacon", "indexedDB"):
        assert forbidden not in script  # records nothing anywhere


def test_the_question_sheet_has_every_question_and_no_answer(built):
    quiz = written()
    page = built.page("/hoi-thi/mot-cua/de-thi/")
    sheet = page.select_one(".cchc-sheet")
    text = sheet.get_text(" ", strip=True)
    assert "Họ và tên:" in text
    items = sheet.select(".cchc-sheet__question")
    assert len(items) == len(quiz["questions"])
    for n, (item, question) in enumerate(zip(items, quiz["questions"]), 1):
        assert item.p.get_text(" ", strip=True) == f"Câu {n}. {question['question']}"
        assert [li.get_text(" ", strip=True) for li in item.select("li")] == [f"{LETTERS[i]}. {c}" for i, c in enumerate(question["choices"])]
    for question in quiz["questions"]:
        assert question["explanation"] not in page.get_text(" ")
    assert not page.select("article [data-answer], article input, .cchc-quiz__result")
    assert "Đáp án đúng" not in page.get_text(" ")


def test_the_answer_key_has_every_answer_and_explanation(built):
    quiz = written()
    page = built.page("/hoi-thi/mot-cua/dap-an/")
    rows = page.select("table.cchc-key tbody tr")
    assert len(rows) == len(quiz["questions"])
    for n, (row, question) in enumerate(zip(rows, quiz["questions"]), 1):
        number, answer, explanation = (td.get_text(" ", strip=True) for td in row.select("td"))
        right = question["answer"] - 1
        assert (number, answer) == (str(n), f"{LETTERS[right]}. {question['choices'][right]}")
        assert explanation.startswith(question["explanation"])
    summary = page.select_one(".cchc-sheet__summary").get_text(" ", strip=True)
    assert summary == " · ".join(f"{n}–{LETTERS[q['answer'] - 1]}" for n, q in enumerate(quiz["questions"], 1))


def test_the_quiz_list_names_each_quiz(built):
    page = built.page("/hoi-thi/")
    items = page.select(".cchc-quizzes > li")
    assert len(items) == 1
    assert items[0].h2.get_text(strip=True) == written()["title"]
    assert f"{len(written()['questions'])} câu hỏi" in items[0].get_text(" ")
    nav = [a.get_text(strip=True) for a in page.select(".md-tabs a, .md-nav a")]
    assert "Hội thi tìm hiểu" in nav


def test_a_source_anchor_that_does_not_exist_fails_the_build(tmp_path):
    text = QUIZ.replace("#nhiem-vu-1", "#khong-co-muc-nay")
    result = run_cchc(portal(tmp_path, {"plans/2026-xa-mau-15.yml": PLAN, QUIZ_FILE: text}), "build")
    assert result.returncode != 0
    # Named by the file the officer edits, and the page made from it.
    assert [line for line in result.stderr.splitlines() if "khong-co" in line] == [
        f'{QUIZ_FILE} (its page /hoi-thi/mot-cua/): link "../../ke-hoach/2026-xa-mau-15/#khong-co-muc-nay" '
        "-> /cchc/ke-hoach/2026-xa-mau-15/#khong-co-muc-nay: no such anchor on that page",
        f'{QUIZ_FILE} (its page /hoi-thi/mot-cua/dap-an/): link "../../../ke-hoach/2026-xa-mau-15/#khong-co-muc-nay" '
        "-> /cchc/ke-hoach/2026-xa-mau-15/#khong-co-muc-nay: no such anchor on that page",
    ]


def test_the_sanitizer_keeps_the_quiz_controls_and_nothing_more():
    html = ('<form data-cchc-quiz><fieldset data-answer="2"><legend>Câu 1</legend>'
            '<input type="radio" name="cchc-cau-1" id="c1a" value="1" onclick="x()"><label for="c1a">A</label>'
            '<input type="text" name="q"><input type="radio" name="submit" value="2"></fieldset>'
            '<fieldset data-answer="javascript:x"></fieldset></form>')
    out = clean(html)
    assert '<input type="radio" name="cchc-cau-1" id="c1a" value="1">' in out
    assert "<fieldset data-answer=\"2\"><legend>Câu 1</legend>" in out
    assert "onclick" not in out and 'type="text"' not in out
    assert 'name="submit"' not in out and 'name="q"' not in out  # names that would shadow form properties
    assert "javascript" not in out
