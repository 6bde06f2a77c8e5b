"""Administrative procedure guides (thủ tục hành chính): Markdown files under
content/thu-tuc/ whose front matter follows Nghị định 63/2010 Điều 8 and the
fields of the National Public Service Portal (dichvucong.gov.vn); the body adds
the officers' guidance (tips, common mistakes).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .. import urls
from ..errors import Problem
from ..i18n import _
from ..refs import ProcedureCode
from ..schema import (
    INVALID, Choice, Context, Date, Either, Field, Flag, Integer, ListOf, Record, Text, TextOrList, WebAddress, is_digits,
    quoted, thousands_dot, web_address_hint, web_address_problem,
)
from .base import Kind, Loading
from .common import checked_files, resolve_asset, relative

PROCEDURES_DIR = "thu-tuc"
MAX_LEAFLET = 6  # QR codes that stay large enough to scan on a one-page A4 leaflet
MAX_COMMON = 6  # "Thủ tục thường gặp" on the home page: what fits a phone's first screen with the other services

LEVELS = {"bo": "Cấp bộ", "tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}
WAYS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}
# Nghị định 42/2022: two online levels. The older mức độ 3/4 (Nghị định 43/2011) are accepted
# and shown as their present equivalent.
ONLINE = {
    "toan_trinh": ("toan_trinh", "Toàn trình"),
    "mot_phan": ("mot_phan", "Một phần"),
    "none": ("none", "Chưa cung cấp trực tuyến"),
    "muc_do_4": ("toan_trinh", "Toàn trình (trước đây: mức độ 4)"),
    "muc_do_3": ("mot_phan", "Một phần (trước đây: mức độ 3)"),
}
ONLINE_NOW = {"toan_trinh": "Toàn trình", "mot_phan": "Một phần", "none": "Chưa cung cấp trực tuyến"}


@dataclass(frozen=True)
class Fee:
    amount: int | None = None  # đồng, when written as a number
    text: str | None = None  # as written, when it needs words ("2.000 đồng/trang")

    def __str__(self) -> str:
        if self.text:
            return self.text
        return "Không mất phí" if self.amount == 0 else f"{self.amount:,}".replace(",", ".") + " đồng"


class FeeType(Text):
    """A fee: a whole number of đồng (0 = free) or the wording as published."""

    @property
    def expects(self) -> str:
        return _("a fee")

    def check(self, node, field, ctx):
        if isinstance(node, yaml.ScalarNode) and node.style is None:
            if is_digits(node.value) and len(node.value) <= 15:
                return Fee(amount=int(node.value))
            if thousands_dot(node.value):
                return ctx.error(node, field, _("YAML reads {value} as a decimal number", value=node.value), _('write the amount in đồng without dots, {whole}, or the wording in quotes: "{value} đồng"', whole=node.value.replace(".", ""), value=node.value))
            if node.tag.rsplit(":", 1)[-1] in ("int", "float"):
                return ctx.error(node, field, _("{value} is not a fee", value=node.value), _('write a whole number of đồng (0 when free) or the wording in quotes: "Miễn lệ phí"'))
        text = super().check(node, field, ctx)
        return text if text is INVALID else Fee(text=text)

    def json_schema(self, child):
        return {"type": ["integer", "string"], "minimum": 0, "minLength": 1}


@dataclass(frozen=True)
class Channel:
    way: str
    time: str
    fee: Fee
    note: str | None = None
    locations: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def label(self) -> str:
        return WAYS[self.way]


@dataclass(frozen=True)
class Document:
    name: str
    originals: int = 0
    copies: int = 0
    show: bool = False  # only shown at the desk, not handed in
    form: str | None = None  # as written: a web address or a file next to the page
    note: str | None = None
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    form_path: str = ""  # a form file resolved in the docs dir

    @property
    def counts(self) -> str:
        parts = []
        if self.originals or self.copies:
            parts.append(f"Bản chính: {self.originals} · Bản sao: {self.copies}")
        if self.show:
            parts.append("Mang bản chính để xuất trình")
        return " · ".join(parts)


@dataclass(frozen=True)
class Step:
    text: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class LegalBasis:
    number: str
    title: str
    date: dt.date | None = None
    issuer: str | None = None


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    level: str
    agency: str
    applicants: tuple[str, ...]
    channels: tuple[Channel, ...]
    dossier: tuple[Document, ...]
    steps: tuple[Step, ...]
    result: tuple[str, ...]
    legal_bases: tuple[LegalBasis, ...]
    online: str
    last_checked: dt.date
    summary: str | None = None
    requirements: tuple[str, ...] = ()
    where: str | None = None
    hours: str | None = None
    online_url: str | None = None
    decision: str | None = None
    leaflet: bool = False  # on the portal's printed leaflet (tờ rơi, generator/posters.py)
    common: int | None = None  # place among the home page's common procedures (1 first), if listed there
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    src: str = ""
    slug: str = ""
    path: str = ""

    @property
    def url(self) -> str:
        return urls.procedure_url(self.slug)

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    @property
    def online_now(self) -> str:
        """toan_trinh, mot_phan or none (legacy levels mapped)."""
        return ONLINE[self.online][0]

    @property
    def online_label(self) -> str:
        return ONLINE[self.online][1]

    @property
    def online_now_label(self) -> str:
        """The present online level alone ("Toàn trình"), where space is short."""
        return ONLINE_NOW[self.online_now]

    @property
    def national_url(self) -> str:
        return urls.national_procedure_url(self.code)

    @property
    def apply_url(self) -> str | None:
        """Where to apply online, when the procedure can be done online."""
        return (self.online_url or self.national_url) if self.online_now != "none" else None

    def channel(self, way: str) -> Channel | None:
        return next((c for c in self.channels if c.way == way), None)

    def stale(self, today: dt.date, days: int = 365) -> bool:
        return (today - self.last_checked).days > days


def _record(cls, *fields: Field) -> Record:
    return Record(list(fields), cls, locate=True)


CHANNEL = _record(
    Channel, Field("way", Choice(WAYS), required=True), Field("time", Text(), required=True),
    Field("fee", FeeType(), required=True), Field("note", Text()),
)
DOCUMENT = _record(
    Document, Field("name", Text(), required=True), Field("originals", Integer(0), default=0), Field("copies", Integer(0), default=0),
    Field("show", Flag(), default=False), Field("form", Text()), Field("note", Text()),
)
STEP = Either(Text(), Record([Field("title", Text(), required=True), Field("text", Text())], Step))  # a plain step, or one with a title
LEGAL_BASIS = Record([
    Field("number", Text(), required=True), Field("title", Text(), required=True), Field("date", Date()), Field("issuer", Text()),
], LegalBasis)

PROCEDURE = Record([
    Field("code", ProcedureCode(), required=True),
    Field("name", Text(), required=True),
    Field("summary", Text()),
    Field("field", Text(), required=True),
    Field("level", Choice(LEVELS), required=True),
    Field("agency", Text(), required=True),
    Field("applicants", TextOrList(), required=True),
    Field("requirements", TextOrList(), default=()),
    Field("channels", ListOf(CHANNEL), required=True),
    Field("dossier", ListOf(DOCUMENT), required=True),
    Field("steps", ListOf(STEP), required=True),
    Field("result", TextOrList(), required=True),
    Field("where", Text()),
    Field("hours", Text()),
    Field("online", Choice({code: label for code, (_, label) in ONLINE.items()}), required=True),
    Field("online_url", WebAddress(secure=True)),
    Field("legal_bases", ListOf(LEGAL_BASIS), required=True),
    Field("decision", Text()),
    Field("last_checked", Date(), required=True),
    Field("leaflet", Flag(), default=False),
    Field("common", Integer()),
    Field("sample", Flag(), default=False),
], Procedure, locate=True)


def _check(procedure: Procedure, docs: Path, ctx: Context) -> Procedure:
    """What the schema alone cannot see: channels against the online level, counts, forms."""
    at = procedure.locations
    seen: dict[str, int] = {}
    for i, channel in enumerate(procedure.channels, 1):
        if channel.way in seen:
            ctx.problems.append(Problem(channel.locations["way"], f"channels[{i}].way", _("{way} is already channels[{number}]", way=quoted(channel.way), number=seen[channel.way]), _("give each way of submitting once")))
        seen.setdefault(channel.way, i)
    online_channel = "truc_tuyen" in seen
    if procedure.online_now == "none" and online_channel:
        ctx.problems.append(Problem(at["online"], "online", _("is none, but channels has a truc_tuyen (online) way"), _("set online: mot_phan or toan_trinh, or remove the online channel")))
    elif procedure.online_now != "none" and not online_channel:
        ctx.problems.append(Problem(at["online"], "online", _("says the procedure is online ({online}), but channels has no truc_tuyen way", online=procedure.online), _("add a channel with way: truc_tuyen, its time and fee")))
    dossier = []
    for i, doc in enumerate(procedure.dossier, 1):
        if not (doc.originals or doc.copies or doc.show):
            ctx.problems.append(Problem(
                doc.locations["name"], f"dossier[{i}]", _("does not say how many papers to bring"),
                _("add originals: 1 (bản chính) and/or copies: 1 (bản sao), or show: true for a paper only shown at the desk"),
            ))
        if doc.form and "://" in doc.form:
            problem = web_address_problem(doc.form)
            if problem:
                ctx.problems.append(Problem(doc.locations["form"], f"dossier[{i}].form", problem, web_address_hint()))
        elif doc.form:
            path = resolve_asset(docs, procedure.src, doc.form)
            if path is None:
                ctx.problems.append(Problem(doc.locations["form"], f"dossier[{i}].form", _("no file {file} next to this page", file=quoted(doc.form)), _("give the form's web address (https://…) or put the file in content/ and give its path relative to this page")))
            else:
                doc = replace(doc, form_path=path)
        dossier.append(doc)
    steps = tuple(Step(text=s) if isinstance(s, str) else s for s in procedure.steps)
    return replace(procedure, dossier=tuple(dossier), steps=steps)


def load_procedures(files: list[Path], loading: Loading) -> tuple[list[Procedure], list[Problem]]:
    procedures, problems = [], []
    for file, procedure, __, ctx in checked_files(files, loading.root, PROCEDURE, problems):
        procedures.append(_check(replace(procedure, src=relative(file, loading.docs)), loading.docs, ctx))
    first: dict[str, Procedure] = {}
    for procedure in procedures:
        other = first.setdefault(procedure.code, procedure)
        if other is not procedure:
            problems.append(Problem(procedure.locations["code"], "code", _("procedure {code} is also described in {other}", code=procedure.code, other=other.path), _("describe each procedure in one file")))
    procedures.sort(key=lambda p: (p.field, p.name, p.code))
    on_leaflet = [p for p in procedures if p.leaflet]
    for extra in on_leaflet[MAX_LEAFLET:]:
        problems.append(Problem(
            extra.locations["leaflet"], "leaflet", _("more than {limit} procedures are on the leaflet", limit=MAX_LEAFLET),
            _("a one-page leaflet has room for {limit}: remove leaflet: true here or from one of {files}", limit=MAX_LEAFLET, files=", ".join(p.path for p in on_leaflet[:MAX_LEAFLET])),
        ))
    for extra in common(procedures)[MAX_COMMON:]:
        problems.append(Problem(
            extra.locations["common"], "common",
            _("more than {count} procedures are listed as common on the home page", count=MAX_COMMON),
            _("a phone's first screen has room for {count}: remove common: here or from one of {others}",
              count=MAX_COMMON, others=", ".join(p.path for p in common(procedures)[:MAX_COMMON])),
        ))
    return procedures, problems


def common(procedures) -> list[Procedure]:
    """The procedures citizens most often come for, in the order their `common:` gives."""
    return sorted((p for p in procedures if p.common is not None), key=lambda p: (p.common, p.name, p.code))


KIND = Kind(
    name="procedures", record=PROCEDURE, folder=PROCEDURES_DIR, patterns=("**/*.md",), load=load_procedures, label="Thủ tục",
    index=urls.PROCEDURES_INDEX, describe="procedure guides", home="content/thu-tuc/ (any subfolder)",
)
