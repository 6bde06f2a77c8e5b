"""Generator tests: limits, not crashes. Each test writes its own small portal."""
from __future__ import annotations

import pytest

from generator.text import too_deep

from .test_inventory import PLAN, portal, problems_in

DEEP_LIST = "\n".join("    " * level + "- mục" for level in range(400))
MESSAGE = "is nested too deeply to be read (lists, emphasis or HTML blocks inside one another dozens of levels deep) (flatten the nesting)"


@pytest.mark.parametrize("text, deep", [
    (DEEP_LIST, True),
    ("\n".join("  " * level + "- mục" for level in range(20)), False),
    ("\n".join("\t" * level + "- mục" for level in range(42)), True),
    ("\n".join("*a" for _ in range(300)) + "\n" + "\n".join("b*" for _ in range(300)), True),
    ("\n\n".join("**a** " * 100 for _ in range(10)), False),
    ("**a " * 401 + "x" + " b**" * 1, True),
    ("**Quan trọng** và _nghiêng_", False),
    ("Họ và tên: ____________________\n" * 100, False),  # blanks of a form to fill in
    ("*" * 1001 + "x", True),
    ("<div>" * 101 + "x" + "</div>" * 101, True),
    ("<div><br/>" * 50 + "x" + "</div>" * 50 + "<div>x</div>" * 200, False),
])
def test_nesting_that_markdown_could_not_render_is_recognised(text, deep):
    assert too_deep(text) is deep


def test_deep_text_in_a_field_and_in_a_body_are_problems_of_check(tmp_path):
    nested = "\n".join("  " * (level + 1) + "- mục" for level in range(100))
    portal(tmp_path, {
        "plans/2026-xa-mau-15.yml": PLAN + "preamble: |\n" + nested + "\n",
        "content/gioi-thieu/sau.md": "---\ntitle: Sâu\n---\n" + DEEP_LIST + "\n",
    })
    assert problems_in(tmp_path) == [
        f"content/gioi-thieu/sau.md:4:1: the text {MESSAGE}",
        f"plans/2026-xa-mau-15.yml:10:11: preamble: {MESSAGE}",
    ]


def test_the_build_names_the_file_if_markdown_still_recurses_too_deep(tmp_path):
    """Whatever shape too_deep misses, rendering a page that recurses too deep is an error
    naming the file, not a traceback (the plugin guards every page's rendering)."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from generator.plugin import CchcPlugin

    plugin = CchcPlugin()
    plugin.root, plugin.docs_dir = tmp_path, tmp_path / "content"

    def render(config, files):
        raise RecursionError

    page = SimpleNamespace(file=SimpleNamespace(src_uri="gioi-thieu/sau.md"), render=render)
    guarded = plugin.on_pre_page(page, config=None, files=None)
    with pytest.raises(PluginError) as raised:
        guarded.render(None, None)
    assert str(raised.value) == f"content/gioi-thieu/sau.md:1:1: the text {MESSAGE}"


def test_text_markdown_cannot_render_is_shown_as_written():
    from generator.render import md

    assert str(md(DEEP_LIST + "\n<b>")) == "<br>".join(DEEP_LIST.split("\n")) + "<br>&lt;b&gt;"  # in a field the checker would refuse


def test_a_build_killed_midway_leaves_nothing_the_next_build_does_not_tidy(tmp_path):
    from .conftest import run_cchc

    portal(tmp_path, {"content/gioi-thieu/index.md": "# Giới thiệu\n"})
    (tmp_path / ".site-build-999999999").mkdir()  # killed while building
    previous = tmp_path / ".site-previous-999999998"  # killed after moving the published site away
    previous.mkdir()
    (previous / "index.html").write_text("trang cũ", encoding="utf-8")
    (tmp_path / "content" / "hong.xyz").write_text("x", encoding="utf-8")  # this build fails
    assert run_cchc(tmp_path, "build").returncode == 1
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "trang cũ"  # the published site is back
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
