"""Recognise the parts of a signed plan in its paragraphs and tables.

The document is read in printed order: header (issuer, number, place and date, type, title),
legal bases, preamble, the numbered body, closing, recipients and signer, the appendix table;
for an Đề án first the approving Quyết định with its articles. What is recognised is copied
as printed; what is not is kept as a `Check` at its position.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..i18n import _
from ..kinds.plan import ITEM_LABELS, PEOPLES_COMMITTEE
from . import timeframes
from .emit import Check, Flagged, Note, check_lines, dump, plain
from .fold import fold, has_diacritics
from .labels import marker_label, split_article, split_label
from .readers import Para, Table
from .tree import Node, Text, build

_EMPHASIS = re.compile(r"^[*_]+|[*_]+$")
_ENDS_SENTENCE = tuple(".:;!?)”\"…")
_SCAN_MARK = re.compile(r"\s*/\*[^*\s/]{1,3}\*\s*$")  # "/*Ưư*": a scanner's mark after the last word
_DATELINE = re.compile(r"^(.*?),\s*ngay\s+(\d{1,2})(?:\s+thang\s+|\s*/\s*)(\d{1,2})(?:\s+nam\s+|\s*/\s*)(\d{4})")
_TYPES = {"ke hoach": "ke_hoach", "quyet dinh": "quyet_dinh", "de an": "de_an"}
_BASES = ("can cu", "thuc hien", "theo de nghi", "xet de nghi")
_SIGN_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s", re.IGNORECASE)
_ISSUER_HEAD = re.compile(r"^(uy ban nhan dan|ubnd)\b")
# Fields of a content item ("a) Cơ quan thực hiện: …") by the folded start of their label.
_ITEM_FIELDS = (
    ("co quan thuc hien", "lead"), ("co quan chu tri", "lead"), ("don vi chu tri", "lead"), ("don vi thuc hien", "lead"),
    ("co quan phoi hop", "coordinating"), ("don vi phoi hop", "coordinating"),
    ("noi dung", "content"), ("san pham", "products"), ("ket qua du kien", "products"), ("thoi gian", "timeframe"),
)
_COLUMNS = (
    (("stt", "tt", "so tt"), "no"), (("noi dung", "nhiem vu", "cong viec", "hoat dong tuyen truyen"), "content"), (("chu tri", "co quan thuc hien", "don vi thuc hien"), "lead"),
    (("phoi hop",), "coordinating"), (("san pham", "ket qua", "hoat dong"), "products"), (("thoi gian", "thoi han"), "timeframe"),
)
_SECTION_KINDS = (
    ("muc tieu", "objectives"), ("muc dich", "objectives"), ("yeu cau", "requirements"), ("doi tuong", "audiences"),
    ("pham vi", "scope"), ("noi dung", "content"), ("hinh thuc", "channels"), ("kinh phi", "budget"),
    ("thoi gian", "timeline"), ("to chuc thuc hien", "responsibilities"), ("giai phap", "solutions"),
    ("nhiem vu", "tasks"), ("su can thiet", "background"), ("can cu phap ly", "legal_bases"),
)
# The six areas of administrative reform, by words of a heading ("2.1. Về cải cách thể chế:").
_REFORM_AREAS = (
    ("the che", "the_che"), ("thu tuc hanh chinh", "thu_tuc_hanh_chinh"), ("to chuc bo may", "to_chuc_bo_may"),
    ("doi ngu can bo", "che_do_cong_vu"), ("che do cong vu", "che_do_cong_vu"), ("tai chinh cong", "tai_chinh_cong"),
    ("hien dai hoa", "chinh_phu_so"), ("chinh phu so", "chinh_phu_so"), ("chinh quyen so", "chinh_phu_so"),
    ("chinh phu dien tu", "chinh_phu_so"), ("chuyen doi so", "chinh_phu_so"),
)
# Units whose People's Committee is of the province tier (centrally-run cities).
_CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
OCR_NOTE = "Văn bản được nhận dạng ký tự (OCR) từ bản quét, không có dấu tiếng Việt"


@dataclass
class Line:
    raw: str  # as printed, emphasis kept
    plain: str  # emphasis around the whole line removed
    key: str  # folded plain: for recognising words
    line: int
    heading: int | None = None
    gap: bool = True

    @classmethod
    def of(cls, para: Para) -> "Line":
        raw = para.text.strip()
        if para.label:
            raw = f"{para.label} {raw}"
        return cls(raw, _plain(raw), fold(_plain(raw)), para.line, para.heading, para.gap_before)


def _plain(text: str) -> str:
    return _EMPHASIS.sub("", text).strip()


def _unlabel(line: Line):
    """(Label, raw rest, plain rest) of a line. The label is found in the plain text; the raw
    rest keeps the emphasis inside the line ("- Thực hiện … ***tại phụ lục***"), and loses the
    markers that only wrapped the label ("**Điều 1.** Phê duyệt") or the whole line ("**1. Mục tiêu**")."""
    label, rest = split_label(line.plain)
    if label is None:
        return None, line.raw, line.plain
    if label.kind == "part":
        return label, rest, rest
    raw = line.raw
    opening = re.match(r"^[*_]*", raw)[0]
    body = raw[len(opening):].lstrip()
    if label.kind in ("dash", "plus"):
        after = body[1:]
    else:
        at = body.find(label.printed)
        after = body[at + len(label.printed):] if at >= 0 else rest
    after = after.lstrip()
    if opening and after.startswith(opening):
        after = after[len(opening):].lstrip()
    elif opening and after.endswith(opening):
        after = after[: -len(opening)].rstrip()
    return label, after, rest


@dataclass
class Draft:
    """The recognised plan, what could not be placed, and the counts for the summary."""

    data: dict
    sections: int = 0
    items: int = 0
    tasks: int = 0
    ocr: bool = False

    @property
    def text(self) -> str:
        return dump(self.data)

    @property
    def checks(self) -> int:
        return len(check_lines(self.text))

    def plain(self) -> dict:
        return plain(self.data)

    def summary(self) -> str:
        return _(
            "Placed {sections} sections, {items} items and {tasks} tasks; {checks} lines to check (marked KIỂM TRA).",
            sections=self.sections, items=self.items, tasks=self.tasks, checks=self.checks,
        )


@dataclass
class _State:
    stripped: list[str] = field(default_factory=list)
    discrepancies: list[str] = field(default_factory=list)
    motto: bool = False  # the national motto was printed in a header
    issuer_header: bool = False  # the issuer's name was printed at the top left
    sections: int = 0
    items: int = 0


def import_blocks(blocks: list, source_name: str = "", ocr: bool | None = None) -> Draft:
    lines = _join_page_breaks(_flatten(blocks), state := _State())
    text = " ".join(b.raw for b in lines if isinstance(b, Line))
    if ocr is None:
        ocr = len(text) > 200 and not has_diacritics(text)
    reader = _Reader(lines, state)
    data = {Note(_("Draft made by `cchc import` from {file}. Check every line marked KIỂM TRA against the signed document, correct it if needed and delete the mark; then run `cchc check`.", file=source_name or "?")): None}
    data.update(reader.run())
    source: dict = {"file": source_name or None}
    if ocr:
        source["ocr"] = True
    source["discrepancies"] = state.discrepancies
    source["stripped"] = state.stripped
    source["missing"] = [note for present, note in (
        (state.motto, "Quốc hiệu, tiêu ngữ (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc)."),
        (state.issuer_header, "Tên cơ quan ban hành ở đầu văn bản; cơ quan ban hành được xác định từ nội dung văn bản."),
    ) if not present]
    data["source"] = source
    if reader.tail_checks:
        data[Check(_("not placed (end of the document)"))] = None
        for check in reader.tail_checks:
            data[check] = None
    rows = plain(data.get("appendix") or {}).get("tasks") or []
    tasks = len(rows) if data.get("appendix") else reader.content_tasks
    return Draft(data, state.sections, state.items, tasks, ocr)


def _columns_known(row) -> int:
    row = list({id(c.key) if not isinstance(c.key, tuple) else c.key: c for c in row}.values())  # a merged cell counts once
    return sum(1 for cell in row if any(fold(_plain(cell.text)).startswith(w) or f" {w}" in f" {fold(_plain(cell.text))}"
                                        for words, _n in _COLUMNS for w in words))


_LAYOUT = re.compile(r"^(noi nhan|uy ban nhan dan|ubnd|cong hoa xa hoi|so:|(tm|kt|tl|tuq|q)\.\s)|, ngay \d")


def _layout(table: Table) -> bool:
    """A borderless table Word uses to lay out the header or the signature block."""
    firsts = [c.paras[0] for row in table.rows for c in row if c.paras]
    return any(_LAYOUT.search(fold(_plain(p))) for p in firsts)


def _flatten(blocks: list) -> list:
    """Paragraphs as Lines; a table that is not a task table (Word lays out the header and the
    signature as borderless tables: issuer | motto, Nơi nhận | signer) read cell by cell. A task
    table's header row may follow a title row or two; those are read as lines before it.
    Lines without a letter or digit (rules "______" under the header) carry no text: skipped."""
    out: list = []
    for block in blocks:
        if isinstance(block, Table):
            header = next((k for k, row in enumerate(block.rows[:3]) if _columns_known(row) >= 3), None)
            if header is None and not _layout(block):
                out.append(block)  # a table of the document's own (a budget): kept for the officer
                continue
            seen = set()
            for row in block.rows[: len(block.rows) if header is None else header]:
                for cell in row:
                    if cell.key in seen:
                        continue
                    seen.add(cell.key)
                    out += [Line.of(Para(p, block.line, None, None, True)) for p in cell.paras if any(c.isalnum() for c in p)]
            if header is not None:
                out.append(Table(block.rows[header:], block.line))
        elif any(c.isalnum() for c in block.text) or block.label:
            out.append(Line.of(block))
    return out


def _join_page_breaks(blocks: list, state: _State) -> list:
    """Join a paragraph cut by a page break: the first part ends mid-sentence and the next one
    starts in lower case (or with a digit) without a label."""
    out: list = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Line) and isinstance(prev, Line) and len(prev.plain) > 60 and not prev.heading
            and not prev.raw.endswith(_ENDS_SENTENCE) and (block.raw[:1].islower() or block.raw[:1].isdigit())
            and split_label(block.plain)[0] is None and not block.heading
        ):
            if split_label(prev.plain)[0] is None or split_label(prev.plain)[0].kind not in ("part", "roman"):
                tail = " ".join(prev.raw.split()[-3:])
                head = " ".join(block.raw.split()[:3])
                state.stripped.append(f"Ngắt trang giữa đoạn văn đã được ghép lại: “…{tail}” / “{head}…”")
                joined = prev.raw + " " + block.raw
                out[-1] = Line(joined, _plain(joined), fold(_plain(joined)), prev.line, prev.heading, prev.gap)
                continue
        out.append(block)
    return out


def _parts(node: Node):
    """The parts of a content item in printed order. A paragraph after a dash item hangs under
    it in the tree ("- …" then "Sản phẩm, kết quả dự kiến:"): it is a part of its own here."""
    for child in node.children:
        yield child
        if isinstance(child, Node) and child.kind in ("dash", "plus"):
            yield from (c for c in child.children if isinstance(c, Text))


def _as_node(child) -> Node:
    """A paragraph of a content item read like a labelled part ("Cơ quan thực hiện: …")."""
    return child if isinstance(child, Node) else Node(None, child.raw, _plain(child.raw), child.line)


def _tag_reform_areas(sections: list[dict]) -> None:
    """Sibling sections that are, one each, the areas of reform get their `reform_area` (at
    least three of them: one heading that names an area is not yet a grouping by area)."""
    areas = []
    for section in sections:
        key = fold(section.get("heading") or "")
        found = {area for words, area in _REFORM_AREAS if words in key}
        areas.append(found.pop() if len(found) == 1 else None)
    named = [a for a in areas if a]
    if len(named) >= 3 and len(set(named)) == len(named):
        for section, area in zip(sections, areas):
            if area:
                section["reform_area"] = area


def _heading_like(text: str) -> bool:
    return not _plain(text).endswith((".", ";", "…", "./."))


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _number(text: str) -> str:
    """The number and symbol as printed, without the blanks around "/" (as plans/README.md asks)."""
    return re.sub(r"\s*/\s*", "/", text.strip())


class _Reader:
    def __init__(self, lines: list, state: _State):
        self.lines = lines
        self.i = 0
        self.state = state
        self.tail_checks: list[Check] = []
        self.content_tasks = 0
        self.task_table: Table | None = None

    # -- cursor helpers ----------------------------------------------------------------------

    def peek(self):
        return self.lines[self.i] if self.i < len(self.lines) else None

    def take(self):
        line = self.peek()
        self.i += 1
        return line

    def check(self, line, reason: str) -> Check:
        if isinstance(line, Table):
            return Check(reason, "\n".join(" | ".join(" / ".join(c.paras) for c in row) for row in line.rows))
        return Check(reason, line.raw)

    # -- the document ------------------------------------------------------------------------

    def run(self) -> dict:
        pending: list[Check] = []
        head = self.header(pending)
        data: dict = {}
        for check in pending:
            data[check] = None
        if head["type"] == "quyet_dinh":
            approval = self.decision(head)
            second: list[Check] = []
            plan_head = self.header(second)
            for check in second:
                data[check] = None
            data.update(self.deduce_plan(plan_head, approval))
        else:
            data.update(self.deduce_plan(head, None))
            bases, preamble = self.bases_and_preamble()
            data["legal_bases"] = bases
            data["preamble"] = preamble
        body, closing = self.body()
        data["sections"] = body
        data["closing"] = closing
        recipients, signer, extra = self.signature()
        data["recipients"] = recipients
        data["signer"] = signer
        for check in extra:
            data[check] = None
        appendix = self.appendix(data)
        if appendix:
            data["appendix"] = appendix
        elif self.task_table is not None:
            columns, tasks, _checks = self.tasks(self.task_table)
            data["appendix"] = {Check(_("printed in the body, not as an appendix: check")): None, "columns": columns, "tasks": tasks}
        while self.peek() is not None:
            self.tail_checks.append(self.check(self.take(), _("not recognised")))
        return data

    def header(self, pending: list) -> dict:
        """Everything up to and including the title: issuer lines, number, place and date,
        type and title (and, for an Đề án, its "(Kèm theo …)" line)."""
        head: dict = {"type": None, "caps": [], "title": [], "attached": None}
        while (line := self.peek()) is not None:
            if isinstance(line, Table):
                pending.append(self.check(self.take(), _("a table before the title")))
                continue
            key = line.key
            if head["type"]:
                break
            self.take()
            if key.startswith(("ky boi:", "co quan:")) or re.match(r"^(\*+)?den\b.*so:", key) or key.startswith(("chuyen:", "luu ho so so:", "ngay:")):
                self.state.stripped.append(f"Dấu, chữ ký số hoặc dấu công văn đến: “{line.plain.replace('**', '')}”")
                continue
            if "cong hoa xa hoi chu nghia" in key or key.startswith("doc lap - tu do") or key.startswith("doc lap – tu do"):
                self.state.motto = True
                continue
            if re.fullmatch(r"\d{1,3}", key):
                self.state.stripped.append(f"Số trang “{line.plain}” đứng riêng một dòng")
                continue
            m = re.match(r"^so\s*:?\s*(\d.*)$", key)
            if m and "number" not in head:
                head["number"] = _number(line.plain[m.start(1):])
                continue
            m = _DATELINE.match(key)
            if m:
                head["place"] = line.plain[: m.end(1)].strip()
                try:
                    head["date"] = dt.date(int(m[4]), int(m[3]), int(m[2]))
                except ValueError:
                    pending.append(self.check(line, _("a date that does not exist")))
                continue
            if key.rstrip(":") in _TYPES and not key.endswith(":"):
                head["type"] = _TYPES[key]
                head["type_line"] = line.plain
                self.title(head)
                continue
            word = next((w for w in _TYPES if key.startswith(w + " ") and _is_caps(line.plain[: len(w)])), None)
            if word:  # "KẾ HOẠCH Tuyên truyền …" on one line
                head["type"] = _TYPES[word]
                rest = line.plain[len(word):].strip()
                self.title(head)
                head["title"] = rest + (("\n" if head["title"][:1].isupper() else " ") + head["title"] if head["title"] else "")
                continue
            if key.startswith(_BASES) or (split_label(line.plain)[0] is not None and split_label(line.plain)[0].kind in ("part", "roman", "dec1")):
                self.i -= 1  # the body starts without a type line: nothing more of the header to read
                break
            if _is_caps(line.plain) and len(line.plain.split()) <= 8:
                head["caps"].append(line.plain)
                self.state.issuer_header = self.state.issuer_header or bool(_ISSUER_HEAD.match(key))
                continue
            pending.append(self.check(line, _("not recognised in the header")))
        return head

    def title(self, head: dict) -> None:
        parts: list[str] = []
        first_emphasised = False
        while (line := self.peek()) is not None and isinstance(line, Line):
            key = line.key
            if key.startswith(_BASES) or key.startswith("(kem theo") or split_label(line.plain)[0] is not None:
                break
            if parts and _is_caps(line.plain) and _ISSUER_HEAD.match(key):
                break  # the decision's authority line
            if len(parts) >= 3 or len(line.plain) > 160 or (" ban hanh " in line.key and line.key.endswith(":")):
                break
            if key.startswith(("ky boi", "co quan:")) or re.fullmatch(r"\d{1,3}", key):
                break
            emphasised = line.raw.startswith(("*", "_")) or line.raw.endswith(("*", "_")) or bool(line.heading)
            if parts and first_emphasised and not emphasised:
                break
            if not parts:
                first_emphasised = emphasised
            parts.append(line.plain)
            self.take()
        title = ""
        for part in parts:
            title = part if not title else title + ("\n" if part[:1].isupper() else " ") + part
        head["title"] = title
        line = self.peek()
        if isinstance(line, Line) and line.key.startswith("(kem theo"):
            self.take()
            attached = line.plain
            while ")" not in attached and isinstance(self.peek(), Line) and len(attached) < 400:
                attached += " " + self.take().plain
            head["attached"] = attached

    def decision(self, head: dict) -> dict:
        """The approving Quyết định: authority line, bases, articles, recipients, signer."""
        approval: dict = {"number": head.get("number"), "date": head.get("date"), "place": head.get("place"), "title": head["title"]}
        checks: list[Check] = []
        bases: list[str] = []
        while (line := self.peek()) is not None:
            if isinstance(line, Table):
                checks.append(self.check(self.take(), _("a table in the decision")))
                continue
            key = line.key
            if key.rstrip(":") == "quyet dinh" and key.endswith(":"):
                self.take()
                break
            self.take()
            if key.startswith(_BASES):
                bases.append(line.plain)
            elif _is_caps(line.plain) and _ISSUER_HEAD.match(key) and "authority" not in approval:
                approval["authority"] = line.plain
            elif key.startswith(("chuyen:", "luu ho so so:", "ngay:")) or re.match(r"^(\*+)?den\b.*so:", key):
                self.state.stripped.append(f"Dấu công văn đến: “{line.plain.replace('**', '')}”")
            elif _is_caps(line.plain) and len(line.plain.split()) <= 8:
                self.state.stripped.append(f"Dòng chữ in hoa không thuộc văn bản (có lẽ là dấu): “{line.plain}”")
                checks.append(self.check(line, _("left out as a stamp: check")))
            else:
                checks.append(self.check(line, _("not recognised in the decision")))
        approval["legal_bases"] = bases
        articles: list = []
        while (line := self.peek()) is not None and isinstance(line, Line):
            found = split_article(line.plain)
            if found is None:
                if articles and not line.key.startswith("noi nhan") and not _SIGN_AUTHORITY.match(line.plain):
                    self.take()
                    articles[-1]["text"] += "\n\n" + self._unmark(line.raw)
                    continue
                break
            self.take()
            raw = re.sub(r"^[*_]*" + re.escape(found[0].split()[0]) + r"\s+\d+\.[*_]*\s*", "", line.raw)
            articles.append({"no": found[0], "text": self._unmark(raw)})
        approval["articles"] = articles
        recipients, signer, extra = self.signature(stop_at_type=True)
        approval["recipients"] = recipients
        approval["signer"] = signer
        for check in checks + extra:
            approval[check] = None
        return approval

    def _unmark(self, raw: str) -> str:
        m = _SCAN_MARK.search(raw)
        if not m:
            return raw
        self.state.stripped.append(f"Ký tự thừa “{m.group().strip()}” do quét văn bản, sau “…{' '.join(raw[:m.start()].split()[-4:])}”")
        return raw[: m.start()].rstrip()

    def deduce_plan(self, head: dict, approval: dict | None) -> dict:
        data: dict = {}
        kind = head["type"] if head["type"] in ("ke_hoach", "de_an") else "de_an" if approval else "ke_hoach"
        data["type"] = kind
        if approval is None:
            data["number"] = head.get("number") or Flagged(None, _("the number was not found: add `number`"))
        data["issuer"] = self.issuer(head, approval)
        if approval is None and head.get("place"):
            data["place"] = head["place"]
        date = head.get("date") or (approval or {}).get("date")
        data["date"] = date if date else Flagged(None, _("the date was not found: add `date`"))
        title = head.get("title") or ""
        data["title"] = title or Flagged(None, _("the title was not found"))
        data["period"] = self.period(title, date)
        if head.get("attached"):
            data["attached_to"] = head["attached"]
        if approval:
            data["approval"] = approval
            if head.get("attached"):
                self.compare_attached(head["attached"], approval.get("number"), approval.get("date"), "Đề án")
        self.head = {**head, "number": data.get("number") if approval is None else approval.get("number"), "date": date}
        return data

    def issuer(self, head: dict, approval: dict | None) -> dict:
        """The issuer's name as printed in running text: "Ủy ban nhân dân tỉnh X ban hành …",
        "(Kèm theo … của Ủy ban nhân dân tỉnh X)"; else the header in capitals."""
        name = None
        # "(Kèm theo Quyết định … của Ủy ban nhân dân tỉnh X)", then "Ủy ban nhân dân tỉnh X ban hành …"
        units = r"((?:tinh|thanh pho|thi xa|quan|huyen|xa|phuong|thi tran|dac khu) [^,;.()]+?)"
        patterns = [(re.compile(r"\bcua (uy ban nhan dan|ubnd) " + units + r"\s*\)"), head.get("attached") or "")]
        patterns += [(re.compile(r"^(uy ban nhan dan|ubnd) " + units + r" ban hanh\b"), l.plain)
                     for l in self.lines[self.i:self.i + 40] if isinstance(l, Line)]
        for pattern, text in patterns:
            m = pattern.search(fold(text))
            if m:
                unit = text[m.start(2):m.end(2)].strip()
                committee = text[m.start(1):m.end(1)]
                name = (PEOPLES_COMMITTEE if committee.upper() == "UBND" else committee) + " " + unit
                break
        flagged = None
        if name is None and len(head["caps"]) >= 2:
            name = " ".join(head["caps"][:2])
            flagged = _("written in capitals in the header: write it as in running text")
        if name is None:
            return {"name": Flagged("", _("the issuing body was not found")), "level": Flagged("", _("write tinh or xa"))}
        unit_key = fold(name)
        level = None
        for words, tier in (("tinh ", "tinh"), ("thanh pho ", None), ("thi xa ", "huyen"), ("quan ", "huyen"), ("huyen ", "huyen"),
                            ("xa ", "xa"), ("phuong ", "xa"), ("thi tran ", "xa"), ("dac khu ", "xa")):
            if f"nhan dan {words}" in unit_key:
                level = tier or ("tinh" if any(c in unit_key for c in _CENTRAL_CITIES) else "huyen")
                break
        date = head.get("date") or (approval or {}).get("date")
        if level == "huyen" and date and date >= dt.date(2025, 7, 1):
            level = Flagged("huyen", _("no district tier after 1/7/2025: check the level"))
        words = name.split()
        issuer = {"name": Flagged(name, flagged) if flagged else name, "level": level or Flagged("", _("write tinh or xa"))}
        if len(words) > 4 and fold(" ".join(words[:4])) == "uy ban nhan dan":
            issuer["short"] = "UBND " + " ".join(words[4:])
        return issuer

    def period(self, title: str, date) -> object:
        key = fold(title)
        m = re.search(r"giai doan (\d{4})\s*[-–]\s*(\d{4})", key)
        if m:
            return f"{m[1]}..{m[2]}"
        m = re.search(r"(?:tu nay )?den nam (\d{4})", key)
        if m and date:
            return f"{date.isoformat()}..{m[1]}"
        m = re.search(r"nam (\d{4})", key)
        if m:
            return int(m[1])
        return Flagged(date.year if date else "", _("the period is not in the title: check it"))

    def compare_attached(self, attached: str, number, date, what: str) -> None:
        """A "(Kèm theo … số N … ngày D)" line that names another number or date than the header."""
        if not number:
            return
        key = fold(attached)
        m_number = re.search(r"so (\d+\w*)\s*/?\s*([a-zđ]+(?:\s*-\s*[a-z]+)*)", key)
        m_date = re.search(r"ngay (\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", key) or re.search(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})", key)
        printed_number = m_number[1] if m_number else None
        own = number.split("/")[0]
        wrong_number = printed_number is not None and printed_number != own
        wrong_slash = m_number is not None and "/" not in attached[m_number.start():m_number.end()]
        printed_date = None
        if m_date:
            try:
                printed_date = dt.date(int(m_date[3]), int(m_date[2]), int(m_date[1]))
            except ValueError:
                printed_date = None
        wrong_date = printed_date is not None and date is not None and printed_date != date
        if not (wrong_number or wrong_date):
            return
        parts = []
        if wrong_number:
            parts.append(f"số {printed_number}" + (" (không có dấu “/” trước ký hiệu)" if wrong_slash else ""))
        if wrong_date:
            parts.append(f"ngày {printed_date.strftime('%d/%m/%Y')}")
        own_date = f" ngày {date.strftime('%d/%m/%Y')}" if date else ""
        self.state.discrepancies.append(
            f"Phần đầu văn bản ghi số {number}{own_date}, nhưng dòng “Kèm theo” của {what} ghi {' và '.join(parts)}: “{attached}”."
        )

    def bases_and_preamble(self) -> tuple[list, str | None]:
        bases: list = []
        preamble: list[str] = []
        while (line := self.peek()) is not None and isinstance(line, Line):
            if split_label(line.plain)[0] is not None and not line.key.startswith(_BASES):
                break
            if line.key.startswith(_BASES) and not preamble:
                bases.append(line.plain)
            else:
                if self._body_ends(line):
                    break
                preamble.append(line.raw)
            self.take()
        return bases, "\n\n".join(preamble) or None

    # -- the body --------------------------------------------------------------------------

    def _body_ends(self, line) -> bool:
        if isinstance(line, Table):
            return False
        key = line.key
        return (
            key.startswith("noi nhan") or bool(_SIGN_AUTHORITY.match(line.plain)) or self._appendix_heading(line)
        )

    @staticmethod
    def _appendix_heading(line) -> bool:
        if not isinstance(line, Line):
            return False
        key = line.key.strip()
        if re.fullmatch(r"phu luc(?: (?:so )?[ivx\d]+)?\.?:?", key):
            return True
        return key.startswith("phu luc ") and _is_caps(line.plain) and split_label(line.plain)[0] is None

    def body_table(self, table: Table) -> list[Check]:
        """A table in the body. The first task table of a plan without an appendix becomes the
        plan's task table (its tasks are then tracked), marked where it stood; others are kept
        row by row for the officer."""
        if _columns_known(table.rows[0]) >= 3 and self.task_table is None:
            self.task_table = table
            return [Check(_("the task table printed here is written under `appendix`: check"))]
        return _table_checks(table, _("a table in the body: not placed"))

    def body(self) -> tuple[list, str | None]:
        lines: list = []
        while (line := self.peek()) is not None and not self._body_ends(line):
            lines.append(self.take())
        # The closing paragraph(s): "Trên đây là Kế hoạch …", "Trong quá trình thực hiện …" before the signature.
        closing: list[str] = []
        plain_run = 0
        for line in reversed(lines):
            if isinstance(line, Table) or split_label(line.plain)[0] is not None or line.heading:
                break
            plain_run += 1
        run = lines[len(lines) - plain_run:]
        start = next((k for k, l in enumerate(run) if l.key.startswith(("tren day la", "tren day "))), None)
        if start is None and run and run[-1].raw.rstrip().endswith("/.") and run[0].key.startswith(("trong qua trinh", "qua trinh")):
            start = 0
        if start is not None:
            closing = [l.raw for l in run[start:]]
            lines = lines[: len(lines) - len(run) + start]
        tokens = []
        stripped_dash = False
        prev_label = None
        for line in lines:
            if isinstance(line, Table):
                tokens.append((None, "", line, line.line))
                continue
            label, raw, rest = _unlabel(line)
            if label is not None and label.kind == "dash":
                inner, inner_rest = split_label(rest)
                if inner is not None and inner.kind == "letter":
                    label, raw, rest = inner, _unlabel(Line(rest, rest, fold(rest), line.line))[1], inner_rest
                    stripped_dash = True
            if label is not None and label.kind == "part" and not rest:
                rest = ""
            if label is None and prev_label is not None and prev_label[0].kind in ("part", "roman") and not prev_label[1] and _is_caps(line.plain):
                tokens[-1] = (prev_label[0], line.plain, line.plain, tokens[-1][3])  # "Phần I" / "SỰ CẦN THIẾT …"
                prev_label = (prev_label[0], line.plain)
                continue
            tokens.append((label, raw, rest, line.line))
            prev_label = (label, rest) if label else None
        if stripped_dash:
            self.state.stripped.append("Dấu gạch “- ” đứng trước các nhãn a), b), c)… đã được bỏ; nội dung sau các nhãn được giữ nguyên.")
        root = build(tokens)
        converted = self.convert(root, top=True)
        return converted.get("sections", []) + converted.get("checks", []), "\n\n".join(closing) or None

    def convert(self, node: Node, top: bool = False) -> dict:
        """A node's children as a section's text, items, sub-sections and after-text."""
        out: dict = {}
        children = node.children
        first = next((k for k, c in enumerate(children) if isinstance(c, Node)), len(children))
        last = max((k for k, c in enumerate(children) if isinstance(c, Node)), default=-1)
        lead = [c for c in children[:first] if isinstance(c, Text)]
        trailing = [c for c in children[last + 1:] if isinstance(c, Text)] if last >= 0 else []
        middle_checks = [c for c in children[first:last + 1] if isinstance(c, Text)]
        nodes = node.nodes
        if nodes and nodes[-1].kind in ("dash", "plus"):
            # Paragraphs after the last dash of a list belong to the section ("(Các nhiệm vụ … kèm theo)").
            moved = [c for c in nodes[-1].children if isinstance(c, Text)]
            if moved and not nodes[-1].nodes:
                nodes[-1].children = [c for c in nodes[-1].children if not isinstance(c, Text)]
                trailing = moved + trailing
        checks: list = []
        # A numbered block is a sub-section when it has numbered parts, or a heading ("1. Mục tiêu")
        # with paragraphs under it; a numbered sentence with a paragraph after it is one item.
        section_kinds = {n.kind for n in nodes if n.kind in ("part", "roman") or (
            n.kind not in ("dash", "plus") and (n.nodes or (n.children and _heading_like(n.plain))) and not self.content_item(n))}
        items: list = []
        sections: list = []
        seen_section = False
        for n in nodes:
            if n.kind in section_kinds:
                sections.append(self.section(n))
                seen_section = True
            else:
                if seen_section:
                    checks.append(Check(_("an item after a sub-section: the page shows items first"), n.raw))
                items.append(n)
        for t in middle_checks:
            if t.table is None:
                checks.append(Check(_("a paragraph between numbered parts: place it"), t.raw))
        if top:
            for t in lead:
                checks.append(Check(_("a paragraph before the first section: place it"), t.raw))
            out["sections"] = sections
            out["checks"] = checks + [Check(_("a paragraph after the last section: place it"), t.raw) for t in trailing if t.table is None]
            for t in children:
                if isinstance(t, Text) and t.table is not None:
                    out["checks"] += self.body_table(t.table)
            return out
        lead_texts = [t.raw for t in lead if t.table is None]
        if lead_texts and not nodes and len(lead_texts) > 1:
            out["marker"] = "none"
            out["items"] = lead_texts
            self.state.items += len(lead_texts)
        elif lead_texts:
            out["text"] = "\n\n".join(lead_texts)
        if items:
            marker, entries = self.items(items)
            if marker:
                out["marker"] = marker
            out["items"] = entries
            if any(isinstance(e, dict) and "lead" in e for e in entries):
                out["kind"] = "content"
        for t in node.children:
            if isinstance(t, Text) and t.table is not None:
                checks += self.body_table(t.table)
        for n in nodes:  # tables under dash items
            for t in n.children:
                if isinstance(t, Text) and t.table is not None:
                    checks += self.body_table(t.table)
        if sections:
            _tag_reform_areas(sections)
            out["sections"] = sections
        after = [t.raw for t in trailing if t.table is None]
        if after:
            out["after"] = "\n\n".join(after)
        for check in checks:
            out[check] = None
        return out

    def section(self, node: Node) -> dict:
        self.state.sections += 1
        heading = _plain(node.raw) if node.kind in ("part", "roman") or node.children else None
        section: dict = {"no": node.label.printed}
        text_instead = None
        if node.children or node.kind in ("part", "roman"):
            section["heading"] = heading or None
        else:
            text_instead = node.raw  # a numbered paragraph among sub-sections: a section of text
        body = self.convert(node)
        kind = self.section_kind(heading or "", body)
        if kind:
            section["kind"] = kind
        if text_instead:
            section["text"] = text_instead
        section.update(body)
        if section.get("kind") == "timeline" and section.get("text") and "\n" not in section["text"]:
            parsed = timeframes.parse(section["text"])
            if parsed:
                section["timeframe"] = {**parsed, "label": section["text"].rstrip(". ")}
        # key order as in the hand-made plans
        order = ["no", "heading", "kind", "text", "timeframe", "marker", "items", "sections", "after"]
        return {k: section[k] for k in order if k in section} | {k: v for k, v in section.items() if k not in order}

    @staticmethod
    def section_kind(heading: str, body: dict) -> str | None:
        if body.get("kind"):
            return body["kind"]
        key = fold(heading)
        found = {kind for words, kind in _SECTION_KINDS if words in key}
        if "to chuc thuc hien" in key:
            found = {"responsibilities"}
        return found.pop() if len(found) == 1 else None

    def content_item(self, node: Node) -> bool:
        """A numbered block whose parts are "Cơ quan thực hiện:", "Nội dung" … (Tây Ninh's
        lettered parts; also as dash items or plain paragraphs)."""
        known = [f for f in (self.item_field(_as_node(c))[0] for c in _parts(node)) if f]
        return len(known) >= 2 and "lead" in known

    @staticmethod
    def item_field(node: Node) -> tuple[str | None, str, str]:
        """(field, printed label, value after the colon) of a lettered part of a content item."""
        key = fold(node.plain)
        for words, name in _ITEM_FIELDS:
            if key.startswith(words):
                colon = node.raw.find(":")
                label_text = (node.raw[:colon] if colon >= 0 else node.raw).strip()
                value = node.raw[colon + 1:].strip() if colon >= 0 else ""
                return name, label_text, value
        return None, "", ""

    def items(self, nodes: list[Node]) -> tuple[str | None, list]:
        kinds = {n.kind for n in nodes}
        marker = None
        if kinds <= {"dash", "plus"}:
            marker = None
        elif len(kinds) == 1:
            candidate = "1." if kinds & {"dec1", "dec2", "dec3"} else "a)" if kinds == {"letter"} else None
            # by what the labels stand for: OCR's "¢)" still counts as c), and is kept as printed below
            if candidate and all(marker_label(candidate, k) == n.label.value for k, n in enumerate(nodes)):
                marker = candidate
        entries: list = []
        for n in nodes:
            self.state.items += 1
            if self.content_item(n):
                entries.append(self.content(n))
                continue
            text = n.raw
            extra = [t.raw for t in n.texts if t.table is None]
            if extra:
                text = "\n\n".join([text] + extra)
            subs = [s for s in n.nodes]
            numbered = n.kind not in ("dash", "plus") and (marker is None or n.label.printed != n.label.value)
            if subs:
                sub_marker, sub_entries = self.items(subs)
                entry = {"no": n.label.printed} if numbered else {}
                entry.update({"text": text, "items": sub_entries})
                if sub_marker:
                    entry[Check(_("sub-items numbered {marker} are shown as a list", marker=sub_marker))] = None
                entries.append(entry)
            elif numbered:
                entries.append({"no": n.label.printed, "text": text})
            else:
                entries.append(text)
        return marker, entries

    def content(self, node: Node) -> dict:
        item: dict = {"no": node.label.printed, "title": node.raw}
        labels: dict = {}
        fields: dict[str, list[str]] = {}
        current = None
        for child in _parts(node):
            part = _as_node(child)
            name, label_text, value = self.item_field(part)
            if name is None:
                if current in ("content", "products") and (isinstance(child, Text) or child.kind in ("dash", "plus")):
                    fields[current].append(part.raw)  # "- …" lines under a "Nội dung:" paragraph
                    continue
                printed = f"{part.label.printed} {part.raw}" if part.label else part.raw
                item[Check(_("a part of the item that was not recognised"), printed)] = None
                continue
            current = name
            fields[name] = ([value] if value else []) + [c.raw for c in part.children if part.kind == "letter" or isinstance(c, Node)]
            default = ITEM_LABELS.get(name)
            if default and fold(label_text) != fold(default) and name != "timeframe":
                labels[name] = label_text
        for name, values in fields.items():
            if not values:
                item[Check(_("a part of the item that was not recognised"), name)] = None
            elif name in ("lead", "coordinating"):
                item[name] = "\n".join(values) if len(values) > 1 else values[0]
            elif name == "timeframe":
                parsed = timeframes.parse(values[0])
                item["timeframe"] = {**parsed, "label": values[0].rstrip(". ")} if parsed else Flagged({"label": values[0]}, _("timeframe not understood: write `when`"))
            else:
                item[name] = values[0] if len(values) == 1 else values
        if labels:
            item["labels"] = labels
        self.content_tasks += 1
        return item

    # -- signature, recipients -------------------------------------------------------------

    def signature(self, stop_at_type: bool = False) -> tuple[list, dict | None, list]:
        recipients: list[str] = []
        signer: dict = {}
        checks: list[Check] = []
        in_recipients = False
        while (line := self.peek()) is not None:
            if isinstance(line, Table) or self._appendix_heading(line):
                break
            key = line.key
            if stop_at_type and (key in _TYPES or ("cong hoa xa hoi" in key) or (_is_caps(line.plain) and _ISSUER_HEAD.match(key) and signer.get("name"))):
                break
            self.take()
            if key.startswith("noi nhan"):
                in_recipients = True
                rest = line.plain.split(":", 1)[1].strip() if ":" in line.plain else ""
                if rest:
                    recipients.append(self._unmark(rest.lstrip("-– ").strip()))
                continue
            label, raw, rest = _unlabel(line)
            if in_recipients and (label is not None and label.kind in ("dash", "plus") or key.startswith("luu") or line.plain.endswith(";")):
                recipients.append(_plain(self._unmark(raw if label else line.raw)))
                continue
            in_recipients = False
            if _SIGN_AUTHORITY.match(line.plain) and "authority" not in signer:
                signer["authority"] = line.plain
                continue
            if _is_caps(line.plain) and len(line.plain.split()) <= 6 and "title" not in signer:
                signer["title"] = line.plain
                continue
            if "title" in signer and "name" not in signer and len(line.plain.split()) <= 6 and all(w[:1].isupper() for w in line.plain.split()):
                signer["name"] = line.plain
                continue
            checks.append(self.check(line, _("not recognised near the signature")))
        return recipients, (signer or None), checks

    # -- appendix ------------------------------------------------------------------------------

    def appendix(self, data: dict) -> dict | None:
        line = self.peek()
        if line is None:
            return None
        appendix: dict = {}
        checks: list[Check] = []
        if self._appendix_heading(line):
            self.take()
            m = re.match(r"^(phu luc(?: (?:so )?[ivx\d]+\b)?)", line.key)
            appendix["heading"] = line.plain[: m.end()].rstrip(":. ")
            titles = [line.plain[m.end():].strip(" :.–-")] if line.plain[m.end():].strip(" :.–-") else []
            while isinstance(self.peek(), Line) and not self.peek().key.startswith("(kem theo") and len(titles) < 3:
                titles.append(self.take().plain)
            if titles:
                appendix["title"] = " ".join(titles)
            nxt = self.peek()
            if isinstance(nxt, Line) and nxt.key.startswith("(kem theo"):
                self.take()
                attached = nxt.plain
                while ")" not in attached and isinstance(self.peek(), Line):
                    attached += " " + self.take().plain
                appendix["attached_to"] = attached
                number = data.get("number") if isinstance(data.get("number"), str) else (data.get("approval") or {}).get("number")
                date = data.get("date") if isinstance(data.get("date"), dt.date) else None
                self.compare_attached(attached, number, date, "Phụ lục")
        while isinstance(self.peek(), Line):
            checks.append(self.check(self.take(), _("a line before the appendix table")))
        table = self.peek()
        if not isinstance(table, Table):
            if appendix:
                appendix["tasks"] = Flagged([], _("no table found: write the tasks"))
                for check in checks:
                    appendix[check] = None
                return appendix
            return None
        self.take()
        columns, tasks, table_checks = self.tasks(table)
        appendix["columns"] = columns
        for check in checks:
            appendix[check] = None
        appendix["tasks"] = tasks + table_checks
        return appendix

    def tasks(self, table: Table) -> tuple[dict, list, list]:
        header = table.rows[0]
        keys: list[str | None] = []
        columns: dict = {}
        for cell in header:
            key = fold(_plain(cell.text))
            name = next((n for words, n in _COLUMNS if any(key == w or key.startswith(w + " ") or f" {w}" in f" {key}" for w in words)), None)
            if name in columns:
                name = None
            keys.append(name)
            if name:
                columns[name] = _plain(cell.text)
        ordered = {k: columns[k] for k in ("no", "content", "lead", "coordinating", "products", "timeframe") if k in columns}
        tasks: list = []
        checks: list = []
        for row in table.rows[1:]:
            texts = [c.text for c in row]
            if not any(t.strip() for t in texts):
                continue
            distinct = {c.key for c in row if c.text.strip()}
            if len(distinct) == 1 and len(row) > 2:
                tasks.append(Check(_("a row across the whole table (a group heading?)"), texts[0]))
                continue
            task: dict = {}
            unplaced = []
            for name, cell in zip(keys + [None] * (len(row) - len(keys)), row):
                if not cell.text.strip():
                    continue
                if name is None:
                    unplaced.append(cell.text)
                    continue
                if name == "no":
                    task["no"] = _plain(cell.text)
                elif name == "timeframe":
                    printed = " ".join(cell.paras).strip()
                    parsed = timeframes.parse(printed)
                    task["timeframe"] = {**parsed, "label": printed.rstrip(". ")} if parsed else Flagged({"label": printed}, _("timeframe not understood: write `when`"))
                else:
                    task[name] = _cell_values(cell)
            if "no" not in task:
                task["no"] = Flagged("", _("a row without its number"))
            if "content" not in task:
                task["content"] = Flagged("", _("a row without its content"))
            if "timeframe" not in task:
                task["timeframe"] = Flagged("", _("a row without its timeframe"))
            order = ("no", "content", "lead", "coordinating", "products", "timeframe")
            task = {k: task[k] for k in order if k in task}
            for text in unplaced:
                task[Check(_("a cell in a column that was not recognised"), text)] = None
            if len(row) < len(keys):  # a PDF loses empty cells: the others may have moved left
                task[Check(_("this row has fewer cells than the header: check which one is empty"), " | ".join(texts))] = None
            tasks.append(task)
        return ordered, tasks, checks


def _cell_values(cell) -> object:
    """A cell's dash items as a list ("- A - B" on one line in text, or one paragraph each)."""
    paras = [p.strip() for p in cell.paras if p.strip()]
    if len(paras) == 1 and paras[0].startswith(("- ", "-\u00a0")) and re.search(r"\s-\s", paras[0][2:]):
        parts = [p.strip() for p in re.split(r"(?:^|\s)-\s", paras[0]) if p.strip()]
        return parts
    values = [re.sub(r"^[-–+•]\s*", "", p) for p in paras]
    return values[0] if len(values) == 1 else values


def _table_checks(table, reason: str) -> list[Check]:
    """A table that could not be placed, kept row by row (every cell's text)."""
    return [Check(reason, " | ".join(" / ".join(c.paras) for c in row)) for row in table.rows]
