"""Public-service pages: procedure guides (/thu-tuc/), hotlines (/duong-day-nong/)
with their vCard and JSON downloads, published feedback with answers
(/phan-anh/), and the links between them and the news.
"""
from __future__ import annotations

import datetime as dt
import json

from markupsafe import Markup

from . import urls
from .kinds import hotline as hotlines_kind
from .kinds import organisation
from .kinds.procedure import LEVELS, ONLINE_NOW, Procedure, common
from .render import render


def build(site, corpus, articles, today: dt.date, site_url: str) -> None:
    """Add the service pages to `site`; `articles` are the published news, newest first."""
    by_code = {p.code: p for p in corpus.procedures}
    news, feedback = mentions(corpus.procedures, articles, corpus.feedback)
    _procedures(site, corpus.procedures, news, feedback, today, site_url)
    for article in articles:
        if article.procedures and article.src in site.head:
            linked = [by_code[ref.code] for ref in article.procedures]
            site.head[article.src] += "\n" + render("procedure_links.md.j2", procedures=linked, page=article.url)
    site.page(urls.HOTLINES_INDEX, "hotlines.md.j2", groups=hotlines_kind.by_level_and_agency(list(corpus.hotlines)), count=len(corpus.hotlines))
    site.download(urls.HOTLINES_VCARD, hotlines_kind.vcard(list(corpus.hotlines), site_url))
    site.download(urls.HOTLINES_JSON, hotlines_kind.as_json(list(corpus.hotlines), site_url))
    site.page(urls.FEEDBACK_INDEX, "feedback_index.md.j2", items=corpus.feedback, procedures=by_code)
    for item in corpus.feedback:
        site.page(item.url, "feedback.md.j2", origin=item.path, item=item, procedure=by_code.get(item.procedure.code) if item.procedure else None)


def theme_globals(corpus) -> dict:
    """What the theme's own templates show: the pinned hotlines on every page; the services
    on the home page's first screen and on the page for a missing address (404)."""
    block = hotlines_kind.block(list(corpus.hotlines))
    home = {
        "common": [(p.name, p.url.lstrip("/")) for p in common(corpus.procedures)],
        "call": block.hotlines[0] if block.hotlines else None,  # a verified line, never a sample
        "search": urls.SEARCH_PAGE.lstrip("/"),
        "procedures": urls.PROCEDURES_INDEX.lstrip("/"),
        "hotlines": urls.HOTLINES_INDEX.lstrip("/"),
        "feedback": urls.FEEDBACK_INDEX.lstrip("/"),
    }
    return {"cchc_hotlines": block, "cchc_home": home, **organisation.theme_globals(corpus)}


def mentions(procedures, articles, feedback) -> tuple[dict, dict]:
    """Procedure code -> the published articles, and the feedback items, that refer to it."""
    news: dict = {p.code: [] for p in procedures}
    asked: dict = {p.code: [] for p in procedures}
    for article in articles:
        for ref in article.procedures:
            news[ref.code].append(article)
    for item in feedback:
        if item.procedure:
            asked[item.procedure.code].append(item)
    return news, asked


def _procedures(site, procedures, news, feedback, today, site_url) -> None:
    def options(values: dict) -> list[tuple[str, str]]:
        return sorted(values.items(), key=lambda kv: kv[1])

    filters = [
        ("field", "Lĩnh vực", options({urls.slugify(p.field): p.field for p in procedures})),
        ("agency", "Cơ quan thực hiện", options({urls.slugify(p.agency): p.agency for p in procedures})),
        ("level", "Cấp thực hiện", [(k, v) for k, v in LEVELS.items() if any(p.level == k for p in procedures)]),
        ("online", "Dịch vụ công trực tuyến", [(k, v) for k, v in ONLINE_NOW.items() if any(p.online_now == k for p in procedures)]),
    ]
    site.page(urls.PROCEDURES_INDEX, "procedures_index.md.j2", procedures=procedures, filters=filters)
    for procedure in procedures:
        site.moved[procedure.src] = procedure.url  # named by its slug, whatever the file's folder or spelling
        context = dict(p=procedure, page=procedure.url, today=today)
        site.head[procedure.src] = render("procedure_head.md.j2", **context)
        site.foot[procedure.src] = render(
            "procedure_foot.md.j2", news=news[procedure.code], feedback=feedback[procedure.code],
            json_ld=json_ld(procedure, site_url), **context,
        )
        site.updated[procedure.src] = procedure.last_checked


def json_ld(procedure: Procedure, site_url: str) -> Markup:
    """schema.org GovernmentService, safe to put inside a <script> element."""
    page = site_url + procedure.url.lstrip("/")
    channels = []
    for channel in procedure.channels:
        entry = {"@type": "ServiceChannel", "name": channel.label, "description": f"Thời hạn giải quyết: {channel.time}. Phí, lệ phí: {channel.fee}."}
        if channel.way == "truc_tuyen" and procedure.apply_url:
            entry["serviceUrl"] = procedure.apply_url
        channels.append(entry)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "@id": page,
        "url": page,
        "name": procedure.name,
        "identifier": procedure.code,
        "serviceType": procedure.field,
        "provider": {"@type": "GovernmentOrganization", "name": procedure.agency},
        "audience": {"@type": "Audience", "audienceType": "; ".join(procedure.applicants)},
        "availableChannel": channels,
        "sameAs": procedure.national_url,
    }
    if procedure.summary:
        data["description"] = procedure.summary
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
