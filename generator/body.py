"""Links and images in officers' Markdown bodies, checked before the build.

MkDocs finds a broken link only while building, in English, without a line number; the
post-build checker finds it even later. `check_body` finds the same mistakes in
`cchc check`, each at the line and column of the link in the file:

- a relative link or image whose file or page will not exist in the site;
- an anchor (`page.md#heading`) that the target page does not have;
- an image without alt text (screen-reader users get nothing);
- an address that runs code (`javascript:`) or embeds data (`data:`);
- an absolute address (`/thu-tuc/`), which breaks when the portal is served under a path.

How addresses resolve follows MkDocs: a Markdown link or image with a file extension is
relative to the Markdown file and rewritten by MkDocs to the target's address; anything
MkDocs leaves as it is (links without an extension such as `../thu-tuc/`, and every
address in raw HTML) is resolved by the browser against the page's own address.

Links are found by a scanner that follows Python-Markdown's inline rules (balanced
brackets, `<…>` destinations, reference definitions, code spans and escapes are not
links) and keeps each link's offset, which Python-Markdown's tree does not.
"""
from __future__ import annotations

import bisect
import difflib
import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Collection
from urllib.parse import unquote, urlsplit

import yaml

from . import placeholders, urls
from .errors import Location, Problem
from .frontmatter import split
from .i18n import _
from .load import compose_yaml, decode_text
from .schema import quoted
from .text import nfc, too_deep, too_deep_hint, too_deep_message

# `anchors(target)` gives the ids a docs-dir Markdown page will have, or None if unknown.
Anchors = Callable[[str], "Collection[str] | None"]

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_PUNCTUATION = set("\\`*_{}[]()#+-.!<>:|\"'~=")
_DEFINITION = re.compile(r"^[ \t]*\[([^\[\]\n]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)[^\n]*$", re.MULTILINE)
# Lengths are capped so that text full of unclosed "<img" or "(" is read in linear time.
_LONGEST = 2000  # characters of an address or a title (a tag: 1000 parts)
_HTML_TAG = re.compile(r"""<(a|img)\b((?:[^>"']|"[^"]{0,1000}"|'[^']{0,1000}'){0,1000})>""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_CODE_SCHEMES = ("javascript:", "vbscript:")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20]")


@dataclass(frozen=True)
class _Link:
    kind: str  # "link" or "image": the problem's field
    url: str  # as written (HTML entities decoded for raw HTML)
    at: int  # offset of the address in the body (where target problems are reported)
    start: int  # offset of the link itself ("!", "[" or "<"): where alt problems are reported
    alt: str | None = None  # images only
    html: bool = False  # raw HTML: MkDocs leaves it as written


def check_body(
    text: str,
    first_line: int,
    src_uri: str,
    shown: str,
    known: Collection[str],
    *,
    page_url: str | None = None,
    anchors: Anchors | None = None,
    unpublished: Collection[str] = (),
) -> list[Problem]:
    """Problems with the links and images of one Markdown body.

    text: the body after the front matter; first_line: the file line it starts on;
    src_uri: the file's path in the docs dir; shown: the path printed in messages;
    known: every docs-dir path the site will have (files, generated pages' sources such as
    `thu-tuc/index.md`, and `urls.src_of(url)` of pages served away from their source);
    page_url: the page's address when it is not its source's (e.g. a dated article);
    anchors: ids of a docs-dir Markdown page, or None where unknown (see `source_anchors`);
    unpublished: docs-dir pages that exist but are not published by this build (drafts,
    pages dated after the build date).
    """
    return check_scan(scan_body(text), first_line, src_uri, shown, known, page_url=page_url, anchors=anchors, unpublished=unpublished)


@dataclass(frozen=True)
class Scan:
    """What `check_body` reads from a body's text alone (kept by `cchc check` between runs,
    see checkmemo.py): its links, references to undefined names, and where its lines start."""

    links: list[_Link]
    unknown_refs: list[tuple[int, str, str]]
    starts: list[int]


def scan_body(text: str) -> Scan:
    masked = _masked(text)
    definitions, masked = _definitions(masked, text)
    links, unknown_refs = _markdown_links(masked, text, definitions)
    links += _html_links(masked, text)
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)] if links or unknown_refs else []  # only to place a problem
    return Scan(links, unknown_refs, starts)


def check_scan(
    scan: Scan,
    first_line: int,
    src_uri: str,
    shown: str,
    known: Collection[str],
    *,
    page_url: str | None = None,
    anchors: Anchors | None = None,
    unpublished: Collection[str] = (),
) -> list[Problem]:
    """`check_body` of a body already scanned."""
    starts = scan.starts

    def where(offset: int) -> Location:
        line = bisect.bisect_right(starts, offset) - 1
        return Location(shown, first_line + line, offset - starts[line] + 1)

    known = known if isinstance(known, (set, frozenset)) else set(known)
    checker = _Checker(src_uri, shown, known, page_url or _page_url(src_uri), anchors, unpublished)
    found: dict[tuple[int, str], Problem] = {}  # a reference used twice is reported once, at its definition
    for offset, written, ref in scan.unknown_refs:
        found[offset, written] = Problem(where(offset), "link", _("{written}: no definition of [{ref}]", written=written, ref=ref), _('add a line "[{ref}]: address" below the text, or correct the name', ref=ref))
    for link in scan.links:
        for at, message, hint in checker.check(link):
            found.setdefault((at, message), Problem(where(at), link.kind, message, hint))
    return sorted(found.values())


def read_body(content: bytes, shown: str, plain_page: bool):
    """What `cchc check` finds in a Markdown file by the file alone: (problems, the body's
    scan or None when there is nothing more to check, the line the body starts on, whether
    it has no `#` link into another page)."""
    text, found = decode_text(content, shown)
    if text is None:
        return (found if plain_page else []), None, 1, True  # a kind's loader has reported it already
    problems = []
    text = nfc(text)
    if plain_page:
        problems += plain_front_matter(text, shown)
    body, first_line = markdown_body(text)
    if too_deep(body):
        return problems + [Problem(Location(shown, first_line, 1), "", too_deep_message(whole_text=True), too_deep_hint())], None, first_line, True
    problems += placeholders.in_text(body, first_line, shown)  # `cchc new` left "write this here"
    return problems, scan_body(body), first_line, not _has_fragment(body)


def _has_fragment(body: str) -> bool:
    """Whether a `#` follows a character other than a space or a `#`: a link's `#part`
    (headings' `#`s follow a line start, a space or a `#`). Each `#` is looked at, not each
    character (a regex without a literal to look for tries every offset of the body)."""
    at = body.find("#", 1)
    while at != -1:
        before = body[at - 1]
        if before != "#" and not before.isspace():  # str.isspace is the regex `\s`
            return True
        at = body.find("#", at + 1)
    return False


def plain_front_matter(text: str, shown: str) -> list[Problem]:
    front, offset = split(text)
    if not front:
        return []
    node, problems = compose_yaml("\n" * offset + front, shown)
    if isinstance(node, yaml.MappingNode):
        for key, __ in node.value:
            if key.value == "template":
                problems.append(Problem(Location(shown, key.start_mark.line + 1, key.start_mark.column + 1), "template",
                                        _("a page cannot choose its own layout"), _("remove the line; the portal's layout is used")))
    return problems


def markdown_body(text: str) -> tuple[str, int]:
    """A Markdown file's body after its front matter, and the file line the body starts on."""
    front, _ = split(text)
    if front is None:
        return text, 1
    skipped = len(front.splitlines()) + 2  # the two `---` lines and the YAML between them
    return "".join(text.splitlines(keepends=True)[skipped:]), skipped + 1


def _blank(chars: list[str], start: int, end: int) -> None:
    """Hide chars[start:end] from the link scanner, keeping newlines (and so positions)."""
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "




def _masked(text: str) -> str:
    """The body with what cannot hold a link (fenced and inline code, HTML comments,
    escaped characters) replaced by spaces, so offsets still point into `text`."""
    if _SPECIAL.search(text) is None and "~~~" not in text:
        return text  # no code, comment, escape or fence: nothing to hide (most articles)
    chars = list(text)
    offset, fence = 0, ""
    for line in (text.splitlines(keepends=True) if "```" in text or "~~~" in text else ()):  # no fence without one
        m = _FENCE.match(line)
        if fence:  # inside a fenced block: it ends at a bare fence as long as the opening one
            _blank(chars, offset, offset + len(line))
            if m and m[1][0] == fence[0] and len(m[1]) >= len(fence) and line.strip() == m[1]:
                fence = ""
        elif m:
            fence = m[1]
            _blank(chars, offset, offset + len(line))
        offset += len(line)
    i, n = 0, len(text)
    fenced = "".join(chars)  # the loop below only blanks behind where it reads
    while (m := _SPECIAL.search(fenced, i)) is not None:
        i = m.start()
        c = m[0]
        if c == "\\" and i + 1 < n and chars[i + 1] in _PUNCTUATION:
            _blank(chars, i, i + 2)
            i += 2
        elif c == "`":
            run = i
            while run < n and chars[run] == "`":
                run += 1
            close = _closing_ticks(chars, run, run - i)
            if close is None:
                i = run
            else:
                _blank(chars, i, close)
                i = close
        elif c == "<" and text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            end = n if end == -1 else end + 3
            _blank(chars, i, end)
            i = end
        else:
            i += 1
    return "".join(chars)


_NEWLINE = re.compile("\n")
_SPECIAL = re.compile(r"[\\`<]")  # what may start an escape, a code span or a comment


def _closing_ticks(chars, i: int, width: int) -> int | None:
    """The offset just past the run of exactly `width` backticks closing a code span
    opened before `i`, within the same paragraph; None if the span is never closed."""
    n = len(chars)
    while i < n:
        c = chars[i]
        if c == "\n" and _blank_line_follows(chars, i):
            return None
        if c == "`":
            run = i
            while run < n and chars[run] == "`":
                run += 1
            if run - i == width:
                return run
            i = run
        else:
            i += 1
    return None


def _blank_line_follows(chars, newline: int) -> bool:
    """Whether the line after the newline at `newline` is blank (a paragraph ends there)."""
    i = newline + 1
    while i < len(chars) and chars[i] in " \t":
        i += 1
    return i >= len(chars) or chars[i] == "\n"


def _ref_id(label: str) -> str:
    """Python-Markdown matches reference names ignoring case and line breaks."""
    return " ".join(label.split()).lower()


def _definitions(masked: str, text: str) -> tuple[dict[str, tuple[str, int]], str]:
    """Reference definitions `[name]: address` (name -> address and its offset), and the
    masked body without them (they are not text the scanner should read as links)."""
    definitions: dict[str, tuple[str, int]] = {}
    if "]:" not in masked:
        return definitions, masked  # no definition can match
    chars = list(masked)
    for m in _DEFINITION.finditer(masked):
        url, at = text[m.start(2):m.end(2)], m.start(2)
        if url.startswith("<"):
            url, at = url[1:-1], at + 1
        definitions.setdefault(_ref_id(m[1]), (url, at))  # the first definition wins, as in Python-Markdown
        _blank(chars, m.start(), m.end())
    return definitions, "".join(chars)


def _bracket_pairs(masked: str) -> dict[int, int]:
    """Each `[` with the `]` that closes it (brackets nest; a paragraph break closes none),
    found in one pass so a body full of unmatched brackets still takes linear time."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for m in _BRACKET_OR_BREAK.finditer(masked):
        i, c = m.start(), m[0]
        if c == "[":
            opened.append(i)
        elif c == "]" and opened:
            pairs[opened.pop()] = i
        elif c == "\n" and opened and _blank_line_follows(masked, i):
            opened.clear()
    return pairs


_BRACKET_OR_BREAK = re.compile(r"[\[\]\n]")


def _destination(masked: str, i: int) -> tuple[int, int, int] | None:
    """For the `(` at i: (address start, address end, offset past the closing `)`)."""
    n = len(masked)
    j = i + 1
    while j < n and masked[j] in " \t\n":
        j += 1
    if j < n and masked[j] == "<":
        end = masked.find(">", j, j + _LONGEST)
        if end == -1 or "\n" in masked[j:end]:
            return None
        start, stop, k = j + 1, end, end + 1
    else:
        start, depth, k = j, 0, j
        limit = min(n, j + _LONGEST)
        while k < limit and masked[k] not in " \t\n":
            if masked[k] == "(":
                depth += 1
                if depth > 32:  # CommonMark's limit too
                    return None
            elif masked[k] == ")":
                if depth == 0:
                    break
                depth -= 1
            k += 1
        stop = k
    while k < n and masked[k] in " \t\n":
        k += 1
    if k < n and masked[k] in "\"'":  # a title
        end = masked.find(masked[k], k + 1, k + 1 + _LONGEST)
        if end == -1:
            return None
        k = end + 1
        while k < n and masked[k] in " \t\n":
            k += 1
    if k < n and masked[k] == ")":
        return start, stop, k + 1
    return None


def _markdown_links(masked: str, text: str, definitions) -> tuple[list[_Link], list[tuple[int, str, str]]]:
    """Inline and reference links and images, in order; and references to undefined names
    (offset, as written, name), which Python-Markdown would print as plain brackets."""
    links: list[_Link] = []
    unknown: list[tuple[int, str, str]] = []
    skip: dict[int, int] = {}  # an inline link's address: jump over it (it may hold brackets)
    pairs = _bracket_pairs(masked)
    i, n = 0, len(masked)
    while i < n:
        if i in skip:
            i = skip.pop(i)
            continue
        if masked[i] != "[":
            following = masked.find("[", i)
            following = n if following == -1 else following
            jump = min((k for k in skip if i <= k < following), default=None)  # an address to step over first
            i = following if jump is None else jump
            continue
        close = pairs.get(i)
        if close is None:
            i += 1
            continue
        image = i > 0 and masked[i - 1] == "!"
        start, kind = (i - 1, "image") if image else (i, "link")
        label = text[i + 1:close]
        alt = label if image else None
        after = close + 1
        if after < n and masked[after] == "(":
            dest = _destination(masked, after)
            if dest is not None:
                links.append(_Link(kind, text[dest[0]:dest[1]], dest[0], start, alt))
                skip[after] = dest[2]
                i += 1  # the link text may hold an image: `[![alt](a.png)](b.md)`
                continue
        ref_open = after + 1 if after < n - 1 and masked[after] in " \n" and masked[after + 1] == "[" else after
        if ref_open < n and masked[ref_open] == "[":
            ref_close = masked.find("]", ref_open, ref_open + _LONGEST)
            if ref_close != -1 and "[" not in masked[ref_open + 1:ref_close]:
                name = _ref_id(masked[ref_open + 1:ref_close]) or _ref_id(label)
                if name in definitions:
                    url, at = definitions[name]
                    links.append(_Link(kind, url, at, start, alt))
                elif ref_open == after:  # `[a] [b]` with a space is as likely to be plain text
                    unknown.append((start, text[start:ref_close + 1], text[ref_open + 1:ref_close] or label))
                skip[ref_open] = ref_close + 1
                i += 1  # the link text may hold an image
                continue
        name = _ref_id(label)
        if name in definitions:  # shortcut reference `[name]`
            url, at = definitions[name]
            links.append(_Link(kind, url, at, start, alt))
        i += 1
    return links, unknown


def _html_links(masked: str, text: str) -> list[_Link]:
    """`<a href>` and `<img src>` written as raw HTML (entities decoded as a browser would)."""
    links = []
    for m in _HTML_TAG.finditer(masked):
        tag = m[1].lower()
        attrs: dict[str, tuple[str, int]] = {}
        for a in _ATTRIBUTE.finditer(text, m.start(2), m.end(2)):
            value = next((g for g in a.groups()[1:] if g is not None), None)
            if value is not None:
                group = next(k for k in (2, 3, 4) if a.group(k) is not None)
                attrs.setdefault(a[1].lower(), (html.unescape(value), a.start(group)))
            else:
                attrs.setdefault(a[1].lower(), ("", a.end(1)))
        key = "src" if tag == "img" else "href"
        url, at = attrs.get(key, (None, m.start()))
        alt = attrs.get("alt", ("", 0))[0] if tag == "img" else None
        if url is not None or tag == "img":
            links.append(_Link("image" if tag == "img" else "link", url or "", at, m.start(), alt, html=True))
    return links


def _page_url(src_uri: str) -> str:
    """The address MkDocs gives a page (directory URLs): a/b.md -> /a/b/, a/index.md -> /a/."""
    stem = posixpath.splitext(src_uri)[0]
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return f"/{stem}/" if stem else "/"


def _short(url: str) -> str:
    return quoted(url if len(url) <= 60 else url[:57] + "…")


class _Checker:
    def __init__(self, src_uri: str, shown: str, known: Collection[str], page_url: str, anchors: Anchors | None, unpublished: Collection[str]):
        self.src_uri, self.known, self.page_url, self.anchors, self.unpublished = src_uri, known, page_url, anchors, unpublished
        self.here = posixpath.dirname(src_uri)
        # The docs dir as shown ("content/"), to name targets as the officer sees them.
        self.docs = shown[: -len(src_uri)] if shown.endswith(src_uri) else ""

    def relative(self, target: str) -> str:
        """How this file links to the docs-dir path `target`."""
        return posixpath.relpath(target, self.here or ".")

    def check(self, link: _Link):
        """(offset, message, hint) for each problem with this link."""
        if link.kind == "image" and not (link.alt or "").strip():
            yield link.start, _("image {url} has no alt text", url=_short(link.url)), (
                _('add alt="…" saying what the image shows; screen readers read it to people who cannot see it') if link.html
                else _("write what the image shows between the brackets, e.g. ![Hội nghị triển khai kế hoạch]({url}); screen readers read it to people who cannot see it", url=link.url)
            )
        url = link.url.strip()
        compact = _CONTROL_OR_SPACE.sub("", url).lower()
        if compact.startswith(_CODE_SCHEMES):
            yield link.at, _("{url}: addresses that run code are not allowed", url=_short(url)), _("link to a page or a file instead")
            return
        if compact.startswith("data:"):
            yield link.at, _('{url}: "data:" addresses are not allowed', url=_short(url)), _("put the file in content/ and link to it by its name")
            return
        if not url:
            if link.kind == "link" and not link.html:
                yield link.at, _("the link has no address"), _("write the address between the parentheses")
            return
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unclosed "[" after "//"
            yield link.at, _("{url} is not a valid address", url=_short(url)), _("check it character by character, or copy it again from the browser")
            return
        if parts.scheme or parts.netloc:
            return  # another site, e-mail, phone: not ours to check
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if not path:
            return  # an anchor on this page: checked after the build, with the generated parts
        if path.startswith("/"):
            yield link.at, _('{url}: an address starting with "/" breaks when the portal is not at the root of its domain', url=_short(url)), self.absolute_hint(path)
            return
        if link.html and path.endswith(".md"):
            yield link.at, _("{url}: a .md address in HTML is not turned into the page's address", url=_short(url)), _("write the link in Markdown: [text]({url})", url=url)
            return
        extension = posixpath.splitext(path)[1]
        if not link.html and (extension or self.resolve(path) in self.known):
            yield from self.check_file(link, url, self.resolve(path), fragment)
        else:
            yield from self.check_address(link, url, path, bool(extension))

    def resolve(self, path: str) -> str:
        return posixpath.normpath(posixpath.join(self.here, path))

    def check_file(self, link: _Link, url: str, target: str, fragment: str):
        """A link MkDocs resolves relative to the Markdown file."""
        if target == ".." or target.startswith("../"):
            message = (_("{url} points outside {folder}", url=_short(url), folder=self.docs) if self.docs
                       else _("{url} points outside the docs folder", url=_short(url)))
            yield link.at, message, _('the address is relative to this file: remove a "../"')
        elif target in self.unpublished:
            yield link.at, _("{url}: {file} is not published (a draft, or dated after the build date)", url=_short(url), file=self.docs + target), _("link to it once it is published")
        elif target not in self.known:
            yield link.at, _("{url}: there is no {file}", url=_short(url), file=self.docs + target), self.suggest(target)
        elif fragment and target.endswith(".md") and self.anchors is not None:
            ids = self.anchors(target)
            if ids is not None and fragment not in ids:
                close = difflib.get_close_matches(fragment, sorted(ids), n=1)
                hint = _('did you mean "#{anchor}"?', anchor=close[0]) if close else _('an anchor is a heading in lowercase without tone marks, words joined by "-"')
                yield link.at, _("{url}: {file} has no heading with the anchor #{anchor}", url=_short(url), file=self.docs + target, anchor=fragment), hint

    def check_address(self, link: _Link, url: str, path: str, is_file: bool):
        """An address left as written, which the browser resolves against the page's address."""
        joined = posixpath.normpath(posixpath.join(self.page_url.lstrip("/"), path))
        if joined == ".." or joined.startswith("../"):
            yield link.at, _("{url} points outside the portal", url=_short(url)), _('remove a "../"; an address in HTML is relative to the page\'s address, not to this file')
            return
        if is_file:
            if joined not in self.known:
                yield link.at, _("{url}: there is no {file}", url=_short(url), file=self.docs + joined), _("an address in HTML is relative to the page's address, not to this file: use Markdown, which is relative to this file")
            return
        page = "index.md" if joined == "." else joined + "/index.md"
        if page in self.known or joined + ".md" in self.known:
            return
        meant = self.resolve(path)
        meant = "index.md" if meant == "." else meant + "/index.md"
        hint = (
            _("link to the page's .md file relative to this file: {file}", file=quoted(self.relative(meant))) if meant in self.known
            else _("link to the page's .md file, relative to this file")
        )
        yield link.at, _("{url}: no page at this address", url=_short(url)), hint

    def absolute_hint(self, path: str) -> str:
        target = path.strip("/")
        for candidate in (target, f"{target}/index.md" if target else "index.md", f"{target}.md"):
            if candidate in self.known:
                return _("write it relative to this file: {file}", file=quoted(self.relative(candidate)))
        return _('write it relative to this file, e.g. "../thu-tuc/index.md"')

    def suggest(self, target: str) -> str:
        same_but_case = [k for k in self.known if k.lower() == target.lower()]
        if same_but_case:  # fine on the officer's Windows PC, broken on the web server
            return _("did you mean {file}? capitals count in addresses", file=quoted(self.relative(same_but_case[0])))
        extension = posixpath.splitext(target)[1]
        same_kind = [k for k in self.known if posixpath.splitext(k)[1] == extension and k != self.src_uri]
        close = difflib.get_close_matches(target, same_kind, n=1, cutoff=0.8)
        if close:
            return _("did you mean {value}?", value=quoted(self.relative(close[0])))
        return _("the address is relative to this file")


# The portal's Markdown extensions that give elements ids (as in mkdocs.yml).
def _id_extensions():
    from markdown.extensions.toc import TocExtension

    return ["attr_list", "md_in_html", "admonition", "tables", TocExtension(slugify=urls.slugify)]


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def heading_ids(body: str) -> set[str]:
    """The ids a Markdown body gives its elements (headings slugged as on the site, `{#id}`
    attributes, raw HTML ids), found by rendering it with Python-Markdown."""
    import markdown

    parser = _Ids()
    parser.feed(markdown.markdown(body, extensions=_id_extensions()))
    return parser.ids


def source_anchors(docs: Path, partial: Collection[str] = ()) -> Anchors:
    """`anchors` for check_body: the ids of each Markdown file in `docs`, read once.

    `partial`: docs-dir paths of pages whose body is only part of the page (the generator
    adds a header or footer with more headings); like generated pages, their anchors are
    left to the post-build checker."""
    partial = frozenset(partial)

    @lru_cache(maxsize=None)
    def anchors(target: str) -> frozenset[str] | None:
        file = docs / target
        if target in partial or not file.is_file():
            return None  # generated page
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None  # the file's own check reports it
        try:
            return frozenset(heading_ids(markdown_body(text)[0]))
        except RecursionError:  # nesting too deep to render: reported for that file itself
            return None

    return anchors
