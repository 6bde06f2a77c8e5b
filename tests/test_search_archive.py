"""The search index in parts (generator/search_archive.py): a large site's older news go to an
archive of one index per year, searched by the search box when the main index finds few pages
or when the reader asks, and labelled as older news.

The search box's side is in tests/test_browser_search_archive.py."""
from __future__ import annotations

import json

from generator import search_archive



def test_a_site_within_the_limit_keeps_one_index():
    pages = ["index.html", "thu-tuc/a/index.html", "tin-tuc/2020/01/x/index.html"]
    assert search_archive.plan(pages, 3) == ([search_archive.Part("", None)], None)


def test_older_months_go_to_one_index_per_year_newest_months_stay():
    pages = ["index.html", "thu-tuc/a/index.html", "tin-tuc/2025/12/x/index.html", "tin-tuc/2025/11/y/index.html",
             "tin-tuc/2024/03/z/index.html", "tin-tuc/2024/03/w/index.html", "tin-tuc/2023/01/v/index.html"]
    # 2 pages that are not news, then whole months newest first while they fit in 4 pages
    parts, manifest = search_archive.plan(pages, 4)
    assert parts == [
        search_archive.Part("", "{index.html,thu-tuc/**/*.html,tin-tuc/2025/**/*.html}"),
        search_archive.Part("luu-tru/2024", "tin-tuc/2024/03/**/*.html"),
        search_archive.Part("luu-tru/2023", "tin-tuc/2023/01/**/*.html"),
    ]
    assert manifest == {"before": "2025-11", "years": ["2024", "2023"]}
    # a year cut in the middle: its older months in the archive, its newer ones in the main index
    parts, manifest = search_archive.plan(pages, 3)
    assert parts[0].glob == "{index.html,thu-tuc/**/*.html,tin-tuc/2025/12/**/*.html}"
    assert parts[1] == search_archive.Part("luu-tru/2025", "tin-tuc/2025/11/**/*.html")
    assert manifest == {"before": "2025-12", "years": ["2025", "2024", "2023"]}


def test_the_newest_month_stays_in_the_main_index_however_small_the_limit():
    pages = ["index.html", "tin-tuc/2025/12/x/index.html", "tin-tuc/2025/12/y/index.html", "tin-tuc/2024/01/z/index.html"]
    parts, manifest = search_archive.plan(pages, 1)
    assert parts[0].glob == "{index.html,tin-tuc/2025/**/*.html}"
    assert manifest == {"before": "2025-12", "years": ["2024"]}


def test_the_limit_can_be_set_for_tests_and_benchmarks(monkeypatch):
    assert search_archive.main_pages() == search_archive.MAIN_PAGES
    monkeypatch.setenv(search_archive.MAIN_PAGES_VARIABLE, "7")
    assert search_archive.main_pages() == 7


def test_the_fixture_portal_is_small_and_has_no_archive(fixture_site):
    manifest = json.loads((fixture_site.root / "pagefind" / search_archive.MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"before": "", "years": []}
    assert not (fixture_site.root / "pagefind" / search_archive.FOLDER).exists()
