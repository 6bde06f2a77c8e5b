"""Every URL of the portal, and the one slug function (Vietnamese → ASCII).

Slugs drop tone marks and turn đ into d: "Đường dây nóng" → "duong-day-nong".
The same function names heading anchors (MkDocs' default toc slugify would
give "uong-day-nong").
"""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """Vietnamese text without tone marks and with đ → d (case kept)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug; also usable as Python-Markdown's toc `slugify(value, separator)`."""
    return _NON_ALNUM.sub(separator, ascii_fold(text).lower()).strip(separator)


# Pages: paths relative to the docs dir, as MkDocs source files, and the URLs they get.
PLANS_INDEX = "ke-hoach/index.md"


def plan_page(slug: str) -> str:
    return f"ke-hoach/{slug}/index.md"


def plan_source(slug: str) -> str:
    """The plan's YAML, offered for download next to its page."""
    return f"ke-hoach/{slug}/{slug}.yml"


def url_of(src_path: str) -> str:
    """Site-relative URL of a generated page or file (directory URLs)."""
    if src_path.endswith("index.md"):
        return "/" + src_path[: -len("index.md")]
    return "/" + src_path
