"""Generator tests (tiny portal): the build writes .gz and .br copies of its text files, last,
deterministically, for hosts that serve precompressed files (README: serving the portal)."""
from __future__ import annotations

import gzip
import random

import brotli

from generator import precompress

from .conftest import build
from .test_inventory import portal


def test_every_text_file_has_its_gzip_and_brotli_copy_and_nothing_else_does(tmp_path):
    site = build(portal(tmp_path, {}))
    files = [p for p in site.root.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")]
    text = [p for p in files if p.suffix in precompress.SUFFIXES and p.stat().st_size >= precompress.MIN_SIZE]
    assert {p.relative_to(site.root).as_posix() for p in text} >= {
        "index.html", "404.html", "sitemap.xml", "tin-tuc/feed.xml", "assets/javascripts/cchc.js", "assets/stylesheets/cchc.css",
    }
    for path in text:
        data = path.read_bytes()
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == data, path
        assert packed[3] == 0 and packed[4:8] == bytes(4), path  # no file name, no time: the same bytes every build
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
    others = [p for p in files if p not in text]
    assert [p for p in others if p.suffix == ".png"]  # the share cards: a compressed format
    assert not [p for p in others if p.with_name(p.name + ".gz").exists() or p.with_name(p.name + ".br").exists()]
    # Pagefind's index is compressed by Pagefind: no second copy of it.
    assert not list((site.root / "pagefind").rglob("*.pf_*.gz"))


def test_a_copy_that_would_not_be_smaller_is_not_written_and_a_stale_one_is_removed(tmp_path):
    noise = random.Random(1).randbytes(4000)  # incompressible
    (tmp_path / "a.js").write_bytes(noise)
    (tmp_path / "a.js.gz").write_bytes(b"stale")
    (tmp_path / "b.css").write_text("body { color: black; }\n" * 40, encoding="utf-8")
    (tmp_path / "tiny.css").write_text("a{}", encoding="utf-8")
    assert precompress.write_all(tmp_path) == 2
    assert not (tmp_path / "a.js.gz").exists() and not (tmp_path / "a.js.br").exists()
    assert (tmp_path / "b.css.gz").is_file() and (tmp_path / "b.css.br").is_file()
    assert not (tmp_path / "tiny.css.gz").exists()
    first = (tmp_path / "b.css.br").read_bytes(), (tmp_path / "b.css.gz").read_bytes()
    precompress.write_all(tmp_path)
    assert ((tmp_path / "b.css.br").read_bytes(), (tmp_path / "b.css.gz").read_bytes()) == first
