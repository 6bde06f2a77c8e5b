"""Files no browser loads are not in the site (they were compressed again on every build:
bench/PROFILE-pixels2.md): the theme's own search (lunr and its worker), since the search box
is Pagefind's and the theme's settings on each page leave the worker out; Pagefind's
ready-made interfaces, since the search box is the portal's own."""
from __future__ import annotations

from generator import search, search_archive


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


def test_pagefind_keeps_only_what_the_search_box_loads(site):
    pagefind = site.root / "pagefind"
    scripts = sorted(p.name for p in [*pagefind.glob("*.js"), *pagefind.glob("*.css")])
    assert scripts == sorted(search_archive.MAIN_SCRIPTS) == ["pagefind-worker.js", "pagefind.js"]
    assert (pagefind / "pagefind-entry.json").is_file()
    script = (site.root / "assets" / "javascripts" / "cchc.js").read_text(encoding="utf-8")
    assert 'import(base + "pagefind/pagefind.js")' in script and "pagefind-ui" not in script
