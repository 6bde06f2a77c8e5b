"""YAML text for a draft plan, written the way the hand-made plans are: one field a line,
long text folded at 100 columns, and `# KIỂM TRA:` comments where the importer was unsure.

Written by hand rather than with yaml.dump, which cannot put comments at a position; every
value is written so that reading the file back gives exactly the text placed (tested).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

# What a YAML reader refuses even inside quotes (control characters, DEL, C1, BOM, …), and the
# line breaks YAML knows besides \n: written as escapes.
_UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]|[\u2028\u2029\uFEFF]")
MARK = "KIỂM TRA:"  # the mark officers search for; the same in every language
WIDTH = 100


@dataclass(eq=False)
class Check:
    """A comment line at this position: what the officer must check, with the text kept."""

    reason: str
    text: str = ""

    def lines(self) -> list[str]:
        body = f"{self.reason}: {self.text}" if self.text else self.reason
        body = _UNPRINTABLE.sub(lambda m: "\n" if m.group() in "\u2028\u2029" else f"\\u{ord(m.group()):04x}", body)
        return [f"# {MARK} {part}" for part in body.splitlines() if part.strip()] or [f"# {MARK}"]


@dataclass(eq=False)
class Note:
    """A plain comment line (no mark): the draft's own heading."""

    text: str

    def lines(self) -> list[str]:
        return [f"# {part}" for part in self.text.splitlines()]


@dataclass
class Flagged:
    """A value written with a `# KIỂM TRA:` comment at the end of its line."""

    value: object
    reason: str




def _quote(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _foldable(text: str) -> bool:
    return (
        text == text.strip() and "\n" not in text and "  " not in text and "\t" not in text and "\r" not in text
        and not _UNPRINTABLE.search(text)
    )


def _block(text: str, indent: int) -> list[str] | None:
    """A folded (`>-`) or literal (`|-`) block for long text, or None to quote it."""
    pad = " " * indent
    if "\n" in text:
        paras = text.split("\n")
        if any(p != p.strip() or "\t" in p or "\r" in p or _UNPRINTABLE.search(p) for p in paras) or "\n\n\n" in text or text.startswith("\n") or text.endswith("\n"):
            return None
        return ["|-"] + [(pad + p) if p else "" for p in paras]
    if not _foldable(text) or len(text) + indent < WIDTH:
        return None
    words = text.split(" ")
    lines, current = [], ""
    for word in words:
        if current and len(pad) + len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [">-"] + [pad + line for line in lines]


def _scalar(value) -> str:
    if value is None:
        return '""'  # a field to fill in: empty, and marked on its line
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _quote(str(value))


def _key(key: str) -> str:
    return f'"{key}"' if key == "no" else key


def dump(data: dict) -> str:
    out: list[str] = []
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _value_lines(prefix: str, value, indent: int, out: list[str]) -> None:
    """`prefix` is "key:" or "-" at `indent` columns; the value follows."""
    pad = " " * indent
    if isinstance(value, Flagged):
        comment = f"  # {MARK} {value.reason}"
        inner = value.value
        out.append(f"{pad}{prefix} {_flow(inner)}{comment}")
        return
    if isinstance(value, dict):
        if prefix == "-":
            first = len(out)
            _mapping(value, indent + 2, out)
            at = next((i for i in range(first, len(out)) if not out[i].lstrip().startswith("#")), None)
            if at is not None:
                out[at] = f"{pad}- " + out[at][indent + 2:]
        else:
            out.append(f"{pad}{prefix}")
            _mapping(value, indent + 2, out)
        return
    if isinstance(value, (list, tuple)):
        empty = all(isinstance(entry, Check) for entry in value)  # only comments: still a list
        out.append(f"{pad}{prefix} []" if empty else f"{pad}{prefix}")
        for entry in value:
            if isinstance(entry, Check):
                out.extend(" " * (indent + 2) + line for line in entry.lines())
            else:
                _value_lines("-", entry, indent + 2, out)
        return
    if isinstance(value, str):
        block = _block(value, indent + 2)
        if block:
            out.append(f"{pad}{prefix} {block[0]}")
            out.extend(block[1:])
            return
    out.append(f"{pad}{prefix} {_scalar(value)}")


def _mapping(data: dict, indent: int, out: list[str]) -> None:
    for key, value in data.items():
        if isinstance(key, (Check, Note)):
            out.extend(" " * indent + line for line in key.lines())
            continue
        if value is None or (isinstance(value, (list, dict)) and not value):
            continue
        _value_lines(f"{_key(key)}:", value, indent, out)


def plain(data):
    """The data as reading the YAML back gives it: comments and flags dropped."""
    if isinstance(data, Flagged):
        return plain(data.value)
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items() if not isinstance(k, (Check, Note)) and v not in (None, [], {})}
    if isinstance(data, (list, tuple)):
        return [plain(v) for v in data if not isinstance(v, Check)]
    return data


def check_lines(text: str) -> list[int]:
    """1-based numbers of the lines that carry a `# KIỂM TRA:` mark."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.search(r"#\s*" + re.escape(MARK), line)]
