"""Timeframes written the way officers think: "2021-03", "2022-Q2", "monthly",
"before 2022-11", "2022-06-30..2030", and combinations joined with ";".

A point is the closed interval from its first to its last day. `before P` ends
the day before P starts; `by P` ends on P's last day. A recurring term without
its own range recurs over the plan's period.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

import yaml

from .i18n import _
from .schema import INVALID, YEARS, Context, Field, Integer, Record, Text, Type, month_name, quoted, scalar_text



def forms_hint() -> str:
    return _('write e.g. 2021-03, 2022-Q2, 2022-H1, 2025, monthly, yearly, "before 2022-11", "by 2030" or "2022-06-30..2030"; see plans/README.md')

RECURRING = {"monthly": "month", "quarterly": "quarter", "half-yearly": "half", "yearly": "year"}
# Weeks are not a cadence: status, reports, programme archives and calendars all count in
# calendar months, quarters and years, and a week does not fit in them (a weekly task
# showed "12/12 tháng" from 12 items). Officers write "four a month" instead.
def weekly_hint() -> str:
    return _("write {when: monthly, count: 4} for four times a month; progress is counted per month")

_POINT = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})(?:-(\d{1,2}))?|[Qq](\d{1,2})|[Hh](\d{1,2})))?$", re.ASCII)
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class TimeframeSyntaxError(ValueError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Point:
    """A calendar year, half, quarter, month or day."""

    grain: str  # year | half | quarter | month | day
    start: dt.date
    end: dt.date

    def describe(self) -> str:
        s = self.start
        return {
            "year": f"năm {s.year}",
            "half": f"6 tháng {'đầu' if s.month == 1 else 'cuối'} năm {s.year}",
            "quarter": f"quý {_ROMAN[(s.month - 1) // 3 + 1]}/{s.year}",
            "month": f"tháng {s.month}/{s.year}",
            "day": f"ngày {s.day}/{s.month}/{s.year}",
        }[self.grain]


@dataclass(frozen=True)
class Term:
    kind: str  # point | range | every | before | by
    start: dt.date | None = None
    end: dt.date | None = None
    point: Point | None = None  # point, before, by
    unit: str = ""  # every: month | quarter | half | year
    within: "Term | None" = None  # every: its own point or range
    ends: tuple[Point | None, Point | None] = (None, None)  # range: the points as written

    def describe(self) -> str:
        if self.kind == "point":
            return self.point.describe()
        if self.kind == "before":
            return f"trước {self.point.describe()}"
        if self.kind == "by":
            return f"đến {self.point.describe()}"
        if self.kind == "range":
            first, last = self.ends
            begin = f"từ {first.describe()}" if first else ""
            finish = f"đến {last.describe()}" if last else ""
            return " ".join(p for p in (begin, finish) if p)
        words = {"month": "hằng tháng", "quarter": "hằng quý", "half": "6 tháng một lần", "year": "hằng năm"}[self.unit]
        return f"{words} {self.within.describe()}" if self.within else words


@dataclass(frozen=True)
class Timeframe:
    when: str  # as written, normalised spacing
    terms: tuple[Term, ...]
    count: int | None = None
    unit: str | None = None  # what is counted: "chuyên mục"
    label: str | None = None  # printed wording, shown instead of a generated one

    @property
    def recurring(self) -> Term | None:
        return next((t for t in self.terms if t.kind == "every"), None)

    @property
    def bounded(self) -> bool:
        return any(t.kind in ("point", "range") for t in self.terms)

    def describe(self) -> str:
        """The printed label if there is one, otherwise Vietnamese words for the terms."""
        if self.label:
            return self.label
        text = ", ".join(t.describe() for t in self.terms)
        if self.count and self.recurring:
            per = {"month": "tháng", "quarter": "quý", "half": "kỳ", "year": "năm"}[self.recurring.unit]
            text += f", mỗi {per} {self.count:02d} {self.unit or 'lần'}"
        return text[:1].upper() + text[1:]

    def span(self, period: "Timeframe | None" = None) -> tuple[dt.date | None, dt.date | None]:
        """First and last day the timeframe covers (a recurring term covers the period)."""
        starts, ends = [], []
        for term in self.terms:
            if term.kind == "every":
                inner = Timeframe("", (term.within,)) if term.within else period
                s, e = inner.span() if inner else (None, None)
            else:
                s, e = term.start, term.end
            if s:
                starts.append(s)
            if e:
                ends.append(e)
        return (max(starts) if starts else None, min(ends) if ends else None)


def parse_point(text: str) -> Point:
    m = _POINT.match(text)
    if not m:
        raise TimeframeSyntaxError(_("unknown timeframe {value}", value=quoted(text)), forms_hint())
    year = int(m[1])
    if year not in YEARS:
        raise TimeframeSyntaxError(_("{value} is not a timeframe: the year must be {first}–{last}", value=quoted(text), first=YEARS.start, last=YEARS.stop - 1))
    if m[2]:
        month = int(m[2])
        if not 1 <= month <= 12:
            raise TimeframeSyntaxError(_("{value} is not a timeframe: month must be 1–12", value=quoted(text)))
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        if m[3]:
            day = int(m[3])
            if not 1 <= day <= last.day:
                raise TimeframeSyntaxError(_("{value} is not a timeframe: {month} {year} has {days} days", value=quoted(text), month=month_name(month), year=year, days=last.day))
            d = dt.date(year, month, day)
            return Point("day", d, d)
        return Point("month", first, last)
    if m[4]:
        q = int(m[4])
        if not 1 <= q <= 4:
            raise TimeframeSyntaxError(_("{value} is not a timeframe: quarter must be Q1–Q4", value=quoted(text)))
        first = dt.date(year, 3 * q - 2, 1)
        return Point("quarter", first, dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1))
    if m[5]:
        h = int(m[5])
        if h not in (1, 2):
            raise TimeframeSyntaxError(_("{value} is not a timeframe: half must be H1 or H2", value=quoted(text)))
        return Point("half", dt.date(year, 1 if h == 1 else 7, 1), dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31))
    return Point("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _parse_span(text: str) -> Term:
    if ".." in text:
        left, __, right = (p.strip() for p in text.partition(".."))
        if not left and not right:
            raise TimeframeSyntaxError(_("{value} is not a timeframe: a range needs a start or an end", value=quoted(text)), forms_hint())
        first = parse_point(left) if left else None
        last = parse_point(right) if right else None
        if first and last and last.end < first.start:
            raise TimeframeSyntaxError(_("{value} is not a timeframe: the range ends before it starts", value=quoted(text)))
        return Term("range", first and first.start, last and last.end, ends=(first, last))
    point = parse_point(text)
    return Term("point", point.start, point.end, point)


def parse_term(text: str) -> Term:
    words = text.split(None, 1)
    head = words[0].lower() if words else ""
    rest = words[1].strip() if len(words) > 1 else ""
    if head == "weekly":
        raise TimeframeSyntaxError(_("{value}: a weekly cadence is not supported", value=quoted(text)), weekly_hint())
    if head in RECURRING:
        return Term("every", unit=RECURRING[head], within=_parse_span(rest) if rest else None)
    if head in ("before", "by") and rest:
        point = parse_point(rest)
        if head == "before":
            return Term("before", None, point.start - dt.timedelta(days=1), point)
        return Term("by", None, point.end, point)
    return _parse_span(text)


def parse(when: str) -> Timeframe:
    """Parse a timeframe such as "2022; before 2022-11". Raises TimeframeSyntaxError."""
    parts = [p.strip() for p in when.split(";")]
    if not all(parts):
        raise TimeframeSyntaxError(_("{value} is not a timeframe: an empty part between `;`", value=quoted(when)), forms_hint())
    return Timeframe(" ; ".join(parts).replace(" ; ", "; "), tuple(parse_term(p) for p in parts))


class TimeframeType(Type):
    """A timeframe written as text (or a bare year), or as {when, count, unit, label}."""

    _fields = ("when", "count", "unit", "label")

    @property
    def expects(self) -> str:
        return _("a timeframe")

    def check(self, node, field, ctx: Context):
        if isinstance(node, yaml.ScalarNode):
            return self._parse(node, field, ctx)
        if not isinstance(node, yaml.MappingNode):
            return self.wrong_kind(node, field, ctx)
        record = Record(
            [Field("when", _WhenType(self), required=True), Field("count", Integer()), Field("unit", Text()), Field("label", Text())]
        ).check(node, field, ctx)
        if record is INVALID or record["when"] is INVALID:
            return INVALID
        timeframe = replace(record["when"], count=record["count"], unit=record["unit"], label=record["label"])
        if timeframe.count and not timeframe.recurring:
            count_node = next(v for k, v in node.value if k.value == "count")
            return ctx.error(count_node, f"{field}.count", _("a count only goes with a recurring timeframe"), _("use monthly, quarterly, yearly… in `when`, or remove `count`"))
        return timeframe

    def json_schema(self, child):
        text = {"type": ["string", "integer"], "minLength": 1}  # a bare year is a number to YAML
        mapping = {
            "type": "object",
            "properties": {"when": child(_WhenType(self), "when"), "count": child(Integer(), "count"),
                           "unit": child(Text(), "unit"), "label": child(Text(), "label")},
            "required": ["when"], "additionalProperties": False,
        }
        return {"anyOf": [text, mapping]}

    def _parse(self, node, field, ctx):
        text = scalar_text(node).strip()
        try:
            return parse(text)
        except TimeframeSyntaxError as err:
            return ctx.error(node, field, err.message, err.hint)


class _WhenType(Type):
    @property
    def expects(self) -> str:
        return _("a timeframe")

    def __init__(self, owner: TimeframeType):
        self.owner = owner

    def check(self, node, field, ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        return self.owner._parse(node, field, ctx)

    def json_schema(self, child):
        return {"type": ["string", "integer"], "minLength": 1}
