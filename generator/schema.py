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
from .i18n import _
from .load import CURLY_QUOTES, curly_hint, location
from .text import nfc, too_deep, too_deep_hint, too_deep_message


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()

_TAG = "tag:yaml.org,2002:"


def _kind_name(node: yaml.Node) -> str:
    """What an officer wrote, in words: a value, a list or a set of fields."""
    if isinstance(node, yaml.ScalarNode):
        return _("a single value")
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    if isinstance(node, yaml.MappingNode):
        return _("a set of fields")
    return _("something else")


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
        return _("{value} looks like a phone number; YAML may read it as a number and drop the leading zero", value=brief(node.value))
    if _LEADING_ZERO.match(node.value):
        return _("YAML may read {value} as a number: the leading zero would be lost", value=brief(node.value))
    tag = node.tag.removeprefix(_TAG)
    if tag not in ("int", "float", "bool"):
        return None
    value = yaml_value(node)
    if value is INVALID:
        return _("YAML takes {value} for a number but cannot read it", value=brief(node.value))
    if tag == "bool":
        return _("YAML reads {value} as {flag}, not as text", value=brief(node.value), flag="true" if value else "false")
    if str(value) == node.value:
        return None
    if ":" in node.value:
        return _("YAML reads {value} as the number {number}, as if it were minutes and seconds", value=brief(node.value), number=brief(str(value)))
    return _("YAML reads {value} as the number {number}", value=brief(node.value), number=brief(str(value)))


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
    @property
    def expects(self) -> str:
        return _("a value")

    def check(self, node: yaml.Node, field: str, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self, child: Callable[["Type", str], dict]) -> dict:
        """What this type accepts, as JSON Schema (anything, unless a type says more)."""
        return {}

    def wrong_kind(self, node: yaml.Node, field: str, ctx: Context) -> Any:
        return ctx.error(node, field, _("expected {expected}, found {found}", expected=self.expects, found=_kind_name(node)))


class Text(Type):
    """Text (Markdown allowed). Empty text is an error: leave the field out instead."""

    @property
    def expects(self) -> str:
        return _("text")

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        trap = _trap(node)
        if trap:
            return ctx.error(node, field, trap, _("put it in quotes: {value}", value=quoted(node.value)))
        text = scalar_text(node).strip()
        joined = _joined_item(node)
        if joined:
            return ctx.error(
                node, field, _("the line {line} is read as part of this text, not as a list item", line=quoted(joined)),
                _("check the indentation: items of one list must line up; for a Markdown list inside a text, write `|` after the colon"),
            )
        if node.style is None and curly_quoted(text):
            return ctx.error(
                node, field, _("is written in curly quotes {opening}…{closing}, which YAML keeps as part of the value", opening=text[0], closing=text[-1]),
                _('Word "smart quotes" are not YAML quotes; type straight quotes "…"; to print curly quotes, put the whole value in straight quotes'),
            )
        if not text or (node.style is None and node.tag == _TAG + "null"):
            return ctx.error(node, field, _("is empty"), _("write a value or remove the line"))
        if too_deep(text):
            return ctx.error(node, field, too_deep_message(), too_deep_hint())
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
    @property
    def expects(self) -> str:
        return _("a whole number")

    def __init__(self, minimum: int = 1):
        self.minimum = minimum

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        if not is_digits(text):
            return ctx.error(node, field, _("expected a whole number, found {value}", value=quoted(text)), _("write digits only, e.g. 3"))
        if len(text) > MAX_DIGITS:
            return ctx.error(node, field, _("{number}… is too large a number", number=text[:MAX_DIGITS]), _("write the real count"))
        value = int(text)
        if value < self.minimum:
            return ctx.error(node, field, _("must be {minimum} or more, found {value}", minimum=self.minimum, value=value))
        return value

    def json_schema(self, child):
        return {"type": ["integer", "string"], "minimum": self.minimum, "pattern": r"^\s*[0-9]+\s*$"}


class Number(Type):
    @property
    def expects(self) -> str:
        return _("a number")

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        if thousands_dot(text):
            whole = text.replace(".", "")
            return ctx.error(
                node, field, _("{number} would be read as a decimal number, not as {whole}", number=text, whole=whole),
                _("write whole numbers without thousands dots: {whole}; a decimal is written 1.5 or 1,5", whole=whole),
            )
        if _NUMBER.fullmatch(text) is None:
            return ctx.error(node, field, _("expected a number, found {value}", value=quoted(text)), _("write digits, e.g. 95"))
        if len(text) > MAX_DIGITS + 2:
            return ctx.error(node, field, _("{number}… is too large a number", number=text[:MAX_DIGITS]), _("write the real value"))
        return float(text.replace(",", ".")) if "." in text or "," in text else int(text)

    def json_schema(self, child):
        return {"type": ["number", "string"], "pattern": _NUMBER.pattern.join("^$")}


class Flag(Type):
    @property
    def expects(self) -> str:
        return _("true or false")

    def check(self, node, field, ctx):
        if isinstance(node, yaml.ScalarNode) and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        return ctx.error(node, field, _("expected true or false, found {value}", value=quoted(node.value)))

    def json_schema(self, child):
        return {"type": "boolean"}


class Choice(Type):
    """One of a few codes. Given a mapping (code -> Vietnamese label), the labels are what
    editors show beside the codes."""

    def __init__(self, *values: str | dict):
        self.labels = dict(values[0]) if len(values) == 1 and isinstance(values[0], dict) else {}
        self.values = tuple(self.labels) or values

    @property
    def expects(self) -> str:
        return _("one of {values}", values=", ".join(self.values))

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
        hint = curly_hint() if curly_quoted(value) else suggest(value, self.values)
        return ctx.error(node, field, _("unknown value {value}", value=quoted(value)), hint)


def suggest(word: str, choices, allowed: str = "") -> str:
    """"did you mean …?" for a close match, else the list of choices after `allowed` (a
    translated "{choices}" message; "use one of {choices}" by default)."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return _("did you mean {value}?", value=quoted(close[0]))
    listed = ", ".join(choices)
    return allowed.format(choices=listed) if allowed else _("use one of: {choices}", choices=listed)


# Years a date or timeframe may name: the documents this portal publishes are all modern,
# and a typo such as 0202 or 20211 must not reach the calendar arithmetic (years 1–9999).
YEARS = range(1900, 2101)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def month_name(month: int) -> str:
    """A month's name in a message ("February"; "tháng 2" in Vietnamese)."""
    return (
        _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
        _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
    )[month - 1]


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
        return None, _("{value} is not a date", value=quoted(text)), _("write it as 2021-02-15, year-month-day")
    year, month, day = (int(parts[i]) for i in order)
    if year not in YEARS:
        return None, _("{value} is not a date: the year must be {first}–{last}", value=quoted(text), first=YEARS.start, last=YEARS.stop - 1), ""
    if not 1 <= month <= 12:
        return None, _("{value} is not a date: month must be 1–12", value=quoted(text)), ""
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return None, _("{value} is not a date: {month} {year} has {days} days", value=quoted(text), month=month_name(month), year=year, days=last), ""
    return dt.date(year, month, day), "", ""


class Date(Type):
    @property
    def expects(self) -> str:
        return _("a date")

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
    day_text, __, time_text = text.partition(" ")
    day, message, hint = parse_date(day_text)
    if day is None:
        return None, message, hint or _("write it as 2021-03-15 08:30")
    if not time_text:
        return dt.datetime.combine(day, dt.time(), timezone), "", ""
    m = _TIME.match(time_text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return None, _("{value} has no valid time of day", value=quoted(text)), _("write the time as 08:30, on the 24-hour clock")
    return dt.datetime.combine(day, dt.time(int(m[1]), int(m[2])), timezone), "", ""


class DateTime(Type):
    """A date with an optional time of day, in the portal's time zone."""

    @property
    def expects(self) -> str:
        return _("a date and time")

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

    @property
    def expects(self) -> str:
        return _("a list")

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.SequenceNode):
            return self.wrong_kind(node, field, ctx)
        if len(node.value) < self.min_items:
            return ctx.error(node, field, _("is an empty list"), _("add items or remove the field"))
        values = [INVALID if placeholders.check_node(child, f"{field}[{i}]", ctx) else self.item.check(child, f"{field}[{i}]", ctx)
                  for i, child in enumerate(node.value, 1)]
        return tuple(v for v in values if v is not INVALID)

    def json_schema(self, child):
        return {"type": "array", "items": child(self.item, ""), "minItems": self.min_items}


class TextOrList(Type):
    """One text, or a list of texts (a cell that holds several dash items)."""

    @property
    def expects(self) -> str:
        return _("text or a list of texts")

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

    @property
    def expects(self) -> str:
        return _("{expected} or a set of fields", expected=self.scalar.expects)

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

    @property
    def expects(self) -> str:
        return _("a set of fields")

    def __init__(self, fields: list[Field], build: Callable[..., Any] = dict, locate: bool = False):
        self.fields = {f.name: f for f in fields}
        self.build = build
        self.locate = locate  # pass `locations={field: Location}` to build

    def _unknown_hint(self, key: str, node: yaml.MappingNode, field: str, ctx: Context) -> str:
        """Name the likely cause of an unknown field: curly quotes around it, or an indentation
        that moved a field of a nested set of fields (`issuer:` … `level:`) out of it."""
        bare = key.strip(CURLY_QUOTES)
        if bare != key and bare in self.fields:
            return curly_hint()
        present = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        for name in present & set(self.fields):
            inner = self.fields[name].type
            inner = getattr(inner, "mapping", inner)  # Either: its set of fields
            if isinstance(inner, Record) and key in inner.fields:
                return _("`{key}` is a field of `{name}`: indent it like the other fields of `{name}`", key=key, name=name)
        if ctx.outer and key in ctx.outer[-1].fields and field:
            return _("`{key}` is not a field of `{field}`: indent it less, like `{sibling}`", key=key, field=field, sibling=field.rsplit('.', 1)[-1].split('[')[0])
        return suggest(key, self.fields, _("fields allowed here: {choices}"))

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.MappingNode):
            return self.wrong_kind(node, field, ctx)
        values: dict[str, Any] = {}
        where: dict[str, Location] = {}
        seen: dict[str, yaml.Node] = {}
        ok = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                ctx.error(key_node, field, _("a field name must be a word, found {found}", found=_kind_name(key_node)), _("write `name: value`"))
                continue
            key = scalar_text(key_node).strip()
            path = f"{field}.{key}" if field else key
            if key in seen:
                ctx.error(key_node, path, _("appears twice (first on line {line})", line=seen[key].start_mark.line + 1), _("keep one of them"))
                continue
            seen[key] = key_node
            spec = self.fields.get(key)
            if spec is None:
                ctx.error(key_node, path, _("unknown field"), self._unknown_hint(key, node, field, ctx))
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
                hint = _("add `{name}:` to `{field}`", name=spec.name, field=field) if field else _("add `{name}:` to the file", name=spec.name)
                ctx.error(node, path, _("is missing"), hint)
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

def web_address_hint() -> str:
    return _("write the full address, starting with https://")

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
        return _("{value} is not a secure web address", value=shown)
    return _("{value} is not a web address", value=shown)


class WebAddress(Text):
    """A link to another site: http:// or https:// (only https:// when `secure`)."""

    @property
    def expects(self) -> str:
        return _("a web address")

    def __init__(self, secure: bool = False):
        self.secure = secure

    def check(self, node, field, ctx):
        text = super().check(node, field, ctx)
        if text is INVALID:
            return INVALID
        problem = web_address_problem(text, self.secure)
        return ctx.error(node, field, problem, web_address_hint()) if problem else text

    def json_schema(self, child):
        return {"type": "string", "pattern": "^https://\\S+$" if self.secure else "^https?://\\S+$"}
