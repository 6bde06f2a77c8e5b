"""A small declarative schema for YAML node trees.

Each type checks a composed YAML node, records every problem it finds in a
shared Context (with file:line:col), and returns a plain Python value or
INVALID. Records turn mappings into model objects. Nothing is raised: all the
problems of a file are collected in one pass.

Scalars are read from their source text, so we decide the YAML 1.1 traps
ourselves: a plain scalar that YAML would turn into a different value
(`8:30` is 510, `0912` loses its zero, `yes` is true) is an error in a text
field, with the fix ("put it in quotes").
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

import yaml

from .errors import Location, Problem
from . import placeholders
from .load import CURLY_HINT, CURLY_QUOTES, location
from .text import TOO_DEEP, TOO_DEEP_HINT, nfc, too_deep


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()

_TAG = "tag:yaml.org,2002:"
_KIND_NAMES = {yaml.ScalarNode: "a single value", yaml.SequenceNode: "a list", yaml.MappingNode: "a set of fields"}


class Context:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.outer: list[Record] = []  # the records being checked around the current one
        self.placeholders = 0  # `<<ĐIỀN: …>>` found so far (placeholders.check_node)

    def where(self, node: yaml.Node) -> Location:
        return location(self.path, node.start_mark)

    def error(self, node: yaml.Node, field: str, message: str, hint: str = "") -> Any:
        self.problems.append(Problem(self.where(node), field, message, hint))
        return INVALID


def brief(text: str, limit: int = 80) -> str:
    """Text as repeated in a message: a pasted page would drown the message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str) -> str:
    return '"' + brief(text).replace('"', '\\"') + '"'


def scalar_text(node: yaml.ScalarNode) -> str:
    return nfc(node.value)


# Digits are ASCII digits: str.isdigit() and int() also take "²", "٣" or fullwidth "３",
# which look like (or are not even) digits to a reader and crash or mislead later steps.
_DIGITS = re.compile(r"[0-9]+")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")  # 2.000: the Vietnamese way of writing 2000
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
MAX_DIGITS = 15  # beyond this no count, fee or target is meant; floats lose precision anyway


def is_digits(text: str) -> bool:
    """Only ASCII digits 0-9, at least one."""
    return _DIGITS.fullmatch(text) is not None


def thousands_dot(text: str) -> bool:
    """`1.000` or `2.500.000`: a whole number with Vietnamese thousands dots, which YAML
    (and every program) reads as a decimal (1.0, 2.5)."""
    return _THOUSANDS.fullmatch(text) is not None


def curly_quoted(text: str) -> bool:
    return len(text) >= 2 and text[0] in CURLY_QUOTES and text[-1] in CURLY_QUOTES


_PHONE = re.compile(r"^(?:\+84|0)[\d .]{7,}$", re.ASCII)
_LEADING_ZERO = re.compile(r"^0\d+$", re.ASCII)


def _trap(node: yaml.ScalarNode) -> str | None:
    """Explain how YAML would misread a plain scalar meant as text, if it would.

    Beyond what PyYAML (YAML 1.1) itself reads as a number, a phone number or a
    code with a leading zero is flagged too: YAML 1.2 tools read `0912345678`
    as a number, so only quotes keep it text everywhere.
    """
    if node.style is not None:
        return None
    if _PHONE.match(node.value):
        return f"{brief(node.value)} looks like a phone number; YAML may read it as a number and drop the leading zero"
    if _LEADING_ZERO.match(node.value):
        return f"YAML may read {brief(node.value)} as a number: the leading zero would be lost"
    tag = node.tag.removeprefix(_TAG)
    if tag not in ("int", "float", "bool"):
        return None
    value = yaml_value(node)
    if value is INVALID:
        return f"YAML takes {brief(node.value)} for a number but cannot read it"
    if tag == "bool":
        return f"YAML reads {brief(node.value)} as {'true' if value else 'false'}, not as text"
    if str(value) == node.value:
        return None
    if ":" in node.value:
        return f"YAML reads {brief(node.value)} as the number {brief(str(value))}, as if it were minutes and seconds"
    return f"YAML reads {brief(node.value)} as the number {brief(str(value))}"


def yaml_value(node: yaml.ScalarNode) -> Any:
    """What a YAML 1.1 reader makes of a plain scalar, or INVALID where even it fails
    (`0x_` is resolved as a hex number and then cannot be read; Python refuses to read
    integers of more than 4300 digits)."""
    try:
        return yaml.safe_load(node.value)
    except (ValueError, yaml.YAMLError):
        return INVALID


def _joined_item(node: yaml.ScalarNode) -> str | None:
    """A list item indented one space too far is no syntax error: YAML folds the line
    `   - b` into the plain text above ("a - b"). Return such a line, if any."""
    if node.style is not None or node.end_mark.line == node.start_mark.line or node.start_mark.buffer is None:
        return None
    source = node.start_mark.buffer[node.start_mark.index:node.end_mark.index]
    return next((line.strip() for line in source.splitlines()[1:] if line.lstrip().startswith("- ")), None)


# JSON Schema (generator/editor_schema.py): each type says what it accepts as a JSON Schema
# fragment, for editors (VS Code) and the web editor's form (generator/cms.py). `child(type, key)`
# turns a nested type into its fragment (key: the field name, "" for a list's items); the walker
# adds the field's Vietnamese label and help (generator/fielddocs.py). A fragment may carry
# "x-cchc": what the value is beyond its JSON type (date, datetime, markdown), for the web editor.
# The fragments accept what the checker accepts where JSON Schema can say it; the checker stays
# the authority (a schema cannot see YAML's quoting, nor rules across fields or files).
DATE_PATTERN = r"^\s*(?:[0-9]{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12][0-9]|3[01])|(?:0?[1-9]|[12][0-9]|3[01])/(?:0?[1-9]|1[0-2])/[0-9]{4})\s*$"
DATETIME_PATTERN = DATE_PATTERN[:-4] + r"(?:[ T]+(?:[01]?[0-9]|2[0-3]):[0-5][0-9])?\s*$"


class Type:
    expects = "a value"

    def check(self, node: yaml.Node, field: str, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self, child: Callable[["Type", str], dict]) -> dict:
        """What this type accepts, as JSON Schema (anything, unless a type says more)."""
        return {}

    def wrong_kind(self, node: yaml.Node, field: str, ctx: Context) -> Any:
        found = _KIND_NAMES.get(type(node), "something else")
        return ctx.error(node, field, f"expected {self.expects}, found {found}")


class Text(Type):
    """Text (Markdown allowed). Empty text is an error: leave the field out instead."""

    expects = "text"

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        trap = _trap(node)
        if trap:
            return ctx.error(node, field, trap, f"put it in quotes: {quoted(node.value)}")
        text = scalar_text(node).strip()
        joined = _joined_item(node)
        if joined:
            return ctx.error(
                node, field, f"the line {quoted(joined)} is read as part of this text, not as a list item",
                "check the indentation: items of one list must line up; for a Markdown list inside a text, write `|` after the colon",
            )
        if node.style is None and curly_quoted(text):
            return ctx.error(
                node, field, f"is written in curly quotes {text[0]}…{text[-1]}, which YAML keeps as part of the value",
                f"{CURLY_HINT}; to print curly quotes, put the whole value in straight quotes",
            )
        if not text or (node.style is None and node.tag == _TAG + "null"):
            return ctx.error(node, field, "is empty", "write a value or remove the line")
        if too_deep(text):
            return ctx.error(node, field, TOO_DEEP, TOO_DEEP_HINT)
        return text

    def json_schema(self, child):
        # A plain number is text too (`title: 2021`), as the checker reads it.
        return {"type": ["string", "number"], "minLength": 1}


class Label(Text):
    """A short printed label such as a list number ("1.", "2.1", "a)"); bare numbers are fine."""

    def check(self, node, field, ctx):
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.tag == _TAG + "int":
            if str(yaml_value(node)) == node.value:
                return node.value
        return super().check(node, field, ctx)

    def json_schema(self, child):
        return {"type": ["string", "integer"], "minLength": 1}


class Integer(Type):
    expects = "a whole number"

    def __init__(self, minimum: int = 1):
        self.minimum = minimum

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        if not is_digits(text):
            return ctx.error(node, field, f"expected a whole number, found {quoted(text)}", "write digits only, e.g. 3")
        if len(text) > MAX_DIGITS:
            return ctx.error(node, field, f"{text[:MAX_DIGITS]}… is too large a number", "write the real count")
        value = int(text)
        if value < self.minimum:
            return ctx.error(node, field, f"must be {self.minimum} or more, found {value}")
        return value

    def json_schema(self, child):
        return {"type": ["integer", "string"], "minimum": self.minimum, "pattern": r"^\s*[0-9]+\s*$"}


class Number(Type):
    expects = "a number"

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        if thousands_dot(text):
            whole = text.replace(".", "")
            return ctx.error(
                node, field, f"{text} would be read as a decimal number, not as {whole}",
                f"write whole numbers without thousands dots: {whole}; a decimal is written 1.5 or 1,5",
            )
        if _NUMBER.fullmatch(text) is None:
            return ctx.error(node, field, f"expected a number, found {quoted(text)}", "write digits, e.g. 95")
        if len(text) > MAX_DIGITS + 2:
            return ctx.error(node, field, f"{text[:MAX_DIGITS]}… is too large a number", "write the real value")
        return float(text.replace(",", ".")) if "." in text or "," in text else int(text)

    def json_schema(self, child):
        return {"type": ["number", "string"], "pattern": _NUMBER.pattern.join("^$")}


class Flag(Type):
    expects = "true or false"

    def check(self, node, field, ctx):
        if isinstance(node, yaml.ScalarNode) and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        return ctx.error(node, field, f"expected true or false, found {quoted(node.value)}")

    def json_schema(self, child):
        return {"type": "boolean"}


class Choice(Type):
    """One of a few codes. Given a mapping (code -> Vietnamese label), the labels are what
    editors show beside the codes."""

    def __init__(self, *values: str | dict):
        self.labels = dict(values[0]) if len(values) == 1 and isinstance(values[0], dict) else {}
        self.values = tuple(self.labels) or values
        self.expects = "one of " + ", ".join(self.values)

    def json_schema(self, child):
        schema: dict = {"enum": list(self.values)}
        if self.labels:
            schema["enumDescriptions"] = [self.labels[v] for v in self.values]
        return schema

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        value = scalar_text(node).strip()
        if value in self.values:
            return value
        hint = CURLY_HINT if curly_quoted(value) else suggest(value, self.values)
        return ctx.error(node, field, f"unknown value {quoted(value)}", hint)


def suggest(word: str, choices, allowed: str = "use one of") -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean {quoted(close[0])}?"
    return f"{allowed}: " + ", ".join(choices)


# Years a date or timeframe may name: the documents this portal publishes are all modern,
# and a typo such as 0202 or 20211 must not reach the calendar arithmetic (years 1–9999).
YEARS = range(1900, 2101)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def parse_date(text: str) -> tuple[dt.date | None, str, str]:
    """Read `2021-02-15` or `15/02/2021`. Returns (date, message, hint); date is None on error."""
    text = text.strip()
    if "-" in text:
        parts, order = text.split("-"), (0, 1, 2)
    elif "/" in text:
        parts, order = text.split("/"), (2, 1, 0)
    else:
        parts, order = [], (0, 1, 2)
    if len(parts) != 3 or not all(is_digits(p) and len(p) <= 4 for p in parts) or len(parts[order[0]]) != 4:
        return None, f"{quoted(text)} is not a date", "write it as 2021-02-15, year-month-day"
    year, month, day = (int(parts[i]) for i in order)
    if year not in YEARS:
        return None, f"{quoted(text)} is not a date: the year must be {YEARS.start}–{YEARS.stop - 1}", ""
    if not 1 <= month <= 12:
        return None, f"{quoted(text)} is not a date: month must be 1–12", ""
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return None, f"{quoted(text)} is not a date: {MONTHS[month - 1]} {year} has {last} days", ""
    return dt.date(year, month, day), "", ""


class Date(Type):
    expects = "a date"

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        value, message, hint = parse_date(node.value)
        return value if value else ctx.error(node, field, message, hint)

    def json_schema(self, child):
        return {"type": "string", "pattern": DATE_PATTERN, "x-cchc": "date"}


_TIME = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)


def parse_datetime(text: str, timezone) -> tuple[dt.datetime | None, str, str]:
    """Read `2021-03-15 08:30` (or a date alone, meaning 00:00) in the given time zone."""
    text = text.strip().replace("T", " ")
    day_text, _, time_text = text.partition(" ")
    day, message, hint = parse_date(day_text)
    if day is None:
        return None, message, hint or "write it as 2021-03-15 08:30"
    if not time_text:
        return dt.datetime.combine(day, dt.time(), timezone), "", ""
    m = _TIME.match(time_text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return None, f"{quoted(text)} has no valid time of day", "write the time as 08:30, on the 24-hour clock"
    return dt.datetime.combine(day, dt.time(int(m[1]), int(m[2])), timezone), "", ""


class DateTime(Type):
    """A date with an optional time of day, in the portal's time zone."""

    expects = "a date and time"

    def __init__(self, timezone):
        self.timezone = timezone

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        value, message, hint = parse_datetime(node.value, self.timezone)
        return value if value else ctx.error(node, field, message, hint)

    def json_schema(self, child):
        return {"type": "string", "pattern": DATETIME_PATTERN, "x-cchc": "datetime"}


class ListOf(Type):
    def __init__(self, item: Type, min_items: int = 1):
        self.item = item
        self.min_items = min_items
        self.expects = "a list"

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.SequenceNode):
            return self.wrong_kind(node, field, ctx)
        if len(node.value) < self.min_items:
            return ctx.error(node, field, "is an empty list", "add items or remove the field")
        values = [INVALID if placeholders.check_node(child, f"{field}[{i}]", ctx) else self.item.check(child, f"{field}[{i}]", ctx)
                  for i, child in enumerate(node.value, 1)]
        return tuple(v for v in values if v is not INVALID)

    def json_schema(self, child):
        return {"type": "array", "items": child(self.item, ""), "minItems": self.min_items}


class TextOrList(Type):
    """One text, or a list of texts (a cell that holds several dash items)."""

    expects = "text or a list of texts"

    def __init__(self):
        self.text = Text()
        self.list = ListOf(self.text)

    def check(self, node, field, ctx):
        if isinstance(node, yaml.SequenceNode):
            return self.list.check(node, field, ctx)
        value = self.text.check(node, field, ctx)
        return INVALID if value is INVALID else (value,)

    def json_schema(self, child):
        return {"anyOf": [child(self.text, ""), child(self.list, "")]}


class Either(Type):
    """A single value or a set of fields, each read by its own type."""

    def __init__(self, scalar: Type, mapping: Type):
        self.scalar, self.mapping = scalar, mapping
        self.expects = f"{scalar.expects} or a set of fields"

    def check(self, node, field, ctx):
        if isinstance(node, yaml.MappingNode):
            return self.mapping.check(node, field, ctx)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar.check(node, field, ctx)
        return self.wrong_kind(node, field, ctx)

    def json_schema(self, child):
        return {"anyOf": [child(self.scalar, ""), child(self.mapping, "")]}


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    required: bool = False
    default: Any = None


class Record(Type):
    """A mapping with known fields, built into a model object.

    A missing or invalid *required* field makes the whole record INVALID; an
    invalid optional field is reported and left at its default, so later checks
    (duplicates across files) still see the rest of the record.
    """

    expects = "a set of fields"

    def __init__(self, fields: list[Field], build: Callable[..., Any] = dict, locate: bool = False):
        self.fields = {f.name: f for f in fields}
        self.build = build
        self.locate = locate  # pass `locations={field: Location}` to build

    def _unknown_hint(self, key: str, node: yaml.MappingNode, field: str, ctx: Context) -> str:
        """Name the likely cause of an unknown field: curly quotes around it, or an indentation
        that moved a field of a nested set of fields (`issuer:` … `level:`) out of it."""
        bare = key.strip(CURLY_QUOTES)
        if bare != key and bare in self.fields:
            return CURLY_HINT
        present = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        for name in present & set(self.fields):
            inner = self.fields[name].type
            inner = getattr(inner, "mapping", inner)  # Either: its set of fields
            if isinstance(inner, Record) and key in inner.fields:
                return f"`{key}` is a field of `{name}`: indent it like the other fields of `{name}`"
        if ctx.outer and key in ctx.outer[-1].fields and field:
            return f"`{key}` is not a field of `{field}`: indent it less, like `{field.rsplit('.', 1)[-1].split('[')[0]}`"
        return suggest(key, self.fields, "fields allowed here")

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.MappingNode):
            return self.wrong_kind(node, field, ctx)
        values: dict[str, Any] = {}
        where: dict[str, Location] = {}
        seen: dict[str, yaml.Node] = {}
        ok = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                ctx.error(key_node, field, f"a field name must be a word, found {_KIND_NAMES.get(type(key_node))}", "write `name: value`")
                continue
            key = scalar_text(key_node).strip()
            path = f"{field}.{key}" if field else key
            if key in seen:
                ctx.error(key_node, path, f"appears twice (first on line {seen[key].start_mark.line + 1})", "keep one of them")
                continue
            seen[key] = key_node
            spec = self.fields.get(key)
            if spec is None:
                ctx.error(key_node, path, "unknown field", self._unknown_hint(key, node, field, ctx))
                continue
            unfilled = ctx.placeholders
            ctx.outer.append(self)
            try:
                value = INVALID if placeholders.check_node(value_node, path, ctx) else spec.type.check(value_node, path, ctx)
            finally:
                ctx.outer.pop()
            where[key] = ctx.where(value_node)
            if ctx.placeholders > unfilled:  # a file not filled in yet: no checks that would follow from its gaps
                ok = False
            if value is INVALID:
                ok = ok and not spec.required
                value = spec.default
            values[key] = value
        for spec in self.fields.values():
            if spec.name in seen:
                continue
            if spec.required:
                path = f"{field}.{spec.name}" if field else spec.name
                ctx.error(node, path, "is missing", f"add `{spec.name}:` to {'`' + field + '`' if field else 'the file'}")
                ok = False
            else:
                values[spec.name] = spec.default
        if not ok:
            return INVALID
        if self.locate:
            values["locations"] = where
        return self.build(**values)

    def json_schema(self, child):
        return {
            "type": "object",
            "properties": {name: child(spec.type, name) for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


# --- web addresses ------------------------------------------------------------------------------

WEB_ADDRESS_HINT = "write the full address, starting with https://"
_SCHEMES = {False: ("https", "http"), True: ("https",)}


def web_address_problem(text: str, secure: bool = False) -> str | None:
    """Why `text` is not a web address a reader may follow (None if it is one).

    Only http(s) addresses are links: `javascript:`, `data:` and the like would run or show
    whatever the writer chose. Spaces and control characters are refused too, so an address
    cannot start a new line in a calendar or contact file.
    """
    scheme, sep, rest = text.partition("://")
    ok = sep and scheme.lower() in _SCHEMES[secure] and rest and not rest.startswith("/")
    if ok and not any(c.isspace() or unicodedata.category(c)[0] == "C" for c in text):
        return None
    shown = quoted(re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m[0])[1:-1], text))  # a CR would garble the report
    if secure and sep and scheme.lower() == "http" and rest:
        return f"{shown} is not a secure web address"
    return f"{shown} is not a web address"


class WebAddress(Text):
    """A link to another site: http:// or https:// (only https:// when `secure`)."""

    expects = "a web address"

    def __init__(self, secure: bool = False):
        self.secure = secure

    def check(self, node, field, ctx):
        text = super().check(node, field, ctx)
        if text is INVALID:
            return INVALID
        problem = web_address_problem(text, self.secure)
        return ctx.error(node, field, problem, WEB_ADDRESS_HINT) if problem else text

    def json_schema(self, child):
        return {"type": "string", "pattern": "^https://\\S+$" if self.secure else "^https?://\\S+$"}
