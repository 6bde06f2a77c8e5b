"""The build's per-page work, cached (see cache.py): a page's Markdown → HTML and its HTML
from the theme's template. The plugin hands MkDocs' own objects in; this module reads
their documented attributes and never imports mkdocs.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Hashable

from .cache import Cache, Null, digest

_LOGGERS = ("mkdocs", "MARKDOWN")


class _Heard(logging.Handler):
    """Counts what MkDocs or Python-Markdown logs while a page renders: such a page is
    not cached, so that its messages (and `--strict`) come again on the next build."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record):
        self.count += 1


class _Lookups:
    """The site's files as a page's render sees them, noting each file it looks up."""

    def __init__(self, files):
        self._files = files
        self.seen: dict[str, tuple | None] = {}

    def get_file_from_path(self, path: str):
        file = self._files.get_file_from_path(path)
        self.seen[path] = _target(file)
        return file

    def __getattr__(self, name):
        return getattr(self._files, name)

    def __iter__(self):
        return iter(self._files)

    def __len__(self):
        return len(self._files)

    def __contains__(self, item):
        return item in self._files


def _target(file) -> tuple | None:
    return None if file is None else (file.url, file.inclusion.is_excluded())


def render_page(cache: Cache, page, config, files, render: Callable, images) -> None:
    """page.render(config, files), from the cache when the page's final Markdown, address,
    the files its links reach and the images it sizes are as they were."""
    if isinstance(cache, Null):  # nothing kept: no key to make, no lookups to note
        render(config, files)
        return
    key = digest(page.markdown, page.file.src_uri, page.file.url, page.file.inclusion.is_excluded())
    entry = cache.get("render", key)
    if entry is not None and all(_target(files.get_file_from_path(p)) == t for p, t in entry["links"].items()) \
            and all(images.size_of(p) == s for p, s in entry["images"].items()):
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = entry["result"]
        anchors = entry["anchors"]
        page.links_to_anchors = None if anchors is None else {files.get_file_from_path(p): a for p, a in anchors.items()}
        return
    lookups, heard = _Lookups(files), _Heard()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    for logger in loggers:
        logger.addHandler(heard)
    images.seen = {}
    try:
        render(config, lookups)
    finally:
        for logger in loggers:
            logger.removeHandler(heard)
    if heard.count:
        return
    anchors = page.links_to_anchors
    cache.put("render", key, {
        "result": (page.content, page.toc, page._title_from_render, page.present_anchor_ids),
        "anchors": None if anchors is None else {f.src_uri: a for f, a in anchors.items()},
        "links": lookups.seen,
        "images": dict(images.seen),
    })


def _toc(items) -> list:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items or []]


def _link(page) -> tuple | None:
    return None if page is None else (page.url, page.title)


def _nav(items) -> list:
    return [(type(i).__name__, i.title, getattr(i, "url", None), _nav(getattr(i, "children", None))) for i in items or []]


def page_key(name: str, page) -> str:
    """Everything of the page that the theme's templates read."""
    meta = sorted((str(k), repr(v)) for k, v in (page.meta or {}).items())
    return digest(
        name, page.file.src_uri, page.url, page.canonical_url, page.edit_url, page.is_homepage, page.title, meta,
        page.content, _toc(page.toc), _link(page.previous_page), _link(page.next_page),
        [(a.title, getattr(a, "url", None)) for a in page.ancestors], repr(getattr(page, "cchc_share", None)),
        page.update_date,
    )


class CachedTemplate:
    """A Jinja template whose render() for a page comes from the cache. Jinja's own
    `extends` and `include` reach the real template's attributes through this proxy."""

    def __init__(self, template, name: str, cache: Cache, site: Callable[[Any], str]):
        self._template, self._name, self._cache, self._site = template, name, cache, site

    def __getattr__(self, attr):
        return getattr(self._template, attr)

    def render(self, *args, **kwargs):
        context = args[0] if args and isinstance(args[0], dict) else kwargs
        page = context.get("page")
        if page is None or not hasattr(page, "file") or len(args) > 1:
            return self._template.render(*args, **kwargs)
        key = digest(self._site(context), page_key(self._name, page))
        output = self._cache.get("page", key)
        if output is None:
            output = self._template.render(*args, **kwargs)
            self._cache.put("page", key, output)
        return output


def nav_key(context) -> str:
    """The navigation every page shows (titles and addresses)."""
    nav = context.get("nav")
    return digest(_nav(getattr(nav, "items", None)), _link(getattr(nav, "homepage", None)))


class OncePerKey:
    """A partial template (the theme's navigation: the sidebar and the tabs) rendered once per
    key in a build, then repeated. The navigation is the theme's largest per-page cost, and
    on every page outside the navigation (articles, archives, tags) it differs only by the
    relative addresses of its links: `key(context)` names those (None: render as usual).
    Jinja's `include` calls `root_render_func` and `new_context`, which this proxy serves."""

    def __init__(self, template, key: Callable[[Any], Hashable | None], rendered: dict):
        self._template, self._key, self._rendered = template, key, rendered

    def __getattr__(self, attr):
        return getattr(self._template, attr)

    def root_render_func(self, context):
        key = self._key(context)
        if key is None:
            yield from self._template.root_render_func(context)
            return
        key = (self._template.name, key)
        text = self._rendered.get(key)
        if text is None:
            text = self._rendered[key] = "".join(self._template.root_render_func(context))
        yield text
