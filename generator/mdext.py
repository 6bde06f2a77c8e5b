"""A Python-Markdown extension for images in officers' Markdown bodies: each <img>
whose file is in the docs dir gets the width and height it is served at (see images.py:
resized, upright), so the page does not jump while it loads, and every <img> loads lazily.

Python-Markdown does not know which page it renders, and a relative `src` is relative to
that page's Markdown file. The plugin tells the one extension instance the current page
(`page_src`) just before MkDocs renders it: MkDocs renders pages one at a time, right
after `on_page_markdown`. This sees `src` as written, before MkDocs rewrites it to the
page's address, so no HTML has to be parsed again after rendering.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .images import display_size


class BodyImages(Extension):
    def __init__(self, docs_dir: Path):
        super().__init__()
        self.docs_dir = Path(docs_dir)
        self.page_src = ""  # docs-dir path of the page being rendered; set by the plugin
        self.seen: dict[str, tuple[int, int] | None] = {}  # images sized (for the build cache, pagecache.py)

    def size_of(self, target: str) -> tuple[int, int] | None:
        """The served size of the docs-dir image `target`, None if there is no such file."""
        file = self.docs_dir / target
        if target.startswith("..") or not file.is_file():
            return None  # reported by `cchc check` (body.check_body)
        return display_size(file)

    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (8), so sizes an officer wrote with `{width=…}` are kept; before
        # MkDocs' own link rewriting (0), so `src` is still relative to the Markdown file.
        md.treeprocessors.register(_SizedImages(md, self), "cchc_images", 7)


class _SizedImages(Treeprocessor):
    def __init__(self, md: Markdown, ext: BodyImages):
        super().__init__(md)
        self.ext = ext

    def run(self, root: Element) -> None:
        for img in root.iter("img"):
            size = self.size(img.get("src", ""))
            if size and "width" not in img.attrib and "height" not in img.attrib:
                img.set("width", str(size[0]))
                img.set("height", str(size[1]))
            img.attrib.setdefault("loading", "lazy")
            img.attrib.setdefault("decoding", "async")

    def size(self, src: str) -> tuple[int, int] | None:
        try:
            parts = urlsplit(src)
        except ValueError:  # not a valid address: reported by `cchc check`
            return None
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.ext.page_src), unquote(parts.path)))
        size = self.ext.seen[target] = self.ext.size_of(target)
        return size
