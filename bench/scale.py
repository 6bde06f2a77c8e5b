"""The portal against the platform it is built on, on the same realistic articles.

    .venv/bin/python bench/scale.py [--sizes 1000 4000] [--repeats 2] [--serve-at 2000] [--search-at 8000]

For each size N (bench/realistic.py writes the articles), interleaved in fresh processes:
- the documented build (`cchc build`) of the portal, cold (no cache), against plain Material
  plus the plain Pagefind CLI (`mkdocs build`, then `pagefind --site`) on the same bodies;
- CPU time (user + system of the whole process tree, Pagefind included; the minimum of the
  repeats, since the machine is shared) and wall time;
- peak memory of the whole process tree (resident sizes of every live process of the
  tree, summed, sampled every 50 ms);
- HTML bytes per article page, both sites;
- `cchc check` CPU time;
- a rebuild after 1% of the articles change (whatever cache the build keeps);
- at --serve-at N: the time from saving one article to its new text being served by
  `cchc serve`;
- at --search-at N: bytes downloaded by a first search and by a later one, in headless
  Chromium through Pagefind's own API (text files counted gzip-compressed, as a compressing
  server sends them; Pagefind's index files are already compressed).
The load average is printed before and after: read the ratios, not the seconds, on a busy machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realistic  # noqa: E402
import served  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "CCHC_BUILD_DATE": "2026-11-22", "NO_MKDOCS_2_WARNING": "1", "CCHC_LANG": "en"}


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def measure(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak resident bytes of a command and all it starts."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], sum(_rss(p) for p in _tree(proc.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{err[-3000:]}")
    return usage.ru_utime + usage.ru_stime, wall, peak[0]


def build_portal(project: Path) -> tuple[float, float, float]:
    for stale in (".cache", "site"):
        shutil.rmtree(project / stale, ignore_errors=True)
    return measure([str(BIN / "cchc"), "build"], project)


def build_plain(project: Path) -> tuple[float, float, float]:
    shutil.rmtree(project / "out", ignore_errors=True)
    script = f'"{sys.executable}" -m mkdocs build -q -d out && "{sys.executable}" -m pagefind_bin --site out --quiet'
    return measure(["bash", "-c", script], project)


def page_bytes(site: Path, pattern: str) -> float:
    sizes = [p.stat().st_size for p in site.glob(pattern)]
    return statistics.mean(sizes) if sizes else float("nan")


def change_articles(project: Path, share: float, token: str) -> list[Path]:
    articles = sorted((project / "content" / "tin-tuc").rglob("bai-*.md"))
    changed = articles[:: max(1, round(1 / share))]
    for path in changed:
        with path.open("a", encoding="utf-8") as f:
            f.write(f"\nĐã cập nhật: {token}.\n")
    return changed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _url_of(site: Path, slug: str) -> str:
    page = next(site.rglob(f"{slug}/index.html"))
    return "/" + page.parent.relative_to(site).as_posix() + "/"


def preview_latency(project: Path) -> float:
    """Seconds from saving one article to `cchc serve` serving its new text."""
    port = _free_port()
    serve = subprocess.Popen([str(BIN / "cchc"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/cchc" + _url_of(project / "site", "bai-0")
        _wait_for(url, lambda body: True, 900)
        article = next((project / "content" / "tin-tuc").rglob("bai-0.md"))
        token = f"xemtruoc{time.time_ns()}"
        start = time.perf_counter()
        with article.open("a", encoding="utf-8") as f:
            f.write(f"\n{token}\n")
        _wait_for(url, lambda body: token in body, 900)
        return time.perf_counter() - start
    finally:
        serve.terminate()
        serve.wait()


def _wait_for(url: str, ok, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                if ok(r.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not come up in {timeout} s")


def search_report(portal_site: Path, plain_site: Path, query: str, later: str) -> None:
    from playwright.sync_api import sync_playwright  # noqa: F401  (fail early with a clear error)

    for name, site in (("portal", portal_site), ("plain", plain_site)):
        first, later_bytes = _two_searches(site, query, later)
        print(f"search {name}: first query {query!r} {first / 1024:.0f} KiB, later query {later!r} {later_bytes / 1024:.0f} KiB")


def _two_searches(site: Path, query: str, later: str) -> tuple[int, int]:
    phase = ["first"]
    totals = {"first": 0, "later": 0}
    with served.browser_page(site) as (page, base):
        def count(response):
            if "/pagefind/" in response.url:
                totals[phase[0]] += served.sent_size(response.url, response.body())

        page.on("response", count)
        page.goto(f"{base}/404.html" if (site / "404.html").exists() else f"{base}/")
        page.evaluate("async (q) => { window.pf = await import('/pagefind/pagefind.js'); await pf.init();"
                      " const r = await pf.search(q); await Promise.all(r.results.slice(0, 5).map(x => x.data())); }", query)
        page.wait_for_timeout(300)
        phase[0] = "later"
        page.evaluate("async (q) => { const r = await pf.search(q); await Promise.all(r.results.slice(0, 5).map(x => x.data())); }", later)
        page.wait_for_timeout(300)
    return totals["first"], totals["later"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--serve-at", type=int, default=2000, help="measure preview latency at this size (0: never)")
    parser.add_argument("--search-at", type=int, default=8000, help="measure search downloads at this size (0: never)")
    parser.add_argument("--keep", type=Path, help="keep the generated projects under this folder")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(args.sizes) | ({args.serve_at} - {0}) | ({args.search_at} - {0}))
    photos = Path(tempfile.mkdtemp(prefix="cchc-photos-"))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores")
    rows = []
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"cchc-bench-{n}-", dir=args.keep))
        portal_project = realistic.portal(work / "portal", n, photos)
        plain_project = realistic.plain(work / "plain", n, photos)
        full = n in args.sizes
        runs = [(build_plain(plain_project), build_portal(portal_project)) for _ in range(args.repeats if full else 1)]
        plain_cpu, plain_wall, plain_mem = (min(r[0][k] for r in runs) if k < 2 else max(r[0][2] for r in runs) for k in range(3))
        cpu, wall, mem = (min(r[1][k] for r in runs) if k < 2 else max(r[1][2] for r in runs) for k in range(3))
        row = {"n": n, "cpu": cpu, "plain_cpu": plain_cpu, "wall": wall, "plain_wall": plain_wall, "mem": mem, "plain_mem": plain_mem,
               "html": page_bytes(portal_project / "site", "tin-tuc/**/bai-*/index.html"), "plain_html": page_bytes(plain_project / "out", "bai-*/index.html")}
        if full:
            row["check"] = measure([str(BIN / "cchc"), "check"], portal_project)[0]
            change_articles(portal_project, 0.01, "lần 1")
            row["rebuild"] = measure([str(BIN / "cchc"), "build"], portal_project)[0]
        if n == args.serve_at:
            row["preview"] = preview_latency(portal_project)
        if n == args.search_at:
            search_report(portal_project / "site", plain_project / "out", "dich vu cong truc tuyen", "vneid")
        rows.append(row)
        _print(rows)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(photos, ignore_errors=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _print(rows: list[dict]) -> None:
    gib = 1024 ** 3
    print("\n| articles | portal CPU | plain CPU | CPU ratio | portal wall | plain wall | portal peak | plain peak | memory ratio "
          "| HTML/article | plain HTML | HTML ratio | check CPU | 1% rebuild CPU | rebuild/full | preview |")
    print("|" + "---|" * 16)
    for r in rows:
        cells = [f"{r['n']:,}", f"{r['cpu']:.1f} s", f"{r['plain_cpu']:.1f} s", f"{r['cpu'] / r['plain_cpu']:.2f}×",
                 f"{r['wall']:.1f} s", f"{r['plain_wall']:.1f} s", f"{r['mem'] / gib:.2f} GiB", f"{r['plain_mem'] / gib:.2f} GiB",
                 f"{r['mem'] / r['plain_mem']:.2f}×", f"{r['html'] / 1024:.1f} KB", f"{r['plain_html'] / 1024:.1f} KB",
                 f"{r['html'] / r['plain_html']:.2f}×",
                 f"{r['check']:.1f} s" if "check" in r else "–",
                 f"{r['rebuild']:.1f} s" if "rebuild" in r else "–",
                 f"{r['rebuild'] / r['cpu']:.2f}×" if "rebuild" in r else "–",
                 f"{r['preview']:.1f} s" if "preview" in r else "–"]
        print("| " + " | ".join(cells) + " |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
