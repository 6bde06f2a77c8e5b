"""Load every kind of content, then check what refers across files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .kinds.activity import Activity, load_activities
from .kinds.article import Article, load_articles
from .kinds.plan import Plan, load_plans
from .kinds.series import Episode, Series, load_series
from .refs import check_refs


@dataclass(frozen=True)
class Corpus:
    plans: list[Plan]
    articles: list[Article]
    series: list[Series]
    episodes: list[Episode]
    activities: list[Activity]

    def counts(self) -> str:
        def n(count, word, plural=None):
            return f"{count} {word if count == 1 else (plural or word + 's')}"

        return (
            f"{n(len(self.plans), 'plan')}, {n(len(self.articles), 'article')}, "
            f"{n(len(self.series), 'programme series', 'programme series')} with {n(len(self.episodes), 'episode')}, "
            f"{n(len(self.activities), 'activity', 'activities')}"
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
    return Corpus(plans, articles, series, episodes, activities), problems
