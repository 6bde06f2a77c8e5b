"""The preview's partial rebuild (generator/preview.py): after a save, `cchc serve` makes
again only the pages whose input changed, and the site it serves is the site a full
preview build gives."""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import remember
from generator.kinds import common
from generator.preview import Changes

from .test_build_cache import tree
from .test_generate import FILES
from .test_inventory import portal

OLD = 1_000_000_000  # a time long ago, to see which files a rebuild writes


def serve_build(project: Path, out: Path, first: bool = False) -> None:
    """One build as `cchc serve` runs it (mkdocs serve --dirty), in this process: the plugin
    object lives on across builds, as it does in the server (started once)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def written(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.stat().st_mtime != OLD}


def test_a_save_makes_again_the_page_its_neighbours_and_listings_only(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_BUILD_DATE", "2026-11-22")
    monkeypatch.setenv("CCHC_CACHE", "0")
    monkeypatch.setattr(common, "REMEMBER", False)  # the preview turns it on; put back for the other tests
    monkeypatch.setattr(remember, "REMEMBER", False)
    (tmp_path / "p").mkdir()
    project = portal(tmp_path / "p", {**FILES, "content/tin-tuc/2026/ba.md": FILES["content/tin-tuc/2026/hai.md"].replace("Bài hai", "Bài ba").replace("2026-04-01", "2026-05-01")})
    out = tmp_path / "served"
    serve_build(project, out, first=True)
    for p in out.rglob("*"):
        os.utime(p, (OLD, OLD))
    article = project / "content/tin-tuc/2026/mot.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Nội dung.", "Nội dung đã sửa."), encoding="utf-8")
    serve_build(project, out)
    again = written(out)
    assert "tin-tuc/2026/03/mot/index.html" in again
    assert "tin-tuc/2026/05/ba/index.html" not in again  # not its neighbour, not changed
    assert "gioi-thieu/index.html" not in again and "ke-hoach/2026-xa-15/index.html" not in again
    assert "Nội dung đã sửa." in (out / "tin-tuc/2026/03/mot/index.html").read_text(encoding="utf-8")
    assert len(again) < len(list(out.rglob("*.html"))) / 2

    # The title changes: the neighbour's footer and the listings show it, and are made again.
    article.write_text(article.read_text(encoding="utf-8").replace("title: Bài một", "title: Bài một mới"), encoding="utf-8")
    for p in out.rglob("*"):
        os.utime(p, (OLD, OLD))
    serve_build(project, out)
    again = written(out)
    assert {"tin-tuc/2026/04/hai/index.html", "tin-tuc/index.html", "tin-tuc/2026/03/index.html", "tin-tuc/the/mot-cua/index.html"} <= again
    assert "tin-tuc/2026/05/ba/index.html" not in again

    # What is served is what a full preview build of the same content gives (search aside).
    fresh = tmp_path / "fresh"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(fresh))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    strip = lambda t: {k: v for k, v in t.items() if not k.startswith("pagefind/")}  # noqa: E731
    assert strip(tree(out)) == strip(tree(fresh))


class _File:
    def __init__(self, src, dest):
        self.src_uri, self.dest_uri = src, dest


def test_the_shape_of_the_site_changing_makes_every_page_again():
    changes = Changes()
    files = [_File("a.md", "a/index.html"), _File("b.md", "b/index.html"), _File("x.css", "x.css")]
    inputs = {"a.md": "1", "b.md": "2"}
    assert changes.mark(files, lambda f: inputs[f.src_uri], "shape") == ["a.md", "b.md"]  # the first build: all
    changes.built()
    inputs["b.md"] = "3"
    assert changes.mark(files, lambda f: inputs[f.src_uri], "shape") == ["b.md"] and changes.partial
    assert files[0].is_modified() is False and files[1].is_modified() is True
    # a build that did not end well: the next one is compared with the last good one
    assert changes.mark(files, lambda f: inputs[f.src_uri], "shape") == ["b.md"]
    changes.built()
    assert changes.mark(files, lambda f: inputs[f.src_uri], "other shape") == ["a.md", "b.md"] and not changes.partial
    changes.built()
    files.append(_File("c.md", "c/index.html"))
    inputs["c.md"] = "4"
    assert changes.mark(files, lambda f: inputs[f.src_uri], "other shape") == ["a.md", "b.md", "c.md"]  # a page more: all
    assert changes.mark(files, lambda f: inputs[f.src_uri], "other shape", always=["a.md"]) == ["a.md", "b.md", "c.md"]
