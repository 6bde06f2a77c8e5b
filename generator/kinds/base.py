"""What a content kind declares once: where its files are, how they are read, where its
pages go. The registry (kinds/registry.py) lists the kinds; everything that cuts across
kinds (finding files, accounting for every file, one source per address, no empty
slug, search labels, nav exclusion) runs over that one list."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class Loading:
    """What a kind's loader gets besides its files."""

    docs: Path  # the docs dir (content/)
    root: Path  # the project, for the paths shown in messages
    loaded: dict = field(default_factory=dict)  # kind name -> items, for kinds loaded earlier


@dataclass(frozen=True)
class Kind:
    name: str  # the Corpus attribute that holds its items, e.g. "articles"
    folder: str  # under content/ ("tin-tuc"), or under plans/ when `in_plans`
    patterns: tuple[str, ...]  # the kind's files, relative to the folder (see `matches`)
    load: Callable[[list[Path], Loading], tuple[list, list]]  # files -> (items, problems)
    label: str = ""  # what search calls its pages ("Tin tức"); "" for none
    index: str = ""  # the URL of its listing; its pages' addresses start with it
    data: bool = False  # YAML read by the generator, never published as a file
    in_plans: bool = False  # read from plans/ rather than content/
    in_nav: bool = False  # its pages are reached from listings, never from the navigation
    describe: str = ""  # how its files are named in messages ("news articles")
    home: str = ""  # where its files go, as messages tell officers ("content/tin-tuc/ (any subfolder)")
    address: Callable[[object], str] = lambda item: item.url  # the one place an item is published
    record: object = None  # the schema.Record each file (its front matter, or the YAML data) is checked against

    def owns(self, rel: str) -> bool:
        """Whether a file at `rel` (relative to the kind's folder) is one of the kind's files."""
        return any(matches(rel, pattern) for pattern in self.patterns)


def matches(rel: str, pattern: str) -> bool:
    """`*.md` matches files in the folder itself, `**/*.md` at any depth, `*/series.yml`
    one folder down; each `*` stays within one path segment."""
    parts = rel.split("/")
    if pattern.startswith("**/"):
        return fnmatch.fnmatchcase(parts[-1], pattern[3:])
    wanted = pattern.split("/")
    if wanted[-1].startswith("**"):
        return False  # pragma: no cover - not a pattern we use
    if "**" in wanted:
        at = wanted.index("**")
        head, tail = wanted[:at], wanted[at + 1:]
        return (len(parts) >= len(head) + len(tail)
                and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, head))
                and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts[len(parts) - len(tail):], tail)))
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted))
