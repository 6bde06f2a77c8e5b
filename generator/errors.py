"""Problems found in content, collected and reported together.

Every problem names a file, a line and a column (1-based, as editors show them),
the field it concerns, what is wrong and, where it helps, how to fix it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import _n


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    where: Location
    field: str
    message: str
    hint: str = ""
    follows: bool = field(default=False, compare=False)  # caused by another file's content: listed after every file's own
    warning: bool = field(default=False, compare=False)  # shown, but the portal is still built (content.Corpus.warnings)
    portal: str = ""  # in a family of portals: which one (or ones, "a, b") the problem was found in

    def __str__(self) -> str:
        text = f"{self.where}: {self.field}: {self.message}" if self.field else f"{self.where}: {self.message}"
        text = f"[{self.portal}] {text}" if self.portal else text
        return f"{text} ({self.hint})" if self.hint else text


class ContentError(Exception):
    """Raised once, at the end of a stage, carrying every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.follows, p))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = _n("{count} problem found in the content:", "{count} problems found in the content:", count, count=count)
        return "\n".join([head, *(str(p) for p in self.problems)])


def warnings_report(warnings: list[Problem]) -> str:
    """Warnings, after the check's verdict: things to do that do not stop the build."""
    count = len(warnings)
    head = _n("{count} warning:", "{count} warnings:", count, count=count)
    return "\n".join([head, *(str(w) for w in warnings)])
