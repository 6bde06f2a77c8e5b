"""The search index: Pagefind, built from the finished site.

Pagefind folds tone marks but not đ → d, so "duong day nong" would miss
"đường dây nóng". Each indexed copy of a page (never the served page) gets a
hidden list of its đ-words folded to d, after a marker word the search box
recognises and keeps out of excerpts. Each page also gets a type filter
(Tin tức, Thủ tục…) from its address, as a hidden word the search box adds to the
query. Listing pages (archives, tags, pages of
results, reports, the documents' list) are left out so results point at the content itself.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .i18n import _
from .kinds.registry import KINDS
from .urls import ascii_fold

FOLD_MARKER = "zzdfixzz"
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
_WORD = re.compile(r"\w+", re.UNICODE)
# Address prefix -> the type shown and filtered on, from each kind's listing and label.
_TYPES = tuple(dict.fromkeys((kind.index.lstrip("/"), kind.label) for kind in KINDS if kind.label))
_LISTINGS = re.compile(
    r"^(404\.html|tin-tuc/(index\.html|trang/|\d{4}/(index\.html|\d\d/index\.html)|the/|linh-vuc/)|bao-cao/.+/|chuong-trinh/[^/]+/\d{4}/index\.html|van-ban/index\.html)"
)


def page_type(path: str) -> str:
    return next((label for prefix, label in _TYPES if path.startswith(prefix)), "Trang thông tin")


def is_indexed(path: str) -> bool:
    return path.endswith(".html") and not path.startswith(("assets/", "pagefind/")) and not _LISTINGS.match(path)


def folded_words(text: str) -> list[str]:
    """The words of a text that contain đ, with đ written as d ("đường" → "dường")."""
    words = {w for w in _WORD.findall(text) if "đ" in w.lower()}
    return sorted(w.lower().replace("đ", "d") for w in words)


def type_token(label: str) -> str:
    """The hidden word that narrows a search to one type ("Tin tức" → "zzloaitintuc").

    Pagefind's own filters would do this, but their index files differ from build to
    build; a word every page of the type carries keeps the output byte-identical."""
    return "zzloai" + re.sub(r"[^a-z]", "", ascii_fold(label).lower())


def prepare(html: str, path: str) -> str:
    """The copy of a page that Pagefind indexes: its type and its folded đ-words."""
    html = _PERMALINK.sub("", html)  # heading anchors ("¶") are not part of titles or text
    body_text = re.sub(r"<[^>]+>", " ", html.split("data-pagefind-body", 1)[-1])
    label = page_type(path)
    extra = (
        f'<div data-pagefind-body data-pagefind-meta="loai:{label}" hidden>'
        f"<p>{FOLD_MARKER} {type_token(label)} {' '.join(folded_words(body_text))}</p></div>"
    )
    return html.replace("</body>", extra + "</body>", 1)


def build_index(site_dir: Path) -> int:
    """Write site_dir/pagefind/ from prepared copies of the pages; returns how many were indexed.

    The copies go to a temporary folder that the Pagefind command line indexes in one run
    (its Python API answers one page per poll, about ten times slower)."""
    count = 0
    with tempfile.TemporaryDirectory(prefix="cchc-search-") as temp:
        staging = Path(temp)
        for file in sorted(site_dir.rglob("*.html")):
            path = file.relative_to(site_dir).as_posix()
            html = file.read_text(encoding="utf-8")
            if is_indexed(path) and "data-pagefind-body" in html:
                target = staging / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(prepare(html, path), encoding="utf-8")
                count += 1
        output = site_dir / "pagefind"
        shutil.rmtree(output, ignore_errors=True)
        command = [sys.executable, "-m", "pagefind_bin", "--site", str(staging), "--output-path", str(output), "--force-language", "vi", "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SearchIndexError(_("Pagefind could not index the site:\n{output}", output=result.stdout + result.stderr))
    return count


class SearchIndexError(RuntimeError):
    pass
