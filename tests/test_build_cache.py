"""The build cache (generator/cache.py, generator/pagecache.py): a build that takes pages
from the cache is byte-identical to a clean build, before and after an article changes,
and on another build date."""
from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from generator.cache import Cache, digest

from .conftest import run_cchc
from .test_generate import FILES
from .test_inventory import portal


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def built(project: Path, monkeypatch, cached: bool, build_date: str = "2026-11-22") -> dict[str, bytes]:
    monkeypatch.setenv("CCHC_CACHE", "1" if cached else "0")
    result = run_cchc(project, "build", build_date=build_date)
    assert result.returncode == 0, result.stderr
    return tree(project / "site")


def entries(project: Path) -> list[tuple[str, str, int]]:
    return Cache(project / ".cache" / "cchc").entries()


def same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_a_cached_build_is_the_clean_build(tmp_path, monkeypatch):
    (tmp_path / "p").mkdir()
    project = portal(tmp_path / "p", FILES)
    clean = built(project, monkeypatch, cached=False)
    assert not (project / ".cache").exists()  # CCHC_CACHE=0: no cache at all
    first = built(project, monkeypatch, cached=True)
    filled = entries(project)
    assert {kind for kind, _key, _size in filled} >= {"render", "page", "clean", "share", "links"}
    second = built(project, monkeypatch, cached=True)
    assert entries(project) == filled  # every page came from the cache: nothing new was stored
    same(first, clean)
    same(second, clean)

    # One article changes: its page, its neighbours and the listings are made again.
    article = project / "content/tin-tuc/2026/hai.md"
    article.write_text(article.read_text(encoding="utf-8").replace("title: Bài hai", "title: Bài hai đã sửa").replace("Nội dung.", "Nội dung mới."), encoding="utf-8")
    rebuilt = built(project, monkeypatch, cached=True)
    assert set(entries(project)) > set(filled)
    shutil.rmtree(project / ".cache")
    changed_clean = built(project, monkeypatch, cached=False)
    same(rebuilt, changed_clean)
    assert b"B\xc3\xa0i hai \xc4\x91\xc3\xa3 s\xe1\xbb\xada" in rebuilt["tin-tuc/2026/04/hai/index.html"]  # "Bài hai đã sửa"

    # Another build date (the nightly build): still the clean build of that day.
    built(project, monkeypatch, cached=True)
    later = built(project, monkeypatch, cached=True, build_date="2026-12-31")  # the draft of 2026-12-30 is published
    assert "tin-tuc/2026/12/sau/index.html" in later
    shutil.rmtree(project / ".cache")
    same(later, built(project, monkeypatch, cached=False, build_date="2026-12-31"))


def test_the_cache_keeps_to_its_size_and_survives_damage(tmp_path):
    cache = Cache(tmp_path / "c", salt="s", limit_mb=1)
    value = random.Random(0).randbytes(300_000)  # bytes that do not compress: 300 kB stored
    for i in range(6):
        cache.put("page", str(i), value)
    assert cache.get("page", "5") == value
    assert cache.trim() == 3
    assert sum(size for _kind, _key, size in cache.entries()) <= 1024 * 1024
    assert cache.get("page", "5") is not None  # the newest are kept
    cache.close()
    with sqlite3.connect(tmp_path / "c" / "cache.sqlite") as db:  # one entry damaged
        db.execute("UPDATE value SET data = ? WHERE rowid = (SELECT min(rowid) FROM value)", (b"not a pickle",))
    assert [cache.get("page", str(i)) for i in range(6)].count(None) == 4  # a damaged entry is a miss, not an error
    assert Cache(tmp_path / "c", salt="other").get("page", "5") is None  # another salt: another cache
    assert digest("a", "bc") != digest("ab", "c")
