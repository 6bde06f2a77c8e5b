"""Engines on the generated source (information for issue 12): `cchc generate` writes the
site's Markdown into a folder; this times building that folder with plain MkDocs,
ProperDocs and Zensical, beside `cchc build` of the portal itself.

    .venv/bin/python bench/zensical.py [N]      (default 500 articles, bench/realistic.py)

ProperDocs and Zensical are installed from PyPI into venvs of their own
(bench/.venv-properdocs, bench/.venv-zensical; never the project's .venv, whose MkDocs
they must not disturb). An engine that cannot be installed is skipped with a message.
The generated mkdocs.yml names generator.urls.slugify for heading anchors, so the project
is put on PYTHONPATH for the engines. Zensical keeps its own cache: it is cleared
(`--clean`) for each timed build. CPU counts the engine's process and its children.
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
from realistic import ROOT, write_portal  # noqa: E402

DATE = "2026-11-22"
BENCH = Path(__file__).resolve().parent
ENGINES = {  # name: (venv, packages, program)
    "properdocs": (BENCH / ".venv-properdocs", ["properdocs==1.6.7", "mkdocs-material"], "properdocs"),
    "zensical": (BENCH / ".venv-zensical", ["zensical"], "zensical"),
}


def engine(name: str) -> Path | None:
    """The engine's program, installed on first use; None (and why) when it cannot be."""
    venv, packages, program = ENGINES[name]
    exe = venv / "bin" / program
    if exe.exists():
        return exe
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-c", str(ROOT / "constraints.txt"), *packages],
                       check=True, capture_output=True, text=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as err:
        detail = getattr(err, "stderr", "") or str(err)
        print(f"{name}: skipped, it could not be installed ({detail.strip().splitlines()[-1] if detail.strip() else err})")
        shutil.rmtree(venv, ignore_errors=True)
        return None
    return exe if exe.exists() else None


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, bool]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(f"{command[0]} failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall, done.returncode == 0


def main(n: int) -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        project = write_portal(Path(tmp) / "portal", n)
        source = Path(tmp) / "source"
        env = {"CCHC_BUILD_DATE": DATE, "CCHC_CACHE": "0"}
        rows = [("cchc build (plugin, Pagefind)", *timed([sys.executable, "-m", "generator.cli", "build"], project, env))]
        rows.append(("cchc generate", *timed([sys.executable, "-m", "generator.cli", "generate", str(source)], project, env)))
        config = str(source / "mkdocs.yml")
        path = {"PYTHONPATH": str(ROOT)}
        rows.append(("plain MkDocs on the source", *timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(Path(tmp) / "s1")], source)))
        exe = engine("properdocs")
        if exe:
            rows.append(("ProperDocs on the source", *timed([str(exe), "build", "-q", "-f", config, "-d", str(Path(tmp) / "s2")], source, path)))
        exe = engine("zensical")
        if exe:
            rows.append(("Zensical on the source", *timed([str(exe), "build", "--clean", "-f", config], source, path)))
    print(f"{n} articles")
    print(f"{'build':<32} {'CPU s':>7} {'wall s':>7}  ok")
    for name, cpu, wall, ok in rows:
        print(f"{name:<32} {cpu:>7.2f} {wall:>7.2f}  {'yes' if ok else 'NO'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
