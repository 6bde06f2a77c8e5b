"""The server configuration the README gives (generator/deploy/nginx.conf), run with Debian's nginx on a
tiny built portal: precompressed copies served as the browser accepts them, a year's caching
for fingerprinted assets, ten minutes for pages, the Vietnamese 404 page. Skipped without
nginx and its brotli module (make test installs them as root), failed under CI=true."""
from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from .conftest import ROOT, build
from .static_host import LONG, SHORT, cache_control
from .test_inventory import portal

BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")  # Debian's libnginx-mod-http-brotli-static


def nginx_path() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if found and BROTLI.is_file():
        return found
    message = "nginx with its brotli module is not installed (make test installs nginx-light and libnginx-mod-http-brotli-static as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    nginx = nginx_path()
    project = tmp_path_factory.mktemp("served")
    site = build(portal(project, {}))
    port = free_port()
    server = (ROOT / "generator" / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/cchc/site;", f"root {site.root};")
    run = project / "nginx"
    run.mkdir()
    (run / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"load_module {BROTLI};\npid {run}/nginx.pid;\nerror_log {run}/error.log;\n"
        + f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\nclient_body_temp_path {run};\n"
        + f"proxy_temp_path {run};\nfastcgi_temp_path {run};\nuwsgi_temp_path {run};\nscgi_temp_path {run};\n{server}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([nginx, "-p", str(run), "-c", str(run / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", site
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, encoding: str | None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def fingerprinted_css(site) -> str:
    return next(p for p in (site.root / "assets" / "stylesheets").glob("main.*.min.css")).relative_to(site.root).as_posix()


@pytest.mark.parametrize("accept, expected", [("br, gzip", "br"), ("gzip", "gzip"), (None, None)])
def test_pages_and_assets_are_sent_precompressed_as_the_browser_accepts(host, accept, expected):
    base, site = host
    for path in ("index.html", "thu-tuc/index.html", fingerprinted_css(site), "assets/javascripts/cchc.js"):
        status, headers, body = fetch(f"{base}/{path}", accept)
        original = (site.root / path).read_bytes()
        assert status == 200 and headers.get("Content-Encoding") == expected, path
        decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[expected](body)
        assert decoded == original, path
        assert "Accept-Encoding" in headers.get("Vary", ""), path


def test_fingerprinted_assets_are_kept_a_year_and_pages_ten_minutes(host):
    base, site = host
    css = fingerprinted_css(site)
    assert fetch(f"{base}/{css}", "gzip")[1]["Cache-Control"] == LONG == cache_control("/" + css)
    for path in ("/", "/thu-tuc/", "/assets/stylesheets/cchc.css", "/tin-tuc/feed.xml"):
        assert fetch(base + path, "gzip")[1]["Cache-Control"] == SHORT == cache_control(path), path


def test_a_missing_address_gets_the_vietnamese_404_page(host):
    base, _ = host
    status, headers, body = fetch(f"{base}/khong-co-trang-nay/", None)
    assert status == 404 and "Không tìm thấy trang" in body.decode("utf-8")
