"""Every content kind, in the order they are loaded (a kind may use those before it:
episodes need their series). A new kind is one module with its `KIND` plus its
templates, and one line here."""
from __future__ import annotations

from . import activity, article, document, feedback, hotline, organisation, plan, procedure, quiz, search_words, series

KINDS = (
    plan.KIND,
    article.KIND,
    series.SERIES_KIND,
    series.EPISODES_KIND,
    activity.KIND,
    procedure.KIND,
    hotline.KIND,
    feedback.KIND,
    document.KIND,
    organisation.VI_KIND,
    organisation.EN_KIND,  # after the Vietnamese version, which it is compared with
    quiz.KIND,
    search_words.KIND,
)
