"""The per-page shortcuts of the build (bench/PROFILE-perpage.md) give what the plain way gives."""
from __future__ import annotations

import hashlib
import inspect
import posixpath
import re
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator import minify, render, urls
from generator.linkcheck import check_site

SITE_URL = "https://example.gov.vn/cchc/"

# --- white space -------------------------------------------------------------------------

_OLD_RUN = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab \t\r\n\xa0", max_size=40))
def test_runs_collapse_like_the_regular_expression(text):
    assert minify._runs_collapsed(text) == _OLD_RUN.sub("\n", text)


def test_collapse_keeps_pre_and_breaks_in_the_head():
    html = "<html>\n  <head>\n    <title>x</title>\n  </head>\n  <body>\n   <p>a  b</p>  \n\n <pre> k\n\n  l </pre>\n</body>\n</html>"
    assert minify.collapse(html) == "<html><head><title>x</title></head>\n<body>\n<p>a  b</p>\n<pre> k\n\n  l </pre>\n</body>\n</html>"


# --- relative addresses ------------------------------------------------------------------

_SEGMENT = st.sampled_from(["tin-tuc", "2021", "03", "bai-1", "the", "a.b", "", ".", "..", "x y"])
_PATH = st.lists(_SEGMENT, max_size=5).map("/".join)


@settings(max_examples=3000, deadline=None)
@given(_PATH, _PATH, st.booleans(), st.booleans())
def test_relative_addresses_are_posixpaths_relpath(target, base, rooted, folder):
    path, start = ("/" + target if rooted else target), "/" + base + ("/" if folder else "")
    assume(path)  # (href never asks for an empty path)
    assert urls._relative(path, start) == posixpath.relpath(path, start)


# --- news cards rendered once -----------------------------------------------------------

class _Card:
    def __init__(self, title):
        self.title, self.url = title, "/tin-tuc/2021/03/bai/"


_CARD = ('{% macro card(a, page, level=2) %}<h{{ level }}><a href="{{ href(a.url, page) }}">{{ a.title }}</a> '
         '<a href="{{ href(\'/tin-tuc/the/x/#y\', page) }}">x</a></h{{ level }}>{% endmacro %}'
         '{% for page in pages %}{{ placed(card, a, page, 3) }}|{{ card(a, page, 3) }}\n{% endfor %}')


def test_a_card_placed_on_each_page_is_the_card_rendered_there():
    render.forget_rendered()
    pages = ["/tin-tuc/", "/tin-tuc/trang-2/", "/tin-tuc/the/x/", "/tin-tuc/2021/03/", "/"]
    for title in ("Tin “mới” & <cũ>", "Ký tự \ue001lạ\ue002 /x/"):  # the second holds the markers: rendered as before
        text = render.environment().from_string(_CARD).render(a=_Card(title), pages=pages)
        lines = text.strip().split("\n")
        assert len(lines) == len(pages)
        for line in lines:
            placed, plain = line.split("|")
            assert placed == plain
        assert 'href="../../tin-tuc/2021/03/bai/"' not in text  # relative to each page, not to one
        assert 'href="2021/03/bai/"' in text and 'href="../../2021/03/bai/"' in text


# --- the link check's memo of links up to the root -------------------------------------

def test_links_to_the_root_are_checked_at_each_depth(tmp_path):
    pages = {
        "index.html": '<a href="a/">a</a>',
        "a/index.html": '<a href="../b/">b</a> <a href="../../b/">past the root</a>',
        "c/index.html": '<a href="../b/">b</a> <a href="../a/#no">no anchor</a>',
        "a/x/index.html": '<a href="../b/">a/b: none</a> <a href="../../b/">b</a>',
        "c/y/index.html": '<a href="../b/">c/b: none</a> <a href="../../b/">b</a> <a href="../../../b/">past</a>',
        "b/index.html": "<p id=t>b</p>",
    }
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
    broken = sorted((b.page, b.link, b.problem) for b in check_site(tmp_path, SITE_URL))
    outside = "outside the site, which starts at /cchc/"
    assert broken == [
        ("a/index.html", "../../b/", outside),
        ("a/x/index.html", "../b/", "no such page"),
        ("c/index.html", "../a/#no", "no such anchor on that page"),
        ("c/y/index.html", "../../../b/", outside),
        ("c/y/index.html", "../b/", "no such page"),
    ]


# --- the Markdown converter kept for the build ------------------------------------------

def test_the_kept_converter_follows_mkdocs_page_render():
    """plugin._render is MkDocs 1.6.1's Page.render with one Markdown instance for the build:
    a new MkDocs whose Page.render differs must be read again before the pin moves."""
    from mkdocs.structure.pages import Page

    source = inspect.getsource(Page.render)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == _PAGE_RENDER, source


_PAGE_RENDER = "320529348f7a8af1"
