"""The publish workflow's glue for a family of portals (issue 14): the CI system fans out.

`.github/workflows/publish.yml` reads the family from `cchc portals --json` (a list of
{name, level, parent, site_url, depth, output, children…}; `output` is the portal's path
below the root's site, "" for the root, null for a portal published elsewhere) and calls
this module for the three steps that need more than a shell line:

    python -m generator.family_ci matrix [--batch N] [--max-jobs M] < portals.json
        the job matrix of the leaf portals (GitHub Actions `include` entries) and the
        parents in build order, as `matrix=…` and `parents=…` lines for $GITHUB_OUTPUT
    python -m generator.family_ci units-data portals.json NAME BUILT DIR [--previous OLD]
        the delivery data the units below portal NAME published (BUILT/<unit>/du-lieu/
        thuc-hien.json; for a unit that did not build, its copy in OLD) as DIR/<unit>.json,
        the folder `cchc build --portal NAME --units-data DIR` reads
    python -m generator.family_ci assemble portals.json BUILT SITE [--previous OLD]
        one site: the root's build in SITE, every other portal at its path under it; a
        portal that did not build this time keeps its copy from OLD (the site published
        last), so a failed commune stays online as it was instead of disappearing

A leaf portal (a commune or ward) builds on its own; a parent (the city, the province)
needs its descendants' published data, so the parents build last, deepest first.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
from pathlib import Path, PurePosixPath

from .urls import UNIT_DATA as _UNIT_DATA

UNIT_DATA = _UNIT_DATA.lstrip("/")  # where a built portal keeps its delivery data, from the site's top
# A family of one may leave its portal unnamed (`cchc portals` says ""): its jobs and folders
# use this word, and the workflow turns it back into `--portal ""` (`${name#_root}`; no
# portal name starts with "_").
UNNAMED = "_root"


def key(portal: dict) -> str:
    """The portal's name for jobs, artifacts and folders."""
    return portal["name"] or UNNAMED


def leaves(portals: list[dict]) -> list[dict]:
    """Portals no other portal names as parent, in declaration order (a family of one: its root)."""
    above = {p.get("parent") for p in portals}
    return [p for p in portals if p["name"] not in above]


def parents(portals: list[dict]) -> list[dict]:
    """The other portals, deepest first (a city before its province), else as declared."""
    leaf = {p["name"] for p in leaves(portals)}
    inner = [p for p in portals if p["name"] not in leaf]
    return sorted(inner, key=lambda p: -p["depth"])  # sorted() is stable: declaration order within a depth


def batch_size(count: int, batch: int = 1, max_jobs: int | None = None) -> int:
    """`batch` portals per job, more when `max_jobs` jobs would not hold them all."""
    size = max(1, batch)
    if max_jobs and count > max_jobs * size:
        size = math.ceil(count / max_jobs)
    return size


def matrix(portals: list[dict], batch: int = 1, max_jobs: int | None = None) -> dict:
    """GitHub Actions matrix of the leaf portals: one entry per job.

    Each entry: `id` (the job's title), `portals` (names, space-separated, for a shell loop)
    and `artifact` (the name its built sites are uploaded under: `portal-<name>` for a job of
    one portal, `portals-<first>-<last>` for a batch; every one starts with "portal").
    """
    names = [key(p) for p in leaves(portals)]
    size = batch_size(len(names), batch, max_jobs)
    include = []
    for start in range(0, len(names), size):
        group = names[start:start + size]
        if len(group) == 1:
            include.append({"id": group[0], "portals": group[0], "artifact": f"portal-{group[0]}"})
        else:
            include.append({"id": f"{group[0]} … {group[-1]} ({len(group)})", "portals": " ".join(group),
                            "artifact": f"portals-{group[0]}-{group[-1]}"})
    return {"include": include}


def site_path(portal: dict, root: dict) -> PurePosixPath:
    """Where a portal goes inside the root's site: its `output` ("" for the root); a portal
    published elsewhere (`output` null: another host) under its name, to be deployed apart."""
    if portal is root:
        return PurePosixPath(".")
    if portal.get("output") is None:
        return PurePosixPath(portal["name"])
    return PurePosixPath(portal["output"].strip("/"))


def descendants(portals: list[dict], name: str) -> list[dict]:
    found, todo = [], [p for p in portals if p.get("parent") == name]
    while todo:
        portal = todo.pop(0)
        found.append(portal)
        todo += [p for p in portals if p.get("parent") == portal["name"]]
    return found


def units_data(portals: list[dict], name: str, built: Path, dest: Path, previous: Path | None = None) -> dict[str, list[str]]:
    """The data files of the units below portal `name`, as dest/<unit>.json: the unit's fresh
    build's, else the one it published last (in `previous`, the site published last)."""
    root = next(p for p in portals if p.get("parent") is None)
    dest.mkdir(parents=True, exist_ok=True)
    report: dict[str, list[str]] = {"built": [], "kept": [], "missing": []}
    for unit in descendants(portals, name):
        fresh = built / unit["name"] / UNIT_DATA
        old = previous / site_path(unit, root) / UNIT_DATA if previous is not None else None
        source = fresh if fresh.is_file() else old if old is not None and old.is_file() else None
        if source is None:
            report["missing"].append(unit["name"])  # its row says "no data yet" (chưa có dữ liệu)
            continue
        shutil.copyfile(source, dest / f"{unit['name']}.json")
        report["built" if source == fresh else "kept"].append(unit["name"])
    return report


def assemble(portals: list[dict], built: Path, site: Path, previous: Path | None = None) -> dict[str, list[str]]:
    """Put every portal's site at its path in `site`; report which were fresh, kept or missing."""
    root = next(p for p in portals if p.get("parent") is None)
    report: dict[str, list[str]] = {"built": [], "kept": [], "missing": [], "elsewhere": []}
    if site.exists():
        shutil.rmtree(site)
    # The root first, then by depth: a portal's folder is replaced whole, after its parent's.
    for portal in sorted(portals, key=lambda p: (p is not root, p["depth"])):
        if portal is not root and portal.get("output") is None:  # another host: deployed on its own
            report["elsewhere"].append(portal["name"])
            continue
        rel = site_path(portal, root)
        dest = site / rel
        fresh = built / key(portal)
        old = previous / rel if previous is not None else None
        if portal is not root and dest.exists():
            shutil.rmtree(dest)
        if fresh.is_dir():
            shutil.copytree(fresh, dest, dirs_exist_ok=True)
            report["built"].append(key(portal))
        elif old is not None and old.is_dir():
            shutil.copytree(old, dest, dirs_exist_ok=True)
            report["kept"].append(key(portal))
        else:
            report["missing"].append(key(portal))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.family_ci", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("matrix", help="the leaf portals' job matrix and the parents, from `cchc portals --json` on stdin")
    p.add_argument("--batch", type=int, default=1, help="portals per job (default 1)")
    p.add_argument("--max-jobs", type=int, help="at most this many jobs: larger batches when needed")
    p = commands.add_parser("units-data", help="the delivery data of the units below a portal, as DIR/<unit>.json")
    p.add_argument("portals", type=Path, help="the output of `cchc portals --json`")
    p.add_argument("name", help="the portal about to be built")
    p.add_argument("built", type=Path, help="a folder of built portals, one folder per portal name")
    p.add_argument("dest", type=Path)
    p.add_argument("--previous", type=Path, help="the site published last: the data of a unit that did not build")
    p = commands.add_parser("assemble", help="one site: every portal at its path, the root's at the top")
    p.add_argument("portals", type=Path, help="the output of `cchc portals --json`")
    p.add_argument("built", type=Path, help="a folder of built portals, one folder per portal name")
    p.add_argument("site", type=Path)
    p.add_argument("--previous", type=Path, help="the site published last: the copy kept for a portal that did not build")
    args = parser.parse_args(argv)

    if args.command == "matrix":
        portals = json.load(sys.stdin)
        print("matrix=" + json.dumps(matrix(portals, args.batch, args.max_jobs), ensure_ascii=False, separators=(",", ":")))
        print("parents=" + " ".join(p["name"] for p in parents(portals)))
        return 0
    portals = json.loads(args.portals.read_text(encoding="utf-8"))
    if args.command == "units-data":
        report = units_data(portals, args.name, args.built, args.dest, args.previous)
        print(f"{args.name}: the data of {len(report['built'])} unit(s) built this run in {args.dest}/")
        for unit in report["kept"]:
            print(f"::warning::{unit} did not build this time: {args.name} reports its data as published last")
        for unit in report["missing"]:
            print(f"::warning::{unit} has no data: {args.name} shows it without data")
        return 0
    report = assemble(portals, args.built, args.site, args.previous)
    print(f"{len(report['built'])} portal(s) built this run: {' '.join(report['built'])}")
    for name in report["kept"]:  # GitHub shows these lines as warnings on the run's page
        print(f"::warning::{name} did not build this time: its site as published last is kept")
    for name in report["missing"]:
        print(f"::error::{name} did not build and has no earlier copy: it is not in this site")
    for name in report["elsewhere"]:
        print(f"::notice::{name} is published at an address of its own: deploy built/{name}/ there")
    return 0


if __name__ == "__main__":
    sys.exit(main())
