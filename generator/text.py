"""Text as officers type it: one normal form, and a key that compares spellings.

Vietnamese has two accepted places for the tone mark in some syllables: the older
`hoà`, `uỷ`, `thuý` and the newer `hòa`, `ủy`, `thúy` (both are in use, often in one
document). Officers' text is printed as written; only comparisons (grouping, the
document header, duplicate detection) go through `compare_key`.
"""
from __future__ import annotations

import re
import unicodedata

# The five Vietnamese tone marks as combining characters (after NFD): huyền, sắc, hỏi, ngã, nặng.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_WORD = re.compile(r"[\w\u0300-\u036f]+")  # combining marks are not \w: keep them in their word


def nfc(text: str) -> str:
    """Composed Unicode (NFC): what a Vietnamese keyboard on Windows produces; macOS and
    some PDFs give decomposed text (NFD), which looks the same but compares differently."""
    return unicodedata.normalize("NFC", text)


def _tone_last(match: re.Match) -> str:
    word = match.group()
    tones = "".join(c for c in word if c in _TONES)
    return "".join(c for c in word if c not in _TONES) + tones


def compare_key(text: str) -> str:
    """A key under which spellings that mean the same compare equal: NFC or NFD, any
    letter case, and the tone mark on either vowel (`Uỷ ban` = `Ủy ban`, `hoà` = `hòa`).
    Spacing is collapsed. Only for comparing; never print it."""
    decomposed = unicodedata.normalize("NFD", nfc(text).casefold())
    return " ".join(_WORD.sub(_tone_last, decomposed).split())
