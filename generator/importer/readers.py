"""Every source format becomes one list of blocks: paragraphs and tables, in printed order.

A paragraph keeps its text as printed, with Markdown emphasis where the source marks it
(`**đậm**`, `*nghiêng*`), the numbering label Word generates for it (not part of its text in
a .docx), and whether it is a heading. A table keeps its cells' paragraphs and which cells are
one merged cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import nfc


class MissingLibrary(Exception):
    """python-docx or pypdf is not installed (the optional `import` extra)."""

    def __init__(self, library: str):
        super().__init__(library)
        self.library = library


class UnknownFormat(Exception):
    pass


@dataclass
class Para:
    text: str
    line: int = 0  # line (txt) or paragraph number (docx, pdf) in the source, for messages
    heading: int | None = None  # Markdown `#` count or Word heading level
    label: str | None = None  # a Word numbering label ("1.", "a)", "-") generated for the paragraph
    gap_before: bool = True  # a blank line (or a new paragraph) before it


@dataclass
class Cell:
    paras: list[str]
    key: object = None  # cells with the same key are one merged cell

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.paras if p.strip())


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    line: int = 0


def read(path: Path) -> list:
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md", ".text"):
        return read_text(path.read_bytes().decode("utf-8-sig", errors="replace"))
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    raise UnknownFormat(suffix)


# --- plain text (and the Markdown-ish text Word's "save as text" or a converter gives) -----

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def read_text(text: str) -> list:
    blocks: list = []
    gap = True
    table: Table | None = None
    for number, raw in enumerate(nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = raw.rstrip()
        if "\t" in line and len(line.split("\t")) >= 3:
            if table is None:
                table = Table(line=number)
                blocks.append(table)
            table.rows.append([Cell([c.strip()], (number, i)) for i, c in enumerate(line.split("\t"))])
            gap = False
            continue
        table = None
        if not line.strip():
            gap = True
            continue
        m = _MD_HEADING.match(line.strip())
        heading = len(m[1]) if m else None
        body = (m[2] if m else line).strip()
        if body:
            blocks.append(Para(body, number, heading, None, gap))
        gap = False
    return blocks


# --- PDF with a text layer ------------------------------------------------------------------

_ENDS_PARAGRAPH = tuple(".:;!?)”\"")


def read_pdf(path: Path) -> list:
    try:
        from pypdf import PdfReader
    except ImportError as err:
        raise MissingLibrary("pypdf") from err
    from .labels import split_label

    lines: list[str] = []
    for page in PdfReader(str(path)).pages:
        lines += [l.rstrip() for l in (page.extract_text() or "").splitlines()]
        lines.append("")  # a page ends: the paragraph may go on, but a blank keeps them apart
    # A PDF's text layer has one line per printed line: lines of one paragraph are joined
    # unless the line before ended a sentence or this one starts with a label.
    blocks: list = []
    gap = True
    table: Table | None = None
    for number, line in enumerate(lines, 1):
        if not line:
            gap = True
            continue
        cells = _COLUMN_GAP.split(line)
        if len(cells) >= 3:  # a table row: its cells stand apart by wide gaps
            if table is None:
                table = Table(line=number)
                blocks.append(table)
            table.rows.append([Cell([nfc(c.strip())], (number, i)) for i, c in enumerate(cells)])
            gap = False
            continue
        table = None
        label, _ = split_label(line)
        prev = blocks[-1] if blocks and isinstance(blocks[-1], Para) else None
        if (
            prev is not None and not gap and label is None and not prev.text.endswith(_ENDS_PARAGRAPH)
            and not line[:1].isupper() and not line.startswith("(") and _caps(prev.text) == _caps(line)
        ):
            prev.text += " " + nfc(line)
        else:
            blocks.append(Para(nfc(line), number, None, None, gap))
        gap = False
    return blocks


_COLUMN_GAP = re.compile(r"\s{3,}")


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# --- Word (.docx) ---------------------------------------------------------------------------

def read_docx(path: Path) -> list:
    try:
        import docx  # python-docx
    except ImportError as err:
        raise MissingLibrary("python-docx") from err
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    numbering = _Numbering(document)
    blocks: list = []
    for index, element in enumerate(_body_elements(document.element.body), 1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(element, document)
            text = _paragraph_text(p)
            label = numbering.label(p)
            if not text.strip() and not label:
                continue
            blocks.append(Para(nfc(text.strip()), index, _heading_level(p), label, True))
        elif tag == "tbl":
            table = DocxTable(element, document)
            rows = []
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    paras = []
                    for cp in cell.paragraphs:
                        text = _paragraph_text(cp).strip()
                        label = numbering.label(cp)
                        if label:  # an auto-numbered STT cell holds only its label
                            text = f"{label} {text}" if text else label
                        if text:
                            paras.append(nfc(text))
                    cells.append(Cell(paras, cell._tc))  # a merged cell is one w:tc, repeated in each row and column it spans
                rows.append(cells)
            blocks.append(Table(rows, index))
    return blocks


def _body_elements(parent):
    """Paragraphs and tables in order, also those inside content controls (w:sdt)."""
    for element in parent.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield element
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
            yield from _body_elements(element)


def _paragraph_text(p) -> str:
    """The runs' text with emphasis; if Word keeps text where runs do not show it (tracked
    insertions, fields, content controls inside the paragraph), all of the paragraph's text."""
    text = _runs_text(p)
    every = "".join(t.text or "" for t in p._p.iter(_w("t")))
    if every.strip() and " ".join(text.replace("*", "").split()) != " ".join(every.replace("*", "").split()):
        return every
    return text


def _heading_level(p) -> int | None:
    style = p.style
    while style is not None:
        name = (style.name or "").lower()
        m = re.match(r"(?:heading|tiêu đề)\s*(\d)", name)
        if m:
            return int(m[1])
        if name == "title":
            return 1
        style = style.base_style
    return None


def _runs_text(p) -> str:
    """The paragraph's text, bold and italic runs marked as Markdown emphasis."""
    pieces: list[tuple[str, int]] = []  # (text, 0 plain / 1 italic / 2 bold / 3 both)
    for run in p.iter_inner_content() if hasattr(p, "iter_inner_content") else p.runs:
        runs = getattr(run, "runs", None) or [run]  # a hyperlink holds runs
        for r in runs:
            text = r.text
            if not text:
                continue
            style = (2 if r.bold else 0) + (1 if r.italic else 0)
            if pieces and pieces[-1][1] == style:
                pieces[-1] = (pieces[-1][0] + text, style)
            else:
                pieces.append((text, style))
    out = []
    for text, style in pieces:
        if style == 0 or not text.strip():
            out.append(text)
            continue
        mark = {1: "*", 2: "**", 3: "***"}[style]
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out.append(f"{lead}{mark}{text.strip()}{mark}{trail}")
    return "".join(out)


class _Numbering:
    """The labels Word draws before numbered paragraphs: counters per list and level,
    formatted by the list's definition (decimal, upperRoman, lowerLetter, bullet)."""

    def __init__(self, document):
        self.nums: dict[str, str] = {}  # numId -> abstractNumId
        self.levels: dict[tuple[str, int], dict] = {}  # (abstractNumId, ilvl) -> definition
        self.overrides: dict[tuple[str, int], int] = {}  # (numId, ilvl) -> start
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.findall(_w("abstractNum")):
            aid = abstract.get(_w("abstractNumId"))
            for lvl in abstract.findall(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl")))
                self.levels[(aid, ilvl)] = {
                    "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "",
                    "start": int(_val(lvl, "start") or 1),
                }
        for num in root.findall(_w("num")):
            nid = num.get(_w("numId"))
            ref = num.find(_w("abstractNumId"))
            if ref is not None:
                self.nums[nid] = ref.get(_w("val"))
            for override in num.findall(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                if start is not None:
                    self.overrides[(nid, int(override.get(_w("ilvl"))))] = int(start.get(_w("val")))

    def label(self, p) -> str | None:
        num_id, ilvl = self._numpr(p)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        aid = self.nums[num_id]
        level = self.levels.get((aid, ilvl))
        if level is None:
            return None
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            depth = len(counters)
            start = self.overrides.get((num_id, depth), self.levels.get((aid, depth), {}).get("start", 1))
            counters.append(start - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1:]
        if level["fmt"] == "bullet":
            glyph = level["text"]
            return glyph if glyph in ("-", "–", "+", "•") else "-"

        def fill(m):
            i = int(m[1]) - 1
            value = counters[i] if i < len(counters) else 1
            fmt = self.levels.get((aid, i), level)["fmt"]
            return _format(value, fmt)

        return re.sub(r"%(\d)", fill, level["text"]) or None

    @staticmethod
    def _numpr(p):
        ppr = p._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        style = p.style
        while numpr is None and style is not None:
            sppr = style.element.pPr
            numpr = sppr.numPr if sppr is not None else None
            style = style.base_style
        if numpr is None:
            return None, 0
        num_id = numpr.numId.val if numpr.numId is not None else None
        ilvl = numpr.ilvl.val if numpr.ilvl is not None else 0
        return (str(num_id) if num_id is not None else None), int(ilvl)


def _format(value: int, fmt: str) -> str:
    from .labels import LETTERS, _to_roman

    if fmt == "upperRoman":
        return _to_roman(value)
    if fmt == "lowerRoman":
        return _to_roman(value).lower()
    if fmt == "lowerLetter":
        return LETTERS[(value - 1) % len(LETTERS)]
    if fmt == "upperLetter":
        return LETTERS[(value - 1) % len(LETTERS)].upper()
    return str(value)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w(name: str) -> str:
    return _W + name


def _val(element, child: str) -> str | None:
    found = element.find(_w(child))
    return found.get(_w("val")) if found is not None else None
