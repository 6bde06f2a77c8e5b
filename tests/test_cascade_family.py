"""Generator tests, end to end: a family built with `cchc build --all` (children first), the
province's report made from the units' published delivery data (issue 14, cascade.py).

The family of tests/test_family.py (a province, a city, a ward below the city), with a
province plan whose tasks are assigned to units; the ward delivers both of its tasks, the
city neither. Expected rows come from these files."""
from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import Site, run_cchc
from .test_family import FILES, ROOT_URL, family_portal
from .test_inventory import ARTICLE

PLAN = """\
type: ke_hoach
number: "20/KH-UBND"
issuer: {name: Ủy ban nhân dân tỉnh Mẫu, level: tinh}
date: 2026-01-10
title: Tuyên truyền cải cách hành chính năm 2026
period: 2026
appendix:
  tasks:
    - {no: "1", content: Công khai đường dây nóng, lead: UBND các đơn vị, timeframe: 2026-Q2, units: all}
    - {no: "2", content: Tọa đàm với người dân, lead: UBND phường, timeframe: 2026-Q3, units: [phuong-1]}
    - {no: "3", content: Hội nghị của tỉnh, lead: Sở Nội vụ, timeframe: 2026-12}
"""
WARD_NEWS = "content/don-vi/phuong-1/tin-tuc/2026/duong-day-nong-phuong.md"


@pytest.fixture(scope="module")
def family_site(tmp_path_factory):
    files = {**FILES, "plans/2026-tinh-20.yml": PLAN,
             WARD_NEWS: ARTICLE.format(title="Phường công khai đường dây nóng", extra='delivers: ["2026-tinh-20#1", "2026-tinh-20#2"]\n')}
    root = family_portal(tmp_path_factory.mktemp("cascade"), files)
    result = run_cchc(root, "build", "--all", "-j", "2")
    assert result.returncode == 0, result.stderr
    return root, Site(root / "site")


def test_the_provinces_report_shows_the_units_delivery_from_their_published_data(family_site):
    root, site = family_site
    ward = json.loads(site.file("/phuong-1/du-lieu/thuc-hien.json").read_text(encoding="utf-8"))
    news = ROOT_URL + "phuong-1/tin-tuc/2026/03/duong-day-nong-phuong/"
    assert ward["portal"]["name"] == "phuong-1" and ward["portal"]["parent"] == "thanh-pho"
    assert [(t["plan"], t["task"], [e["url"] for e in t["evidence"]]) for t in ward["tasks"]] == [
        ("2026-tinh-20", "1", [news]), ("2026-tinh-20", "2", [news])]
    report = site.page("/bao-cao/2026-tinh-20/2026/")
    tables = {t.caption.get_text(): [[tr.th.get_text(), tr.select_one(".cchc-status").get_text(), tr.select_one('td[data-label="Số kết quả trong kỳ"]').get_text(),
                                       [a["href"] for a in tr.select(".cchc-evidence a")]] for tr in t.tbody.select("tr")]
              for t in report.select("table.cchc-units")}
    assert tables == {
        "Nhiệm vụ 1: Công khai đường dây nóng": [["UBND thành phố Mẫu", "Quá hạn", "0", []], ["UBND Phường 1", "Đã hoàn thành", "1", [news]]],
        "Nhiệm vụ 2: Tọa đàm với người dân": [["UBND Phường 1", "Đã hoàn thành", "1", [news]]],
    }
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in report.select("table.cchc-late tbody tr")] == [
        ["1: Công khai đường dây nóng", "UBND thành phố Mẫu", "30/06/2026"]]
    rows = list(csv.reader(io.StringIO(site.file("/bao-cao/2026-tinh-20/2026/2026-tinh-20-2026-don-vi-cham.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1:] == [["năm 2026", "1", "Công khai đường dây nóng", "UBND thành phố Mẫu", "30/06/2026", ROOT_URL + "thanh-pho/"]]


def test_each_unit_shows_only_the_provinces_tasks_assigned_to_it(family_site):
    root, site = family_site
    rows = {base: [tr.td.get_text() for tr in site.page(f"{base}ke-hoach/2026-tinh-20/").select("table.cchc-tracking tbody tr")]
            for base in ("/", "/thanh-pho/", "/phuong-1/")}
    assert rows == {"/": ["1", "2", "3"], "/thanh-pho/": ["1"], "/phuong-1/": ["1", "2"]}
    note = site.page("/phuong-1/ke-hoach/2026-tinh-20/").select_one(".cchc-unit-scope a")
    assert note["href"] == ROOT_URL + "ke-hoach/2026-tinh-20/#phu-luc"
