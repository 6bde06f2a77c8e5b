"""A content-addressed cache of the build's expensive per-page results, in `.cache/cchc/`.

Where a build's time goes (bench/PROFILE-cache.md): per page, Markdown → HTML, the theme's
template, the share card (a PNG drawn with Pillow), the link check's reading of the page and
the sanitizer. Each is a function of inputs that can be named, so its result is
stored under the hash of those inputs:

- pure functions of their arguments (`memo`): the share card (site name, title), the
  sanitized body (the rendered HTML), a page's ids and links (the page's HTML); the
  Content-Security-Policy is not kept (it reads only the theme's text around the content,
  cheaper than a copy of every page in the cache);
- a page's Markdown → HTML (`Renders` in plugin.py): its final Markdown (after the
  generator put the header and footer around it), its address, and the site-wide salt;
  the other pages its links reached and the images it sized are stored with the result
  and checked on every hit (a page that moved or a photo that changed is a miss);
- a page's HTML from the theme: everything of the page the templates read (body, table
  of contents, title, front matter, dates, share preview, neighbours) and the salt.
- after the build, each text file's gzip and brotli copies, under the hash of its bytes
  (precompress.py, with a salt of its own: the compressors' versions).

The salt (`salt()`) holds what every page depends on: the generator's own code and
templates, the versions of MkDocs, Material, Python-Markdown and its extensions,
mkdocs.yml, the theme overrides, and the navigation. A change to any of them starts a
fresh cache. The build date is not in it: pages that show it carry it in their Markdown.

Entries live in one SQLite database (`.cache/cchc/cache.sqlite`, write-ahead log): a
build's new entries are written in a few large transactions, not one file each (with a file
per entry, the mkdir, temporary file, write and rename of 8,000 entries cost a 1,000-article
build ~9 s profiled, against ~3.4 s now: bench/PROFILE-store.md). A transaction is all or nothing, so a build never reads
half an entry, and two builds on one cache only take turns to write (two builds writing one
key write the same bytes). A cache that is busy for long, damaged or unreadable is a cache
that misses: the build goes on without it, never stops. The cache is bounded
(`CCHC_CACHE_MB`; by default 512 MiB or twice what the build itself used, whichever is
larger, so a large portal's cache is never trimmed below one build): after a build, the
entries used least recently are removed (each entry's `used` stamp is renewed when a build
reads it). Set `CCHC_CACHE=0` to
build without it. Values that shrink are stored compressed (`_dumps`); `CCHC_CACHE_COMPRESS=0`
stores new ones as they are, for a cache that is compressed whole (the publishing workflow's).
On CI the cache is restored from the last run (.github/workflows/publish.yml): it may come
from another day, commit or generator, which the keys and the salt tell apart.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import shutil
import sqlite3
import sys
import time
import weakref
import zlib
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable

DIRECTORY = Path(".cache") / "cchc"
DATABASE = "cache.sqlite"
DEFAULT_MB = 512
ENV_SWITCH = "CCHC_CACHE"
ENV_SIZE = "CCHC_CACHE_MB"
ENV_COMPRESS = "CCHC_CACHE_COMPRESS"
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe", "nh3", "pillow", "fontpkg-noto-sans")
_MISSING = object()


def enabled() -> bool:
    return _switched_on(ENV_SWITCH)


def compressing() -> bool:
    """Whether new values are stored compressed (`CCHC_CACHE_COMPRESS=0`: as they are, for a
    cache that is itself compressed whole, like the publishing workflow's: see `_dumps`)."""
    return _switched_on(ENV_COMPRESS)


def _switched_on(variable: str) -> bool:
    return os.environ.get(variable, "1").strip().lower() not in ("0", "no", "off", "false")


def digest(*parts: Any) -> str:
    """A hex SHA-256 of the parts (str, bytes, or anything with a stable repr)."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else (part if isinstance(part, str) else repr(part)).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _files_digest(paths: Iterable[Path], base: Path | None = None) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path.relative_to(base) if base else path.name).encode("utf-8"))
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def code_digest() -> str:
    """The generator's own code, templates, messages and data (search_words.yml): any change starts a fresh cache."""
    package = Path(__file__).resolve().parent
    files = [p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".po", ".html", ".css", ".js", ".yml")]
    return _files_digest(files, package)


def versions() -> str:
    """The interpreter's and the libraries' versions: Python-Markdown and the link check parse
    HTML with the standard library's html.parser, whose behaviour changes between Python
    releases (even patch releases); gzip's header has changed between releases too (precompress.py)."""
    found = [f"python={sys.implementation.name}-{sys.version}"]
    for name in _PACKAGES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ";".join(found)


def salt(config_file: Path, theme_dirs: Iterable[Path], *extra: Any) -> str:
    """What every cached page depends on (see the module's docstring)."""
    theme = [p for d in theme_dirs if d.is_dir() for p in d.rglob("*") if p.is_file()]
    return digest(code_digest(), versions(), Path(config_file).read_bytes(), _files_digest(theme), *extra)


_SCHEMA = (
    # The values, and apart from them what the trimming reads and what every hit renews
    # (a small row: renewing the stamp does not rewrite the value).
    "CREATE TABLE IF NOT EXISTS value (key BLOB PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS used (key BLOB PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT NULL,"
    " stamp INTEGER NOT NULL) WITHOUT ROWID",
)
_BATCH = 8 * 1024 * 1024  # new entries kept in memory up to this many bytes, then written in one transaction
_WAIT_MS = 5000  # how long a write waits for another build's (a transaction takes milliseconds)
_OPEN: "weakref.WeakSet[Cache]" = weakref.WeakSet()


class Cache:
    """Entries in `directory/cache.sqlite`, under the hash of (salt, kind, key); values are
    pickled, and compressed when they shrink (`_dumps`)."""

    def __init__(self, directory: Path, salt: str = "", limit_mb: int | None = None):
        self.directory = Path(directory)
        self.salt = salt
        chosen = limit_mb if limit_mb is not None else os.environ.get(ENV_SIZE, "").strip() or None
        # Without a limit chosen, at least this build's own entries are always kept: a large
        # portal's (~80 KB an article) would otherwise be trimmed away after every build.
        self.grows = chosen is None
        self.limit = int(chosen if chosen is not None else DEFAULT_MB) * 1024 * 1024
        self._opened = time.time_ns()  # entries used since: this build's
        self.compress = compressing()
        self.hits = self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._broken = False  # the database could not be used: every get misses, nothing is kept
        self._pending: dict[bytes, tuple[str, bytes, int]] = {}  # written at the next flush
        self._pending_size = 0
        self._touched: dict[bytes, int] = {}  # entries read: their `used` stamp renewed at the next flush
        _OPEN.add(self)

    # -- the database ---------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self._db = _connect(self.directory / DATABASE)
            except sqlite3.DatabaseError as err:
                if not _damaged(err):
                    return self._give_up()
                _remove(self.directory / DATABASE)  # a damaged cache holds nothing worth keeping: start afresh
                try:
                    self._db = _connect(self.directory / DATABASE)
                except (sqlite3.Error, OSError):
                    return self._give_up()
            except OSError:
                return self._give_up()
        return self._db

    def _give_up(self) -> None:
        self._broken = True
        self._pending.clear()
        self._touched.clear()
        self._pending_size = 0
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        return None

    def _key(self, kind: str, key: str) -> bytes:
        return bytes.fromhex(digest(self.salt, kind, key))

    def get(self, kind: str, key: str, default: Any = None) -> Any:
        name = self._key(kind, key)
        pending = self._pending.get(name)
        data = pending[1] if pending is not None else self._read(name)
        try:
            value = _loads(data) if data is not None else _MISSING
        except Exception:  # a value this code cannot read (damaged, or of another version): a miss
            value = _MISSING
        if value is _MISSING:
            self.misses += 1
            return default
        self.hits += 1
        if pending is None:
            self._touched[name] = time.time_ns()  # recently used: kept when the cache is trimmed
        return value

    def _read(self, name: bytes) -> bytes | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM value WHERE key = ?", (name,)).fetchone()
        except sqlite3.DatabaseError as err:
            if not isinstance(err, sqlite3.OperationalError) or _damaged(err):
                self._give_up()
            return None  # busy: a miss this time
        return None if row is None else row[0]

    def put(self, kind: str, key: str, value: Any) -> None:
        if self._broken:
            return
        try:
            data = _dumps(kind, value, self.compress)  # now: the value as it is now
        except Exception:  # pragma: no cover - a value that cannot be pickled is simply not kept
            return
        name = self._key(kind, key)
        old = self._pending.get(name)
        self._pending_size += len(data) - (len(old[1]) if old else 0)
        self._pending[name] = (kind, data, time.time_ns())
        self._touched.pop(name, None)
        if self._pending_size >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the new entries and the renewed stamps, in one transaction."""
        if not self._pending and not self._touched:
            return
        db = self._connection()
        if db is None:
            return
        pending, touched = self._pending, self._touched
        self._pending, self._touched, self._pending_size = {}, {}, 0
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT OR REPLACE INTO value (key, data) VALUES (?, ?)",
                               ((name, data) for name, (_kind, data, _stamp) in pending.items()))
                db.executemany("INSERT OR REPLACE INTO used (key, kind, size, stamp) VALUES (?, ?, ?, ?)",
                               ((name, kind, len(data), stamp) for name, (kind, data, stamp) in pending.items()))
                db.executemany("UPDATE used SET stamp = ? WHERE key = ?", ((stamp, name) for name, stamp in touched.items()))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as err:
            if not isinstance(err, sqlite3.OperationalError) or _damaged(err):
                self._give_up()
            # busy for long (another process holds the cache), or a full disk: this batch is not kept

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover
                pass
            self._db = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # pragma: no cover - at interpreter exit
            pass

    def memo(self, kind: str, function: Callable[..., Any], *args: Any) -> Any:
        """function(*args), from the cache when these arguments were seen before."""
        key = digest(*args)
        value = self.get(kind, key, _MISSING)
        if value is _MISSING:
            value = function(*args)
            self.put(kind, key, value)
        return value

    def trim(self) -> int:
        """Write what is pending, then remove the least recently used entries until the cache
        fits its limit; the number removed."""
        self.flush()
        _remove_file_layout(self.directory)
        db = self._connection()
        if db is None:
            return 0
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (key BLOB PRIMARY KEY)")
                db.execute("DELETE FROM doomed")
                limit = self.limit
                if self.grows:  # room for this build's entries twice over (the next build's changes)
                    own = db.execute("SELECT COALESCE(SUM(size), 0) FROM used WHERE stamp >= ?", (self._opened,)).fetchone()[0]
                    limit = max(limit, 2 * own)
                db.execute("INSERT INTO doomed SELECT key FROM (SELECT key, SUM(size) OVER"
                           " (ORDER BY stamp DESC, key DESC ROWS UNBOUNDED PRECEDING) AS kept FROM used) WHERE kept > ?",
                           (limit,))
                removed = db.execute("DELETE FROM used WHERE key IN doomed").rowcount
                db.execute("DELETE FROM value WHERE key IN doomed")
                db.execute("DELETE FROM doomed")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            if removed:
                db.execute("PRAGMA incremental_vacuum")  # the file shrinks with what it holds
            return removed
        except sqlite3.DatabaseError as err:
            if not isinstance(err, sqlite3.OperationalError) or _damaged(err):
                self._give_up()
            return 0

    def entries(self) -> list[tuple[str, str, int]]:
        """(kind, hashed key, size) of every entry kept, all salts (for tests and the benchmark)."""
        self.flush()
        db = self._connection()
        try:
            return sorted((kind, key.hex(), size) for kind, key, size in db.execute("SELECT kind, key, size FROM used")) if db is not None else []
        except sqlite3.DatabaseError:
            return []


# How a value is stored: its pickle (protocol 2 and later start with the PROTO opcode, 0x80),
# as it is, or after one flag byte, compressed with zlib at a low level. Pages' HTML, tables
# of contents and link lists shrink to 27-43% for about 1% of a cold build's CPU, and the
# whole cache by a third (bench/PROFILE-cachezip.md); what is compressed already (photos,
# share cards' PNG, the site's gzip and brotli copies) is stored as it is, so is a value that
# would not shrink. Entries stored either way, and before values were compressed, read alike.
# A cache that is compressed whole with a long window (actions/cache: zstd --long=30) is
# smaller from values stored as they are: an article's text is in several entries (its
# Markdown's HTML, the sanitized body, the themed page), a repeat that zstd finds across
# entries and no longer can once each is compressed on its own.
_PLAIN, _ZLIB = b"\x80", b"z"
ZLIB_LEVEL = 1  # level 6 makes HTML 12% smaller than level 1, for twice the CPU
_COMPRESSED_ALREADY = frozenset({"photo", "share", "compressed"})  # the last: precompress.KIND
_SMALL = 256  # below this a value is not worth a compressor's call
_SHRINKS = 0.9  # stored compressed only when it is at least 10% smaller


def _dumps(kind: str, value: Any, compress: bool = True) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if not compress or kind in _COMPRESSED_ALREADY or len(data) < _SMALL:
        return data
    packed = zlib.compress(data, ZLIB_LEVEL)
    return _ZLIB + packed if len(packed) < len(data) * _SHRINKS else data


def _loads(data: bytes) -> Any:
    """A stored value; raises on anything not stored by `_dumps` (a damaged entry)."""
    flag = data[:1]
    if flag == _ZLIB:
        return pickle.loads(zlib.decompress(data[1:]))
    if flag == _PLAIN:
        return pickle.loads(data)
    raise ValueError("not a cached value")


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=_WAIT_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        if db.execute("PRAGMA page_count").fetchone()[0] == 0:  # a new file (on another, setting this would write)
            db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("no write-ahead log")  # pragma: no cover
        db.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may lose the last transactions, never consistency
        db.execute("PRAGMA journal_size_limit = 33554432")
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute("SELECT count(*) FROM used WHERE 0").fetchone()  # reads the schema: a damaged file fails here
    except BaseException:
        db.close()
        raise
    return db


def _damaged(err: sqlite3.DatabaseError) -> bool:
    """Not a database, or a damaged one (not: busy, locked, full, read-only)."""
    code = getattr(err, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) if code is not None else type(err) is sqlite3.DatabaseError


def _remove(database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{database}{suffix}")
        except OSError:
            pass


def _remove_file_layout(directory: Path) -> None:
    """Folders of the earlier cache (a pickle file per entry, `<kind>/<2 hex>/<key>`): removed once."""
    try:
        children = [c for c in directory.iterdir() if c.is_dir() and c.name != "jinja"]
    except OSError:
        return
    for child in children:
        try:
            if all(len(g.name) == 2 and g.is_dir() for g in child.iterdir()):
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            pass


@atexit.register
def _flush_all() -> None:
    for cache in list(_OPEN):
        try:
            cache.flush()
        except Exception:  # pragma: no cover
            pass


class Null(Cache):
    """No cache: every call computes (CCHC_CACHE=0, or no place to keep one)."""

    def __init__(self):
        super().__init__(Path(os.devnull), limit_mb=0)
        self._broken = True

    def get(self, kind, key, default=None):
        self.misses += 1
        return default

    def put(self, kind, key, value):
        pass

    def memo(self, kind, function, *args):
        self.misses += 1  # no key to make: hashing the arguments (whole pages) would be thrown away
        return function(*args)

    def trim(self) -> int:
        return 0


def open_cache(root: Path, salt: str) -> Cache:
    """The project's cache (or a Null one when switched off)."""
    return Cache(Path(root) / DIRECTORY, salt) if enabled() else Null()
