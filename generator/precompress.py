"""Precompressed copies of the built site's text files, for hosts that serve them as they are.

A phone on slow 3G waits for every byte of the page, its style sheets and scripts: served
compressed they are four to six times smaller. nginx (`gzip_static`, `brotli_static`) and
Caddy (`precompressed`) send `page.html.gz` / `page.html.br` when the browser accepts them,
without compressing on every request. Written as the build's very last step, once every file
is final (after the search index). Deterministic: gzip without a name or time, brotli at
fixed qualities, so the same site gives the same bytes.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import brotli

# Text the portal serves; Pagefind's index chunks and wasm are compressed by Pagefind already,
# images and PDFs are compressed formats, and source maps are for developers only.
SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics", ".csv", ".vcf", ".webmanifest"})
MIN_SIZE = 256  # below a few packets' worth, the copy saves nothing a phone would notice
# Brotli's best quality is ~40 times slower than 8 for ~8% fewer bytes: worth it only for the
# style sheets and scripts every page loads first (assets/stylesheets/, assets/javascripts/).
FIRST_LOADED = frozenset({"stylesheets", "javascripts"})


def brotli_quality(path: Path) -> int:
    return 11 if path.parent.name in FIRST_LOADED else 8


def compressible(path: Path) -> bool:
    return path.suffix in SUFFIXES and path.is_file() and path.stat().st_size >= MIN_SIZE


def write_all(site_dir: Path) -> int:
    """Write `<file>.gz` and `<file>.br` beside every text file of the site (each only if it is
    smaller than the file); returns how many files were compressed."""
    count = 0
    for path in sorted(p for p in site_dir.rglob("*") if compressible(p)):
        data = path.read_bytes()
        for suffix, packed in ((".gz", gzip.compress(data, compresslevel=9, mtime=0)), (".br", brotli.compress(data, quality=brotli_quality(path)))):
            target = path.with_name(path.name + suffix)
            if len(packed) < len(data):
                target.write_bytes(packed)
            else:
                target.unlink(missing_ok=True)  # a stale copy would be served for a file that changed
        count += 1
    return count
