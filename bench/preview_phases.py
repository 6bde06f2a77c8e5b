"""The phases of a preview save's build, timed (CPU) without a profiler's overhead.

    .venv/bin/python bench/preview_phases.py PROJECT [SAVES]

Wraps the functions named below (generator's and MkDocs') with CPU timers, then runs what
bench/preview_profile.py runs (one build as `cchc serve` makes it, then SAVES saves) and
prints, per save, the CPU seconds spent in each (nested phases are counted in their parent
too).
"""
from __future__ import annotations

import functools
import importlib
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PHASES = [
    ("mkdocs.commands.build", "build"),
    ("mkdocs.commands.build", "get_files"),
    ("mkdocs.structure.files", "Files.add_files_from_theme"),
    ("generator.plugin", "CchcPlugin.on_files"),
    ("generator.pages", "assemble"),
    ("generator.pages", "load_corpus"),
    ("generator.pages", "build_site"),
    ("generator.pages", "check_site"),
    ("generator.pages", "check_bodies"),
    ("generator.pages", "home_section"),
    ("generator.preview", "Changes.assembled"),
    ("generator.preview", "_snapshot"),
    ("generator.preview", "Changes.mark"),
    ("mkdocs.commands.build", "get_navigation"),
    ("mkdocs.commands.build", "_populate_page"),
    ("mkdocs.commands.build", "_build_page"),
    ("mkdocs.commands.build", "_build_theme_template"),
    ("mkdocs.structure.files", "Files.copy_static_files"),
    ("generator.plugin", "CchcPlugin.on_env"),
    ("generator.plugin", "CchcPlugin.on_post_build"),
]
SPENT: dict[str, float] = defaultdict(float)


def _wrap(module: str, name: str) -> None:
    owner = importlib.import_module(module)
    *path, attr = name.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, attr)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[name] += time.process_time() - start

    setattr(owner, attr, timed)


def main() -> None:
    for module, name in PHASES:
        _wrap(module, name)
    import preview_profile

    builds = []

    import mkdocs.commands.build as mkbuild
    timed_build = mkbuild.build

    def build(*args, **kwargs):
        SPENT.clear()
        timed_build(*args, **kwargs)
        builds.append(dict(SPENT))

    mkbuild.build = build
    preview_profile.main()
    for k, spent in enumerate(builds[1:], 1):
        print(f"\nsave {k}:")
        for _, name in PHASES:
            if name in spent:
                print(f"  {spent[name]:6.3f} s  {name}")


if __name__ == "__main__":
    main()
