"""Plans (Kế hoạch) and programmes (Đề án): schema and model, one file each.

The model mirrors the printed document: the header fields, the body as
ordered sections, the appendix task table, the signature and recipients.
Printed wording is kept as written; defects of a source are recorded under
`source` and shown on the page, never silently fixed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import yaml

from .. import urls
from ..errors import Location, Problem
from ..i18n import _
from ..load import load_yaml_file
from ..schema import (
    INVALID, Choice, Context, Date, Either, Field, Flag, Label, ListOf, Number, Record, Text, TextOrList, Type, quoted, scalar_text,
)
from ..text import compare_key
from ..timeframe import Timeframe, TimeframeType
from ..vocab import REFORM_AREAS
from .base import Kind, Loading
from .common import shown_path

LEVELS = {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}
TYPES = {"ke_hoach": "KẾ HOẠCH", "de_an": "ĐỀ ÁN"}
SECTION_KINDS = (
    "background", "legal_bases", "objectives", "requirements", "tasks", "audiences", "scope", "content",
    "channels", "solutions", "budget", "timeline", "responsibilities",
)
MARKERS = ("-", "a)", "1.", "none")
ITEM_LABELS = {
    "lead": "Cơ quan thực hiện",
    "coordinating": "Cơ quan phối hợp",
    "content": "Nội dung",
    "products": "Sản phẩm, kết quả dự kiến",
    "timeframe": "Thời gian thực hiện",
}
TASK_COLUMNS = {
    "no": "STT",
    "content": "Nội dung",
    "lead": "Cơ quan chủ trì",
    "coordinating": "Cơ quan phối hợp",
    "products": "Sản phẩm",
    "timeframe": "Thời gian thực hiện",
}
# Number and symbol (Nghị định 30/2020): "15/KH-UBND"; legal normative documents put the
# year between them: "61/2018/NĐ-CP".
_NUMBER = re.compile(r"^\d+[a-zA-Z]?(?:/\d{4})?/[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$", re.ASCII)
# Nghị quyết 202/2025/QH15: from 1 July 2025 there is no district tier (cấp huyện).
DISTRICTS_ABOLISHED = dt.date(2025, 7, 1)
PEOPLES_COMMITTEE = "Ủy ban nhân dân"  # printed in capitals on a line of its own in the header
ALL_UNITS = "all"  # a task's `units:` naming every portal below the plan's own
_PORTAL_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # as family.py's portal names


@dataclass(frozen=True)
class Issuer:
    name: str
    level: str
    parent: str | None = None
    short: str | None = None

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    @property
    def display(self) -> str:
        return self.short or self.name

    @property
    def header_lines(self) -> tuple[str, ...]:
        """The issuer as printed at the top left of the document, in capitals: a People's
        Committee on two lines ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ SÓC TRĂNG"). Recognised in
        either tone placement ("Uỷ ban"), printed as written."""
        words = self.name.split()
        size = len(PEOPLES_COMMITTEE.split())
        if len(words) > size and compare_key(" ".join(words[:size])) == compare_key(PEOPLES_COMMITTEE):
            return (" ".join(words[:size]).upper(), " ".join(words[size:]).upper())
        return (self.name.upper(),)


@dataclass(frozen=True)
class Item:
    text: str | None = None
    no: str | None = None
    title: str | None = None
    lead: str | None = None
    coordinating: str | None = None
    content: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    timeframe: Timeframe | None = None
    labels: dict | None = None
    items: tuple["Item", ...] = ()
    locations: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def simple(self) -> bool:
        """Only text: rendered as a plain list entry."""
        return not (self.no or self.title or self.lead or self.coordinating or self.content or self.products
                    or self.timeframe or self.items)

    def label(self, key: str) -> str:
        return (self.labels or {}).get(key) or ITEM_LABELS[key]


@dataclass(frozen=True)
class Target:
    text: str
    value: float | None = None
    unit: str | None = None
    who: str | None = None
    by: Timeframe | None = None

    @property
    def deadline(self) -> str | None:
        """"đến năm 2030": a target is met by the end of its `by` timeframe."""
        if self.by is None:
            return None
        words = self.by.describe()
        words = words[:1].lower() + words[1:]
        return words if self.by.label or not all(t.kind == "point" for t in self.by.terms) else f"đến {words}"


@dataclass(frozen=True)
class Section:
    no: str | None = None
    heading: str | None = None
    kind: str | None = None
    text: str | None = None
    marker: str = "-"
    items: tuple[Item, ...] = ()
    targets: tuple[Target, ...] = ()
    sections: tuple["Section", ...] = ()
    after: str | None = None
    request: bool = False
    reform_area: str | None = None
    timeframe: Timeframe | None = None  # a timeline section's period or deadline, machine-readable

    def walk(self):
        """This section and all its sub-sections, in printed order."""
        yield self
        for sub in self.sections:
            yield from sub.walk()

    @property
    def reform_area_label(self) -> str | None:
        return REFORM_AREAS.get(self.reform_area) if self.reform_area else None


@dataclass(frozen=True)
class Signer:
    title: str
    authority: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Task:
    no: str
    content: tuple[str, ...]
    timeframe: Timeframe
    lead: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    # The units' portals the task is assigned to (issue 14): ALL_UNITS (every portal below the
    # plan's own) or their names; () for a task of the issuing unit itself.
    units: str | tuple[str, ...] = ()
    locations: dict = field(default_factory=dict, compare=False, repr=False)

    def assigned_to(self, name: str) -> bool:
        """Whether the task is assigned to the portal `name` (one below the plan's own)."""
        return self.units == ALL_UNITS or name in self.units


@dataclass(frozen=True)
class Appendix:
    tasks: tuple[Task, ...]
    heading: str | None = None
    title: str | None = None
    attached_to: str | None = None
    columns: dict | None = None

    def column(self, key: str) -> str:
        return (self.columns or {}).get(key) or TASK_COLUMNS[key]

    @property
    def has_products(self) -> bool:
        return any(t.products for t in self.tasks)


@dataclass(frozen=True)
class Article:
    no: str
    text: str


@dataclass(frozen=True)
class Approval:
    number: str
    date: dt.date
    title: str
    place: str | None = None
    authority: str | None = None
    legal_bases: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()
    recipients: tuple[str, ...] = ()
    signer: Signer | None = None


@dataclass(frozen=True)
class SourceNotes:
    file: str | None = None
    discrepancies: tuple[str, ...] = ()
    typos: tuple[str, ...] = ()
    stripped: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    ocr: bool = False  # the text was read from a scan by OCR (shown on the page as such)


@dataclass(frozen=True)
class Plan:
    type: str
    issuer: Issuer
    date: dt.date
    title: str
    period: Timeframe
    number: str | None = None
    place: str | None = None
    attached_to: str | None = None
    legal_bases: tuple[str, ...] = ()
    preamble: str | None = None
    sections: tuple[Section, ...] = ()
    closing: str | None = None
    recipients: tuple[str, ...] = ()
    signer: Signer | None = None
    appendix: Appendix | None = None
    approval: Approval | None = None
    source: SourceNotes | None = None
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    # Set by load_plan from the file, not written in it.
    slug: str = ""
    path: str = ""  # as shown in messages, e.g. plans/2021-tp-soc-trang-15.yml
    text: str = field(default="", compare=False, repr=False)  # the YAML source, offered for download
    # Set by cascade.unit_plans on a unit's portal for a plan of an ancestor: the site_url of the
    # portal that publishes the whole plan, and the unit whose tasks alone this copy holds.
    home: str = ""
    shown_for: str = ""

    @property
    def doc_type(self) -> str:
        return TYPES[self.type]

    @property
    def identifier(self) -> str | None:
        """How the document is cited: its own number, or the approving decision's."""
        return self.number or (self.approval.number if self.approval else None)

    def walk(self):
        for section in self.sections:
            yield from section.walk()

    @cached_property
    def timeline(self) -> Timeframe | None:
        """The machine-readable timeframe of the plan's timeline section, if it gives one."""
        return next((s.timeframe for s in self.walk() if s.timeframe), None)

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        """The appendix rows; a plan without an appendix whose content items name their
        implementing agency (as Tây Ninh's 1183/KH-UBND does) has those items as tasks,
        due by the plan's timeline."""
        if self.appendix:
            return self.appendix.tasks
        return tuple(
            Task(
                no=item.no.rstrip(".)"), content=tuple(t for t in (item.title or item.text,) if t),
                timeframe=item.timeframe or self.timeline or self.period,
                lead=(item.lead,), coordinating=(item.coordinating,) if item.coordinating else (), products=item.products,
                locations=item.locations,
            )
            for section in self.walk() if section.kind == "content"
            for item in section.items if item.no and item.lead
        )

    @property
    def span(self) -> tuple[dt.date | None, dt.date | None]:
        return self.period.span()

    def shown_on(self, task: str | None) -> str:
        """Where a link to the task (None: the plan) leads: "" for this portal's page of the
        plan, else the address of the portal that issues it (an ancestor's plan not published
        here, or a task not assigned to this unit: cascade.unit_plans)."""
        if not self.home or (self.shown_for and (task is None or any(t.no == task for t in self.tasks))):
            return ""
        return self.home


# --- schema -------------------------------------------------------------------------------

_text = Text()
_texts = ListOf(Text())
_timeframe = TimeframeType()

_signer = Record([Field("authority", _text), Field("title", _text, required=True), Field("name", _text)], Signer)

_labels = Record([Field(key, _text) for key in ITEM_LABELS])


_item_fields = [
    Field("no", Label()), Field("title", _text), Field("text", _text), Field("lead", _text),
    Field("coordinating", _text), Field("content", TextOrList(), default=()), Field("products", TextOrList(), default=()),
    Field("timeframe", _timeframe), Field("labels", _labels),
]
class _Items(ListOf):
    """A list whose entries are texts or item mappings; texts become simple Items."""

    def check(self, node, field, ctx):
        values = super().check(node, field, ctx)
        if values is INVALID:
            return values
        return tuple(Item(text=v) if isinstance(v, str) else v for v in values)


_item_record = Record(_item_fields, Item, locate=True)
_item = Either(_text, _item_record)
_item_record.fields["items"] = Field("items", _Items(_item), default=())  # items nest

_target = Record(
    [Field("text", _text, required=True), Field("value", Number()), Field("unit", _text), Field("who", _text), Field("by", _timeframe)],
    Target,
)

_section = Record([
    Field("no", Label()), Field("heading", _text), Field("kind", Choice(*SECTION_KINDS)), Field("text", _text),
    Field("marker", Choice(*MARKERS), default="-"), Field("items", _Items(_item), default=()),
    Field("targets", ListOf(_target), default=()), Field("after", _text), Field("request", Flag(), default=False),
    Field("reform_area", Choice(REFORM_AREAS)),
    Field("timeframe", _timeframe),
], Section)
_section.fields["sections"] = Field("sections", ListOf(_section), default=())

class _Units(Type):
    """A task's `units`: `all`, or a list of portal names (checked against the family when
    the portal is built as part of one: cascade.py)."""

    @property
    def expects(self) -> str:
        return _("all or a list of portal names")

    def check(self, node, field, ctx):
        if isinstance(node, yaml.ScalarNode):
            value = scalar_text(node).strip()
            if value == ALL_UNITS:
                return ALL_UNITS
            return ctx.error(node, field, _("unknown value {value}", value=quoted(value)),
                             _("write `all` for every unit, or a list of portal names, e.g. [phuong-1, phuong-2]"))
        names = ListOf(Text()).check(node, field, ctx)
        if names is INVALID:
            return INVALID
        for item, name in zip(node.value, names):
            if not _PORTAL_NAME.match(name):
                return ctx.error(item, field, _("{value} is not a portal name", value=quoted(name)),
                                 _("write the portal's `name` as mkdocs.yml declares it, e.g. phuong-1"))
        return names

    def json_schema(self, child):
        return {"anyOf": [{"enum": [ALL_UNITS], "enumDescriptions": ["Mọi đơn vị cấp dưới"]},
                          {"type": "array", "items": {"type": "string", "pattern": _PORTAL_NAME.pattern}, "minItems": 1}]}


_task = Record([
    Field("no", Label(), required=True), Field("content", TextOrList(), required=True),
    Field("lead", TextOrList(), default=()), Field("coordinating", TextOrList(), default=()),
    Field("products", TextOrList(), default=()), Field("timeframe", _timeframe, required=True),
    Field("units", _Units(), default=()),
], Task, locate=True)

_appendix = Record([
    Field("heading", _text), Field("title", _text), Field("attached_to", _text),
    Field("columns", Record([Field(key, _text) for key in TASK_COLUMNS])),
    Field("tasks", ListOf(_task), required=True),
], Appendix)

_approval = Record([
    Field("number", _text, required=True), Field("date", Date(), required=True), Field("title", _text, required=True),
    Field("place", _text), Field("authority", _text), Field("legal_bases", _texts, default=()),
    Field("articles", ListOf(Record([Field("no", _text, required=True), Field("text", _text, required=True)], Article)), default=()),
    Field("recipients", _texts, default=()), Field("signer", _signer),
], Approval)

_source = Record([
    Field("file", _text), Field("discrepancies", _texts, default=()), Field("typos", _texts, default=()),
    Field("stripped", _texts, default=()), Field("missing", _texts, default=()), Field("ocr", Flag(), default=False),
], SourceNotes)

PLAN = Record([
    Field("type", Choice(TYPES), required=True),
    Field("number", _text),
    Field("issuer", Record([
        Field("name", _text, required=True), Field("level", Choice(LEVELS), required=True),
        Field("parent", _text), Field("short", _text),
    ], Issuer), required=True),
    Field("place", _text),
    Field("date", Date(), required=True),
    Field("title", _text, required=True),
    Field("period", _timeframe, required=True),
    Field("attached_to", _text),
    Field("legal_bases", _texts, default=()),
    Field("preamble", _text),
    Field("sections", ListOf(_section), default=()),
    Field("closing", _text),
    Field("recipients", _texts, default=()),
    Field("signer", _signer),
    Field("appendix", _appendix),
    Field("approval", _approval),
    Field("source", _source),
], Plan, locate=True)


# --- checks beyond the shape of one field -----------------------------------------------------

def number_problem(number: str) -> tuple[str, str] | None:
    """(message, hint) when `number` is not a document's number and symbol, else None;
    the rule for every document the portal cites (plans, approvals, kinds/document.py)."""
    if _NUMBER.match(number):
        return None
    fixed = re.sub(r"\s*/\s*", "/", number)
    hint = _("write {number}", number=quoted(fixed)) if _NUMBER.match(fixed) else _('write number/symbol, e.g. "15/KH-UBND"')
    return _("{number} is not a document number", number=quoted(number)), hint


def _check_plan(plan: Plan, root, ctx: Context) -> None:
    at = plan.locations
    if "number" not in at and "approval" not in at:  # written but invalid: reported already
        ctx.error(root, "number", _("is missing"), _('add e.g. `number: "15/KH-UBND"`; an Đề án approved by a Quyết định gives `approval:` instead'))
    for key, number in (("number", plan.number), ("approval.number", plan.approval and plan.approval.number)):
        wrong = number and number_problem(number)
        if wrong:
            ctx.problems.append(Problem(at.get(key.split(".")[0], ctx.where(root)), key, *wrong))
    if not plan.period.bounded:
        ctx.problems.append(Problem(at["period"], "period", _("must say which years the plan covers"), _('write e.g. 2021 or "2022-06-30..2030"')))
    end = plan.period.span()[1]
    if end and end < plan.date:
        ctx.problems.append(Problem(
            at["period"], "period", _("ends on {end}, before the plan's date {date}", end=end.isoformat(), date=plan.date.isoformat()),
            _("a plan covers time after it is issued: check the years (copied from an older plan?)"),
        ))
    if plan.issuer.level == "huyen" and plan.date >= DISTRICTS_ABOLISHED:
        where = ctx.where(_value_node(root, "issuer", "level") or root)
        ctx.problems.append(Problem(
            where, "issuer.level", _("the district level (huyen) no longer exists on {date}: it was abolished on {abolished}", date=plan.date.isoformat(), abolished=DISTRICTS_ABOLISHED.isoformat()),
            _("use tinh or xa"),
        ))
    _check_tasks(plan, root, ctx)


def _check_tasks(plan: Plan, root, ctx: Context) -> None:
    """Task numbers are unique (content refers to tasks by them), each task says what is to
    be done, and its timeframe overlaps the plan's period."""
    start, end = plan.period.span()
    first: dict[str, Location] = {}
    for i, task in enumerate(plan.tasks, 1):
        # Appendix rows are named by their place in the table; tasks read from content items by their number.
        name = f"appendix.tasks[{i}]" if plan.appendix else _("task {number}", number=task.no)
        where = task.locations.get("no") or ctx.where(root)
        if task.no in first:
            hint = _("give each row its own number") if plan.appendix else _("number the items with a `lead` differently: articles refer to tasks by their number")
            ctx.problems.append(Problem(where, f"{name}.no", _("task number {number} is used twice (first on line {line})", number=task.no, line=first[task.no].line), hint))
        else:
            first[task.no] = where
        if not task.content:
            ctx.problems.append(Problem(where, f"{name}.title", _("a task (an item with `no` and `lead`) says nothing to do"), _("add `title:` or `text:` with the task")))
        if isinstance(task.units, tuple) and task.units:  # where each name is, for cascade.check_units
            names = _value_node(root, "appendix", "tasks")
            names = _value_node(names.value[i - 1], "units") if names is not None and len(names.value) >= i else None
            for j, node in enumerate(names.value if isinstance(names, yaml.SequenceNode) else (), 1):
                task.locations[f"units[{j}]"] = ctx.where(node)
        if "timeframe" not in task.locations:
            continue  # the plan's timeline or period: no contradiction of its own
        t_start, t_end = task.timeframe.span(plan.period)
        if (t_end and start and t_end < start) or (t_start and end and t_start > end):
            ctx.problems.append(Problem(
                task.locations["timeframe"], f"{name}.timeframe",
                _("{timeframe} lies outside the plan's period {period}", timeframe=task.timeframe.when, period=plan.period.when), _("check the year of the task or of `period`"),
            ))


def _value_node(node, *keys: str):
    """The value node at a path of mapping keys, or None."""
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    return node


def load_plan(file: Path, shown: str) -> tuple[Plan | None, list[Problem]]:
    """Read and validate one plan file. Returns the plan (None if unusable) and its problems."""
    root, problems = load_yaml_file(file, shown)
    if root is None:
        return None, problems
    ctx = Context(shown)
    plan = PLAN.check(root, "", ctx)
    if plan is INVALID:
        return None, ctx.problems
    _check_plan(plan, root, ctx)
    plan = replace(plan, slug=urls.slugify(file.stem), path=shown, text=file.read_text(encoding="utf-8-sig"))
    return plan, ctx.problems


def check_unique(plans: list[Plan]) -> list[Problem]:
    """Two files must not hold the same plan (their addresses are checked with every kind's)."""
    problems = []
    by_number: dict[tuple, Plan] = {}
    for plan in sorted(plans, key=lambda p: p.path):
        if plan.identifier is None:
            continue
        key = (compare_key(plan.issuer.name), plan.identifier, plan.date.year)
        other = by_number.setdefault(key, plan)
        if other is not plan:
            field = "number" if plan.number else "approval"
            where = plan.locations.get(field, Location(plan.path, 1, 1))
            first = other.locations.get("number" if other.number else "approval", Location(other.path, 1, 1))
            problems.append(Problem(
                where, field, _("{number} of {issuer} ({year}) is also in {other}", number=plan.identifier, issuer=plan.issuer.name, year=plan.date.year, other=first),
                _("keep each plan in one file only"),
            ))
    return problems


def load_plan_files(files: list[Path], loading: Loading) -> tuple[list[Plan], list[Problem]]:
    """Every plan file given, with every problem of every file."""
    plans, problems = [], []
    for file in files:
        plan, found = load_plan(file, shown_path(file, loading.root))
        problems += found
        if plan is not None:
            plans.append(plan)
    problems += check_unique(plans)
    return plans, problems


def load_plans(folder: Path, root: Path) -> tuple[list[Plan], list[Problem]]:
    """The plans of a folder on their own (the portal reads them through the kind registry)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and KIND.owns(p.name)) if folder.is_dir() else []
    return load_plan_files(files, Loading(folder, root))


KIND = Kind(
    name="plans", record=PLAN, folder="", patterns=("*.yml", "*.yaml"), load=load_plan_files, label="Kế hoạch", index=urls.PLANS_INDEX,
    in_plans=True, data=True, describe="plans", home="plans/<year>-<unit>-<number>.yml", address=lambda plan: urls.plan_url(plan.slug),
)
