"""News articles: Markdown files under content/tin-tuc/ with front matter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import urls
from ..dates import TIMEZONE
from ..errors import Problem
from ..i18n import _
from ..refs import ProcedureRef, ProcedureRefType, TaskRef, TaskRefType
from ..schema import Choice, DateTime, Field, Flag, ListOf, Record, Text, quoted
from ..vocab import NEWS_AREAS
from .base import Kind, Loading
from .common import IMAGE, Image, check_image, checked_files, relative

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
    Field("areas", ListOf(Choice(NEWS_AREAS)), required=True),
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


def load_articles(files: list[Path], loading: Loading) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    docs = loading.docs
    slugs = {}  # a portal's thousands of articles share a few dozen tags
    for file, article, __, ctx in checked_files(files, loading.root, ARTICLE, problems):
        written = article.tags
        for tag in written:
            if tag not in slugs:
                slugs[tag] = urls.slugify(tag)
        article = check_image(replace(article, src=relative(file, docs), tags=tuple(t for t in written if slugs[t])), docs, ctx)
        for i, tag in enumerate(written, 1):
            if not slugs[tag]:
                ctx.problems.append(Problem(
                    article.locations["tags"], f"tags[{i}]", _("{tag} has no letters or digits, so it cannot have a page", tag=quoted(tag)),
                    _("write the tag in words, e.g. Một cửa"),
                ))
        articles.append(article)
    return articles, problems


KIND = Kind(
    name="articles", record=ARTICLE, folder=NEWS_DIR, patterns=("**/*.md",), load=load_articles, label="Tin tức", index=urls.NEWS_INDEX,
    describe="news articles", home="content/tin-tuc/ (any subfolder)",
)
