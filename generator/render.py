"""One strict Jinja environment that turns models into Markdown pages.

Templates live in generator/templates. Pages are Markdown for MkDocs: headings
stay Markdown (table of contents, anchors, search), while document parts that
need structure are HTML blocks whose text we convert from Markdown here.
"""
from __future__ import annotations

import contextvars
import json
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from html import unescape
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import dates, delivery, exports, remember, sanitize, urls
from .serialize import xml_text
from .vocab import NEWS_AREAS

if TYPE_CHECKING:
    import markdown
    from jinja2 import Environment

_VI_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    import markdown  # here: `cchc check` converts no Markdown and need not load it

    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=1 << 16)  # a summary is shown on ~7 listings, and again on every preview rebuild
def _html(text: str) -> str:
    """Markdown → sanitized HTML. Text too deeply nested for Python-Markdown (the checker
    refuses what it can see of that, text.too_deep) is shown as written, never a crash.

    Remembered per text: an article's summary is shown on its card in about seven listings
    (news pages, month, areas, tags) and converted once. pages.build_site forgets them at
    the start of each build, so `serve` does not keep the texts of every earlier build; the
    preview (remember.REMEMBER) keeps them, since most come back after a save."""
    try:
        return sanitize.clean(_markdown().reset().convert(text), controls=False)
    except RecursionError:
        _markdown.cache_clear()  # the converter is left mid-way: start the next text afresh
        return f"<p>{lines(text)}</p>"


def forget_rendered() -> None:
    """Forget the Markdown converted so far (at the start of a build); the preview keeps
    the texts its last build used (remember.py)."""
    _placed.clear()
    if remember.REMEMBER:
        remember.MEMORY.new_build(dict(environment().globals))  # the templates' globals, as they are now
    else:
        _html.cache_clear()


def md(text: str | None) -> Markup:
    """Markdown → sanitized HTML; a single paragraph comes back without its <p>."""
    if not text:
        return Markup("")
    html = _html(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def md_block(text: str | None) -> Markup:
    """Markdown → sanitized HTML, always block-level (paragraphs keep their <p>)."""
    return Markup(_html(text)) if text else Markup("")


# A news card is shown on about seven listings (news pages, month, areas, tags), each at its
# own address, and differs between them only by its links, which are relative to the page.
# placed() renders it once a build with every link marked (its target between two Private
# Use characters), then writes each listing's links into that text.
_ANYWHERE = "\ue001anywhere\ue002"  # the page a card is rendered for once: links come out marked
_MARKED = re.compile("\ue001([^\ue001\ue002]*)\ue002")
_placed: dict[tuple, tuple] = {}  # (macro, id(item), args) -> (item, marked text or None); forgotten each build
_marked = [0]  # links marked so far


def _href(target: str, page: str) -> str:
    """urls.href, the templates' `href`; a marked target for placed()'s rendering."""
    if page == _ANYWHERE:
        _marked[0] += 1
        return f"\ue001{target}\ue002"
    return urls.href(target, page)


def placed(macro, item, page: str, *args) -> Markup:
    """macro(item, page, *args) for a macro that reads `page` only to make links with href:
    rendered once a build per item, its links then made relative to each page it is on.
    Rendered as usual when the text holds the markers otherwise than as the links made
    (an officer's title with those characters)."""
    key = (macro.name, id(item), args)
    known = _placed.get(key)
    if known is None:
        before = _marked[0]
        text = str(macro(item, _ANYWHERE, *args))
        made = _marked[0] - before
        clean = text.count("\ue001") == made and text.count("\ue002") == made
        known = _placed[key] = (item, text if clean else None)  # (the item kept, so that its id stays its own)
    if known[1] is None:
        return macro(item, page, *args)
    return Markup(_MARKED.sub(lambda m: str(escape(urls.href(unescape(m[1]), page))), known[1]))


def lines(text: str) -> Markup:
    """Plain text whose printed line breaks become <br>."""
    return Markup("<br>").join(escape(part) for part in text.split("\n"))


# Characters XML 1.0 forbids (§2.2): most C0 controls, lone surrogates, U+FFFE and U+FFFF.
# One of them in a title would make the whole feed unreadable to every feed reader.
def one_line(text: str) -> str:
    return " ".join(text.split())


def marker(style: str, index: int) -> str:
    """The printed marker of the index-th (1-based) item of a list."""
    if style == "a)":
        return f"{_VI_LETTERS[(index - 1) % len(_VI_LETTERS)]})"
    if style == "1.":
        return f"{index}."
    return "–" if style == "-" else ""


def numbered(no: str | None) -> str:
    """A printed number before a heading: "I. ", "2.1. ", "Phần I – " (no punctuation of its own)."""
    if not no:
        return ""
    return f"{no} " if no[-1] in ".):" else f"{no} – "


def yaml_string(text: str) -> Markup:
    """A YAML double-quoted scalar for front matter (JSON strings are valid YAML)."""
    return Markup(json.dumps(text, ensure_ascii=False))


def iso(moment) -> str:
    """RFC 3339 with the Vietnam offset: 2021-03-15T08:30:00+07:00."""
    return moment.isoformat()


def rfc822(moment) -> str:
    """RSS dates: Mon, 15 Mar 2021 08:30:00 +0700 (English names, as the format requires)."""
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{days[moment.weekday()]}, {moment.day:02d} {months[moment.month - 1]} {moment.year} {moment:%H:%M:%S} {moment:%z}"


def vi_datetime(moment) -> str:
    """"ngày 15 tháng 3 năm 2021, 08:30"; the time is left out at midnight."""
    text = dates.vi_date(moment.date())
    return text if (moment.hour, moment.minute) == (0, 0) else f"{text}, {moment:%H:%M}"


def heading_level(depth: int) -> str:
    return "#" * min(depth + 1, 6)


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape  # here: `cchc check` renders no template

    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md, md_block=md_block, lines=lines, xml_text=xml_text, one_line=one_line, numbered=numbered, yaml_string=yaml_string, vi_date=dates.vi_date,
        short_date=dates.short_date, slugify=urls.slugify, iso=iso, rfc822=rfc822, vi_datetime=vi_datetime,
    )
    env.globals.update(
        marker=marker, href=_href, placed=placed, heading_level=heading_level, urls=urls, areas=NEWS_AREAS,
        statuses=delivery.STATUSES, report_units=delivery.REPORT_UNITS, evidence_kind=exports.evidence_kind,
    )
    return env


def compiled_in(folder):
    """A Jinja bytecode cache in `folder` (the build cache's), or None where nothing can be
    kept (a read-only checkout: templates are then compiled on each build, as without it).
    Jinja finds a compiled template by its name and file and checks it against its text."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    from jinja2 import FileSystemBytecodeCache  # with the environment: `cchc check` renders no template

    return FileSystemBytecodeCache(str(folder))


def keep_compiled(folder) -> None:
    """Keep the generator's templates, once compiled, in `folder`: compiling its 46 templates
    costs each build about 0.4 s."""
    environment().bytecode_cache = compiled_in(folder)


_ADDRESSES_ONLY = contextvars.ContextVar("addresses_only", default=False)


@contextmanager
def addresses_only():
    """Assemble a site's addresses without writing its pages: `cchc check` needs to know what
    the build will publish where, not the text of every listing (most of the build's time)."""
    token = _ADDRESSES_ONLY.set(True)
    try:
        yield
    finally:
        _ADDRESSES_ONLY.reset(token)


def render(template: str, **context) -> str:
    if _ADDRESSES_ONLY.get():
        return ""
    if remember.REMEMBER:
        return remember.MEMORY.render(template, context, lambda: _render(template, context))
    return _render(template, context)


def _render(template: str, context: dict) -> str:
    text = environment().get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text)
