"""Where a preview save's time goes: `cchc serve`'s builds, in this process, without the server.

    .venv/bin/python bench/preview_profile.py PROJECT [SAVES] [--profile OUT.prof]

PROJECT is a portal (e.g. `bench/realistic.py 2000 DIR` → DIR/portal). Loads mkdocs.yml the way
`mkdocs serve --dirty` does (the plugins kept across builds, a temporary site folder), builds
once, then saves articles one at a time (a new sentence appended) and runs the build MkDocs'
server runs after a save (--pause seconds apart, 3 by default). Prints the CPU and wall time of each of those builds; with
--profile, the saves' builds run under cProfile (CPU timer) and the stats are written to OUT.prof
and their top entries printed. The watcher's polling (up to 0.5 s) and the browser's reload
come on top of these times in `cchc serve` (bench/preview.py measures the whole).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("saves", type=int, nargs="?", default=3)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between saves (an officer reads the page)")
    args = parser.parse_args()
    os.environ.setdefault("CCHC_BUILD_DATE", "2026-11-22")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(args.project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config():
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
        config.site_url = "http://127.0.0.1:8000/cchc/"
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    start = time.process_time(), time.perf_counter()
    build(config, serve_url=config.site_url, dirty=True)
    print(f"first build: {time.process_time() - start[0]:.2f} s CPU, {time.perf_counter() - start[1]:.2f} s wall")
    articles = sorted((args.project / "content" / "tin-tuc").rglob("bai-*.md"))
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    for k in range(args.saves):
        time.sleep(args.pause)
        path = articles[(k * 7 + 3) % len(articles)]
        path.write_text(path.read_text(encoding="utf-8") + f"\nCâu mới số {k} của bản xem trước.\n", encoding="utf-8")
        start = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        build(get_config(), serve_url="http://127.0.0.1:8000/cchc/", dirty=True)
        if profiler:
            profiler.disable()
        print(f"save {k + 1} ({path.name}): {time.process_time() - start[0]:.2f} s CPU, {time.perf_counter() - start[1]:.2f} s wall")
    config.plugins.on_shutdown()
    shutil.rmtree(site_dir, ignore_errors=True)
    if profiler:
        profiler.dump_stats(args.profile)
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    sys.exit(main())
