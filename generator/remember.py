"""The preview's memory of rendered templates.

`cchc serve` assembles the whole site again after every save (pages.assemble), but a save
changes one file: almost every listing, plan page and article header comes out as it did
the build before. While previewing (the plugin turns REMEMBER on), `render.render` asks
this memory first: a template rendered with EQUAL context values gives the same text (the
templates read nothing but their context, the environment's globals, which are compared
at the start of each build, and pure filters), so the text of the build before is taken
again.

Equal, not the same object: each build loads its items again. A context value is turned
into a frozen copy (nested `_Frozen` tuples, once per build and object: the news groupings
and the plans are passed to hundreds of renders) that is equal exactly when the values are
equal and a template would see them alike: every field of a dataclass (but those left out
of its equality: positions for messages), the type of every
scalar (1, 1.0 and True, or "x" and Markup("x"), render differently), the order of every
dict and set. Frozen copies are shared (hash-consed): an equal copy made in this build or the
one before is taken instead, so keys compare by identity. A value of a kind
this module does not know (an object compared by identity) makes the render run as usual:
nothing is taken that might differ. A value given to a template is not changed later in
the same build (the site's pages are assembled from finished groupings), so it is frozen
once.

Only the last build's texts and copies are kept (each build keeps those it used), so
memory stays that of one site.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from functools import lru_cache
from typing import Callable

REMEMBER = False  # set by the plugin while previewing (`cchc serve`); a build keeps nothing


class _Unknown(Exception):
    """A value whose equality this module cannot vouch for."""


class _Frozen(tuple):
    """A frozen copy: a tuple of frozen copies and leaves. There is one copy of each value
    (Memory._shared), so copies compare and hash by identity, as fast as C can: the news
    groupings are part of hundreds of keys."""
    __hash__ = object.__hash__
    __eq__ = object.__eq__
    __ne__ = object.__ne__


class Memory:
    def __init__(self):
        self.texts: dict[tuple, str] = {}  # key -> text, used in this build
        self.older: dict[tuple, str] = {}  # the build before's
        self.shared: dict[tuple, tuple] = {}  # frozen copy -> the one copy of it, this build
        self.older_shared: dict[tuple, tuple] = {}
        self.seen: dict[int, tuple] = {}  # id -> (value, frozen copy), this build
        self.setting: object = None  # the templates' globals of the last build
        self.hits = self.misses = 0

    def new_build(self, setting: object = None) -> None:
        """A build starts: keep what the last one used, forget the rest; forget all when
        `setting` (what templates read besides their context) is not what it was."""
        if setting != self.setting:
            self.texts, self.shared = {}, {}
        self.setting = setting
        self.older, self.texts = self.texts, {}
        self.older_shared, self.shared = self.shared, {}
        self.seen.clear()
        self.hits = self.misses = 0

    def render(self, template: str, context: dict, make: Callable[[], str]) -> str:
        try:
            key = (template, *((name, self._freeze(value)) for name, value in sorted(context.items())))
        except (_Unknown, RecursionError):  # RecursionError: a value that contains itself
            return make()
        text = self.texts.get(key)
        if text is None:
            text = self.older.pop(key, None)
            if text is None:
                self.misses += 1
                text = make()
            else:
                self.hits += 1
            self.texts[key] = text
        else:
            self.hits += 1
        return text

    def _freeze(self, value) -> object:
        """A frozen copy of `value`, equal to another exactly when the values are."""
        kind = type(value)
        if kind is str:
            return (str, value)
        if kind in _LEAVES:
            return _leaf(value)
        known = self.seen.get(id(value))
        if known is not None:
            return known[1]
        freeze = self._freeze
        if isinstance(value, (tuple, list, set, frozenset)):  # sets in the order a template sees them
            parts = (kind, *[(str, v) if type(v) is str else freeze(v) for v in value])
        elif isinstance(value, dict):
            parts = (kind, *[freeze(k) for k in value], *[(str, v) if type(v) is str else freeze(v) for v in value.values()])
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = (kind, *[(str, v) if type(v) is str else freeze(v) for v in map(value.__getattribute__, _field_names(kind))])
        elif isinstance(value, (str, int, float, dt.date, dt.time, dt.timedelta, Enum)):  # a subclass (Markup)
            parts = _leaf(value)
        else:
            raise _Unknown(type(value).__name__)
        frozen = self._shared(parts)
        self.seen[id(value)] = (value, frozen)  # the value is held, so its id is not reused this build
        return frozen

    def _shared(self, parts: tuple) -> _Frozen:
        """The one frozen copy equal to `parts`: its parts are shared copies already, so
        comparing two candidates compares their parts by identity."""
        frozen = self.shared.get(parts)
        if frozen is None:
            frozen = self.older_shared.pop(parts, None) or _Frozen(parts)
            self.shared[parts] = frozen
        return frozen


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields that make a dataclass's value: not those it leaves out of its equality
    (`compare=False`: an item's places in its file, for messages, or its YAML source),
    which no template shows."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.compare)


def _leaf(value) -> tuple:
    if isinstance(value, (dt.date, dt.time)):  # equal instants in two time zones print differently
        return (type(value), value.isoformat())
    if isinstance(value, float):  # 0.0 and -0.0
        return (float, repr(value))
    return (type(value), value)


_LEAVES = {str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, dt.timedelta}


MEMORY = Memory()
