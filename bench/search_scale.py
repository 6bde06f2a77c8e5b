"""The search step before and after indexing pages in place (issue 12), on realistic portals.

    .venv/bin/python bench/search_scale.py [--sizes 2000] [--before 4fcd216]

For each size N (bench/realistic.py writes N ~700-word articles), in fresh processes:
- the whole `cchc build` of the commit `--before` (pages copied and re-read for Pagefind,
  which ran inside the MkDocs process) and of the working tree (pages made ready as they are
  written, Pagefind run over the site in place after MkDocs has exited);
- the search step alone on each built site (`search.build_index`): CPU, wall, peak memory;
- the index size.
CPU is user + system of the whole process tree; peak memory is the sum of the resident sizes
of every live process of the tree, sampled every 50 ms (bench/scale.py `measure`).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realistic  # noqa: E402
import scale  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
INDEX = "from pathlib import Path; from generator import search; print(search.build_index(Path('site')))"


def generator_at(commit: str, dest: Path) -> Path:
    """The generator package and theme of an older commit, in `dest` (importable from there)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "generator", "overrides"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def run(label: str, project: Path, pythonpath: str | None) -> None:
    env = ["env", f"PYTHONPATH={pythonpath}"] if pythonpath else []
    shutil.rmtree(project / "site", ignore_errors=True)
    cpu, wall, peak = scale.measure([*env, sys.executable, "-m", "generator.cli", "build"], project)
    print(f"{label:7} build        CPU {cpu:7.1f} s  wall {wall:7.1f} s  peak {peak / 2**30:5.2f} GiB", flush=True)
    cpu, wall, peak = scale.measure([*env, sys.executable, "-c", INDEX], project)
    size = sum(f.stat().st_size for f in (project / "site" / "pagefind").rglob("*") if f.is_file())
    print(f"{label:7} search step  CPU {cpu:7.1f} s  wall {wall:7.1f} s  peak {peak / 2**30:5.2f} GiB  index {size / 2**20:.1f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--before", default="4fcd216", help="commit of the copying search step")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-search-bench-") as temp:
        old = generator_at(args.before, Path(temp) / "old")
        for n in args.sizes:
            project = realistic.portal(Path(temp) / f"portal-{n}", n)
            earlier = Path(temp) / f"before-{n}"
            shutil.copytree(project, earlier)
            shutil.rmtree(earlier / "overrides")
            shutil.copytree(old / "overrides", earlier / "overrides")  # the theme that commit had
            print(f"--- {n} articles", flush=True)
            run("before", earlier, str(old))
            run("after", project, None)


if __name__ == "__main__":
    main()
