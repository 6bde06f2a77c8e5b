"""A fast reader of the start and end tags of HTML the build itself wrote (the theme's pages
around sanitized content), for the post-build steps that read every page: the Content-
Security-Policy (csp.py) and the link check (linkcheck.py).

`html.parser` costs about 3 ms for a 20 KB page; one regular expression over the page that
steps from tag to tag costs a fraction of that. What it reads is well-formed HTML
(Material's templates, and bodies serialised by the sanitizer), so it needs none of the
parser's error recovery. It still never looks inside a quoted attribute value, a comment, or
the raw text of <script> and <style> for tags: text there that looks like a tag is not one,
exactly as a browser reads it.
"""
from __future__ import annotations

import re
from html import unescape
from typing import Iterator, NamedTuple

_TAG = re.compile(
    r"<!--.*?-->"  # a comment: skipped whole
    r"|<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",  # a tag; quoted values may hold ">"
    re.S,
)
_ATTR = re.compile(r"([^\s/>=\"']+)(\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']*)))?")
# Elements whose content is text up to their end tag.
_RAW_END = {name: re.compile(f"</{name}", re.I) for name in ("script", "style")}


class Tag(NamedTuple):
    name: str  # lower case
    closing: bool  # an end tag
    attrs: str  # the attributes as written (see attributes())
    start: int  # where the tag begins in the page
    text: str  # the raw text of a <script> or <style>, else ""


def tags(html: str) -> Iterator[Tag]:
    """The page's tags in order; a <script> or <style> start tag comes with its text."""
    pos, length = 0, len(html)
    search = _TAG.search
    while pos < length:
        match = search(html, pos)
        if match is None:
            return
        pos = match.end()
        name = match[2]
        if name is None:  # a comment
            continue
        name = name.lower()
        closing = bool(match[1])
        text = ""
        if name in _RAW_END and not closing:
            end = _RAW_END[name].search(html, pos)
            end = length if end is None else end.start()
            text, pos = html[pos:end], end
        yield Tag(name, closing, match[3], match.start(), text)


# A comment, or a script or style element: its start tag is kept, its text left out.
_HIDDEN = re.compile(r"<(?:!--.*?-->|(script|style)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>.*?(?=</\1))", re.S | re.I)
_START = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")


def start_tags(html: str) -> list[tuple[str, str]]:
    """(name as written, attributes as written) of every start tag; faster than tags() when
    the text of scripts is not needed (comments and script and style text taken out first)."""
    return _START.findall(_HIDDEN.sub(_outside, html))


def _outside(match: re.Match) -> str:
    return f"<{match[1]}{match[2]}>" if match[1] else ""


def attributes(attrs: str) -> list[tuple[str, str | None]]:
    """(name in lower case, value with character references decoded, or None when bare)."""
    return [(name.lower(), unescape(double or single or bare) if equals else None) for name, equals, double, single, bare in _ATTR.findall(attrs)]
