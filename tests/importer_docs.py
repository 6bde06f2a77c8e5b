"""Word files made from a plan's text the way an office types them, for the importer's tests.

Headings (I., 1., Phần) are typed and styled as Word headings; dash, `+`, `a)` and `1.` lists
use Word's own numbering (the label is not in the paragraph's text, as in a real .docx); bold
and italic are runs; tab-separated lines become a real table (a cell's "- A - B" one paragraph
per dash); the recipients and the signature sit side by side in a borderless table. Merged cells
are written as Word merges them (gridSpan, vMerge).

Deliberately independent of the importer's own recognisers: simple patterns on the seed text.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_EMPH = re.compile(r"(\*\*\*[^*]+\*\*\*|\*\*[^*]+\*\*|\*[^*]+\*)")
_HEADING = re.compile(r"^(Phần\s+[IVX]+\b.*|[IVX]+\.\s.*|\d+(?:\.\d+)*\.\s.*)$")
_LIST = (
    ("dash", re.compile(r"^[-–]\s+(.*)$")),
    ("plus", re.compile(r"^\+\s+(.*)$")),
    ("letter", re.compile(r"^([a-zđ])\)\s+(.*)$")),
    ("decimal", re.compile(r"^(\d+)\.\s+(.*)$")),
)
_FORMATS = {"dash": ("bullet", "-"), "plus": ("bullet", "+"), "letter": ("lowerLetter", "%1)"), "decimal": ("decimal", "%1.")}
_LETTERS = "abcdđeghiklmnopqrstuvxy"


class _Lists:
    """Word numbering: one abstract definition per list kind, a new numbering instance (with
    its start) for every list, as Word does when a list starts again after a heading."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        self.abstract: dict[str, str] = {}
        self.next_id = 900
        for kind, (fmt, text) in _FORMATS.items():
            aid = str(self.next_id)
            self.next_id += 1
            abstract = OxmlElement("w:abstractNum")
            abstract.set(qn("w:abstractNumId"), aid)
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), "0")
            for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                lvl.append(el)
            abstract.append(lvl)
            first_num = self.root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                self.root.append(abstract)
            self.abstract[kind] = aid

    def start(self, kind: str, first: int = 1) -> str:
        nid = str(self.next_id)
        self.next_id += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), nid)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), self.abstract[kind])
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), str(first))
        override.append(start)
        num.append(override)
        self.root.append(num)
        return nid


def _number(paragraph, num_id: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), num_id)
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.append(numpr)


def _runs(paragraph, text: str, bold: bool = False) -> None:
    for piece in _EMPH.split(text):
        if not piece:
            continue
        if not _EMPH.fullmatch(piece):
            run = paragraph.add_run(piece)
            run.bold = bold or None
        elif piece.startswith("***"):
            run = paragraph.add_run(piece[3:-3])
            run.bold = run.italic = True
        elif piece.startswith("**"):
            run = paragraph.add_run(piece[2:-2])
            run.bold = True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 1:
            run = paragraph.add_run(piece[1:-1])
            run.italic = True
        else:
            run = paragraph.add_run(piece)
            run.bold = bold or None


def _unwrap(text: str) -> str:
    return re.sub(r"^[*_]+|[*_]+$", "", text).strip()


def _cell_paragraphs(text: str) -> list[str]:
    if text.startswith("- ") and re.search(r"\s-\s", text[2:]):
        return ["- " + p.strip() for p in re.split(r"(?:^|\s)-\s", text) if p.strip()]
    return [text]


def write_docx(text: str, path: Path) -> Path:
    """A .docx of a plan given as the seeds' text (Markdown-ish lines)."""
    document = docx.Document()
    lists = _Lists(document)
    lines = [l.rstrip() for l in text.replace("\r\n", "\n").split("\n")]
    current: tuple[str, str] | None = None  # (kind, numId) of the list being written
    expected = 0
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        if "\t" in line:
            rows = [line.split("\t")]
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].strip().split("\t"))
                i += 1
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    paras = _cell_paragraphs(value.strip())
                    _runs(cell.paragraphs[0], paras[0], bold=(r == 0))
                    for extra in paras[1:]:
                        _runs(cell.add_paragraph(), extra)
            current = None
            continue
        if re.match(r"^(#+\s*)?[*_]*Nơi nhận", line):
            left = [_unwrap(_MD_HEADING.sub(r"\2", line))]
            while i < len(lines) and (not lines[i].strip() or lines[i].strip().startswith("- ")):
                if lines[i].strip():
                    left.append(lines[i].strip())
                i += 1
            right: list[str] = []
            while i < len(lines) and len(right) < 5:
                value = lines[i].strip()
                i += 1
                if not value:
                    continue
                right.append(_unwrap(value))
                letters = [ch for ch in _unwrap(value) if ch.isalpha()]
                if letters and not all(ch.isupper() for ch in letters):
                    break
            table = document.add_table(rows=1, cols=2)
            for cell, values in zip(table.rows[0].cells, (left, right)):
                cell.paragraphs[0].add_run(values[0]).bold = True
                for value in values[1:]:
                    cell.add_paragraph(value)
            current = None
            continue
        m = _MD_HEADING.match(line)
        heading = len(m[1]) if m else None
        body = m[2] if m else line
        plain = _unwrap(body)
        whole_bold = body.startswith("**") and body.endswith("**")
        if (heading or whole_bold or (body.startswith("*") and body.endswith("*"))) and _HEADING.match(plain):
            document.add_heading(plain, level=min(heading or 2, 3) if heading else (1 if re.match(r"^(Phần|[IVX]+\.)", plain) else 2))
            current = None
            continue
        if re.match(r"^[IVX]+\.\s", plain) or re.match(r"^Phần\s+[IVX]+$", plain):
            document.add_heading(plain, level=1)
            current = None
            continue
        for kind, pattern in _LIST:
            lm = pattern.match(body)
            if not lm:
                continue
            value = lm.groups()[-1]
            if kind in ("letter", "decimal"):
                n = _LETTERS.index(lm[1]) + 1 if kind == "letter" else int(lm[1])
                if current is None or current[0] != kind or n != expected:
                    current = (kind, lists.start(kind, n))
                expected = n + 1
            elif current is None or current[0] != kind:
                current = (kind, lists.start(kind))
            paragraph = document.add_paragraph()
            _number(paragraph, current[1])
            _runs(paragraph, value)
            break
        else:
            paragraph = document.add_paragraph()
            _runs(paragraph, body)
            if current and current[0] in ("letter", "decimal"):
                pass  # a paragraph inside a numbered list: Word keeps counting after it
            elif current:
                current = None
    document.save(str(path))
    return path


def merge(table, top: int, left: int, bottom: int, right: int) -> None:
    """Merge a block of cells the way Word does (the text stays in the top-left cell)."""
    table.cell(top, left).merge(table.cell(bottom, right))


__all__ = ["write_docx", "merge", "copy"]
