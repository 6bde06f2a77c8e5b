"""Generator tests (hand-made cases): task status as of the build date: the seed cases moved through their states."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from generator.dates import TIMEZONE
from generator.delivery import periods, task_status
from generator.timeframe import parse

D = dt.date


def evidence(*days: str):
    return [SimpleNamespace(date=dt.datetime.fromisoformat(d).replace(tzinfo=TIMEZONE), title=d) for d in days]


def status(when, period, items, today, count=None):
    from dataclasses import replace

    timeframe = replace(parse(when), count=count)
    return task_status(timeframe, parse(period), items, D.fromisoformat(today))


@pytest.mark.parametrize(
    "today, items, expected",
    [
        ("2021-02-15", [], "not_started"),       # before March
        ("2021-03-01", [], "due_soon"),          # the whole window is under 30 days
        ("2021-04-01", [], "overdue"),
        ("2021-04-01", ["2021-03-20"], "done"),
        ("2021-03-10", ["2021-03-20"], "due_soon"),  # evidence dated after the build date does not count yet
    ],
)
def test_a_one_off_month_tháng_3_2021(today, items, expected):
    assert status("2021-03", "2021", evidence(*items), today).status == expected


def test_monthly_with_a_count_reports_coverage_and_missing_months():
    aired = [f"2021-{m:02d}-20" for m in range(1, 13) if m not in (7, 10)]
    mid = status("monthly", "2021", evidence(*aired), "2021-08-05", count=1)
    assert (mid.status, mid.coverage, [p.label for p in mid.missing]) == ("overdue", "6/8 tháng", ["tháng 7/2021"])  # August aired on the 20th, after the build date
    early = status("monthly", "2021", evidence(*aired), "2021-06-10", count=1)
    assert (early.status, early.coverage) == ("due_soon", "5/6 tháng")  # June not aired yet, ends in 20 days
    after = status("monthly", "2021", evidence(*aired), "2022-01-01", count=1)
    assert (after.status, after.coverage, [p.label for p in after.missing]) == ("overdue", "10/12 tháng", ["tháng 7/2021", "tháng 10/2021"])
    full = status("monthly", "2021", evidence(*[f"2021-{m:02d}-20" for m in range(1, 13)]), "2022-01-01", count=1)
    assert (full.status, full.coverage, full.missing) == ("done", "12/12 tháng", ())
    two = status("monthly", "2021", evidence("2021-01-05", "2021-01-25", "2021-02-05"), "2021-03-02", count=2)
    assert (two.status, [p.label for p in two.missing]) == ("overdue", ["tháng 2/2021"])


def test_yearly_over_a_multi_year_programme():
    programme = "2022-06-30..2030"
    assert status("yearly", programme, [], "2022-05-01").status == "not_started"
    assert status("yearly", programme, evidence("2022-08-16"), "2022-09-01").status == "in_progress"
    assert status("yearly", programme, [], "2022-12-10").status == "due_soon"
    late = status("yearly", programme, evidence("2022-08-16", "2023-11-14", "2025-04-22"), "2026-11-22")
    assert (late.status, late.coverage, [p.label for p in late.missing]) == ("overdue", "3/5 năm", ["năm 2024"])
    assert late.window == (D(2022, 6, 30), D(2030, 12, 31))


@pytest.mark.parametrize(
    "today, items, expected",
    [
        ("2022-04-08", [], "in_progress"),
        ("2022-10-05", [], "due_soon"),  # "trước tháng 11 năm 2022": due by 31/10
        ("2022-11-01", [], "overdue"),
        ("2022-11-01", ["2022-09-15"], "done"),
    ],
)
def test_a_deadline_hoàn_thành_trước_tháng_11_năm_2022(today, items, expected):
    assert status("2022; before 2022-11", "2022", evidence(*items), today).status == expected


@pytest.mark.parametrize(
    "when, today, expected",
    [("2025", "2024-12-31", "not_started"), ("2025", "2025-06-01", "in_progress"), ("2025", "2026-01-01", "overdue"),
     ("2030", "2026-11-22", "not_started"), ("by 2030", "2026-11-22", "in_progress")],
)
def test_programme_milestones_sơ_kết_2025_and_tổng_kết_2030(when, today, expected):
    assert status(when, "2022-06-30..2030", [], today).status == expected


def test_calendar_periods():
    assert [p.slug for p in periods("quarter", D(2022, 6, 30), D(2023, 2, 1))] == ["2022-q2", "2022-q3", "2022-q4", "2023-q1"]
    assert [p.label for p in periods("half", D(2021, 1, 1), D(2021, 12, 31))] == ["6 tháng đầu năm 2021", "6 tháng cuối năm 2021"]
    assert [p.end for p in periods("month", D(2024, 2, 1), D(2024, 2, 1))] == [D(2024, 2, 29)]
