"""Lighthouse mobile performance of the built portal: home, an article, a procedure.

    make site && .venv/bin/python bench/lighthouse.py [SITE_DIR]      (default: site)

Not part of `make test` (a minute a page, and scores move with the machine's load). Needs
Node.js, Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) and Lighthouse from npm:
`npm ci --prefix bench/lighthouse` (pinned in bench/lighthouse/package-lock.json). The site is
served the way generator/deploy/nginx.conf serves it (the build's .br/.gz copies, the same cache
headers: tests/static_host.py). Lighthouse's default mobile run: a mid-range phone, simulated
slow 4G, 4× CPU slowdown. Prints each page's score and its first paints; the target is 95.
LIGHTHOUSE_KEEP=DIR keeps the full JSON reports there. Scores move with the machine's load:
measured 98, 98, 99 (home, article, procedure) at load 9 on two cores, 93-97 at load 16.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.static_host import serve_precompressed  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
TARGET = 95


def pages(site: Path) -> dict[str, str]:
    """Home, the first article and the first procedure of the site (by address)."""
    def first(pattern: str) -> str:
        found = sorted(site.glob(pattern))
        if not found:
            sys.exit(f"error: no page matches {pattern} in {site}/")
        return "/" + found[0].parent.relative_to(site).as_posix() + "/"

    return {"home": "/", "article": first("tin-tuc/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"), "procedure": first("thu-tuc/*/index.html")}


def run(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", f"--output-path={out}", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=env, check=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    if os.environ.get("LIGHTHOUSE_KEEP"):  # the whole report, for a closer look
        Path(os.environ["LIGHTHOUSE_KEEP"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["LIGHTHOUSE_KEEP"]) / out.name).write_text(json.dumps(report), encoding="utf-8")
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        **{key: audits[key]["displayValue"] for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")},
    }


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site").resolve()
    if not (site / "index.html").is_file():
        sys.exit(f"error: no built site in {site}/: run `make site` first")
    if not LIGHTHOUSE.exists():
        sys.exit("error: Lighthouse is not installed: npm ci --prefix bench/lighthouse")
    base, stop = serve_precompressed(site)
    below = 0
    try:
        with tempfile.TemporaryDirectory() as temp:
            for name, path in pages(site).items():
                result = run(base + path, Path(temp) / f"{name}.json")
                below += result["score"] < TARGET
                print(f"{name:10} {path}\n  performance {result['score']}  " + "  ".join(f"{k}: {v}" for k, v in result.items() if k != "score"), flush=True)
    finally:
        stop()
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
