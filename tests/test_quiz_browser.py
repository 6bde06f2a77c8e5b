"""Quiz pages in the browser: answered with the keyboard alone, scored on the reader's machine
with nothing stored or sent, and free of WCAG 2.2 AA violations at desktop and phone width.
A tiny portal of its own (tests/test_quiz.py's quiz), served like a real host."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from .browser_support import axe_path, serve
from .conftest import run_cchc
from .test_inventory import PLAN, portal
from .test_quiz import QUIZ, QUIZ_FILE

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
QUIZ_URL = "/cchc/hoi-thi/mot-cua/"  # mkdocs.yml's site_url is https://example.gov.vn/cchc/


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    root = portal(tmp_path_factory.mktemp("quiz-browser"), {"plans/2026-xa-mau-15.yml": PLAN, QUIZ_FILE: QUIZ})
    result = run_cchc(root, "build")
    assert result.returncode == 0, result.stderr
    mount = tmp_path_factory.mktemp("mount")
    (mount / "cchc").symlink_to(root / "site", target_is_directory=True)  # served under the site's own prefix
    url, stop = serve(mount)
    yield url
    stop()


def tab_to(page, selector: str, limit: int = 80) -> bool:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def test_a_quiz_is_answered_with_the_keyboard_and_scored_locally(browser, base_url):
    questions = yaml.safe_load(QUIZ)["questions"]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + QUIZ_URL)
    # Question 1 right, question 2 wrong (the choice after the right one), question 3 unanswered.
    right_1, wrong_2 = questions[0]["answer"], questions[1]["answer"] % len(questions[1]["choices"]) + 1
    assert tab_to(page, "input[name=cchc-cau-1]")
    page.keyboard.press("Space")  # Tab lands on the group's first choice; Space selects it
    for _ in range(right_1 - 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # on to question 2: arrow keys move the choice within it
    page.keyboard.press("Space")
    for _ in range(wrong_2 - 1):
        page.keyboard.press("ArrowDown")
    checked = page.evaluate("() => [...document.querySelectorAll('input:checked[name^=cchc-cau]')].map(i => [i.name, i.value])")
    assert checked == [["cchc-cau-1", str(right_1)], ["cchc-cau-2", str(wrong_2)]]
    assert tab_to(page, "button[data-cchc-quiz-check]")
    page.wait_for_load_state("networkidle")  # the page's own files (and the search, tabbed past) are in
    before = len(requests)
    page.keyboard.press("Enter")
    score = page.locator(".cchc-quiz__score")
    assert score.text_content() == f"Bạn trả lời đúng 1/{len(questions)} câu."
    assert page.evaluate("() => document.activeElement.classList.contains('cchc-quiz__score')")  # read out after Kiểm tra
    verdicts = page.locator(".cchc-quiz__verdict").all_text_contents()
    assert verdicts == ["Đúng.", "Chưa đúng.", "Bạn chưa chọn đáp án."]
    for n, question in enumerate(questions, 1):
        result = page.locator(f"#cau-{n} .cchc-quiz__result")
        assert result.is_visible()
        assert question["explanation"] in result.text_content()
    # Nothing stored, nothing sent.
    page.wait_for_timeout(300)
    assert requests[before:] == []
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    # Làm lại: answers and results cleared.
    page.locator("button[data-cchc-quiz-reset]").click()
    page.wait_for_function("() => document.querySelector('.cchc-quiz__score').textContent === ''")
    assert page.locator(".cchc-quiz__result:visible").count() == 0
    assert page.evaluate("() => document.querySelectorAll('input:checked[name^=cchc-cau]').length") == 0
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("url", ["", "de-thi/", "dap-an/", "../"], ids=["quiz", "sheet", "key", "list"])
def test_quiz_pages_have_no_wcag_violations(browser, base_url, viewport, url):
    axe = axe_path()
    # axe is injected as an inline script, which the pages' Content-Security-Policy refuses.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + QUIZ_URL + url)
    if not url:  # the quiz as it looks once checked, results shown
        page.locator("#cau-1-b").check()
        page.locator("button[data-cchc-quiz-check]").click()
    page.add_script_tag(path=str(axe))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    context.close()
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)


def test_the_quiz_script_runs_under_the_pages_policy(browser, base_url):
    """No bypass_csp here: the page's own Content-Security-Policy must let quiz.js run."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base_url + QUIZ_URL)
    assert page.locator("button[data-cchc-quiz-check]").is_visible()  # unhidden by the script
    assert not [e for e in errors if "Content Security Policy" in e]
    context.close()


@pytest.mark.parametrize("url", ["de-thi/", "dap-an/"], ids=["sheet", "key"])
def test_the_sheet_and_key_print_on_a4_without_the_site_around_them(browser, base_url, url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + QUIZ_URL + url)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".cchc-breadcrumb", ".cchc-sheet__tools", ".cchc-hotline-block"):
        assert all(not box.is_visible() for box in page.locator(hidden).all()), hidden
    assert page.locator(".cchc-sheet__title").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    context.close()
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in sizes), sizes  # A4 in points
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # three questions: one sheet of paper, nothing spilt over
