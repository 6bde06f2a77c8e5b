"""Built pages without the indentation and blank lines of the theme's templates.

Material's templates indent every line and leave a blank line for every `{% if %}`: a fifth
of an article page's bytes. Every run of spaces and line breaks that holds a line break
becomes one line break, which a browser shows exactly as it did (one white space), except
where white space is shown as written: <pre>, <textarea>, <code> and <kbd> (the theme shows
code as pre-wrap), and the text of <script> and <style>, all kept as they are. Runs
without a line break (between words) are left alone. In <head>, which is never shown, the
line break between two tags goes too (bench/PAGE-SIZE.md).
"""
from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|code|kbd|script|style)\b.*?</\2\s*>)", re.S | re.I)
_SPACE = " \t\r"  # white space that, with a line break, makes a run
_HEAD_END = re.compile(r"</head\s*>", re.I)
# A line break between two tags; this part of the head starts and ends at one (the page's
# start, a kept element, </head>).
_HEAD_BREAK = re.compile(r"(?:(?<=>)|^)\n(?=<|$)")


def collapse(html: str) -> str:
    parts = _KEPT.split(html)  # [outside, kept element, its name, outside, …]
    in_head = any(_HEAD_END.search(parts[i]) for i in range(0, len(parts), 3))  # a page, not a fragment
    for i in range(0, len(parts), 3):
        text = _runs_collapsed(parts[i])
        if in_head:
            end = _HEAD_END.search(text)
            cut = end.start() if end else len(text)
            text = _HEAD_BREAK.sub("", text[:cut]) + text[cut:]
            in_head = end is None
        parts[i] = text
    return "".join(part for i, part in enumerate(parts) if i % 3 != 2)


def _runs_collapsed(text: str) -> str:
    """`text` with each run of spaces, tabs and line breaks that holds a line break made one
    line break. Line by line, which is four times as fast as the regular expression
    `[ \t\r]*\n[ \t\r\n]*` (tried at every space between words): a line's ends touch a
    line break, so they are part of a run, and a line left empty is inside one."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    last = len(lines) - 1
    kept = [lines[0].rstrip(_SPACE)]
    for line in lines[1:last]:
        line = line.strip(_SPACE)
        if line:
            kept.append(line)
    kept.append(lines[last].lstrip(_SPACE))
    return "\n".join(kept)
