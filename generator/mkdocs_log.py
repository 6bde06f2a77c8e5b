"""MkDocs' own warnings, as an officer should read them: in the chosen language, naming the
file and line, or not at all where our checks already say the same.

MkDocs logs a broken link in a page as "Doc file 'x.md' contains a link 'y', but the target
'z' is not found among documentation files." during `cchc build` and `cchc serve`. A logging
filter on MkDocs' loggers rewrites each such record before any handler sees it, so the
console shows our message and `--strict` still counts it as a warning. The line is found by
searching the page's Markdown for the link as written. No mkdocs import: records are read by
their text, the loggers by their names.
"""
from __future__ import annotations

import logging
import re
from typing import Callable

from .i18n import _

# The loggers MkDocs reports content problems on (pages: links and anchors; nav: mkdocs.yml),
# and those that tell how a build or preview is going.
LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.livereload")

_NOT_FOUND = re.compile(
    r"^Doc file '(?P<src>.+?)' contains a link '(?P<url>.*?)', but the target(?: '(?P<target>.+?)')? is not found "
    r"among documentation files\.(?: Did you mean '(?P<suggest>.+?)'\?)?$", re.S)
_NO_ANCHOR = re.compile(
    r"^Doc file '(?P<src>.+?)' contains a link '(?P<url>.*?)', but the doc '(?P<target>.+?)' does not contain an anchor "
    r"'#(?P<anchor>.*?)'\.$", re.S)
_NO_ANCHOR_HERE = re.compile(
    r"^Doc file '(?P<src>.+?)' contains a link '(?P<url>.*?)', but there is no such anchor on this page\.(?P<footnote> This seems .*)?$", re.S)
_ABSOLUTE = re.compile(r"^Doc file '(?P<src>.+?)' contains an absolute link '(?P<url>.*?)', it was left as is\.(?: Did you mean '(?P<suggest>.+?)'\?)?$", re.S)
_EXCLUDED = re.compile(r"^Doc file '(?P<src>.+?)' contains a link to '(?P<target>.+?)' which is excluded from the built site\.$", re.S)
_NAV_MISSING = re.compile(r"^A reference to '(?P<url>.+?)' is included in the 'nav' configuration, which is not found in the documentation files\.$", re.S)
_NAV_ABSOLUTE = re.compile(r"^An absolute path to '(?P<url>.+?)' is included in the 'nav' configuration, which presumably points to an external resource\.$", re.S)
_NAV_EXCLUDED = re.compile(r"^A reference to '(?P<url>.+?)' is included in the 'nav' configuration, but this file is excluded from the built site\.$", re.S)
_NOT_IN_NAV = re.compile(r"^The following pages exist in the docs directory, but are not included in the \"nav\" configuration:", re.S)
# MkDocs' progress lines during `cchc build` and `cchc serve`: (pattern, our words).
_PROGRESS = (
    (re.compile(r"^Cleaning site directory$"), lambda m: _("Cleaning site directory")),
    (re.compile(r"^Building documentation to directory: (.+)$", re.S), lambda m: _("Building documentation to directory: {folder}", folder=m[1])),
    (re.compile(r"^Documentation built in ([0-9.]+) seconds$"), lambda m: _("Documentation built in {seconds} seconds", seconds=m[1])),
    (re.compile(r"^Building documentation\.\.\.$"), lambda m: _("Building documentation...")),
    (re.compile(r"^Serving on (\S+) and opening it in a browser$"), lambda m: _("Serving on {url} and opening it in a browser", url=m[1])),
    (re.compile(r"^Serving on (\S+)$"), lambda m: _("Serving on {url}", url=m[1])),
    (re.compile(r"^Watching paths for changes: (.+)$", re.S), lambda m: _("Watching paths for changes: {paths}", paths=m[1])),
    (re.compile(r"^Detected file changes$"), lambda m: _("Detected file changes")),
    (re.compile(r"^Reloading browsers$"), lambda m: _("Reloading browsers")),
    (re.compile(r"^Browser connected: (\S+)$"), lambda m: _("Browser connected: {url}", url=m[1])),
    (re.compile(r"^Shutting down\.\.\.$"), lambda m: _("Shutting down...")),
)
_FILE_NOT_FOUND = re.compile(r"^File not found: (?P<src>.+)$", re.S)
_ENCODING = re.compile(r"^Encoding error reading file: (?P<src>.+)$", re.S)

# src_uri -> (the file as officers know it, its Markdown text or None for a generated page)
Source = Callable[[str], "tuple[str, str | None]"]


def where(source: Source, src: str, written: str) -> str:
    """`content/x.md:12:5` at the first place the page's Markdown has `written` as a link
    target (`](written`, `href="written"`, `[ref]: written`), else anywhere, else the file."""
    shown, text = source(src)
    if not text or not written:
        return shown
    at = -1
    for pattern in (f"]({written}", f'="{written}"', f"='{written}'", f"]: {written}", f"<{written}>"):
        at = text.find(pattern)
        if at >= 0:
            at += len(pattern) - len(written)
            break
    else:
        at = text.find(written)
    if at < 0:
        return shown
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"{shown}:{line}:{col}"


def officers_message(message: str, source: Source, config_file: str = "mkdocs.yml") -> str | None:
    """Our wording of one of MkDocs' messages (None: drop it, our checks said it already;
    the message itself when it is none of those we know)."""
    if _NOT_IN_NAV.match(message):
        return None  # by design: listings reach most pages; every file is accounted for by `cchc check`
    m = _NOT_FOUND.match(message)
    if m:
        text = _("{where}: link: {url}: there is no {file}", where=where(source, m["src"], m["url"]), url=m["url"],
                 file=source(m["target"] or m["url"])[0])
        return text + (" (" + _("did you mean {value}?", value='"' + m["suggest"] + '"') + ")" if m["suggest"] else "")
    m = _NO_ANCHOR.match(message)
    if m:
        return _("{where}: link: {url}: {file} has no heading with the anchor #{anchor}", where=where(source, m["src"], m["url"]),
                 url=m["url"], file=source(m["target"])[0], anchor=m["anchor"])
    m = _NO_ANCHOR_HERE.match(message)
    if m:
        anchor = m["url"].partition("#")[2]
        return _("{where}: link: {url}: this page has no heading with the anchor #{anchor}", where=where(source, m["src"], m["url"]),
                 url=m["url"], anchor=anchor)
    m = _ABSOLUTE.match(message)
    if m:
        return _('{where}: link: {url}: an address starting with "/" breaks when the portal is not at the root of its domain',
                 where=where(source, m["src"], m["url"]), url=m["url"])
    m = _EXCLUDED.match(message)
    if m:
        return None  # a link to a draft or a page dated later: `cchc check` reports it in the page's own words
    m = _NAV_MISSING.match(message) or _NAV_EXCLUDED.match(message)
    if m:
        return _("{file}: nav: {url} is not a published page of content/", file=config_file, url=m["url"])
    m = _NAV_ABSOLUTE.match(message)
    if m:
        return _("{file}: nav: {url} starts with \"/\"; give the page's file relative to content/", file=config_file, url=m["url"])
    for pattern, words in _PROGRESS:
        m = pattern.match(message)
        if m:
            return words(m)
    m = _FILE_NOT_FOUND.match(message)
    if m:
        return _("{file}: the file cannot be found; it was moved or deleted while the portal was being built", file=m["src"])
    m = _ENCODING.match(message)
    if m:
        return _("{file}: the file is not UTF-8 text; save it as UTF-8 in your editor", file=m["src"])
    return message


class OfficersFilter(logging.Filter):
    """Rewrites (or drops) MkDocs' records about content before any handler sees them."""

    def __init__(self, source: Source, config_file: str = "mkdocs.yml"):
        super().__init__()
        self.source, self.config_file = source, config_file

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # pragma: no cover - a malformed record: leave it to logging
            return True
        mine = officers_message(message, self.source, self.config_file)
        if mine is None:
            return False
        if mine != message:
            record.msg, record.args = mine, ()
        return True


def install(source: Source, config_file: str = "mkdocs.yml") -> OfficersFilter:
    """Put one filter on MkDocs' content loggers (replacing ours from an earlier build of `serve`)."""
    new = OfficersFilter(source, config_file)
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, OfficersFilter)]:
            logger.removeFilter(old)
        logger.addFilter(new)
    return new
