"""Generator tests (hand-made cases): timeframes, as written in plans and as described."""
import datetime as dt

import pytest

from generator.timeframe import TimeframeSyntaxError, parse

D = dt.date
PERIOD_2021 = parse("2021")


@pytest.mark.parametrize(
    "when, words, span",
    [
        ("2021-03", "Tháng 3/2021", (D(2021, 3, 1), D(2021, 3, 31))),
        ("2022-Q2", "Quý II/2022", (D(2022, 4, 1), D(2022, 6, 30))),
        ("2022-Q4", "Quý IV/2022", (D(2022, 10, 1), D(2022, 12, 31))),
        ("2022-H1", "6 tháng đầu năm 2022", (D(2022, 1, 1), D(2022, 6, 30))),
        ("2022-H2", "6 tháng cuối năm 2022", (D(2022, 7, 1), D(2022, 12, 31))),
        ("2025", "Năm 2025", (D(2025, 1, 1), D(2025, 12, 31))),
        ("2024-02", "Tháng 2/2024", (D(2024, 2, 1), D(2024, 2, 29))),
        ("2021-03-15", "Ngày 15/3/2021", (D(2021, 3, 15), D(2021, 3, 15))),
        ("monthly", "Hằng tháng", (D(2021, 1, 1), D(2021, 12, 31))),
        ("yearly", "Hằng năm", (D(2021, 1, 1), D(2021, 12, 31))),
        ("monthly 2021-03..2021-12", "Hằng tháng từ tháng 3/2021 đến tháng 12/2021", (D(2021, 3, 1), D(2021, 12, 31))),
        ("before 2022-11", "Trước tháng 11/2022", (None, D(2022, 10, 31))),
        ("by 2030", "Đến năm 2030", (None, D(2030, 12, 31))),
        ("2022-06-30..2030", "Từ ngày 30/6/2022 đến năm 2030", (D(2022, 6, 30), D(2030, 12, 31))),
        ("..2030", "Đến năm 2030", (None, D(2030, 12, 31))),
        ("2022; before 2022-11", "Năm 2022, trước tháng 11/2022", (D(2022, 1, 1), D(2022, 10, 31))),
    ],
)
def test_forms_officers_write(when, words, span):
    timeframe = parse(when)
    assert timeframe.describe() == words
    assert timeframe.span(PERIOD_2021) == span


def test_printed_label_wins_over_generated_words():
    from dataclasses import replace

    timeframe = replace(parse("monthly"), count=1, unit="chuyên mục", label="Định kỳ mỗi tháng 01 chuyên mục")
    assert timeframe.describe() == "Định kỳ mỗi tháng 01 chuyên mục"
    assert replace(timeframe, label=None).describe() == "Hằng tháng, mỗi tháng 01 chuyên mục"


def test_recurring_terms_are_not_bounded_and_points_are():
    assert not parse("monthly").bounded
    assert not parse("before 2022-11").bounded
    assert parse("2022; before 2022-11").bounded
    assert parse("monthly").recurring.unit == "month"


@pytest.mark.parametrize(
    "when, message",
    [
        ("2021-13", '"2021-13" is not a timeframe: month must be 1–12'),
        ("2021-00", '"2021-00" is not a timeframe: month must be 1–12'),
        ("2021-02-29", '"2021-02-29" is not a timeframe: February 2021 has 28 days'),
        ("2021-Q5", '"2021-Q5" is not a timeframe: quarter must be Q1–Q4'),
        ("2021-H3", '"2021-H3" is not a timeframe: half must be H1 or H2'),
        ("2030..2022", '"2030..2022" is not a timeframe: the range ends before it starts'),
        ("hàng tháng", 'unknown timeframe "hàng tháng"'),
        ("before", 'unknown timeframe "before"'),
        ("2021;", '"2021;" is not a timeframe: an empty part between `;`'),
    ],
)
def test_errors_say_what_is_wrong(when, message):
    with pytest.raises(TimeframeSyntaxError) as caught:
        parse(when)
    assert caught.value.message == message
