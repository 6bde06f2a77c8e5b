"""The theme's own search (lunr and its worker) is never loaded: the search box is Pagefind's and
the theme's settings on each page leave the worker out, so the site does not carry its files
(1.6 MB, compressed again on every build: bench/PROFILE-pixels2.md)."""
from __future__ import annotations

from generator import search


def test_the_theme_search_files_are_left_out_and_nothing_asks_for_them(site):
    assets = site.root / "assets" / "javascripts"
    assert (assets / "cchc.js").is_file() and list(assets.glob("bundle.*.min.js"))  # the theme's own script stays
    for folder in search.THEME_SEARCH:
        assert not (site.root / folder).exists()
    # no page, style sheet or script names them, and the theme's settings name no search worker
    for path in site.root.rglob("*"):
        if path.suffix in (".html", ".js", ".css", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "javascripts/lunr" not in text and "javascripts/workers" not in text, path
    assert '"search"' not in site.page("/").select_one("#__config").string
