"""The printed numbering of a plan: `Phần I`, `I.`, `1.`, `1.1.`, `a)`, `-`, `+`.

Each label is recognised by its kind; the label itself is kept as printed. OCR of a scan
misreads labels in typical ways (`¢)` for `c)`, `I11.` or `Il.` for `III.`/`II.`): these are
recognised as the kind they stand for, and still printed as they were read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fold import fold

# Kinds, outermost first: the order used when a document's own order says nothing.
KINDS = ("part", "roman", "dec1", "dec2", "dec3", "letter", "dash", "plus")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_OCR_I = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I"})
_OCR_LETTER = {"¢": "c", "©": "c", "€": "e"}

_PART = re.compile(r"^(Phần|PHẦN|Phan|PHAN)\s+([IVX]+|thứ\s+\w+|THỨ\s+\w+|\d+)\b\.?\s*(.*)$", re.S)
_ROMAN = re.compile(r"^([IVXl1|!]{1,6})\.\s*(.*)$", re.S)
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})(\.|\))(?=\s|$)\s*(.*)$", re.S)
_LETTER = re.compile(r"^([a-zđ¢©€])\)\s*(.*)$", re.S)
_DASH = re.compile(r"^[-–—•]\s*(.*)$", re.S)
_PLUS = re.compile(r"^\+\s*(.*)$", re.S)
_ARTICLE = re.compile(r"^(Điều|Dieu|ĐIỀU|DIEU)\s+(\d+)\.\s*(.*)$", re.S)


@dataclass(frozen=True)
class Label:
    kind: str
    printed: str  # as printed: "I11.", "¢)", "-"
    value: str  # what it stands for: "III.", "c)", "-"


def roman_value(text: str) -> int | None:
    """1..39 from a Roman numeral, None if it is not one (OCR's 1/l read as I first)."""
    text = text.translate(_OCR_I)
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > v else v
    return total if _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def split_label(text: str) -> tuple[Label | None, str]:
    """The label a paragraph starts with, and the rest of it (as printed)."""
    m = _PART.match(text)
    if m:
        return Label("part", f"{m[1]} {m[2]}", f"Phần {m[2]}"), m[3]
    m = _ROMAN.match(text)
    if m and any(c in "IVX" for c in m[1]):  # "11." is eleven; "I1." is OCR for "II."
        n = roman_value(m[1])
        if n:
            return Label("roman", m[1] + ".", _to_roman(n) + "."), m[2]
    m = _DECIMAL.match(text)
    if m:
        depth = m[1].count(".") + 1
        return Label(f"dec{depth}", m[1] + m[2], m[1] + m[2]), m[3]
    m = _LETTER.match(text)
    if m:
        return Label("letter", m[1] + ")", _OCR_LETTER.get(m[1], m[1]) + ")"), m[2]
    m = _PLUS.match(text)
    if m:
        return Label("plus", "+", "+"), m[1]
    m = _DASH.match(text)
    if m and not text.startswith("--"):
        return Label("dash", "-", "-"), m[1]
    return None, text


def split_article(text: str) -> tuple[str, str] | None:
    """("Điều 1.", rest) for an article of a decision."""
    m = _ARTICLE.match(text)
    return (f"{m[1]} {m[2]}.", m[3]) if m else None


LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese order: đ after d, no f j w z


def marker_label(marker: str, index: int) -> str | None:
    """The label a section's `marker` prints for its index-th item (0-based)."""
    if marker == "1.":
        return f"{index + 1}."
    if marker == "a)":
        return f"{LETTERS[index]})" if index < len(LETTERS) else None
    return None


def folded_starts(text: str, *words: str) -> bool:
    key = fold(text).lstrip("*_ ")
    return any(key.startswith(w) for w in words)
