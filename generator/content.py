"""Load every kind of content through the kind registry, then check what crosses files:
references between files, and one source for every address."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import checkmemo, urls
from .body import check_scan, read_body, source_anchors
from .errors import Location, Problem
from .inventory import Inventory, take_stock
from .kinds.activity import Activity
from .kinds.article import Article
from .kinds.document import Document
from .kinds.base import Loading
from .kinds import common
from .kinds.common import relative, shown_path
from .kinds.feedback import Feedback
from .kinds.hotline import Hotline
from .kinds.organisation import Organisation
from .kinds.plan import Plan
from .kinds.procedure import Procedure
from .kinds.quiz import Quiz
from .kinds.registry import KINDS
from .kinds.series import Episode, Series
from .refs import check_procedure_refs, check_refs
from .i18n import _


@dataclass(frozen=True)
class Corpus:
    """The items of every kind in kinds/registry.py, by the kind's name."""

    plans: list[Plan] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)
    hotlines: list[Hotline] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    organisation: list[Organisation] = field(default_factory=list)  # content/gioi-thieu/co-quan.yml (one file)
    organisation_en: list[Organisation] = field(default_factory=list)  # content/en/organisation.yml (one file)
    quizzes: list[Quiz] = field(default_factory=list)
    search_words: list = field(default_factory=list)  # content/tim-kiem/tu-khoa.yml (one file, optional)
    warnings: list[Problem] = field(default_factory=list, compare=False, repr=False)  # shown, but the portal is built
    inventory: Inventory = field(default_factory=Inventory, compare=False, repr=False)

    def counts(self) -> str:
        """"4 plans, 35 articles, …": every kind of the registry that has items (summary.py)."""
        from .summary import counts

        return counts(self)


def load_corpus(root: Path, plans_dir: Path, docs_dir: Path, skip=()) -> tuple[Corpus, list[Problem]]:
    """Everything the portal is built from, and every problem found in any file (the
    warnings among them are kept apart, in `Corpus.warnings`)."""
    stock, problems = take_stock(root, plans_dir, docs_dir, skip)
    loading = Loading(docs_dir, root)
    warnings: list[Problem] = []
    for kind in KINDS:
        items, found = kind.load(stock.kind_files[kind.name], loading)
        loading.loaded[kind.name] = items
        problems += [p for p in found if not p.warning]
        warnings += [p for p in found if p.warning]
        problems += _check_addresses(kind, items)
    loaded = loading.loaded
    problems += _check_references(loaded, stock, root)
    return Corpus(**loaded, warnings=sorted(warnings), inventory=stock), problems


def _check_addresses(kind, items) -> list[Problem]:
    """No empty slug, and no two files of a kind at one address (both are named)."""
    problems, first = [], {}
    for item in sorted(items, key=lambda i: i.path):  # the first file by name keeps the address
        if not item.slug:
            problems.append(Problem(Location(item.path, 1, 1), "", _("the file name has no letters or digits, so the page would have no address"),
                                    _("rename the file with a few words of its title, e.g. hoi-nghi-cchc.md")))
            continue
        address = kind.address(item)
        other = first.setdefault(address, item)
        if other is not item:
            problems.append(Problem(Location(item.path, 1, 1), "", _("gets the same address {address} as {other}", address=address, other=other.path), _("rename one of the two files")))
    return problems


def _check_references(loaded: dict, stock: Inventory, root: Path) -> list[Problem]:
    """References to plan tasks and procedures, checked against what did load; a reference to
    a file that failed to load points at that file's own errors instead of guessing."""
    plan_files = {urls.slugify(f.stem): shown_path(f, root) for f in stock.kind_files["plans"]}
    broken_plans = {slug: path for slug, path in plan_files.items() if slug not in {p.slug for p in loaded["plans"]}}
    refs = [(f"delivers[{i}]", ref) for a in loaded["articles"] for i, ref in enumerate(a.delivers, 1)]
    refs += [("delivers", s.delivers) for s in loaded["series"] if s.delivers]
    refs += [(f"delivers[{i}]", ref) for a in loaded["activities"] for i, ref in enumerate(a.delivers, 1)]
    refs += [("plan", d.plan) for d in loaded["documents"] if d.plan]
    refs += [("plan", q.plan) for q in loaded["quizzes"] if q.plan]
    problems = check_refs(refs, loaded["plans"], broken_plans)
    mentions = [(f"procedures[{i}]", ref) for a in loaded["articles"] for i, ref in enumerate(a.procedures, 1)]
    mentions += [("procedure", f.procedure) for f in loaded["feedback"] if f.procedure]
    loaded_paths = {p.path for p in loaded["procedures"]}
    broken_procedures = [shown_path(f, root) for f in stock.kind_files["procedures"] if shown_path(f, root) not in loaded_paths]
    problems += check_procedure_refs(mentions, loaded["procedures"], broken_procedures)
    return [Problem(p.where, p.field, p.message, p.hint, follows=True) for p in problems]


def without_dangling_references(corpus: Corpus) -> Corpus:
    """The corpus less the references to plans, tasks and procedures that did not load, so
    that a portal with reported problems can still be assembled and its links checked."""
    tasks = {(p.slug, None) for p in corpus.plans} | {(p.slug, t.no) for p in corpus.plans for t in p.tasks}
    codes = {p.code for p in corpus.procedures}

    def keep(item, **refs):
        return replace(item, **{name: value for name, value in refs.items() if value != getattr(item, name)})

    return replace(
        corpus,
        articles=[keep(a, delivers=tuple(r for r in a.delivers if (r.plan, r.task) in tasks),
                       procedures=tuple(r for r in a.procedures if r.code in codes)) for a in corpus.articles],
        activities=[keep(a, delivers=tuple(r for r in a.delivers if (r.plan, r.task) in tasks)) for a in corpus.activities],
        series=[keep(s, delivers=s.delivers if s.delivers is None or (s.delivers.plan, s.delivers.task) in tasks else None) for s in corpus.series],
        quizzes=[keep(q, plan=q.plan if q.plan is None or (q.plan.plan, q.plan.task) in tasks else None) for q in corpus.quizzes],
        feedback=[keep(f, procedure=f.procedure if f.procedure is None or f.procedure.code in codes else None) for f in corpus.feedback],
        documents=[keep(d, plan=d.plan if d.plan is None or (d.plan.plan, None) in tasks else None) for d in corpus.documents],
    )


def check_site(site, stock: Inventory, root: Path, docs: Path, items_clean: bool = True) -> list[Problem]:
    """One source for every address: officers' pages (kept or moved to their address) and
    assets must not land where the portal writes a page or another file lands (MkDocs
    would drop one of them without a word). `items_clean`: the items' own addresses were
    found unique (otherwise those clashes are reported already, and not again here)."""
    problems = [Problem(Location(shown_path(docs, root), 1, 1), "", _("two pages of the portal would be written to /{address}", address=src),
                        _("two items of the content give the same address; rename one")) for src in site.clashes if items_clean]
    owners: dict[str, str] = {urls.dest_of_src(src): "" for src in site.generated}
    claims = [(src, urls.dest_of(url)) for src, url in sorted(site.moved.items()) if items_clean]
    claims += [(src, urls.dest_of_src(src)) for src in sorted(stock.pages + stock.assets)]
    for src in sorted(stock.pages + stock.assets):
        if ("/" + urls.dest_of_src(src)).startswith(urls.SHARE_CARDS):  # cards are written there after the pages
            problems.append(Problem(Location(shown_path(docs / src, root), 1, 1), "", _("is in {folder}, where the portal puts the pictures shown when a page is shared", folder=urls.SHARE_CARDS),
                                    _("move it to another folder")))
    for src, dest in claims:
        other = owners.setdefault(dest, src)
        if other != src:
            address = "/" + dest.removesuffix("index.html")
            message = (_("gets the same address {address} as {other}", address=address, other=shown_path(docs / other, root)) if other
                       else _("gets the same address {address} as a page the portal makes itself", address=address))
            problems.append(Problem(Location(shown_path(docs / src, root), 1, 1), "", message, _("rename or move this file")))
    return problems


def check_bodies(site, stock: Inventory, root: Path, docs: Path) -> list[Problem]:
    """Links and images in every Markdown body (plain pages and the kinds' pages, drafts
    too), against the files and pages the build will publish; a plain page may not pick
    its own template (a `redirect.html` would send readers anywhere)."""
    pages = {relative(f, docs) for k in KINDS if not k.data for f in stock.kind_files[k.name]}
    known = (set(site.generated) | {urls.src_of(url) for url in site.moved.values()} | set(stock.pages) | set(stock.assets)
             | (pages - site.hidden))
    anchors = source_anchors(docs, partial=set(site.head) | {"index.md"})
    problems = []
    # A body without `#` links to no anchor: its problems depend on its file's bytes, its
    # address and the site's paths only. While previewing (common.REMEMBER: a save changes
    # one file of thousands) they are kept for the next run, only those this run used.
    paths = hashlib.sha256("\0".join(sorted(known) + ["|"] + sorted(site.hidden)).encode()).hexdigest()
    checked = {}
    shown_docs = shown_path(docs, root)
    for src in sorted(pages | set(stock.pages)):
        if not common.REMEMBER:  # a build or a check reads each file once
            problems += _body_problems(src, stock, root, docs, site, known, anchors, shown_docs)[0]
            continue
        key = (src, (docs / src).read_bytes(), src in stock.pages, site.moved.get(src), paths, str(root), str(docs), os.environ.get("CCHC_LANG"))
        found = _CHECKED.get(key)
        if found is None:
            found, alone = _body_problems(src, stock, root, docs, site, known, anchors)
            if not alone:  # `page.md#part`: depends on the other page too
                problems += found
                continue
        checked[key] = found
        problems += found
    _CHECKED.clear()
    if common.REMEMBER:
        _CHECKED.update(checked)
    return problems


def _body_problems(src: str, stock: Inventory, root: Path, docs: Path, site, known: set, anchors, shown_docs: str = "") -> tuple[list[Problem], bool]:
    """One page's body problems, and whether they depend on its file alone (no `#` link
    into another page). `shown_docs`: shown_path(docs, root), known already."""
    shown = (src if shown_docs == "." else f"{shown_docs}/{src}") if shown_docs else shown_path(docs / src, root)
    path = os.path.join(docs, src)
    read = checkmemo.read_body_of(path)  # read with the file's front matter (kinds/common.py)
    if read is None:
        with open(path, "rb") as file:
            read = checkmemo.memo("body", read_body, file.read(), shown, src in stock.pages)
    problems, scan, first_line, alone = read
    if scan is None:
        return problems, alone
    return problems + check_scan(scan, first_line, src, shown, known, page_url=site.moved.get(src), anchors=anchors, unpublished=site.hidden), alone


_CHECKED: dict[tuple, list[Problem]] = {}  # check_bodies' results by file and site paths
