"""News articles: Markdown files under content/tin-tuc/ with front matter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import urls
from ..dates import TIMEZONE
from ..errors import Location, Problem
from ..refs import ProcedureRef, ProcedureRefType, TaskRef, TaskRefType
from ..schema import Choice, DateTime, Field, Flag, ListOf, Record, Text
from ..vocab import NEWS_AREAS
from .common import IMAGE, Image, check_image, checked_files, markdown_files, shown_path

NEWS_DIR = "tin-tuc"


@dataclass(frozen=True)
class Article:
    title: str
    date: dt.datetime
    summary: str
    areas: tuple[str, ...]
    tags: tuple[str, ...] = ()
    image: Image | None = None
    author: str | None = None
    agency: str | None = None
    delivers: tuple[TaskRef, ...] = ()
    procedures: tuple[ProcedureRef, ...] = ()  # procedures the article is about, by code
    draft: bool = False
    publish: dt.datetime | None = None
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    src: str = ""  # path in the docs dir, e.g. tin-tuc/2021/ket-qua.md
    slug: str = ""
    path: str = ""  # as shown in messages

    @property
    def published_at(self) -> dt.datetime:
        return self.publish or self.date

    def is_published(self, today: dt.date, drafts: bool = False) -> bool:
        """Drafts only when previewing; nothing dated after the build date."""
        return (drafts or not self.draft) and self.published_at.date() <= today

    @property
    def url(self) -> str:
        return urls.article_url(self.date, self.slug)


ARTICLE = Record([
    Field("title", Text(), required=True),
    Field("date", DateTime(TIMEZONE), required=True),
    Field("summary", Text(), required=True),
    Field("areas", ListOf(Choice(*NEWS_AREAS)), required=True),
    Field("tags", ListOf(Text()), default=()),
    Field("image", IMAGE),
    Field("author", Text()),
    Field("agency", Text()),
    Field("delivers", ListOf(TaskRefType()), default=()),
    Field("procedures", ListOf(ProcedureRefType()), default=()),
    Field("draft", Flag(), default=False),
    Field("publish", DateTime(TIMEZONE)),
    Field("sample", Flag(), default=False),
], Article, locate=True)


def load_articles(docs: Path, root: Path) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    files = markdown_files(docs, NEWS_DIR)
    for file in [f for f in files if f.name == "index.md"]:
        problems.append(Problem(Location(shown_path(file, root), 1, 1), "", "content/tin-tuc/index.md is generated; this file would hide it", "rename or remove it"))
    for file, article, _, ctx in checked_files([f for f in files if f.name != "index.md"], root, ARTICLE, problems):
        articles.append(check_image(replace(article, src=file.relative_to(docs).as_posix()), docs, ctx))
    problems += _check_unique(articles)
    return articles, problems


def _check_unique(articles: list[Article]) -> list[Problem]:
    seen: dict[str, Article] = {}
    problems = []
    for article in articles:
        other = seen.setdefault(article.url, article)
        if other is not article:
            problems.append(Problem(
                Location(article.path, 1, 1), "", f"gets the same address {article.url} as {other.path}",
                "rename one of the two files",
            ))
    return problems
