"""Generator tests: `cchc serve` tells the truth. While the content has errors the browser
gets a page listing each problem (file:line:col, field, message, hint) at every address,
not a request that never ends nor the last good page; once the file is fixed the preview
shows the site again. A tiny portal is served on a free port by a real `cchc serve`."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from generator import problem_page
from generator.errors import Location, Problem

from .conftest import BUILD_DATE, ROOT
from .test_inventory import ARTICLE, portal

BROKEN = ARTICLE.format(title="Bài mới", extra="").replace("areas: [the_che]", 'areas: [the_chee]').replace("summary: Tóm tắt", 'summary: "<<ĐIỀN: tóm tắt>>"')
FIXED = ARTICLE.format(title="Bài mới", extra="")
MOUNT = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path  # /cchc/


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(url: str, accept, seconds: float = 90) -> tuple[int, str]:
    """GET `url` until `accept(status, body)`; fail after `seconds`."""
    deadline, last = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        try:
            last = get(url)
            if accept(*last):
                return last
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} never answered as expected; last answer: {last and last[0]}")


@pytest.fixture
def served(tmp_path):
    root = portal(tmp_path, {"content/tin-tuc/bai-moi.md": BROKEN})
    port = free_port()
    env = {**os.environ, "CCHC_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield root, f"http://127.0.0.1:{port}{MOUNT}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()


def listed(body: str) -> list[tuple[str, str, str, str]]:
    soup = BeautifulSoup(body, "html.parser")
    rows = []
    for item in soup.select("li.cchc-problem"):
        text = lambda css: item.select_one(css).get_text() if item.select_one(css) else ""  # noqa: E731
        rows.append((text(".cchc-where"), text(".cchc-field"), text(".cchc-message"), text(".cchc-hint")))
    return rows


def test_serve_lists_the_problems_at_every_address_and_recovers_when_fixed(served):
    root, base = served
    expected = [
        ("content/tin-tuc/bai-moi.md:4:11", "summary", 'not filled in yet: "tóm tắt"', "replace the whole <<ĐIỀN: …>> with the real value"),
        ("content/tin-tuc/bai-moi.md:5:9", "areas[1]", 'unknown value "the_chee"', 'did you mean "the_che"?'),
    ]
    status, home = wait_for(base, lambda status, body: status == 200)
    assert listed(home) == expected
    assert BeautifulSoup(home, "html.parser").h1.get_text() == "The content has errors: the preview cannot be shown"
    status, page = get(base + "tin-tuc/2026/03/bai-moi/")  # where the officer was: the same list, at once
    assert status == 404 and listed(page) == expected
    script = BeautifulSoup(page, "html.parser").find("script")["src"]
    assert script == MOUNT + problem_page.SCRIPT and "/livereload/" in get(f"{base}{problem_page.SCRIPT}")[1]

    (root / "content/tin-tuc/bai-moi.md").write_text(FIXED, encoding="utf-8")
    status, page = wait_for(base + "tin-tuc/2026/03/bai-moi/", lambda status, body: status == 200)
    assert "Bài mới" in BeautifulSoup(page, "html.parser").title.get_text() and not listed(page)


def test_the_error_page_escapes_what_it_shows_and_speaks_vietnamese(monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "vi")
    problem = Problem(Location("content/a.md", 3, 7), "title", "<script>x</script>", "")
    html = problem_page.page([problem], "/cchc/")
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text() == "Nội dung đang có lỗi: chưa xem trước được trang"
    assert soup.find("script")["src"] == "/cchc/" + problem_page.SCRIPT
    assert listed(html) == [("content/a.md:3:7", "title", "<script>x</script>", "")]
