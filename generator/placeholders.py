"""Placeholders that `cchc new` writes where an officer must fill something in.

A placeholder is `<<ĐIỀN: what to write>>`, in a YAML value or in a Markdown body. Until it
is replaced, `cchc check` reports it (one problem per placeholder, at its own line and
column, saying what to write), so a half-filled file can never be published. The check runs
on every field of every kind: `schema.Record` and `schema.ListOf` ask `check_node` before a
value's own type reads it, and `content.check_bodies` asks `in_text` for every Markdown body.
"""
from __future__ import annotations

import re

import yaml

from .errors import Location, Problem
from .i18n import _

OPEN, CLOSE = "<<ĐIỀN:", ">>"
# Lenient on case and spacing ("<< điền :"), so an officer's half-edited marker still counts.
_PATTERN = re.compile(r"<<\s*(?:ĐIỀN|DIEN)\s*:\s*(.*?)\s*>>", re.IGNORECASE | re.DOTALL)


def placeholder(what: str) -> str:
    """The marker for "write `what` here" (Vietnamese: it is written into officers' files)."""
    return f"{OPEN} {what}{CLOSE}"


def found(text: str) -> list[tuple[int, str]]:
    """(offset, what to write) of each placeholder in `text`."""
    return [(m.start(), " ".join(m[1].split())) for m in _PATTERN.finditer(text)]


def _problem(path: str, line: int, col: int, field: str, what: str) -> Problem:
    return Problem(
        Location(path, line, col), field, _("not filled in yet: {what}", what=f'"{what}"'),
        _("replace the whole <<ĐIỀN: …>> with the real value"),
    )


def in_text(text: str, first_line: int, path: str, field: str = "") -> list[Problem]:
    """A problem for each placeholder in a text that starts at `first_line`, column 1."""
    problems = []
    for offset, what in found(text):
        before = text[:offset]
        line = first_line + before.count("\n")
        col = offset - (before.rfind("\n") + 1) + 1
        problems.append(_problem(path, line, col, field, what))
    return problems


def check_node(node: yaml.Node, field: str, ctx) -> bool:
    """Report the placeholders of a scalar value, each where it stands in the file; True if
    there were any (the value is then not read as its type: one message per placeholder)."""
    if not isinstance(node, yaml.ScalarNode) or "<<" not in node.value:
        return False
    start, end = node.start_mark, node.end_mark
    source = start.buffer[start.index:end.index] if start.buffer is not None else ""
    spots = found(source)
    if not spots:  # the value is there, its source text is not (e.g. built in a test): point at the value
        spots = [(0, what) for _, what in found(node.value)]
        source = ""
    ctx.placeholders += len(spots)
    for offset, what in spots:
        before = source[:offset]
        line = start.line + 1 + before.count("\n")
        col = (start.column + offset if "\n" not in before else offset - before.rfind("\n") - 1) + 1
        ctx.problems.append(_problem(ctx.path, line, col, field, what))
    return bool(spots)
