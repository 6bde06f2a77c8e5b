"""Generator tests (fixture portal): plan delivery, status per task, reports row by row, CSV and calendars."""
from __future__ import annotations

import csv
import datetime as dt
import io

from bs4 import BeautifulSoup

from generator import derive

from .conftest import BUILD_DATE, copy_project, fixture_corpus, run_cchc

CORPUS = fixture_corpus()
TODAY = dt.date.fromisoformat(BUILD_DATE)


def tracking(site, plan):
    page = site.page(f"/ke-hoach/{plan}/")
    rows = {}
    for tr in page.select("table.cchc-tracking tbody tr"):
        cell = tr.select_one('td[data-label="Tình trạng"]')
        rows[tr.select_one("td").get_text()] = (
            cell.select_one(".cchc-status").get_text(),
            " ".join(cell.select_one(".cchc-coverage").get_text().split()) if cell.select_one(".cchc-coverage") else None,
            [a.get_text() for a in tr.select(".cchc-evidence a")],
        )
    return page, rows


def test_monthly_radio_column_shows_coverage_and_its_missing_months(site):
    _, rows = tracking(site, "2021-tp-soc-trang-15")
    status, coverage, evidence = rows["1"]
    assert status == "Quá hạn"
    assert coverage == "Đã thực hiện 10/12 tháng; còn thiếu: tháng 7/2021, tháng 10/2021."
    assert len(evidence) == 10
    assert all(rows[n][0] == "Đã hoàn thành" for n in ("2", "3", "4", "5"))


def test_deadline_plan_without_appendix_tracks_its_content_items(site):
    page, rows = tracking(site, "2022-tay-ninh-1183")
    assert sorted(rows) == ["1", "2", "3", "4", "5", "6", "7"]
    assert {n: rows[n][0] for n in rows} == {
        "1": "Đã hoàn thành", "2": "Quá hạn", "3": "Quá hạn", "4": "Quá hạn",
        "5": "Đã hoàn thành", "6": "Đã hoàn thành", "7": "Đã hoàn thành",
    }
    assert len(rows["5"][2]) == 2  # the two training sessions ("Tổ chức 02 đợt tập huấn")
    summary = [li.get_text(" ", strip=True) for li in page.select("#theo-doi-thuc-hien ~ .cchc-progress li")][:2]
    assert summary == ["4 đã hoàn thành", "3 quá hạn"]


def test_yearly_tasks_and_milestones_of_the_programme(site):
    _, rows = tracking(site, "2022-soc-trang-1738")
    assert rows["1"][:2] == ("Đang thực hiện", "Đã thực hiện 4/5 năm.")  # 2026 not over, nothing missing
    assert rows["3"][:2] == ("Quá hạn", "Đã thực hiện 2/5 năm; còn thiếu: năm 2022, năm 2024.")
    assert rows["6"][0] == "Đã hoàn thành"  # Sơ kết 2025, delivered by the June 2025 conference
    assert rows["7"][0] == "Chưa đến thời gian thực hiện"  # Tổng kết 2030


def test_per_agency_summary(site):
    page = site.page("/ke-hoach/2022-soc-trang-1738/")
    agencies = {tr.select_one("td").get_text(): [td.get_text() for td in tr.select("td")[1:4]] for tr in page.select("table.cchc-agencies tbody tr")}
    assert agencies["Sở Nội vụ"] == ["6", "1", "3"]
    assert agencies["Sở Thông tin và Truyền thông"] == ["1", "0", "1"]


def test_status_moves_with_the_build_date(tmp_path):
    project = copy_project(tmp_path)
    assert run_cchc(project, "build", build_date="2021-03-10").returncode == 0
    page = BeautifulSoup((project / "site/ke-hoach/2021-tp-soc-trang-15/index.html").read_text(encoding="utf-8"), "html.parser")
    status = {tr.select_one("td").get_text(): tr.select_one(".cchc-status").get_text() for tr in page.select("table.cchc-tracking tbody tr")}
    assert status == {"1": "Sắp đến hạn", "2": "Sắp đến hạn", "3": "Sắp đến hạn", "4": "Chưa đến thời gian thực hiện", "5": "Chưa đến thời gian thực hiện"}


def evidence_in(plan, task, start, end):
    news = derive.news(CORPUS.articles, TODAY)
    items = [a for a in news.articles if any((r.plan, r.task) == (plan, task) for r in a.delivers)]
    items += [a for a in CORPUS.activities if any((r.plan, r.task) == (plan, task) for r in a.delivers)]
    return sorted((i.title for i in items if start <= i.date.date() <= end))


def test_a_quarterly_report_lists_the_evidence_of_its_quarter_task_by_task(site):
    url = "/bao-cao/2022-tay-ninh-1183/2022-q3/"
    page = site.page(url)
    rows = page.select("table.cchc-report tbody tr")
    assert [tr.select_one("td").get_text() for tr in rows] == ["1", "2", "3", "4", "5", "6", "7"]
    for tr in rows:
        task = tr.select_one("td").get_text()
        shown = sorted(a.get_text() for a in tr.select(".cchc-evidence a"))
        assert shown == evidence_in("2022-tay-ninh-1183", task, dt.date(2022, 7, 1), dt.date(2022, 9, 30))
    facts = {div.dt.get_text(): div.dd.get_text(" ", strip=True) for div in page.select(".cchc-facts > div")}
    assert facts["Hoạt động"] == "2 (330 người tham gia)"


def test_report_csv_opens_in_excel_and_matches_the_page(site):
    raw = site.file("/bao-cao/2022-tay-ninh-1183/2022-q3/2022-tay-ninh-1183-2022-q3.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel then reads Vietnamese correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    page = site.page("/bao-cao/2022-tay-ninh-1183/2022-q3/")
    expected = [(tr.select_one("td").get_text(), a.get_text()) for tr in page.select("table.cchc-report tbody tr") for a in tr.select(".cchc-evidence a")]
    assert [(r["Nhiệm vụ"], r["Tiêu đề"]) for r in rows if r["Tiêu đề"]] == expected
    assert {r["Nhiệm vụ"] for r in rows} == {"1", "2", "3", "4", "5", "6", "7"}
    assert all(r["Kỳ báo cáo"] == "quý III/2022" for r in rows)
    assert all(r["Đường liên kết"].startswith("https://example.gov.vn/cchc/") for r in rows if r["Tiêu đề"])


def test_reports_exist_for_each_quarter_half_and_year_begun(site):
    page = site.page("/bao-cao/2021-tp-soc-trang-15/")
    links = sorted(a["href"] for a in page.select(".cchc-report-list a"))
    assert links == sorted(["2021-q1/", "2021-q2/", "2021-q3/", "2021-q4/", "2021-h1/", "2021-h2/", "2021/"])


def test_task_calendar_is_valid_icalendar(site):
    text = site.file("/ke-hoach/2021-tp-soc-trang-15/2021-tp-soc-trang-15.ics").read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    events = unfolded.split("BEGIN:VEVENT")[1:]
    assert len(events) == 5
    assert "DTSTART;VALUE=DATE:20210131" in events[0] and "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20211231" in events[0]
    assert "DTSTART;VALUE=DATE:20210331" in events[1] and "RRULE" not in events[1]


def test_home_shows_the_current_plans_progress(site):
    card = site.page("/").select_one(".cchc-plan-progress")
    assert "Đề án" in card.select_one("h3").get_text()
    assert [li.get_text(" ", strip=True) for li in card.select(".cchc-progress li")] == ["1 đã hoàn thành", "1 đang thực hiện", "4 quá hạn", "1 chưa đến thời gian thực hiện"]


def test_activity_page_shows_its_facts_and_the_task_it_delivers(site):
    activity = next(a for a in CORPUS.activities if a.src.endswith("tap-huan-cchc-dot-1-tay-ninh.md"))
    page = site.page(activity.url)
    facts = {div.dt.get_text(): div.dd.get_text() for div in page.select(".cchc-facts > div")}
    assert facts["Số người tham gia"] == "150"
    link = page.select_one(".cchc-article__facts li a")
    assert site.resolve(activity.url, link["href"]) == "/ke-hoach/2022-tay-ninh-1183/#nhiem-vu-5"
    assert all(img.get("alt") for img in page.select("article img"))
