"""The build date and Vietnamese date wording.

The build date decides what is published and which plans are current. It is
today in Asia/Ho_Chi_Minh, or the date in CCHC_BUILD_DATE (YYYY-MM-DD) so that
tests and rebuilds are reproducible.
"""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from .schema import parse_date

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
BUILD_DATE_VARIABLE = "CCHC_BUILD_DATE"


class BuildDateError(ValueError):
    pass


def build_date(environ=os.environ) -> dt.date:
    value = environ.get(BUILD_DATE_VARIABLE, "").strip()
    if not value:
        return dt.datetime.now(TIMEZONE).date()
    date, message, hint = parse_date(value)
    if date is None:
        raise BuildDateError(f"{BUILD_DATE_VARIABLE}={value}: {message}" + (f" ({hint})" if hint else ""))
    return date


def epoch(d: dt.date) -> int:
    """Seconds since 1970 at noon of the day in Vietnam (the same calendar day in UTC)."""
    return int(dt.datetime.combine(d, dt.time(12), TIMEZONE).timestamp())


def vi_date(d: dt.date) -> str:
    """"ngày 15 tháng 2 năm 2021", as dates are written in Vietnamese documents."""
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


def short_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
