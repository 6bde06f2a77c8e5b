"""What every content kind needs to read its files: finding them, checking each against
its record, resolving files (images, recordings) referenced from a page."""
from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from .. import checkmemo, urls
from ..body import read_body
from ..images import display_size
from ..errors import Location, Problem
from ..frontmatter import front_matter_of
from ..i18n import _
from ..load import compose_yaml, decode_text
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
    return _fast_relative(file, root) or (file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file))


def relative(file: Path, base: Path) -> str:
    """`file.relative_to(base).as_posix()` (this runs for every file of a portal of thousands)."""
    return _fast_relative(file, base) or file.relative_to(base).as_posix()


def _fast_relative(file: Path, base: Path) -> str:
    """The usual case of `relative` without pathlib's parsing (paths are normalised
    already), or "" where it does not apply."""
    path, start = str(file), str(base)
    if os.sep == "/" and path.startswith(start) and path[len(start):len(start) + 1] == "/":
        return path[len(start) + 1:]
    return ""


def checked_files(files, root: Path, record, problems: list, data: bool = False):
    """Each file (front matter, or a YAML data file if `data`) checked against `record`.

    Yields (file, item with its slug and path, node, ctx) for each valid item; the caller
    may add problems to ctx, which join `problems` when the caller moves on. A Markdown
    file's node is None when its result comes from the check's memo (checkmemo.py): the
    callers of front-matter kinds do not use it.
    """
    for file in files:
        shown = shown_path(file, root)
        key = _remembered_key(file, shown, record, data)
        placed = False  # whether the item has its slug and path already
        if key is not None and key in _REMEMBERED:
            node, found, item, checked = _REMEMBERED[key]
            loaded = node is not None
        elif not data and checkmemo.active():
            (found, item, checked, loaded), body = checkmemo.memo(
                "markdown", lambda content, shown, __: (_stored(*_read_and_check(content, shown, record, data), shown), read_body(content, shown, False)),
                file.read_bytes(), shown, _record_name(record))
            checkmemo.keep_body(str(file), body)
            node, item, placed = None, (INVALID if item is None else item), True
        else:
            node, found, item, checked = _read_and_check(file.read_bytes(), shown, record, data)
            loaded = node is not None
            if key is not None:
                _REMEMBERED[key] = (node, found, item, checked)
        problems += found
        if not loaded:
            continue
        ctx = Context(shown)
        ctx.problems.extend(checked)
        if item is not INVALID:
            yield file, (item if placed else replace(item, slug=urls.slugify(file.stem), path=shown)), node, ctx
        problems += ctx.problems


def _read_and_check(content: bytes, shown: str, record, data: bool):
    """(node, problems reading it, item or INVALID, problems checking it) of a file's bytes."""
    text, found = decode_text(content, shown)
    node = None
    if text is not None:
        if data:
            node, found = compose_yaml(text, shown)
        else:
            node, __, found = front_matter_of(text, shown)
    item, checked = INVALID, []
    if node is not None:
        check = Context(shown)
        item = record.check(node, "", check)
        checked = check.problems
    return node, found, item, checked


def _stored(node, found, item, checked, shown: str):
    """What the memo keeps of `_read_and_check`: no node, None for INVALID, the item
    with its slug and path as `checked_files` gives them."""
    if item is not INVALID:
        item = replace(item, slug=urls.slugify(Path(shown).stem), path=shown)
    return found, (None if item is INVALID else item), checked, node is not None


def _record_name(record) -> str:
    build = record.build
    return f"{build.__module__}.{build.__qualname__}"


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
