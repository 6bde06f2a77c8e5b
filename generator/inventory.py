"""Every file under content/ and plans/ accounted for.

Each file is one of: a file of a content kind (kinds/registry.py), a plain page (.md),
or an asset of an allowed type (images, recordings, documents). Anything else is a
problem that names the file and what to do, so nothing an officer adds is silently
ignored or published raw. Symbolic links are followed only to files in the same folder
tree: a link to /etc/passwd must never reach the site.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Location, Problem
from .i18n import _
from .images import image_problem
from .kinds.base import Kind
from .kinds.common import relative, shown_path
from .kinds.registry import KINDS
from .kinds.document import FILE_SUFFIXES as DOCUMENT_SUFFIXES
from .kinds.series import MEDIA_TYPES
from .svg import svg_hint, svg_problem

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
ASSET_SUFFIXES = IMAGE_SUFFIXES + tuple(MEDIA_TYPES) + DOCUMENT_SUFFIXES
PAGE_SUFFIX = ".md"
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")  # MkDocs would publish these unchecked
DATA_SUFFIXES = (".yml", ".yaml", ".json", ".toml")
# Guides beside the plans (the English reference, the officers' guide, importing a signed plan,
# the delivery data format): read in the repository, never published.
PLANS_DOCS = ("README.md", "HUONG-DAN.md", "HUONG-DAN-NHAP-KE-HOACH.md", "DELIVERY-DATA.md")


def _allowed() -> str:
    return _("pages (.md), images ({images}), recordings ({recordings}) and documents ({documents})",
             images=", ".join(IMAGE_SUFFIXES), recordings=", ".join(MEDIA_TYPES), documents=", ".join(DOCUMENT_SUFFIXES))


def kind_words(kind: Kind) -> str:
    """How a kind's files are named in messages ("news articles"), in the chosen language."""
    words = {
        "plans": _("plans"), "articles": _("news articles"), "series": _("programme series"),
        "episodes": _("programme episodes"), "activities": _("activities"), "procedures": _("procedure guides"),
        "hotlines": _("hotlines"), "feedback": _("feedback items"), "documents": _("legal documents"),
        "organisation": _("organisation details"), "organisation_en": _("English organisation details"), "quizzes": _("quizzes"),
        "search_words": _("search words"),
    }
    return words.get(kind.name, kind.describe)


def kind_home(kind: Kind) -> str:
    """Where a kind's files go (`Kind.home`), its few English words in the chosen language."""
    return (kind.home.replace(" (any subfolder)", " " + _("(any subfolder)"))
            .replace(", beside its series.yml", ", " + _("beside its series.yml")))


def _data_homes() -> str:
    return "; ".join(_("{kinds} in {home}", kinds=kind_words(k), home=kind_home(k)) for k in KINDS if k.data)


@dataclass
class Inventory:
    kind_files: dict[str, list[Path]] = field(default_factory=lambda: {k.name: [] for k in KINDS})
    pages: list[str] = field(default_factory=list)  # plain pages, docs-relative
    assets: list[str] = field(default_factory=list)  # docs-relative

    def data_files(self, docs: Path) -> set[str]:
        """Docs-relative paths of the YAML the generator reads: never published as files."""
        return {relative(f, docs) for k in KINDS if k.data and not k.in_plans for f in self.kind_files[k.name]}


def _walk(base: Path, root: Path, problems: list[Problem], skip=()):
    """Files under `base`, sorted, dot-files skipped as MkDocs does. A symbolic link is
    followed only to a file inside `base`: a linked folder would publish its files twice
    (or forever, in a loop), and a link out of `base` could publish any file of the machine."""
    if not base.is_dir():
        return
    home = base.resolve()

    def refused(entry: Path) -> str | None:
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError):
            return _("is a symbolic link that leads nowhere or in a loop")
        if target.is_dir():
            return _("is a symbolic link to a folder")
        if not target.is_relative_to(home):
            return _("is a symbolic link to a file outside {folder}/", folder=base.name)
        return None

    def walk(folder: Path):
        with os.scandir(folder) as found:  # its entries know their type: no stat per file
            entries = sorted(found, key=lambda e: e.name)
        for found_entry in entries:
            if found_entry.name.startswith("."):
                continue
            entry = folder / found_entry.name
            message = refused(entry) if found_entry.is_symlink() else None
            if message:
                problems.append(_problem(entry, root, message, _("put the file itself in {folder}/ instead of a link", folder=base.name)))
            elif found_entry.is_dir():
                if not skip or entry.resolve() not in skip:  # another portal's folder (family.py)
                    yield from walk(entry)
            elif found_entry.is_file():
                yield entry

    yield from walk(base)


def _problem(file: Path, root: Path, message: str, hint: str) -> Problem:
    return Problem(Location(shown_path(file, root), 1, 1), "", message, hint)


def _misplaced(file: Path, kinds: list[Kind], root: Path) -> Problem:
    """A file in a kind's folder that is not one of the kind's files."""
    wanted = [k for k in kinds if k.data == (file.suffix in DATA_SUFFIXES)]
    if not wanted or file.suffix not in (PAGE_SUFFIX, *DATA_SUFFIXES):
        return _unknown(file, root)
    homes = "; ".join(_("{kinds} go in {home}", kinds=kind_words(k), home=kind_home(k)) for k in wanted)
    what = kind_words(wanted[0])
    for k in wanted[1:]:
        what = _("{first} or {second}", first=what, second=kind_words(k))
    return _problem(file, root, _("is not where {kinds} are read", kinds=what), homes)


def _unknown(file: Path, root: Path) -> Problem:
    if file.suffix.lower() in OTHER_MARKDOWN:
        return _problem(file, root, _("Markdown files must end in {suffix}", suffix=PAGE_SUFFIX), _("rename it to {name}", name=file.stem + PAGE_SUFFIX))
    if file.suffix.lower() in DATA_SUFFIXES:
        return _problem(file, root, _("is a data file that no part of the portal reads"), _("data files are read only as {homes}; move it or remove it", homes=_data_homes()))
    message = _("files of type {suffix} are not published", suffix=file.suffix) if file.suffix else _("files without an extension are not published")
    return _problem(file, root, message, _("the portal publishes {allowed}", allowed=_allowed()))


def _asset_problems(file: Path, root: Path) -> list[Problem]:
    """Images that cannot be read or are too large to open, and SVGs that could run code."""
    if file.suffix.lower() == ".svg":
        message, hint = svg_problem(file), svg_hint()
    else:
        message, hint = image_problem(file), ""
    return [_problem(file, root, message, hint)] if message else []


def take_stock(root: Path, plans_dir: Path, docs: Path, skip=()) -> tuple[Inventory, list[Problem]]:
    """Sort every file of plans/ and content/ into kinds, pages and assets; report the rest.
    `skip`: folders that belong to other portals of the family."""
    stock, problems = Inventory(), []
    plans = [k for k in KINDS if k.in_plans]
    for file in _walk(plans_dir, root, problems):
        rel = relative(file, plans_dir)
        kind = next((k for k in plans if k.owns(rel)), None)
        if kind:
            stock.kind_files[kind.name].append(file)
        elif rel not in PLANS_DOCS:
            hint = (_("plans are read from plans/ itself, not from its subfolders; other files do not belong in plans/") if "/" in rel
                    else _("plans are read from files ending in .yml or .yaml; other files do not belong in plans/"))
            problems.append(_problem(file, root, _("is not a plan"), hint))
    by_folder: dict[str, list[Kind]] = {}
    for kind in KINDS:
        if not kind.in_plans:
            by_folder.setdefault(kind.folder, []).append(kind)
    for file in _walk(docs, root, problems, frozenset(skip)):
        rel = relative(file, docs)
        folder, __, inside = rel.partition("/")
        kinds = by_folder.get(folder, []) if inside else []
        owner = next((k for k in kinds if k.owns(inside)), None)
        if owner and inside != "index.md":  # a folder's index.md is its listing's address (checked there)
            stock.kind_files[owner.name].append(file)
        elif file.suffix == PAGE_SUFFIX and (all(k.data for k in kinds) or inside == "index.md"):  # no kind of pages owns the folder
            stock.pages.append(rel)
        elif file.suffix.lower() in ASSET_SUFFIXES:
            stock.assets.append(rel)
            problems += _asset_problems(file, root)
        elif kinds:
            problems.append(_misplaced(file, kinds, root))
        else:
            problems.append(_unknown(file, root))
    return stock, problems

