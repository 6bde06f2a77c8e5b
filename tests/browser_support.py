"""Serving the built site like a real host (gzip, cache headers) and finding Debian's Chromium."""
from __future__ import annotations

import gzip
import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".csv", ".vcf")


def chromium_path() -> str:
    """$CHROMIUM_PATH, else Chromium on the PATH (Debian's, or the one GitHub's Ubuntu runners
    ship); a missing browser fails the run under CI and skips it elsewhere."""
    found = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found and os.access(found, os.X_OK):
        return found
    message = "Chromium is not installed (make test installs Debian's chromium as root or with sudo; or set CHROMIUM_PATH)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def axe_path() -> Path:
    path = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        message = "axe-core is not installed (make test runs npm ci in tests/browser)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


class _Handler(SimpleHTTPRequestHandler):
    """Static files with gzip and a day of caching, as a production host would serve them."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=86400")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in _COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return Body(body)
        return super().send_head()


class Body:
    """A response body from bytes (what send_head returns for copyfile)."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(directory: Path, handler=None):
    """Serve a directory on 127.0.0.1 at a free port (with `handler`, a SimpleHTTPRequestHandler
    of the caller's, else this module's); returns (base URL, stop function)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler or _Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}", stop
