"""Every internal link and anchor of the finished site, checked before it is published.

Runs on the built folder, so it sees what readers get: links written by officers,
links made by our templates, and links the theme adds. Each file is read once:
HTML with htmlscan's tag reader (links, and the ids and `<a name>`s that
anchors may point at), Atom/RSS/sitemap XML, iCalendar and vCard (`URL:` after
unfolding), CSV and JSON (values that are addresses on the site).

A link is internal when it resolves into site_url (host and path prefix, e.g.
https://example.gov.vn/cchc/). Other hosts and other schemes (mailto:, tel:…) are
never fetched. A root-relative link that leaves the path prefix ("/tin-tuc/" on a
site at /cchc/) is broken: it works in no preview and on no server of the portal.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from . import htmlscan
from .i18n import _, _n

# Attributes that hold one address (srcset holds several; handled apart).
_LINK_ATTRS = frozenset({"href", "src", "poster", "data", "action", "formaction", "xlink:href"})
_UNFOLD = re.compile(r"\r?\n[ \t]")  # RFC 5545 §3.1 / RFC 6350 §3.2 line folding
# Attributes read from a page: its links and anchor targets (a tag with none is skipped).
_WANTED = re.compile(r"(?<![\w:-])(?:id|name|href|src|srcset|poster|data|action|formaction|xlink:href|content)\s*=", re.I)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


@dataclass(frozen=True)
class BrokenLink:
    source: str  # what an officer edits: "content/tin-tuc/x.md", or "generated page /ke-hoach/"
    page: str  # the built file the link is in, site-relative ("tin-tuc/2021/03/x/index.html")
    link: str  # as written
    target: str  # where it points, as a path on the server ("/cchc/tin-tuc/y/#muc-1")
    problem: str  # "no such page", "no such file", "no such anchor on that page", …

    def line(self) -> str:
        return _('{source}: link "{link}" -> {target}: {problem}', source=self.source, link=self.link, target=self.target, problem=self.problem)


def check_site(site_dir: Path, site_url: str, sources: Mapping[str, str] | None = None, later: Iterable[str] = ("pagefind/",),
               parse: Callable[[str], tuple[set[str], list]] | None = None) -> list[BrokenLink]:
    """The broken internal links of the built site in `site_dir`.

    sources: built file (site-relative) -> the source shown for its links; files not in it
    are shown as "generated file /path". later: folders written after the check (the
    Pagefind index): links into them count as found, their files are not read.
    Ordered by source, then page, then place in the page; each link once per page.
    parse: reads a page's ids and links, as `parse_page` does (the build passes it cached).
    """
    site = _Site(Path(site_dir), site_url, tuple(later), parse or parse_page)
    found: dict[tuple, BrokenLink] = {}
    for page, links in site.links.items():
        source = (sources or {}).get(page) or _("generated file /{file}", file=page)
        for link, certain in links:
            broken = site.check(page, link, certain)
            if broken:
                found.setdefault((source, page, link), BrokenLink(source, page, link, *broken))
    return sorted(found.values(), key=lambda b: (b.source, b.page))


def report(broken: list[BrokenLink], limit: int = 200) -> str:
    """One line per broken link, at most `limit` of them, then how many more there are."""
    lines = [_n("{count} broken link in the built site:", "{count} broken links in the built site:", len(broken), count=len(broken))]
    lines += [b.line() for b in broken[:limit]]
    if len(broken) > limit:
        lines.append(_("… and {count} more", count=len(broken) - limit))
    return "\n".join(lines)


class _Site:
    def __init__(self, root: Path, site_url: str, later: tuple[str, ...], parse=None):
        self.parse = parse or parse_page
        base = site_url if site_url.endswith("/") else site_url + "/"
        parts = urlsplit(base)
        self.base, self.netloc, self.prefix = base, parts.netloc.lower(), parts.path
        self.later = later
        self.files: set[str] = set()
        self.ids: dict[str, set[str]] = {}  # HTML page -> its ids and <a name>s
        self.links: dict[str, list[tuple[str, bool]]] = {}  # file -> (link, must it be an address?)
        self._checked: dict[tuple[str, str, bool], tuple[str, str] | None] = {}  # (resolved against, link, certain) -> result
        self._rooted: dict[tuple[int, str, bool], tuple[str, str] | None] = {}  # (page's depth, "../…" link, certain) -> result
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            rel = os.path.relpath(folder, root).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            for name in sorted(names):
                path = rel + name
                self.files.add(path)
                if not path.startswith(later):
                    self._read(root / path, path)

    def _read(self, file: Path, path: str) -> None:
        suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
        if suffix in ("html", "htm"):
            self.ids[path], links = self.parse(file.read_text(encoding="utf-8", errors="replace"))
        elif suffix in _READERS:
            links = _READERS[suffix](file.read_text(encoding="utf-8", errors="replace"))
        else:
            return
        if links:
            self.links[path] = list(dict.fromkeys(links))  # the nav repeats links; check each once

    def check(self, page: str, link: str, certain: bool) -> tuple[str, str] | None:
        """(target, problem) when the link is internal and broken, else None.

        certain: the value is meant as an address (an href); otherwise (any JSON string, a
        CSV cell) it is checked only when it is a full address on the site."""
        raw = link.strip()
        if raw.startswith("../"):  # the theme's links up to the site's root, the same from every page as deep
            rooted = (page.count("/"), raw, certain)  # the folders above the page (see _resolved_against)
            if rooted in self._rooted:
                return self._rooted[rooted]
        base, rest = _resolved_against(_served_at(page), raw)
        if raw[:1] in ("", "#", "?"):
            return self._check(base, rest, certain)  # into the page itself: nothing to share, nothing kept
        key = (base, rest, certain)
        if key not in self._checked:
            self._checked[key] = self._check(base, rest, certain)
        if raw.startswith("../") and base == "":  # resolved from the root: `rooted` names it for any page as deep
            self._rooted[rooted] = self._checked[key]
        return self._checked[key]

    def _check(self, base: str, raw: str, certain: bool) -> tuple[str, str] | None:
        if not certain and not raw.lower().startswith(("http://", "https://")):
            return None  # a value that is not an address (a GUID, a name)
        try:
            parts = urlsplit(urljoin(self.base + base, raw))
        except ValueError:  # e.g. "http://[" : not an address anyone can follow
            return raw, _("not a valid address")
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.netloc:
            return None
        fragment = unquote(parts.fragment)
        shown = unquote(parts.path) + (f"#{fragment}" if fragment else "")
        path = self.prefix if parts.path + "/" == self.prefix else parts.path  # "/cchc" is the home page
        if not path.startswith(self.prefix):
            if "//" in raw.split("?")[0].split("#")[0]:
                return None  # a full address of another part of the same host: not ours
            return shown, _("outside the site, which starts at {prefix}", prefix=self.prefix)
        rel = unquote(path[len(self.prefix):])
        if rel.startswith(self.later):
            return None
        target = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        if target not in self.files:
            if target + "/index.html" in self.files:
                target += "/index.html"  # servers redirect a folder to its slash form
            else:
                name = target.rsplit("/", 1)[-1]
                page_like = name.endswith((".html", ".htm")) or "." not in name
                return shown, _("no such page") if page_like else _("no such file")
        if fragment and fragment.lower() != "top" and target in self.ids and fragment not in self.ids[target]:
            return shown, _("no such anchor on that page")
        return None


def _resolved_against(served: str, raw: str) -> tuple[str, str]:
    """A (site-relative page or folder, link) that resolves to the same address as `raw` on
    the page served at `served`, with leading "../" taken off the folder: the theme's
    navigation, on every page, is then checked once per depth, not once per page."""
    if raw[:1] in ("", "#", "?"):
        return served, raw  # the page itself
    scheme = _SCHEME.match(raw)
    if raw.startswith("/") or (scheme and (raw.startswith("//", scheme.end()) or scheme[1].lower() not in ("http", "https"))):
        return "", raw  # the same from every page ("https:x" without "//" is relative: not here)
    folder = served[:served.rfind("/") + 1]
    rest, ups = raw, 0
    while rest.startswith("../") or rest == "..":
        rest, ups = rest[3:], ups + 1
    segments = folder.rstrip("/").split("/") if folder else []
    if not ups or ups > len(segments) or "./" in rest or rest.endswith("."):
        return folder, raw  # resolved by urljoin as written
    kept = "/".join(segments[:len(segments) - ups])
    return (kept + "/" if kept else ""), rest


def _served_at(path: str) -> str:
    """The address a built file is read at: "x/index.html" is served as "x/"."""
    return path[:-len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def parse_page(html: str) -> tuple[set[str], list[tuple[str, bool]]]:
    """Anchor targets (ids and <a name>s) and links of one HTML page (character references decoded)."""
    ids: set[str] = set()
    links: list[tuple[str, bool]] = []
    for tag, written in htmlscan.start_tags(html):
        found = _read_tag(tag, written)
        if found is not None:
            ids.update(found[0])
            links.extend(found[1])
    return ids, links


@functools.lru_cache(maxsize=1 << 16)
def _read_tag(tag: str, written: str) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...]] | None:
    """A start tag's anchor targets and links (None when it has neither). The theme writes the
    same tags on every page (the navigation's links at each depth, icons, the header): each
    distinct one is read once a build, not once a page."""
    if not _WANTED.search(written):
        return None  # most tags of the theme: only a class and data-md-* attributes
    ids: list[str] = []
    links: list[tuple[str, bool]] = []
    tag = tag.lower()
    attrs = htmlscan.attributes(written)
    for name, value in attrs:
        if value is None:
            continue
        if name == "id":
            ids.append(value)
        elif name in _LINK_ATTRS:
            links.append((value, True))
        elif name == "srcset":
            links.extend((c.split()[0], True) for c in value.split(",") if c.strip())
        elif name == "name" and tag == "a":
            ids.append(value)
        elif name == "content" and tag == "meta":
            refresh = _REFRESH_URL.search(value) if any(n == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs) else None
            links.append((refresh.group(1), True) if refresh else (value, False))
    return tuple(ids), tuple(links)


def _xml_links(text: str) -> list[tuple[str, bool]]:
    """Atom, RSS and sitemaps: href/url/src attributes, and element text that is an address."""
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError:
        # Not well-formed (another check's business): still check every address in it.
        return [(m, False) for m in re.findall(r"https?://[^\s\"'<>]+", text)]
    links = []
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] in ("href", "url", "src"):
                links.append((value, True))
        if element.text and element.text.strip() and not any(c.isspace() for c in element.text.strip()):
            links.append((element.text.strip(), False))
    return links


def _card_links(text: str) -> list[tuple[str, bool]]:
    """iCalendar and vCard: URL properties, and any other property whose value is an address
    (a vCard UID written as the hotline's address)."""
    links = []
    for line in _UNFOLD.sub("", text).splitlines():
        name, sep, value = line.partition(":")
        if not sep:
            continue
        prop = name.split(";", 1)[0].rsplit(".", 1)[-1].upper()  # "item1.URL;TYPE=work" -> URL
        links.append((value, prop == "URL"))
    return links


def _csv_links(text: str) -> list[tuple[str, bool]]:
    return [(cell, False) for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def _json_links(text: str) -> list[tuple[str, bool]]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    links, stack = [], [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            links.append((value, False))
        elif isinstance(value, dict):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return links


_READERS = {  # besides HTML, which parse_page reads
    "xml": _xml_links, "atom": _xml_links, "rss": _xml_links,
    "ics": _card_links, "vcf": _card_links,
    "csv": _csv_links, "json": _json_links,
}


def main(argv: list[str] | None = None) -> int:
    """python -m generator.linkcheck SITE_DIR SITE_URL: check a built site by hand."""
    site_dir, site_url = (argv if argv is not None else sys.argv[1:])[:2]
    broken = check_site(Path(site_dir), site_url)
    print(report(broken) if broken else _("No broken links."))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
