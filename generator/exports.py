"""Downloads for officers: report CSVs that Excel opens in Vietnamese, and task
calendars (iCalendar) for their own calendar programs."""
from __future__ import annotations

import csv
import datetime as dt
import io

from . import urls
from .delivery import STATUSES, periods


def evidence_kind(item) -> str:
    kind = type(item).__name__
    if kind == "Activity":
        return item.kind_label
    return {"Article": "Tin bài", "Episode": "Chương trình phát sóng"}.get(kind, kind)


REPORT_COLUMNS = ("Kỳ báo cáo", "Nhiệm vụ", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Loại kết quả", "Tiêu đề", "Ngày", "Đường liên kết", "Số người tham gia")


def report_csv(period_label: str, rows, site_url: str) -> str:
    """rows: (task, TaskStatus, evidence items in the period). UTF-8 with BOM, CRLF lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for task, state, items in rows:
        base = [period_label, task.no, " ".join(task.content), "; ".join(task.lead), STATUSES[state.status]]
        if not items:
            writer.writerow(base + ["", "", "", "", ""])
        for item in items:
            participants = getattr(item, "participants", None)
            writer.writerow(base + [
                evidence_kind(item), item.title, item.date.date().strftime("%d/%m/%Y"),
                site_url + item.url.lstrip("/"), "" if participants is None else participants,
            ])
    return "\ufeff" + out.getvalue()


_RRULE = {
    "month": "FREQ=MONTHLY;BYMONTHDAY=-1",
    "quarter": "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
    "half": "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1",
    "year": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    data = line.encode("utf-8")
    parts, start = [], 0
    while len(data) - start > 75:
        cut = start + (75 if start == 0 else 74)
        while (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[start:cut].decode("utf-8"))
        start = cut
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def task_calendar(plan, tracked, today: dt.date, site_url: str, host: str) -> str:
    """One all-day event per task on its due day; recurring tasks repeat at the end of
    each period (month, quarter…) until their window closes."""
    stamp = f"{today:%Y%m%d}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cchc-portal//plan tasks//VI", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape('Nhiệm vụ ' + (plan.identifier or plan.slug))}", "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
    for item in tracked:
        task, state = item.task, item.state
        start, end = state.window
        recurring = task.timeframe.recurring
        if recurring:
            found = periods(recurring.unit, start, end)
            due = found[0].end if found else end
        else:
            due = end
        summary = f"Nhiệm vụ {task.no}: {' '.join(task.content)}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{plan.slug}-nhiem-vu-{task.no}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary[:200])}",
            f"DESCRIPTION:{_escape('Thời gian: ' + task.timeframe.describe() + '. Chủ trì: ' + '; '.join(task.lead))}",
            f"URL:{site_url}{urls.task_url(plan.slug, task.no).lstrip('/')}",  # the task's row on the plan page
        ]
        if recurring and recurring.unit in _RRULE:
            lines.append(f"RRULE:{_RRULE[recurring.unit]};UNTIL={end:%Y%m%d}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
