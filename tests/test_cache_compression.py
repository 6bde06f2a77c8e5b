"""Generator tests: the build cache's values compressed (generator/cache.py, `_dumps`): a
value that shrinks is stored with a flag byte and zlib, one compressed already or that would
not shrink is stored as its pickle; entries of either kind (and those stored before values
were compressed, or with CCHC_CACHE_COMPRESS=0) read alike; a damaged entry is a miss, and a
build from a cache of damaged entries is the clean build. Also: a cache made by another
Python or another generator is another cache (its salt)."""
from __future__ import annotations

import pickle
import random
import sqlite3
import sys
import zlib
from pathlib import Path

from generator import cache as store
from generator import precompress
from generator.cache import Cache

from .conftest import run_cchc
from .test_build_cache import tree
from .test_cache_store import cleanly_built

HTML = "".join(f'<li><a href="/tin-tuc/2026/{k:02d}/bai-{k}/">Bài viết số {k} về thủ tục hành chính</a></li>\n' for k in range(200))


def stored(directory: Path) -> dict[str, bytes]:
    """kind -> the bytes stored for the cache's one entry of that kind."""
    with sqlite3.connect(directory / store.DATABASE) as db:
        return {kind: bytes(data) for kind, data in db.execute("SELECT u.kind, v.data FROM used u JOIN value v ON u.key = v.key")}


def test_text_is_stored_compressed_with_its_flag_and_compressed_media_as_it_is(tmp_path, monkeypatch):
    monkeypatch.delenv(store.ENV_COMPRESS, raising=False)
    noise = random.Random(1).randbytes(50_000)  # a photo's bytes: nothing for zlib to find
    cache = Cache(tmp_path, salt="s")
    cache.put("page", "html", HTML)
    cache.put("photo", "jpeg", noise)
    cache.put("clean", "noise", noise)  # a kind that compresses, a value that does not
    cache.put("links", "small", ("a", "b"))  # too small to be worth it
    cache.close()
    data = stored(tmp_path)
    plain = pickle.dumps(HTML, protocol=pickle.HIGHEST_PROTOCOL)
    assert data["page"][:1] == b"z" and pickle.loads(zlib.decompress(data["page"][1:])) == HTML
    assert len(data["page"]) < len(plain) / 4
    assert data["photo"] == pickle.dumps(noise, protocol=pickle.HIGHEST_PROTOCOL)
    assert data["clean"][:1] == b"\x80" and data["links"][:1] == b"\x80"
    sizes = {kind: size for kind, _key, size in Cache(tmp_path, salt="s").entries()}
    assert sizes == {kind: len(value) for kind, value in data.items()}  # the trim counts the bytes on disk
    again = Cache(tmp_path, salt="s")
    assert (again.get("page", "html"), again.get("photo", "jpeg"), again.get("clean", "noise"), again.get("links", "small")) == (
        HTML, noise, noise, ("a", "b"))
    assert (again.hits, again.misses) == (4, 0)


def test_entries_stored_as_they_are_read_like_compressed_ones(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_COMPRESS, "0")
    plain = Cache(tmp_path, salt="s")
    plain.put("page", "a", HTML)
    assert plain.get("page", "a") == HTML  # from the entries not written yet
    plain.close()
    assert stored(tmp_path)["page"] == pickle.dumps(HTML, protocol=pickle.HIGHEST_PROTOCOL)  # as the earlier caches stored it
    monkeypatch.setenv(store.ENV_COMPRESS, "1")
    both = Cache(tmp_path, salt="s")
    assert both.get("page", "a") == HTML
    both.put("page", "b", HTML + "!")
    both.close()
    monkeypatch.setenv(store.ENV_COMPRESS, "0")
    assert Cache(tmp_path, salt="s").get("page", "b") == HTML + "!"  # the switch decides what is written, never what is read


def test_a_damaged_entry_is_a_miss_and_memo_makes_it_again(tmp_path, monkeypatch):
    monkeypatch.delenv(store.ENV_COMPRESS, raising=False)
    names = ("truncated", "flipped", "flag", "inside", "empty")
    made = []
    make = lambda name: made.append(name) or HTML + name  # noqa: E731
    cache = Cache(tmp_path, salt="s")
    assert [cache.memo("page", make, n) for n in names] == [HTML + n for n in names]
    cache.close()
    with sqlite3.connect(tmp_path / store.DATABASE) as db:
        rows = [(key, bytes(data)) for key, data in db.execute("SELECT key, data FROM value ORDER BY key")]
        assert all(data[:1] == b"z" for _key, data in rows)
        for (key, data), bad in zip(rows, [
            lambda d: d[: len(d) // 2],  # a half-written value
            lambda d: d[:40] + bytes([d[40] ^ 0xFF]) + d[41:],  # one byte changed: zlib's checksum fails
            lambda d: b"?" + d[1:],  # a flag this code does not know
            lambda d: b"z" + zlib.compress(b"\x80\x05not a pickle at all"),  # compressed right, nothing to unpickle
            lambda d: b"",
        ]):
            db.execute("UPDATE value SET data = ? WHERE key = ?", (bad(data), key))
    made.clear()
    again = Cache(tmp_path, salt="s")
    assert [again.memo("page", make, n) for n in names] == [HTML + n for n in names]  # made again, no error
    assert (again.hits, again.misses) == (0, 5) and sorted(made) == sorted(names)
    again.close()
    assert [Cache(tmp_path, salt="s").memo("page", make, n) for n in names] == [HTML + n for n in names]
    assert len(made) == 5  # the entries made again replaced the damaged ones


def test_a_build_from_a_cache_of_damaged_compressed_entries_is_the_clean_build(tmp_path, monkeypatch):
    project, clean = cleanly_built(tmp_path, monkeypatch)
    monkeypatch.delenv(store.ENV_COMPRESS, raising=False)
    assert run_cchc(project, "build").returncode == 0
    database = project / store.DIRECTORY / store.DATABASE
    with sqlite3.connect(database) as db:
        compressed = [(key, bytes(data)) for key, data in db.execute("SELECT key, data FROM value WHERE substr(data, 1, 1) = x'7a'")]
        kinds = {kind for (kind,) in db.execute("SELECT kind FROM used WHERE key IN (SELECT key FROM value WHERE substr(data, 1, 1) = x'7a')")}
        assert kinds >= {"page", "render", "clean"}
        for key, data in compressed:  # each compressed value cut short, as a copy broken off midway would leave it
            db.execute("UPDATE value SET data = ? WHERE key = ?", (data[: len(data) * 2 // 3], key))
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == clean


def test_a_cache_from_another_python_or_generator_is_another_cache(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    salt, copies = store.salt(config, []), precompress.salt()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert store.salt(config, []) != salt  # Python-Markdown and the link check parse with html.parser
    assert precompress.salt() != copies  # gzip's header is Python's
    monkeypatch.undo()
    assert (store.salt(config, []), precompress.salt()) == (salt, copies)
    monkeypatch.setattr(store, "code_digest", lambda: "another generator")
    assert precompress.salt() != copies  # precompress.py itself is the generator's code
