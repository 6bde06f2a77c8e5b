"""Split a Markdown file into its YAML front matter (as a node tree with real
line numbers) and its body."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Location, Problem
from .i18n import _
from .load import compose_yaml, read_text

_FENCE = "---"


def split(text: str) -> tuple[str | None, int]:
    """The front matter text (None if there is none) and the line its YAML starts on."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        return None, 0
    for end, line in enumerate(lines[1:], 1):
        if line.rstrip("\r\n") in (_FENCE, "..."):
            return "".join(lines[1:end]), 1
    return None, -1


def load_front_matter(file: Path, shown: str) -> tuple[yaml.Node | None, str, list[Problem]]:
    """The front matter node tree (lines as in the file), the whole text, and problems."""
    text, problems = read_text(file, shown)
    if text is None:
        return None, "", problems
    return front_matter_of(text, shown)


def front_matter_of(text: str, shown: str) -> tuple[yaml.Node | None, str, list[Problem]]:
    """`load_front_matter` of a file's text already read."""
    front, offset = split(text)
    if offset == -1:
        return None, text, [Problem(Location(shown, 1, 1), "", _("the front matter starting with `---` on line 1 is never closed"), _("end it with a line `---`"))]
    if front is None:
        return None, text, [Problem(Location(shown, 1, 1), "", _("the file has no front matter"), _("start the file with `---`, the fields (title, date, …), then `---`"))]
    # Pad with blank lines so YAML marks carry the file's own line numbers.
    node, problems = compose_yaml("\n" * offset + front, shown)
    if problems and problems[0].message == _("the file is empty"):
        problems = [Problem(Location(shown, 1, 1), "", _("the front matter is empty"), _("write the fields (title, date, …) between the two `---` lines"))]
    return node, text, problems
