"""The build cache with values compressed (zlib) or stored as they are (CCHC_CACHE_COMPRESS=0):
CPU of a cold build (fills the cache) and of the rebuild after 1% of the articles changed,
the cache's bytes on disk by kind, and the bytes the publishing workflow's actions/cache
moves (the cache folder as `tar | zstd -T0 --long=30`, zstd's default level, as actions/cache
does). Interleaved, each build a fresh `cchc build` process; the rebuilt sites are compared
with a clean build (CCHC_CACHE=0) of the changed portal, byte for byte.

    .venv/bin/python bench/cachezip.py PROJECT [--repeats 2]

PROJECT is a folder written by bench/realistic.py (its portal/ is copied for every run).
Needs the `zstd` command for the transfer's bytes.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cache import edit, same  # noqa: E402

DATE = "2026-11-22"


def build(project: Path, site: str = "site", **env: str) -> float:
    """CPU seconds (user + system, children included) of one `cchc build`."""
    full = {**os.environ, "CCHC_BUILD_DATE": DATE, "NO_MKDOCS_2_WARNING": "1", "CCHC_LANG": "en", **env}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "-d", site], cwd=project, env=full, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def kinds(database: Path) -> dict[str, tuple[int, int]]:
    """kind -> (entries, stored bytes)."""
    with sqlite3.connect(database) as db:
        return {kind: (n, size) for kind, n, size in db.execute("SELECT kind, COUNT(*), SUM(size) FROM used GROUP BY kind")}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def transfer_bytes(folder: Path) -> int:
    tar = subprocess.Popen(["tar", "-cf", "-", "-C", str(folder.parent), folder.name], stdout=subprocess.PIPE)
    out = subprocess.run(["zstd", "-q", "-T0", "--long=30", "-c"], stdin=tar.stdout, capture_output=True, check=True).stdout
    tar.wait()
    return len(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--no-clean", action="store_true", help="skip the clean build the rebuilds are compared with")
    parser.add_argument("--zlib-first", action="store_true", help="start with the compressed cache (to interleave with an earlier run)")
    args = parser.parse_args()
    source = args.project / "portal"
    n = len(list((source / "content" / "tin-tuc").rglob("*.md")))
    work = args.project / "cachezip"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    results: dict[str, list] = {"as is": [], "zlib": []}
    reference = None
    for repeat in range(args.repeats):
        for name, switch in (("as is", "0"), ("zlib", "1")) if (repeat + args.zlib_first) % 2 == 0 else (("zlib", "1"), ("as is", "0")):
            project = work / f"{name.replace(' ', '-')}-{repeat + args.zlib_first}"
            shutil.copytree(source, project, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site"))  # a cold cache
            load = os.getloadavg()[0]
            start = time.perf_counter()
            cold = build(project, CCHC_CACHE_COMPRESS=switch)
            cache = project / ".cache" / "cchc"
            disk, moved, by_kind = folder_bytes(cache), transfer_bytes(cache), kinds(cache / "cache.sqlite")
            changed = edit(project, n)
            warm = build(project, CCHC_CACHE_COMPRESS=switch)
            wall = time.perf_counter() - start
            if reference is None and not args.no_clean:
                clean = work / "clean"
                shutil.copytree(project, clean, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site"))
                build(clean, CCHC_CACHE="0")
                reference = clean / "site"
            identical = same(project / "site", reference) if reference else "not compared"
            results[name].append((cold, warm, disk, moved))
            print(f"{name:6} run {repeat + 1}: cold {cold:6.1f} s, 1% rebuild ({changed} changed) {warm:6.1f} s CPU; cache {disk / 2**20:6.1f} MiB"
                  f" on disk, {moved / 2**20:6.1f} MiB tar|zstd; identical to a clean build: {identical}; load {load:.1f}, {wall:.0f} s wall", flush=True)
            if repeat == 0:
                print("   " + ", ".join(f"{k} {c} × {s / c / 1024:.1f} KiB = {s / 2**20:.1f} MiB" for k, (c, s) in sorted(by_kind.items(), key=lambda kv: -kv[1][1])), flush=True)
            shutil.rmtree(project / "site")
    print(f"{n} articles, minimum of {args.repeats}:")
    for name, runs in results.items():
        cold, warm = min(r[0] for r in runs), min(r[1] for r in runs)
        print(f"  {name:6} cold {cold:6.1f} s, 1% rebuild {warm:6.1f} s ({warm / cold:.2f}× the cold build), cache {runs[0][2] / 2**20:.1f} MiB, moved {runs[0][3] / 2**20:.1f} MiB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
