"""One home for escaping text into the download formats, each by its own standard.

Officers' text goes into calendars (iCalendar, RFC 5545), contact cards (vCard, RFC 6350)
and report spreadsheets (CSV opened in Excel). Each format has a way for text to become
something else: a line break that starts a new calendar property, a cell that Excel runs
as a formula. The functions here close those ways; exports.py and kinds/hotline.py build
their files with them.
"""
from __future__ import annotations

import re

# Every way of breaking a line a reader's program might honour: CRLF, CR, LF and Unicode's.
_NEWLINE = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# Control characters have no place in a content line (RFC 5545 §3.1: HTAB only).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


# Characters XML 1.0 cannot carry at all, escaped or not (§2.2).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text) -> str:
    """Text for a feed: what XML cannot carry is dropped (autoescape then escapes the rest)."""
    return _NOT_XML.sub("", str(text))


def ical_text(text: str) -> str:
    """A TEXT value for iCalendar (RFC 5545 §3.3.11) or vCard (RFC 6350 §3.4): backslash,
    semicolon and comma escaped, every line break written as \\n."""
    text = _NEWLINE.sub("\n", text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _CONTROL.sub("", text)


def fold(line: str) -> str:
    """One content line, folded after 75 octets with CRLF and a space (RFC 5545 §3.1, RFC 6350
    §3.2), never inside a UTF-8 character. A raw CR or LF left in the line (an address, an
    identifier) is dropped first: nothing inside a value can start a new property."""
    data = _CONTROL.sub("", line).encode("utf-8")
    parts, start = [], 0
    while len(data) - start > 75:
        cut = start + (75 if start == 0 else 74)  # continuation lines begin with a space
        while (data[cut] & 0xC0) == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(data[start:cut].decode("utf-8"))
        start = cut
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def content_lines(lines) -> str:
    """Lines of a calendar or card, each folded and ended with CRLF."""
    return "".join(fold(line) + "\r\n" for line in lines)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell Excel shows as text, never runs as a formula (OWASP "CSV injection"): text
    starting with = + - @ tab or CR gets a leading apostrophe. Numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
