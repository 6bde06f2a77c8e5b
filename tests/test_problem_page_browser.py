"""Browser test: the preview's error page reloads itself. An officer looking at a page of the
preview while the content has errors sees the list of problems; when the file is fixed and
saved, the same tab shows the page, with nobody pressing reload."""
from __future__ import annotations

from .test_problem_page import FIXED, served  # noqa: F401 - the fixture: a tiny portal with errors, served by `cchc serve`
from .test_problem_page import wait_for


def test_the_error_page_reloads_itself_once_the_file_is_fixed(served, browser):  # noqa: F811
    root, base = served
    wait_for(base, lambda status, body: status == 200)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "tin-tuc/2026/03/bai-moi/")
        assert page.locator("li.cchc-problem").count() == 2
        page.wait_for_timeout(1000)  # the page's reload script has asked for the current build
        (root / "content/tin-tuc/bai-moi.md").write_text(FIXED, encoding="utf-8")
        page.wait_for_function("document.title.startsWith('Bài mới')", timeout=90_000)
        assert page.locator("li.cchc-problem").count() == 0
    finally:
        context.close()
