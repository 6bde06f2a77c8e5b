"""`cchc import` as an officer runs it: the command, PDF input, its messages, the page of an OCR plan."""
from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract_from_file

from generator import i18n
from generator.cli import main
from generator.importer import import_file
from generator.importer.emit import check_lines
from generator.importer.fold import strip_tones
from generator.importer.measure import compare, load

from .conftest import Site, run_cchc
from .importer_docs import write_pdf
from .test_inventory import portal, problems_in

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "importer" / "sample-xa-an-phu.txt"


def test_import_writes_the_draft_and_prints_the_summary(tmp_path, capsys):
    out = tmp_path / "plans" / "2025-xa-an-phu-27.yml"
    assert main(["import", str(SAMPLE), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Draft written to {out}." in printed
    assert "Placed 5 sections, 15 items and 4 tasks; 0 lines to check (marked KIỂM TRA)." in printed
    assert out.read_text(encoding="utf-8") == import_file(SAMPLE).text


def test_without_output_the_draft_goes_to_stdout_and_the_summary_to_stderr(capsys):
    assert main(["import", str(SAMPLE)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Draft made by `cchc import` from sample-xa-an-phu.txt. Check every line marked KIỂM TRA")
    assert captured.out.splitlines()[1] == 'type: "ke_hoach"'
    assert captured.err.startswith("Placed 5 sections")
    assert f"To save it: cchc import {SAMPLE} -o plans/2025-xa-an-phu-27.yml" in captured.err


def test_an_existing_plan_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "x.yml"
    out.write_text("edited by hand", encoding="utf-8")
    assert main(["import", str(SAMPLE), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {out} already exists: give another name, or --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "edited by hand"
    assert main(["import", str(SAMPLE), "-o", str(out), "--force"]) == 0


def test_unknown_formats_and_missing_files_are_told_without_a_traceback(tmp_path, capsys):
    odt = tmp_path / "ke-hoach.odt"
    odt.write_bytes(b"x")
    assert main(["import", str(odt)]) == 2
    assert capsys.readouterr().err == f"error: {odt} is not a .docx, .pdf or .txt file: save the document in one of these formats\n"
    assert main(["import", str(tmp_path / "none.docx")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'none.docx'} was not found\n"
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert main(["import", str(broken)]) == 1
    assert "could not be read" in capsys.readouterr().err


def test_without_python_docx_it_says_in_vietnamese_how_to_install_it(tmp_path, capsys, monkeypatch):
    real_import = builtins.__import__

    def no_docx(name, *args, **kwargs):
        if name == "docx" or name.startswith("docx."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    monkeypatch.setenv("CCHC_LANG", "vi")
    doc = tmp_path / "ke-hoach.docx"
    doc.write_bytes(b"x")
    assert main(["import", str(doc)]) == 2
    assert capsys.readouterr().err == "lỗi: cần thư viện python-docx để đọc tệp này; cài bằng lệnh pip install -e '.[import]'\n"


def test_the_command_is_installed():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "import", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "-o OUTPUT" in result.stdout


def test_a_pdf_with_a_text_layer_imports_like_the_text(tmp_path):
    """An OCR'd commune plan printed to PDF: lines wrapped by the page are joined again."""
    text = strip_tones(SAMPLE.read_text(encoding="utf-8"))
    draft = import_file(write_pdf(text, tmp_path / "an-phu.pdf"))
    out = tmp_path / "an-phu.yml"
    out.write_text(draft.text, encoding="utf-8")
    plan, problems = load(out)
    reference = tmp_path / "ref.yml"
    reference.write_text(strip_tones((FIXTURES / "importer" / "sample-xa-an-phu.yml").read_text(encoding="utf-8")), encoding="utf-8")
    match = compare(load(reference)[0], plan)
    assert (match.header.share, match.sections.share, match.items.share, match.signer.share) == (1, 1, 1, 1), match.missed
    # The PDF lost the empty cell of row 4: the first three rows are exact, the fourth is marked.
    assert match.tasks.matched == 3
    assert any("fewer cells than the header" in line and "Bao cao ket qua tuyen truyen" in line for line in draft.text.splitlines())
    assert all(p.where.line in set(check_lines(draft.text)) for p in problems)
    assert draft.ocr


def test_every_message_of_the_importer_is_translated():
    msgids = set()
    for path in sorted((Path(i18n.__file__).parent / "importer").glob("*.py")):
        for _, message, _, _ in extract_from_file("python", str(path), keywords={"_": (1,)}):
            msgids.add(message)
    assert len(msgids) > 30
    assert sorted(m for m in msgids if not i18n.catalogue().get(m)) == []


def test_an_imported_plan_passes_the_portal_check(tmp_path):
    draft = import_file(FIXTURES / "seeds" / "001_677d6431d0feea09.txt")
    root = portal(tmp_path, {"plans/2022-tay-ninh-1183.yml": draft.text})
    assert problems_in(root) == []


def test_the_page_of_an_ocr_plan_says_its_text_is_ocr(tmp_path):
    text = strip_tones((FIXTURES / "seeds" / "001_677d6431d0feea09.txt").read_text(encoding="utf-8"))
    from generator.importer import import_blocks
    from generator.importer.readers import read_text

    draft = import_blocks(read_text(text), "scan.txt")
    root = portal(tmp_path, {"plans/2022-tay-ninh-1183.yml": draft.text})
    result = run_cchc(root, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    page = Site(root / "site").page("/ke-hoach/2022-tay-ninh-1183/")
    note = page.select_one(".cchc-ocr")
    assert note.select_one(".admonition-title").get_text() == "Văn bản nhận dạng từ bản quét (OCR)"
    assert "không phải lỗi của văn bản gốc" in note.get_text()
    assert "Lỗi chính tả" not in page.get_text()  # not shown as typos of the original


def test_a_word_file_laid_out_otherwise(tmp_path):
    """Word habits the seeds do not show: a rule under the header, a table in the body, the
    appendix heading and title on one line, a title row above the task table's header, STT
    cells numbered by Word, a multi-level list (I. / 1. / a)) drawn by Word's numbering."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from .importer_docs import _Lists, _number

    document = docx.Document()
    lists = _Lists(document)
    for text in ("ỦY BAN NHÂN DÂN", "XÃ BÌNH MINH", "________", "Số: 3/KH-UBND", "Bình Minh, ngày 02 tháng 10 năm 2025", "KẾ HOẠCH",
                 "Tuyên truyền cải cách hành chính quý IV năm 2025 (mẫu)",
                 "Ủy ban nhân dân xã Bình Minh ban hành Kế hoạch như sau:"):
        document.add_paragraph(text)
    # A three-level list: I. (upperRoman) / 1. (decimal) / a) (lowerLetter), one w:num.
    root = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "77")
    for ilvl, (fmt, text) in enumerate((("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"))):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            lvl.append(el)
        abstract.append(lvl)
    root.find(qn("w:num")).addprevious(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "78")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "77")
    num.append(ref)
    root.append(num)

    def numbered(text, level):
        p = document.add_paragraph(text)
        _number(p, "78")
        p._p.pPr.numPr.ilvl.set(qn("w:val"), str(level))

    numbered("MỤC ĐÍCH", 0)
    numbered("Người dân biết nộp hồ sơ trực tuyến.", 1)
    numbered("Cán bộ hướng dẫn tận tình.", 1)
    numbered("NỘI DUNG", 0)
    numbered("Thủ tục cấp xã", 1)
    numbered("Hộ tịch.", 2)
    numbered("Chứng thực.", 2)
    budget = document.add_table(rows=2, cols=2)
    budget.cell(0, 0).text, budget.cell(0, 1).text = "Khoản", "Số tiền"
    budget.cell(1, 0).text, budget.cell(1, 1).text = "In tờ rơi", "2.000.000 đồng"
    document.add_paragraph("Trên đây là Kế hoạch của Ủy ban nhân dân xã Bình Minh./.")
    for text in ("Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn An", "PHỤ LỤC CÁC NHIỆM VỤ",
                 "(Kèm theo Kế hoạch số 3/KH-UBND ngày 02/10/2025)"):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "Danh mục nhiệm vụ quý IV"
    for c, text in enumerate(("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian")):
        table.cell(1, c).text = text
    stt = lists.start("decimal")
    _number(table.cell(2, 0).paragraphs[0], stt)
    for c, text in ((1, "Phát tờ rơi"), (2, "Văn phòng - Thống kê"), (3, "Tháng 11/2025")):
        table.cell(2, c).text = text
    path = tmp_path / "binh-minh.docx"
    document.save(str(path))

    draft = import_file(path)
    (tmp_path / "out.yml").write_text(draft.text, encoding="utf-8")
    data = draft.plain()
    assert [s["no"] for s in data["sections"]] == ["I.", "II."]
    assert data["sections"][0] == {"no": "I.", "heading": "MỤC ĐÍCH", "kind": "objectives", "marker": "1.",
                                   "items": ["Người dân biết nộp hồ sơ trực tuyến.", "Cán bộ hướng dẫn tận tình."]}
    assert data["sections"][1]["sections"][0] == {"no": "1.", "heading": "Thủ tục cấp xã", "marker": "a)", "items": ["Hộ tịch.", "Chứng thực."]}
    # The budget table has no place in the model: every cell is kept, marked.
    assert "# KIỂM TRA: a table in the body: not placed: Khoản | Số tiền" in draft.text
    assert "# KIỂM TRA: a table in the body: not placed: In tờ rơi | 2.000.000 đồng" in draft.text
    assert data["appendix"]["heading"] == "PHỤ LỤC" and data["appendix"]["title"] == "CÁC NHIỆM VỤ"
    assert "# KIỂM TRA: a line before the appendix table: Danh mục nhiệm vụ quý IV" in draft.text  # the table's title row
    assert data["appendix"]["tasks"] == [{"no": "1.", "content": "Phát tờ rơi", "lead": "Văn phòng - Thống kê",
                                          "timeframe": {"when": "2025-11", "label": "Tháng 11/2025"}}]
    assert data["issuer"]["name"] == "Ủy ban nhân dân xã Bình Minh" and data["signer"] == {"title": "CHỦ TỊCH", "name": "Nguyễn Văn An"}
    assert "________" not in draft.text


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(), st.lists(st.text(max_size=120), max_size=3))
def test_any_text_placed_reads_back_exactly(text, items):
    """The writer never changes a character: what YAML reads back is what was placed."""
    import yaml

    from generator.importer.emit import Check, dump

    data = {"title": text, Check("x", text): None, "items": [*items, Check("y")], "long": (text + " ") * 30}
    assert yaml.safe_load(dump(data)) == {"title": text, "items": items, "long": (text + " ") * 30}


def test_text_word_keeps_outside_plain_runs_is_not_lost(tmp_path):
    """A tracked insertion and a content control: text python-docx's runs do not show."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tuyên truyền năm 2025")
    p = document.add_paragraph("1. Mục đích")
    p._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="VP" w:date="2025-01-01T00:00:00Z"><w:r><w:t xml:space="preserve"> và yêu cầu</w:t></w:r></w:ins>'))
    document.element.body.insert(len(document.element.body) - 1, parse_xml(
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>- Nội dung trong ô nhập liệu.</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    path = tmp_path / "x.docx"
    document.save(str(path))
    section = import_file(path).plain()["sections"][0]
    assert (section["heading"], section["items"]) == ("Mục đích và yêu cầu", ["Nội dung trong ô nhập liệu."])
