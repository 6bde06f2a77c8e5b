"""References from content to plan tasks ("2021-tp-soc-trang-15#2"), checked
against the loaded plans after every file has been read."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

import yaml

from .errors import Location, Problem
from .schema import Context, Type, quoted, scalar_text


@dataclass(frozen=True)
class TaskRef:
    plan: str  # the plan's slug (its file name)
    task: str | None  # the task's number in the appendix; None: the plan as a whole
    where: Location

    def __str__(self) -> str:
        return f"{self.plan}#{self.task}" if self.task else self.plan


class TaskRefType(Type):
    expects = 'a plan task such as "2021-tp-soc-trang-15#2"'

    def check(self, node, field, ctx: Context):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        plan, _, task = text.partition("#")
        if not plan or (_ and not task):
            return ctx.error(node, field, f"{quoted(text)} is not a plan task", 'write the plan file name, "#" and the task number: "2021-tp-soc-trang-15#2"')
        return TaskRef(plan.strip(), task.strip() or None, ctx.where(node))


def check_refs(refs: list[tuple[str, TaskRef]], plans) -> list[Problem]:
    """Every reference must name an existing plan and, if given, one of its tasks."""
    by_slug = {p.slug: p for p in plans}
    problems = []
    for field, ref in refs:
        plan = by_slug.get(ref.plan)
        if plan is None:
            close = difflib.get_close_matches(ref.plan, list(by_slug), n=1)
            hint = f"did you mean {quoted(close[0])}?" if close else "plans are named by their file in plans/, without .yml"
            problems.append(Problem(ref.where, field, f"no plan {quoted(ref.plan)} in plans/", hint))
        elif ref.task is not None and ref.task not in {t.no for t in plan.tasks}:
            numbers = ", ".join(t.no for t in plan.tasks) or "none"
            problems.append(Problem(ref.where, field, f"plan {ref.plan} has no task {ref.task}", f"its tasks are: {numbers}"))
    return problems
