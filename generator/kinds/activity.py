"""Activities that deliver plan tasks: conferences, training, contests, dialogues,
public postings… Markdown files under content/hoat-dong/ with front matter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import urls
from ..dates import TIMEZONE
from ..errors import Location, Problem
from ..i18n import _
from ..refs import TaskRef, TaskRefType
from ..schema import Choice, Context, DateTime, Field, Flag, Integer, ListOf, Record, Text, WebAddress, quoted
from .base import Kind, Loading
from .common import IMAGE, Image, checked_files, resolve_asset, relative

ACTIVITY_DIR = "hoat-dong"
ACTIVITY_KINDS = {
    "hoi_nghi": "Hội nghị",
    "tap_huan": "Tập huấn, bồi dưỡng",
    "hoi_thi": "Hội thi",
    "doi_thoai": "Đối thoại",
    "niem_yet": "Niêm yết, công khai",
    "khao_sat": "Khảo sát",
    "khac": "Hoạt động khác",
}


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Activity:
    title: str
    kind: str
    date: dt.datetime
    summary: str
    place: str | None = None
    organiser: str | None = None
    participants: int | None = None
    end: dt.datetime | None = None
    outputs: tuple[str, ...] = ()
    photos: tuple[Image, ...] = ()
    links: tuple[Link, ...] = ()
    delivers: tuple[TaskRef, ...] = ()
    draft: bool = False
    sample: bool = False
    locations: dict = field(default_factory=dict, compare=False, repr=False)
    src: str = ""
    slug: str = ""
    path: str = ""

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KINDS[self.kind]

    @property
    def url(self) -> str:
        return urls.activity_url(self.date, self.slug)

    def is_published(self, today: dt.date, drafts: bool = False) -> bool:
        return (drafts or not self.draft) and self.date.date() <= today


ACTIVITY = Record([
    Field("title", Text(), required=True),
    Field("kind", Choice(ACTIVITY_KINDS), required=True),
    Field("date", DateTime(TIMEZONE), required=True),
    Field("summary", Text(), required=True),
    Field("end", DateTime(TIMEZONE)),
    Field("place", Text()),
    Field("organiser", Text()),
    Field("participants", Integer(minimum=0)),
    Field("outputs", ListOf(Text()), default=()),
    Field("photos", ListOf(IMAGE), default=()),
    Field("links", ListOf(Record([Field("title", Text(), required=True), Field("url", WebAddress(), required=True)], Link)), default=()),
    Field("delivers", ListOf(TaskRefType()), default=()),
    Field("draft", Flag(), default=False),
    Field("sample", Flag(), default=False),
], Activity, locate=True)


def _check_photos(activity: Activity, docs: Path, ctx: Context) -> Activity:
    photos = []
    for i, photo in enumerate(activity.photos, 1):
        site_path = resolve_asset(docs, activity.src, photo.src)
        if site_path is None:
            where = activity.locations.get("photos", Location(activity.path, 1, 1))
            ctx.problems.append(Problem(where, f"photos[{i}].src", _("no file {file} next to this page", file=quoted(photo.src)), _("put the photo in content/ and give its path relative to this file")))
        photos.append(photo.placed(docs, site_path) if site_path else photo)
    if activity.end and activity.end < activity.date:
        ctx.problems.append(Problem(activity.locations["end"], "end", _("ends before it starts"), _("check `date` and `end`")))
    return replace(activity, photos=tuple(photos))


def load_activities(files: list[Path], loading: Loading) -> tuple[list[Activity], list[Problem]]:
    activities, problems = [], []
    for file, activity, _, ctx in checked_files(files, loading.root, ACTIVITY, problems):
        activities.append(_check_photos(replace(activity, src=relative(file, loading.docs)), loading.docs, ctx))
    return activities, problems


KIND = Kind(
    name="activities", record=ACTIVITY, folder=ACTIVITY_DIR, patterns=("**/*.md",), load=load_activities, label="Hoạt động",
    index=urls.ACTIVITIES_INDEX, describe="activities", home="content/hoat-dong/ (any subfolder)",
)
