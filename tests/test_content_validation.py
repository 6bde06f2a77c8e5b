"""Generator tests (tmp portals with the fixture's plans): front matter of articles and episodes, and references to plan tasks: messages verbatim."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.pages import assemble

from .conftest import FIXTURE

GOOD = "---\ntitle: Tin\ndate: 2021-03-15 08:30\nsummary: Tóm tắt\nareas: [the_che]\n{extra}---\n\nNội dung.\n"


def corpus_with(tmp_path: Path, files: dict[str, str]):
    shutil.copytree(FIXTURE / "plans", tmp_path / "plans")
    for name, text in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    corpus, _, problems = assemble(tmp_path, tmp_path / "plans", tmp_path / "content", dt.date(2026, 11, 22), "https://example.gov.vn/", drafts=True)
    return corpus, sorted(str(p) for p in problems)


def article_problems(tmp_path, text):
    return corpus_with(tmp_path, {"tin-tuc/x.md": text})[1]


def test_a_good_article_delivering_a_task(tmp_path):
    corpus, problems = corpus_with(tmp_path, {"tin-tuc/x.md": GOOD.format(extra="delivers: ['2021-tp-soc-trang-15#2']\n")})
    assert problems == []
    (article,) = corpus.articles
    assert str(article.delivers[0]) == "2021-tp-soc-trang-15#2"
    assert article.date.isoformat() == "2021-03-15T08:30:00+07:00"


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("delivers: ['2021-tp-soc-trang-16#2', '2021-tp-soc-trang-15#9', 'x#']\n", [
            'content/tin-tuc/x.md:6:12: delivers[1]: no plan "2021-tp-soc-trang-16" in plans/ (did you mean "2021-tp-soc-trang-15"?)',
            "content/tin-tuc/x.md:6:38: delivers[2]: plan 2021-tp-soc-trang-15 has no task 9 (its tasks are: 1, 2, 3, 4, 5)",
            'content/tin-tuc/x.md:6:64: delivers[3]: "x#" is not a plan task (write the plan file name, "#" and the task number: "2021-tp-soc-trang-15#2")',
        ]),
        ("image: {src: anh.png}\n", ["content/tin-tuc/x.md:6:8: image.alt: is missing (add `alt:` to `image`)"]),
        ("image: {src: anh.png, alt: Hội nghị}\n", ['content/tin-tuc/x.md:6:8: image.src: no file "anh.png" next to this page (put the image in content/ and give its path relative to this file)']),
        ("draft: maybe\n", ['content/tin-tuc/x.md:6:8: draft: expected true or false, found "maybe"']),
        ("publish: 2021-03-15 25:00\n", ['content/tin-tuc/x.md:6:10: publish: "2021-03-15 25:00" has no valid time of day (write the time as 08:30, on the 24-hour clock)']),
    ],
)
def test_article_mistakes(tmp_path, extra, expected):
    assert article_problems(tmp_path, GOOD.format(extra=extra)) == expected


def test_unknown_reform_area(tmp_path):
    assert article_problems(tmp_path, GOOD.replace("the_che", "the_chế").format(extra="")) == [
        'content/tin-tuc/x.md:5:9: areas[1]: unknown value "the_chế" (did you mean "the_che"?)'
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("# Tiêu đề\n", "content/tin-tuc/x.md:1:1: the file has no front matter (start the file with `---`, the fields (title, date, …), then `---`)"),
        ("---\ntitle: T\n", "content/tin-tuc/x.md:1:1: the front matter starting with `---` on line 1 is never closed (end it with a line `---`)"),
        ("---\n---\nx\n", "content/tin-tuc/x.md:1:1: the front matter is empty (write the fields (title, date, …) between the two `---` lines)"),
        ("---\ntitle: T\ndate: 2021-03-15\nareas: [the_che]\n---\n", "content/tin-tuc/x.md:2:1: summary: is missing (add `summary:` to the file)"),
    ],
)
def test_front_matter_mistakes(tmp_path, text, expected):
    assert article_problems(tmp_path, text) == [expected]


SERIES = "name: Chuyên mục\nchannel: radio\nagency: Đài\ncadence: monthly\nperiod: 2021\ndelivers: '2021-tp-soc-trang-15#1'\n"
EPISODE = "---\ntitle: Số 1\ndate: 2021-01-20 17:00\nsummary: Tóm tắt\n{media}---\n\nBản ghi.\n"


@pytest.mark.parametrize(
    "series, media, expected",
    [
        (SERIES, "audio: audio/a.mp3\n", ['content/chuong-trinh/cm/2021-01.md:5:8: audio: no file "audio/a.mp3" next to this episode (put the recording in the series folder, e.g. in audio/, and give its path relative to this file)']),
        (SERIES, "audio: a.txt\n", ['content/chuong-trinh/cm/2021-01.md:5:8: audio: "a.txt" is not an audio file this portal can play (use one of: .mp3, .m4a, .ogg, .opus, .wav)']),
        (SERIES, "link: https://a.vn/1\nvideo: v.mp4\n", ["content/chuong-trinh/cm/2021-01.md:5:7: audio: an episode needs exactly one of audio, video or link, found video, link (give the recording's file with audio: or video:, or a link: to where it can be heard)"]),
        (SERIES.replace("cadence: monthly", "cadence: 2021"), "link: https://a.vn/1\n", ["content/chuong-trinh/cm/series.yml:4:10: cadence: must say how often the series airs (write e.g. monthly, or {when: monthly, count: 1})"]),
        (SERIES.replace("channel: radio", "channel: radyo"), "link: https://a.vn/1\n", ['content/chuong-trinh/cm/series.yml:2:10: channel: unknown value "radyo" (did you mean "radio"?)']),
    ],
)
def test_series_and_episode_mistakes(tmp_path, series, media, expected):
    _, problems = corpus_with(tmp_path, {"chuong-trinh/cm/series.yml": series, "chuong-trinh/cm/2021-01.md": EPISODE.format(media=media)})
    assert problems == expected
