"""Built pages without the indentation and blank lines of the theme's templates.

Material's templates indent every line and leave a blank line for every `{% if %}`: a fifth
of an article page's bytes. Every run of spaces and line breaks that holds a line break
becomes one line break, which a browser shows exactly as it did (one white space), except
where white space is shown as written: <pre>, <textarea>, <code> and <kbd> (the theme shows
code as pre-wrap), and the text of <script> and <style>, all kept as they are. Runs
without a line break (between words) are left alone.
"""
from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|code|kbd|script|style)\b.*?</\2\s*>)", re.S | re.I)
_RUN = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def collapse(html: str) -> str:
    parts = _KEPT.split(html)  # [outside, kept element, its name, outside, …]
    for i in range(0, len(parts), 3):
        parts[i] = _RUN.sub("\n", parts[i])
    return "".join(part for i, part in enumerate(parts) if i % 3 != 2)
