"""Generator tests: the officers' guide (plans/HUONG-DAN.md) stays true to the checker. Every
field of every kind's schema and every code an officer may choose is named in it, its links
within the page lead to its headings, and it sits beside the plans without being taken for one."""
from __future__ import annotations

import re

import pytest

from generator.kinds import activity, article, document, feedback, hotline, organisation, plan, procedure, quiz, series
from generator.schema import Record
from generator.vocab import CHANNELS, NEWS_AREAS, TOPICS

from .conftest import ROOT
from .test_inventory import portal, problems_in

GUIDE = ROOT / "plans" / "HUONG-DAN.md"

RECORDS = {  # what officers write, kind by kind: every field must be in the guide
    "plan": plan.PLAN, "plan section": plan._section, "plan item": plan._item_record, "plan task": plan._task,
    "plan appendix": plan._appendix, "plan approval": plan._approval, "plan source": plan._source, "signer": plan._signer,
    "article": article.ARTICLE, "series": series.SERIES, "episode": series.EPISODE, "activity": activity.ACTIVITY,
    "procedure": procedure.PROCEDURE, "channel": procedure.CHANNEL, "dossier": procedure.DOCUMENT,
    "legal basis": procedure.LEGAL_BASIS, "hotline": hotline.HOTLINE, "hours": hotline.HOURS, "closure": hotline.CLOSURE,
    "published_by": hotline.NOTICE, "feedback": feedback.FEEDBACK, "answer": feedback.ANSWER, "document": document.DOCUMENT,
    "quiz": quiz.QUIZ, "organisation": organisation.ORGANISATION, "official": organisation.OFFICIAL,
}
CODES = {
    "areas": NEWS_AREAS, "activity kind": activity.ACTIVITY_KINDS, "topics": TOPICS, "channels": CHANNELS,
    "document type": document.TYPES, "procedure level": procedure.LEVELS, "online": procedure.ONLINE_NOW,
    "ways": procedure.WAYS, "hotline level": hotline.LEVELS, "days": hotline.DAYS, "plan level": plan.LEVELS,
    "plan type": plan.TYPES, "section kind": dict.fromkeys(plan.SECTION_KINDS), "marker": dict.fromkeys(plan.MARKERS),
}


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def fields(record: Record) -> list[str]:
    return list(record.fields)


@pytest.mark.parametrize("name", list(RECORDS))
def test_every_field_is_explained(name):
    text = guide()
    missing = [f for f in fields(RECORDS[name]) if f"`{f}`" not in text and f"{f}:" not in text]
    assert missing == [], f"{name}: {missing}"


@pytest.mark.parametrize("name", list(CODES))
def test_every_code_an_officer_may_choose_is_listed(name):
    text = guide()
    missing = [code for code in CODES[name] if f"`{code}`" not in text and f'`"{code}"`' not in text]
    assert missing == [], f"{name}: {missing}"


def test_links_within_the_guide_lead_to_its_headings():
    """Anchors as GitHub and VS Code make them: lower case, punctuation dropped, spaces as dashes."""
    text = guide()
    anchors = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and links <= anchors, links - anchors


def test_the_guide_is_notes_beside_the_plans_not_a_plan(tmp_path):
    root = portal(tmp_path, {"plans/HUONG-DAN.md": guide(), "plans/README.md": "# Plans\n", "plans/GHI-CHU.md": "x\n"})
    assert problems_in(root) == [
        "plans/GHI-CHU.md:1:1: is not a plan (plans are read from files ending in .yml or .yaml; other files do not belong in plans/)",
    ]


def test_the_readmes_lead_officers_to_it():
    assert "(plans/HUONG-DAN.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(HUONG-DAN.md)" in (ROOT / "plans" / "README.md").read_text(encoding="utf-8")
