"""An article page stays light (issue 12: its HTML ≤ 1.2× the plain Material page for the same
article; bench/PAGE-SIZE.md). A small portal of realistic articles (bench/realistic.py: ~700
words of Vietnamese in the real formats, areas, tags, a photo) and plain Material built from
the same bodies, as the benchmark builds them; bytes as bench/scale.py counts them."""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys

import pytest

from bench import realistic

from .conftest import run_cchc

N = 8  # articles: the first has a photo
ARTICLE = re.compile(rb'<article class="md-content__inner.*?</article>', re.S)
# What an article page may weigh on average around its <article> (head, header, navigation,
# table of contents, footer, scripts, the search's hidden words; the title, headings and words
# of the article make it vary by a few hundred bytes): the 1.2× target, with plain Material's
# article page at 13,343 B on average and our <article> at 6,559 B (bench/realistic.py 60,
# Material 9.8), leaves 1.2 × 13,343 − 6,559 = 9,453 B around it. 9,394 B here when written.
AROUND = 9_453


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("page-size")
    portal = realistic.portal(root / "portal", N)
    plain = realistic.plain(root / "plain", N)
    result = run_cchc(portal, "build")
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out"], cwd=plain,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ours = {p.parent.name: p.read_bytes() for p in (portal / "site").glob("tin-tuc/**/bai-*/index.html")}
    theirs = {p.parent.name: p.read_bytes() for p in (plain / "out").glob("bai-*/index.html")}
    assert len(ours) == N and ours.keys() == theirs.keys()
    return ours, theirs


def test_an_article_page_weighs_at_most_1_2_times_the_plain_material_page(sites):
    ours, theirs = sites
    ratio = statistics.mean(map(len, ours.values())) / statistics.mean(map(len, theirs.values()))
    assert ratio <= 1.2


def test_the_page_around_an_article_stays_under_its_budget(sites):
    ours, _ = sites
    around = {name: len(html) - len(ARTICLE.search(html)[0]) for name, html in ours.items()}
    assert statistics.mean(around.values()) <= AROUND, around


def test_the_navigation_is_printed_once_and_the_search_box_is_built_by_its_script(sites):
    html = sites[0]["bai-1"].decode("utf-8")
    assert html.count('href="../../../../thu-tuc/"') == 1  # in the sidebar only: no tabs, no help list
    assert 'class="md-ellipsis"' not in html.partition('<div class="md-sidebar')[2]  # nor a span per entry
    assert html.count("<option") == 1 and "cchc-search__help" not in html


def test_the_search_boxs_types_are_the_searchs_own():
    """cchc.js adds the types to the header's filter: each narrows to pages of that type."""
    from generator import search

    script = (realistic.ROOT / "overrides" / "assets" / "javascripts" / "cchc.js").read_text(encoding="utf-8")
    types = re.findall(r'"([^"]+)"', re.search(r"var TYPES = \[(.*?)\];", script)[1])
    labels = {label for _, label in search._TYPES}
    assert types and len(set(types)) == len(types) and set(types) <= labels


def test_no_line_break_between_tags_in_the_head_which_is_never_shown():
    from generator import minify

    page = ('\n<!doctype html>\n<html>\n  <head>\n    <meta charset="utf-8">\n    <script>var a = 1 >\n<b;</script>\n'
            '    <title>Tin\n  mới</title>\n  </head>\n  <body>\n    <p>a</p>\n    <p>b</p>\n  </body>\n</html>')
    assert minify.collapse(page) == ('<!doctype html><html><head><meta charset="utf-8"><script>var a = 1 >\n<b;</script>'
                                     '<title>Tin\nmới</title></head>\n<body>\n<p>a</p>\n<p>b</p>\n</body>\n</html>')
    assert minify.collapse("<p>a</p>\n<p>b</p>") == "<p>a</p>\n<p>b</p>"  # a fragment: no head
