"""Real CPU time per phase of one MkDocs build of a portal, without a profiler's inflation.

    cd PROJECT && CCHC_BUILD_DATE=2026-11-22 CCHC_CACHE=0 CCHC_SEARCH_AFTER_BUILD=1 \\
        python /path/to/bench/phases.py /tmp/site

cProfile charges every Python call, so it makes pure-Python work (Jinja, Markdown, the
link check) look two to three times as large as C work (Pillow, zlib, nh3). This wraps the
build's main steps with `time.process_time()` instead and prints each step's CPU seconds,
calls and share of the whole (steps nest: `on_files` holds `assemble`, `images.resized`…).
The search index and the compressed copies are made after MkDocs exits (`cchc build`), so
`CCHC_SEARCH_AFTER_BUILD=1` leaves them out, as `cchc build` does.
"""
from __future__ import annotations

import atexit
import collections
import importlib
import sys
import time

STEPS = (
    "generator.plugin:CchcPlugin.on_files", "generator.pages:assemble", "generator.content:load_corpus",
    "generator.content:check_bodies", "generator.pages:build_site", "generator.pages:_news", "generator.images:resized",
    "mkdocs.structure.pages:Page.render", "generator.plugin:_render", "mkdocs.commands.build:_build_page", "generator.plugin:CchcPlugin.on_page_content", "generator.sanitize:clean",
    "generator.plugin:CchcPlugin.on_page_context", "generator.share:Sharing.preview", "generator.cards:card_png",
    "generator.pagecache:CachedTemplate.render", "generator.plugin:CchcPlugin.on_post_page", "generator.csp:with_policy",
    "generator.search:for_index", "generator.minify:collapse", "generator.plugin:CchcPlugin.on_post_build",
    "generator.linkcheck:check_site", "generator.cache:Cache.get", "generator.cache:Cache.put",
)
seconds: collections.Counter = collections.Counter()
calls: collections.Counter = collections.Counter()


def _wrap(spec: str) -> None:
    module, _, qualified = spec.partition(":")
    owner = importlib.import_module(module)
    *classes, name = qualified.split(".")
    for cls in classes:
        owner = getattr(owner, cls)
    function, busy = getattr(owner, name), [False]

    def timed(*args, **kwargs):
        if busy[0]:  # a recursive call is inside the outer one's time
            return function(*args, **kwargs)
        busy[0], start = True, time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[qualified] += time.process_time() - start
            calls[qualified] += 1
            busy[0] = False

    setattr(owner, name, timed)


def main() -> None:
    for spec in STEPS:
        try:
            _wrap(spec)
        except (ImportError, AttributeError) as err:  # a step this version does not have
            print(f"(not timed: {spec}: {err})", file=sys.stderr)
    start = time.process_time()

    @atexit.register
    def report() -> None:
        total = time.process_time() - start
        print(f"MkDocs build, in-process CPU: {total:.2f} s", file=sys.stderr)
        for step, spent in seconds.most_common():
            print(f"{spent:8.2f} s {spent / total:6.1%} {calls[step]:7d}  {step}", file=sys.stderr)

    sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[1]]
    from mkdocs.__main__ import cli
    cli()


if __name__ == "__main__":
    main()
