"""CPU time (user + sys) of `cchc check` on a portal: without the memo, cold, warm.

    .venv/bin/python bench/realistic.py 16000 /tmp/p-16000
    .venv/bin/python bench/check.py /tmp/p-16000/portal [runs]

Each run is a fresh process; the minimum of `runs` (2 by default) is printed, with the
load average (the machine is shared: compare CPU time, not wall time). "cold" removes the
portal's .cache/ first; "warm" follows a check of the same files. See bench/PROFILE-check.md.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

CCHC = Path(sys.executable).with_name("cchc")


def cpu(portal: Path, **env: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([str(CCHC), "check"], cwd=portal, env={**os.environ, "CCHC_BUILD_DATE": "2026-11-22", "CCHC_LANG": "en", **env},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    portal = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    articles = sum(1 for _ in (portal / "content").rglob("*.md"))

    def cold() -> float:
        shutil.rmtree(portal / ".cache", ignore_errors=True)
        return cpu(portal)

    results = {
        "no memo (CCHC_CACHE=0)": min(cpu(portal, CCHC_CACHE="0") for _ in range(runs)),
        "cold memo": min(cold() for _ in range(runs)),
        "warm memo": min(cpu(portal) for _ in range(runs)),
    }
    print(f"{articles} Markdown files, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for name, seconds in results.items():
        print(f"  {name:24s} {seconds:6.2f} s CPU")


if __name__ == "__main__":
    main()
