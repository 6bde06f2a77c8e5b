"""A province's family of portals built from one repository (issue 14).

Each portal is declared once. The root is the portal mkdocs.yml builds; its cchc options
name it and the folder of the units:

    plugins:
      - cchc:
          plans_dir: plans
          portal: {name: tinh-soc-trang, unit: UBND tỉnh Sóc Trăng, level: tinh}
          units: content/don-vi

Each subfolder of `units` is a unit's portal, named by the folder, declared by its
don-vi.yml (site_name, unit, level, parent, site_url, inherit); its pages are in the
folder, its plans in the folder's ke-hoach/. Without units (no `units`, or no such folder)
the repository is a family of one: today's layout, unchanged.

A unit's portal is built from a tree of its own (`materialize`): the folders it inherits
from its ancestors, its own folder over them (a file of the same path replaces the
inherited one), its plans, and the ancestors' plans that assign tasks to it. The tree is
made of hard links, so building it costs little, and the single-portal pipeline builds it
unchanged; problems are reported with the files' real paths and the portal's name.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import schema
from .errors import Location, Problem
from .i18n import _
from .load import compose_yaml, load_yaml_file, read_text
from .schema import INVALID, Choice, Field, ListOf, Record, Text, WebAddress, quoted, suggest

LEVELS = ("tinh", "huyen", "xa")
DEFAULT_INHERIT = ("thu-tuc", "duong-day-nong")
PLANS_FOLDER = "ke-hoach"  # a unit's plans, inside its content folder
TREES = ".cache/portals"   # where units' trees are made (hard links), under the repository
TREE_FILE = "family.json"
UNIT_FILE = "don-vi.yml"   # in each unit's folder: its portal's declaration  # in a unit's tree: who it is, and where each of its files comes from
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class Portal:
    name: str                 # ASCII slug, unique in the family; names CI jobs and output folders
    site_name: str
    unit: str                 # the unit as its documents name it, e.g. "UBND Phường 1"
    level: str                # one of LEVELS
    site_url: str             # absolute, ends with "/"
    parent: str | None        # None for the root
    content: str = "content"  # repository-relative folder of its pages
    plans: str = "plans"      # repository-relative folder of its plans
    inherit: tuple[str, ...] = ()  # content folders taken from the parent


@dataclass(frozen=True)
class Family:
    portals: tuple[Portal, ...]  # the root first, then as declared

    @property
    def root(self) -> Portal:
        return self.portals[0]

    def get(self, name: str) -> Portal:
        return next(p for p in self.portals if p.name == name)

    def children(self, name: str) -> tuple[Portal, ...]:
        return tuple(p for p in self.portals if p.parent == name)

    def descendants(self, name: str) -> tuple[Portal, ...]:
        found, todo = [], list(self.children(name))
        while todo:
            portal = todo.pop(0)
            found.append(portal)
            todo += self.children(portal.name)
        return tuple(found)

    def ancestors(self, name: str) -> tuple[Portal, ...]:
        """Parent first, the root last."""
        chain, portal = [], self.get(name)
        while portal.parent is not None:
            portal = self.get(portal.parent)
            chain.append(portal)
        return tuple(chain)


def below(base_url: str, url: str) -> str | None:
    """The path of `url` below `base_url` ("" for the same address), or None when it is not below."""
    base, mine = urlsplit(base_url), urlsplit(url)
    prefix = base.path if base.path.endswith("/") else base.path + "/"
    if (mine.scheme, mine.netloc) != (base.scheme, base.netloc) or not mine.path.startswith(prefix):
        return None
    return mine.path[len(prefix):]


@dataclass(frozen=True)
class Context:
    """What the build of one portal knows of its family (pages.assemble's `family`)."""
    family: Family
    portal: Portal                                   # the portal being built
    inherited_plans: frozenset[str] = frozenset()    # slugs of ancestors' plans in this build
    units_dir: Path | None = None                    # descendants' published delivery data, <name>.json each

    @property
    def is_family(self) -> bool:
        return len(self.family.portals) > 1

    def nested(self) -> tuple[str, ...]:
        """Paths below this portal's address where other portals of the family are published:
        its own build does not hold their pages."""
        paths = (below(self.portal.site_url, p.site_url) for p in self.family.portals if p is not self.portal)
        return tuple(path for path in paths if path)

    def skipped(self, root: Path) -> list[Path]:
        """Folders of the other portals inside this one's files: never read as its own."""
        if self.portal.parent is not None:  # a unit's tree holds only its own files
            return []
        return [(root / p.content).resolve() for p in self.family.portals if p is not self.portal]


# --- the declaration in mkdocs.yml --------------------------------------------------------------

def _level() -> Choice:
    return Choice({"tinh": "Cấp tỉnh", "huyen": "Cấp huyện (trước 1/7/2025)", "xa": "Cấp xã, phường, đặc khu"})


def _root_record() -> Record:
    return Record([Field("name", Text(), required=True), Field("unit", Text(), required=True),
                   Field("level", _level(), required=True)], locate=True)


def _unit_record() -> Record:
    return Record([
        Field("site_name", Text(), required=True), Field("unit", Text(), required=True),
        Field("level", _level(), required=True), Field("parent", Text()),
        Field("site_url", WebAddress(), required=True),
        Field("inherit", ListOf(Text(), min_items=0), default=DEFAULT_INHERIT),
    ], locate=True)


def _value(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _plugin_options(top: yaml.Node) -> yaml.Node | None:
    plugins = _value(top, "plugins")
    for entry in plugins.value if isinstance(plugins, yaml.SequenceNode) else ():
        options = _value(entry, "cchc")
        if options is not None:
            return options
    return None


def _scalar(node: yaml.Node | None, default: str) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and node.value else default


def read(root: Path, config_file: str = "mkdocs.yml") -> tuple[Family | None, list[Problem]]:
    """The family declared by `config_file` and the units' `don-vi.yml` files: a family of
    one when it names no folder of units, or that folder does not exist."""
    root = Path(root)
    text, problems = read_text(root / config_file, config_file)
    if text is None:
        return None, problems
    top, problems = compose_yaml(text, config_file)
    if top is None:
        return None, problems
    options = _plugin_options(top)
    ctx = schema.Context(config_file)
    own = _value(options, "portal")
    me = _root_record().check(own, "portal", ctx) if own is not None else None
    me = None if me is INVALID else me
    folder = _scalar(_value(options, "units"), "")
    root_portal = Portal(
        name=me["name"] if me else "", site_name=_scalar(_value(top, "site_name"), ""),
        unit=me["unit"] if me else "", level=me["level"] if me else "",
        site_url=_scalar(_value(top, "site_url"), ""), parent=None,
        content=_scalar(_value(top, "docs_dir"), "docs"), plans=_scalar(_value(options, "plans_dir"), "plans"),
    )
    where = {root_portal.name: me["locations"]} if me else {}
    problems = list(ctx.problems)
    units = []
    base = (root / folder).resolve()
    if folder and not (base.is_relative_to(root.resolve()) and base not in (root.resolve(), (root / root_portal.content).resolve())
                       and not base.is_relative_to((root / root_portal.plans).resolve())):
        node = _value(options, "units")
        problems.append(Problem(Location(config_file, node.start_mark.line + 1, node.start_mark.column + 1), "plugins.cchc.units",
                                _("{value} cannot hold the units' folders", value=quoted(folder)),
                                _("give a folder of its own inside the repository, e.g. content/don-vi")))
        folder = ""
    for sub in sorted((root / folder).iterdir()) if folder and (root / folder).is_dir() else ():
        if sub.name.startswith("."):
            continue
        shown = (sub / UNIT_FILE).relative_to(root).as_posix()
        if not sub.is_dir() or not (sub / UNIT_FILE).is_file():
            what = _("is a file; the folder of units holds one folder per unit") if not sub.is_dir() else _("the unit's folder has no {file}", file=UNIT_FILE)
            problems.append(Problem(Location(sub.relative_to(root).as_posix(), 1, 1), "", what,
                                    _("each unit has a folder named after it, with {file} that declares its portal (see plans/HUONG-DAN.md)", file=UNIT_FILE)))
            continue
        node, found = load_yaml_file(sub / UNIT_FILE, shown)
        problems += found
        if node is None:
            continue
        unit_ctx = schema.Context(shown)
        unit = _unit_record().check(node, "", unit_ctx)
        problems += unit_ctx.problems
        if unit is INVALID:
            continue
        content = f"{folder.strip('/')}/{sub.name}"
        units.append(Portal(name=sub.name, site_name=unit["site_name"], unit=unit["unit"], level=unit["level"],
                            site_url=unit["site_url"], parent=unit["parent"] or root_portal.name, content=content,
                            plans=f"{content}/{PLANS_FOLDER}", inherit=tuple(f.strip("/") for f in unit["inherit"])))
        where[sub.name] = {k: replace(v, path=shown) for k, v in unit["locations"].items()} | {"name": Location(shown, 1, 1)}
    if units and me is None and not problems:
        problems.append(Problem(Location(config_file, 1, 1), "plugins.cchc.portal", _("the folder of units is given, but not the portal this file builds"),
                                _("add `portal:` with its `name`, `unit` and `level` beside `units:`")))
    family = Family((root_portal, *units))
    if not units and not problems:  # a portal of its own: nothing to tell apart
        return family, []
    named = {root_portal.name, *(sub.name for sub in (root / folder).iterdir())} if folder else {root_portal.name}
    problems += _family_problems(family, where, config_file, named)
    return (None if problems else family), problems


def _family_problems(family: Family, where: dict, config_file: str, named: set[str]) -> list[Problem]:
    """Names, parents and addresses across the family (`named`: every unit's folder, those
    with a declaration not read included, so that their children are not misreported)."""
    problems: list[Problem] = []

    def at(portal: Portal, key: str, message: str, hint: str = "") -> None:
        loc = where.get(portal.name, {}).get(key) or Location(config_file, 1, 1)
        problems.append(Problem(loc, f"portal.{key}" if portal.parent is None else key, message, hint))

    seen: dict[str, Portal] = {}
    for portal in family.portals:
        if not _NAME.match(portal.name):
            at(portal, "name", _("{value} is not a portal name", value=quoted(portal.name)),
               _("use small letters without marks, digits and hyphens, e.g. phuong-1"))
        elif portal.name in seen:
            at(portal, "name", _("{value} names two portals", value=quoted(portal.name)), _("give each portal a name of its own"))
        seen.setdefault(portal.name, portal)
    urls_seen: dict[str, str] = {}
    for portal in family.portals[1:]:
        if portal.parent not in named:
            at(portal, "parent", _("{value} is not a portal of the family", value=quoted(portal.parent)), suggest(portal.parent, sorted(named)))
        elif _cycle(family, portal):
            at(portal, "parent", _("{value} leads back to this portal: a portal cannot be its own parent", value=quoted(portal.parent)),
               _("name the portal of the unit above it"))
        if not portal.site_url.endswith("/"):
            at(portal, "site_url", _("{value} must end with /", value=quoted(portal.site_url)), _("write {value}", value=quoted(portal.site_url + "/")))
        elif portal.site_url in urls_seen or portal.site_url == family.root.site_url:
            at(portal, "site_url", _("{value} is the address of another portal", value=quoted(portal.site_url)), _("give each portal an address of its own"))
        urls_seen[portal.site_url] = portal.name
    return problems


def _cycle(family: Family, portal: Portal) -> bool:
    seen, current = {portal.name}, portal
    while current.parent is not None:
        nxt = next((p for p in family.portals if p.name == current.parent), None)
        if nxt is None:
            return False
        if nxt.name in seen:
            return True
        seen.add(nxt.name)
        current = nxt
    return False


# --- a unit's tree --------------------------------------------------------------------------------

def _files(folder: Path, skip: list[Path]):
    """Files under `folder` (dot-files skipped, as the inventory does), by folder-relative path."""
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and here / d not in skip)
        for name in sorted(filenames):
            if not name.startswith("."):
                yield (here / name).relative_to(folder).as_posix(), here / name


def _own_content(root: Path, family: Family, portal: Portal) -> dict[str, Path]:
    folder = root / portal.content
    others = [root / p.content for p in family.portals if p is not portal]
    if portal.parent is None:
        return dict(_files(folder, others))
    own = dict(_files(folder, others + [folder / PLANS_FOLDER]))
    own.pop(UNIT_FILE, None)  # read by `read`, not a page
    return own


def effective_content(root: Path, family: Family, portal: Portal) -> dict[str, Path]:
    """The portal's content/ as its build sees it: docs-relative path -> the real file."""
    own = _own_content(root, family, portal)
    if portal.parent is None:
        return own
    above = effective_content(root, family, family.get(portal.parent))
    taken = {rel: src for rel, src in above.items() if rel.split("/", 1)[0] in portal.inherit}
    return {**taken, **own}


def _plans(root: Path, portal: Portal) -> dict[str, Path]:
    folder = root / portal.plans
    if portal.parent is None:  # the root's own plans/ (its guides beside them are not plans)
        return {f.name: f for f in sorted(folder.glob("*.y*ml")) if f.is_file()}
    return dict(_files(folder, []))


def materialize(root: Path, family: Family, name: str) -> Path:
    """Make the unit's tree under .cache/portals/<name>/ (see the module's docstring) and
    return its folder: content/, plans/, mkdocs.yml and family.json."""
    root = Path(root).resolve()
    portal = family.get(name)
    tree = root / TREES / name
    sources: dict[str, str] = {}
    for sub in ("content", "plans"):
        shutil.rmtree(tree / sub, ignore_errors=True)
    for rel, src in sorted(effective_content(root, family, portal).items()):
        _link(src, tree / "content" / rel)
        sources[f"content/{rel}"] = src.relative_to(root).as_posix()
    inherited = []
    for above in family.ancestors(name):
        for rel, src in _plans(root, above).items():
            if "/" not in rel and rel.endswith((".yml", ".yaml")) and not (tree / "plans" / rel).exists():
                _link(src, tree / "plans" / rel)
                sources[f"plans/{rel}"] = src.relative_to(root).as_posix()
                inherited.append(rel.rsplit(".", 1)[0])
    for rel, src in _plans(root, portal).items():  # its own plan of a file name above replaces that one
        _link(src, tree / "plans" / rel, replace_existing=True)
        sources[f"plans/{rel}"] = src.relative_to(root).as_posix()
        if rel.rsplit(".", 1)[0] in inherited:
            inherited.remove(rel.rsplit(".", 1)[0])
    (tree / "plans").mkdir(parents=True, exist_ok=True)
    (tree / "content").mkdir(parents=True, exist_ok=True)
    _write_if_changed(tree / TREE_FILE, json.dumps({
        "config": str(root / "mkdocs.yml"), "member": name, "inherited_plans": sorted(inherited), "sources": sources,
    }, ensure_ascii=False, indent=1, sort_keys=True))
    _write_if_changed(tree / "mkdocs.yml", unit_config(root, family, portal, tree))
    return tree


def _link(src: Path, dest: Path, replace_existing: bool = False) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if replace_existing and dest.exists():
        dest.unlink()
    try:
        os.link(src, dest)
    except OSError:  # another file system, or links not allowed: a copy does as well
        shutil.copy2(src, dest)


def _write_if_changed(file: Path, text: str) -> None:
    if not file.exists() or file.read_text(encoding="utf-8") != text:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")


def unit_config(root: Path, family: Family, portal: Portal, tree: Path) -> str:
    """The unit's mkdocs.yml: the family's, with the unit's name, address and folders."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    config.update(site_name=portal.site_name, site_url=portal.site_url, docs_dir="content", site_dir="site")
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    extra = config.get("extra")
    if isinstance(extra, dict):
        extra.pop("cms", None)  # the web editor edits the repository from the root portal
    plugins = []
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "cchc" in entry:
            options = {k: v for k, v in (entry["cchc"] or {}).items() if k not in ("portal", "units", "plans_dir")}
            entry = {"cchc": {**options, "plans_dir": "plans", "family": TREE_FILE}}
        plugins.append(entry)
    config["plugins"] = plugins
    # A save in the unit's real folders remakes the preview (the tree is made again then).
    config["watch"] = sorted({str((root / p.content).resolve()) for p in (portal, *family.ancestors(portal.name))})
    return "# Made by cchc from the family's mkdocs.yml: edit that one, not this.\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False)


# --- what a unit's build reports --------------------------------------------------------------------

@dataclass(frozen=True)
class Tree:
    """A unit's tree as its build reads it back (family.json)."""
    config: Path
    member: str
    inherited_plans: frozenset[str]
    sources: dict

    @classmethod
    def read(cls, file: Path) -> "Tree":
        data = json.loads(file.read_text(encoding="utf-8"))
        return cls(Path(data["config"]), data["member"], frozenset(data["inherited_plans"]), data["sources"])


UNITS_DATA = "CCHC_UNITS_DATA"  # the folder of the descendants' delivery data, set by `cchc build`


def units_dir() -> Path | None:
    folder = os.environ.get(UNITS_DATA)
    return Path(folder) if folder else None


def context_for(family: Family, name: str, tree: Tree | None = None, units: Path | None = None) -> Context:
    return Context(family, family.get(name), tree.inherited_plans if tree else frozenset(), units)


def context_of(root: Path, config_name: str, options, remake: bool = False) -> tuple[Context | None, str, dict, list[Problem]]:
    """What a build of `root`/`config_name` (cchc options `options`) knows of its family: the
    context (None for a portal of its own), the name its problems carry, the real file of each
    file of a unit's tree, and the declaration's problems. `remake`: make a unit's tree again
    first (the preview, after a save in the unit's real folders)."""
    if options.get("family"):
        tree = Tree.read(root / options["family"])
        declared, problems = read(tree.config.parent, tree.config.name)
        if declared is not None and remake:
            materialize(tree.config.parent, declared, tree.member)
            tree = Tree.read(root / options["family"])
        if problems:
            return None, tree.member, tree.sources, problems
        return context_for(declared, tree.member, tree, units_dir()), tree.member, tree.sources, []
    if not options.get("units"):
        return None, "", {}, []
    declared, problems = read(root, config_name)
    if problems or len(declared.portals) == 1:  # no unit yet: a portal of its own
        return None, "", {}, problems
    return context_for(declared, declared.root.name, None, units_dir()), declared.root.name, {}, []


def shown(problems: list[Problem], portal: str = "", sources: dict | None = None) -> list[Problem]:
    """Problems as officers must read them: the real file of each, and the portal's name."""
    sources = sources or {}

    def real(text: str) -> str:  # paths named inside a message or hint too
        return _PATH.sub(lambda m: sources.get(m[0], m[0]), text) if sources else text

    return [replace(p, where=replace(p.where, path=sources.get(p.where.path, p.where.path)), portal=portal,
                    message=real(p.message), hint=real(p.hint)) for p in problems]


_PATH = re.compile(r"(?:content|plans)/[^\s,;:()\"'`]+")
