"""Generator tests: tasks cascade down to the units' portals, evidence flows up (issue 14).

A tiny family built by hand (family.Context, as the family build gives the plugin): a province
portal whose plan assigns tasks to three units, the units' delivery data written as the
format says, and the reports, the late-units table and its CSV checked row by row; a unit's
portal showing only the tasks assigned to it; the delivery data every portal publishes."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup

from generator import cascade, exports, urls
from generator.errors import ContentError
from generator.family import Context, Family, Portal
from generator.pages import assemble

from .test_inventory import ARTICLE, portal
from .test_quiz import QUIZ

TODAY = dt.date(2026, 11, 22)
ROOT_URL = "https://example.gov.vn/"
PROVINCE = Portal("tinh-mau", "Cổng tỉnh Mẫu", "UBND tỉnh Mẫu", "tinh", ROOT_URL, None)
WARD_1 = Portal("phuong-1", "Cổng Phường 1", "UBND Phường 1", "xa", "https://phuong-1.example.gov.vn/", "tinh-mau",
                content="content/don-vi/phuong-1", plans="content/don-vi/phuong-1/ke-hoach")
WARD_2 = Portal("phuong-2", "Cổng Phường 2", "UBND Phường 2", "xa", "https://phuong-2.example.gov.vn/", "tinh-mau",
                content="content/don-vi/phuong-2", plans="content/don-vi/phuong-2/ke-hoach")
COMMUNE = Portal("xa-3", "Cổng xã 3", "UBND xã 3", "xa", "https://xa-3.example.gov.vn/", "tinh-mau",
                 content="content/don-vi/xa-3", plans="content/don-vi/xa-3/ke-hoach")
FAMILY = Family((PROVINCE, WARD_1, WARD_2, COMMUNE))

PLAN_SLUG = "2026-tinh-mau-10"
PLAN = """\
type: ke_hoach
number: "10/KH-UBND"
issuer: {{name: Ủy ban nhân dân tỉnh Mẫu, level: tinh}}
date: 2026-01-10
title: Tuyên truyền cải cách hành chính năm 2026
period: 2026
appendix:
  tasks:
    - no: "1"
      content: Lắp đặt đường dây nóng của phường, xã
      lead: UBND các phường, xã
      timeframe: 2026-Q2
      units: all
    - no: "2"
      content: Chuyên mục cải cách hành chính hằng quý
      lead: UBND các phường
      timeframe: quarterly
      units: {units}
    - no: "3"
      content: Hội nghị sơ kết của tỉnh
      lead: Sở Nội vụ
      timeframe: 2026-12
"""
OTHER_PLAN = PLAN.format(units="[xa-3]").replace('"10/KH-UBND"', '"11/KH-UBND"').replace("units: all", "units: [xa-3]")


def evidence(title: str, day: str, site: str, kind: str = "article") -> dict:
    return {"title": title, "url": f"{site}tin-tuc/{day[:4]}/{day[5:7]}/{title.lower().replace(' ', '-')}/", "date": day, "kind": kind}


def unit_data(unit: Portal, tasks: list[dict], version=1) -> str:
    return json.dumps({
        "format": "cchc-delivery", "version": version,
        "portal": {"name": unit.name, "site_name": unit.site_name, "unit": unit.unit, "level": unit.level, "parent": unit.parent, "url": unit.site_url},
        "built": "2026-11-21", "tasks": tasks,
    }, ensure_ascii=False)


# Phường 1: the hotline in May; the quarterly column in Q1 and Q2, none in Q3 (late since 30/09).
# Phường 2: no hotline (late since 30/06); the column every quarter so far. Xã 3: no file yet.
W1_HOTLINE = evidence("Đường dây nóng phường 1", "2026-05-10", WARD_1.site_url)
W1_COLUMN = [evidence("Chuyên mục quý 1", "2026-02-01", WARD_1.site_url, "episode"), evidence("Chuyên mục quý 2", "2026-04-15", WARD_1.site_url, "episode")]
W2_COLUMN = [evidence(f"Chuyên mục số {q}", day, WARD_2.site_url, "episode") for q, day in ((1, "2026-03-01"), (2, "2026-06-01"), (3, "2026-08-20"))]
UNITS_DATA = {
    "phuong-1.json": unit_data(WARD_1, [
        {"plan": PLAN_SLUG, "task": "1", "evidence": [W1_HOTLINE]},
        {"plan": PLAN_SLUG, "task": "2", "evidence": W1_COLUMN},
        {"plan": "2026-phuong-1-own", "task": None, "evidence": [evidence("Tin riêng", "2026-03-03", WARD_1.site_url)]},
    ]),
    "phuong-2.json": unit_data(WARD_2, [{"plan": PLAN_SLUG, "task": "2", "evidence": W2_COLUMN}]),
}


def province(tmp_path: Path, units: str = "[phuong-1, phuong-2]", data: dict | None = None) -> tuple[Path, Context]:
    (tmp_path / "tinh").mkdir()
    root = portal(tmp_path / "tinh", {f"plans/{PLAN_SLUG}.yml": PLAN.format(units=units)})
    units_dir = tmp_path / "units"
    units_dir.mkdir()
    for name, text in (UNITS_DATA if data is None else data).items():
        (units_dir / name).write_text(text, encoding="utf-8")
    return root, Context(FAMILY, PROVINCE, units_dir=units_dir)


def assembled(root: Path, ctx: Context, site_url: str = ROOT_URL):
    _, site, problems = assemble(root, root / "plans", root / "content", TODAY, site_url, family=ctx)
    return site, [str(p) for p in problems]


def page(site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.generated[urls.src_of(url)], "html.parser")


def unit_rows(report: BeautifulSoup) -> dict[str, list[list[str]]]:
    """Task caption -> rows of (unit, status, count, evidence titles)."""
    found = {}
    for table in report.select("table.cchc-units"):
        found[table.caption.get_text()] = [
            [tr.th.get_text(), tr.select_one('td[data-label="Tình trạng"] .cchc-status').get_text(),
             tr.select_one('td[data-label="Số kết quả trong kỳ"]').get_text(), ", ".join(a.get_text() for a in tr.select(".cchc-evidence a"))]
            for tr in table.tbody.select("tr")
        ]
    return found


def late_rows(report: BeautifulSoup) -> list[list[str]]:
    return [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in report.select("table.cchc-late tbody tr")]


# --- the parent's reports ------------------------------------------------------------------------

def test_year_report_shows_each_units_delivery_per_assigned_task(tmp_path):
    site, problems = assembled(*province(tmp_path))
    assert problems == []
    report = page(site, urls.report_url(PLAN_SLUG, "2026"))
    assert unit_rows(report) == {
        "Nhiệm vụ 1: Lắp đặt đường dây nóng của phường, xã": [
            ["UBND Phường 1", "Đã hoàn thành", "1", "Đường dây nóng phường 1"],
            ["UBND Phường 2", "Quá hạn", "0", ""],
            ["UBND xã 3", "Chưa có dữ liệu", "—", ""],
        ],
        "Nhiệm vụ 2: Chuyên mục cải cách hành chính hằng quý": [
            ["UBND Phường 1", "Quá hạn", "2", "Chuyên mục quý 1, Chuyên mục quý 2"],
            ["UBND Phường 2", "Đang thực hiện", "3", "Chuyên mục số 1, Chuyên mục số 2, Chuyên mục số 3"],
        ],
    }  # task 3 is the province's own: no units' table
    links = [a["href"] for a in report.select("table.cchc-units .cchc-evidence a")]
    assert links[0] == W1_HOTLINE["url"]  # into the unit's own portal, by its full address
    assert [a["href"] for a in report.select("table.cchc-units tbody th a")][:3] == [WARD_1.site_url, WARD_2.site_url, COMMUNE.site_url]
    assert late_rows(report) == [
        ["1: Lắp đặt đường dây nóng của phường, xã", "UBND Phường 2", "30/06/2026"],
        ["2: Chuyên mục cải cách hành chính hằng quý", "UBND Phường 1", "30/09/2026"],
    ]
    assert report.select_one("table.cchc-late caption").get_text() == "Đơn vị chậm thực hiện nhiệm vụ, tính đến 22/11/2026 (2)"
    assert [th["scope"] for th in report.select("table.cchc-late th")] == ["col", "col", "col", "row", "row"]


def test_late_units_csv_has_the_tables_rows(tmp_path):
    site, _ = assembled(*province(tmp_path))
    text = site.generated[urls.late_units_csv(PLAN_SLUG, "2026").lstrip("/")]
    assert text.startswith("\ufeff") and "\r\n" in text
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["Kỳ báo cáo", "Nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị", "Hạn", "Cổng thông tin của đơn vị"],
        ["năm 2026", "1", "Lắp đặt đường dây nóng của phường, xã", "UBND Phường 2", "30/06/2026", WARD_2.site_url],
        ["năm 2026", "2", "Chuyên mục cải cách hành chính hằng quý", "UBND Phường 1", "30/09/2026", WARD_1.site_url],
    ]
    report = page(site, urls.report_url(PLAN_SLUG, "2026"))
    assert report.find("a", string="Tải bảng đơn vị chậm thực hiện (CSV, mở bằng Excel)")["href"] == f"{PLAN_SLUG}-2026-don-vi-cham.csv"


def test_quarter_reports_count_the_evidence_dated_in_the_quarter(tmp_path):
    site, _ = assembled(*province(tmp_path))
    q2 = page(site, urls.report_url(PLAN_SLUG, "2026-q2"))  # as of 30/06: the hotline is not late yet
    assert unit_rows(q2)["Nhiệm vụ 1: Lắp đặt đường dây nóng của phường, xã"][:2] == [
        ["UBND Phường 1", "Đã hoàn thành", "1", "Đường dây nóng phường 1"], ["UBND Phường 2", "Sắp đến hạn", "0", ""]]
    assert unit_rows(q2)["Nhiệm vụ 2: Chuyên mục cải cách hành chính hằng quý"] == [
        ["UBND Phường 1", "Đang thực hiện", "1", "Chuyên mục quý 2"], ["UBND Phường 2", "Đang thực hiện", "1", "Chuyên mục số 2"]]
    assert late_rows(q2) == [] and q2.find("p", string="Không có đơn vị nào chậm thực hiện nhiệm vụ được giao.")
    q3 = page(site, urls.report_url(PLAN_SLUG, "2026-q3"))  # as of 30/09: the third quarter is not over yet
    assert late_rows(q3) == [["1: Lắp đặt đường dây nóng của phường, xã", "UBND Phường 2", "30/06/2026"]]
    q4 = page(site, urls.report_url(PLAN_SLUG, "2026-q4"))
    assert late_rows(q4) == late_rows(page(site, urls.report_url(PLAN_SLUG, "2026")))
    q1_csv = site.generated[urls.late_units_csv(PLAN_SLUG, "2026-q1").lstrip("/")]
    assert list(csv.reader(io.StringIO(q1_csv[1:])))[1:] == []


def test_units_without_data_are_shown_so_and_no_file_at_all_is_no_error(tmp_path):
    root, ctx = province(tmp_path, data={})
    site, problems = assembled(root, ctx)
    assert problems == []
    rows = unit_rows(page(site, urls.report_url(PLAN_SLUG, "2026")))
    assert {r[0]: r[1] for task in rows.values() for r in task} == {n: "Chưa có dữ liệu" for n in ("UBND Phường 1", "UBND Phường 2", "UBND xã 3")}


def test_a_portal_of_its_own_has_no_units_section(tmp_path):
    root = portal(tmp_path, {f"plans/{PLAN_SLUG}.yml": PLAN.format(units="all").replace("      units: all\n", "")})
    _, site, problems = assemble(root, root / "plans", root / "content", TODAY, ROOT_URL)
    assert problems == []
    report = page(site, urls.report_url(PLAN_SLUG, "2026"))
    assert report.select("table.cchc-units") == [] and report.select("table.cchc-late") == []
    assert urls.late_units_csv(PLAN_SLUG, "2026").lstrip("/") not in site.generated


# --- the units' data files: read, or a clear problem naming the file -------------------------------

def test_unreadable_data_files_are_problems_naming_the_file(tmp_path):
    w2 = json.loads(UNITS_DATA["phuong-2.json"])
    w2["tasks"][0]["evidence"][1]["date"] = "20/06/2026"
    root, ctx = province(tmp_path, data={
        "phuong-1.json": '{"format": "cchc-delivery",\n "version": 1,,}',
        "phuong-2.json": json.dumps(w2),
        "xa-3.json": unit_data(COMMUNE, [], version=2),
    })
    site, problems = assembled(root, ctx)
    units = tmp_path / "units"
    assert site is None
    assert problems == [
        f"{units / 'phuong-1.json'}:2:15: is not valid JSON: Expecting property name enclosed in double quotes "
        "(publish the file again with the unit's build (cchc build), or ask the unit to)",
        f"{units / 'phuong-2.json'}:1:1: tasks[1].evidence[2].date: \"20/06/2026\" is not a date YYYY-MM-DD "
        "(publish the file again with the unit's build (cchc build), or ask the unit to)",
        f"{units / 'xa-3.json'}:1:1: version: version 2 of the delivery data is not supported: this generator reads version 1 "
        "(publish version 1, or update the generator)",
    ]


def test_a_file_of_another_format_or_portal_is_refused():
    other = unit_data(WARD_1, [])
    assert [str(p) for p in cascade.parse_unit_data(other, "u/phuong-2.json", "phuong-2")[1]] == [
        "u/phuong-2.json:1:1: portal.name: is \"phuong-1\": this file holds the data of another portal "
        "(publish the file again with the unit's build (cchc build), or ask the unit to)"]
    assert [str(p) for p in cascade.parse_unit_data('{"format": "geojson"}', "u/x.json", "x")[1]] == [
        "u/x.json:1:1: format: is \"geojson\", not \"cchc-delivery\" (publish the file again with the unit's build (cchc build), or ask the unit to)"]
    bad_kind = json.loads(other)
    bad_kind["tasks"] = [{"plan": "p", "task": 2, "evidence": []}]
    assert [p.field + ": " + p.message for p in cascade.parse_unit_data(json.dumps(bad_kind), "u/phuong-1.json", "phuong-1")[1]] == [
        "tasks[1].task: must be text or null"]


# --- `units:` checked against the family -------------------------------------------------------------

def test_unknown_unit_names_are_reported_where_written_with_a_did_you_mean(tmp_path):
    root, ctx = province(tmp_path, units="\n        - phuong-1\n        - phuong-9\n        - tinh-mau")
    _, problems = assembled(root, ctx)
    assert problems == [
        f"plans/{PLAN_SLUG}.yml:20:11: appendix.tasks[2].units[2]: no portal named \"phuong-9\" in the family (did you mean \"phuong-2\"?)",
        f"plans/{PLAN_SLUG}.yml:21:11: appendix.tasks[2].units[3]: portal \"tinh-mau\" is not below \"tinh-mau\" "
        "(assign a task to the portals below the plan's own: phuong-1, phuong-2, xa-3)",
    ]


def test_units_on_a_plan_of_a_portal_with_no_units_below_it(tmp_path):
    root = portal(tmp_path, {"plans/2026-phuong-1-5.yml": PLAN.format(units="[phuong-2]")})
    _, site, problems = assemble(root, root / "plans", root / "content", TODAY, WARD_1.site_url, family=Context(FAMILY, WARD_1))
    assert [str(p) for p in problems] == [
        "plans/2026-phuong-1-5.yml:13:14: appendix.tasks[1].units: portal \"phuong-1\" has no units below it to assign the task to "
        "(remove `units:`, or declare the units' portals with `parent: phuong-1` in mkdocs.yml)",
        "plans/2026-phuong-1-5.yml:18:14: appendix.tasks[2].units: portal \"phuong-1\" has no units below it to assign the task to "
        "(remove `units:`, or declare the units' portals with `parent: phuong-1` in mkdocs.yml)",
    ]


def test_units_on_a_portal_of_its_own(tmp_path):
    root = portal(tmp_path, {f"plans/{PLAN_SLUG}.yml": PLAN.format(units="all")})
    _, site, problems = assemble(root, root / "plans", root / "content", TODAY, ROOT_URL)  # no family declared
    assert [str(p) for p in problems] == [
        f"plans/{PLAN_SLUG}.yml:{line}:14: appendix.tasks[{i}].units: this portal has no units' portals to assign the task to "
        "(declare the units' portals in mkdocs.yml (see plans/HUONG-DAN.md), or remove `units:`)" for i, line in ((1, 13), (2, 18))]


def test_units_must_be_all_or_portal_names(tmp_path):
    root = portal(tmp_path, {f"plans/{PLAN_SLUG}.yml": PLAN.format(units="moi don vi").replace("units: all", "units: [Phường 1]")})
    _, problems = assembled(root, Context(FAMILY, PROVINCE))
    assert problems == [
        f"plans/{PLAN_SLUG}.yml:13:15: appendix.tasks[1].units: \"Phường 1\" is not a portal name (write the portal's `name` as mkdocs.yml declares it, e.g. phuong-1)",
        f"plans/{PLAN_SLUG}.yml:18:14: appendix.tasks[2].units: unknown value \"moi don vi\" (write `all` for every unit, or a list of portal names, e.g. [phuong-1, phuong-2])",
    ]


def test_translated_message(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "vi")
    root, ctx = province(tmp_path, units="[phuong-9]")
    _, problems = assembled(root, ctx)
    assert problems == [f"plans/{PLAN_SLUG}.yml:18:15: appendix.tasks[2].units[1]: không có cổng thông tin nào tên \"phuong-9\" trong hệ thống "
                        "(có phải ý bạn là \"phuong-2\"?)"]


# --- a unit's portal: the ancestors' plans as they concern it ----------------------------------------

def unit_portal(tmp_path: Path) -> tuple:
    """Phường 1's materialized tree: its own article, the province's two plans (the second
    assigns nothing to Phường 1)."""
    delivers = f"delivers: [\"{PLAN_SLUG}#1\", \"{PLAN_SLUG}#3\", \"2026-tinh-mau-11#1\"]\n"
    root = portal(tmp_path, {
        f"plans/{PLAN_SLUG}.yml": PLAN.format(units="[phuong-1]"),
        "plans/2026-tinh-mau-11.yml": OTHER_PLAN,
        "content/tin-tuc/duong-day-nong.md": ARTICLE.format(title="Đường dây nóng phường 1", extra=delivers),
        "content/hoi-thi/tinh.yml": QUIZ.replace("2026-xa-mau-15#1", f"{PLAN_SLUG}#3").replace("2026-xa-mau-15", PLAN_SLUG),
    })
    ctx = Context(FAMILY, WARD_1, inherited_plans=frozenset({PLAN_SLUG, "2026-tinh-mau-11"}))
    site, problems = assembled(root, ctx, WARD_1.site_url)
    assert problems == []
    return site


def test_a_units_portal_shows_only_the_tasks_assigned_to_it(tmp_path):
    site = unit_portal(tmp_path)
    plan = page(site, urls.plan_url(PLAN_SLUG))
    assert [tr.td.get_text() for tr in plan.select("#phu-luc ~ table.cchc-tasks tbody tr, table.cchc-tasks tbody tr[id^=phu-luc]")][:3] == ["1", "2"]
    assert [tr.td.get_text() for tr in plan.select("table.cchc-tracking tbody tr")] == ["1", "2"]
    note = plan.select_one(".cchc-unit-scope")
    assert note.get_text().startswith("Phụ lục dưới đây chỉ nêu các nhiệm vụ giao cho UBND Phường 1.")
    assert note.a["href"] == f"{ROOT_URL}ke-hoach/{PLAN_SLUG}/#phu-luc"
    report = page(site, urls.report_url(PLAN_SLUG, "2026"))
    assert [tr.td.get_text() for tr in report.select("table.cchc-report tbody tr")] == ["1", "2"]
    # the units' delivery is the province's report, not the ward's
    assert plan.select(".cchc-units-summary") == report.select(".cchc-units-summary") == report.select("table.cchc-units") == []


def test_an_inherited_plan_with_nothing_for_the_unit_is_not_published_but_can_be_delivered(tmp_path):
    site = unit_portal(tmp_path)
    assert urls.src_of(urls.plan_url("2026-tinh-mau-11")) not in site.generated
    assert urls.src_of(urls.plan_reports_url("2026-tinh-mau-11")) not in site.generated
    index = page(site, urls.PLANS_INDEX)
    assert "11/KH-UBND" not in index.get_text()
    foot = BeautifulSoup(next(v for k, v in site.foot.items() if k.endswith("duong-day-nong.md")), "html.parser")
    assert [a["href"] for a in foot.select("li a")] == [
        f"../../../../ke-hoach/{PLAN_SLUG}/#nhiem-vu-1",  # assigned: on this portal
        f"{ROOT_URL}ke-hoach/{PLAN_SLUG}/#nhiem-vu-3",  # the province's own task: on the province's portal
        f"{ROOT_URL}ke-hoach/2026-tinh-mau-11/#nhiem-vu-1",  # a plan not published here
    ]
    quiz = page(site, "/hoi-thi/tinh/")
    assert quiz.select_one(".cchc-card__meta a")["href"] == f"{ROOT_URL}ke-hoach/{PLAN_SLUG}/#nhiem-vu-3"


# --- the data every portal publishes ------------------------------------------------------------------

def test_every_portal_publishes_its_delivery_data(tmp_path):
    site = unit_portal(tmp_path)
    data = json.loads(site.generated[urls.UNIT_DATA.lstrip("/")])
    url = f"{WARD_1.site_url}tin-tuc/2026/03/duong-day-nong/"
    item = {"title": "Đường dây nóng phường 1", "url": url, "date": "2026-03-15", "kind": "article"}
    assert data == {
        "format": "cchc-delivery", "version": 1,
        "portal": {"name": "phuong-1", "site_name": "Cổng Phường 1", "unit": "UBND Phường 1", "level": "xa", "parent": "tinh-mau", "url": WARD_1.site_url},
        "built": "2026-11-22",
        "tasks": [
            {"plan": PLAN_SLUG, "task": "1", "evidence": [item]},
            {"plan": PLAN_SLUG, "task": "3", "evidence": [item]},
            {"plan": "2026-tinh-mau-11", "task": "1", "evidence": [item]},
        ],
    }
    # and what one portal publishes, its parent reads back
    unit, problems = cascade.parse_unit_data(site.generated[urls.UNIT_DATA.lstrip("/")], "phuong-1.json", "phuong-1")
    assert problems == [] and unit.evidence[(PLAN_SLUG, "1")] == (cascade.Evidence("Đường dây nóng phường 1", url, dt.datetime(2026, 3, 15), "article"),)


def test_a_portal_of_its_own_publishes_its_data_without_a_name():
    text = exports.delivery_json(None, TODAY, ROOT_URL, {})
    assert json.loads(text)["portal"] == {"name": None, "site_name": None, "unit": None, "level": None, "parent": None, "url": ROOT_URL}
    assert text == exports.delivery_json(None, TODAY, ROOT_URL, {})  # one build date, one file


def test_the_plan_page_and_the_reports_main_table_sum_the_units_up(tmp_path):
    site, _ = assembled(*province(tmp_path))
    plan = page(site, urls.plan_url(PLAN_SLUG))
    summaries = {tr.td.get_text(): tr.select_one(".cchc-units-summary") for tr in plan.select("table.cchc-tracking tbody tr")}
    assert summaries["1"].get_text() == "Giao cho 3 đơn vị: 1 đã hoàn thành, 1 quá hạn, 1 chưa có dữ liệu (xem báo cáo)."
    assert summaries["1"].a["href"] == f"../../bao-cao/{PLAN_SLUG}/"
    assert summaries["2"].get_text() == "Giao cho 2 đơn vị: 1 đang thực hiện, 1 quá hạn (xem báo cáo)."
    assert summaries["3"] is None
    report = page(site, urls.report_url(PLAN_SLUG, "2026"))
    main = {tr.td.get_text(): tr.select_one(".cchc-units-summary") for tr in report.select("table.cchc-report tbody tr")}
    assert main["1"].get_text() == summaries["1"].get_text() and main["1"].a["href"] == "#ket-qua-don-vi"
