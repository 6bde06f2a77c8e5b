"""Generator tests (fixture portal and tmp portals). Procedure guides: front matter messages verbatim, and the built /thu-tuc/ pages."""
from __future__ import annotations

import json
import re

import pytest

from generator.kinds.procedure import WAYS

from .conftest import fixture_corpus
from .test_content_validation import GOOD as ARTICLE, corpus_with

PROCEDURE = """---
code: "1.001193"
name: "Đăng ký khai sinh"
field: "Hộ tịch"
level: xa
agency: "Ủy ban nhân dân cấp xã"
applicants: "Cha, mẹ của trẻ"
channels:
  - way: truc_tiep
    time: "Trong ngày"
    fee: 0
  - way: truc_tuyen
    time: "Trong ngày"
    fee: 0
dossier:
  - name: "Tờ khai"
    originals: 1
steps:
  - "Nộp hồ sơ."
result: "Giấy khai sinh"
online: toan_trinh
legal_bases:
  - number: "60/2014/QH13"
    title: "Luật Hộ tịch"
last_checked: 2026-10-01
---

Lưu ý.
"""

CORPUS = fixture_corpus()
PROCEDURES = {p.slug: p for p in CORPUS.procedures}


def procedure_problems(tmp_path, text, **files):
    return corpus_with(tmp_path, {"thu-tuc/x.md": text, **files})[1]


def test_a_good_procedure(tmp_path):
    corpus, problems = corpus_with(tmp_path, {"thu-tuc/x.md": PROCEDURE.replace("online: toan_trinh", "online: muc_do_3")})
    assert problems == []
    (p,) = corpus.procedures
    assert (p.code, p.url, p.online_now, p.online_label) == ("1.001193", "/thu-tuc/x/", "mot_phan", "Một phần (trước đây: mức độ 3)")
    assert str(p.channels[0].fee) == "Không mất phí"
    assert p.national_url == "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('code: "1.001193"', "code: 1.001193", ['content/thu-tuc/x.md:2:7: code: YAML reads 1.001193 as a number (put it in quotes: "1.001193")']),
        ('code: "1.001193"', 'code: "1.1193"', ['content/thu-tuc/x.md:2:7: code: "1.1193" is not a procedure code (write the code as on dichvucong.gov.vn, a digit, a dot and six digits: "1.001193")']),
        ('code: "1.001193"', 'code: "1.001193.000.00.00.H58"', ['content/thu-tuc/x.md:2:7: code: "1.001193.000.00.00.H58" is a local code (use the national code, the part before .000: "1.001193")']),
        ("online: toan_trinh", "online: muc_do_2", ['content/thu-tuc/x.md:21:9: online: unknown value "muc_do_2" (did you mean "muc_do_4"?)']),
        ("online: toan_trinh", "online: none", ["content/thu-tuc/x.md:21:9: online: is none, but channels has a truc_tuyen (online) way (set online: mot_phan or toan_trinh, or remove the online channel)"]),
        ('  - way: truc_tuyen\n    time: "Trong ngày"\n    fee: 0\n', "", ["content/thu-tuc/x.md:18:9: online: says the procedure is online (toan_trinh), but channels has no truc_tuyen way (add a channel with way: truc_tuyen, its time and fee)"]),
        ("way: truc_tiep", "way: truc_tiếp", ['content/thu-tuc/x.md:9:10: channels[1].way: unknown value "truc_tiếp" (did you mean "truc_tiep"?)']),
        ("way: truc_tuyen", "way: truc_tiep", [
            'content/thu-tuc/x.md:12:10: channels[2].way: "truc_tiep" is already channels[1] (give each way of submitting once)',
            "content/thu-tuc/x.md:21:9: online: says the procedure is online (toan_trinh), but channels has no truc_tuyen way (add a channel with way: truc_tuyen, its time and fee)",
        ]),
        ("fee: 0\n  - way: truc_tuyen", "fee: 2.000\n  - way: truc_tuyen", ['content/thu-tuc/x.md:11:10: channels[1].fee: YAML reads 2.000 as a decimal number (write the amount in đồng without dots, 2000, or the wording in quotes: "2.000 đồng")']),
        ("fee: 0\n  - way: truc_tuyen", "fee: -5\n  - way: truc_tuyen", ['content/thu-tuc/x.md:11:10: channels[1].fee: -5 is not a fee (write a whole number of đồng (0 when free) or the wording in quotes: "Miễn lệ phí")']),
        ("    originals: 1\n", "", ["content/thu-tuc/x.md:16:11: dossier[1]: does not say how many papers to bring (add originals: 1 (bản chính) and/or copies: 1 (bản sao), or show: true for a paper only shown at the desk)"]),
        ("    originals: 1\n", "    originals: 1\n    form: mau/khong-co.pdf\n", ['content/thu-tuc/x.md:18:11: dossier[1].form: no file "mau/khong-co.pdf" next to this page (give the form\'s web address (https://…) or put the file in content/ and give its path relative to this page)']),
        ('  - "Nộp hồ sơ."', '  - {text: "Nộp"}', ["content/thu-tuc/x.md:19:5: steps[1].title: is missing (add `title:` to `steps[1]`)"]),
        ('legal_bases:\n  - number: "60/2014/QH13"\n    title: "Luật Hộ tịch"\n', "", ["content/thu-tuc/x.md:2:1: legal_bases: is missing (add `legal_bases:` to the file)"]),
        ("last_checked: 2026-10-01", "last_checked: 2026-02-30", ['content/thu-tuc/x.md:25:15: last_checked: "2026-02-30" is not a date: February 2026 has 28 days']),
    ],
)
def test_procedure_mistakes(tmp_path, old, new, expected):
    assert old in PROCEDURE
    assert procedure_problems(tmp_path, PROCEDURE.replace(old, new)) == expected


def test_a_procedure_is_described_once(tmp_path):
    assert procedure_problems(tmp_path, PROCEDURE, **{"thu-tuc/y.md": PROCEDURE}) == [
        "content/thu-tuc/y.md:2:7: code: procedure 1.001193 is also described in content/thu-tuc/x.md (describe each procedure in one file)"
    ]


def test_the_generated_list_cannot_be_hidden(tmp_path):
    assert corpus_with(tmp_path, {"thu-tuc/index.md": PROCEDURE})[1] == [
        "content/thu-tuc/index.md:1:1: gets the same address /thu-tuc/ as a page the portal makes itself (rename or move this file)"
    ]


def test_articles_reference_procedures_by_code(tmp_path):
    article = ARTICLE.format(extra='procedures: ["1.001194", "9.999999", 1.001193]\n')
    assert procedure_problems(tmp_path, PROCEDURE, **{"tin-tuc/a.md": article}) == [
        'content/tin-tuc/a.md:6:14: procedures[1]: no procedure "1.001194" in content/thu-tuc/ (did you mean "1.001193" (Đăng ký khai sinh)?)',
        'content/tin-tuc/a.md:6:26: procedures[2]: no procedure "9.999999" in content/thu-tuc/ (a procedure is known by the `code:` in its file in content/thu-tuc/)',
        'content/tin-tuc/a.md:6:38: procedures[3]: YAML reads 1.001193 as a number (put it in quotes: "1.001193")',
    ]


# --- the built fixture portal ------------------------------------------------------------------

def test_the_fixture_has_commune_procedures_of_every_online_level():
    assert len([p for p in CORPUS.procedures if p.level == "xa"]) >= 10
    assert all(p.sample for p in CORPUS.procedures)
    assert {p.online_now for p in CORPUS.procedures} == {"toan_trinh", "mot_phan", "none"}
    assert {p.online for p in CORPUS.procedures} >= {"muc_do_3", "muc_do_4"}


def test_procedure_list_filters_by_data_attributes_without_a_server(site):
    page = site.page("/thu-tuc/")
    items = page.select("#danh-sach-thu-tuc > li")
    assert [site.resolve("/thu-tuc/", li.select_one("h2 a")["href"]) for li in items] == [p.url for p in CORPUS.procedures]
    form = page.select_one("form[data-cchc-filter]")
    assert form.has_attr("hidden")  # shown by the script; without it the full list stays
    assert form["aria-controls"] == "danh-sach-thu-tuc"
    count = page.find(id=form["data-count"])
    assert count["aria-live"] == "polite" and count.get_text() == f"{len(items)} thủ tục"
    selects = form.select("select[data-filter]")
    assert [s["data-filter"] for s in selects] == ["field", "agency", "level", "online"]
    for select in selects:
        assert form.select_one(f"label[for={select['id']}]").get_text()
        values = {o["value"] for o in select.select("option")} - {""}
        assert values == {li[f"data-{select['data-filter']}"] for li in items}
    online = {li.select_one("h2 a").get_text(): li["data-online"] for li in items}
    assert online["Cấp Giấy xác nhận tình trạng hôn nhân"] == "toan_trinh"  # muc_do_4, filtered as today's level
    assert online["Chứng thực chữ ký trong giấy tờ, văn bản"] == "none"
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any(src.endswith("assets/javascripts/services.js") for src in scripts)


@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_procedure_page_is_a_step_by_step_guide(site, slug):
    p = PROCEDURES[slug]
    page = site.page(p.url)
    article = page.select_one("article")
    assert article.select_one("h1").contents[0].strip() == p.name
    # What to bring: a checklist with a box per paper, and how many of each.
    items = article.select("ul.cchc-checklist > li")
    assert [li.select_one(".cchc-checklist__name").get_text() for li in items] == [d.name for d in p.dossier]
    for li, doc in zip(items, p.dossier):
        box = li.select_one("input[type=checkbox]")
        assert li.select_one(f"label[for={box['id']}]") is not None
        assert li.select_one(".cchc-checklist__count").get_text() == doc.counts
    # The steps, in order.
    assert len(article.select("ol.cchc-steps > li")) == len(p.steps)
    # Time and fee for each way of submitting.
    rows = article.select("table.cchc-channels tbody tr")
    assert [(r["data-way"], r.th.get_text(), r.select_one(".cchc-fee").get_text()) for r in rows] == [(c.way, WAYS[c.way], str(c.fee)) for c in p.channels]
    assert [r.select("td")[0].get_text() for r in rows] == [c.time for c in p.channels]
    # Apply online only where the procedure is online; the national portal by code always.
    button = article.select_one("a.cchc-start__button")
    assert (button is not None) == (p.online_now != "none")
    if button:
        assert button["href"] == p.national_url
    assert any(a["href"] == p.national_url and p.code in a.get_text() for a in article.select("a"))
    # Legal bases, when last checked, and the sample notice.
    assert [r.select("td")[0].get_text() for r in article.select("table.cchc-legal tbody tr")] == [b.number for b in p.legal_bases]
    assert article.select_one(".cchc-checked time")["datetime"] == p.last_checked.isoformat()
    assert "dichvucong.gov.vn" in str(article.select_one(".cchc-sample"))


@pytest.mark.parametrize("slug", sorted(PROCEDURES))
def test_json_ld_parses_and_matches_the_front_matter(site, slug):
    p = PROCEDURES[slug]
    (script,) = site.page(p.url).select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "GovernmentService"
    assert data["url"] == "https://example.gov.vn/cchc" + p.url
    assert (data["name"], data["identifier"], data["serviceType"]) == (p.name, p.code, p.field)
    assert data["provider"] == {"@type": "GovernmentOrganization", "name": p.agency}
    assert [c["name"] for c in data["availableChannel"]] == [WAYS[c.way] for c in p.channels]
    for entry, channel in zip(data["availableChannel"], p.channels):
        assert channel.time in entry["description"] and str(channel.fee) in entry["description"]
    assert data["sameAs"] == p.national_url
    assert data.get("description") == p.summary


def test_legacy_online_levels_show_their_present_equivalent(site):
    facts = site.page("/thu-tuc/xac-nhan-tinh-trang-hon-nhan/").select_one(".cchc-procedure__facts").get_text(" ")
    assert "Toàn trình (trước đây: mức độ 4)" in facts
    facts = site.page("/thu-tuc/chung-thuc-ban-sao/").select_one(".cchc-procedure__facts").get_text(" ")
    assert "Một phần (trước đây: mức độ 3)" in facts


def test_a_procedure_lists_the_news_and_feedback_that_mention_it(site):
    url = "/thu-tuc/dang-ky-khai-sinh/"
    page = site.page(url)
    news = {site.resolve(url, a["href"]) for a in page.select(".cchc-related-news a")}
    assert news == {a.url for a in CORPUS.articles if any(r.code == "1.001193" for r in a.procedures)} and news
    asked = {site.resolve(url, a["href"]) for a in page.select(".cchc-feedback-list > li > a")}
    assert asked == {f.url for f in CORPUS.feedback if f.procedure and f.procedure.code == "1.001193"} and asked


def test_an_article_links_the_procedures_it_names(site):
    article = next(a for a in CORPUS.articles if len(a.procedures) == 2 and a.src.endswith("muc-do-3.md"))
    links = site.page(article.url).select(".cchc-related-procedures a")
    assert [site.resolve(article.url, a["href"]) for a in links] == [PROCEDURES[s].url for s in ("dang-ky-khai-sinh", "chung-thuc-ban-sao")]


def test_service_pages_ask_no_other_host_for_anything(site):
    for url in ["/thu-tuc/", *(p.url for p in CORPUS.procedures), "/duong-day-nong/", "/phan-anh/"]:
        page = site.page(url)
        for tag in page.select("script[src], img[src], link[href], iframe, audio[src], video[src], source[src]"):
            target = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") not in (["stylesheet"], ["preload"], ["icon"], ["modulepreload"]):
                continue
            assert not re.match(r"^(https?:)?//", target), (url, target)


def test_procedure_guides_print_cleanly(site):
    page = site.page("/thu-tuc/dang-ky-khai-sinh/")
    sheets = [l["href"] for l in page.select("link[rel=stylesheet]")]
    css_href = next(h for h in sheets if h.endswith("services.css"))
    css = site.file(site.resolve("/thu-tuc/dang-ky-khai-sinh/", css_href)).read_text(encoding="utf-8")
    printed = css[css.index("@media print"):]
    for hidden in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".cchc-print"):
        assert hidden in printed.split("display: none")[0]
    assert '.cchc-checklist label::before { content: "☐"' in printed
    assert page.select_one("button[data-cchc-print][hidden]") is not None  # shown only by the script
