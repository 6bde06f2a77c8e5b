"""What `cchc check` says after its verdict: how much of each kind it read, what is scheduled
for later (with its date) and what is a draft, so an officer tells "scheduled" from "lost".

A kind's items are counted from the corpus by the kind registry, so a new kind is counted
without an edit here (its phrase falls back to its name until it gets one of its own).
Whether an item is a draft or waits for its date is read from the item itself (`draft`,
`is_published`, `published_at`/`date`), as the build decides it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import short_date
from .i18n import _, _n
from .inventory import kind_words
from .kinds.registry import KINDS


def _counted(name: str, count: int) -> str | None:
    """"12 articles" for a kind known here, else None."""
    phrases = {
        "plans": lambda: _n("{count} plan", "{count} plans", count, count=count),
        "articles": lambda: _n("{count} article", "{count} articles", count, count=count),
        "series": lambda: _n("{count} programme series", "{count} programme series", count, count=count),
        "episodes": lambda: _n("{count} episode", "{count} episodes", count, count=count),
        "activities": lambda: _n("{count} activity", "{count} activities", count, count=count),
        "procedures": lambda: _n("{count} procedure", "{count} procedures", count, count=count),
        "hotlines": lambda: _n("{count} hotline", "{count} hotlines", count, count=count),
        "feedback": lambda: _n("{count} feedback item", "{count} feedback items", count, count=count),
        "documents": lambda: _n("{count} legal document", "{count} legal documents", count, count=count),
        "organisation": lambda: _n("{count} organisation page", "{count} organisation pages", count, count=count),
        "organisation_en": lambda: _n("{count} English organisation page", "{count} English organisation pages", count, count=count),
        "quizzes": lambda: _n("{count} quiz", "{count} quizzes", count, count=count),
        "search_words": lambda: _n("{count} search words file", "{count} search words files", count, count=count),
    }
    phrase = phrases.get(name)
    return phrase() if phrase else None


def counts(corpus) -> str:
    """Every kind of the registry that has items, in load order: "4 plans, 35 articles, …"."""
    parts = []
    for kind in KINDS:
        count = len(getattr(corpus, kind.name, ()) or ())
        if count:
            parts.append(_counted(kind.name, count) or _("{count} {kinds}", count=count, kinds=kind_words(kind)))
    return ", ".join(parts) if parts else _("no content")


@dataclass(frozen=True)
class Waiting:
    path: str  # the file, as shown in messages
    when: dt.datetime | None  # when it is published; None for a draft


def waiting(corpus, today: dt.date) -> tuple[list[Waiting], list[Waiting]]:
    """(scheduled, drafts): items the publishing build leaves out, each with its file."""
    scheduled, drafts = [], []
    for kind in KINDS:
        for item in getattr(corpus, kind.name, ()) or ():
            if getattr(item, "draft", False):
                drafts.append(Waiting(item.path, None))
            elif hasattr(item, "is_published") and not item.is_published(today):
                when = getattr(item, "published_at", None) or item.date
                scheduled.append(Waiting(item.path, when))
    scheduled.sort(key=lambda w: (w.when, w.path))
    drafts.sort(key=lambda w: w.path)
    return scheduled, drafts


def _when(moment: dt.datetime | dt.date) -> str:
    """"01/12/2026", with the time of day when one is given ("01/12/2026 08:30")."""
    if isinstance(moment, dt.datetime) and (moment.hour or moment.minute):
        return f"{short_date(moment.date())} {moment:%H:%M}"
    return short_date(moment.date() if isinstance(moment, dt.datetime) else moment)


def report(corpus, today: dt.date) -> str:
    """The lines after the verdict on what is not on the site yet ("" when everything is)."""
    scheduled, drafts = waiting(corpus, today)
    lines = []
    if scheduled:
        lines.append(_n("{count} item is scheduled for later; it is published on its date:",
                        "{count} items are scheduled for later; each is published on its date:", len(scheduled), count=len(scheduled)))
        lines += ["  " + _("{file}: on {date}", file=w.path, date=_when(w.when)) for w in scheduled]
    if drafts:
        lines.append(_n("{count} draft, not published until you remove `draft: true`:",
                        "{count} drafts, not published until you remove `draft: true`:", len(drafts), count=len(drafts)))
        lines += ["  " + w.path for w in drafts]
    return "\n".join(lines)
