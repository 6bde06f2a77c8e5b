"""The shortcut of text.too_deep (a text that cannot reach a limit even counted whole skips
the line-by-line pass) never hides a text the full pass finds too deep."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import text as T

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
