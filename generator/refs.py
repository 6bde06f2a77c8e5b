"""References from content to plan tasks ("2021-tp-soc-trang-15#2") and to
procedures by code ("1.001193"), checked after every file has been read."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import yaml

from .errors import Location, Problem
from .i18n import _, _n
from .schema import INVALID, Context, Type, quoted, scalar_text


@dataclass(frozen=True)
class TaskRef:
    plan: str  # the plan's slug (its file name)
    task: str | None  # the task's number in the appendix; None: the plan as a whole
    where: Location

    def __str__(self) -> str:
        return f"{self.plan}#{self.task}" if self.task else self.plan


class TaskRefType(Type):
    @property
    def expects(self) -> str:
        return _('a plan task such as "2021-tp-soc-trang-15#2"')

    def check(self, node, field, ctx: Context):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        plan, hash_, task = text.partition("#")
        if not plan or (hash_ and not task):
            return ctx.error(node, field, _("{value} is not a plan task", value=quoted(text)), _('write the plan file name, "#" and the task number: "2021-tp-soc-trang-15#2"'))
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
            problems.append(Problem(ref.where, field, _("plan {plan} cannot be read: {file} has errors", plan=quoted(ref.plan), file=broken[ref.plan]), _("fix that file's errors, listed above")))
        elif plan is None:
            close = difflib.get_close_matches(ref.plan, list(by_slug), n=1)
            hint = _("did you mean {value}?", value=quoted(close[0])) if close else _("plans are named by their file in plans/, without .yml")
            problems.append(Problem(ref.where, field, _("no plan {plan} in plans/", plan=quoted(ref.plan)), hint))
        elif ref.task is not None and ref.task not in {t.no for t in plan.tasks}:
            numbers = ", ".join(t.no for t in plan.tasks)
            hint = _("its tasks are: {numbers}", numbers=numbers) if numbers else _("the plan has no tasks")
            problems.append(Problem(ref.where, field, _("plan {plan} has no task {task}", plan=ref.plan, task=ref.task), hint))
    return problems


# --- procedures ---------------------------------------------------------------------------------

_CODE = re.compile(r"^\d\.\d{6}$")
_LOCAL_CODE = re.compile(r"^(\d\.\d{6})\.\d{3}\.\d{2}\.\d{2}\.H\d{2}$")


def code_hint() -> str:
    return _('write the code as on dichvucong.gov.vn, a digit, a dot and six digits: "1.001193"')


@dataclass(frozen=True)
class ProcedureRef:
    code: str
    where: Location

    def __str__(self) -> str:
        return self.code


class ProcedureCode(Type):
    """A national procedure code ("1.001193"), always written in quotes."""

    @property
    def expects(self) -> str:
        return _('a procedure code such as "1.001193"')

    def check(self, node, field, ctx: Context):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong_kind(node, field, ctx)
        text = scalar_text(node).strip()
        if node.style is None and node.tag.rsplit(":", 1)[-1] in ("int", "float"):
            return ctx.error(node, field, _("YAML reads {value} as a number", value=text), _("put it in quotes: {value}", value=quoted(text)))
        local = _LOCAL_CODE.match(text)
        if local:
            return ctx.error(node, field, _("{value} is a local code", value=quoted(text)), _("use the national code, the part before .000: {code}", code=quoted(local[1])))
        if not _CODE.match(text):
            return ctx.error(node, field, _("{value} is not a procedure code", value=quoted(text)), code_hint())
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
            message = _n("no procedure {code} could be read: {files} has errors", "no procedure {code} could be read: {files} have errors", len(broken), code=quoted(ref.code), files=", ".join(broken))
            problems.append(Problem(ref.where, field, message, _("fix those errors, listed above; the code may be in one of them")))
        elif ref.code not in codes:
            close = difflib.get_close_matches(ref.code, list(codes), n=1)
            hint = (_("did you mean {code} ({name})?", code=quoted(close[0]), name=codes[close[0]].name) if close
                    else _("a procedure is known by the `code:` in its file in content/thu-tuc/"))
            problems.append(Problem(ref.where, field, _("no procedure {code} in content/thu-tuc/", code=quoted(ref.code)), hint))
    return problems
