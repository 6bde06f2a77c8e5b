"""Generator tests: limits, not crashes. Each test writes its own small portal."""
from __future__ import annotations

from .conftest import run_cchc
from .test_inventory import portal


def test_markdown_nested_hundreds_of_levels_deep_is_an_error_naming_the_file(tmp_path):
    deep = "\n".join("    " * level + "- mục" for level in range(400))
    portal(tmp_path, {"content/gioi-thieu/sau.md": "# Sâu\n\n" + deep + "\n"})
    result = run_cchc(tmp_path, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2] == (
        "ERROR   -  content/gioi-thieu/sau.md:1:1: the text is nested too deeply to be read "
        "(lists, quotes, emphasis or HTML blocks inside one another hundreds of levels deep) (flatten the nesting)"
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
