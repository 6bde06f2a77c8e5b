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


def write_merged_sample(path: Path) -> Path:
    """SAMPLE (Nội dung mẫu), not a real document: a ward plan laid out as Word offices do it,
    header and signature in borderless tables, and an appendix whose cells are merged: a group
    row across the whole table, one lead agency for two rows, one timeframe for two rows."""
    document = docx.Document()
    lists = _Lists(document)
    head = document.add_table(rows=2, cols=2)
    for cell, lines in zip(
        (head.cell(0, 0), head.cell(0, 1), head.cell(1, 0), head.cell(1, 1)),
        (["ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA BÌNH"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
         ["Số: 09/KH-UBND"], ["Hòa Bình, ngày 10 tháng 3 năm 2026"]),
    ):
        cell.paragraphs[0].add_run(lines[0]).bold = True
        for line in lines[1:]:
            cell.add_paragraph(line)
    document.add_paragraph().add_run("KẾ HOẠCH").bold = True
    document.add_paragraph().add_run("Thông tin, tuyên truyền cải cách hành chính năm 2026 (mẫu)").bold = True
    document.add_paragraph("Căn cứ Kế hoạch số 30/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2026;")
    document.add_paragraph("Ủy ban nhân dân phường Hòa Bình ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2026 như sau:")
    document.add_heading("I. MỤC ĐÍCH", level=1)
    num = lists.start("decimal")
    for text in ("Người dân nắm được các thủ tục hành chính thực hiện tại phường.", "Nâng tỷ lệ hồ sơ nộp trực tuyến."):
        p = document.add_paragraph()
        _number(p, num)
        p.add_run(text)
    document.add_heading("II. TỔ CHỨC THỰC HIỆN", level=1)
    document.add_paragraph("Các bộ phận thực hiện các nhiệm vụ tại Phụ lục kèm theo.")
    document.add_paragraph("Trên đây là Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2026 của Ủy ban nhân dân phường Hòa Bình./.")
    sign = document.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    dash = lists.start("dash")
    for line in ("UBND tỉnh;", "Lưu: VT."):
        p = left.add_paragraph()
        _number(p, dash)
        p.add_run(line)
    right.paragraphs[0].add_run("KT. CHỦ TỊCH").bold = True
    right.add_paragraph("PHÓ CHỦ TỊCH").runs[0].bold = True
    right.add_paragraph("Lê Văn Hùng")
    document.add_paragraph().add_run("PHỤ LỤC").bold = True
    document.add_paragraph().add_run("DANH MỤC NHIỆM VỤ").bold = True
    document.add_paragraph("(Kèm theo Kế hoạch số 09/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân phường Hòa Bình)")
    rows = [
        ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm", "Thời gian hoàn thành"],
        ["I. TUYÊN TRUYỀN TRÊN LOA TRUYỀN THANH"] * 6,
        ["1", "Phát bản tin thủ tục hành chính mới", "Đài truyền thanh phường", "Công chức Văn phòng - Thống kê", "Bản tin", "Hằng tháng"],
        ["2", "Phát bản tin dịch vụ công trực tuyến", "Đài truyền thanh phường", "Bộ phận một cửa", "Bản tin", "Quý II/2026"],
        ["II. TUYÊN TRUYỀN TRỰC TIẾP"] * 6,
        ["3", "Hội nghị tuyên truyền tại các khu phố", "Công chức Tư pháp - Hộ tịch", "Các khu phố", "Hội nghị", "Quý III/2026"],
        ["4", "Treo băng rôn tại trụ sở phường", "Công chức Văn hóa - Xã hội", "Các khu phố", "Băng rôn", "Quý III/2026"],
    ]
    table = document.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r in (1, 4) and c:
                continue
            if (r == 3 and c == 2) or (r == 6 and c == 5):
                continue  # inside a vertical merge: the text is the top cell's
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(1, 5))
    table.cell(4, 0).merge(table.cell(4, 5))
    table.cell(2, 2).merge(table.cell(3, 2))
    table.cell(5, 5).merge(table.cell(6, 5))
    document.save(str(path))
    return path


def write_pdf(text: str, path: Path, width: int = 85) -> Path:
    """A PDF with a text layer, one printed line per line, paragraphs wrapped at `width`
    characters as a page lays them out. Helvetica with WinAnsi text: the text must be Latin-1
    (an OCR text without diacritics is; real PDFs of Vietnamese embed a font with its ToUnicode
    map, which pypdf reads the same way)."""
    import textwrap

    printed: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:  # a table row on one printed line, its cells apart
            printed.append(line.replace("\t", "    "))
            continue
        printed += textwrap.wrap(line, width) if line.strip() else [""]
    pages = [printed[i:i + 50] for i in range(0, len(printed), 50)] or [[]]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    pages_id = len(objects) + 1 + 2 * len(pages)  # the Pages object comes after every page and stream
    for lines in pages:
        ops = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")  # WinAnsiEncoding
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % i for i in page_ids), len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path
