"""Officers' own citizen words for search: content/tim-kiem/tu-khoa.yml (optional).

The same shape as the portal's built-in list (generator/search_words.yml), which it extends:
`terms`, each a list of `words` citizens type and what they mean (`means`, the words the pages
use), and `ignore`, words citizens put around what they look for. Both lists are published on
/tim-kiem/tu-khoa/ and used by the search box (generator/search_words.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Problem
from ..i18n import _
from ..schema import Field, Flag, ListOf, Record, Text, quoted
from .. import urls
from ..urls import ascii_fold
from .base import Kind, Loading
from .common import checked_files

FOLDER, FILE = "tim-kiem", "tu-khoa.yml"


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    means: str
    locations: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class SearchWords:
    terms: tuple[Term, ...] = ()
    ignore: tuple[str, ...] = ()
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    slug: str = ""
    path: str = ""
    url: str = ""


TERM = Record([Field("words", ListOf(Text()), required=True), Field("means", Text(), required=True)], Term, locate=True)
SEARCH_WORDS = Record([
    Field("terms", ListOf(TERM), default=()),
    Field("ignore", ListOf(Text()), default=()),
    Field("sample", Flag(), default=False),
], SearchWords, locate=True)


def folded(text: str) -> str:
    """A word as the search box compares it: lower case, no tone marks, đ as d, single spaces."""
    return " ".join("".join(c if c.isalnum() else " " for c in ascii_fold(text).lower()).split())


def load(files: list[Path], loading: Loading) -> tuple[list[SearchWords], list[Problem]]:
    items, problems = [], []
    for _file, words, _node, ctx in checked_files(files, loading.root, SEARCH_WORDS, problems, data=True):
        seen: dict[str, str] = {}
        for i, term in enumerate(words.terms, 1):
            for word in term.words:
                key = folded(word)
                where = term.locations.get("words", words.locations.get("terms"))
                if not key:
                    ctx.problems.append(Problem(where, f"terms[{i}].words", _("{word} has no letters or digits", word=quoted(word)), _("write the word as citizens type it, e.g. \"sđt\"")))
                elif key in seen and seen[key] != term.means:
                    ctx.problems.append(Problem(where, f"terms[{i}].words", _("{word} already means {other}", word=quoted(word), other=quoted(seen[key])), _("list each word once, under the meaning it should have")))
                seen.setdefault(key, term.means)
        items.append(replace(words, url=urls.SEARCH_WORDS))
    return items, problems


KIND = Kind(
    name="search_words", folder=FOLDER, patterns=(FILE,), load=load, data=True, record=SEARCH_WORDS,
    describe="search words", home=f"content/{FOLDER}/{FILE}",
)
