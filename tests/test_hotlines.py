"""Generator tests (fixture portal and tmp portals). Hotlines: phone numbers, YAML messages verbatim, the listing, the block on every page, downloads."""
from __future__ import annotations

import json
import re

import pytest

from generator.kinds.hotline import parse_phone

from .conftest import fixture_corpus
from .test_content_validation import corpus_with

HOTLINE = """agency: "Ủy ban nhân dân phường 5"
level: xa
receives: [thu_tuc_hanh_chinh, can_bo]
phones:
  - "0299 3821 234"
hours:
  - days: [t2, t3, t4, t5, t6]
    times: ["07:00-11:00", "13:00-17:00"]
last_verified: 2026-10-01
"""

CORPUS = fixture_corpus()
TEL = re.compile(r"^tel:(\+84\d{9,10}|1[89]00\d{4}(\d\d)?)$")


@pytest.mark.parametrize(
    "written, display, tel",
    [
        ("0299 3821 234", "0299 3821 234", "tel:+842993821234"),
        ("02993821234", "0299 3821 234", "tel:+842993821234"),
        ("+84 299 3821 234", "0299 3821 234", "tel:+842993821234"),
        ("(0299) 3821.234", "0299 3821 234", "tel:+842993821234"),
        ("024 3823 4567", "024 3823 4567", "tel:+842438234567"),
        ("0912345678", "0912 345 678", "tel:+84912345678"),
        ("+84 912-345-678", "0912 345 678", "tel:+84912345678"),
        ("1800 1096", "1800 1096", "tel:18001096"),
        ("1800.1096", "1800 1096", "tel:18001096"),
        ("1900 123 456", "1900 123 456", "tel:1900123456"),
    ],
)
def test_phone_numbers_are_normalised(written, display, tel):
    phone, message, _ = parse_phone(written)
    assert (phone.display, phone.tel, message) == (display, tel, "")


HINT = 'write it as on the notice: a landline "0299 3821 234", a mobile "0912 345 678" or "1800 1096"'


@pytest.mark.parametrize(
    "written, message, hint",
    [
        ("0299 382 123", '"0299 382 123" is not a phone number: a landline has 11 digits (0, the area code and the number), found 10', HINT),
        ("0912 34567", '"0912 34567" is not a phone number: a mobile number has 10 digits, found 9', HINT),
        ("01662 345 678", '"01662 345 678" is an old 11-digit mobile number (renumbered in 2018)', 'write the new number: "0362 345 678"'),
        ("1800 10", '"1800 10" is not a phone number: a 1800 number has 8 or 10 digits, found 6', HINT),
        ("0612 345 678", '"0612 345 678" is not a phone number: no Vietnamese number starts with 06', HINT),
        ("113", '"113" is not a phone number: Vietnamese numbers start with 0, +84, 1800 or 1900', HINT),
        ("0299 ext 12", '"0299 ext 12" is not a phone number: only digits, spaces, dots and a leading +84 are allowed', HINT),
    ],
)
def test_invalid_phone_numbers_say_why(written, message, hint):
    assert parse_phone(written) == (None, message, hint)


def hotline_problems(tmp_path, text, **files):
    return corpus_with(tmp_path, {"duong-day-nong/p5.yml": text, **files})[1]


def test_a_good_hotline(tmp_path):
    corpus, problems = corpus_with(tmp_path, {"duong-day-nong/p5.yml": HOTLINE})
    assert problems == []
    (h,) = corpus.hotlines
    assert [p.display for p in h.phones] == ["0299 3821 234"]
    assert [(x.days_label, x.times_label) for x in h.hours] == [("Thứ Hai – Thứ Sáu", "07:00–11:00, 13:00–17:00")]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('  - "0299 3821 234"', "  - 0299 3821 234", ['content/duong-day-nong/p5.yml:5:5: phones[1]: 0299 3821 234 looks like a phone number; YAML may read it as a number and drop the leading zero (put it in quotes: "0299 3821 234")']),
        ('  - "0299 3821 234"', '  - "0299 382 123"', [f'content/duong-day-nong/p5.yml:5:5: phones[1]: "0299 382 123" is not a phone number: a landline has 11 digits (0, the area code and the number), found 10 ({HINT})']),
        ('  - "0299 3821 234"', '  - {number: "0299 3821 234", lable: "Tổng đài"}', ['content/duong-day-nong/p5.yml:5:31: phones[1].lable: unknown field (did you mean "label"?)']),
        ("[t2, t3, t4, t5, t6]", "[t2, t8]", ['content/duong-day-nong/p5.yml:7:16: hours[1].days[2]: unknown value "t8" (use one of: t2, t3, t4, t5, t6, t7, cn)']),
        ('"13:00-17:00"', '"17:00-13:00"', ['content/duong-day-nong/p5.yml:8:28: hours[1].times[2]: "17:00-13:00" ends before it starts (write the earlier time first: "13:00-17:00")']),
        ('"13:00-17:00"', '"13h-17h"', ['content/duong-day-nong/p5.yml:8:28: hours[1].times[2]: "13h-17h" is not a time range (write the opening and closing time on the 24-hour clock: "07:00-11:00")']),
        ("last_verified: 2026-10-01\n", 'email: "p5.example.gov.vn"\n', [
            'content/duong-day-nong/p5.yml:1:1: last_verified: is missing (add the date the numbers were last called and found working, or needs_check: true to show them as not yet checked)',
            'content/duong-day-nong/p5.yml:9:8: email: "p5.example.gov.vn" is not an e-mail address (write it as name@example.gov.vn)',
        ]),
        ("level: xa", "level: phuong", ['content/duong-day-nong/p5.yml:2:8: level: unknown value "phuong" (use one of: quoc_gia, tinh, huyen, xa)']),
        ("receives: [thu_tuc_hanh_chinh, can_bo]", "receives: [thu_tuc]", ['content/duong-day-nong/p5.yml:3:12: receives[1]: unknown value "thu_tuc" (use one of: quy_dinh_hanh_chinh, thu_tuc_hanh_chinh, can_bo, dich_vu_cong, cai_cach_hanh_chinh)']),
    ],
)
def test_hotline_mistakes(tmp_path, old, new, expected):
    assert old in HOTLINE
    assert hotline_problems(tmp_path, HOTLINE.replace(old, new)) == expected


def test_zalo_is_a_number_or_an_address(tmp_path):
    corpus, problems = corpus_with(tmp_path, {"duong-day-nong/a.yml": HOTLINE + 'zalo: "0299 3821 234"\n', "duong-day-nong/b.yml": HOTLINE + 'zalo: "zalo.me/123"\n'})
    assert problems == ['content/duong-day-nong/b.yml:10:7: zalo: "zalo.me/123" is not a phone number: only digits, spaces, dots and a leading +84 are allowed (give the Zalo phone number or the https:// address of the Zalo page)']
    assert (corpus.hotlines[0].zalo.label, corpus.hotlines[0].zalo.url) == ("0299 3821 234", "https://zalo.me/02993821234")


def test_at_most_three_hotlines_are_pinned_to_every_page(tmp_path):
    files = {f"duong-day-nong/{n}.yml": HOTLINE + "pinned: true\n" for n in "abcd"}
    assert corpus_with(tmp_path, files)[1] == [
        "content/duong-day-nong/d.yml:10:9: pinned: more than 3 hotlines are pinned to every page (pin only the lines most citizens need: content/duong-day-nong/a.yml, content/duong-day-nong/b.yml, content/duong-day-nong/c.yml are pinned already)"
    ]


# --- the built fixture portal ------------------------------------------------------------------

def test_the_fixture_lists_its_issuers_with_sample_numbers():
    agencies = {h.agency for h in CORPUS.hotlines}
    assert {"Ủy ban nhân dân thành phố Sóc Trăng", "Ủy ban nhân dân tỉnh Tây Ninh", "Ủy ban nhân dân phường Phổ Minh", "Ủy ban nhân dân tỉnh Sóc Trăng"} <= agencies
    for h in CORPUS.hotlines:
        # Sample numbers follow one recognisable pattern; the only other is the national switchboard, flagged.
        assert h.sample or (h.needs_check and [p.digits for p in h.phones] == ["18001096"])
        if h.sample:
            assert all(re.fullmatch(r"0\d{3}3000\d{3}", p.digits) for p in h.phones)


def test_hotline_page_groups_by_level_then_agency(site):
    page = site.page("/duong-day-nong/")
    headings = [(h.name, h.contents[0].strip()) for h in page.select("article h2, article h3")]
    levels = [text for tag, text in headings if tag == "h2"]
    assert levels == ["Trung ương", "Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    assert ("h3", "Ủy ban nhân dân phường Phổ Minh") == headings[-1]
    sections = page.select("section.cchc-hotline")
    assert [s["id"] for s in sections] == [h.slug for h in CORPUS.hotlines]
    for section, hotline in zip(sections, CORPUS.hotlines):
        calls = section.select("a.cchc-call")
        assert [(a["href"], a.get_text()) for a in calls] == ([] if hotline.sample else [(p.tel, p.display) for p in hotline.phones])
        assert all(TEL.match(a["href"]) for a in calls)
        text = section.get_text(" ")
        assert ("Số mẫu" in text) == hotline.sample
        assert ("Cần kiểm tra lại" in text) == hotline.needs_check
    tay_ninh = page.find(id="tinh-tay-ninh").get_text(" ")
    assert "Thứ Hai – Thứ Sáu: 07:00–11:30, 13:30–17:00" in tay_ninh and "Thứ Bảy: 07:00–11:30" in tay_ninh
    assert "Nghỉ từ 04/02/2027 đến 10/02/2027: Nghỉ Tết Nguyên đán (lịch mẫu)" in page.find(id="tinh-soc-trang").get_text(" ")


@pytest.mark.parametrize("url", ["/", "/ke-hoach/2021-tp-soc-trang-15/", "/thu-tuc/dang-ky-khai-sinh/", "/tin-tuc/", "/phan-anh/", "/404.html"])
def test_the_pinned_hotlines_are_on_every_page(site, url):
    block = site.page(url).select_one("aside.cchc-hotline-block")
    pinned = [h for h in CORPUS.hotlines if h.pinned and h.verified]
    calls = block.select("a.cchc-call")
    assert [a["href"] for a in calls] == [h.phones[0].tel for h in pinned]
    assert all("Gọi" in a["aria-label"] and h.phones[0].display in a["aria-label"] for a, h in zip(calls, pinned))
    more = block.select_one(".cchc-hotline-block__more a")["href"]
    if url != "/404.html":  # the 404 page links from the site root
        assert site.resolve(url, more) == "/duong-day-nong/"


def test_call_buttons_are_large_enough_to_tap(site):
    css = site.file("/assets/stylesheets/services.css").read_text(encoding="utf-8")
    rule = css[css.index("a.cchc-call {"):]
    assert "min-height: 44px" in rule[:rule.index("}")]


def test_vcard_download_has_one_card_per_hotline(site):
    page = site.page("/duong-day-nong/")
    link = page.select_one('a[type="text/vcard"]')
    assert link.has_attr("download")
    data = site.file(site.resolve("/duong-day-nong/", link["href"])).read_bytes()
    text = data.decode("utf-8")
    callable_ = [h for h in CORPUS.hotlines if not h.sample]  # a sample number is never saved to contacts
    assert text.count("BEGIN:VCARD") == text.count("END:VCARD") == len(callable_)
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    tels = [line.split(":", 1)[1] for line in unfolded.split("\r\n") if line.startswith("TEL;")]
    assert tels == [p.e164 for h in callable_ for p in h.phones]
    assert "Sở Nội vụ" not in unfolded


def test_json_download_matches_the_listing(site):
    link = site.page("/duong-day-nong/").select_one('a[type="application/json"]')
    data = json.loads(site.file(site.resolve("/duong-day-nong/", link["href"])).read_text(encoding="utf-8"))
    assert [h["id"] for h in data["hotlines"]] == [h.slug for h in CORPUS.hotlines]
    national = data["hotlines"][0]
    assert national["phones"] == [{"display": "1800 1096", "tel": "tel:18001096", "kind": "freephone", "label": None}]
    assert national["needs_check"] is True
    soc_trang = next(h for h in data["hotlines"] if h["id"] == "tinh-soc-trang")
    assert soc_trang["hours"] == [{"days": ["t2", "t3", "t4", "t5", "t6"], "times": ["07:00-11:00", "13:00-17:00"]}]
    assert soc_trang["closures"] == [{"from": "2027-02-04", "to": "2027-02-10", "note": "Nghỉ Tết Nguyên đán (lịch mẫu)"}]


def test_yaml_data_files_are_not_published(site):
    assert not list((site.root / "duong-day-nong").glob("*.yml"))
    assert not list((site.root / "phan-anh").glob("*.yml"))
