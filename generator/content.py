"""Load every kind of content, then check what refers across files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .kinds.activity import Activity, load_activities
from .kinds.article import Article, load_articles
from .kinds.feedback import FEEDBACK_DIR, Feedback, load_feedback
from .kinds.hotline import HOTLINES_DIR, Hotline, load_hotlines
from .kinds.plan import Plan, load_plans
from .kinds.procedure import Procedure, load_procedures
from .kinds.series import Episode, Series, is_series_data, load_series
from .refs import check_procedure_refs, check_refs


@dataclass(frozen=True)
class Corpus:
    plans: list[Plan]
    articles: list[Article]
    series: list[Series]
    episodes: list[Episode]
    activities: list[Activity]
    procedures: tuple[Procedure, ...] = ()
    hotlines: tuple[Hotline, ...] = ()
    feedback: tuple[Feedback, ...] = ()

    def counts(self) -> str:
        def n(count, word, plural=None):
            return f"{count} {word if count == 1 else (plural or word + 's')}"

        return (
            f"{n(len(self.plans), 'plan')}, {n(len(self.articles), 'article')}, "
            f"{n(len(self.series), 'programme series', 'programme series')} with {n(len(self.episodes), 'episode')}, "
            f"{n(len(self.activities), 'activity', 'activities')}, {n(len(self.procedures), 'procedure')}, "
            f"{n(len(self.hotlines), 'hotline')}, {n(len(self.feedback), 'feedback item')}"
        )


def load_corpus(root: Path, plans_dir: Path, docs_dir: Path) -> tuple[Corpus, list[Problem]]:
    """Everything the portal is built from, and every problem found in any file."""
    plans, problems = load_plans(plans_dir, root)
    articles, found = load_articles(docs_dir, root)
    problems += found
    series, episodes, found = load_series(docs_dir, root)
    problems += found
    activities, found = load_activities(docs_dir, root)
    problems += found
    refs = [(f"delivers[{i}]", ref) for a in articles for i, ref in enumerate(a.delivers, 1)]
    refs += [("delivers", s.delivers) for s in series if s.delivers]
    refs += [(f"delivers[{i}]", ref) for a in activities for i, ref in enumerate(a.delivers, 1)]
    problems += check_refs(refs, plans)
    procedures, found = load_procedures(docs_dir, root)
    problems += found
    hotlines, found = load_hotlines(docs_dir, root)
    problems += found
    feedback, found = load_feedback(docs_dir, root)
    problems += found
    mentions = [(f"procedures[{i}]", ref) for a in articles for i, ref in enumerate(a.procedures, 1)]
    mentions += [("procedure", f.procedure) for f in feedback if f.procedure]
    problems += check_procedure_refs(mentions, procedures)
    return Corpus(plans, articles, series, episodes, activities, procedures=tuple(procedures), hotlines=tuple(hotlines), feedback=tuple(feedback)), problems


def is_data_file(src_uri: str) -> bool:
    """YAML files in content/ that are data for the generator, not files to publish."""
    folder = src_uri.partition("/")[0]
    return is_series_data(src_uri) or (folder in (HOTLINES_DIR, FEEDBACK_DIR) and src_uri.endswith(".yml"))
