"""Generator tests (hand-made cases): grouping, pagination, scheduling and programme archives, on small hand-made cases."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import derive
from generator.dates import TIMEZONE
from generator.content import load_corpus
from generator.urls import article_url, href


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TIMEZONE)


def write_article(docs: Path, name: str, date: str, **extra) -> None:
    lines = [f"title: Bài {name}", f"date: {date}", "summary: Tóm tắt", f"areas: [{extra.pop('areas', 'the_che')}]"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    path = docs / "tin-tuc" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\nNội dung.\n", encoding="utf-8")


def articles_in(tmp_path, specs):
    docs = tmp_path / "content"
    for name, date, extra in specs:
        write_article(docs, name, date, **extra)
    corpus, problems = load_corpus(tmp_path, tmp_path / "plans", docs)
    articles = corpus.articles
    assert problems == []
    return articles


def test_news_is_newest_first_and_grouped_by_year_month_area_and_tag(tmp_path):
    articles = articles_in(tmp_path, [
        ("a", "2021-03-15 08:30", {"tags": "[Một cửa, dịch vụ công]"}),
        ("b", "2021-03-02", {"areas": "the_che, chinh_phu_so", "tags": "[một cửa]"}),
        ("c", "2021-04-01 07:00", {}),
        ("d", "2022-01-10", {"areas": "chinh_phu_so"}),
    ])
    news = derive.news(articles, dt.date(2026, 1, 1))
    assert [a.slug for a in news.articles] == ["d", "c", "a", "b"]
    assert {y: {m: [a.slug for a in v] for m, v in ms.items()} for y, ms in news.years.items()} == {
        2022: {1: ["d"]}, 2021: {4: ["c"], 3: ["a", "b"]},
    }
    assert {k: [a.slug for a in v] for k, v in news.areas.items()} == {"chinh_phu_so": ["d", "b"], "the_che": ["c", "a", "b"]}
    # "Một cửa" and "một cửa" are one tag, labelled as first met.
    assert {k: (t.label, [a.slug for a in t.articles]) for k, t in news.tags.items()} == {
        "dich-vu-cong": ("dịch vụ công", ["a"]), "mot-cua": ("Một cửa", ["a", "b"]),
    }
    assert news.older["tin-tuc/a.md"].slug == "b"
    assert news.newer["tin-tuc/a.md"].slug == "c" and news.newer["tin-tuc/d.md"] is None


def test_pagination():
    assert derive.paginate(list(range(23)), 10) == (tuple(range(10)), tuple(range(10, 20)), (20, 21, 22))
    assert derive.paginate([], 10) == ((),)


def test_scheduling_drafts_and_publish_dates(tmp_path):
    articles = articles_in(tmp_path, [
        ("past", "2021-03-15", {}),
        ("today", "2021-03-16 23:59", {}),
        ("future", "2021-03-17 00:00", {}),
        ("draft", "2021-03-01", {"draft": "true"}),
        ("later", "2021-03-01", {"publish": "2021-03-20 07:00"}),
    ])
    today = dt.date(2021, 3, 16)
    assert [a.slug for a in derive.news(articles, today).articles] == ["today", "past"]
    assert [a.slug for a in derive.news(articles, today, drafts=True).articles] == ["today", "past", "draft"]
    assert [a.slug for a in derive.news(articles, dt.date(2021, 3, 20)).articles] == ["future", "today", "past", "later"]


def test_article_addresses_come_from_the_date_and_file_name(tmp_path):
    (article,) = articles_in(tmp_path, [("Kết quả CCHC năm 2020", "2021-03-15", {})])
    assert article.slug == "ket-qua-cchc-nam-2020"
    assert article.url == article_url(at("2021-03-15"), "ket-qua-cchc-nam-2020") == "/tin-tuc/2021/03/ket-qua-cchc-nam-2020/"
    assert article.date == at("2021-03-15T00:00")


def test_relative_links_between_pages():
    assert href("/tin-tuc/2021/03/x/", "/tin-tuc/") == "2021/03/x/"
    assert href("/ke-hoach/a/#nhiem-vu-1", "/tin-tuc/2021/03/x/") == "../../../../ke-hoach/a/#nhiem-vu-1"
    assert href("/tin-tuc/", "/tin-tuc/") == "./"
    assert href("/tin-tuc/feed.xml", "/") == "tin-tuc/feed.xml"


def make_series(tmp_path, months: list[int], cadence="{when: monthly, count: 1}", period="2021"):
    folder = tmp_path / "content" / "chuong-trinh" / "chuyen-muc"
    (folder / "audio").mkdir(parents=True)
    (folder / "audio" / "a.mp3").write_bytes(b"ID3" + bytes(100))
    (folder / "series.yml").write_text(
        f"name: Chuyên mục\nchannel: radio\nagency: Đài\ncadence: {cadence}\nperiod: {period}\n", encoding="utf-8"
    )
    for m in months:
        (folder / f"2021-{m:02d}.md").write_text(
            f"---\ntitle: Số {m}\ndate: 2021-{m:02d}-20 17:00\nsummary: Tóm tắt\naudio: audio/a.mp3\n---\n\nBản ghi.\n", encoding="utf-8"
        )
    corpus, problems = load_corpus(tmp_path, tmp_path / "plans", tmp_path / "content")
    series, episodes = corpus.series, corpus.episodes
    assert problems == []
    return series[0], episodes


def test_monthly_archive_marks_missing_months_and_not_yet_due_ones(tmp_path):
    series, episodes = make_series(tmp_path, [m for m in range(1, 12) if m not in (7, 10)])
    slots = derive.series_year(series, episodes, 2021, today=dt.date(2021, 12, 5))
    assert [s.label for s in slots][:2] == ["Tháng 1/2021", "Tháng 2/2021"]
    assert [s.state for s in slots] == ["aired"] * 6 + ["missing"] + ["aired"] * 2 + ["missing", "aired", "upcoming"]
    assert episodes[0].media.type == "audio/mpeg" and episodes[0].media.length == 103


def test_two_per_month_needs_two(tmp_path):
    series, episodes = make_series(tmp_path, [1, 2], cadence="{when: monthly, count: 2}", period="2021-01..2021-03")
    slots = derive.series_year(series, episodes, 2021, today=dt.date(2022, 1, 1))
    assert [(s.label, s.state, len(s.episodes)) for s in slots] == [
        ("Tháng 1/2021", "missing", 1), ("Tháng 2/2021", "missing", 1), ("Tháng 3/2021", "missing", 0),
    ]


def test_quarterly_series_has_four_slots(tmp_path):
    series, episodes = make_series(tmp_path, [2, 8], cadence="quarterly")
    slots = derive.series_year(series, episodes, 2021, today=dt.date(2022, 1, 1))
    assert [(s.label, s.state) for s in slots] == [("Quý I/2021", "aired"), ("Quý II/2021", "missing"), ("Quý III/2021", "aired"), ("Quý IV/2021", "missing")]
