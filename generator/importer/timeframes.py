"""Printed Vietnamese timeframes -> the timeframe forms of plans/README.md.

Only wording that means one thing is parsed ("Tháng 3/2021", "Quý II/2022", "Hằng tháng",
"Năm 2025", "trước tháng 11 năm 2022", "Định kỳ mỗi tháng 01 chuyên mục"); anything else
returns None and the importer keeps the printed text for the officer to check.
"""
from __future__ import annotations

import re

from .. import timeframe as forms
from .fold import fold
from .labels import roman_value

_RECURRING = {"thang": "monthly", "quy": "quarterly", "nam": "yearly"}
_FILLER = re.compile(r"^(?:trong|hoan thanh(?: cac noi dung| cac nhiem vu)?|thuc hien|du kien)\s+")


def _point(key: str) -> str | None:
    m = re.fullmatch(r"thang (\d{1,2})\s*(?:/|nam)\s*(\d{4})", key)
    if m:
        return f"{m[2]}-{int(m[1]):02d}"
    m = re.fullmatch(r"quy ([ivx]+|\d)\s*(?:/|nam)\s*(\d{4})", key)
    if m:
        q = int(m[1]) if m[1].isdigit() else roman_value(m[1].upper())
        return f"{m[2]}-Q{q}" if q and 1 <= q <= 4 else None
    m = re.fullmatch(r"(?:nam\s+)?(\d{4})", key)
    if m:
        return m[1]
    m = re.fullmatch(r"(?:6|sau) thang (dau|cuoi) nam\s*(\d{4})", key)
    if m:
        return f"{m[2]}-H{1 if m[1] == 'dau' else 2}"
    m = re.fullmatch(r"(?:ngay )?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", key)
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"thang (\d{1,2})\s*[-–]\s*(?:thang )?(\d{1,2})\s*/\s*(\d{4})", key)
    if m:
        return f"{m[3]}-{int(m[1]):02d}..{m[3]}-{int(m[2]):02d}"
    return None


def _term(key: str) -> str | None:
    key = _FILLER.sub("", key.strip())
    m = re.fullmatch(r"(?:dinh ky )?(?:hang|hang) (thang|quy|nam)", key)
    if m:
        return _RECURRING[m[1]]
    m = re.fullmatch(r"truoc (.+)", key)
    if m:
        point = _point(m[1])
        return f"before {point}" if point and ".." not in point else None
    m = re.fullmatch(r"(?:den|den het) (nam \d{4})", key)
    if m:
        return f"by {_point(m[1])}"
    return _point(key)


def parse(printed: str) -> dict | None:
    """{"when": ..., "count"?: n, "unit"?: printed} for an unambiguous printed timeframe."""
    text = printed.strip().rstrip(".;").strip()
    key = fold(text)
    m = re.fullmatch(r"(?:dinh ky )?(?:moi|hang) (thang|quy|nam) (\d{1,2}) (.+)", key)
    if m:
        return {"when": _RECURRING[m[1]], "count": int(m[2]), "unit": text[m.start(3):]}
    when = _term(key)
    if when is None:
        parts = [p for p in re.split(r"\s*(?:,|;| va )\s*", key) if p]
        terms = [_term(p) for p in parts] if len(parts) > 1 else [None]
        if any(t is None for t in terms):
            return None
        when = "; ".join(terms)
    try:
        forms.parse(when)
    except forms.TimeframeSyntaxError:
        return None
    return {"when": when}
