"""The cold check's shortcuts (branch coldcheck) give what the regexes they stand for give."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import body, text

_FRAGMENT = re.compile(r"[^\s#]#")  # what body._has_fragment stands for
TEXTS = st.lists(st.sampled_from(list("#a \t\n\u00a0\u3000đ[]()") + [" " * 40, " " * 39, "\n" + " " * 39]), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_a_fragment_is_found_as_the_regex_finds_it(written):
    assert body._has_fragment(written) == (_FRAGMENT.search(written) is not None)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_a_deep_indent_is_found_as_the_regex_finds_it(written):
    assert text._deep_indent(written) == (text._DEEP_INDENT.search(written) is not None)


def test_the_examples_that_matter():
    assert body._has_fragment("[a](b.md#c)") and not body._has_fragment("# Title\n\n## Part\n") and not body._has_fragment("a\u00a0#b")
    assert text._deep_indent("a\n" + " " * 40 + "b") and text._deep_indent("\t" * 40 + "b") and not text._deep_indent("a" + " " * 39 + "\n")
    assert text._deep_indent("a" + " " * 40) is False  # 40 spaces, but not at a line's start
