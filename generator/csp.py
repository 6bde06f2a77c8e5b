"""Every page's Content-Security-Policy: defence in depth behind the sanitizer.

Should anything ever slip script into a page, the browser still refuses to run it: scripts
load only from the site itself, plus the theme's own few inline scripts, each allowed by the
SHA-256 of its exact text (Material's differ per page depth, so they are hashed per page).
Only inline scripts OUTSIDE the page content (Material's <article class="md-content__inner">)
are hashed: a script that got into the content is never blessed. A page without that
article (not one of the theme's content pages) gets no hash at all.

The policy is a <meta http-equiv> tag, so it travels with the static files to any host.
Pagefind's search compiles WebAssembly ('wasm-unsafe-eval') and fetches its index from the
site ('self'); nothing is loaded from another host.
"""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

# Types a browser runs as script; JSON blocks (Material's __config, JSON-LD) are data.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
_CONTENT_CLASS = "md-content__inner"

POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self' 'unsafe-inline'",  # the theme sets inline styles; sanitized content carries none
    "img-src 'self' data:",  # the theme's icons are data: SVG masks in its style sheet
    "font-src 'self'",
    "media-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


class _Scripts(HTMLParser):
    """Collects the text of inline scripts, and whether each sits inside the page content."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.outside: list[str] = []
        self.found_content = False
        self._depth = 0  # <article> nesting inside the content article (0: outside it)
        self._script: list[str] | None = None
        self._in_content_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            if self._depth:
                self._depth += 1
            elif _CONTENT_CLASS in (attrs.get("class") or "").split():
                self._depth, self.found_content = 1, True
        elif tag == "script" and "src" not in attrs and (attrs.get("type") or "").strip().lower() in _SCRIPT_TYPES:
            self._script, self._in_content_script = [], bool(self._depth)

    def handle_endtag(self, tag):
        if tag == "article" and self._depth:
            self._depth -= 1
        elif tag == "script" and self._script is not None:
            if not self._in_content_script:
                self.outside.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(html: str) -> str:
    """The policy for this page: 'self' plus the hashes of the theme's inline scripts."""
    scripts = _Scripts()
    scripts.feed(html)
    scripts.close()
    hashes = sorted({_sha256(text) for text in scripts.outside}) if scripts.found_content else []
    return "; ".join(POLICY).format(hashes="".join(" " + h for h in hashes))


def with_policy(html: str) -> str:
    """The page with its Content-Security-Policy in <head>, before any script (after the
    charset, which must come within the first 1024 bytes)."""
    head = html.find("<head>")
    if head == -1:
        return html
    charset = html.find('<meta charset="utf-8">', head)
    at = charset + len('<meta charset="utf-8">') if charset != -1 else head + len("<head>")
    tag = f'\n      <meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:at] + tag + html[at:]
