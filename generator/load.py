"""Read content files into YAML node trees that remember where every value is.

We compose (not construct) YAML: the node tree keeps each value's line and
column and its source text, so validation can report positions and decide
itself how to read a scalar (see schema.py for the YAML 1.1 traps).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import Location, Problem
from .i18n import _

# Deeper than any document needs (a plan's sections inside sections use two levels each);
# a file nested deeper is a mistake or an attack, and would exhaust Python's stack.
MAX_DEPTH = 32

# Hints for the YAML syntax errors officers meet most often (PyYAML's message -> our hint).
def _syntax_hints() -> tuple[tuple[str, str], ...]:
    return (
        ("found character '\\t'", _("indent with spaces, not tabs")),
        ("mapping values are not allowed here", _('a value that contains ": " must be put in quotes')),
        ("could not find expected ':'", _("each line of a mapping needs `field: value`; check the line above too")),
        ("found undefined alias", _("`*` starts a YAML alias; put the value in quotes")),
        ("found unexpected end of stream", _("a quote is opened but never closed")),
        ("while scanning a quoted scalar", _("a quote is opened but never closed")),
        ("found unknown escape character", _('inside "double quotes" a backslash starts an escape; use single quotes or write \\\\')),
        ("did not find expected key", _("check the indentation: items of one list or mapping must line up")),
        ("expected <block end>", _("check the indentation: items of one list or mapping must line up")),
    )


# Word and phones turn typed quotes into these; YAML does not take them for quotes.
CURLY_QUOTES = "\u201c\u201d\u2018\u2019"


def curly_hint() -> str:
    return _('Word "smart quotes" are not YAML quotes; type straight quotes "…"')


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
                if stack and stack[-1][1] is None and isinstance(stack[-1][0], yaml.MappingNode):
                    raise _Differs  # a list or mapping as a key (`? - a`): never a field, and styled differently
                node_type = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
                tag = event.tag if event.tag not in (None, "!") else _RESOLVER.resolve(node_type, None, event.implicit)
                flow = event.flow_style
                if (kind is yaml.SequenceStartEvent and not flow and stack and isinstance(stack[-1][0], yaml.MappingNode)
                        and event.start_mark.column == stack[-1][0].start_mark.column):
                    flow = None  # a list under a field at the field's own indentation: PyYAML leaves its style unset
                node = node_type(tag, [], _mark(text, event.start_mark), None, flow_style=flow)
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
        return curly_hint()
    return next((h for needle, h in _syntax_hints() if needle in str(err)), "")


# PyYAML's wording of what it was reading and what it found; the commonest ones are translated.
_FOUND = (
    (re.compile(r"expected <block end>, but found (.+)"), lambda found: _("expected <block end>, but found {found}", found=found)),
    (re.compile(r"found character (.+) that cannot start any token"), lambda found: _("found character {found} that cannot start any token", found=found)),
    (re.compile(r"found undefined alias (.+)"), lambda found: _("found undefined alias {found}", found=found)),
    (re.compile(r"found unknown escape character (.+)"), lambda found: _("found unknown escape character {found}", found=found)),
    (re.compile(r"expected the node content, but found (.+)"), lambda found: _("expected the node content, but found {found}", found=found)),
    (re.compile(r"expected ',' or '\]', but got (.+)"), lambda found: _("expected ',' or ']', but got {found}", found=found)),
    (re.compile(r"expected ',' or '\}', but got (.+)"), lambda found: _("expected ',' or '}}', but got {found}", found=found)),
    (re.compile(r"expected a comment or a line break, but found (.+)"), lambda found: _("expected a comment or a line break, but found {found}", found=found)),
)


def _yaml_words(text: str | None) -> str | None:
    """PyYAML's own words for a syntax error, in the chosen language where we know them."""
    if not text:
        return text
    known = {
        "mapping values are not allowed here": _("mapping values are not allowed here"),
        "mapping keys are not allowed here": _("mapping keys are not allowed here"),
        "could not find expected ':'": _("could not find expected ':'"),
        "did not find expected key": _("did not find expected key"),
        "did not find expected '-' indicator": _("did not find expected '-' indicator"),
        "found unexpected end of stream": _("found unexpected end of stream"),
        "while scanning a simple key": _("while scanning a simple key"),
        "while parsing a block mapping": _("while parsing a block mapping"),
        "while parsing a block collection": _("while parsing a block collection"),
        "while parsing a block node": _("while parsing a block node"),
        "while parsing a flow sequence": _("while parsing a flow sequence"),
        "while parsing a flow mapping": _("while parsing a flow mapping"),
        "while parsing a flow node": _("while parsing a flow node"),
        "while scanning a quoted scalar": _("while scanning a quoted scalar"),
        "while scanning a double-quoted scalar": _("while scanning a double-quoted scalar"),
        "while scanning a plain scalar": _("while scanning a plain scalar"),
        "while scanning a block scalar": _("while scanning a block scalar"),
        "while scanning an alias": _("while scanning an alias"),
        "while scanning an anchor": _("while scanning an anchor"),
        "while scanning for the next token": _("while scanning for the next token"),
    }
    if text in known:
        return known[text]
    for pattern, words in _FOUND:
        m = pattern.fullmatch(text)
        if m:
            return words(m[1])
    return text


def location(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def read_text(file: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8, dropping a byte-order mark; report other encodings."""
    return decode_text(file.read_bytes(), shown)


def decode_text(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """`read_text` of a file's bytes already read."""
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
                _("the file is not UTF-8 text (byte 0x{byte} cannot be read)", byte=f"{data[err.start]:02X}"),
                _("save it as UTF-8 in your editor (\"Save with encoding: UTF-8\")"),
            )
        ]
    return text.removeprefix("\ufeff"), []


def compose_yaml(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose one YAML document into a node tree, or report why it cannot be read."""
    if not text.strip():
        return None, [Problem(Location(shown, 1, 1), "", _("the file is empty"), _("write the plan's fields, see plans/README.md"))]
    try:
        nodes = _compose_all(text)
    except _TooDeep as err:
        return None, [Problem(
            location(shown, err.mark), "", _("lists or fields are nested more than {depth} levels deep", depth=MAX_DEPTH),
            _("check the brackets [ ] and { } and the indentation"),
        )]
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before
        return None, [Problem(Location(shown, 1, 1), "", _("lists or fields are nested too deeply"), _("check the brackets [ ] and { }"))]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem, context = _yaml_words(err.problem), _yaml_words(err.context)
        what = problem or context or _("the file cannot be read")
        if context and problem:
            start = err.context_mark
            if start and start.line != mark.line:
                what = _("{problem} {context} that starts at line {line}, column {column}", problem=problem, context=context, line=start.line + 1, column=start.column + 1)
            else:
                what = f"{problem} {context}"
        hint = _syntax_hint(err, text)
        return None, [Problem(location(shown, mark), "", _("YAML syntax error: {what}", what=what), hint)]
    except yaml.reader.ReaderError as err:  # a character YAML refuses: control characters, mostly
        before = text[: err.position]
        where = Location(shown, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        return None, [Problem(
            where, "", _("the file contains the invisible control character U+{code}, which YAML does not allow", code=f"{code:04X}"),
            _("delete it; it comes with text copied from a PDF or a web page"),
        )]
    except yaml.YAMLError as err:  # pragma: no cover - no other error without a mark is known
        return None, [Problem(Location(shown, 1, 1), "", _("YAML error: {error}", error=err))]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [Problem(Location(shown, 1, 1), "", _("the file has no content, only comments"), _("write the plan's fields, see plans/README.md"))]
    if len(nodes) > 1:
        return None, [
            Problem(location(shown, nodes[1].start_mark), "", _("the file holds more than one YAML document (a line `---` splits them)"), _("put one plan per file"))
        ]
    return nodes[0], []


def load_yaml_file(file: Path, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    text, problems = read_text(file, shown)
    if text is None:
        return None, problems
    return compose_yaml(text, shown)
