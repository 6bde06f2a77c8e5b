"""A content-addressed cache of the build's expensive per-page results, in `.cache/cchc/`.

Where a build's time goes (bench/PROFILE-cache.md): per page, Markdown → HTML, the theme's
template, the share card (a PNG drawn with Pillow), the Content-Security-Policy (an HTML
parse) and the sanitizer. Each is a function of inputs that can be named, so its result is
stored under the hash of those inputs:

- pure functions of their arguments (`memo`): the share card (site name, title), the page
  with its policy (the page's HTML), the sanitized body (the rendered HTML);
- a page's Markdown → HTML (`Renders` in plugin.py): its final Markdown (after the
  generator put the header and footer around it), its address, and the site-wide salt;
  the other pages its links reached and the images it sized are stored with the result
  and checked on every hit (a page that moved or a photo that changed is a miss);
- a page's HTML from the theme: everything of the page the templates read (body, table
  of contents, title, front matter, dates, share preview, neighbours) and the salt.

The salt (`salt()`) holds what every page depends on: the generator's own code and
templates, the versions of MkDocs, Material, Python-Markdown and its extensions,
mkdocs.yml, the theme overrides, and the navigation. A change to any of them starts a
fresh cache. The build date is not in it: pages that show it carry it in their Markdown.

Entries are written to a temporary file and renamed into place, so concurrent builds
never read half an entry (two builds writing one key write the same bytes). The cache
is bounded (`CCHC_CACHE_MB`, 512 MiB by default): after a build, the entries used least
recently are removed. Set `CCHC_CACHE=0` to build without it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable

DIRECTORY = Path(".cache") / "cchc"
DEFAULT_MB = 512
ENV_SWITCH = "CCHC_CACHE"
ENV_SIZE = "CCHC_CACHE_MB"
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3", "pillow", "fontpkg-noto-sans")
_MISSING = object()


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "no", "off", "false")


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
    """The generator's own code, templates and messages: any change starts a fresh cache."""
    package = Path(__file__).resolve().parent
    files = [p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".po", ".html", ".css", ".js")]
    return _files_digest(files, package)


def versions() -> str:
    found = []
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


class Cache:
    """Files under `directory/<kind>/<2 hex>/<key>`; values are pickled."""

    def __init__(self, directory: Path, salt: str = "", limit_mb: int | None = None):
        self.directory = Path(directory)
        self.salt = salt
        limit = limit_mb if limit_mb is not None else int(os.environ.get(ENV_SIZE, DEFAULT_MB) or DEFAULT_MB)
        self.limit = limit * 1024 * 1024
        self.hits = self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        name = digest(self.salt, kind, key)
        return self.directory / kind / name[:2] / name

    def get(self, kind: str, key: str, default: Any = None) -> Any:
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
            value = pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
            self.misses += 1
            return default
        self.hits += 1
        try:
            os.utime(path)  # recently used: kept when the cache is trimmed
        except OSError:
            pass
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:  # a full or read-only disk: the build goes on without caching
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
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
        """Remove the least recently used entries until the cache fits its limit; the number removed."""
        entries = []
        total = 0
        now = time.time()
        for folder, _dirs, names in os.walk(self.directory):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if name.startswith(".tmp-") and now - st.st_mtime > 3600:  # left by a killed build
                    _unlink(path)
                    continue
                entries.append((st.st_mtime, st.st_size, path))
                total += st.st_size
        removed = 0
        for _mtime, size, path in sorted(entries):
            if total <= self.limit:
                break
            if _unlink(path):
                total -= size
                removed += 1
        return removed


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


class Null(Cache):
    """No cache: every call computes (CCHC_CACHE=0, or no place to keep one)."""

    def __init__(self):
        super().__init__(Path(os.devnull), limit_mb=0)

    def get(self, kind, key, default=None):
        self.misses += 1
        return default

    def put(self, kind, key, value):
        pass

    def trim(self) -> int:
        return 0


def open_cache(root: Path, salt: str) -> Cache:
    """The project's cache (or a Null one when switched off)."""
    return Cache(Path(root) / DIRECTORY, salt) if enabled() else Null()
