"""Citizen words for search: the portal's built-in list (search_words.yml, beside this file)
and the officers' additions (content/tim-kiem/tu-khoa.yml, kinds/search_words.py), merged.

The search box (overrides/assets/javascripts/cchc.js) fetches the merged list as
/tim-kiem/tu-khoa.json when the box is first used, and searches what a citizen typed both as
typed and with these words replaced by the words the pages use: "sdt ubnd" is also searched
as "đường dây nóng ủy ban nhân dân". Doing it at query time keeps the index as small as the
pages' own words, and a change to the list needs no new index; it also ranks better: on the
fixture's 50 citizen queries (tests/search_queries.yml) query-time expansion put the expected
page first for 49 and in the top 3 for all, while the same words added at index time as hidden
terms to every page containing their meaning gave 42 and 44. The list is shown to officers
and citizens on /tim-kiem/tu-khoa/; /tim-kiem/ is the address of search forms and links
(`/tim-kiem/?q=…` opens the search box with the query).
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml

from . import urls
from .kinds.search_words import folded

BUILT_IN = Path(__file__).with_name("search_words.yml")
DATA = urls.SEARCH_WORDS_JSON


@cache
def built_in() -> dict:
    return yaml.safe_load(BUILT_IN.read_text(encoding="utf-8"))


def merged(own) -> tuple[list[dict], list[str]]:
    """(terms, ignored words): the officers' first (their meaning of a word wins), then the
    built-in ones, each word once."""
    terms, taken = [], set()
    sources = [(t.words, t.means) for item in own for t in item.terms]
    sources += [(tuple(t["words"]), t["means"]) for t in built_in()["terms"]]
    for words, means in sources:
        fresh = [w for w in dict.fromkeys(words) if folded(w) and folded(w) not in taken]
        taken.update(folded(w) for w in fresh)
        if fresh:
            terms.append({"words": fresh, "means": means})
    ignore = list(dict.fromkeys([w for item in own for w in item.ignore] + list(built_in()["ignore"])))
    return terms, ignore


def build(site, corpus, portals: list[dict] | None = None) -> None:
    """`portals`: the family's indexes the search box searches besides its own
    (generator/family_search.py), carried in the same file: no request more on first use."""
    terms, ignore = merged(corpus.search_words)
    data = {"terms": terms, "ignore": ignore} | ({"portals": portals} if portals else {})
    site.download(DATA, json.dumps(data, ensure_ascii=False, sort_keys=True))
    site.page(urls.SEARCH_WORDS, "search_words.md.j2", terms=terms, ignore=ignore, sample=any(item.sample for item in corpus.search_words))
    site.page(urls.SEARCH_PAGE, "search.md.j2", words=urls.SEARCH_WORDS)
