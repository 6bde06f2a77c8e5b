"""Preview latency: from saving one article in a portal of N articles (bench/realistic.py) to
its page, changed, being served by `cchc serve` (target: at most 2 s at 2,000 articles).

    .venv/bin/python bench/preview.py [N] [SAVES]      (default 2000 articles, 3 saves)

Starts `cchc serve` on a free port, waits for the first build, then saves articles one at a
time (a new sentence in the body) and polls the article's address every 50 ms until the
served page has the sentence. Prints each latency and the median; the first build's time
is printed too. Where MkDocs' watcher polls files (every 0.5 s), up to that much of the
latency is the watcher's.
"""
from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realistic import article, article_path, write_portal  # noqa: E402

DATE = "2026-11-22"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float, step: float = 0.05) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(step)
    return None


def article_url(base: str, i: int) -> str:
    """Where realistic.py's article i is served (its year and month come from its date)."""
    year, month = article(i)["date"][:7].split("-")
    return f"{base}tin-tuc/{year}/{month}/bai-{i}/"


def main(n: int, saves: int) -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        project = write_portal(Path(tmp) / "portal", n)
        port = free_port()
        base = f"http://127.0.0.1:{port}/cchc/"
        env = {**os.environ, "CCHC_BUILD_DATE": DATE, "NO_MKDOCS_2_WARNING": "1"}
        log = open(Path(tmp) / "serve.log", "w")
        server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            first = wait_for(article_url(base, 0), "</html>", timeout=900, step=0.5)
            if first is None:
                print("the first build did not finish; see the server's log:")
                print((Path(tmp) / "serve.log").read_text(encoding="utf-8")[-3000:])
                return
            print(f"{n} articles; first build served after {first:.1f} s")
            time.sleep(2)
            latencies = []
            for k in range(saves):
                i = (k * 7 + 3) % n
                marker = f"Câu mới số {k} của bản xem trước."
                path = article_path(project, i)
                path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                took = wait_for(article_url(base, i), marker, timeout=120)
                print(f"save {k + 1}: article {i} reloaded after " + (f"{took:.2f} s" if took is not None else "more than 120 s"))
                if took is not None:
                    latencies.append(took)
                time.sleep(1.5)
            if latencies:
                print(f"median {statistics.median(latencies):.2f} s, worst {max(latencies):.2f} s")
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            log.close()
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
