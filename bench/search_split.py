"""The search step and a citizen's downloads at scale, with the index whole or in parts (issue 12).

    .venv/bin/python bench/search_split.py --project DIR [--limits 100000 1500 1000] [--articles 8000]

DIR is a portal project written by bench/realistic.py (`--articles` N of them; written and
built once when DIR has no site/ yet: minutes on a shared 2-core machine; keep it under /tmp).
Then, for each limit of the main index (generator/search_archive.py, CCHC_SEARCH_MAIN_PAGES;
100000: one index for the whole site, as before), only the search step is run again over the
built site, and:
- its CPU, wall time and peak memory (the whole process tree, every Pagefind run included;
  bench/scale.py `measure`) and the size of each part;
- in Debian's Chromium, through the portal's own search box (overrides/assets/javascripts/
  cchc.js: query variants, 8 results' texts, the archive when the main index finds few), the
  bytes a first query downloads on a fresh page, and a later query on the same page, served
  with gzip at the site's path like a real host (tests/browser_support.py); the archive's part
  of the panel is waited for too;
- with `--typed`, the same first queries typed key by key (120 ms a key, a phone typist's pace).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
import realistic  # noqa: E402
import scale  # noqa: E402
from tests.browser_support import CHROMIUM_ARGS, serve  # noqa: E402

INDEX = "from pathlib import Path; from generator import search; print(search.build_index(Path('site')))"
QUERIES = ["khai sinh", "vneid", "dich vu cong truc tuyen", "đường dây nóng", "thanh toan truc tuyen"]


def search_step(project: Path, limit: int) -> None:
    cpu, wall, peak = scale.measure(["env", f"CCHC_SEARCH_MAIN_PAGES={limit}", sys.executable, "-c", INDEX], project)
    output = project / "site" / "pagefind"
    manifest = json.loads((output / "luu-tru.json").read_text(encoding="utf-8"))
    size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file() and "luu-tru" not in f.relative_to(output).parts)
    archive = sum(f.stat().st_size for f in (output / "luu-tru").rglob("*") if f.is_file()) if manifest["years"] else 0
    print(f"limit {limit:6}: search step CPU {cpu:6.1f} s  wall {wall:6.1f} s  peak {peak / 2**30:5.2f} GiB  "
          f"main index {size / 2**20:5.1f} MiB  archive {archive / 2**20:5.1f} MiB in {len(manifest['years'])} years "
          f"(main from {manifest['before'] or '-'})", flush=True)


def downloads(site: Path, typed: bool, script: Path) -> None:
    from playwright.sync_api import sync_playwright

    # The site was built once; the search box's script may have changed since (or --script).
    shutil.copy2(script, site / "assets" / "javascripts" / "cchc.js")
    mount = Path(tempfile.mkdtemp(prefix="cchc-served-"))
    (mount / "cchc").symlink_to(site, target_is_directory=True)
    url, stop = serve(mount)
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for n, first in enumerate(QUERIES):
                later = QUERIES[(n + 1) % len(QUERIES)]
                context = browser.new_context(locale="vi-VN")
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                addresses, sizes = {}, {}
                cdp.on("Network.responseReceived", lambda e: addresses.__setitem__(e["requestId"], e["response"]["url"]))
                cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
                page.goto(url + "/cchc/")
                page.wait_for_load_state("networkidle")
                spent = []
                for query in (first, later):
                    before = set(sizes)
                    _ask(page, query, typed and query is first)
                    page.wait_for_load_state("networkidle")
                    spent.append(sum(size for r, size in sizes.items() if r not in before and ("/pagefind/" in addresses.get(r, "") or "/tim-kiem/" in addresses.get(r, ""))))
                older = page.evaluate("() => { const b = document.querySelector('.cchc-search__older'); return b && !b.hidden ? b.querySelector('p').textContent : ''; }")
                print(f"{'typed ' if typed else ''}first {first!r:28} {spent[0] / 1024:7.0f} KiB   later {later!r:28} {spent[1] / 1024:6.0f} KiB"
                      f"   {page.text_content('#cchc-search-status')} {older}", flush=True)
                context.close()
            browser.close()
    finally:
        stop()
        shutil.rmtree(mount, ignore_errors=True)


def _ask(page, query: str, typed: bool) -> None:
    page.fill("#cchc-search-input", "")
    if typed:
        page.type("#cchc-search-input", query, delay=120)
    else:
        page.fill("#cchc-search-input", query)
    page.wait_for_selector(f".cchc-search__panel[data-query={json.dumps(query, ensure_ascii=False)}]", state="attached", timeout=300_000)
    if page.query_selector(".cchc-search__older"):  # an older script has no archive part
        page.wait_for_selector(f".cchc-search__older[data-query={json.dumps(query, ensure_ascii=False)}]", state="attached", timeout=300_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--limits", type=int, nargs="+", default=[100000, 1500, 1000])
    parser.add_argument("--typed", action="store_true", help="also type the first queries key by key")
    parser.add_argument("--script", type=Path, default=ROOT / "overrides" / "assets" / "javascripts" / "cchc.js",
                        help="the search box's script to serve (e.g. an older cchc.js from git show)")
    parser.add_argument("--no-index", action="store_true", help="measure the downloads of the index as it is")
    args = parser.parse_args()
    if not (args.project / "site").is_dir():
        realistic.portal(args.project, args.articles)
        cpu, wall, peak = scale.measure([str(scale.BIN / "cchc"), "build"], args.project)
        print(f"built {args.articles} articles: CPU {cpu:.1f} s  wall {wall:.1f} s  peak {peak / 2**30:.2f} GiB", flush=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for limit in args.limits:
        if not args.no_index:
            search_step(args.project, limit)
        downloads(args.project / "site", False, args.script)
        if args.typed:
            downloads(args.project / "site", True, args.script)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
