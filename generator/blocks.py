"""Our templates' HTML blocks, kept out of Python-Markdown's way.

The head and foot of an article (breadcrumb, date, summary, facts, pager) and most of a
generated page (cards, tables, forms) are HTML blocks written by our templates. Python-Markdown
would pass them through unchanged, but only after reading every one of them character by
character with its HTML parser: a quarter of the build's time at a few thousand articles.

`lift()` puts a placeholder paragraph where each such block is, `put_back()` puts the
blocks back into the HTML Python-Markdown made. A block is what Python-Markdown itself
takes as a raw HTML block: text between blank lines that starts at the line's start with a
block-level tag and ends with a tag. Anything else (headings, lists, an officer's Markdown
body, which is never lifted) is converted as before. The page is sanitized after the blocks
are back (plugin.on_page_content), so the sanitizer still sees everything a reader gets.

Only for text our templates wrote (Site.head, Site.foot, generated pages): the files that
`cchc generate` writes keep the blocks inline, where any Markdown engine reads them.
"""
from __future__ import annotations

import re

# Python-Markdown's block-level elements (markdown.Markdown().block_level_elements) that our
# templates start blocks with; a block starting with any other tag (<span>, <a>) is a paragraph.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "section", "table", "ul",
})
_STARTS = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_BLANK = re.compile(r"(\n[ \t]*\n)")  # a blank line between blocks (kept as written)
_SLOT = "\ue000cchc-block-{}\ue000"  # a Private Use character: nothing an officer types
_SLOTS = re.compile("(?:<p>)?\ue000cchc-block-([0-9]+)\ue000(?:</p>)?")


class Blocks:
    """The blocks lifted out of one page's Markdown, in order."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def lift(self, text: str) -> str:
        """`text` with each of our HTML blocks replaced by a placeholder paragraph."""
        parts = _BLANK.split(text)
        for i in range(0, len(parts), 2):  # even parts are blocks, odd ones the blank lines between
            block = parts[i].strip("\n")
            start = _STARTS.match(block)
            if start and start[1].lower() in _BLOCK_TAGS and block.endswith(">") and "markdown=" not in block:
                parts[i] = _SLOT.format(len(self.found))
                self.found.append(block)
        return "".join(parts)

    def put_back(self, html: str) -> str:
        """The HTML with every placeholder paragraph replaced by its block."""
        if not self.found:
            return html

        def block(match: re.Match) -> str:
            number = int(match[1])
            return self.found[number] if number < len(self.found) else match[0]

        return _SLOTS.sub(block, html)
