"""The body of a plan as a tree of its printed numbering, before it becomes sections and items.

Nesting follows the labels the document prints: a label of a kind already open closes
everything opened after it (a new `2.` closes `1.` and its `a)`, `-`); a kind not open yet
opens inside the current one. So `I. > 1. > a) > -` and a commune plan's `1. > - > +` both
nest as printed, whatever order of kinds a document uses; only `Phần` and Roman headings are
always outermost.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .labels import Label


@dataclass
class Text:
    """A paragraph without a label."""

    raw: str
    line: int = 0
    table: object = None  # a table in the body (kept for the officer to place)


@dataclass
class Node:
    label: Label | None
    raw: str = ""  # the text after the label, as printed (emphasis kept)
    plain: str = ""  # the same without emphasis around the whole line (for headings)
    line: int = 0
    children: list = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.label.kind if self.label else "root"

    @property
    def texts(self) -> list[Text]:
        return [c for c in self.children if isinstance(c, Text)]

    @property
    def nodes(self) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node)]


def build(tokens) -> Node:
    """tokens: (Label | None, raw, plain, line) in printed order."""
    root = Node(None)
    stack = [root]
    for label, raw, plain, line in tokens:
        if label is None:
            stack[-1].children.append(Text(raw, line, plain if not isinstance(plain, str) else None))
            continue
        if label.kind not in ("dash", "plus"):
            while stack[-1].kind in ("dash", "plus"):
                stack.pop()
        elif label.kind == "dash":
            while stack[-1].kind == "plus":
                stack.pop()
        if label.kind in ("part", "roman"):
            # A part or a Roman heading never sits inside an Arabic or lettered block.
            outer = ("root",) if label.kind == "part" else ("root", "part")
            while stack[-1].kind not in outer:
                stack.pop()
        open_kinds = [n.kind for n in stack]
        if label.kind in open_kinds:
            del stack[len(open_kinds) - 1 - open_kinds[::-1].index(label.kind):]
        node = Node(label, raw, plain, line)
        stack[-1].children.append(node)
        stack.append(node)
    return root
