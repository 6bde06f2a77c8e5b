"""Generator tests (fixture portal): news, programme archives and feeds."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from generator import derive

from . import content_checks as checks
from .conftest import BUILD_DATE, copy_project, fixture_corpus, run_cchc

CORPUS = fixture_corpus()
TODAY = dt.date.fromisoformat(BUILD_DATE)
NEWS = derive.news(CORPUS.articles, TODAY)
ATOM = {"a": "http://www.w3.org/2005/Atom"}
FUTURE = "tin-tuc/2026/tong-ket-cchc-nam-2026.md"
DRAFT = "tin-tuc/2024/hoi-thi-tim-hieu-cchc-2024.md"


def card_links(page) -> list[str]:
    return [a["href"] for a in page.select(".cchc-card__title a")]


def test_the_fixture_has_news_across_months_and_areas():
    assert len(NEWS.articles) >= 24
    months = {(a.date.year, a.date.month) for a in NEWS.articles}
    assert len(months) >= 12
    assert set(NEWS.areas) == {"the_che", "thu_tuc_hanh_chinh", "to_chuc_bo_may", "che_do_cong_vu", "tai_chinh_cong", "chinh_phu_so", "chi_dao_dieu_hanh"}
    assert all(a.sample for a in CORPUS.articles)


def test_news_index_is_newest_first_and_paginated(site):
    first = site.page("/tin-tuc/")
    expected = [a.url for a in NEWS.articles]
    assert [site.resolve("/tin-tuc/", h) for h in card_links(first)] == expected[:10]
    second = site.page("/tin-tuc/trang/2/")
    assert [site.resolve("/tin-tuc/trang/2/", h) for h in card_links(second)] == expected[10:20]
    assert first.select_one(".cchc-pager a[rel=next]")["href"] == "trang/2/"
    assert second.select_one(".cchc-pager a[rel=prev]")["href"] == "../../"


@pytest.mark.parametrize("year, month", sorted({(a.date.year, a.date.month) for a in NEWS.articles}))
def test_month_archives_list_exactly_their_articles(site, year, month):
    url = f"/tin-tuc/{year}/{month:02d}/"
    page = site.page(url)
    listed = sorted(site.resolve(url, h) for h in card_links(page))
    assert listed == sorted(a.url for a in NEWS.articles if (a.date.year, a.date.month) == (year, month))
    assert page.select_one("h1").contents[0] == f"Tin tức tháng {month} năm {year}"


def test_year_archive_groups_months_newest_first(site):
    page = site.page("/tin-tuc/2021/")
    headings = [h.contents[0] for h in page.select("article h2")]
    months = sorted({a.date.month for a in NEWS.articles if a.date.year == 2021}, reverse=True)
    assert headings == [f"Tháng {m} năm 2021" for m in months]


def listed(site, url: str) -> list[str]:
    """The articles of a paginated listing, following its "next page" links."""
    found = []
    while url:
        page = site.page(url)
        found += [site.resolve(url, h) for h in card_links(page)]
        after = page.select_one(".cchc-pager a[rel=next]")
        url = site.resolve(url, after["href"]) if after else None
    return found


def test_area_and_tag_pages_list_exactly_their_articles(site):
    for area, articles in NEWS.areas.items():
        assert listed(site, f"/tin-tuc/linh-vuc/{area.replace('_', '-')}/") == [a.url for a in articles]
    for tag in NEWS.tags.values():
        assert listed(site, f"/tin-tuc/the/{tag.slug}/") == [a.url for a in tag.articles]


def test_an_article_page_shows_date_areas_agency_task_and_neighbours(site):
    article = next(a for a in NEWS.articles if a.src == "tin-tuc/2021/ket-qua-cchc-2020.md")
    page = site.page(article.url)
    meta = page.select_one(".cchc-article__meta")
    assert meta.time["datetime"] == "2021-03-15T08:30:00+07:00" or meta.time["datetime"].endswith("+07:00")
    assert meta.time.get_text().startswith("ngày 15 tháng 3 năm 2021")
    assert article.agency in meta.get_text()
    facts = page.select_one(".cchc-article__facts")
    task_links = [site.resolve(article.url, a["href"]) for a in facts.select("li a")]
    assert task_links == [f"/ke-hoach/{r.plan}/#nhiem-vu-{r.task}" for r in article.delivers]
    assert page.select_one(".cchc-sample") is not None  # sample content says so
    older, newer = NEWS.older[article.src], NEWS.newer[article.src]
    assert site.resolve(article.url, page.select_one(".cchc-pager a[rel=prev]")["href"]) == older.url
    assert site.resolve(article.url, page.select_one(".cchc-pager a[rel=next]")["href"]) == newer.url


def test_plan_pages_show_the_articles_that_deliver_each_task(site):
    plan_url = "/ke-hoach/2021-tp-soc-trang-15/"
    page = site.page(plan_url)
    for task in ("2", "4", "5"):
        row = page.select_one(f"tr#nhiem-vu-{task}")
        shown = [site.resolve(plan_url, a["href"]) for a in row.select(".cchc-evidence a")]
        expected = sorted((a for a in NEWS.articles if any((r.plan, r.task) == ("2021-tp-soc-trang-15", task) for r in a.delivers)), key=lambda a: a.date)
        assert shown == [a.url for a in expected] and shown
    monthly = page.select_one("tr#nhiem-vu-1 .cchc-evidence")
    assert len(monthly.select("a")) == 10  # the radio column's episodes


def test_unpublished_articles_are_absent_everywhere(site):
    for src in (FUTURE, DRAFT):
        article = next(a for a in CORPUS.articles if a.src == src)
        assert not site.file(article.url).exists()
        assert article.title not in site.file("/tin-tuc/feed.xml").read_text(encoding="utf-8")
        assert not list(site.root.glob(src.replace(".md", "*")))


def test_a_future_article_appears_once_the_build_date_passes_it(tmp_path):
    project = copy_project(tmp_path)
    assert run_cchc(project, "build", build_date="2026-12-15").returncode == 0
    url = "tin-tuc/2026/12/tong-ket-cchc-nam-2026/index.html"
    assert (project / "site" / url).is_file()
    index = BeautifulSoup((project / "site" / "tin-tuc" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert card_links(index)[0] == "2026/12/tong-ket-cchc-nam-2026/"


def test_news_feed_is_valid_atom_with_vietnam_offsets(site):
    feed = ElementTree.parse(site.file("/tin-tuc/feed.xml")).getroot()
    entries = feed.findall("a:entry", ATOM)
    assert [e.findtext("a:title", namespaces=ATOM) for e in entries] == [a.title for a in NEWS.articles[:20]]
    for entry in entries:
        for field in ("a:published", "a:updated"):
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", entry.findtext(field, namespaces=ATOM))
        link = entry.find("a:link", ATOM).get("href")
        assert link.startswith("https://example.gov.vn/cchc/tin-tuc/")
        assert site.file(urlsplit(link).path.removeprefix("/cchc")).is_file()
    assert feed.findtext("a:updated", namespaces=ATOM) == NEWS.articles[0].published_at.isoformat()


def test_each_area_has_a_feed_of_its_own(site):
    for area, articles in NEWS.areas.items():
        feed = ElementTree.parse(site.file(f"/tin-tuc/linh-vuc/{area.replace('_', '-')}/feed.xml")).getroot()
        assert len(feed.findall("a:entry", ATOM)) == min(20, len(articles))


SERIES_URL = "/chuong-trinh/nguoi-dan-voi-cchc/"


def test_programme_year_archive_marks_missing_months(site):
    page = site.page(SERIES_URL + "2021/")
    slots = page.select("li.cchc-slot")
    assert [s.select_one(".cchc-slot__label").get_text() for s in slots] == [f"Tháng {m}/2021" for m in range(1, 13)]
    missing = [s.select_one(".cchc-slot__label").get_text() for s in slots if "cchc-slot--missing" in s["class"]]
    assert missing == ["Tháng 7/2021", "Tháng 10/2021"]
    for slot in slots:
        if "cchc-slot--missing" in slot["class"]:
            assert "Thiếu" in slot.get_text()
        else:
            assert len(slot.select("a")) == 1


def test_episode_page_has_a_player_and_the_transcript(site):
    episode = next(e for e in CORPUS.episodes if e.date.month == 4)
    page = site.page(episode.url)
    audio = page.select_one("audio[controls]")
    assert site.file(site.resolve(episode.url, audio["src"])).read_bytes().startswith((b"ID3", b"\xff\xfb", b"\xff\xf3"))
    assert any(h.contents[0] == "Nội dung chương trình" for h in page.select("article h2"))
    assert page.select_one(".cchc-sample") is not None


def test_podcast_feed_has_an_enclosure_per_episode(site):
    channel = ElementTree.parse(site.file(SERIES_URL + "podcast.xml")).getroot().find("channel")
    items = channel.findall("item")
    assert len(items) == 10
    for item in items:
        enclosure = item.find("enclosure")
        path = urlsplit(enclosure.get("url")).path.removeprefix("/cchc")
        assert int(enclosure.get("length")) == site.file(path).stat().st_size
        assert enclosure.get("type") == "audio/mpeg"
        assert re.fullmatch(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0700", item.findtext("pubDate"))


def test_every_internal_link_asset_and_anchor_resolves(site):
    assert checks.broken_links(site, "/cchc/") == []  # the path of the fixture's site_url


def test_articles_and_archives_stay_out_of_the_navigation(site):
    nav = site.page("/").select(".md-nav--primary a.md-nav__link")
    hrefs = {a.get("href") for a in nav}
    assert not any(re.search(r"tin-tuc/\d{4}/", h or "") for h in hrefs)
    assert {"ke-hoach/", "tin-tuc/", "chuong-trinh/"} <= hrefs


def test_every_published_item_has_its_page_and_no_other(fixture_project, site):
    built = checks.Built(fixture_project, BUILD_DATE)
    built.site = site
    checks.every_item_has_its_page(built)
    unpublished = [i for i in (*CORPUS.articles, *CORPUS.episodes, *CORPUS.activities) if not i.is_published(TODAY)]
    assert {i.src for i in unpublished} == {FUTURE, DRAFT}
    assert not any(site.file(i.url).exists() for i in unpublished)
