"""`cchc` for a family of portals (family.py): list, check and build them.

`cchc build --all` builds the units first, those of one level in parallel processes, then
each portal above them with its descendants' delivery data; every portal is built into a
folder of its own, and the family is put in site/ only when every build succeeded (a unit
is published under the root's site/ at its address's path below the root's).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from . import cli, family, urls
from .errors import ContentError, Problem, warnings_report
from .family import Family, Portal
from .i18n import _, _n
from .schema import quoted, suggest


def declared(root: Path, config: str) -> Family | None:
    """The family of `config`, or None after printing why it cannot be read."""
    found, problems = family.read(root, config)
    if problems:
        print(ContentError(problems).report(), file=sys.stderr)
        return None
    return found


def pick(found: Family, name: str) -> Portal | None:
    """The portal called `name`, or None after saying it is not one of the family."""
    names = [p.name for p in found.portals]
    if name in names:
        return found.get(name)
    print(_("error: {value} is not a portal of the family ({hint})", value=quoted(name), hint=suggest(name, names)), file=sys.stderr)
    return None


def depth(found: Family, portal: Portal) -> int:
    return len(found.ancestors(portal.name))


def output(found: Family, portal: Portal) -> str | None:
    """Where `--all` puts the portal inside the root's site/ ("" for the root), or None when
    its address is not below the root's."""
    return family.below(found.root.site_url, portal.site_url)


def portals(args) -> int:
    found = declared(Path.cwd(), args.config)
    if found is None:
        return 1
    rows = [{"name": p.name, "site_name": p.site_name, "unit": p.unit, "level": p.level, "parent": p.parent,
             "site_url": p.site_url, "depth": depth(found, p), "output": output(found, p),
             "children": [c.name for c in found.children(p.name)]} for p in found.portals]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        print(f"{'  ' * row['depth']}{row['name']}  {row['level']}  {row['site_url']}  {row['unit']}")
    return 0


def config_of(name: str, config: str) -> str | None:
    """The MkDocs configuration that builds portal `name` (a unit's is made in its tree)."""
    root = Path.cwd().resolve()
    found = declared(root, config)
    portal = found and pick(found, name)
    if portal is None:
        return None
    if portal.parent is None:
        return config
    return str(family.materialize(root, found, name) / "mkdocs.yml")


# --- check -----------------------------------------------------------------------------------------

def check(root: Path, found: Family, today) -> int:
    """Every portal of the family checked in one run; each problem names its portal(s)."""
    from . import summary
    from .pages import assemble

    problems: dict[tuple, list[str]] = {}
    first: dict[tuple, Problem] = {}
    warnings: list[Problem] = []
    counts = []
    for portal in found.portals:
        if portal.parent is None:
            base, sources = root, {}
            plans, docs = root / portal.plans, root / portal.content
        else:
            base = family.materialize(root, found, portal.name)
            tree = family.Tree.read(base / family.TREE_FILE)
            sources, plans, docs = tree.sources, base / "plans", base / "content"
        ctx = family.context_for(found, portal.name, None if portal.parent is None else tree)
        corpus, __, found_problems = assemble(base, plans, docs, today, cli.CHECK_SITE_URL, pages=False, family=ctx)
        for p in family.shown(found_problems, "", sources):
            key = (p.where, p.field, p.message, p.hint)  # a shared file's problem: once, naming every portal
            first.setdefault(key, p)
            problems.setdefault(key, []).append(portal.name)
        warnings += family.shown(corpus.warnings, portal.name, sources)
        counts.append((portal.name, corpus.counts(), summary.report(corpus, today)))
    if problems:
        listed = [replace(first[key], portal=", ".join(names)) for key, names in problems.items()]
        print(ContentError(listed).report(), file=sys.stderr)
        if warnings:
            print(warnings_report(warnings), file=sys.stderr)
        return 1
    for name, count, __ in counts:
        print(_("OK: [{portal}] {counts} checked, no problems.", portal=name, counts=count))
    if warnings:
        print(warnings_report(warnings))
    for name, __, later in counts:
        if later:
            print(f"[{name}] {later}")
    return 0


# --- build -----------------------------------------------------------------------------------------

def build(args) -> int:
    root = Path.cwd().resolve()
    found = declared(root, args.config)
    if found is None:
        return 1
    target = Path(args.site_dir).resolve()
    env = {family.UNITS_DATA: str(Path(args.units_data).resolve())} if args.units_data else {}
    if len(found.portals) == 1:  # a portal of its own: --all and --portal build just it
        if args.portal and args.portal != found.root.name:
            pick(found, args.portal)
            return 1
        return cli.build_one(args.config, target, args.strict, **env)
    if args.portal and not args.all:
        portal = pick(found, args.portal)
        if portal is None:
            return 1
        config = args.config if portal.parent is None else str(family.materialize(root, found, portal.name) / "mkdocs.yml")
        return cli.build_one(config, target, args.strict, portal.name, **env)
    outside = [p for p in found.portals if output(found, p) is None]
    if outside:
        for p in outside:
            print(_("error: {portal}: its address {url} is not below the root portal's {root}: build it on its own with --portal {portal}",
                    portal=p.name, url=p.site_url, root=found.root.site_url), file=sys.stderr)
        return 1
    work = target.parent / f".family-build-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        failed = _build_levels(root, found, work, args)
        if failed:
            print(_n("Build failed for the portal {names}: nothing was published.", "Build failed for the portals {names}: nothing was published.",
                     len(failed), names=", ".join(failed)), file=sys.stderr)
            return 1
        site = work / found.root.name
        for portal in found.portals[1:]:
            place = site / output(found, portal)
            if place.exists():
                print(_("error: {portal}: the root portal has pages at {path}, where this portal is published", portal=portal.name,
                        path="/" + output(found, portal)), file=sys.stderr)
                return 1
            place.parent.mkdir(parents=True, exist_ok=True)
            (work / portal.name).rename(place)
        cli.publish(site, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(_n("{count} portal built into {folder}/.", "{count} portals built into {folder}/.", len(found.portals), count=len(found.portals), folder=target.name))
    return 0


def _build_levels(root: Path, found: Family, work: Path, args) -> list[str]:
    """Build every portal into work/<name>, the deepest level first; the names that failed."""
    jobs = args.jobs or os.cpu_count() or 1
    failed: list[str] = []
    for level in sorted({depth(found, p) for p in found.portals}, reverse=True):
        batch = [p for p in found.portals if depth(found, p) == level]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            codes = list(pool.map(lambda p: _build_portal(root, found, p, work, args), batch))
        failed += [p.name for p, code in zip(batch, codes) if code != 0]
        if failed:  # the portals above would report on units missing
            return failed
    return failed


def _build_portal(root: Path, found: Family, portal: Portal, work: Path, args) -> int:
    command = [sys.executable, "-m", "generator.cli", "build", "--portal", portal.name, "-f", args.config,
               "-d", str(work / portal.name)] + ([] if args.strict else ["--no-strict"])
    below = found.descendants(portal.name)
    if below:
        data = work / ".units" / portal.name
        data.mkdir(parents=True)
        for unit in below:
            published = work / unit.name / urls.UNIT_DATA.lstrip("/")
            if published.is_file():
                shutil.copyfile(published, data / f"{unit.name}.json")
        command += ["--units-data", str(data)]
    return subprocess.call(command, cwd=root)
