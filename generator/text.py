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


# Python-Markdown recurses once per level of nesting; past a few hundred levels it fails.
# Far below that, and far above what any document needs, text is refused as too deep.
MAX_INDENT = 160  # columns of leading space: 40 list levels at 4 spaces, 80 at 2
MAX_MARKERS = 400  # emphasis markers (*, **, _, __) in one paragraph; "______" blanks to fill in are not markers
MAX_RUN = 1000  # one run of * or _
MAX_HTML_DEPTH = 100  # HTML block elements open inside one another
_RUN = re.compile(r"\*+|_+")
_HTML_TAG = re.compile(r"<(/?)(div|details|section|blockquote|ul|ol|li|table|span|p)\b[^>]*?(/?)>", re.IGNORECASE)


def too_deep(text: str) -> bool:
    """Whether Markdown text is nested too deeply to be rendered safely."""
    if _clearly_shallow(text):
        return False
    depth = markers = 0
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if len(indent.expandtabs(4)) > MAX_INDENT:
            return True
        runs = [len(run) for run in _RUN.findall(line)]
        markers = 0 if not line.strip() else markers + sum(1 for n in runs if n <= 2)
        if markers > MAX_MARKERS or any(n > MAX_RUN for n in runs):
            return True
        for closing, _, empty in _HTML_TAG.findall(line):
            depth = max(0, depth - 1) if closing else depth + (not empty)
            if depth > MAX_HTML_DEPTH:
                return True
    return False


_DEEP_INDENT = re.compile(r"^[ \t]{%d,}" % (MAX_INDENT // 4), re.MULTILINE)  # a tab counts as up to 4 columns


def _deep_indent(text: str) -> bool:
    # Without a tab, such a line holds a run of that many spaces, which `in` finds far
    # faster than the regex tries each line start.
    if "\t" not in text and " " * (MAX_INDENT // 4) not in text:
        return False
    return _DEEP_INDENT.search(text) is not None


def _clearly_shallow(text: str) -> bool:
    """Most texts cannot reach any limit even counted whole: then no line-by-line pass."""
    if (text.count("*") + text.count("_") <= MAX_MARKERS and text.count("<") <= MAX_HTML_DEPTH
            and (len(text) < MAX_INDENT // 4 or not _deep_indent(text))):
        return True  # too few markers, tags or spaces to count (a title, a summary, most bodies)
    runs = _RUN.findall(text)
    return (len(runs) <= MAX_MARKERS and max(map(len, runs), default=0) <= MAX_RUN
            and len(_HTML_TAG.findall(text)) <= MAX_HTML_DEPTH and not _deep_indent(text))


def too_deep_message(whole_text: bool = False) -> str:
    """Why such a text is refused: of a field, or (`whole_text`) of a page's body."""
    from .i18n import _

    if whole_text:
        return _("the text is nested too deeply to be read (lists, emphasis or HTML blocks inside one another dozens of levels deep)")
    return _("is nested too deeply to be read (lists, emphasis or HTML blocks inside one another dozens of levels deep)")


def too_deep_hint() -> str:
    from .i18n import _

    return _("flatten the nesting")
