"""Precompressed copies of the built site's text files, for hosts that serve them as they are.

A phone on slow 3G waits for every byte of the page, its style sheets and scripts: served
compressed they are four to six times smaller. nginx (`gzip_static`, `brotli_static`) and
Caddy (`precompressed`) send `page.html.gz` / `page.html.br` when the browser accepts them,
without compressing on every request. Written as the build's very last step, once every file
is final (after the search index). Deterministic: gzip without a name or time, brotli at
fixed qualities, so the same site gives the same bytes.

A file's copies are kept in the build cache under the hash of its bytes (cache.py): a
rebuild compresses only the files that changed (a nightly build: the changed articles and
the listings that show them). The levels are where more CPU stops buying bytes that matter
(measured on a 1,000-article portal: bench/PROFILE-store.md).
"""
from __future__ import annotations

import gzip
import os
import sys
import zlib
from pathlib import Path

import brotli

from . import cache as build_cache

# Text the portal serves; Pagefind's index chunks and wasm are compressed by Pagefind already,
# images and PDFs are compressed formats, and source maps are for developers only.
SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics", ".csv", ".vcf", ".webmanifest"})
MIN_SIZE = 256  # below a few packets' worth, the copy saves nothing a phone would notice
GZIP_LEVEL = 6  # level 9: 36% more CPU for 0.1% fewer bytes
BROTLI_QUALITY = 6  # quality 8: 32% more CPU for 2% fewer bytes
# Brotli's best quality is ~25 times slower than 8 for ~8% fewer bytes: worth it only for the
# style sheets and scripts every page loads first (assets/stylesheets/, assets/javascripts/).
FIRST_LOADED = frozenset({"stylesheets", "javascripts"})
BROTLI_FIRST_LOADED = 11
KIND = "compressed"


def brotli_quality(path: Path) -> int:
    return BROTLI_FIRST_LOADED if path.parent.name in FIRST_LOADED else BROTLI_QUALITY


def compressible(path: Path) -> bool:
    return path.suffix in SUFFIXES and path.is_file() and path.stat().st_size >= MIN_SIZE


def packed(data: bytes, gzip_level: int, quality: int) -> tuple[bytes | None, bytes | None]:
    """The gzip and brotli copies of `data`, each None where it would not be smaller."""
    gz = gzip.compress(data, compresslevel=gzip_level, mtime=0)
    br = brotli.compress(data, quality=quality)
    return (gz if len(gz) < len(data) else None), (br if len(br) < len(data) else None)


def salt() -> str:
    """What the copies depend on besides a file's bytes: the compressors' versions, the
    interpreter's (gzip's header is Python's), and this code (a cache restored from an
    earlier version of the generator, e.g. on CI, must not give copies made another way)."""
    return build_cache.digest("precompress", zlib.ZLIB_RUNTIME_VERSION, getattr(brotli, "__version__", ""),
                              sys.implementation.name, sys.version, build_cache.code_digest())


def cache_for(root: Path) -> build_cache.Cache:
    """The project's build cache for the copies (a Null one under CCHC_CACHE=0)."""
    return build_cache.open_cache(root, salt())


def _text_files(site_dir: Path) -> list[str]:
    """The site's files to compress: one walk, one stat per candidate (scandir's entries)."""
    found = []
    stack = [str(site_dir)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif os.path.splitext(entry.name)[1] in SUFFIXES and entry.is_file() and entry.stat().st_size >= MIN_SIZE:
                    found.append(entry.path)
    return sorted(found)


def write_all(site_dir: Path, cache: build_cache.Cache | None = None) -> int:
    """Write `<file>.gz` and `<file>.br` beside every text file of the site (each only if it is
    smaller than the file), taking the copies of unchanged bytes from `cache`; returns how many
    files were compressed."""
    cache = cache if cache is not None else build_cache.Null()
    count = 0
    for name in _text_files(Path(site_dir)):
        path = Path(name)
        data = path.read_bytes()
        copies = cache.memo(KIND, packed, data, GZIP_LEVEL, brotli_quality(path))
        for suffix, copy in zip((".gz", ".br"), copies):
            target = path.with_name(path.name + suffix)
            if copy is not None:
                target.write_bytes(copy)
            else:
                target.unlink(missing_ok=True)  # a stale copy would be served for a file that changed
        count += 1
    cache.flush()
    return count
