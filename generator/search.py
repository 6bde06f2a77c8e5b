"""The search index: Pagefind, run over the finished site where it lies.

Each page is made ready for the index as it is written (`for_index`, called by the plugin on
the HTML it already holds), so the search step neither reads nor copies the site again:

- Pagefind folds tone marks but not đ → d, so "duong day nong" would miss "đường dây nóng".
  Each indexed page gets a hidden list of its đ-words folded to d, after a marker word the
  search box recognises: excerpts are cut from the text before it (overrides/assets/
  javascripts/cchc.js), so no hidden word is ever shown.
- Each page gets a type (Tin tức, Thủ tục…) from its address: shown in results, and a hidden
  word the search box adds to the query to narrow it to one type.
- A citizen looking for a service should land on it, not on news that mention it: the pages
  of services (procedures, hotlines, the feedback page) and of guides (programmes, plans…)
  repeat their title in a metadata field that the search box weighs above titles (`_RANKED`);
  news, activities and feedback items do not.
- Table cells and dt/dd pairs get a space at their end, so "Trích yếu" is not indexed (or
  shown) glued to its neighbour; heading anchors ("¶") and the "sample content" notice are
  kept out of the index.
- Listing pages (archives, tags, pages of results, reports, the documents' list, 404) lose
  their `data-pagefind-body`, so results point at the content itself.

Then `build_index` runs the Pagefind command line over the site folder in one run (its Python
API answers one page per poll, about ten times slower). `cchc build` runs it after MkDocs has
exited (generator/cli.py), so the two are never in memory together.
"""
from __future__ import annotations

import html as htmllib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import search_archive
from .i18n import _
from .kinds.registry import KINDS
from .urls import ascii_fold

FOLD_MARKER = "zzdfixzz"
BODY = "<div data-pagefind-body>"  # overrides/main.html
# Set by `cchc build` for the MkDocs run: the index is built after MkDocs exits; the plugin
# leaves the file WANTED in the site to say the site wants one (removed before publishing).
LATER = "CCHC_SEARCH_AFTER_BUILD"
WANTED = ".cchc-search-wanted"
# Pagefind splits its word index into chunks of about this many word positions; a search
# downloads only the chunks of its words. Its default (~20,000 in 1.5) puts a small portal's
# whole index into one chunk of 130 kB. The variable is Pagefind's own (marked unstable):
# constraints.txt pins Pagefind, and the browser tests measure the bytes of a first search.
CHUNK_SIZE = "1000"
# The theme's own search, its worker and lunr's word splitters for ~30 languages (1.6 MB with
# wordcut.js, compressed on every build): never loaded, since the theme's settings on each page
# leave its worker out (overrides/main.html, block config) and the search box is Pagefind's.
THEME_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
_PERMALINK = re.compile(r'<a class="headerlink"')
_PERMALINK_ELEMENT = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_SAMPLE_NOTE = re.compile(r'<div class="admonition note cchc-sample"')
_AUDIO = re.compile(r"<audio\b")  # its fallback link repeats the download link beside it
_CELL_END = re.compile(r"</(td|th|dt|dd|caption|figcaption)>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+", re.UNICODE)
# Address prefix -> the type shown and filtered on, from each kind's listing and label.
_TYPES = tuple(dict.fromkeys((kind.index.lstrip("/"), kind.label) for kind in KINDS if kind.label))
_LISTINGS = re.compile(
    r"^(404\.html|tin-tuc/(index\.html|trang/|\d{4}/(index\.html|\d\d/index\.html)|the/|linh-vuc/)|bao-cao/.+/|chuong-trinh/[^/]+/\d{4}/index\.html|van-ban/index\.html|hoat-dong/index\.html|tim-kiem/)"
)
# Pages of services repeat their title in a metadata field of their own, which the search box
# ranks above the title of any other page (Pagefind's `metaWeights`, overrides/assets/
# javascripts/cchc.js): a citizen naming a service lands on it, not on news that mention it.
# "dichvu": what citizens come to do or call; "chuyenmuc": pages that explain the services.
SERVICE, GUIDE = "dichvu", "chuyenmuc"
_RANKED = {"Thủ tục": SERVICE, "Đường dây nóng": SERVICE, "Chương trình": GUIDE, "Hội thi tìm hiểu": GUIDE, "Kế hoạch": GUIDE, "Trang thông tin": GUIDE, "Văn bản": GUIDE}
# Listings that are services themselves: the procedures list, the hotlines, the feedback page.
_SERVICE_LISTINGS = ("thu-tuc/index.html", "duong-day-nong/index.html", "phan-anh/index.html")


def page_type(path: str) -> str:
    return next((label for prefix, label in _TYPES if path.startswith(prefix)), "Trang thông tin")


def is_indexed(path: str) -> bool:
    return path.endswith(".html") and not path.startswith(("assets/", "pagefind/")) and not _LISTINGS.match(path)


def folded_words(text: str) -> list[str]:
    """The words of a text that contain đ, with đ written as d ("đường" → "dường")."""
    return sorted({w.lower().replace("đ", "d") for w in _WORD.findall(text) if "đ" in w.lower()})  # "Đoàn" and "đoàn": once


def type_token(label: str) -> str:
    """The hidden word that narrows a search to one type ("Tin tức" → "zzloaitintuc").

    Pagefind's own filters would do this, but their index files differ from build to
    build; a word every page of the type carries keeps the output byte-identical."""
    return "zzloai" + re.sub(r"[^a-z]", "", ascii_fold(label).lower())


def ranked_as(path: str) -> str:
    """The metadata field that carries the page's title for ranking ("" for none)."""
    if path in _SERVICE_LISTINGS:
        return SERVICE
    if path.endswith("index.html") and path.count("/") == 1 and path != "index.html":
        return ""  # other listings (plans, programmes): the items themselves come first
    return _RANKED.get(page_type(path), "")


def for_index(html: str, path: str, more: tuple[str, ...] = ()) -> str:
    """A built page (its path under the site, e.g. "thu-tuc/x/index.html") as Pagefind should
    index it in place. Pages without a body to index are returned unchanged. `more`: more
    hidden words (a family portal's own pages: generator/family_search.py)."""
    at = html.find(BODY)
    if at < 0:
        return html
    if not is_indexed(path):
        return html[:at] + "<div>" + html[at + len(BODY):]
    html = _PERMALINK.sub(r"\g<0> data-pagefind-ignore", html)  # heading anchors ("¶")
    html = _SAMPLE_NOTE.sub(r"\g<0> data-pagefind-ignore", html)  # the same notice on every sample
    html = _AUDIO.sub(r"\g<0> data-pagefind-ignore", html)
    html = _CELL_END.sub(r"\g<0> ", html)  # between cells: no cell's own text changes
    body = html[at:]
    text = htmllib.unescape(_TAG.sub(" ", body))
    label = page_type(path)
    ranked = ""
    field = ranked_as(path)
    title = _H1.search(body)
    if field and title:
        words = " ".join(htmllib.unescape(_TAG.sub(" ", _PERMALINK_ELEMENT.sub("", title.group(1)))).split())
        value = f"{words} {' '.join(folded_words(words))}".strip()
        ranked = f'<span data-pagefind-meta="{field}[data-title]" data-title="{htmllib.escape(value)}"></span>'
    extra = (
        f'<div data-pagefind-body data-pagefind-meta="loai:{label}" hidden>'
        f"<p>{FOLD_MARKER} {' '.join((type_token(label), *more, *folded_words(text)))}</p>{ranked}</div>"
    )
    end = html.rfind("</body>")
    return html[:end] + extra + html[end:] if end >= 0 else html + extra


def build_index(site_dir: Path) -> int:
    """Write site_dir/pagefind/ from the pages as they lie (see `for_index`); returns how many
    pages were indexed."""
    output = site_dir / "pagefind"
    shutil.rmtree(output, ignore_errors=True)
    # A large site's index comes in parts, one Pagefind run after another (search_archive.py).
    pages = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")]
    indexed = sorted(p for p in pages if is_indexed(p))
    parts, manifest = search_archive.plan(indexed, others=sorted(set(pages) - set(indexed)))
    indexed = sum(_pagefind(site_dir, output / part.folder, part.glob) for part in parts)
    search_archive.finish(output, parts, manifest)
    return indexed


def _pagefind(site_dir: Path, output: Path, glob: str | None) -> int:
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--output-path", str(output), "--force-language", "vi"]
    if glob:
        command += ["--glob", glob]
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SearchIndexError(_("Pagefind could not index the site:\n{output}", output=result.stdout + result.stderr))
    found = re.search(r"Indexed (\d+) pages?", result.stdout)
    return int(found.group(1)) if found else 0


class SearchIndexError(RuntimeError):
    pass
