"""The organisation (giới thiệu cơ quan), in Vietnamese and in English.

Nghị định 42/2022/NĐ-CP obliges every portal, communes included, to publish its
organisation, functions and structure, the agency's address, phone and e-mail, and the
name, position, phone and e-mail of its focal-point officials, and the same in English.
Both versions are one data file each with the same fields: content/gioi-thieu/co-quan.yml
(Vietnamese, page /gioi-thieu/co-quan/) and content/en/organisation.yml (English, page
/en/). The law requires updates on change, so the English file's `updated` date must not
be older than the Vietnamese one: `cchc check` warns when it is (a warning, because the
Vietnamese change may be published before its translation is ready).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import urls
from ..errors import Problem
from ..schema import MONTHS, Context, Date, Field, Flag, ListOf, Record, Text
from .base import Kind, Loading
from .common import checked_files
from ..i18n import _
from .hotline import PHONE, Phone, email_hint, email_problem

VI_FOLDER, VI_FILE = "gioi-thieu", "co-quan.yml"
EN_FOLDER, EN_FILE = "en", "organisation.yml"


@dataclass(frozen=True)
class Unit:
    """One part of the organisation's structure (a department, an office)."""

    name: str
    description: str | None = None


@dataclass(frozen=True)
class Official:
    name: str
    position: str
    phone: Phone
    email: str
    locations: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Organisation:
    name: str
    functions: tuple[str, ...]
    structure: tuple[Unit, ...]
    address: str
    phone: Phone
    email: str
    officials: tuple[Official, ...]
    updated: dt.date
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    slug: str = ""
    path: str = ""
    url: str = ""


UNIT = Record([Field("name", Text(), required=True), Field("description", Text())], Unit)
OFFICIAL = Record([
    Field("name", Text(), required=True),
    Field("position", Text(), required=True),
    Field("phone", PHONE, required=True),
    Field("email", Text(), required=True),
], Official, locate=True)
ORGANISATION = Record([
    Field("name", Text(), required=True),
    Field("functions", ListOf(Text()), required=True),
    Field("structure", ListOf(UNIT), required=True),
    Field("address", Text(), required=True),
    Field("phone", PHONE, required=True),
    Field("email", Text(), required=True),
    Field("officials", ListOf(OFFICIAL), required=True),
    Field("updated", Date(), required=True),
    Field("sample", Flag(), default=False),
], Organisation, locate=True)


def _emails(org: Organisation, ctx: Context) -> None:
    found = [(org.locations["email"], "email", org.email)]
    found += [(o.locations["email"], f"officials[{i}].email", o.email) for i, o in enumerate(org.officials, 1)]
    for where, name, email in found:
        message = email_problem(email)
        if message:
            ctx.problems.append(Problem(where, name, message, email_hint()))


def _load(files: list[Path], loading: Loading, url: str) -> tuple[list[Organisation], list[Problem]]:
    items, problems = [], []
    for _, org, _, ctx in checked_files(files, loading.root, ORGANISATION, problems, data=True):
        _emails(org, ctx)
        items.append(replace(org, url=url))
    return items, problems


def load_vietnamese(files: list[Path], loading: Loading) -> tuple[list[Organisation], list[Problem]]:
    return _load(files, loading, urls.ORGANISATION)


def load_english(files: list[Path], loading: Loading) -> tuple[list[Organisation], list[Problem]]:
    """The English version, and a warning when it has fallen behind the Vietnamese one
    (loaded before it: kinds/registry.py)."""
    items, problems = _load(files, loading, urls.ORGANISATION_EN)
    vietnamese = loading.loaded.get(VI_KIND.name) or []
    if vietnamese and not files:
        vi = vietnamese[0]
        problems.append(Problem(
            vi.locations["updated"], "", _("has no English version, which Nghị định 42/2022 requires"),
            _("add {file} with the same fields in English", file=EN_KIND.home), warning=True,
        ))
    for vi in vietnamese:
        for en in items:
            if en.updated < vi.updated:
                problems.append(_stale(en, vi))
    return items, problems


def _stale(en: Organisation, vi: Organisation) -> Problem:
    return Problem(
        en.locations["updated"], "updated",
        _("the English version ({english}) is older than the Vietnamese {file} ({vietnamese})", english=en.updated.isoformat(), file=vi.path, vietnamese=vi.updated.isoformat()),
        _("the law requires the English page to follow every change: translate what changed, then set updated: {date}", date=vi.updated.isoformat()),
        warning=True,
    )


VI_KIND = Kind(
    name="organisation", record=ORGANISATION, folder=VI_FOLDER, patterns=(VI_FILE,), load=load_vietnamese, data=True,
    describe="organisation details", home=f"content/{VI_FOLDER}/{VI_FILE}",
)
EN_KIND = Kind(
    name="organisation_en", record=ORGANISATION, folder=EN_FOLDER, patterns=(EN_FILE,), load=load_english, data=True,
    describe="English organisation details", home=f"content/{EN_FOLDER}/{EN_FILE}",
)


# --- what the pages show ----------------------------------------------------------------------------

LABELS = {
    "vi": dict(
        title="Giới thiệu cơ quan", description="Chức năng, nhiệm vụ, cơ cấu tổ chức, địa chỉ và thông tin liên hệ của cơ quan và cán bộ đầu mối",
        sample="Nội dung mẫu", sample_text="Thông tin này là nội dung mẫu của bản trình diễn, không phải thông tin chính thức; số điện thoại là số mẫu, không gọi được.",
        functions="Chức năng, nhiệm vụ", functions_id="chuc-nang-nhiem-vu", structure="Cơ cấu tổ chức", structure_id="co-cau-to-chuc",
        contact="Địa chỉ liên hệ", contact_id="lien-he", address="Địa chỉ", phone="Điện thoại", email="Thư điện tử",
        officials="Cán bộ đầu mối", officials_id="can-bo-dau-moi", name="Họ và tên", position="Chức vụ",
        dialling="", updated="Cập nhật ngày", missing="Chưa có thông tin giới thiệu cơ quan.",
    ),
    "en": dict(
        title="About us", description="The organisation, its functions and structure, its address and the contact details of its officials",
        sample="Sample content", sample_text="This information is sample content of the demonstration portal, not official information; the phone numbers are samples and cannot be called.",
        functions="Functions and duties", functions_id="functions", structure="Organisational structure", structure_id="structure",
        contact="Contact", contact_id="contact", address="Address", phone="Phone", email="E-mail",
        officials="Contact officials", officials_id="officials", name="Name", position="Position",
        dialling="Phone numbers are written as dialled in Viet Nam; from abroad, dial +84 and leave out the first 0.",
        updated="Last updated", missing="",
    ),
}


def build(site, corpus) -> None:
    """The Vietnamese page always (it is in the navigation), the English one when its data exists."""
    site.page(urls.ORGANISATION, "organisation.md.j2", org=next(iter(corpus.organisation), None), lang="vi", t=LABELS["vi"], months=MONTHS)
    for org in corpus.organisation_en:
        site.page(urls.ORGANISATION_EN, "organisation.md.j2", org=org, lang="en", t=LABELS["en"], months=MONTHS)


def theme_globals(corpus) -> dict:
    """The language link in the footer: to the English page when there is one."""
    return {"cchc_english": urls.ORGANISATION_EN.lstrip("/") if corpus.organisation_en else ""}
