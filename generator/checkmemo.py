"""`cchc check`'s per-file results, kept in the build cache (cache.py) between runs.

Reading a file (YAML composition, the record's checks, the body's link scan, a photo's
decoding) depends only on the file's bytes, its path as shown, the generator's code and
libraries, and the language of the messages. Each result is stored under the hash of
exactly these (a photo's under its file's identity instead: images._inspect), so a check
after a change reads again only the files that changed. What
crosses files (addresses, references, links against the site's pages) is checked anew
on every run from the per-file results. (No per-file check reads the build date; one
that did would have to add it to `memo`'s key.)

The results of one check are kept as one cache entry (thousands of small entries would
cost a file each to write): the next check reads it once, and writes it again, with
only the results it used, when something changed.

Only `cchc check` switches it on (`use` … `stop`); elsewhere `memo` just calls the function.
"""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Callable

from . import cache
from .i18n import language

_ENTRY = ("check", "per-file results")
_cache = None  # a cache.Cache while `cchc check` runs with the cache on
_before: dict[str, bytes] = {}  # the last check's results: key -> pickled value
_now: dict[str, bytes] = {}  # this check's results found in the last check's
_new: dict[str, Any] = {}  # this check's other results, pickled when it ends
_BODIES: dict[str, Any] = {}  # body.read_body of Markdown files read with their front matter, by path


def use(root: Path) -> None:
    """Keep per-file results in `root`'s build cache (unless the cache is switched off)."""
    global _cache, _before
    stop(save=False)
    if not cache.enabled():
        return
    import yaml
    from PIL import __version__ as pillow

    _cache = cache.open_cache(root, cache.digest("check", cache.code_digest(), yaml.__version__, pillow))
    kept = _cache.get(*_ENTRY)
    _before = kept if isinstance(kept, dict) else {}


def stop(save: bool = True) -> None:
    """Store this check's results (if any changed) and switch the memo off."""
    global _cache, _before, _now, _new
    if save and _cache is not None and (_new or _now.keys() != _before.keys()):
        _now.update((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in _new.items())
        _cache.put(*_ENTRY, _now)
    _cache, _before, _now, _new = None, {}, {}, {}
    _BODIES.clear()


def active() -> bool:
    return _cache is not None


def memo(kind: str, function: Callable[..., Any], *args: Any) -> Any:
    """function(*args), from the last check when it was called with the same arguments
    (and the messages are in the same language)."""
    if _cache is None:
        return function(*args)
    key = cache.digest(kind, language(), *args)
    stored = _before.get(key)
    if stored is not None:
        _now[key] = stored
        return pickle.loads(stored)
    value = function(*args)
    # Pickled at the end of the check, all at once: pickling each result as it came slowed
    # the whole cold check by a tenth (bench/PROFILE-coldcheck.md). So what a caller gets
    # must stay as it is (no caller changes a result: each builds new lists from it); a
    # result found in the last check is a fresh copy.
    _new[key] = value
    return value


def keep_body(path: str, read: Any) -> None:
    """A Markdown file's body read with its front matter (one result for both)."""
    _BODIES[path] = read


def read_body_of(path: str) -> Any:
    """What `keep_body` kept for the file at `path` in this check, or None (taken once)."""
    return _BODIES.pop(path, None)
