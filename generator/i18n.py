"""The language of every message an officer reads: Vietnamese by default, English for developers.

Code writes each message once, in English, as a gettext msgid with named fields:

    _("{value} is not a time range", value=quoted(text))
    _n("has {count} choice", "has {count} choices", count, count=count)

The Vietnamese text lives in the catalogue `generator/locale/vi/LC_MESSAGES/cchc.po`, read with
Babel (installed with the theme). Fields are filled in after the lookup, so a msgid is never an
f-string and never holds a value from the content. `--lang en` or `CCHC_LANG=en` shows the msgids
themselves. `tests/test_i18n.py` extracts every msgid from the code with Babel's extractor and
asserts the catalogue translates each one.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
ENV = "CCHC_LANG"
CATALOGUE_DIR = Path(__file__).parent / "locale" / "vi" / "LC_MESSAGES"
CATALOGUE = CATALOGUE_DIR / "cchc.po"


def language() -> str:
    """The language asked for (`CCHC_LANG`, set from `--lang` by the command), else Vietnamese."""
    lang = os.environ.get(ENV, "").strip().lower()
    return lang if lang in LANGUAGES else DEFAULT


def set_language(lang: str) -> None:
    """Choose the language for this process and the build processes it starts."""
    os.environ[ENV] = lang


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, str | tuple[str, ...]]:
    """msgid (or (singular, plural)) -> Vietnamese text, from the catalogue."""
    from babel.messages.pofile import read_po

    table: dict = {}
    for path in (CATALOGUE,):
        with path.open("rb") as handle:
            for message in read_po(handle, locale="vi"):
                if message.id and message.string and not message.fuzzy:
                    table[message.id] = message.string
    return table


def _(msgid: str, /, **fields: object) -> str:
    """The message in the chosen language, its `{fields}` filled in."""
    text = msgid
    if language() == "vi":
        found = catalogue().get(msgid)
        text = found if isinstance(found, str) and found else msgid
    return text.format(**fields) if fields else text


def _n(singular: str, plural: str, count: int, /, **fields: object) -> str:
    """A message whose English wording depends on a count (Vietnamese has one form)."""
    if language() == "vi":
        found = catalogue().get((singular, plural))
        if isinstance(found, (tuple, list)) and found and found[0]:
            return found[0].format(**fields)
    return (singular if count == 1 else plural).format(**fields)
