"""Tasks cascade down, evidence flows up (issue 14).

A plan's task may be assigned to the portals below the plan's own (`units: all` or a list of
portal names, kinds/plan.py). Each portal publishes what delivers each task at
urls.UNIT_DATA (the "cchc-delivery" format, written by exports.delivery_json and described in
plans/DELIVERY-DATA.md); a parent's build reads its descendants' files from
`Context.units_dir` and reports, per assigned task, each unit's delivery and the late units.

This module is pure: it reads the files it is given and computes; pages.py renders.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from collections import Counter

from .delivery import STATUSES, TaskStatus, task_status
from .errors import Location, Problem
from .family import TREE_FILE, Context, Portal, Tree
from .i18n import _
from .kinds.plan import ALL_UNITS, Plan, Task
from .schema import quoted, suggest, web_address_problem

FORMAT = "cchc-delivery"
VERSION = 1
KINDS = {"article": "Tin bài", "episode": "Chương trình phát sóng", "activity": "Hoạt động"}  # an evidence item's kind, in the data file
NO_DATA = "no_data"  # a unit whose data file is missing (not an error: it has not published yet)
NO_DATA_LABEL = "Chưa có dữ liệu"


# --- the plan's portal and its units -------------------------------------------------------------

def plan_owner(plan: Plan, ctx: Context, real_path: str = "") -> Portal:
    """The portal that issues `plan`: the portal built, unless the plan is one it inherits;
    then the ancestor whose plans folder holds the file (`real_path`: its repository path,
    if the plan was read from a unit's tree), the parent if none does."""
    if plan.slug not in ctx.inherited_plans:
        return ctx.portal
    ancestors = ctx.family.ancestors(ctx.portal.name)
    folder = PurePosixPath(real_path or plan.path).parent
    return next((p for p in ancestors if PurePosixPath(p.plans) == folder), ancestors[0] if ancestors else ctx.portal)


def with_homes(plans: list[Plan], root: Path, ctx: Context) -> list[Plan]:
    """The plans, each an ancestor's with `home` (the address of the portal that issues it):
    in a unit's tree every plan is under plans/, and the tree's record (family.Tree) says
    which real file, so which ancestor's folder, each one is."""
    if not ctx.inherited_plans:
        return plans
    sources = Tree.read(root / TREE_FILE).sources if (root / TREE_FILE).is_file() else {}
    found = []
    for plan in plans:
        if plan.slug in ctx.inherited_plans and not plan.home:
            real = sources.get(plan.path, "")
            plan = replace(plan, home=plan_owner(plan, ctx, real).site_url)
        found.append(plan)
    return found


def assigned_units(task: Task, owner: Portal, ctx: Context) -> tuple[Portal, ...]:
    """The portals the task is assigned to, in the family's order (names not in the family
    are left out: check_units reports them)."""
    below = ctx.family.descendants(owner.name)
    if task.units == ALL_UNITS:
        return below
    return tuple(p for p in below if p.name in task.units)


def check_units(plans: list[Plan], ctx: Context | None) -> list[Problem]:
    """Each task's `units` names portals below the plan's own. Plans a portal inherits are
    checked by their own portal's build (one message, not one per unit). `ctx` None: a
    portal of its own, which has no units to assign tasks to."""
    problems = []
    names = [p.name for p in ctx.family.portals] if ctx else []
    below = {p.name for p in ctx.family.descendants(ctx.portal.name)} if ctx else set()
    for plan in plans:
        if ctx and plan.slug in ctx.inherited_plans:
            continue
        for i, task in enumerate(plan.tasks, 1):
            if not task.units:
                continue
            field = f"appendix.tasks[{i}].units"
            where = task.locations.get("units") or task.locations.get("no") or Location(plan.path, 1, 1)
            if ctx is None:
                problems.append(Problem(where, field, _("this portal has no units' portals to assign the task to"),
                                        _("declare the units' portals in mkdocs.yml (see plans/HUONG-DAN.md), or remove `units:`")))
                continue
            if not below:
                problems.append(Problem(where, field, _("portal {portal} has no units below it to assign the task to", portal=quoted(ctx.portal.name)),
                                        _("remove `units:`, or declare the units' portals with `parent: {portal}` in mkdocs.yml", portal=ctx.portal.name)))
                continue
            if task.units == ALL_UNITS:
                continue
            for j, name in enumerate(task.units, 1):
                at = task.locations.get(f"units[{j}]", where)
                if name not in names:
                    problems.append(Problem(at, f"{field}[{j}]", _("no portal named {name} in the family", name=quoted(name)),
                                            suggest(name, sorted(below), _("units of this portal: {choices}"))))
                elif name not in below:
                    problems.append(Problem(at, f"{field}[{j}]", _("portal {name} is not below {portal}", name=quoted(name), portal=quoted(ctx.portal.name)),
                                            _("assign a task to the portals below the plan's own: {choices}", choices=", ".join(sorted(below)))))
    return problems


# --- a unit's portal: the ancestors' plans as they concern it -------------------------------------

def unit_plans(plans: list[Plan], ctx: Context) -> tuple[list[Plan], dict[str, Plan]]:
    """(plans published on this portal, plans published elsewhere by slug). A plan inherited
    from an ancestor is published with only the tasks assigned to this unit; one with no task
    assigned to it is not published here (content may still deliver its tasks: links to them
    lead to the plan's own portal, `Plan.home`)."""
    shown, elsewhere = [], {}
    for plan in plans:
        if plan.slug not in ctx.inherited_plans:
            shown.append(plan)
            continue
        home = plan.home or plan_owner(plan, ctx).site_url
        tasks = tuple(t for t in plan.tasks if t.assigned_to(ctx.portal.name))
        if plan.appendix and tasks:
            shown.append(replace(plan, appendix=replace(plan.appendix, tasks=tasks), home=home, shown_for=ctx.portal.unit))
        else:
            elsewhere[plan.slug] = replace(plan, home=home)
    return shown, elsewhere


# --- the units' published data -------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """One item a unit published that delivers a task (as delivery.task_status reads it)."""
    title: str
    url: str  # absolute, on the unit's portal
    date: dt.datetime  # midnight of the day it is dated
    kind: str  # one of KINDS

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class UnitData:
    name: str
    url: str  # the unit portal's address
    built: dt.date
    evidence: dict  # (plan slug, task number or None) -> tuple[Evidence], oldest first


class _Wrong(Exception):
    """A value of the data file that is not what the format says (field, message)."""


def _get(data, key: str, kind: type, field: str, expects: str):
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Wrong(field, _("must be {expected}", expected=expects))
    return value


def _date(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Wrong(field, _("{value} is not a date YYYY-MM-DD", value=quoted(text))) from None


def parse_unit_data(text: str, path: str, name: str) -> tuple[UnitData | None, list[Problem]]:
    """The delivery data file of portal `name` (shown as `path`), or None and the problems."""
    top = Location(path, 1, 1)
    again = _("publish the file again with the unit's build (cchc build), or ask the unit to")
    try:
        data = json.loads(text)
    except ValueError as error:
        line, col = getattr(error, "lineno", 1), getattr(error, "colno", 1)
        return None, [Problem(Location(path, line, col), "", _("is not valid JSON: {error}", error=getattr(error, "msg", str(error))), again)]
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            found = data.get("format") if isinstance(data, dict) else None
            raise _Wrong("format", _("is {value}, not {expected}", value=quoted(str(found)), expected=quoted(FORMAT)))
        version = data.get("version")
        if version != VERSION:
            return None, [Problem(top, "version", _("version {version} of the delivery data is not supported: this generator reads version {supported}", version=version, supported=VERSION),
                                  _("publish version {supported}, or update the generator", supported=VERSION))]
        portal = _get(data, "portal", dict, "portal", _("a set of fields"))
        own = _get(portal, "name", str, "portal.name", _("text"))
        if own != name:
            raise _Wrong("portal.name", _("is {value}: this file holds the data of another portal", value=quoted(own)))
        url = _get(portal, "url", str, "portal.url", _("a web address"))
        if web_address_problem(url):
            raise _Wrong("portal.url", web_address_problem(url))
        built = _date(_get(data, "built", str, "built", _("a date YYYY-MM-DD")), "built")
        evidence: dict = {}
        for i, entry in enumerate(_get(data, "tasks", list, "tasks", _("a list")), 1):
            at = f"tasks[{i}]"
            plan = _get(entry, "plan", str, f"{at}.plan", _("text"))
            task = entry.get("task") if isinstance(entry, dict) else None
            if task is not None and not isinstance(task, str):
                raise _Wrong(f"{at}.task", _("must be {expected}", expected=_("text or null")))
            items = []
            for j, item in enumerate(_get(entry, "evidence", list, f"{at}.evidence", _("a list")), 1):
                where = f"{at}.evidence[{j}]"
                link = _get(item, "url", str, f"{where}.url", _("a web address"))
                if web_address_problem(link):
                    raise _Wrong(f"{where}.url", web_address_problem(link))
                kind = _get(item, "kind", str, f"{where}.kind", _("text"))
                if kind not in KINDS:
                    raise _Wrong(f"{where}.kind", _("unknown value {value}", value=quoted(kind)))
                day = _date(_get(item, "date", str, f"{where}.date", _("a date YYYY-MM-DD")), f"{where}.date")
                items.append(Evidence(_get(item, "title", str, f"{where}.title", _("text")), link, dt.datetime(day.year, day.month, day.day), kind))
            evidence.setdefault((plan, task), []).extend(items)
    except _Wrong as wrong:
        field, message = wrong.args
        return None, [Problem(top, field, message, again)]
    ordered = {key: tuple(sorted(items, key=lambda e: (e.date, e.url))) for key, items in evidence.items()}
    return UnitData(name, url, built, ordered), []


def read_units(ctx: Context) -> tuple[dict[str, UnitData | None], list[Problem]]:
    """Every descendant's data, by portal name: None for a unit whose file is not there
    (yet); a file that cannot be read is a problem naming it."""
    found: dict[str, UnitData | None] = {}
    problems: list[Problem] = []
    for unit in ctx.family.descendants(ctx.portal.name):
        path = Path(ctx.units_dir) / f"{unit.name}.json" if ctx.units_dir else None
        if path is None or not path.is_file():
            found[unit.name] = None
            continue
        data, wrong = parse_unit_data(path.read_text(encoding="utf-8-sig"), str(path), unit.name)
        found[unit.name] = data
        problems += wrong
    return found, problems


# --- the parent's report -------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitDelivery:
    """One unit's delivery of one task in a report period."""
    unit: Portal
    data: UnitData | None
    state: TaskStatus | None  # as of the report's date; None: no data
    items: tuple  # Evidence dated in the period

    @property
    def status(self) -> str:
        return self.state.status if self.state else NO_DATA


@dataclass(frozen=True)
class UnitTask:
    task: Task
    units: tuple[UnitDelivery, ...]

    @property
    def summary(self) -> tuple[tuple[str, int], ...]:
        """(status label, number of units) for each status some unit is in, in STATUSES order."""
        counts = Counter(u.status for u in self.units)
        labels = {**STATUSES, NO_DATA: NO_DATA_LABEL}
        return tuple((labels[key], counts[key]) for key in labels if counts[key])


@dataclass(frozen=True)
class Late:
    task: Task
    unit: Portal
    due: dt.date  # the end of the task's window, or of the first period it missed


def unit_report(plan: Plan, tasks, start: dt.date, as_of: dt.date, units: dict, ctx: Context) -> tuple[tuple[UnitTask, ...], tuple[Late, ...]]:
    """For a report period from `start` to `as_of`: per task of `tasks` assigned to units, each
    unit's delivery; and the units late on them, by task then in the family's order. Only
    for the portal's own plans: an ancestor's plan is reported on the ancestor's portal."""
    if plan.slug in ctx.inherited_plans:
        return (), ()
    owner = ctx.portal
    rows, late = [], []
    for task in tasks:
        assigned = assigned_units(task, owner, ctx)
        if not assigned:
            continue
        deliveries = []
        for unit in assigned:
            data = units.get(unit.name)
            if data is None:
                deliveries.append(UnitDelivery(unit, None, None, ()))
                continue
            evidence = data.evidence.get((plan.slug, task.no), ())
            state = task_status(task.timeframe, plan.period, evidence, as_of)
            items = tuple(e for e in evidence if start <= e.date.date() <= as_of)
            deliveries.append(UnitDelivery(unit, data, state, items))
            if state.status == "overdue":
                late.append(Late(task, unit, state.missing[0].end if state.missing else state.window[1]))
        rows.append(UnitTask(task, tuple(deliveries)))
    return tuple(rows), tuple(late)
