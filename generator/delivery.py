"""Plan delivery: each task's status as of the build date, from its timeframe and
the evidence (articles, episodes, activities) that delivers it; reports per period.

Rules (also in README.md, "Task status"):
- A task's window is its timeframe within the plan's period; a deadline ("before
  2022-11") starts with the plan's period.
- One-off task: done once any evidence delivers it; otherwise not started before its
  window, due soon in its last 30 days, in progress earlier, overdue after it.
- Recurring task (monthly, yearly…, with a count per period): each period of the window
  that has begun is covered when it has at least `count` evidence items dated in it.
  A period that has ended uncovered is missing. Overdue if any period is missing; done
  when the window has ended with every period covered; due soon when the current period
  is uncovered and ends within 30 days; otherwise in progress (not started before the
  window).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .timeframe import Point, Timeframe

DUE_SOON_DAYS = 30
STATUSES = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "not_started": "Chưa đến thời gian thực hiện",
}
_UNIT = {"month": (1, "tháng"), "quarter": (3, "quý"), "half": (6, "kỳ 6 tháng"), "year": (12, "năm")}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    unit: str

    @property
    def label(self) -> str:
        """"tháng 7/2021", "quý III/2022": worded as timeframes are."""
        return Point(self.unit, self.start, self.end).describe()

    @property
    def slug(self) -> str:
        s = self.start
        return {"month": f"{s.year}-{s.month:02d}", "quarter": f"{s.year}-q{(s.month - 1) // 3 + 1}",
                "half": f"{s.year}-h{1 if s.month == 1 else 2}", "year": f"{s.year}"}[self.unit]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def periods(unit: str, start: dt.date, end: dt.date) -> list[Period]:
    """The calendar periods of a unit (month, quarter, half, year) that overlap [start, end]."""
    step = _UNIT[unit][0]
    month = ((start.month - 1) // step) * step + 1
    year, found = start.year, []
    while dt.date(year, month, 1) <= end:
        last_month = month + step - 1
        found.append(Period(dt.date(year, month, 1), month_end(year, last_month), unit))
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    return found


@dataclass(frozen=True)
class TaskStatus:
    status: str
    window: tuple[dt.date | None, dt.date | None]
    evidence: tuple  # items delivering the task, published by the build date, oldest first
    covered: tuple[Period, ...] = ()  # recurring: periods begun and covered
    begun: tuple[Period, ...] = ()  # recurring: periods begun so far
    missing: tuple[Period, ...] = ()  # recurring: periods ended without enough evidence
    unit_word: str = ""

    @property
    def label(self) -> str:
        return STATUSES[self.status]

    @property
    def coverage(self) -> str | None:
        """"10/12 tháng" for a recurring task; None for a one-off."""
        if not self.unit_word:
            return None
        return f"{len(self.covered)}/{len(self.begun)} {self.unit_word}"


def task_status(timeframe: Timeframe, period: Timeframe, evidence, today: dt.date) -> TaskStatus:
    start, end = timeframe.span(period)
    plan_start, plan_end = period.span()
    start = start or plan_start
    end = end or plan_end
    evidence = tuple(e for e in evidence if e.date.date() <= today)
    recurring = timeframe.recurring
    if recurring is None:
        if evidence:
            status = "done"
        elif today < start:
            status = "not_started"
        elif today > end:
            status = "overdue"
        elif (end - today).days <= DUE_SOON_DAYS:
            status = "due_soon"
        else:
            status = "in_progress"
        return TaskStatus(status, (start, end), evidence)

    need = timeframe.count or 1
    begun = [p for p in periods(recurring.unit, start, end) if p.start <= today]
    counts = {p: sum(1 for e in evidence if p.contains(e.date.date())) for p in begun}
    covered = tuple(p for p in begun if counts[p] >= need)
    missing = tuple(p for p in begun if counts[p] < need and p.end < today)
    current = next((p for p in begun if p.contains(today)), None)
    if today < start:
        status = "not_started"
    elif missing:
        status = "overdue"
    elif today > end:
        status = "done"
    elif current and counts[current] < need and (min(current.end, end) - today).days <= DUE_SOON_DAYS:
        status = "due_soon"
    else:
        status = "in_progress"
    return TaskStatus(status, (start, end), evidence, covered, tuple(begun), missing, _UNIT[recurring.unit][1])


@dataclass(frozen=True)
class TrackedTask:
    task: object  # kinds.plan.Task
    state: TaskStatus


@dataclass(frozen=True)
class AgencyLoad:
    agency: str
    owed: tuple  # TrackedTask
    done: int
    late: int


@dataclass(frozen=True)
class PlanProgress:
    plan: object
    tasks: tuple[TrackedTask, ...]
    counts: dict  # status -> number of tasks, in STATUSES order
    agencies: tuple[AgencyLoad, ...]


def plan_progress(plan, delivered: dict, today: dt.date) -> PlanProgress:
    tracked = tuple(
        TrackedTask(t, task_status(t.timeframe, plan.period, delivered.get((plan.slug, t.no), ()), today)) for t in plan.tasks
    )
    counts = {key: sum(1 for t in tracked if t.state.status == key) for key in STATUSES}
    by_agency: dict[str, list] = {}
    for item in tracked:
        for agency in item.task.lead:
            by_agency.setdefault(agency, []).append(item)
    agencies = tuple(
        AgencyLoad(name, tuple(items), sum(i.state.status == "done" for i in items), sum(i.state.status == "overdue" for i in items))
        for name, items in by_agency.items()
    )
    return PlanProgress(plan, tracked, counts, agencies)


REPORT_UNITS = {"quarter": "Báo cáo quý", "half": "Báo cáo 6 tháng", "year": "Báo cáo năm"}


@dataclass(frozen=True)
class ReportTask:
    task: object
    state: TaskStatus  # as of the end of the period (or the build date, if earlier)
    items: tuple  # evidence dated in the period


@dataclass(frozen=True)
class Report:
    period: Period
    as_of: dt.date
    tasks: tuple[ReportTask, ...]

    @property
    def complete(self) -> bool:
        return self.as_of == self.period.end

    def count(self, kind: str) -> int:
        return sum(1 for t in self.tasks for i in t.items if type(i).__name__ == kind)

    @property
    def participants(self) -> int:
        return sum(getattr(i, "participants", None) or 0 for t in self.tasks for i in t.items)

    @property
    def items(self) -> int:
        return sum(len(t.items) for t in self.tasks)


def plan_reports(plan, delivered: dict, today: dt.date) -> list[Report]:
    """Reports for each quarter, half-year and year of the plan's period that has begun."""
    if not plan.tasks:
        return []
    start, end = plan.span
    reports = []
    for unit in REPORT_UNITS:
        for period in periods(unit, start, end):
            if period.start > today:
                continue
            as_of = min(period.end, today)
            tasks = []
            for task in plan.tasks:
                evidence = delivered.get((plan.slug, task.no), ())
                in_period = tuple(e for e in evidence if period.start <= e.date.date() <= as_of)
                tasks.append(ReportTask(task, task_status(task.timeframe, plan.period, evidence, as_of), in_period))
            reports.append(Report(period, as_of, tuple(tasks)))
    return reports
