"""Downloads for officers: report CSVs that Excel opens in Vietnamese, and task
calendars (iCalendar) for their own calendar programs."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from . import urls
from .cascade import FORMAT, VERSION
from .delivery import STATUSES, periods
from .serialize import content_lines, csv_cell, ical_text


def evidence_kind(item) -> str:
    kind = type(item).__name__
    if kind == "Activity":
        return item.kind_label
    return {"Article": "Tin bài", "Episode": "Chương trình phát sóng"}.get(kind, kind)


REPORT_COLUMNS = ("Kỳ báo cáo", "Nhiệm vụ", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Loại kết quả", "Tiêu đề", "Ngày", "Đường liên kết", "Số người tham gia")


def report_csv(period_label: str, rows, site_url: str) -> str:
    """rows: (task, TaskStatus, evidence items in the period). UTF-8 with BOM, CRLF lines;
    officers' text never opens as a formula (serialize.csv_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)

    def row(cells):
        writer.writerow([csv_cell(cell) for cell in cells])

    for task, state, items in rows:
        base = [period_label, task.no, " ".join(task.content), "; ".join(task.lead), STATUSES[state.status]]
        if not items:
            row(base + ["", "", "", "", ""])
        for item in items:
            participants = getattr(item, "participants", None)
            row(base + [
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


def task_calendar(plan, tracked, today: dt.date, site_url: str, host: str) -> str:
    """One all-day event per task on its due day; recurring tasks repeat at the end of
    each period (month, quarter…) until their window closes."""
    stamp = f"{today:%Y%m%d}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cchc-portal//plan tasks//VI", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{ical_text('Nhiệm vụ ' + (plan.identifier or plan.slug))}", "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
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
            f"UID:{ical_text(f'{plan.slug}-nhiem-vu-{task.no}@{host}')}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ical_text(summary[:200])}",
            f"DESCRIPTION:{ical_text('Thời gian: ' + task.timeframe.describe() + '. Chủ trì: ' + '; '.join(task.lead))}",
            f"URL:{site_url}{urls.task_url(plan.slug, task.no).lstrip('/')}",  # the task's row on the plan page
        ]
        if recurring and recurring.unit in _RRULE:
            lines.append(f"RRULE:{_RRULE[recurring.unit]};UNTIL={end:%Y%m%d}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return content_lines(lines)


def delivery_json(portal, today: dt.date, site_url: str, delivered: dict) -> str:
    """The portal's delivery data for the portals above it (urls.UNIT_DATA; the format is
    plans/DELIVERY-DATA.md, read back by cascade.parse_unit_data). `portal`: its
    family.Portal, or None for a portal of its own. Every (plan, task) with evidence, the
    plan's own and its ancestors' alike; sorted, so one build date gives one file."""
    def item(e) -> dict:
        return {"title": e.title, "url": site_url + e.url.lstrip("/"), "date": e.date.date().isoformat(), "kind": type(e).__name__.lower()}

    tasks = [{"plan": plan, "task": task, "evidence": [item(e) for e in items]}
             for (plan, task), items in sorted(delivered.items(), key=lambda kv: (kv[0][0], kv[0][1] is not None, kv[0][1] or ""))]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "portal": {
            "name": portal.name if portal else None, "site_name": portal.site_name if portal else None,
            "unit": portal.unit if portal else None, "level": portal.level if portal else None,
            "parent": portal.parent if portal else None, "url": site_url,
        },
        "built": today.isoformat(),
        "tasks": tasks,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


LATE_COLUMNS = ("Kỳ báo cáo", "Nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị", "Hạn", "Cổng thông tin của đơn vị")


def late_units_csv(period_label: str, late) -> str:
    """The late units of a report period (cascade.Late rows), as the report page's table:
    UTF-8 with BOM, CRLF lines, no cell Excel would run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LATE_COLUMNS)
    for row in late:
        writer.writerow([csv_cell(cell) for cell in (
            period_label, row.task.no, " ".join(row.task.content), row.unit.unit, row.due.strftime("%d/%m/%Y"), row.unit.site_url,
        )])
    return "\ufeff" + out.getvalue()
