"""What every content kind needs to read its files: finding them, checking each against
its record, resolving files (images, recordings) referenced from a page."""
from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from .. import urls
from ..images import display_size
from ..errors import Location, Problem
from ..frontmatter import load_front_matter
from ..i18n import _
from ..load import load_yaml_file
from ..schema import INVALID, Context, Field, Record, Text, quoted


@dataclass(frozen=True)
class Image:
    src: str  # as written, relative to the Markdown file
    alt: str
    site_path: str = ""  # resolved, relative to the docs dir
    width: int | None = None  # as served (see images.py)
    height: int | None = None

    def placed(self, docs: Path, site_path: str) -> "Image":
        """The image pointed at its file, with the size it is served at."""
        size = display_size(docs / site_path) or (None, None)
        return replace(self, site_path=site_path, width=size[0], height=size[1])


IMAGE = Record([Field("src", Text(), required=True), Field("alt", Text(), required=True)], Image)


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
        ctx.problems.append(Problem(where, "image.src", _("no file {file} next to this page", file=quoted(item.image.src)), _("put the image in content/ and give its path relative to this file")))
        return item
    return replace(item, image=item.image.placed(docs, site_path))


def shown_path(file: Path, root: Path) -> str:
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)


def checked_files(files, root: Path, record, problems: list, data: bool = False):
    """Each file (front matter, or a YAML data file if `data`) checked against `record`.

    Yields (file, item with its slug and path, node, ctx) for each valid item; the caller
    may add problems to ctx, which join `problems` when the caller moves on.
    """
    for file in files:
        shown = shown_path(file, root)
        key = _remembered_key(file, shown, record, data)
        if key is not None and key in _REMEMBERED:
            node, found, item, checked = _REMEMBERED[key]
        else:
            if data:
                node, found = load_yaml_file(file, shown)
            else:
                node, __, found = load_front_matter(file, shown)
            item, checked = INVALID, []
            if node is not None:
                check = Context(shown)
                item = record.check(node, "", check)
                checked = check.problems
            if key is not None:
                _REMEMBERED[key] = (node, found, item, checked)
        problems += found
        if node is None:
            continue
        ctx = Context(shown)
        ctx.problems.extend(checked)
        if item is not INVALID:
            yield file, replace(item, slug=urls.slugify(file.stem), path=shown), node, ctx
        problems += ctx.problems


# `cchc serve` reloads every file on every save; a file read and checked before, with the
# same bytes, the same build date and language, gives the same node, item and problems.
# Only while previewing (set by the plugin): a build keeps nothing it does not need.
REMEMBER = False
_REMEMBERED: dict[tuple, tuple] = {}


def _remembered_key(file: Path, shown: str, record, data: bool) -> tuple | None:
    if not REMEMBER:
        return None
    if len(_REMEMBERED) > 200_000:
        _REMEMBERED.clear()
    try:
        content = file.read_bytes()
    except OSError:
        return None
    return (str(file), shown, content, id(record), data, os.environ.get("CCHC_BUILD_DATE"), os.environ.get("CCHC_LANG"), dt.date.today())
