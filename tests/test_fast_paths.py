"""Shortcuts taken for speed give exactly what the plain way gives:
- text.too_deep skips its line-by-line pass when a text cannot reach a limit even counted
  whole, and never hides a text the full pass finds too deep;
- urls.ascii_fold strips Vietnamese tone marks with one regex, and still drops every other
  combining mark as before."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import text as T
from generator.urls import ascii_fold

_PIECES = st.sampled_from(["*", "**", "_", "<div>", "</div>", "<p/>", "\n", "\n\n", " " * 20, "\t" * 10, "chữ ", "- ", "  "])


def full_pass(text: str) -> bool:
    original = T._clearly_shallow
    try:
        T._clearly_shallow = lambda _: False
        return T.too_deep(text)
    finally:
        T._clearly_shallow = original


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=400).map("".join))
def test_the_shortcut_agrees_with_the_full_pass(text):
    if T._clearly_shallow(text):
        assert not full_pass(text)
    assert T.too_deep(text) == full_pass(text)


def test_the_shortcut_is_taken_for_ordinary_text_and_not_at_the_limits():
    assert T._clearly_shallow("Một đoạn **đậm** và _nghiêng_.\n\n- mục\n")
    assert not T._clearly_shallow("*" * (T.MAX_RUN + 1))
    assert not T._clearly_shallow("<div>" * (T.MAX_HTML_DEPTH + 1))
    assert not T._clearly_shallow(" " * T.MAX_INDENT + "x")


def folded_char_by_char(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("đĐơưăâêôỹẠ\u0300\u0301\u034f\u0483\u1dc0"))))
def test_ascii_fold_drops_exactly_the_combining_marks(text):
    assert ascii_fold(text) == folded_char_by_char(text)
