"""The nightly rebuild with the build cache: CPU of a clean build against a rebuild after
1% of the articles changed (target: at most 0.5×), on a portal of N articles (bench/realistic.py).

    .venv/bin/python bench/cache.py [N]      (default 1000)

Each build runs `cchc build` in a fresh process; CPU is user + system time of that process
and its children (Pagefind included). The clean build runs with CCHC_CACHE=0; the cache is
then filled by one build, 1% of the articles are edited, and the rebuild is measured.
The cache's first (cold) build is reported too: what filling the cache costs.
The rebuilt site is compared with a clean build of the changed portal (byte for byte).
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realistic import article_path, write_portal  # noqa: E402

DATE = "2026-11-22"


def build(project: Path, cached: bool, site: str = "site") -> tuple[float, float]:
    """CPU seconds and wall seconds of one `cchc build`."""
    env = {**os.environ, "CCHC_BUILD_DATE": DATE, "NO_MKDOCS_2_WARNING": "1", "CCHC_CACHE": "1" if cached else "0"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "-d", site], cwd=project, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def edit(project: Path, n: int) -> int:
    """Change the body of 1% of the articles (at least one), spread over the portal."""
    changed = max(1, n // 100)
    for k in range(changed):
        path = article_path(project, k * (n // changed))
        path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn bổ sung sau khi biên tập lại bài viết.\n", encoding="utf-8")
    return changed


def same(a: Path, b: Path) -> bool:
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    return files(a) == files(b)


def main(n: int) -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        project = write_portal(Path(tmp) / "portal", n)
        clean_cpu, clean_wall = build(project, cached=False)
        cold_cpu, cold_wall = build(project, cached=True)  # fills the cache
        warm_cpu, warm_wall = build(project, cached=True)
        changed = edit(project, n)
        cached_cpu, cached_wall = build(project, cached=True)
        after_cpu, _ = build(project, cached=False, site="site-clean")
        identical = same(project / "site", project / "site-clean")
        size = sum(p.stat().st_size for p in (project / ".cache").rglob("*") if p.is_file()) / 2**20
    print(f"{n} articles, {changed} changed; cache {size:.0f} MiB")
    print(f"{'build':<28} {'CPU s':>7} {'wall s':>7} {'× clean':>8}")
    print(f"{'clean (CCHC_CACHE=0)':<28} {clean_cpu:>7.2f} {clean_wall:>7.2f} {1:>8.2f}")
    print(f"{'cold cache (fills it)':<28} {cold_cpu:>7.2f} {cold_wall:>7.2f} {cold_cpu / clean_cpu:>8.2f}")
    print(f"{'cached, nothing changed':<28} {warm_cpu:>7.2f} {warm_wall:>7.2f} {warm_cpu / clean_cpu:>8.2f}")
    print(f"{'cached, 1% changed':<28} {cached_cpu:>7.2f} {cached_wall:>7.2f} {cached_cpu / clean_cpu:>8.2f}")
    print(f"{'clean, 1% changed':<28} {after_cpu:>7.2f}")
    print(f"cached rebuild byte-identical to the clean build: {identical}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
