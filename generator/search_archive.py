"""The search index in parts once a site is large: recent content first, older news on request.

Pagefind keeps, for each word, every page it occurs on with its positions, and a search
downloads the index chunks of its words whole. Common Vietnamese syllables ("công", "dịch",
"đường") occur on nearly every article, so their chunks grow with the site: at 8,000
articles a first search downloaded 0.35–1.9 MiB (bench/search-notes.md). Pagefind also holds
every page it indexes in memory at once (about 0.25 MiB a page).

So a site with more than MAIN_PAGES pages to index gets:
- the main index (site/pagefind/, searched first, as before): every page except news older
  than the most recent months that fit in MAIN_PAGES pages along with everything else —
  procedures, hotlines, plans, programmes, documents and the recent news: what citizens
  search for;
- the archive: the older news, one index per year (site/pagefind/luu-tru/<year>/), each
  built by its own Pagefind run after the one before has exited, so the peak memory of the
  search step is that of the largest part, not of the whole site;
- site/pagefind/luu-tru.json, which tells the search box the month the main index starts
  at and the archive's years (a site without an archive lists none). The search box searches the archive when the main index finds
  few pages, or when the reader asks for older news ("Tìm cả tin cũ"), and labels those
  results as older news (overrides/assets/javascripts/cchc.js).

A smaller site keeps one index, as before. The split is by whole months, from the pages'
addresses (/tin-tuc/<year>/<month>/<slug>/), so the same site always splits the same way.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Pages in the main index before older news moves to the archive. At 8,000 articles a main
# index of 1,000 pages keeps a first search under 350 KiB (bench/search-notes.md).
MAIN_PAGES = 1000
# Tests and benchmarks set a smaller or larger limit through this variable.
MAIN_PAGES_VARIABLE = "CCHC_SEARCH_MAIN_PAGES"
FOLDER = "luu-tru"  # the archive's indexes: site/pagefind/luu-tru/<year>/
MANIFEST = "luu-tru.json"  # site/pagefind/luu-tru.json
MAIN_SCRIPTS = ("pagefind.js", "pagefind-worker.js")  # what the search box loads of Pagefind's own files
_ARTICLE = re.compile(r"^(tin-tuc/(\d{4})/(\d\d)/)[^/]+/")


@dataclass(frozen=True)
class Part:
    """One Pagefind run: its output folder under site/pagefind/ ("" for the main index) and
    the pages it indexes, as Pagefind's --glob (None: every page)."""

    folder: str
    glob: str | None


def main_pages() -> int:
    value = os.environ.get(MAIN_PAGES_VARIABLE, "")
    return int(value) if value.isdigit() else MAIN_PAGES


def plan(pages: list[str], limit: int | None = None, others: list[str] = ()) -> tuple[list[Part], dict | None]:
    """The Pagefind runs for a site whose indexed pages are `pages` (paths under the site,
    e.g. "tin-tuc/2021/06/x/index.html"), and the archive's manifest (None: no archive).

    `others`: the site's other HTML pages (listings). Pagefind reads and parses every page its
    glob matches, even one it then ignores for want of `data-pagefind-body`, so the globs leave
    them out: a third of the HTML at 1,000 articles, a quarter of Pagefind's CPU
    (bench/PROFILE-pixels2.md)."""
    limit = main_pages() if limit is None else limit
    skipped = _Skipped(others)
    if len(pages) <= limit:
        return [Part("", _glob(_cover(sorted(pages), skipped)) if others else None)], None
    months = Counter(m.group(2, 3) for m in map(_ARTICLE.match, pages) if m)
    kept = len(pages) - sum(months.values())
    recent = []
    for month in sorted(months, reverse=True):  # newest first, whole months
        if recent and kept + months[month] > limit:
            break
        kept += months[month]
        recent.append(month)
    old = sorted(set(months) - set(recent), reverse=True)
    if not old:
        return [Part("", _glob(_cover(sorted(pages), skipped)) if others else None)], None
    left_out = _Skipped([*others, *(f"tin-tuc/{year}/{month}/" for year, month in old)])
    parts = [Part("", _alternatives(_cover(sorted(pages), left_out)))]
    years = sorted({year for year, _ in old}, reverse=True)
    for year in years:
        months = [f"tin-tuc/{year}/{month}/" for y, month in sorted(old) if y == year]
        parts.append(Part(f"{FOLDER}/{year}", _alternatives([g for m in months for g in _cover(sorted(p for p in pages if p.startswith(m)), skipped, m)])))
    start = min(recent)
    return parts, {"before": f"{start[0]}-{start[1]}", "years": years}


def finish(output: Path, parts: list[Part], manifest: dict | None) -> None:
    """After the Pagefind runs into `output` (site/pagefind/): the manifest, written for every
    site (no years when there is no archive: the search box reads it on its first search, and
    a missing file would be an error in the browser's console), and the archive's parts
    without the files only a main index's page loads (Pagefind's script and its ready-made
    interfaces, 0.7 MB a year): the main index's script searches them. The main index keeps
    only Pagefind's script and its worker: the search box is the portal's own
    (overrides/assets/javascripts/cchc.js), so Pagefind's ready-made interfaces and its
    highlighter (0.4 MB, compressed on every build) are never loaded."""
    data = manifest or {"before": "", "years": []}
    (output / MANIFEST).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    for part in parts:
        folder = output / part.folder
        for path in [*folder.glob("pagefind*.js"), *folder.glob("pagefind*.css")]:
            if part.folder or path.name not in MAIN_SCRIPTS:
                path.unlink()


class _Skipped:
    """What a glob must not match: pages (files) and whole folders (ending in "/"), with the
    folders that hold any of them ("dirty") and those that hold one deeper than their own
    files ("deep"), so each question is one set look-up."""

    def __init__(self, entries) -> None:
        self.folders = {e for e in entries if e.endswith("/")}
        self.dirty, self.deep = set(), set()
        for entry in entries:
            parent = entry[:entry.rstrip("/").rfind("/") + 1]  # "a/b/x.html" → "a/b/"; "a/b/" → "a/"
            if entry.endswith("/"):
                self.deep.add(parent)
            while parent not in self.dirty:
                self.dirty.add(parent)  # (a folder already dirty has its ancestors marked)
                if not parent:
                    break
                parent = parent[:parent.rstrip("/").rfind("/") + 1]
                self.deep.add(parent)


def _cover(paths: list[str], skipped: _Skipped, folder: str = "") -> list[str]:
    """Glob patterns matching every one of `paths` under `folder` and nothing in `skipped`."""
    if folder not in skipped.dirty:
        return [folder + "**/*.html"]
    mine = [p[len(folder):] for p in paths if p.startswith(folder)]
    files = [folder + p for p in mine if "/" not in p]
    if folder not in skipped.deep:  # only some of its own files are skipped (a month's listing)
        return files + ([folder + "*/**/*.html"] if len(files) < len(mine) else [])
    patterns = []
    for child in sorted({p.split("/", 1)[0] for p in mine}):
        if folder + child + "/" in skipped.folders:
            continue
        if child in mine:  # a file
            patterns.append(folder + child)
        else:
            patterns += _cover([p for p in paths if p.startswith(folder + child + "/")], skipped, folder + child + "/")
    return patterns


def _glob(patterns: list[str]) -> str | None:
    """One glob for Pagefind; None for its default (every page: also when there is nothing to
    index, as before, Pagefind then finding no page marked for the index)."""
    return None if patterns in ([], ["**/*.html"]) else _alternatives(patterns)


def _alternatives(patterns: list[str]) -> str:
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"
