"""A static host for the browser tests that serves the build's precompressed copies the way
generator/deploy/nginx.conf does: `.br` or `.gz` as the browser accepts, `Vary: Accept-Encoding`, a
year's caching for the fingerprinted theme assets and Pagefind chunks, ten minutes for the
rest, the 404 page for a missing address. (tests/test_serving.py tests the nginx file itself.)"""
from __future__ import annotations

import re
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from .browser_support import Body, serve

# The same pattern as the `location ~` of generator/deploy/nginx.conf.
FINGERPRINTED = re.compile(r"^/(assets/(stylesheets|javascripts)/.+\.[0-9a-f]{8}\.min\.(css|js)|pagefind/.+\.pf_[a-z]+)$")
LONG, SHORT = "public, max-age=31536000, immutable", "public, max-age=600"


def cache_control(path: str) -> str:
    return LONG if FINGERPRINTED.match(path) else SHORT


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        url = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(url))
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        accepted = {e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")}
        body, encoding = path, None
        for name, suffix in (("br", ".br"), ("gzip", ".gz")):
            copy = path.with_name(path.name + suffix)
            if name in accepted and copy.is_file():
                body, encoding = copy, name
                break
        data = body.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if path.with_name(path.name + ".gz").is_file():
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache_control(url))
        self.end_headers()
        return Body(data)


def serve_precompressed(directory: Path):
    """Serve `directory` on 127.0.0.1; returns (base URL, stop)."""
    return serve(directory, _Handler)
