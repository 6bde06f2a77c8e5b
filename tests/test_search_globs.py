"""Pagefind reads and parses every page its glob matches, even one it then ignores for want of
`data-pagefind-body`: the globs of generator/search_archive.py leave the listings out
(bench/PROFILE-pixels2.md)."""
from __future__ import annotations

from generator import search, search_archive

INDEXED = ["index.html", "thu-tuc/a/index.html", "thu-tuc/b/index.html", "tin-tuc/2025/12/x/index.html",
           "tin-tuc/2025/12/y/index.html", "tin-tuc/2025/11/z/index.html", "tin-tuc/2024/03/w/index.html"]
LISTINGS = ["404.html", "tin-tuc/index.html", "tin-tuc/trang/2/index.html", "tin-tuc/the/vneid/index.html",
            "tin-tuc/2025/index.html", "tin-tuc/2025/12/index.html", "tin-tuc/2025/11/index.html",
            "tin-tuc/2024/index.html", "tin-tuc/2024/03/index.html"]


def test_the_listings_are_what_search_does_not_index():
    assert [p for p in INDEXED if not search.is_indexed(p)] == []
    assert [p for p in LISTINGS if search.is_indexed(p)] == []


def test_one_index_matches_the_indexed_pages_only():
    parts, manifest = search_archive.plan(INDEXED, 10, others=LISTINGS)
    assert manifest is None
    assert parts == [search_archive.Part("", "{index.html,thu-tuc/**/*.html,tin-tuc/2024/03/*/**/*.html,"
                                             "tin-tuc/2025/11/*/**/*.html,tin-tuc/2025/12/*/**/*.html}")]


def test_without_listings_the_glob_is_pagefinds_own():
    assert search_archive.plan(INDEXED, 10, others=[]) == ([search_archive.Part("", None)], None)


def test_the_parts_of_a_large_site_leave_the_listings_out_too():
    parts, manifest = search_archive.plan(INDEXED, 4, others=LISTINGS)
    assert manifest == {"before": "2025-12", "years": ["2025", "2024"]}
    assert parts == [
        search_archive.Part("", "{index.html,thu-tuc/**/*.html,tin-tuc/2025/12/*/**/*.html}"),
        search_archive.Part("luu-tru/2025", "tin-tuc/2025/11/*/**/*.html"),
        search_archive.Part("luu-tru/2024", "tin-tuc/2024/03/*/**/*.html"),
    ]


def test_a_folder_with_a_listing_deeper_down_is_covered_page_by_page():
    indexed = ["van-ban/a/index.html", "van-ban/b/index.html"]
    parts, _ = search_archive.plan(indexed, 10, others=["van-ban/a/trang/2/index.html"])
    assert parts[0].glob == "{van-ban/a/index.html,van-ban/b/**/*.html}"
