"""The build cache's store (generator/cache.py: one SQLite database): two processes on one
cache never read half an entry or another's damage; a busy, damaged or unreadable cache is a
cache that misses (the build goes on without it); the earlier one-file-per-entry layout is
removed; precompressed copies are taken from the cache by the bytes of their file."""
from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap
from pathlib import Path

import brotli

from generator import cache as store
from generator import precompress
from generator.cache import Cache

from .conftest import run_cchc
from .test_build_cache import tree
from .test_generate import FILES
from .test_inventory import portal

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator.cache import Cache
    directory, me, other = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    value = lambda who, i: (who, i, bytes([i % 251]) * (40_000 + i))
    cache = Cache(directory, salt="s")
    wrong = 0
    for i in range(400):
        cache.put("v", f"{me}{i}", value(me, i))
        if i % 50 == 49:
            cache.flush()
        seen = cache.get("v", f"{other}{i // 2}")
        wrong += seen is not None and seen != value(other, i // 2)
    cache.close()
    print(wrong)
""")


def test_two_processes_write_and_read_one_cache_at_once(tmp_path):
    runs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "c"), me, other], stdout=subprocess.PIPE, text=True)
            for me, other in (("a", "b"), ("b", "a"))]
    assert [run.communicate(timeout=300)[0].strip() for run in runs] == ["0", "0"]  # nothing half-read
    assert [run.returncode for run in runs] == [0, 0]
    cache = Cache(tmp_path / "c", salt="s")
    assert all(cache.get("v", f"{who}{i}") == (who, i, bytes([i % 251]) * (40_000 + i)) for who in "ab" for i in range(400))
    assert len(cache.entries()) == 800


def test_a_busy_cache_misses_and_keeps_nothing_instead_of_failing(tmp_path, monkeypatch):
    cache = Cache(tmp_path, salt="s")
    cache.put("v", "kept", 1)
    cache.flush()
    monkeypatch.setattr(store, "_WAIT_MS", 100)
    other = Cache(tmp_path, salt="s")
    holder = store._connect(tmp_path / store.DATABASE)
    holder.execute("BEGIN IMMEDIATE")  # another build writing, for longer than a write waits
    other.put("v", "new", 2)
    other.flush()  # not kept, and no error
    assert other.get("v", "kept") == 1  # reading goes on while another process writes
    assert other.trim() == 0
    holder.execute("ROLLBACK")
    holder.close()
    assert other.get("v", "new") is None
    other.put("v", "new", 2)
    other.close()
    assert Cache(tmp_path, salt="s").get("v", "new") == 2


def cleanly_built(tmp_path: Path, monkeypatch) -> tuple[Path, dict]:
    """A small portal and its site built without the cache; the cache is on afterwards."""
    (tmp_path / "p").mkdir()
    project = portal(tmp_path / "p", FILES)
    monkeypatch.setenv("CCHC_CACHE", "0")
    assert run_cchc(project, "build").returncode == 0
    clean = tree(project / "site")
    monkeypatch.setenv("CCHC_CACHE", "1")
    return project, clean


def test_a_damaged_cache_is_replaced_and_the_build_is_the_clean_build(tmp_path, monkeypatch):
    (tmp_path / "garbage").mkdir()
    (tmp_path / "garbage" / store.DATABASE).write_bytes(b"not a database " * 500)
    cache = Cache(tmp_path / "garbage", salt="s")
    assert cache.get("v", "k") is None and cache.misses == 1
    cache.put("v", "k", "value")
    cache.close()
    assert Cache(tmp_path / "garbage", salt="s").get("v", "k") == "value"  # a fresh cache in its place

    project, clean = cleanly_built(tmp_path, monkeypatch)
    database = project / store.DIRECTORY / store.DATABASE
    database.parent.mkdir(parents=True)
    database.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)  # a header, then garbage
    old = project / store.DIRECTORY / "render" / "ab"  # the earlier layout: a file per entry
    old.mkdir(parents=True)
    (old / ("ab" + "0" * 62)).write_bytes(b"old")
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == clean
    assert not (project / store.DIRECTORY / "render").exists()
    assert {kind for kind, _key, _size in Cache(project / store.DIRECTORY).entries()} >= {"render", "page", precompress.KIND}


def test_a_directory_the_cache_cannot_be_made_in_is_no_cache(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    cache = Cache(tmp_path / "file" / "cchc", salt="s")  # under a file: no folder can be made
    assert cache.memo("v", lambda x: x * 2, 21) == 42
    assert cache.memo("v", lambda x: x * 2, 21) == 42 and cache.hits == 0
    assert cache.trim() == 0


def test_precompressed_copies_come_from_the_cache_by_the_files_bytes(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    page = "<p>Thủ tục hành chính</p>\n" * 200
    (site / "a" / "index.html").write_text(page, encoding="utf-8")
    (site / "b.css").write_text("body { color: black; }\n" * 40, encoding="utf-8")
    cache = Cache(tmp_path / "c", salt=precompress.salt())
    assert precompress.write_all(site, cache) == 2
    assert cache.misses == 2 and cache.hits == 0
    first = tree(site)
    assert gzip.decompress(first["a/index.html.gz"]).decode() == page
    assert brotli.decompress(first["a/index.html.br"]).decode() == page

    calls, compress = [], precompress.packed
    monkeypatch.setattr(precompress, "packed", lambda *args: calls.append(args) or compress(*args))
    for copy in [p for p in site.rglob("*") if p.suffix in (".gz", ".br")]:
        copy.unlink()
    again = Cache(tmp_path / "c", salt=precompress.salt())
    assert precompress.write_all(site, again) == 2
    assert again.hits == 2 and calls == []  # nothing compressed again
    assert tree(site) == first  # the same bytes
    (site / "a" / "index.html").write_text(page + "<p>Mới</p>\n", encoding="utf-8")
    assert precompress.write_all(site, Cache(tmp_path / "c", salt=precompress.salt())) == 2
    assert len(calls) == 1  # only the changed page
    assert gzip.decompress((site / "a" / "index.html.gz").read_bytes()).decode() == page + "<p>Mới</p>\n"


def _entries_of(directory: Path, who: str) -> list[str]:
    return [key for key in ("old0", "old1", "old2", "new0", "new1") if Cache(directory, salt="s").get("v", key) is not None and key.startswith(who)]


def test_without_a_chosen_limit_a_build_keeps_its_own_entries_whatever_their_size(tmp_path, monkeypatch):
    monkeypatch.delenv(store.ENV_SIZE, raising=False)
    monkeypatch.setattr(store, "DEFAULT_MB", 0)  # a default smaller than any build
    earlier = Cache(tmp_path, salt="s")
    for i in range(3):
        earlier.put("v", f"old{i}", b"o" * 100_000)
    earlier.close()
    build = Cache(tmp_path, salt="s")
    for i in range(2):
        build.put("v", f"new{i}", b"n" * 100_000)
    build.trim()
    build.close()
    # this build's 200 kB are kept, with room for as much again: two of the earlier three
    assert _entries_of(tmp_path, "new") == ["new0", "new1"]
    assert len(_entries_of(tmp_path, "old")) == 2


def test_a_chosen_limit_is_kept_to(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_SIZE, "0")
    build = Cache(tmp_path, salt="s")
    for i in range(2):
        build.put("v", f"new{i}", b"n" * 100_000)
    build.trim()
    build.close()
    assert _entries_of(tmp_path, "new") == []
