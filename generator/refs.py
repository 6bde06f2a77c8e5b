"""References from content to plan tasks ("2021-tp-soc-trang-15#2") and to
procedures by code ("1.001193"), checked after every file has been read."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import yaml

from .errors import Location, Problem
from .schema import INVALID, Context, Type, quoted, scalar_text


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

    def json_schema(self, child):
        return {"type": "string", "pattern": r"^\s*[^#\s][^#]*(?:#\s*[^#\s]+\s*)?$"}


def check_refs(refs: list[tuple[str, TaskRef]], plans, broken: dict[str, str] | None = None) -> list[Problem]:
    """Every reference must name an existing plan and, if given, one of its tasks.
    `broken`: plan slug -> its file, for plans whose file has errors of its own."""
    by_slug = {p.slug: p for p in plans}
    broken = broken or {}
    problems = []
    for field, ref in refs:
        plan = by_slug.get(ref.plan)
        if plan is None and ref.plan in broken:
            problems.append(Problem(ref.where, field, f"plan {quoted(ref.plan)} cannot be read: {broken[ref.plan]} has errors", "fix that file's errors, listed above"))
        elif plan is None:
            close = difflib.get_close_matches(ref.plan, list(by_slug), n=1)
            hint = f"did you mean {quoted(close[0])}?" if close else "plans are named by their file in plans/, without .yml"
            problems.append(Problem(ref.where, field, f"no plan {quoted(ref.plan)} in plans/", hint))
        elif ref.task is not None and ref.task not in {t.no for t in plan.tasks}:
            numbers = ", ".join(t.no for t in plan.tasks) or "none"
            problems.append(Problem(ref.where, field, f"plan {ref.plan} has no task {ref.task}", f"its tasks are: {numbers}"))
    return problems


# --- procedures ---------------------------------------------------------------------------------

_CODE = re.compile(r"^\d\.\d{6}$")
_LOCAL_CODE = re.compile(r"^(\d\.\d{6})\.\d{3}\.\d{2}\.\d{2}\.H\d{2}$")
CODE_HINT = 'write the code as on dichvucong.gov.vn, a digit, a dot and six digits: "1.001193"'


@dataclass(frozen=True)
class ProcedureRef:
    code: str
    where: Location

    def __str__(self) -> str:
        return self.code


class ProcedureCode(Type):
    """A national procedure code ("1.001193"), always written in quotes."""

    expects = 'a procedure code such as "1.001193"'

    def check(self, node, field, ctx: Context):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        if node.style is None and node.tag.rsplit(":", 1)[-1] in ("int", "float"):
            return ctx.error(node, field, f"YAML reads {text} as a number", f"put it in quotes: {quoted(text)}")
        local = _LOCAL_CODE.match(text)
        if local:
            return ctx.error(node, field, f"{quoted(text)} is a local code", f"use the national code, the part before .000: {quoted(local[1])}")
        if not _CODE.match(text):
            return ctx.error(node, field, f"{quoted(text)} is not a procedure code", CODE_HINT)
        return text

    def json_schema(self, child):
        # A string: unquoted, YAML reads 1.001193 as a number (and the checker refuses it).
        return {"type": "string", "pattern": r"^\s*\d\.\d{6}\s*$"}


class ProcedureRefType(ProcedureCode):
    def check(self, node, field, ctx: Context):
        code = super().check(node, field, ctx)
        return code if code is INVALID else ProcedureRef(code, ctx.where(node))


def check_procedure_refs(refs: list[tuple[str, ProcedureRef]], procedures, broken: list[str] = ()) -> list[Problem]:
    """Every procedure code a page mentions must be one of content/thu-tuc/. `broken`: the
    procedure files with errors of their own (one of them may hold the code)."""
    codes = {p.code: p for p in procedures}
    problems = []
    for field, ref in refs:
        if ref.code not in codes and broken:
            problems.append(Problem(ref.where, field, f"no procedure {quoted(ref.code)} could be read: {', '.join(broken)} {'has' if len(broken) == 1 else 'have'} errors", "fix those errors, listed above; the code may be in one of them"))
        elif ref.code not in codes:
            close = difflib.get_close_matches(ref.code, list(codes), n=1)
            hint = f"did you mean {quoted(close[0])} ({codes[close[0]].name})?" if close else "a procedure is known by the `code:` in its file in content/thu-tuc/"
            problems.append(Problem(ref.where, field, f"no procedure {quoted(ref.code)} in content/thu-tuc/", hint))
    return problems
