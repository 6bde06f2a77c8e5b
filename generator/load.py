"""Read content files into YAML node trees that remember where every value is.

We compose (not construct) YAML: the node tree keeps each value's line and
column and its source text, so validation can report positions and decide
itself how to read a scalar (see schema.py for the YAML 1.1 traps).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Location, Problem

# Deeper than any document needs (a plan's sections inside sections use two levels each);
# a file nested deeper is a mistake or an attack, and would exhaust Python's stack.
MAX_DEPTH = 32

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


# Word and phones turn typed quotes into these; YAML does not take them for quotes.
CURLY_QUOTES = "\u201c\u201d\u2018\u2019"
CURLY_HINT = 'Word "smart quotes" are not YAML quotes; type straight quotes "…"'


class _TooDeep(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing to nest deeper than MAX_DEPTH (checked while composing,
    before the recursion that would otherwise end in a RecursionError)."""

    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# libyaml's parser (C) reads events ten times faster than PyYAML's pure-Python scanner, parser
# and composer; its own composer recurses in C and crashes the process on deeply nested input,
# so the nodes are composed here, iteratively, with the same depth limit.
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python loader does it all
    _CParser = None
_RESOLVER = yaml.resolver.Resolver()
_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Differs(Exception):
    """Input where libyaml's positions differ from PyYAML's (never in officers' usual files)."""


def _compose_all(text: str) -> list[yaml.Node | None]:
    """Every document's node tree, as PyYAML's safe loader composes it (positions included).
    Fast with libyaml; any input it refuses (or nests too deep) is composed again by the
    pure-Python loader, whose errors are the ones explained to officers."""
    # libyaml takes tabs that PyYAML refuses (and explains), and ends the last collection of a
    # text without a final line break elsewhere: those texts take the pure-Python path.
    if _CParser is not None and "\t" not in text and text.endswith("\n"):
        try:
            return _compose_events(text)
        except (yaml.YAMLError, _TooDeep, _Differs):
            pass
    return list(yaml.compose_all(text, Loader=_Loader))


def _compose_events(text: str) -> list[yaml.Node | None]:
    parser = _CParser(text)
    documents: list[yaml.Node | None] = []
    anchors: dict[str, yaml.Node] = {}
    stack: list[list] = []  # the open collections, each with its pending key (mappings)
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                anchors = {}
                documents.append(None)
                continue
            if kind in _END:
                stack.pop()[0].end_mark = _mark(text, event.end_mark)
                continue
            if kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    raise yaml.composer.ComposerError("found undefined alias")
                node = anchors[event.anchor]
            elif kind is yaml.ScalarEvent:
                if not event.value and not event.style and stack and (stack[-1][0].flow_style or stack[-1][1] is None and isinstance(stack[-1][0], yaml.MappingNode)):
                    # an empty key, or an empty value in [ ] or { }: the two parsers place it differently
                    raise _Differs
                # PyYAML reads the non-specific tag `!` as plain even on an empty value; libyaml does not
                implicit = (True, False) if event.tag == "!" else event.implicit
                tag = event.tag if event.tag not in (None, "!") else _RESOLVER.resolve(yaml.ScalarNode, event.value, implicit)
                node = yaml.ScalarNode(tag, event.value, _mark(text, event.start_mark), _mark(text, event.end_mark), event.style or None)
            elif kind in _START:
                node_type = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
                tag = event.tag if event.tag not in (None, "!") else _RESOLVER.resolve(node_type, None, event.implicit)
                node = node_type(tag, [], _mark(text, event.start_mark), None, flow_style=event.flow_style)
            else:  # the stream's start and end, a document's end
                continue
            if kind is not yaml.AliasEvent and event.anchor is not None:
                if event.anchor in anchors:
                    raise yaml.composer.ComposerError("found duplicate anchor")
                anchors[event.anchor] = node
            if len(stack) >= MAX_DEPTH:
                raise _TooDeep(event.start_mark)
            if stack:
                _attach(stack[-1], node)
            else:
                documents[-1] = node
            if kind in _START:
                stack.append([node, None])
    finally:
        parser.dispose()
    return documents


def _attach(entry: list, node: yaml.Node) -> None:
    """Put a node into the open collection `entry` ([collection, pending key])."""
    parent = entry[0]
    if isinstance(parent, yaml.SequenceNode):
        parent.value.append(node)
    elif entry[1] is None:
        entry[1] = node
    else:
        parent.value.append((entry[1], node))
        entry[1] = None


def _mark(text: str, mark) -> yaml.Mark:
    # libyaml counts characters, as PyYAML does; the buffer lets a node's source be read back.
    return yaml.Mark("<unicode string>", mark.index, mark.line, mark.column, text, mark.index)


def _syntax_hint(err: yaml.MarkedYAMLError, text: str) -> str:
    """The likeliest real cause of a syntax error: curly quotes on the line, or a known message."""
    mark = err.problem_mark or err.context_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    if any(q in line for q in CURLY_QUOTES):
        return CURLY_HINT
    return next((h for needle, h in _SYNTAX_HINTS if needle in str(err)), "")


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
        nodes = _compose_all(text)
    except _TooDeep as err:
        return None, [Problem(
            location(shown, err.mark), "", f"lists or fields are nested more than {MAX_DEPTH} levels deep",
            "check the brackets [ ] and { } and the indentation",
        )]
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before
        return None, [Problem(Location(shown, 1, 1), "", "lists or fields are nested too deeply", "check the brackets [ ] and { }")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "the file cannot be read"
        if err.context and err.problem:
            start = err.context_mark
            where = f" that starts at line {start.line + 1}, column {start.column + 1}" if start and start.line != mark.line else ""
            what = f"{err.problem} {err.context}{where}"
        hint = _syntax_hint(err, text)
        return None, [Problem(location(shown, mark), "", f"YAML syntax error: {what}", hint)]
    except yaml.reader.ReaderError as err:  # a character YAML refuses: control characters, mostly
        before = text[: err.position]
        where = Location(shown, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        return None, [Problem(
            where, "", f"the file contains the invisible control character U+{code:04X}, which YAML does not allow",
            "delete it; it comes with text copied from a PDF or a web page",
        )]
    except yaml.YAMLError as err:  # pragma: no cover - no other error without a mark is known
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
