"""Generator tests (fixture portal and tmp portals). Published feedback and answers: YAML messages verbatim, and citizens' words that never
become markup (script tags, event handlers, javascript: links, Markdown link tricks)."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup


from .conftest import Site, copy_project, fixture_corpus, run_cchc
from .test_content_validation import corpus_with
from .test_procedures import PROCEDURE

FEEDBACK = """title: "Hỏi về bản sao trích lục"
received: 2026-03-02
topic: thu_tuc_hanh_chinh
agency: "Ủy ban nhân dân phường 5"
procedure: "1.001193"
question: |
  Nộp trực tuyến thì bao lâu có kết quả?
answer:
  date: 2026-03-05
  text: "Ngay trong ngày làm việc."
"""

CORPUS = fixture_corpus()


def feedback_problems(tmp_path, text):
    return corpus_with(tmp_path, {"phan-anh/a.yml": text, "thu-tuc/x.md": PROCEDURE})[1]


def test_good_feedback(tmp_path):
    corpus, problems = corpus_with(tmp_path, {"phan-anh/a.yml": FEEDBACK, "thu-tuc/x.md": PROCEDURE})
    assert problems == []
    (item,) = corpus.feedback
    assert (item.url, item.procedure.code, item.answer.text) == ("/phan-anh/a/", "1.001193", "Ngay trong ngày làm việc.")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("date: 2026-03-05", "date: 2026-03-01", ["content/phan-anh/a.yml:9:9: answer.date: is before the feedback was received (02/03/2026) (check both dates)"]),
        ("topic: thu_tuc_hanh_chinh", "topic: thu_tuc", ['content/phan-anh/a.yml:3:8: topic: unknown value "thu_tuc" (use one of: quy_dinh_hanh_chinh, thu_tuc_hanh_chinh, can_bo, dich_vu_cong, cai_cach_hanh_chinh)']),
        ('procedure: "1.001193"', 'procedure: "1.001194"', ['content/phan-anh/a.yml:5:12: procedure: no procedure "1.001194" in content/thu-tuc/ (did you mean "1.001193" (Đăng ký khai sinh)?)']),
        ('procedure: "1.001193"', "procedure: 1.001193", ['content/phan-anh/a.yml:5:12: procedure: YAML reads 1.001193 as a number (put it in quotes: "1.001193")']),
        ("question: |\n  Nộp trực tuyến thì bao lâu có kết quả?\n", "", ["content/phan-anh/a.yml:1:1: question: is missing (add `question:` to the file)"]),
        ('  text: "Ngay trong ngày làm việc."\n', "", ["content/phan-anh/a.yml:9:3: answer.text: is missing (add `text:` to `answer`)"]),
    ],
)
def test_feedback_mistakes(tmp_path, old, new, expected):
    assert old in FEEDBACK
    assert feedback_problems(tmp_path, FEEDBACK.replace(old, new)) == expected


# --- hostile text ------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '"><img src=x onerror=alert(1)>',
    "</p></div><script>alert(1)</script>",
    '<a href="javascript:alert(1)">bấm vào</a>',
    "[bấm vào đây](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "![ảnh](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x]\n\n[x]: javascript:alert(1)",
    '{: onclick="alert(1)" }',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- x --><style>body { display: none }</style>",
    '<div markdown="1">**đậm** [x](javascript:alert(1))</div>',
    "`<script>alert(1)</script>`",
]

FIELDS = ("title", "sender", "question", "answer")


def hostile_item(payload: str) -> str:
    line = " ".join(payload.split())  # titles and names are one line
    return "\n".join([
        f"title: {json.dumps('Phản ánh ' + line, ensure_ascii=False)}",
        "received: 2026-03-02",
        "topic: can_bo",
        f"agency: {json.dumps('UBND ' + line, ensure_ascii=False)}",
        f"sender: {json.dumps(line, ensure_ascii=False)}",
        'procedure: "1.001193"',
        f"question: {json.dumps('Nội dung: ' + payload, ensure_ascii=False)}",
        "answer:",
        "  date: 2026-03-05",
        f"  by: {json.dumps(line, ensure_ascii=False)}",
        f"  text: {json.dumps('Trả lời: ' + payload, ensure_ascii=False)}",
        "",
    ])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for i, payload in enumerate(PAYLOADS):
        (project / "content" / "phan-anh" / f"x-{i:02d}.yml").write_text(hostile_item(payload), encoding="utf-8")
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


def visible(node) -> str:
    return " ".join(node.get_text(" ").split())


CITIZEN_TEXT = "h1, .cchc-facts dd, .cchc-citizen-text, .cchc-answer, .cchc-feedback-list"


def assert_nothing_executable(page: BeautifulSoup, reference: BeautifulSoup) -> None:
    """No event handler, no javascript: address, no markup a citizen could have written."""
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "data"):
                squeezed = re.sub(r"[\s\x00-\x1f]", "", str(value)).lower()
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:text/html")), tag
    for place in page.select(CITIZEN_TEXT):
        assert not place.select("script, style, img, svg, iframe, object, embed, form, input, textarea, b, strong, em, code, div"), place
    assert not page.select_one("article").select("script:not([type='application/ld+json'])")
    # Every script on the page is one the theme or the portal put on a benign page too.
    def scripts(soup):
        return {s.get("src") or s.string for s in soup.select("script:not([type='application/ld+json'])")}

    assert scripts(page) <= scripts(reference)
    for data in page.select("script[type='application/ld+json']"):
        assert json.loads(data.string)["@type"] == "GovernmentService"
    assert "<" not in page.title.string and "<" not in page.select_one(".md-header__topic:last-of-type").get_text()


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_citizen_text_is_shown_as_text_never_as_markup(hostile_site, index):
    payload = PAYLOADS[index]
    url = f"/phan-anh/x-{index:02d}/"
    page = hostile_site.page(url)
    assert_nothing_executable(page, hostile_site.page("/phan-anh/2026-03-thoi-gian-cap-trich-luc/"))
    line = " ".join(payload.split())
    assert visible(page.select_one("h1")) == " ".join(f"Phản ánh {line}".split())
    assert visible(page.select_one(".cchc-citizen-text")) == " ".join(f"Nội dung: {payload}".split())
    assert visible(page.select_one(".cchc-answer")) == " ".join(f"Trả lời: {payload}".split())
    facts = visible(page.select_one(".cchc-facts"))
    assert f"Người gửi {line}" in facts and f"Cơ quan tiếp nhận UBND {line}" in facts


@pytest.mark.parametrize("url", ["/phan-anh/", "/thu-tuc/dang-ky-khai-sinh/"])
def test_listings_of_hostile_feedback_stay_inert(hostile_site, url):
    page = hostile_site.page(url)
    reference = hostile_site.page("/thu-tuc/dang-ky-ket-hon/" if url.startswith("/thu-tuc/") else "/duong-day-nong/")
    assert_nothing_executable(page, reference)
    titles = [visible(a) for a in page.select(".cchc-feedback-list > li > a")]
    for payload in PAYLOADS:
        assert " ".join(f"Phản ánh {' '.join(payload.split())}".split()) in titles


def test_the_fixture_has_hostile_feedback_and_it_stays_text(site):
    hostile = next(f for f in CORPUS.feedback if "<script>" in f.question)
    assert "onerror" in hostile.question and "javascript:" in hostile.question and "](javascript:" in hostile.question
    page = site.page(hostile.url)
    assert_nothing_executable(page, site.page("/phan-anh/2026-03-thoi-gian-cap-trich-luc/"))
    assert "<script>alert('xss')</script>" in visible(page.select_one(".cchc-citizen-text"))
    assert page.title.string.startswith("Phản ánh, kiến nghị: Phản ánh script alert")


def test_feedback_list_and_pages(site):
    page = site.page("/phan-anh/")
    links = [site.resolve("/phan-anh/", a["href"]) for a in page.select(".cchc-feedback-list > li > a")]
    assert links == [f.url for f in CORPUS.feedback]  # newest first
    assert 4 <= len(links) <= 6 and all(f.sample and f.procedure for f in CORPUS.feedback)
    pending = next(f for f in CORPUS.feedback if f.answer is None)
    assert "đang được xử lý" in visible(site.page(pending.url).select_one("article"))
    answered = next(f for f in CORPUS.feedback if f.answer and f.answer.text.count("\n\n"))
    paragraphs = site.page(answered.url).select(".cchc-answer > p")
    assert [visible(p) for p in paragraphs] == [" ".join(t.split()) for t in answered.answer.text.split("\n\n")]
    for f in CORPUS.feedback:
        procedure = site.page(f.url).select_one(".cchc-facts a")
        assert site.resolve(f.url, procedure["href"]) == next(p.url for p in CORPUS.procedures if p.code == f.procedure.code)
