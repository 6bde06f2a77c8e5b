"""Quizzes (hội thi tìm hiểu về cải cách hành chính): one YAML file per quiz in
content/hoi-thi/. Each becomes a self-check page that scores in the browser (the answers
travel in the page: a self-check, not an exam), a printable question sheet and an
answer key for contests run on paper (see generator/quizzes.py)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import urls
from ..errors import Problem
from ..i18n import _, _n
from ..refs import TaskRef, TaskRefType
from ..schema import INVALID, Context, Flag, Field, Integer, ListOf, Record, Text, quoted, web_address_problem
from .base import Kind, Loading
from .common import checked_files

QUIZ_DIR = "hoi-thi"
MIN_CHOICES, MAX_CHOICES = 2, 6
LETTERS = "ABCDEF"  # the printed sheet letters the choices; MAX_CHOICES of them


def source_hint() -> str:
    return _('give a page of the portal such as "/ke-hoach/2022-soc-trang-1738/" or a full address starting with https://')

# A page path of the portal: "/", then no spaces, quotes or markup, and no "//" (another host).
_PAGE_PATH = re.compile(r"^/(?!/)[^\s\"'<>\\`]*$")


@dataclass(frozen=True)
class Question:
    question: str
    choices: tuple[str, ...]
    answer: int  # 1-based, as written
    explanation: str
    source: str  # https://… or a page path of the portal, "/ke-hoach/…/#…"
    locations: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def lettered(self) -> list[tuple[str, str]]:
        return list(zip(LETTERS, self.choices))

    @property
    def answer_letter(self) -> str:
        return LETTERS[self.answer - 1]

    @property
    def answer_text(self) -> str:
        return self.choices[self.answer - 1]

    @property
    def external(self) -> bool:
        return self.source.startswith("https://")


@dataclass(frozen=True)
class Quiz:
    title: str
    description: str
    questions: tuple[Question, ...]
    plan: TaskRef | None = None
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    slug: str = ""
    path: str = ""

    @property
    def url(self) -> str:
        return urls.quiz_url(self.slug)

    @property
    def sheet_url(self) -> str:
        return urls.quiz_sheet_url(self.slug)

    @property
    def key_url(self) -> str:
        return urls.quiz_key_url(self.slug)


class Source(Text):
    """Where the answer can be read: a page of the portal (checked after the build by the
    link checker, anchors included) or a secure address elsewhere."""

    @property
    def expects(self) -> str:
        return _("a page of the portal or a web address")

    def check(self, node, field, ctx):
        text = super().check(node, field, ctx)
        if text is INVALID:
            return INVALID
        if text.startswith("/"):
            return text if _PAGE_PATH.match(text) else ctx.error(node, field, _("{value} is not a page of the portal", value=quoted(text)), source_hint())
        problem = web_address_problem(text, secure=True)
        return ctx.error(node, field, problem, source_hint()) if problem else text

    def json_schema(self, child):
        return {"type": "string", "pattern": r"^(?:/(?!/)[^\s\"'<>\\`]*|https://\S+)$"}


class Answer(Integer):
    @property
    def expects(self) -> str:
        return _("the number of the right choice")

    def check(self, node, field, ctx):
        if isinstance(node, yaml.ScalarNode) and not re.fullmatch(r"\s*[0-9]+\s*", node.value):
            return ctx.error(node, field, _("expected the number of the right choice, found {value}", value=quoted(node.value)),
                             _("count the choices from 1: answer: 2 means the second choice is right"))
        return super().check(node, field, ctx)


def _same(text: str) -> str:
    """Choices that read the same to a contestant: case, spacing and Unicode form aside."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class QuestionRecord(Record):
    """A question, with what crosses its fields: 2–6 different choices, an answer among them.
    These are checked whenever the choices and the answer read cleanly, whatever else is wrong."""

    def check(self, node, field, ctx):
        question = super().check(node, field, ctx)
        if not isinstance(node, yaml.MappingNode):
            return question
        nodes = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        choices, answer = self._quietly("choices", nodes), self._quietly("answer", nodes)
        if choices is INVALID:
            return question
        before = len(ctx.problems)
        count = len(choices)
        if not MIN_CHOICES <= count <= MAX_CHOICES:
            ctx.error(nodes["choices"], f"{field}.choices", _n("has {count} choice", "has {count} choices", count, count=count),
                      _("give {minimum} to {maximum} choices; the printed sheet letters them A–{letter}", minimum=MIN_CHOICES, maximum=MAX_CHOICES, letter=LETTERS[MAX_CHOICES - 1]))
        seen: dict[str, int] = {}
        for i, (choice_node, choice) in enumerate(zip(nodes["choices"].value, choices), 1):
            first = seen.setdefault(_same(choice), i)
            if first != i:
                ctx.error(choice_node, f"{field}.choices[{i}]", _("repeats choice {number} {choice}", number=first, choice=quoted(choice)), _("make every choice different"))
        if answer is not INVALID and answer > count:
            ctx.error(nodes["answer"], f"{field}.answer", _n("is {answer}, but the question has {count} choice", "is {answer}, but the question has {count} choices", count, answer=answer, count=count),
                      _("give the number of the right choice, 1 to {count}", count=count))
        return question if len(ctx.problems) == before else INVALID

    def json_schema(self, child):
        schema = super().json_schema(child)
        schema["properties"]["choices"].update(minItems=MIN_CHOICES, maxItems=MAX_CHOICES)
        return schema

    def _quietly(self, name: str, nodes: dict):
        """A field's value if it reads without a problem (its problems are reported by the record already)."""
        if name not in nodes:
            return INVALID
        quiet = Context("")
        value = self.fields[name].type.check(nodes[name], "", quiet)
        return INVALID if quiet.problems else value


QUESTION = QuestionRecord([
    Field("question", Text(), required=True),
    Field("choices", ListOf(Text()), required=True),
    Field("answer", Answer(), required=True),
    Field("explanation", Text(), required=True),
    Field("source", Source(), required=True),
], Question, locate=True)

QUIZ = Record([
    Field("title", Text(), required=True),
    Field("description", Text(), required=True),
    Field("plan", TaskRefType()),
    Field("sample", Flag(), default=False),
    Field("questions", ListOf(QUESTION), required=True),
], Quiz, locate=True)


def load_quizzes(files: list[Path], loading: Loading) -> tuple[list[Quiz], list[Problem]]:
    quizzes, problems = [], []
    for _, quiz, _, _ in checked_files(files, loading.root, QUIZ, problems, data=True):
        quizzes.append(quiz)  # a question with errors is left out, and reported: no site is built
    return sorted(quizzes, key=lambda q: (q.title, q.slug)), problems


KIND = Kind(
    name="quizzes", record=QUIZ, folder=QUIZ_DIR, patterns=("*.yml", "*.yaml"), load=load_quizzes, label="Hội thi tìm hiểu",
    index=urls.QUIZ_INDEX, data=True, describe="quizzes", home="content/hoi-thi/<name>.yml",
)
