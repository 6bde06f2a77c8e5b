"""The one allow-list sanitizer for HTML made from officers' text.

Officers' words are trusted to be words, not code: one careless or stolen account must not
put script on a government site. Everything Markdown turns into HTML passes `clean()`: the
`md`/`md_block` template filters (render.py) and every page body after MkDocs renders it
(plugin.py, on_page_content). What is kept is what the theme and our templates produce:
headings with ids and headerlink anchors, tables, admonitions, figures, images with their
size and lazy loading, audio and video, details, the procedure checklist and filter form, and
the quiz's fieldsets of radio buttons (names limited to our own "cchc-" ones).
Event handlers, `javascript:`/`data:` addresses, script, iframe, object, embed and style
are never kept.

Front matter reaches the theme too (the browser tab's <title>, the description and author
<meta>), through templates that do not escape: `escaped_meta()` makes those values text.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import nh3
from markupsafe import escape

TAGS = {
    "a", "abbr", "article", "aside", "audio", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "mark", "nav", "ol", "option", "p", "pre", "q", "s", "samp",
    "section", "select", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "video", "wbr",
}
# Removed together with everything inside them.
DROPPED = {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math", "frame", "frameset", "applet"}

_DATA = {"data-label"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden", "aria-label", "aria-hidden", "aria-describedby", "aria-controls", "aria-live"},
    "a": {"href", "rel", "download", "type", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "audio": {"src", "controls", "preload"},
    "video": {"src", "controls", "preload", "width", "height"},
    "source": {"src", "type"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "style"} | _DATA,
    "th": {"scope", "colspan", "rowspan", "style"} | _DATA,
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "li": {"value", "data-field", "data-agency", "data-level", "data-online", "data-year", "data-type", "data-issuer"},  # list filters
    "tr": {"data-way"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
    "label": {"for"},
    "input": {"checked", "disabled", "name", "value"},  # name: radio groups of the quiz (see _attribute)
    "select": {"data-filter"},
    "option": {"value", "selected"},
    "button": {"data-cchc-print", "data-cchc-quiz-check", "data-cchc-quiz-reset"},
    "form": {"data-cchc-filter", "data-count", "data-noun", "data-cchc-quiz"},
    "fieldset": {"data-answer"},  # a quiz question's right choice, scored in the browser (quiz.js)
}
# Attributes kept only with these values: a checkbox, never a text box or a submit button.
VALUES = {"input": {"type": {"checkbox", "radio"}}, "button": {"type": {"button", "reset"}}}
_QUIZ_NAME = re.compile(r"cchc-[a-z0-9-]+")
_DIGITS = re.compile(r"[0-9]{1,2}")
URL_SCHEMES = {"https", "http", "mailto", "tel"}
STYLE_PROPERTIES = {"text-align"}  # Markdown tables align their columns this way


def _attribute(tag: str, name: str, value: str) -> str | None:
    # Material's own elements have ids starting with "__" (#__config is read after the
    # content): a heading must not take one of them ({#__config} in an attribute list).
    if name in ("id", "for") and value.startswith("__"):
        return None
    # A form control's name becomes a property of its form (form.action, form.submit…): only
    # our own "cchc-" names, which shadow nothing. A quiz answer is a choice's number.
    if (name == "name" and not _QUIZ_NAME.fullmatch(value)) or (name == "data-answer" and not _DIGITS.fullmatch(value)):
        return None
    return value


# Form controls are our templates' (the procedure checklist, filters, quizzes): Markdown in an
# officer's field never makes one, so a question's text cannot close or fake a quiz form.
CONTROLS = {"form", "input", "button", "select", "option", "fieldset", "legend", "label"}


@lru_cache(maxsize=2)
def _cleaner(controls: bool) -> nh3.Cleaner:
    tags = TAGS if controls else TAGS - CONTROLS
    attributes = ATTRIBUTES if controls else {tag: names for tag, names in ATTRIBUTES.items() if tag not in CONTROLS}
    return nh3.Cleaner(
        tags=tags, clean_content_tags=DROPPED, attributes=attributes, attribute_filter=_attribute, tag_attribute_values=VALUES,
        url_schemes=URL_SCHEMES, filter_style_properties=STYLE_PROPERTIES, link_rel=None, strip_comments=True,
    )


# The structured data of a procedure page (services.json_ld): data, never run by a browser.
_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_SLOT = "\ue000cchc-json-ld-{}\ue000"


def _json_ld(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return ""
    safe = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    safe = safe.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{safe}</script>'


def clean(html: str, controls: bool = True) -> str:
    """The HTML with only allowed elements, attributes and addresses left; without form
    controls where `controls` is false (Markdown from an officer's field)."""
    if not html:
        return html
    blocks: list[str] = []

    def keep(match: re.Match) -> str:
        blocks.append(_json_ld(match[1]))
        return _SLOT.format(len(blocks) - 1)

    cleaned = _cleaner(controls).clean(_JSON_LD.sub(keep, html))
    for i, block in enumerate(blocks):
        cleaned = cleaned.replace(_SLOT.format(i), block)
    return cleaned


def escaped_meta(meta: dict) -> dict:
    """Front matter with every text HTML-escaped, for theme templates that print it unescaped."""
    def text(value):
        if isinstance(value, str):
            return str(escape(value))
        if isinstance(value, list):
            return [text(v) for v in value]
        if isinstance(value, dict):
            return {k: text(v) for k, v in value.items()}
        return value

    return text(meta)
