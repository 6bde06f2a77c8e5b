"""Generator tests (fixture portal, built once per session): plan pages, facts read from their HTML."""
from __future__ import annotations

import pytest

from generator.kinds.plan import load_plans

from . import content_checks as checks
from .conftest import FIXTURE
from .content_checks import all_items, words

PLANS, _ = load_plans(FIXTURE / "plans", FIXTURE)
SLUGS = sorted(p.slug for p in PLANS)


def test_the_fixture_has_its_four_plans():
    assert SLUGS == ["2021-tp-soc-trang-15", "2022-soc-trang-1738", "2022-tay-ninh-1183", "2024-pho-minh-18"]


@pytest.mark.parametrize("plan", PLANS, ids=SLUGS)
def test_every_section_heading_and_item_appears_on_the_plan_page(site, plan):
    assert sum(1 for _ in all_items(plan.sections)) > 0  # the fixture's plans all have items
    checks.plan_page_has_every_section_and_item(site, plan)


@pytest.mark.parametrize("plan", [p for p in PLANS if p.appendix], ids=lambda p: p.slug)
def test_every_task_row_appears_in_the_task_table(site, plan):
    checks.plan_page_has_every_task(site, plan)
    table = site.page(f"/ke-hoach/{plan.slug}/").select_one("table.cchc-tasks:not(.cchc-tracking):not(.cchc-agencies)")
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == [td["data-label"] for td in table.select_one("tbody tr").select("td")]


def test_parts_without_punctuation_get_a_dash_before_their_heading(site):
    headings = [h.contents[0] for h in site.page("/ke-hoach/2022-soc-trang-1738/").select("article h3")]
    assert "Phần I – SỰ CẦN THIẾT CỦA ĐỀ ÁN" in headings


def test_source_notes_are_plain_text_not_markdown(site):
    notes = site.page("/ke-hoach/2022-tay-ninh-1183/").find("h2", id="ghi-chu-ve-van-ban-nguon").find_all_next("li")
    assert any("cơ quan,....*)" in li.get_text() for li in notes)


def test_printed_timeframe_labels_and_column_headers_are_shown_as_written(site):
    page = site.page("/ke-hoach/2021-tp-soc-trang-15/")
    first = page.select_one("#phu-luc ~ table.cchc-tasks tbody tr")
    assert first.select("td")[-1].get_text() == "Định kỳ mỗi tháng 01 chuyên mục"
    assert [th.get_text() for th in page.select_one("#phu-luc ~ table.cchc-tasks").select("thead th")] == [
        "STT", "NỘI DUNG TUYÊN TRUYỀN", "CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP", "THỜI GIAN THỰC HIỆN",
    ]


def test_plan_page_reads_like_the_document(site):
    page = site.page("/ke-hoach/2022-tay-ninh-1183/")
    header = page.select_one(".cchc-doc__header")
    assert words(str(header.select_one(".cchc-doc__issuer"))) == "ỦY BAN NHÂN DÂN TỈNH TÂY NINH Số: 1183/KH-UBND"
    motto = words(str(header.select_one(".cchc-doc__motto")))
    assert motto == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Tây Ninh, ngày 8 tháng 4 năm 2022"
    assert words(str(page.select_one("h2.cchc-doc__title"))).startswith("KẾ HOẠCH Tuyên truyền cải cách hành chính năm 2022")
    h1 = page.select_one("h1")
    assert h1.contents[0] == "Kế hoạch 1183/KH-UBND: Tuyên truyền cải cách hành chính năm 2022 trên địa bàn tỉnh Tây Ninh"
    assert page.select_one("a.md-skip")["href"] == "#" + h1["id"]  # "skip to content" lands on the title
    assert page.select_one(".cchc-breadcrumb a")["href"] == "../"
    signer = words(str(page.select_one(".cchc-doc__signer")))
    assert signer == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Võ Đức Trọng"
    assert len(page.select(".cchc-doc__recipients li")) == 12


def test_the_programme_page_shows_its_approving_decision_first(site):
    page = site.page("/ke-hoach/2022-soc-trang-1738/")
    titles = [words(str(h)) for h in page.select("h2.cchc-doc__title")]
    assert titles[0].startswith("QUYẾT ĐỊNH Phê duyệt Đề án tuyên truyền cải cách hành chính")
    assert titles[1].startswith("ĐỀ ÁN Tuyên truyền cải cách hành chính tỉnh Sóc Trăng từ nay đến năm 2030")
    articles = [words(str(p)) for p in page.select(".cchc-doc__article")]
    assert articles[0].startswith("Điều 1. Phê duyệt Đề án") and articles[1].startswith("Điều 2.")
    targets = [words(str(li)) for li in page.select(".cchc-targets li")]
    assert targets == [
        "100% cán bộ, công chức, viên chức được khảo sát — đến năm 2030",
        "95% người dân, tổ chức được khảo sát — đến năm 2030",
    ]


@pytest.mark.parametrize(
    "slug, printed, flagged",
    [
        ("2021-tp-soc-trang-15", "(Kèm theo Kế hoạch số 25 /KH-UBND ngày 25 /02/2021 của Ủy ban nhân dân thành phố)", "25/KH-UBND"),
        ("2022-soc-trang-1738", "(Kèm theo Quyết định số 1739 QĐ-UBND ngày 30 / 6 / 2022 của Ủy ban nhân dân tỉnh Sóc Trăng)", "1739"),
    ],
)
def test_source_inconsistencies_are_kept_and_flagged(site, slug, printed, flagged):
    page = site.page(f"/ke-hoach/{slug}/")
    assert printed in [words(str(p)) for p in page.select(".cchc-doc__attached")]
    warning = page.select_one(".cchc-discrepancies")
    assert warning is not None and flagged in warning.get_text()


def test_yaml_source_is_offered_for_download_unchanged(site):
    for plan in PLANS:
        link = site.page(f"/ke-hoach/{plan.slug}/").select_one("a[download]")
        assert link["href"] == f"{plan.slug}.yml"
        served = site.file(f"/ke-hoach/{plan.slug}/{plan.slug}.yml").read_text(encoding="utf-8")
        assert served == (FIXTURE / plan.path).read_text(encoding="utf-8-sig")


def test_plans_index_groups_by_year_then_issuer(site):
    page = site.page("/ke-hoach/")
    article = page.select_one("article")
    outline = [(h.name, words(str(h)).replace(" ¶", "")) for h in article.select("h2, h3")]
    assert outline == [
        ("h2", "Năm 2024"), ("h3", "Ủy ban nhân dân phường Phổ Minh (cấp xã)"),
        ("h2", "Năm 2022"), ("h3", "Ủy ban nhân dân tỉnh Sóc Trăng (cấp tỉnh)"), ("h3", "Ủy ban nhân dân tỉnh Tây Ninh (cấp tỉnh)"),
        ("h2", "Năm 2021"), ("h3", "Ủy ban nhân dân thành phố Sóc Trăng (cấp huyện)"),
    ]
    links = [a["href"] for a in article.select("li a")]
    assert links == ["2024-pho-minh-18/", "2022-soc-trang-1738/", "2022-tay-ninh-1183/", "2021-tp-soc-trang-15/"]


def test_home_introduces_the_portal_and_the_current_plans(site):
    page = site.page("/")
    article = page.select_one("article")
    sections = {words(str(h)).replace(" ¶", ""): h for h in article.select("h2")}
    current = sections["Kế hoạch đang thực hiện"].find_next("div", class_="cchc-cards")
    assert [a["href"] for a in current.select(".cchc-card__title a")] == ["ke-hoach/2022-soc-trang-1738/"]
    recent = sections["Kế hoạch đã ban hành gần đây"].find_next("ul")
    assert [a["href"] for a in recent.select("a")] == ["ke-hoach/2024-pho-minh-18/", "ke-hoach/2022-tay-ninh-1183/", "ke-hoach/2021-tp-soc-trang-15/"]


def test_pages_are_vietnamese_with_ascii_anchors_and_no_other_hosts(site):
    assert checks.foreign_or_unsafe_markup(site, "https://example.gov.vn/cchc/") == []  # the fixture's site_url


def test_section_headings_get_ascii_anchors(site):
    page = site.page("/ke-hoach/2021-tp-soc-trang-15/")
    ids = [h["id"] for h in page.select("article h3[id]")]
    assert "iv-to-chuc-thuc-hien" in ids
    assert "3-dai-truyen-thanh-thanh-pho" in [h["id"] for h in page.select("article h4[id]")]
