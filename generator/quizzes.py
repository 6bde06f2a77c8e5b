"""Quiz pages (hội thi tìm hiểu): the list, and for each quiz its self-check page, a printable
question sheet (no answers) and the answer key, for contests run on paper."""
from __future__ import annotations

from urllib.parse import urlsplit

from . import urls


def build(site, corpus) -> None:
    """Add the quiz pages to `site`."""
    plans = site.plans(corpus)  # an ancestor's plan not published here too (cascade.unit_plans)
    sources = source_labels(corpus)
    site.page(urls.QUIZ_INDEX, "quizzes_index.md.j2", quizzes=corpus.quizzes)
    for quiz in corpus.quizzes:
        plan = plans.get(quiz.plan.plan) if quiz.plan else None
        site.page(quiz.url, "quiz.md.j2", origin=quiz.path, quiz=quiz, plan=plan, sources=sources)
        site.page(quiz.sheet_url, "quiz_sheet.md.j2", origin=quiz.path, quiz=quiz)
        site.page(quiz.key_url, "quiz_key.md.j2", origin=quiz.path, quiz=quiz, sources=sources)


def source_labels(corpus) -> dict[str, str]:
    """What a question's source link says: the page's title where the portal knows it
    (plans, procedures, the hotlines), else the address as written, or another site's name."""
    titles = {urls.plan_url(p.slug): p.title for p in corpus.plans}
    titles |= {p.url: p.name for p in corpus.procedures}
    titles[urls.HOTLINES_INDEX] = "Đường dây nóng"
    labels = {}
    for quiz in corpus.quizzes:
        for q in quiz.questions:
            if q.external:
                labels[q.source] = urlsplit(q.source).hostname or q.source
            else:
                labels[q.source] = titles.get(q.source.partition("#")[0], q.source)
    return labels
