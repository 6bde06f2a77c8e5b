"""Read content files into YAML node trees that remember where every value is.

We compose (not construct) YAML: the node tree keeps each value's line and
column and its source text, so validation can report positions and decide
itself how to read a scalar (see schema.py for the YAML 1.1 traps).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Location, Problem

# Hints for the YAML syntax errors officers meet most often.
_SYNTAX_HINTS = (
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed here", 'a value that contains ": " must be put in quotes'),
    ("could not find expected ':'", "each line of a mapping needs `field: value`; check the line above too"),
    ("found undefined alias", "`*` starts a YAML alias; put the value in quotes"),
    ("found unexpected end of stream", "a quote is opened but never closed"),
    ("while scanning a quoted scalar", "a quote is opened but never closed"),
    ("found unknown escape character", 'inside "double quotes" a backslash starts an escape; use single quotes or write \\\\'),
    ("did not find expected key", "check the indentation: items of one list or mapping must line up"),
    ("expected <block end>", "check the indentation: items of one list or mapping must line up"),
)


def location(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def read_text(file: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8, dropping a byte-order mark; report other encodings."""
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                Location(shown, line, col),
                "",
                f"the file is not UTF-8 text (byte 0x{data[err.start]:02X} cannot be read)",
                "save it as UTF-8 in your editor (\"Save with encoding: UTF-8\")",
            )
        ]
    return text.removeprefix("\ufeff"), []


def compose_yaml(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose one YAML document into a node tree, or report why it cannot be read."""
    if not text.strip():
        return None, [Problem(Location(shown, 1, 1), "", "the file is empty", "write the plan's fields, see plans/README.md")]
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "the file cannot be read"
        if err.context and err.problem:
            start = err.context_mark
            where = f" that starts at line {start.line + 1}, column {start.column + 1}" if start and start.line != mark.line else ""
            what = f"{err.problem} {err.context}{where}"
        hint = next((h for needle, h in _SYNTAX_HINTS if needle in str(err)), "")
        return None, [Problem(location(shown, mark), "", f"YAML syntax error: {what}", hint)]
    except yaml.YAMLError as err:  # pragma: no cover - reader errors without a mark
        return None, [Problem(Location(shown, 1, 1), "", f"YAML error: {err}")]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [Problem(Location(shown, 1, 1), "", "the file has no content, only comments", "write the plan's fields, see plans/README.md")]
    if len(nodes) > 1:
        return None, [
            Problem(location(shown, nodes[1].start_mark), "", "the file holds more than one YAML document (a line `---` splits them)", "put one plan per file")
        ]
    return nodes[0], []


def load_yaml_file(file: Path, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    text, problems = read_text(file, shown)
    if text is None:
        return None, problems
    return compose_yaml(text, shown)
