"""`cchc posters`: print the built site's A4 posters and leaflet to PDF with headless Chromium.

The site is served from a local address for the time of printing (127.0.0.1, nothing
leaves the machine): a page opened as a file:// address would not get its QR code image
and style sheets past the Content-Security-Policy ('self'). Each PDF is written beside
its page (site/thu-tuc/<slug>/ap-phich/ap-phich-<slug>.pdf, site/to-roi/to-roi.pdf), or
into one folder with --out. A poster that runs over one A4 sheet is reported.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import posters, urls

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-extensions", "--hide-scrollbars",
)
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page object, not the /Pages tree


@dataclass(frozen=True)
class Printed:
    url: str  # the poster's address on the site, "/to-roi/"
    pdf: Path
    pages: int


def find_chromium() -> str | None:
    """$CHROMIUM_PATH, else Chromium (or Chrome) on the PATH."""
    found = os.environ.get("CHROMIUM_PATH") or next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)
    return found if found and os.access(found, os.X_OK) else None


def printable_pages(site_dir: Path) -> list[str]:
    """The URLs of the built site's posters and leaflet, in a stable order."""
    found = []
    for page in site_dir.rglob("index.html"):
        url = "/" + page.parent.relative_to(site_dir).as_posix() + "/"
        if posters.is_printable(url):
            found.append(url)
    return sorted(found)


def pdf_name(url: str) -> str:
    """ap-phich-dang-ky-khai-sinh.pdf, ap-phich-duong-day-nong.pdf, to-roi.pdf: unique in one folder."""
    if url == urls.LEAFLET:
        return "to-roi.pdf"
    return "ap-phich-" + url.rstrip("/").split("/")[-2] + ".pdf"


def count_pages(pdf: bytes) -> int:
    """Chromium writes each page as its own uncompressed `/Type /Page` object."""
    return len(_PAGE.findall(pdf))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass


@contextmanager
def served(site_dir: Path):
    """The site at http://127.0.0.1:<free port>/ while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def print_pdf(chromium: str, address: str, pdf: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="cchc-chromium-") as profile:  # no state shared between runs
        subprocess.run(
            [chromium, *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", address],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
        )


def print_all(site_dir: Path, chromium: str, out: Path | None = None) -> list[Printed]:
    """Print every poster of the built site in `site_dir` to PDF; returns what was printed."""
    printed = []
    with served(site_dir) as base:
        for url in printable_pages(site_dir):
            folder = out if out else site_dir / url.strip("/")
            folder.mkdir(parents=True, exist_ok=True)
            pdf = folder / pdf_name(url)
            print_pdf(chromium, base + url, pdf)
            printed.append(Printed(url, pdf, count_pages(pdf.read_bytes())))
    return printed
