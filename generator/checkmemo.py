"""`cchc check`'s per-file results, kept in the build cache (cache.py) between runs.

Reading a file (YAML composition, the record's checks, the body's link scan, a photo's
decoding) depends only on the file's bytes, its path as shown, the generator's code and
libraries, the build date and the language. Those results are stored under the hash of
exactly these, so a check after a change re-reads only the files that changed. What
crosses files (addresses, references, links against the site's pages) is checked anew
on every run from the stored per-file results.

Only `cchc check` switches it on (`use`); elsewhere `memo` just calls the function.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Callable

_CACHE = None  # a cache.Cache while `cchc check` runs with the cache on
_BODIES: dict[str, Any] = {}  # body.read_body of Markdown files read with their front matter, by path


def use(root: Path) -> None:
    """Keep per-file results in `root`'s build cache (unless the cache is switched off)."""
    global _CACHE
    from . import cache

    if not cache.enabled():
        _CACHE = None
        return
    import yaml
    from PIL import __version__ as pillow

    _CACHE = cache.open_cache(root, cache.digest("check", cache.code_digest(), yaml.__version__, pillow))


def stop() -> None:
    global _CACHE
    _CACHE = None
    _BODIES.clear()


def keep_body(path: str, read: Any) -> None:
    """A Markdown file's body read with its front matter (one entry in the cache for both)."""
    _BODIES[path] = read


def read_body_of(path: str) -> Any:
    """What `keep_body` kept for the file at `path` in this check, or None (taken once)."""
    return _BODIES.pop(path, None)


def active() -> bool:
    return _CACHE is not None


def memo(kind: str, function: Callable[..., Any], *args: Any) -> Any:
    """function(*args), from the cache when the same arguments were seen in an earlier check.
    The build date, the day and the language are part of every key (messages depend on them)."""
    if _CACHE is None:
        return function(*args)
    from .i18n import language

    context = (os.environ.get("CCHC_BUILD_DATE"), language(), dt.date.today().isoformat())
    return _CACHE.memo(kind, lambda *a: function(*a[:-1]), *args, context)
