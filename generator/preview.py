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
import threading
from typing import Callable, Iterable

from .cache import digest


class Changes:
    def __init__(self):
        self.previous: tuple[str, dict[str, str]] | None = None  # shape, page -> fingerprint of the last build
        self.pending: tuple[str, dict[str, str]] | None = None
        self.partial = False  # is the current build a partial one?

    def mark(self, files: Iterable, fingerprint: Callable[[object], str], shape: str, always: Iterable[str] = ()) -> list[str]:
        """Tell each page of `files` whether it is made again; the pages that are."""
        files = list(files)
        pages = [f for f in files if f.src_uri.endswith(".md")]
        shape = digest(shape, sorted((f.src_uri, f.dest_uri) for f in files))
        marks = {f.src_uri: fingerprint(f) for f in pages}
        before = self.previous[1] if self.previous is not None and self.previous[0] == shape else None
        self.partial = before is not None
        always = set(always)
        changed = []
        for f in pages:
            again = before is None or before.get(f.src_uri) != marks[f.src_uri] or f.src_uri in always
            f.is_modified = (lambda again=again: again)  # what MkDocs' --dirty build asks
            if again:
                changed.append(f.src_uri)
        self.pending = (shape, marks)
        return changed

    def built(self) -> None:
        """The build succeeded: the next one is compared with it."""
        self.previous, self.pending = self.pending, None
        set_aside()


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

