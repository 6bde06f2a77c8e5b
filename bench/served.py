"""A built site served on a local port and opened in Debian's Chromium, for the benches
that count what a browser downloads (scale.py's search bytes, family.py's family search)."""
from __future__ import annotations

import contextlib
import gzip
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def sent_size(url: str, body: bytes) -> int:
    """What a compressing server sends: Pagefind's own chunks are gzip already."""
    if url.split("?")[0].endswith((".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta")):
        return len(body)
    return len(gzip.compress(body, 6, mtime=0))


@contextlib.contextmanager
def browser_page(site: Path) -> Iterator[tuple[object, str]]:
    """(a new Chromium page, the site's base URL); the server and browser stop afterwards."""
    from playwright.sync_api import sync_playwright

    handler = lambda *a, **k: _Quiet(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-background-networking"])
            try:
                yield browser.new_page(), f"http://127.0.0.1:{server.server_port}"
            finally:
                browser.close()
    finally:
        server.shutdown()
