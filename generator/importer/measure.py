"""How close an imported plan is to a hand-made one: the share of sections, items, tasks and
header fields that match exactly, compared through the plan model (so `"1."`-numbered strings
and `{no: "1.", text: …}` mappings that print the same compare equal).

Used by tests/test_importer_seeds.py and bench/importer.md.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..kinds.plan import Item, Plan, load_plan
from .labels import marker_label

HEADER = (
    "type", "number", "issuer.name", "issuer.level", "place", "date", "title", "period", "attached_to",
    "approval.number", "approval.date", "approval.place", "approval.title", "approval.authority",
)


@dataclass
class Score:
    matched: int
    total: int

    @property
    def share(self) -> float:
        return 1.0 if self.total == 0 else self.matched / self.total

    def __str__(self) -> str:
        return f"{self.matched}/{self.total} ({self.share:.0%})"


@dataclass
class Match:
    header: Score
    sections: Score
    items: Score
    tasks: Score
    signer: Score
    missed: list[str]


def _get(plan: Plan, path: str):
    value = plan
    for part in path.split("."):
        value = getattr(value, part, None) if value is not None else None
    if hasattr(value, "when"):
        return (value.when, value.count, value.unit)
    return value


def _norm(item: Item, marker: str, index: int, label=lambda s: s) -> Item:
    item = replace(item, items=tuple(_norm(s, "-", k, label) for k, s in enumerate(item.items)))
    if item.no and label(item.no) == marker_label(marker, index) and item.text and not (item.title or item.lead or item.items):
        return replace(item, no=None)
    return replace(item, no=label(item.no) if item.no else None)


def _sections(plan: Plan, label) -> list[tuple]:
    out = []

    def walk(sections, path):
        for s in sections:
            here = path + (label(s.no or ""),)
            out.append((here, s))
            walk(s.sections, here)

    walk(plan.sections, ())
    return out


def compare(reference: Plan, imported: Plan, label=lambda s: s) -> Match:
    """`label` maps a printed label to what it stands for (OCR: "I11." -> "III.")."""
    missed: list[str] = []
    fields = [f for f in HEADER if _get(reference, f) is not None]
    header = sum(_get(reference, f) == _get(imported, f) for f in fields)
    missed += [f"header {f}: {_get(imported, f)!r} != {_get(reference, f)!r}" for f in fields if _get(reference, f) != _get(imported, f)]
    ref_sections = _sections(reference, label)
    got_sections = _sections(imported, label)
    got = Counter((p, s.heading, s.text, s.after) for p, s in got_sections)
    sections = 0
    for p, s in ref_sections:
        key = (p, s.heading, s.text, s.after)
        if got[key]:
            got[key] -= 1
            sections += 1
        else:
            missed.append(f"section {'/'.join(p)} {s.heading!r}")
    got_items = Counter()
    for p, s in got_sections:
        for k, item in enumerate(s.items):
            got_items[(p, _norm(item, s.marker, k, label))] += 1
    total_items = items = 0
    for p, s in ref_sections:
        for k, item in enumerate(s.items):
            total_items += 1
            key = (p, _norm(item, s.marker, k, label))
            if got_items[key]:
                got_items[key] -= 1
                items += 1
            else:
                missed.append(f"item {'/'.join(p)}[{k + 1}] {(item.title or item.text or '')[:60]!r}")
    ref_tasks, got_tasks = reference.tasks, imported.tasks
    tasks = sum(1 for a, b in zip(ref_tasks, got_tasks) if a == b)
    missed += [f"task {a.no}" for a, b in zip(ref_tasks, got_tasks) if a != b]
    signers = [(reference.signer, imported.signer)]
    if reference.approval:
        signers.append((reference.approval.signer, imported.approval.signer if imported.approval else None))
    signer = sum(a == b for a, b in signers)
    return Match(Score(header, len(fields)), Score(sections, len(ref_sections)), Score(items, total_items),
                 Score(tasks, len(ref_tasks)), Score(signer, len(signers)), missed)


def load(path: Path) -> tuple[Plan | None, list]:
    return load_plan(path, path.name)
