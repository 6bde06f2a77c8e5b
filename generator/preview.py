"""The preview's partial rebuild: after an officer saves a file, `cchc serve` makes again
only the pages whose input changed — the saved page, its neighbours (their footers name
it), the listings and feeds that show it — and leaves the others as they were built.

`cchc serve` runs MkDocs' server with `--dirty`, which asks each file whether it changed
(`File.is_modified`). `Changes.mark` answers for every page from its fingerprint (its
final Markdown input and address) against the last build. Anything that every page shows
(the set of pages and their addresses, the navigation, the hotlines, mkdocs.yml, the
theme, the generator) is in the "shape": when it changes, every page is made again.
The search index and the site-wide link check are left out of partial rebuilds (the
first build of the session has both; `cchc build` always has both).

This module reads MkDocs' File objects through their documented attributes and never
imports mkdocs.
"""
from __future__ import annotations

import gc
import os
import sysconfig
import threading
from pathlib import Path
from typing import Callable, Iterable

from .cache import digest
from .frontmatter import split


class Changes:
    def __init__(self):
        self.previous: tuple[str, dict, object] | None = None  # shape, page -> fingerprint, others of the last build
        self.pending: tuple[str, dict, object] | None = None
        self.partial = False  # is the current build a partial one?
        self.same_others = False  # ... and do the theme's own pages (sitemap, 404) show what they showed?
        self.unchanged_read: list = []  # pages read again for their titles, their input unchanged
        self.assembly: tuple | None = None  # (setting, files, fronts, result) of the last whole assemble
        self.built_files: dict | None = None  # the files as the last build that ended well read them

    def assembled(self, folders: list[Path], setting: object, assemble: Callable[[], tuple], recheck: Callable[[object, object], list]) -> tuple:
        """`assemble()` — (corpus, site, problems) — or, when the only files changed since
        the last one are Markdown pages whose front matter is the same (the officer edited
        an article's text), its result again: nothing assembled depends on a page's body
        but the body's own checks, which `recheck(corpus, site)` makes again (kept per file,
        content.check_bodies). `setting`: everything else assemble reads (build date,
        address, mkdocs.yml…)."""
        files = _snapshot(folders)
        last = self.assembly
        if files is not None and last is not None and last[0] == setting and files.keys() == last[1].keys():
            changed = [path for path, state in files.items() if last[1][path] != state]
            fronts = {path: _front(files[path]) for path in changed if path.endswith(".md")}
            if len(fronts) == len(changed) and all(front is not None and front == last[2].get(path) for path, front in fronts.items()):
                corpus, site, _problems = last[3]
                if not recheck(corpus, site):
                    self.assembly = (setting, files, last[2], last[3])
                    return last[3]
        fronts = {path: _front(state) for path, state in (files or {}).items() if path.endswith(".md")}
        result = assemble()
        self.assembly = (setting, files, fronts, result) if files is not None and not result[2] else None
        return result

    def unchanged(self, path: str) -> bool:
        """Whether the file is as it was when the last build that ended well read it (that
        build wrote what it makes of it into the site)."""
        now = self.assembly[1] if self.assembly is not None else None
        return bool(now) and self.previous is not None and self.built_files is not None and path in now and self.built_files.get(path) == now[path]

    def source(self, path: str) -> bytes:
        """A file's bytes as the last assemble saw them (read now if it did not)."""
        files = self.assembly[1] if self.assembly is not None else None
        data = files.get(path) if files else None
        return data if isinstance(data, bytes) else Path(path).read_bytes()

    def mark(self, files: Iterable, fingerprint: Callable[[object], object], shape: str, always: Iterable[str] = (), others: object = None) -> list[str]:
        """Tell each page of `files` whether it is made again; the pages that are.

        A fingerprint is anything compared with `==` (the page's bytes, its header…).
        `always`: pages read again on every build (the navigation shows their titles, which
        MkDocs takes from reading them), but written again only when their input changed
        (`read_only`). `others`: what the theme's own pages show besides the shape (the
        pages' dates, in the sitemap); `same_others` tells whether it changed."""
        files = list(files)
        pages = [f for f in files if f.src_uri.endswith(".md") or getattr(f, "generated_by", None)]  # and the feeds, calendars… the plugin makes
        shape = digest(shape, sorted((f.src_uri, f.dest_uri) for f in files))
        marks = {f.src_uri: fingerprint(f) for f in pages}
        before = self.previous[1] if self.previous is not None and self.previous[0] == shape else None
        self.partial = before is not None
        self.same_others = self.partial and self.previous[2] == others
        always = set(always)
        changed, self.unchanged_read = [], []
        for f in pages:
            new = before is None or before.get(f.src_uri) != marks[f.src_uri]
            again = new or f.src_uri in always
            f.is_modified = (lambda again=again: again)  # what MkDocs' --dirty build asks
            if again:
                changed.append(f.src_uri)
            if again and not new:
                self.unchanged_read.append(f)
        self.pending = (shape, marks, others)
        return changed

    def read_only(self) -> None:
        """The pages are read and not yet written (MkDocs' env event): the pages read again
        only for their titles are not written again (their output is what it was)."""
        for f in self.unchanged_read:
            f.is_modified = lambda: False

    def built(self) -> None:
        """The build succeeded: the next one is compared with it."""
        self.previous, self.pending = self.pending, None
        self.built_files = self.assembly[1] if self.assembly is not None else None
        set_aside()


def list_theme_once(theme) -> None:
    """Make the theme's environment list its files from memory: MkDocs lists every file of
    the theme on every build, to copy its assets (Material holds 14,500 files, most of them
    icons), ~0.06 s of each save. A listing is taken again when a theme folder outside the
    Python installation (overrides/) changes."""
    get_env = theme.get_env

    def env():
        made = get_env()
        listing = made.list_templates

        def list_templates(extensions=None, filter_func=None):
            key = (tuple(theme.dirs), _folders_state(theme.dirs), extensions, getattr(filter_func, "__code__", filter_func),
                   tuple(sorted(theme.static_templates)))
            if key not in _THEME_FILES:
                _THEME_FILES.clear()
                _THEME_FILES[key] = listing(extensions, filter_func)
            return list(_THEME_FILES[key])

        made.list_templates = list_templates
        return made

    theme.get_env = env


_THEME_FILES: dict[tuple, list[str]] = {}
_INSTALLED = tuple(os.path.realpath(p) + os.sep for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})


def _folders_state(dirs) -> tuple:
    """The times of every folder in the theme's folders outside the Python installation (a
    file added or removed changes its folder's time)."""
    state = []
    for top in dirs:
        if (os.path.realpath(top) + os.sep).startswith(_INSTALLED):
            continue
        for folder, _dirs, _names in os.walk(top):
            state.append((folder, os.stat(folder).st_mtime_ns))
    return tuple(state)


_READ = (".md", ".yml", ".yaml")  # compared by their bytes; other files (photos…) by their size and time


def _snapshot(folders: list[Path]) -> dict[str, object] | None:
    """Every file under the folders: its bytes (pages, data) or its size and times; None
    when a folder holds a symbolic link to a folder (what it holds may change unseen)."""
    files: dict[str, object] = {}
    for folder in folders:
        for top, dirs, names in os.walk(folder):
            if any(os.path.islink(os.path.join(top, d)) for d in dirs):
                return None
            for name in names:
                path = os.path.join(top, name)
                try:
                    if name.endswith(_READ):
                        with open(path, "rb") as f:
                            files[path] = f.read()
                    else:
                        st = os.stat(path)
                        files[path] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                except OSError:
                    return None
    return files


def _front(data: bytes) -> tuple | None:
    """A page's front matter and where it starts; None if its text cannot be read."""
    try:
        return split(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


# Python's cycle collector looks at every object the server holds (the site's pages, the
# memory of the last build: ~300,000 objects at 2,000 articles) every few builds, ~0.3 s
# inside a save's rebuild. After each build, the objects it leaves are set aside from
# collection (gc.freeze), so a rebuild collects only its own garbage; a moment later, while
# the officer reads the page, they are put back and collected once (what the last build
# dropped), then set aside again.
TIDY_AFTER = 2.0  # seconds after a build
_tidy: threading.Timer | None = None
_tidy_lock = threading.Lock()


def set_aside() -> None:
    """A preview build ended: exempt what is alive now from the collector, and collect
    properly a little later."""
    global _tidy
    with _tidy_lock:
        gc.freeze()
        if _tidy is None or not _tidy.is_alive():  # (saves in quick succession: collect after the first)
            _tidy = threading.Timer(TIDY_AFTER, _collect)
            _tidy.daemon = True
            _tidy.start()


def _collect() -> None:
    with _tidy_lock:
        gc.unfreeze()
        gc.collect()
        gc.freeze()

