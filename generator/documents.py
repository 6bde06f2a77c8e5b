"""The legal documents' pages: /van-ban/ lists every document (the files of
content/van-ban/ and the plans, see kinds/document.py `listed`) with filters by year,
type and issuer; each file gets its page, its head made here and its notes below."""
from __future__ import annotations

from . import urls
from .kinds.document import TYPES, listed
from .render import render


def build(site, corpus) -> None:
    entries = listed(corpus.documents, corpus.plans)
    site.page(urls.DOCUMENTS_INDEX, "documents_index.md.j2", documents=entries, filters=filters(entries))
    matched = {e.src: e for e in entries if e.src}  # the files, each with the plan it was matched to
    for document in corpus.documents:
        entry = matched[document.src]
        site.moved[document.src] = document.url  # named by its slug, whatever the file's folder
        site.head[document.src] = render("document_head.md.j2", d=entry, page=document.url)
        site.foot[document.src] = ""
        site.updated[document.src] = document.date


def filters(entries) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(key, label, [(value, text)]) of each filter, with only the values some document has."""
    years = sorted({d.date.year for d in entries}, reverse=True)
    issuers = {urls.slugify(d.issuer): d.issuer for d in entries}
    return [
        ("year", "Năm ban hành", [(str(y), str(y)) for y in years]),
        ("type", "Loại văn bản", [(k, v) for k, v in TYPES.items() if any(d.type == k for d in entries)]),
        ("issuer", "Cơ quan ban hành", sorted(issuers.items(), key=lambda kv: kv[1])),
    ]
