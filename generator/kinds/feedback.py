"""Published feedback (phản ánh, kiến nghị) and the agency's answer: one YAML file per
item in content/phan-anh/.

Citizens' words are untrusted. They are YAML, never Markdown, and the pages show
them as text through Jinja's autoescape only (see templates/_services.md.j2).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import urls
from ..errors import Problem
from ..i18n import _
from ..refs import ProcedureRef, ProcedureRefType
from ..schema import Choice, Date, Field, Flag, Record, Text
from ..vocab import TOPICS
from .base import Kind, Loading
from .common import checked_files

FEEDBACK_DIR = "phan-anh"
# Characters that could start markup where a theme prints a page title without escaping it.
_UNSAFE_IN_TITLE = re.compile(r"[<>&\"'`]")


@dataclass(frozen=True)
class Answer:
    date: dt.date
    text: str
    by: str | None = None
    document: str | None = None
    locations: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Feedback:
    title: str
    received: dt.date
    topic: str
    agency: str
    question: str
    sender: str | None = None
    procedure: ProcedureRef | None = None
    answer: Answer | None = None
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    slug: str = ""
    path: str = ""

    @property
    def url(self) -> str:
        return urls.feedback_url(self.slug)

    @property
    def topic_label(self) -> str:
        return TOPICS[self.topic]

    @property
    def safe_title(self) -> str:
        """The title for places outside our templates (browser tab, header, search): no markup characters."""
        return " ".join(_UNSAFE_IN_TITLE.sub(" ", self.title).split())


ANSWER = Record([
    Field("date", Date(), required=True), Field("text", Text(), required=True), Field("by", Text()), Field("document", Text()),
], Answer, locate=True)

FEEDBACK = Record([
    Field("title", Text(), required=True),
    Field("received", Date(), required=True),
    Field("topic", Choice(TOPICS), required=True),
    Field("agency", Text(), required=True),
    Field("sender", Text()),
    Field("procedure", ProcedureRefType()),
    Field("question", Text(), required=True),
    Field("answer", ANSWER),
    Field("sample", Flag(), default=False),
], Feedback, locate=True)


def load_feedback(files: list[Path], loading: Loading) -> tuple[list[Feedback], list[Problem]]:
    items, problems = [], []
    for __, item, ___, ctx in checked_files(files, loading.root, FEEDBACK, problems, data=True):
        if item.answer and item.answer.date < item.received:
            ctx.problems.append(Problem(
                item.answer.locations["date"], "answer.date", _("is before the feedback was received ({date})", date=f"{item.received:%d/%m/%Y}"), _("check both dates"),
            ))
        items.append(item)
    return sorted(items, key=lambda f: (f.received, f.slug), reverse=True), problems


KIND = Kind(
    name="feedback", record=FEEDBACK, folder=FEEDBACK_DIR, patterns=("**/*.yml", "**/*.yaml"), load=load_feedback, label="Phản ánh, kiến nghị",
    index=urls.FEEDBACK_INDEX, data=True, describe="feedback items", home="content/phan-anh/<name>.yml",
)
