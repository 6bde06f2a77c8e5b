"""Hotlines (đường dây nóng): one YAML file per agency's line in content/duong-day-nong/.

Phone numbers are read as Vietnamese numbers (landline, mobile, 1800/1900) and
kept in one display format with a `tel:` link. The listing is offered as vCard
and JSON too.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .. import urls
from ..errors import Problem
from ..i18n import _
from ..schema import (
    INVALID, Choice, Context, Date, Either, Field, Flag, ListOf, Record, Text, WebAddress, is_digits, quoted,
    web_address_hint, web_address_problem,
)
from ..serialize import content_lines, ical_text
from ..vocab import TOPICS
from .base import Kind, Loading
from .common import checked_files

HOTLINES_DIR = "duong-day-nong"
LEVELS = {"quoc_gia": "Trung ương", "tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}
DAYS = {"t2": "Thứ Hai", "t3": "Thứ Ba", "t4": "Thứ Tư", "t5": "Thứ Năm", "t6": "Thứ Sáu", "t7": "Thứ Bảy", "cn": "Chủ nhật"}
MAX_PINNED = 3

# --- phone numbers ------------------------------------------------------------------------------

# Mobile prefixes renumbered in 2018 (11 digits → 10 digits).
_OLD_MOBILE = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038", "0169": "039",
    "0186": "056", "0188": "058", "0199": "059",
}
_SEPARATORS = re.compile(r"[\s.\-()]")


def phone_hint() -> str:
    return _('write it as on the notice: a landline "0299 3821 234", a mobile "0912 345 678" or "1800 1096"')


@dataclass(frozen=True)
class Phone:
    digits: str  # national form: 02993821234, 0912345678, 18001096
    kind: str  # landline | mobile | freephone | premium
    label: str | None = None

    @property
    def display(self) -> str:
        d = self.digits
        if self.kind in ("freephone", "premium"):
            return f"{d[:4]} {d[4:]}" if len(d) == 8 else f"{d[:4]} {d[4:7]} {d[7:]}"
        if self.kind == "mobile":
            return f"{d[:4]} {d[4:7]} {d[7:]}"
        if d[:3] in ("024", "028"):  # Hà Nội, TP. Hồ Chí Minh: two-digit area codes
            return f"{d[:3]} {d[3:7]} {d[7:]}"
        return f"{d[:4]} {d[4:8]} {d[8:]}"

    @property
    def e164(self) -> str:
        """+84…; 1800/1900 numbers are dialled only inside Vietnam and stay as they are."""
        return self.digits if self.kind in ("freephone", "premium") else "+84" + self.digits[1:]

    @property
    def tel(self) -> str:
        return "tel:" + self.e164


def parse_phone(text: str) -> tuple[Phone | None, str, str]:
    """Read a Vietnamese phone number. Returns (phone, message, hint); phone is None on error."""
    raw = text.strip()
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not is_digits(digits):  # ASCII only: "²" and "٣" pass str.isdigit()
        return None, _("{value} is not a phone number: only digits, spaces, dots and a leading +84 are allowed", value=quoted(raw)), phone_hint()
    if digits.startswith(("1800", "1900")):
        if len(digits) in (8, 10):
            return Phone(digits, "freephone" if digits.startswith("1800") else "premium"), "", ""
        return None, _("{value} is not a phone number: a {prefix} number has 8 or 10 digits, found {count}", value=quoted(raw), prefix=digits[:4], count=len(digits)), phone_hint()
    if not digits.startswith("0"):
        return None, _("{value} is not a phone number: Vietnamese numbers start with 0, +84, 1800 or 1900", value=quoted(raw)), phone_hint()
    if len(digits) < 8:
        return None, _("{value} is not a phone number: it has only {count} digits", value=quoted(raw), count=len(digits)), phone_hint()
    if digits[:4] in _OLD_MOBILE and len(digits) == 11:
        new = Phone(_OLD_MOBILE[digits[:4]] + digits[4:], "mobile")
        return None, _("{value} is an old 11-digit mobile number (renumbered in 2018)", value=quoted(raw)), _("write the new number: {number}", number=quoted(new.display))
    if digits.startswith("02"):
        if len(digits) == 11:
            return Phone(digits, "landline"), "", ""
        return None, _("{value} is not a phone number: a landline has 11 digits (0, the area code and the number), found {count}", value=quoted(raw), count=len(digits)), phone_hint()
    if digits[1] in "35789":
        if len(digits) == 10:
            return Phone(digits, "mobile"), "", ""
        return None, _("{value} is not a phone number: a mobile number has 10 digits, found {count}", value=quoted(raw), count=len(digits)), phone_hint()
    return None, _("{value} is not a phone number: no Vietnamese number starts with {prefix}", value=quoted(raw), prefix=digits[:2]), phone_hint()


class PhoneType(Text):
    @property
    def expects(self) -> str:
        return _("a phone number")

    def check(self, node, field, ctx):
        text = super().check(node, field, ctx)
        if text is INVALID:
            return INVALID
        phone, message, hint = parse_phone(text)
        return phone if phone else ctx.error(node, field, message, hint)

    def json_schema(self, child):
        return {"type": "string", "pattern": r"^[\s.()-]*(?:\+84|0|1800|1900)[0-9\s.()-]{4,}$"}


def _labelled_phone(number: Phone, label: str | None = None) -> Phone:
    return replace(number, label=label)


PHONE = Either(PhoneType(), Record([Field("number", PhoneType(), required=True), Field("label", Text())], _labelled_phone))


@dataclass(frozen=True)
class Zalo:
    label: str
    url: str


class ZaloType(Text):
    """A Zalo account: its phone number, or the address of an Official Account."""

    @property
    def expects(self) -> str:
        return _("a Zalo number or address")

    def check(self, node, field, ctx):
        text = super().check(node, field, ctx)
        if text is INVALID:
            return INVALID
        if text.startswith("https://"):
            problem = web_address_problem(text, secure=True)
            return ctx.error(node, field, problem, web_address_hint()) if problem else Zalo("Zalo", text)
        phone, message, hint = parse_phone(text)
        if phone is None:
            return ctx.error(node, field, message, _("give the Zalo phone number or the https:// address of the Zalo page"))
        return Zalo(phone.display, f"https://zalo.me/{phone.digits}")

    def json_schema(self, child):
        return {"type": "string", "minLength": 1}


# --- opening hours --------------------------------------------------------------------------------

_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$", re.ASCII)


class TimeRange(Text):
    @property
    def expects(self) -> str:
        return _('a time range such as "07:00-11:00"')

    def check(self, node, field, ctx):
        text = super().check(node, field, ctx)
        if text is INVALID:
            return INVALID
        m = _RANGE.match(text)
        if not m:
            return ctx.error(node, field, _("{value} is not a time range", value=quoted(text)), _('write the opening and closing time on the 24-hour clock: "07:00-11:00"'))
        start, end = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
        if start > (23, 59) or end > (24, 0) or m[2] > "59" or m[4] > "59":
            return ctx.error(node, field, _("{value} has no valid time of day", value=quoted(text)), _("hours run from 00:00 to 24:00"))
        if start >= end:
            return ctx.error(node, field, _("{value} ends before it starts", value=quoted(text)), _('write the earlier time first: "13:00-17:00"'))
        return f"{start[0]:02d}:{start[1]:02d}–{end[0]:02d}:{end[1]:02d}"

    def json_schema(self, child):
        return {"type": "string", "pattern": _RANGE.pattern}


@dataclass(frozen=True)
class Hours:
    days: tuple[str, ...]
    times: tuple[str, ...]

    @property
    def days_label(self) -> str:
        """"Thứ Hai – Thứ Sáu", "Thứ Bảy, Chủ nhật": consecutive days as a range."""
        order = list(DAYS)
        picked = sorted(set(self.days), key=order.index)
        runs: list[list[str]] = []
        for day in picked:
            if runs and order.index(day) == order.index(runs[-1][-1]) + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        return ", ".join(DAYS[r[0]] if len(r) < 3 else f"{DAYS[r[0]]} – {DAYS[r[-1]]}" for r in runs)

    @property
    def times_label(self) -> str:
        return "cả ngày" if self.times == ("00:00–24:00",) else ", ".join(self.times)


@dataclass(frozen=True)
class Closure:
    start: dt.date
    end: dt.date | None = None
    note: str | None = None


def _closure(**values) -> Closure:
    return Closure(start=values["from"], end=values["to"], note=values["note"])


@dataclass(frozen=True)
class Notice:
    number: str
    date: dt.date
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Hotline:
    agency: str
    level: str
    receives: tuple[str, ...]
    phones: tuple[Phone, ...]
    unit: str | None = None
    parent: str | None = None
    zalo: Zalo | None = None
    email: str | None = None
    address: str | None = None
    hours: tuple[Hours, ...] = ()
    holidays: str = "closed"
    closures: tuple[Closure, ...] = ()
    online_form: str | None = None
    published_by: Notice | None = None
    last_verified: dt.date | None = None
    needs_check: bool = False
    pinned: bool = False
    note: str | None = None
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    slug: str = ""
    path: str = ""

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    @property
    def name(self) -> str:
        return f"{self.unit}, {self.agency}" if self.unit else self.agency

    @property
    def receives_labels(self) -> list[str]:
        return [TOPICS[t] for t in self.receives]

    @property
    def anchor(self) -> str:
        return urls.hotline_anchor(self.slug)

    @property
    def verified(self) -> bool:
        """A real line whose numbers were called and found working: the only kind offered on
        every page (a sample number is never callable; one to check again may be wrong)."""
        return not self.sample and not self.needs_check and self.last_verified is not None

    @property
    def holidays_label(self) -> str:
        return "Làm việc cả ngày lễ, Tết." if self.holidays == "open" else "Nghỉ các ngày lễ, Tết theo quy định."


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_hint() -> str:
    return _("write it as name@example.gov.vn")


def email_problem(text: str) -> str | None:
    """What is wrong with an e-mail address, or None (one check for every kind that has one)."""
    return None if _EMAIL.match(text) else _("{value} is not an e-mail address", value=quoted(text))

HOURS = Record([Field("days", ListOf(Choice(DAYS)), required=True), Field("times", ListOf(TimeRange()), required=True)], Hours)
CLOSURE = Record([Field("from", Date(), required=True), Field("to", Date()), Field("note", Text())], _closure)
NOTICE = Record([Field("number", Text(), required=True), Field("date", Date(), required=True), Field("title", Text()), Field("url", WebAddress())], Notice)

HOTLINE = Record([
    Field("agency", Text(), required=True),
    Field("unit", Text()),
    Field("level", Choice(LEVELS), required=True),
    Field("parent", Text()),
    Field("receives", ListOf(Choice(TOPICS)), required=True),
    Field("phones", ListOf(PHONE), required=True),
    Field("zalo", ZaloType()),
    Field("email", Text()),
    Field("address", Text()),
    Field("hours", ListOf(HOURS), default=()),
    Field("holidays", Choice({"closed": "Nghỉ các ngày lễ, Tết", "open": "Làm việc cả ngày lễ, Tết"}), default="closed"),
    Field("closures", ListOf(CLOSURE), default=()),
    Field("online_form", WebAddress(secure=True)),
    Field("published_by", NOTICE),
    Field("last_verified", Date()),
    Field("needs_check", Flag(), default=False),
    Field("pinned", Flag(), default=False),
    Field("note", Text()),
    Field("sample", Flag(), default=False),
], Hotline, locate=True)


def _check(hotline: Hotline, node: yaml.Node, ctx: Context) -> None:
    at = hotline.locations
    if hotline.email and email_problem(hotline.email):
        ctx.problems.append(Problem(at["email"], "email", email_problem(hotline.email), email_hint()))
    if hotline.last_verified is None and not hotline.needs_check:
        ctx.problems.append(Problem(
            ctx.where(node), "last_verified", _("is missing"), _("add the date the numbers were last called and found working, or needs_check: true to show them as not yet checked"),
        ))
    for i, closure in enumerate(hotline.closures, 1):
        if closure.end and closure.end < closure.start:
            ctx.problems.append(Problem(at["closures"], f"closures[{i}].to", _("is before `from`"), _("write the first day of the closure in from: and the last in to:")))


def load_hotlines(files: list[Path], loading: Loading) -> tuple[list[Hotline], list[Problem]]:
    hotlines, problems = [], []
    for __, hotline, node, ctx in checked_files(files, loading.root, HOTLINE, problems, data=True):
        _check(hotline, node, ctx)
        hotlines.append(hotline)
    pinned = [h for h in hotlines if h.pinned]
    for extra in pinned[MAX_PINNED:]:
        problems.append(Problem(
            extra.locations["pinned"], "pinned", _("more than {limit} hotlines are pinned to every page", limit=MAX_PINNED),
            _("pin only the lines most citizens need: {files} are pinned already", files=", ".join(h.path for h in pinned[:MAX_PINNED])),
        ))
    order = list(LEVELS)
    return sorted(hotlines, key=lambda h: (order.index(h.level), h.agency, h.name, h.slug)), problems


KIND = Kind(
    name="hotlines", record=HOTLINE, folder=HOTLINES_DIR, patterns=("**/*.yml", "**/*.yaml"), load=load_hotlines, label="Đường dây nóng",
    index=urls.HOTLINES_INDEX, data=True, describe="hotlines", home="content/duong-day-nong/<name>.yml", address=lambda hotline: hotline.anchor,
)


# --- what the pages show ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    label: str
    agencies: tuple[tuple[str, tuple[Hotline, ...]], ...]


def by_level_and_agency(hotlines: list[Hotline]) -> list[Group]:
    groups: dict[str, dict[str, list[Hotline]]] = {}
    for hotline in hotlines:  # already ordered by level, then agency
        groups.setdefault(hotline.level, {}).setdefault(hotline.agency, []).append(hotline)
    return [Group(LEVELS[level], tuple((a, tuple(h)) for a, h in agencies.items())) for level, agencies in groups.items()]


@dataclass(frozen=True)
class Block:
    """The compact hotline block on every page (fed to the theme by the plugin)."""

    hotlines: tuple[Hotline, ...]
    url: str  # the hotline listing, relative to the site root

    listed: bool = True  # the portal has hotlines at all (else no block, not even a link)

    def __bool__(self) -> bool:
        return self.listed


def block(hotlines: list[Hotline]) -> Block:
    """The pinned lines that are verified; with none, the block only links to the listing."""
    return Block(tuple(h for h in hotlines if h.pinned and h.verified), urls.HOTLINES_INDEX.lstrip("/"), bool(hotlines))


# --- downloads --------------------------------------------------------------------------------------

def as_json(hotlines: list[Hotline], site_url: str) -> str:
    def one(h: Hotline) -> dict:
        return {
            "id": h.slug,
            "agency": h.agency,
            "unit": h.unit,
            "level": h.level,
            "receives": [{"code": t, "label": TOPICS[t]} for t in h.receives],
            # A sample number is never offered as callable, not even to apps reading the data.
            "phones": [{"display": p.display, "tel": None if h.sample else p.tel, "kind": p.kind, "label": p.label} for p in h.phones],
            "zalo": {"label": h.zalo.label, "url": h.zalo.url} if h.zalo else None,
            "email": h.email,
            "address": h.address,
            "hours": [{"days": list(x.days), "times": [t.replace("–", "-") for t in x.times]} for x in h.hours],
            "holidays": h.holidays,
            "closures": [{"from": c.start.isoformat(), "to": (c.end or c.start).isoformat(), "note": c.note} for c in h.closures],
            "online_form": h.online_form,
            "published_by": {"number": h.published_by.number, "date": h.published_by.date.isoformat(), "title": h.published_by.title, "url": h.published_by.url} if h.published_by else None,
            "last_verified": h.last_verified.isoformat() if h.last_verified else None,
            "needs_check": h.needs_check,
            "sample": h.sample,
            "url": site_url + h.anchor.lstrip("/"),
        }

    return json.dumps({"source": site_url + urls.HOTLINES_INDEX.lstrip("/"), "hotlines": [one(h) for h in hotlines]}, ensure_ascii=False, indent=2) + "\n"


def hours_text(h: Hotline) -> str:
    parts = [f"{x.days_label}: {x.times_label}" for x in h.hours]
    return "; ".join(parts + [h.holidays_label]) if parts else ""


def vcard(hotlines: list[Hotline], site_url: str) -> str:
    """vCard 3.0, one card per hotline (phones import it into the contact list). Sample lines
    are left out: a number saved to a phone's contacts would be called."""
    cards = []
    for h in (h for h in hotlines if not h.sample):
        note = ["Đường dây nóng tiếp nhận: " + "; ".join(h.receives_labels) + "."]
        if h.hours:
            note.append("Giờ tiếp nhận: " + hours_text(h))
        if h.zalo:
            note.append(f"Zalo: {h.zalo.label} ({h.zalo.url})")
        if h.needs_check:
            note.append("Cần kiểm tra lại trước khi sử dụng.")
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{ical_text('Đường dây nóng – ' + h.name)}", f"ORG:{ical_text(h.agency)}" + (f";{ical_text(h.unit)}" if h.unit else "")]
        lines += [f"TEL;TYPE=WORK,VOICE:{p.e164}" for p in h.phones]
        if h.email:
            lines.append(f"EMAIL;TYPE=INTERNET:{h.email}")
        if h.address:
            lines.append(f"ADR;TYPE=WORK:;;{ical_text(h.address)};;;;Việt Nam")
        lines.append(f"URL:{h.online_form or site_url + h.anchor.lstrip('/')}")
        lines.append(f"NOTE:{ical_text(' '.join(note))}")
        lines.append(f"UID:{site_url + h.anchor.lstrip('/')}")
        lines.append("END:VCARD")
        cards.append(content_lines(lines))
    return "".join(cards)
