"""Programme series (chuyên mục) and their episodes.

A series is content/chuong-trinh/<slug>/series.yml; its episodes are the
Markdown files beside it. Media files live in content/ too, so the site never
asks another host for them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from .. import urls
from ..dates import TIMEZONE
from ..errors import Location, Problem
from ..i18n import _
from ..refs import TaskRef, TaskRefType
from ..schema import Choice, Context, DateTime, Field, Flag, Record, Text, quoted, web_address_hint, web_address_problem
from ..timeframe import Timeframe, TimeframeType
from ..vocab import CHANNELS
from .base import Kind, Loading
from .common import IMAGE, Image, check_image, checked_files, resolve_asset, shown_path

SERIES_DIR = "chuong-trinh"
SERIES_FILE = "series.yml"
MEDIA_TYPES = {
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav",
    ".mp4": "video/mp4", ".webm": "video/webm",
}


@dataclass(frozen=True)
class Series:
    name: str
    channel: str
    agency: str
    cadence: Timeframe
    period: Timeframe
    delivers: TaskRef | None = None
    description: str | None = None
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    slug: str = ""
    path: str = ""

    @property
    def channel_label(self) -> str:
        return CHANNELS[self.channel]

    @property
    def url(self) -> str:
        return urls.series_url(self.slug)

    def years(self) -> list[int]:
        start, end = self.period.span()
        return list(range(start.year, end.year + 1))


@dataclass(frozen=True)
class Media:
    kind: str  # audio | video
    site_path: str
    type: str
    length: int  # bytes, for podcast enclosures


@dataclass(frozen=True)
class Episode:
    title: str
    date: dt.datetime
    summary: str
    audio: str | None = None
    video: str | None = None
    link: str | None = None
    duration: str | None = None
    image: Image | None = None
    draft: bool = False
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    series: str = ""
    src: str = ""
    slug: str = ""
    path: str = ""
    media: Media | None = None

    def is_published(self, today: dt.date, drafts: bool = False) -> bool:
        return (drafts or not self.draft) and self.date.date() <= today

    @property
    def url(self) -> str:
        return urls.episode_url(self.series, self.date, self.slug)


SERIES = Record([
    Field("name", Text(), required=True),
    Field("channel", Choice(CHANNELS), required=True),
    Field("agency", Text(), required=True),
    Field("cadence", TimeframeType(), required=True),
    Field("period", TimeframeType(), required=True),
    Field("delivers", TaskRefType()),
    Field("description", Text()),
    Field("sample", Flag(), default=False),
], Series, locate=True)

EPISODE = Record([
    Field("title", Text(), required=True),
    Field("date", DateTime(TIMEZONE), required=True),
    Field("summary", Text(), required=True),
    Field("audio", Text()),
    Field("video", Text()),
    Field("link", Text()),
    Field("duration", Text()),
    Field("image", IMAGE),
    Field("draft", Flag(), default=False),
    Field("sample", Flag(), default=False),
], Episode, locate=True)


def _check_series(series: Series, ctx: Context) -> None:
    at = series.locations
    if not series.cadence.recurring:
        ctx.problems.append(Problem(at["cadence"], "cadence", _("must say how often the series airs"), _("write e.g. monthly, or {when: monthly, count: 1}")))
    if not series.period.bounded or None in series.period.span():
        ctx.problems.append(Problem(at["period"], "period", _("must say which years the series covers"), _("write e.g. 2021 or 2021..2025")))


def _attach_media(episode: Episode, docs: Path, ctx: Context) -> Episode:
    given = [key for key in ("audio", "video", "link") if getattr(episode, key)]
    where = episode.locations
    if len(given) != 1:
        ctx.problems.append(Problem(
            where.get(given[1]) if len(given) > 1 else Location(episode.path, 1, 1), "audio",
            _("an episode needs exactly one of audio, video or link, found {given}", given=", ".join(given)) if given
            else _("an episode needs exactly one of audio, video or link"),
            _("give the recording's file with audio: or video:, or a link: to where it can be heard"),
        ))
        return episode
    key = given[0]
    value = getattr(episode, key)
    if key == "link":
        # Checked here, not by the field's type: an invalid link would otherwise also read as a missing one.
        problem = web_address_problem(value)
        if problem:
            ctx.problems.append(Problem(where["link"], "link", problem, web_address_hint()))
        return episode
    suffix = PurePosixPath(value).suffix.lower()
    if suffix not in MEDIA_TYPES or not MEDIA_TYPES[suffix].startswith(key):
        kinds = ", ".join(s for s, t in MEDIA_TYPES.items() if t.startswith(key))
        message = (_("{file} is not an audio file this portal can play", file=quoted(value)) if key == "audio"
                   else _("{file} is not a video file this portal can play", file=quoted(value)))
        ctx.problems.append(Problem(where[key], key, message, _("use one of: {choices}", choices=kinds)))
        return episode
    site_path = resolve_asset(docs, episode.src, value)
    if site_path is None:
        ctx.problems.append(Problem(where[key], key, _("no file {file} next to this episode", file=quoted(value)), _("put the recording in the series folder, e.g. in audio/, and give its path relative to this file")))
        return episode
    return replace(episode, media=Media(key, site_path, MEDIA_TYPES[suffix], (docs / site_path).stat().st_size))


def load_series(files: list[Path], loading: Loading) -> tuple[list[Series], list[Problem]]:
    """Each series.yml, its series named by its folder."""
    all_series, problems = [], []
    for file, series, _, ctx in checked_files(files, loading.root, SERIES, problems, data=True):
        series = replace(series, slug=urls.slugify(file.parent.name))
        _check_series(series, ctx)
        all_series.append(series)
    return all_series, problems


def load_episodes(files: list[Path], loading: Loading) -> tuple[list[Episode], list[Problem]]:
    """The Markdown files of each series folder, once its series.yml has been read."""
    docs = loading.docs
    by_folder = {PurePosixPath(s.path).parent.name: s for s in loading.loaded["series"]}
    episodes, problems, orphans = [], [], set()
    for file in files:
        folder = file.relative_to(docs / SERIES_DIR).parts[0]
        if not (docs / SERIES_DIR / folder / SERIES_FILE).is_file():
            orphans.add(folder)
    for folder in sorted(orphans):
        where = Location(shown_path(docs / SERIES_DIR / folder, loading.root), 1, 1)
        problems.append(Problem(where, "", _("episodes without a {file}", file=SERIES_FILE), _("add {file} to the folder (see README.md)", file=SERIES_FILE)))
    for file, episode, __, ctx in checked_files([f for f in files if f.relative_to(docs / SERIES_DIR).parts[0] not in orphans], loading.root, EPISODE, problems):
        series = by_folder.get(file.relative_to(docs / SERIES_DIR).parts[0])
        if series is not None:  # a series.yml with errors: those are reported, its episodes wait
            episode = replace(episode, series=series.slug, src=file.relative_to(docs).as_posix())
            episodes.append(check_image(_attach_media(episode, docs, ctx), docs, ctx))
    return episodes, problems


SERIES_KIND = Kind(
    name="series", record=SERIES, folder=SERIES_DIR, patterns=(f"*/{SERIES_FILE}",), load=load_series, label="Chương trình",
    index=urls.SERIES_INDEX, data=True, describe="programme series", home="content/chuong-trinh/<series>/series.yml",
)
EPISODES_KIND = Kind(
    name="episodes", record=EPISODE, folder=SERIES_DIR, patterns=("*/**/*.md",), load=load_episodes, label="Chương trình",
    index=urls.SERIES_INDEX, describe="programme episodes", home="content/chuong-trinh/<series>/, beside its series.yml",
)
