"""Keys for recognising words in a document typed with or without Vietnamese diacritics.

`fold` keeps the text's length (one character in, one out), so a match found in the folded
text is sliced out of the original with the same positions: recognised text is always copied
as printed.
"""
from __future__ import annotations

import unicodedata


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    return base.lower() if len(base.lower()) == 1 else c


def fold(text: str) -> str:
    """Lower case without tone marks and vowel marks, character for character: `Ủy ban` -> `uy ban`."""
    return "".join(_fold_char(c) for c in text)


def strip_tones(text: str) -> str:
    """Text as OCR of a scan often gives it: every diacritic lost, letter case kept."""
    out = []
    for c in text:
        if c == "đ":
            out.append("d")
        elif c == "Đ":
            out.append("D")
        else:
            out.append(unicodedata.normalize("NFD", c)[0])
    return "".join(out)


def has_diacritics(text: str) -> bool:
    return any(c in "đĐ" or unicodedata.normalize("NFD", c) != c for c in text if c.isalpha())
