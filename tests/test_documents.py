"""Generator tests (tiny tmp portals). Legal documents (văn bản): front matter problems
verbatim, the /van-ban/ listing (order, filters, the plans listed with the files, one entry
per document) and a document's page in a built site."""
from __future__ import annotations


import pytest
from bs4 import BeautifulSoup

from generator import search
from generator.pages import assemble

from .conftest import Site, run_cchc
from .test_inventory import PLAN, TODAY, portal, problems_in

DOCUMENT = """---
number: "{number}"
type: {type}
issuer: {issuer}
date: {date}
abstract: {abstract}
{extra}---
{body}"""


def document(number="76/NQ-CP", type="nghi_quyet", issuer="Chính phủ", date="2021-07-15", abstract="Ban hành Chương trình tổng thể", extra="", body=""):
    return DOCUMENT.format(number=number, type=type, issuer=issuer, date=date, abstract=abstract, extra=extra, body=body)


# An Đề án approved by a Quyết định: listed by the approval's number, date and title.
DE_AN = """\
type: de_an
issuer: {name: Ủy ban nhân dân tỉnh Mẫu, level: tinh}
date: 2025-06-30
title: Tuyên truyền cải cách hành chính đến năm 2030
period: "2025-06-30..2030"
approval:
  number: "1738/QĐ-UBND"
  date: 2025-06-30
  title: Phê duyệt Đề án tuyên truyền cải cách hành chính đến năm 2030
"""


def assembled(root):
    corpus, site, problems = assemble(root, root / "plans", root / "content", TODAY, "https://example.gov.vn/")
    assert problems == [], [str(p) for p in problems]
    return corpus, site


def listing(site) -> BeautifulSoup:
    return BeautifulSoup(site.generated["van-ban/index.md"], "html.parser")


# --- problems ---------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, expected", [
    (dict(number="15 /KH-UBND"), 'content/van-ban/x.md:2:9: number: "15 /KH-UBND" is not a document number (write "15/KH-UBND")'),
    (dict(number="Số 15"), 'content/van-ban/x.md:2:9: number: "Số 15" is not a document number (write number/symbol, e.g. "15/KH-UBND")'),
    (dict(type="cong_dien"), 'content/van-ban/x.md:3:7: type: unknown value "cong_dien" (did you mean "cong_van"?)'),
    (dict(extra="effective: 2021-07-01\n"),
     "content/van-ban/x.md:7:12: effective: 2021-07-01 is before the date of issue 2021-07-15 "
     "(a document takes effect on or after the day it is issued: check both dates)"),
    (dict(extra="file: nghi-quyet.pdf\n"),
     'content/van-ban/x.md:7:7: file: no file "nghi-quyet.pdf" next to this page '
     "(give the file's path relative to this page (put it in content/, e.g. next to it) or its https:// address)"),
    (dict(extra="file: x.md\n"),
     'content/van-ban/x.md:7:7: file: "x.md" is not a document file '
     "(give the signed document as .pdf, .doc, .docx, .xls, .xlsx, .odt, .ods, .ppt, .pptx, .txt, .csv, or its https:// address)"),
    (dict(extra="plan: 2026-xa-mau-15#1\n"), 'content/van-ban/x.md:7:7: plan: "2026-xa-mau-15#1" names a task (a document is a whole plan: write "2026-xa-mau-15")'),
    (dict(extra="plan: 2026-xa-mau-51\n"), 'content/van-ban/x.md:7:7: plan: no plan "2026-xa-mau-51" in plans/ (did you mean "2026-xa-mau-15"?)'),
    (dict(abstract='""'), "content/van-ban/x.md:6:11: abstract: is empty (write a value or remove the line)"),
])
def test_bad_fields_are_reported_where_they_are_written(tmp_path, changes, expected):
    portal(tmp_path, {"plans/2026-xa-mau-15.yml": PLAN, "content/van-ban/x.md": document(**changes)})
    assert problems_in(tmp_path) == [expected]


def test_a_missing_field_and_the_same_document_twice(tmp_path):
    portal(tmp_path, {
        "content/van-ban/a.md": document(),
        "content/van-ban/2021/b.md": document(issuer="CHÍNH PHỦ"),  # the same issuer, in capitals
        "content/van-ban/c.md": document(number="5/CT-TTg").replace("abstract: Ban hành Chương trình tổng thể\n", ""),
    })
    assert problems_in(tmp_path) == [
        # The first file by path keeps the document.
        "content/van-ban/a.md:2:9: number: 76/NQ-CP of Chính phủ is also in content/van-ban/2021/b.md (keep each document in one file)",
        "content/van-ban/c.md:2:1: abstract: is missing (add `abstract:` to the file)",
    ]


def test_a_number_with_the_year_of_a_legal_normative_document_is_a_number(tmp_path):
    portal(tmp_path, {"content/van-ban/nd.md": document(number="61/2018/NĐ-CP", type="nghi_dinh")})
    corpus, _ = assembled(tmp_path)
    assert [d.number for d in corpus.documents] == ["61/2018/NĐ-CP"]


# --- the listing --------------------------------------------------------------------------------

def test_the_listing_is_newest_first_and_its_filters_offer_what_the_documents_have(tmp_path):
    files = {
        "content/van-ban/nq.md": document(),
        "content/van-ban/2022/qd.md": document(number="251/QĐ-BNV", type="quyet_dinh", issuer="Bộ Nội vụ", date="2022-03-29"),
        "content/van-ban/nd.md": document(number="61/2018/NĐ-CP", type="nghi_dinh", date="2018-04-23"),
    }
    portal(tmp_path, files)
    _, site = assembled(tmp_path)
    page = listing(site)
    items = page.select("#danh-sach-van-ban > li")
    assert [li.h2.get_text() for li in items] == ["Quyết định số 251/QĐ-BNV", "Nghị quyết số 76/NQ-CP", "Nghị định số 61/2018/NĐ-CP"]
    assert [(li["data-year"], li["data-type"], li["data-issuer"]) for li in items] == [
        ("2022", "quyet_dinh", "bo-noi-vu"), ("2021", "nghi_quyet", "chinh-phu"), ("2018", "nghi_dinh", "chinh-phu"),
    ]
    assert [a["href"] for li in items for a in li.h2.find_all("a")] == ["qd/", "nq/", "nd/"]  # by slug, whatever the folder

    def options(key):
        return [(o["value"], o.get_text()) for o in page.find("select", attrs={"data-filter": key}).find_all("option")][1:]

    assert options("year") == [("2022", "2022"), ("2021", "2021"), ("2018", "2018")]
    assert options("type") == [("nghi_quyet", "Nghị quyết"), ("nghi_dinh", "Nghị định"), ("quyet_dinh", "Quyết định")]  # in TYPES order
    assert options("issuer") == [("bo-noi-vu", "Bộ Nội vụ"), ("chinh-phu", "Chính phủ")]
    form = page.find("form")
    assert (form["data-noun"], form["aria-controls"], form["data-count"]) == ("văn bản", "danh-sach-van-ban", "so-van-ban")
    assert page.find(id="so-van-ban").get_text() == "3 văn bản"


def test_every_plan_is_listed_as_the_document_it_is(tmp_path):
    portal(tmp_path, {"plans/2026-xa-mau-15.yml": PLAN, "plans/2025-tinh-mau-1738.yml": DE_AN})
    _, site = assembled(tmp_path)
    items = listing(site).select("#danh-sach-van-ban > li")
    assert [li.h2.get_text() for li in items] == ["Kế hoạch số 15/KH-UBND", "Quyết định số 1738/QĐ-UBND"]
    assert [(li["data-year"], li["data-type"]) for li in items] == [("2026", "ke_hoach"), ("2025", "quyet_dinh")]
    assert [li.find(class_="cchc-card__summary").get_text() for li in items] == [
        "Tuyên truyền cải cách hành chính năm 2026", "Phê duyệt Đề án tuyên truyền cải cách hành chính đến năm 2030",
    ]
    # The plan's page is the document's page; its YAML is the file.
    assert [[a["href"] for a in li.find_all("a")] for li in items] == [
        ["../ke-hoach/2026-xa-mau-15/", "../ke-hoach/2026-xa-mau-15/2026-xa-mau-15.yml"],
        ["../ke-hoach/2025-tinh-mau-1738/", "../ke-hoach/2025-tinh-mau-1738/2025-tinh-mau-1738.yml"],
    ]
    assert not any(src.startswith("van-ban/") and src != "van-ban/index.md" for src in site.generated)  # no second page


@pytest.mark.parametrize("extra", ["", "plan: 2026-xa-mau-15\n"])
def test_a_plan_described_by_a_file_is_listed_once_and_the_file_links_the_plan(tmp_path, extra):
    # Found by number and issuer (spelled with the other tone mark placement) or named by `plan:`.
    portal(tmp_path, {
        "plans/2026-xa-mau-15.yml": PLAN,
        "content/van-ban/kh-15.md": document(number="15/KH-UBND", type="ke_hoach", issuer="Uỷ ban nhân dân xã Mẫu", date="2026-01-10",
                                             abstract="Tuyên truyền CCHC năm 2026", extra=extra),
    })
    _, site = assembled(tmp_path)
    items = listing(site).select("#danh-sach-van-ban > li")
    assert [li.h2.get_text() for li in items] == ["Kế hoạch số 15/KH-UBND"]
    assert [a["href"] for a in items[0].find_all("a")] == ["kh-15/", "../ke-hoach/2026-xa-mau-15/"]
    head = BeautifulSoup(site.head["van-ban/kh-15.md"], "html.parser")
    assert head.find("th", string="Kế hoạch").find_next("td").a["href"] == "../../ke-hoach/2026-xa-mau-15/"


def test_search_finds_documents_but_not_their_listing():
    assert search.page_type("van-ban/nghi-quyet-76/index.html") == "Văn bản"
    assert search.is_indexed("van-ban/nghi-quyet-76/index.html")
    assert not search.is_indexed("van-ban/index.html")


# --- a built page ---------------------------------------------------------------------------------

def test_a_document_page_shows_its_fields_its_file_and_its_notes(tmp_path):
    pdf = b"%PDF-1.4\n% van ban\n"
    portal(tmp_path, {
        "content/van-ban/2021/nq-76.md": document(extra="effective: 2021-08-01\nfile: ../tep/nq-76.pdf\nsample: true\n", body="\nGhi chú của cán bộ.\n"),
        "content/van-ban/tep/nq-76.pdf": pdf,
        "content/van-ban/qd.md": document(number="251/QĐ-BNV", type="quyet_dinh", issuer="Bộ Nội vụ", date="2022-03-29",
                                          extra="file: https://vbpl.vn/van-ban/251\n"),
    })
    result = run_cchc(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    page = site.page("/van-ban/nq-76/")
    assert page.title.get_text().startswith("Nghị quyết số 76/NQ-CP")
    fields = {th.get_text(): th.find_next("td").get_text() for th in page.select("table.cchc-document__fields th")}
    assert fields == {
        "Số, ký hiệu": "76/NQ-CP", "Loại văn bản": "Nghị quyết", "Cơ quan ban hành": "Chính phủ",
        "Ngày ban hành": "ngày 15 tháng 7 năm 2021", "Ngày hiệu lực": "ngày 1 tháng 8 năm 2021",
        "Trích yếu": "Ban hành Chương trình tổng thể", "Tệp văn bản": "Tải văn bản",
    }
    link = page.select_one("table.cchc-document__fields a[download]")["href"]
    target = Site.resolve("/van-ban/nq-76/", link)
    assert target == "/van-ban/tep/nq-76.pdf" and site.file(target).read_bytes() == pdf
    assert page.find(class_="cchc-sample").p.get_text() == "Nội dung mẫu"
    assert "Ghi chú của cán bộ." in page.find("article").get_text()
    other = site.page("/van-ban/qd/")
    assert other.select_one("table.cchc-document__fields a")["href"] == "https://vbpl.vn/van-ban/251"
    assert other.find(class_="cchc-sample") is None
    assert '"Văn bản"' in site.file("/assets/javascripts/cchc.js").read_text(encoding="utf-8")  # the header search's type filter (cchc.js adds it)
    listed = site.page("/van-ban/")
    assert [Site.resolve("/van-ban/", a["href"]) for a in listed.select("#danh-sach-van-ban a[download]")] == ["/van-ban/tep/nq-76.pdf"]


def test_browser_filters_the_listing_without_a_server_and_axe_finds_nothing(tmp_path, browser):
    """The filters run in the page (services.js): choosing a year, then a type, hides the rest."""
    from .browser_support import axe_path, serve

    portal(tmp_path, {
        "plans/2026-xa-mau-15.yml": PLAN,
        "content/van-ban/nq.md": document(),
        "content/van-ban/qd.md": document(number="251/QĐ-BNV", type="quyet_dinh", issuer="Bộ Nội vụ", date="2022-03-29"),
        "content/van-ban/nd.md": document(number="61/2018/NĐ-CP", type="nghi_dinh", date="2018-04-23"),
    })
    result = run_cchc(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    base, stop = serve(tmp_path / "site")
    context = browser.new_context(locale="vi-VN", bypass_csp=True)  # axe is injected as an inline script
    try:
        page = context.new_page()
        page.goto(base + "/van-ban/")

        def shown():
            return page.eval_on_selector_all("#danh-sach-van-ban > li:not([hidden]) h2", "els => els.map(e => e.textContent)")

        assert len(shown()) == 4
        page.select_option("#loc-issuer", "chinh-phu")
        assert shown() == ["Nghị quyết số 76/NQ-CP", "Nghị định số 61/2018/NĐ-CP"]
        assert page.text_content("#so-van-ban") == "Đang hiển thị 2/4 văn bản"
        page.select_option("#loc-year", "2026")
        assert shown() == [] and page.text_content("#so-van-ban") == "Không có văn bản nào phù hợp. Hãy bỏ bớt điều kiện lọc."
        page.click("button[type=reset]")
        page.locator("#so-van-ban", has_text="4 văn bản").wait_for()
        for url in ("/van-ban/", "/van-ban/nq/"):
            page.goto(base + url)
            page.add_script_tag(path=str(axe_path()))
            violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations.map(v => v.id)""")
            assert violations == [], url
    finally:
        context.close()
        stop()


def test_a_document_naming_a_missing_plan_still_leaves_a_listing_to_check(tmp_path):
    from generator.content import load_corpus, without_dangling_references
    from generator.pages import build_site

    portal(tmp_path, {"content/van-ban/x.md": document(extra="plan: 2026-xa-mau-51\n")})
    corpus, problems = load_corpus(tmp_path, tmp_path / "plans", tmp_path / "content")
    assert [p.field for p in problems] == ["plan"]
    site = build_site(without_dangling_references(corpus), TODAY, "https://example.gov.vn/")
    assert [a["href"] for a in listing(site).select("#danh-sach-van-ban a")] == ["x/"]  # no link to a plan that is not there
