"""Every page's Content-Security-Policy: defence in depth behind the sanitizer.

Should anything ever slip script into a page, the browser still refuses to run it: scripts
load only from the site itself, plus the theme's own few inline scripts, each allowed by the
SHA-256 of its exact text (Material's differ per page depth, so they are hashed per page).
Only inline scripts OUTSIDE the page content (Material's <article class="md-content__inner">)
are hashed: a script that got into the content is never blessed. A page without that
article (not one of the theme's content pages) gets no hash at all.

The policy is a <meta http-equiv> tag, so it travels with the static files to any host.
Pagefind's search compiles WebAssembly ('wasm-unsafe-eval') and fetches its index from the
site ('self'); nothing is loaded from another host, except the search indexes of a family's
portals on other hosts, which the root's pages may fetch (connect-src, family_search.py).
"""
from __future__ import annotations

import base64
import hashlib
import re

from . import htmlscan

# Types a browser runs as script; JSON blocks (Material's __config, JSON-LD) are data.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
_CONTENT_CLASS = "md-content__inner"
_CONTENT_START = '<article class="md-content__inner'

# Fonts, audio and video, and workers come from the site only through default-src (and
# script-src): the policy is on every page, so no directive that says it again.
POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self' 'unsafe-inline'",  # the theme sets inline styles; sanitized content carries none
    "img-src 'self' data:",  # the theme's icons are data: SVG masks in its style sheet
    "connect-src 'self'{connect}",  # and the hosts of a family's other indexes (family_search.py)
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def _outside_scripts(html: str) -> tuple[list[str], bool]:
    """The text of the inline scripts outside the page content, and whether the page has
    that content (Material's <article class="md-content__inner">)."""
    outside: list[str] = []
    found_content, depth = False, 0  # depth: <article> nesting inside the content article (0: outside it)
    for tag in htmlscan.tags(html):
        if tag.name == "article":
            if tag.closing:
                depth -= 1 if depth else 0
            elif depth:
                depth += 1
            elif _CONTENT_CLASS in (dict(htmlscan.attributes(tag.attrs)).get("class") or "").split():
                depth, found_content = 1, True
        elif tag.name == "script" and not tag.closing and not depth:
            attrs = dict(htmlscan.attributes(tag.attrs))
            if "src" not in attrs and (attrs.get("type") or "").strip().lower() in _SCRIPT_TYPES:
                outside.append(tag.text)
    return outside, found_content


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


_INLINE = re.compile(r"<script\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script", re.S | re.I)


def _around(html: str, content: str) -> tuple[list[str], bool] | None:
    """Like _outside_scripts, for a page whose content (the sanitized body the theme put in
    its content article, as it is there) is known: only the theme's text around it is read.
    None when the content is not in the page's content article as given."""
    at = html.find(content) if content else -1
    if at == -1 or html.find(content, at + 1) != -1 or _CONTENT_START not in html[max(0, at - 4096):at]:
        return None  # not there, or there twice: which one is the content is not certain
    outside: list[str] = []
    for part in (html[:at], html[at + len(content):]):
        for match in _INLINE.finditer(part):
            attrs = dict(htmlscan.attributes(match[1]))
            if "src" not in attrs and (attrs.get("type") or "").strip().lower() in _SCRIPT_TYPES:
                outside.append(match[2])
    return outside, True


def policy(html: str, content: str | None = None, connect: tuple[str, ...] = ()) -> str:
    """The policy for this page: 'self' plus the hashes of the theme's inline scripts.
    content: the page content as the theme printed it, when known (faster). connect: other
    origins the page may fetch from (the search indexes of a family's portals on other hosts)."""
    outside, found_content = (content is not None and _around(html, content)) or _outside_scripts(html)
    hashes = sorted({_sha256(text) for text in outside}) if found_content else []
    return "; ".join(POLICY).format(hashes="".join(" " + h for h in hashes), connect="".join(" " + o for o in connect))


def with_policy(html: str, content: str | None = None, connect: tuple[str, ...] = ()) -> str:
    """The page with its Content-Security-Policy in <head>, before any script (after the
    charset, which must come within the first 1024 bytes)."""
    head = html.find("<head>")
    if head == -1:
        return html
    charset = html.find('<meta charset="utf-8">', head)
    at = charset + len('<meta charset="utf-8">') if charset != -1 else head + len("<head>")
    tag = f'\n      <meta http-equiv="Content-Security-Policy" content="{policy(html, content, connect)}">'
    return html[:at] + tag + html[at:]
