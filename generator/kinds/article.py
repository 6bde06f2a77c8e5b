"""News articles: Markdown files under content/tin-tuc/ with front matter."""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import urls
from ..dates import TIMEZONE
from ..errors import Location, Problem
from ..frontmatter import load_front_matter
from ..load import load_yaml_file
from ..refs import ProcedureRef, ProcedureRefType, TaskRef, TaskRefType
from ..schema import INVALID, Choice, Context, DateTime, Field, Flag, ListOf, Record, Text, quoted
from ..vocab import NEWS_AREAS

NEWS_DIR = "tin-tuc"


@dataclass(frozen=True)
class Image:
    src: str  # as written, relative to the Markdown file
    alt: str
    site_path: str = ""  # resolved, relative to the docs dir


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


def _image(**values) -> Image:
    return Image(**values)


ARTICLE = Record([
    Field("title", Text(), required=True),
    Field("date", DateTime(TIMEZONE), required=True),
    Field("summary", Text(), required=True),
    Field("areas", ListOf(Choice(*NEWS_AREAS)), required=True),
    Field("tags", ListOf(Text()), default=()),
    Field("image", Record([Field("src", Text(), required=True), Field("alt", Text(), required=True)], _image)),
    Field("author", Text()),
    Field("agency", Text()),
    Field("delivers", ListOf(TaskRefType()), default=()),
    Field("procedures", ListOf(ProcedureRefType()), default=()),
    Field("draft", Flag(), default=False),
    Field("publish", DateTime(TIMEZONE)),
    Field("sample", Flag(), default=False),
], Article, locate=True)


def resolve_asset(docs: Path, src_uri: str, relative: str) -> str | None:
    """The docs-relative path of a file referenced relative to a Markdown file, if it exists."""
    if "://" in relative or relative.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), relative))
    return target if not target.startswith("..") and (docs / target).is_file() else None


def check_image(item, docs: Path, ctx: Context):
    """Point the item's image at its file in the docs dir, or report that it is missing."""
    if item.image is None:
        return item
    site_path = resolve_asset(docs, item.src, item.image.src)
    if site_path is None:
        where = item.locations.get("image", Location(item.path, 1, 1))
        ctx.problems.append(Problem(where, "image.src", f"no file {quoted(item.image.src)} next to this page", "put the image in content/ and give its path relative to this file"))
        return item
    return replace(item, image=replace(item.image, site_path=site_path))


def markdown_files(docs: Path, folder: str) -> list[Path]:
    base = docs / folder
    return sorted(base.rglob("*.md")) if base.is_dir() else []


def shown_path(file: Path, root: Path) -> str:
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)


def checked_files(files, root: Path, record, problems: list, data: bool = False):
    """Each file (front matter, or a YAML data file if `data`) checked against `record`.

    Yields (file, item with its slug and path, node, ctx) for each valid item; the caller
    may add problems to ctx, which join `problems` when the caller moves on.
    """
    for file in files:
        shown = shown_path(file, root)
        if data:
            node, found = load_yaml_file(file, shown)
        else:
            node, _, found = load_front_matter(file, shown)
        problems += found
        if node is None:
            continue
        ctx = Context(shown)
        item = record.check(node, "", ctx)
        if item is not INVALID:
            yield file, replace(item, slug=urls.slugify(file.stem), path=shown), node, ctx
        problems += ctx.problems


def load_articles(docs: Path, root: Path) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    for file in markdown_files(docs, NEWS_DIR):
        if file.name == "index.md":
            problems.append(Problem(Location(shown_path(file, root), 1, 1), "", "content/tin-tuc/index.md is generated; this file would hide it", "rename or remove it"))
            continue
        shown = shown_path(file, root)
        node, _, found = load_front_matter(file, shown)
        problems += found
        if node is None:
            continue
        ctx = Context(shown)
        article = ARTICLE.check(node, "", ctx)
        if article is not INVALID:
            src = file.relative_to(docs).as_posix()
            article = replace(article, src=src, slug=urls.slugify(file.stem), path=shown)
            article = check_image(article, docs, ctx)
            articles.append(article)
        problems += ctx.problems
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
