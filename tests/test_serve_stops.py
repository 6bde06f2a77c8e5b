"""`cchc serve` runs MkDocs in a child process. Stopping cchc stops the preview: an editor or
supervisor's SIGTERM is passed on (MkDocs left behind would hold the port, and the officer's
next `make serve` would fail), and Ctrl-C ends both without a traceback."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from .conftest import BUILD_DATE
from .test_inventory import ARTICLE, portal
from .test_problem_page import MOUNT, free_port, wait_for

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")


def answers(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def serving(tmp_path) -> tuple[subprocess.Popen, int]:
    root = portal(tmp_path, {"content/tin-tuc/bai-moi.md": ARTICLE.format(title="Bài mới", extra="")})
    port = free_port()
    env = {**os.environ, "CCHC_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}{MOUNT}", lambda status, body: status == 200)
    return process, port


def stopped(process: subprocess.Popen, port: int) -> tuple[int, str]:
    """cchc's exit code and what it wrote to stderr, once the port is free (or fail)."""
    try:
        _, err = process.communicate(timeout=30)
        deadline = time.monotonic() + 10
        while answers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not answers(port), "MkDocs still serves after cchc stopped"
        return process.returncode, err
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the group (nothing, when it passes)
        except ProcessLookupError:
            pass


def test_terminating_cchc_serve_stops_mkdocs_and_frees_the_port(tmp_path):
    process, port = serving(tmp_path)
    process.terminate()  # to cchc only, as a supervisor does
    code, err = stopped(process, port)
    assert "Traceback" not in err


def test_ctrl_c_stops_the_preview_without_a_traceback(tmp_path):
    process, port = serving(tmp_path)
    os.killpg(process.pid, signal.SIGINT)  # the terminal sends Ctrl-C to the whole foreground group
    code, err = stopped(process, port)
    assert code == 130
    assert "Traceback" not in err
