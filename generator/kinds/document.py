"""Legal documents (văn bản): one Markdown file per document under content/van-ban/, its
front matter the fields of the document's header (number and symbol, type, issuer, dates,
abstract), a file to download and, for a plan, the plan it is; the body holds optional
notes. Nghị định 42/2022 asks every portal to publish the documents it works by; the
seed plans are listed with them (`listed`), each under its own page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import urls
from ..errors import Problem
from ..refs import TaskRef
from ..i18n import _
from ..schema import INVALID, Choice, Context, Date, Field, Flag, Record, Text, quoted, web_address_hint, web_address_problem
from ..text import compare_key
from .base import Kind, Loading
from .common import checked_files, resolve_asset, relative
from .plan import Plan, number_problem

DOCUMENTS_DIR = "van-ban"

# The document types of Nghị định 30/2020 (văn thư) and the Law on legal normative documents.
TYPES = {
    "luat": "Luật",
    "nghi_quyet": "Nghị quyết",
    "nghi_dinh": "Nghị định",
    "quyet_dinh": "Quyết định",
    "chi_thi": "Chỉ thị",
    "thong_tu": "Thông tư",
    "ke_hoach": "Kế hoạch",
    "de_an": "Đề án",
    "chuong_trinh": "Chương trình",
    "huong_dan": "Hướng dẫn",
    "cong_van": "Công văn",
    "thong_bao": "Thông báo",
    "bao_cao": "Báo cáo",
}


# What a document's `file:` may be: the files the portal publishes as documents.
FILE_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".ppt", ".pptx", ".txt", ".csv")

@dataclass(frozen=True)
class Document:
    number: str  # number and symbol, "15/KH-UBND"
    type: str  # a key of TYPES
    issuer: str
    date: dt.date  # ngày ban hành
    abstract: str  # trích yếu
    effective: dt.date | None = None  # ngày hiệu lực
    file: str | None = None  # as written: a file next to the page, or an https address
    plan: TaskRef | None = None  # the plan in plans/ this document is (a whole plan: task None)
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    src: str = ""  # path in the docs dir; "" for a plan listed as a document
    slug: str = ""
    path: str = ""  # as shown in messages
    file_path: str = ""  # `file` resolved in the docs dir (a plan's YAML for a plan)

    @property
    def type_label(self) -> str:
        return TYPES[self.type]

    @property
    def url(self) -> str:
        """The document's page: its own, or its plan's page when it is a plan without a file here."""
        return urls.document_url(self.slug) if self.src else urls.plan_url(self.plan.plan)

    @property
    def plan_url(self) -> str | None:
        return urls.plan_url(self.plan.plan) if self.plan else None

    @property
    def download(self) -> str | None:
        """The file's address: a site URL ("/van-ban/x.pdf") or the https address as written."""
        return "/" + self.file_path if self.file_path else self.file

    @property
    def key(self) -> tuple[str, str]:
        """Two entries with this key are one document."""
        return self.number, compare_key(self.issuer)


class PlanRefType(Text):
    """A plan named by its file in plans/, without .yml: "2021-tp-soc-trang-15"."""

    @property
    def expects(self) -> str:
        return _('a plan file name such as "2021-tp-soc-trang-15"')

    def check(self, node, field, ctx):
        text = super().check(node, field, ctx)
        if text is INVALID:
            return INVALID
        if "#" in text:
            return ctx.error(node, field, _("{value} names a task", value=quoted(text)), _("a document is a whole plan: write {plan}", plan=quoted(text.partition('#')[0].strip())))
        return TaskRef(text.strip().removesuffix(".yml"), None, ctx.where(node))

    def json_schema(self, child):
        return {"type": "string", "pattern": "^[^#]+$"}


DOCUMENT = Record([
    Field("number", Text(), required=True),
    Field("type", Choice(TYPES), required=True),
    Field("issuer", Text(), required=True),
    Field("date", Date(), required=True),
    Field("effective", Date()),
    Field("abstract", Text(), required=True),
    Field("file", Text()),
    Field("plan", PlanRefType()),
    Field("sample", Flag(), default=False),
], Document, locate=True)



def file_hint() -> str:
    return _("give the file's path relative to this page (put it in content/, e.g. next to it) or its https:// address")


def _check(document: Document, docs: Path, ctx: Context) -> Document:
    at = document.locations
    wrong = number_problem(document.number)
    if wrong:
        ctx.problems.append(Problem(at["number"], "number", *wrong))
    if document.effective and document.effective < document.date:
        ctx.problems.append(Problem(
            at["effective"], "effective", _("{effective} is before the date of issue {date}", effective=document.effective.isoformat(), date=document.date.isoformat()),
            _("a document takes effect on or after the day it is issued: check both dates"),
        ))
    if document.file and "://" in document.file:
        problem = web_address_problem(document.file, secure=True)
        if problem:
            ctx.problems.append(Problem(at["file"], "file", problem, web_address_hint()))
    elif document.file:
        path = resolve_asset(docs, document.src, document.file)
        if path is not None and not path.lower().endswith(FILE_SUFFIXES):
            ctx.problems.append(Problem(at["file"], "file", _("{file} is not a document file", file=quoted(document.file)),
                                        _("give the signed document as {suffixes}, or its https:// address", suffixes=", ".join(FILE_SUFFIXES))))
        elif path is None:
            ctx.problems.append(Problem(at["file"], "file", _("no file {file} next to this page", file=quoted(document.file)), file_hint()))
        else:
            document = replace(document, file_path=path)
    return document


def load_documents(files: list[Path], loading: Loading) -> tuple[list[Document], list[Problem]]:
    documents, problems = [], []
    for file, document, __, ctx in checked_files(files, loading.root, DOCUMENT, problems):
        documents.append(_check(replace(document, src=relative(file, loading.docs)), loading.docs, ctx))
    first: dict[tuple, Document] = {}
    for document in sorted(documents, key=lambda d: d.path):
        other = first.setdefault(document.key, document)
        if other is not document:
            problems.append(Problem(document.locations["number"], "number", _("{number} of {issuer} is also in {other}", number=document.number, issuer=document.issuer, other=other.path),
                                    _("keep each document in one file")))
    return documents, problems


def from_plan(plan: Plan) -> Document | None:
    """A plan as the document it is: a Kế hoạch by its number, an Đề án by the Quyết định
    that approved it (or its own number); its YAML is the file, its page the document's."""
    approval = plan.approval if plan.approval and (plan.type == "de_an" or not plan.number) else None
    number = approval.number if approval else plan.number
    if number is None:
        return None
    return Document(
        number=number, type="quyet_dinh" if approval else plan.type, issuer=plan.issuer.name,
        date=approval.date if approval else plan.date, abstract=approval.title if approval else plan.title,
        plan=TaskRef(plan.slug, None, None), slug=plan.slug, path=plan.path, file_path=urls.plan_source(plan.slug),
    )


def listed(documents: list[Document], plans: list[Plan]) -> list[Document]:
    """Every document, newest first: the files, and every plan that no file describes (same
    number and issuer). A file that is a plan links to it even without `plan:`."""
    as_documents = [d for d in (from_plan(p) for p in plans) if d is not None]
    plans_by_key = {d.key: d.plan for d in as_documents}
    files = [d if d.plan else replace(d, plan=plans_by_key.get(d.key)) for d in documents]
    described_keys = {d.key for d in files}
    described_plans = {d.plan.plan for d in files if d.plan}
    entries = files + [d for d in as_documents if d.key not in described_keys and d.plan.plan not in described_plans]
    return sorted(entries, key=lambda d: (-d.date.toordinal(), d.number, d.slug))


KIND = Kind(
    name="documents", record=DOCUMENT, folder=DOCUMENTS_DIR, patterns=("**/*.md",), load=load_documents, label="Văn bản",
    index=urls.DOCUMENTS_INDEX, describe="legal documents", home="content/van-ban/ (any subfolder)",
)
