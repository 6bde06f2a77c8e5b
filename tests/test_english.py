"""Generator tests: the organisation page in Vietnamese and in English (Nghị định 42/2022),
from content/gioi-thieu/co-quan.yml and content/en/organisation.yml, and the warning when
the English data is older than the Vietnamese. Each test writes its own small portal."""
from __future__ import annotations

import pytest
import yaml

from generator.kinds.hotline import parse_phone

from .conftest import Site, run_cchc
from .test_inventory import portal, problems_in

VI_PATH, EN_PATH = "content/gioi-thieu/co-quan.yml", "content/en/organisation.yml"
VI = """\
name: Ủy ban nhân dân xã Thử
functions:
  - Quản lý nhà nước trên địa bàn xã.
  - Giải quyết thủ tục hành chính tại Bộ phận Một cửa.
structure:
  - name: Văn phòng
    description: Tham mưu tổng hợp.
  - name: Bộ phận Một cửa
address: Số 9 đường Thử, xã Thử
phone: "0299 3000 111"
email: ubnd@xathu.example.gov.vn
officials:
  - name: Phạm Văn Đ
    position: Chủ tịch
    phone: "0912 000 111"
    email: chutich@xathu.example.gov.vn
updated: {updated}
"""
EN = """\
name: People's Committee of Thu Commune
functions:
  - State management in the commune.
  - Administrative procedures at the one-stop desk.
structure:
  - name: Office
    description: General advice.
  - name: One-stop desk
address: No. 9 Thu Street, Thu Commune
phone:
  number: "0299 3000 111"
  label: Reception
email: ubnd@xathu.example.gov.vn
officials:
  - name: Pham Van D
    position: Chairperson
    phone: "0912 000 111"
    email: chutich@xathu.example.gov.vn
updated: {updated}
sample: true
"""


def both(vi_updated="2026-10-01", en_updated="2026-10-01") -> dict[str, str]:
    return {VI_PATH: VI.format(updated=vi_updated), EN_PATH: EN.format(updated=en_updated)}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = portal(tmp_path_factory.mktemp("english"), both())
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


def phone(value) -> object:
    """A phone as written: "0299 …", or {number: "0299 …", label: …}."""
    return parse_phone(value["number"] if isinstance(value, dict) else value)[0]


def shown_values(data: dict) -> list[str]:
    """Every value of a data file as the page shows it (phones in their display form)."""
    values = [data["name"], data["address"], data["email"], phone(data["phone"]).display, *data["functions"]]
    values += [data["phone"]["label"]] if isinstance(data["phone"], dict) else []
    for unit in data["structure"]:
        values += [unit["name"], unit.get("description") or unit["name"]]
    for official in data["officials"]:
        values += [official["name"], official["position"], official["email"], phone(official["phone"]).display]
    return values


@pytest.mark.parametrize("url, path, lang", [("/en/", EN_PATH, "en"), ("/gioi-thieu/co-quan/", VI_PATH, "vi")])
def test_every_field_is_shown_in_the_page_language(built, url, path, lang):
    page = built.page(url)
    assert page.html["lang"] == lang
    data = yaml.safe_load(both()[path])
    body = page.select_one("[data-pagefind-body]")
    assert body.select_one(".cchc-organisation")["lang"] == lang
    text = body.get_text(" ", strip=True)
    missing = [v for v in shown_values(data) if v not in text]
    assert missing == []
    assert body.h1.get_text(strip=True) == data["name"]
    tels = {a["href"] for a in body.select("a.cchc-call")}
    callable_ = {phone(data["phone"]).tel} | {phone(o["phone"]).tel for o in data["officials"]}
    assert tels == (set() if data.get("sample") else callable_)  # a sample number is never a link to call
    mails = {a["href"] for a in body.select('a[href^="mailto:"]')}
    assert mails == {"mailto:" + data["email"]} | {"mailto:" + o["email"] for o in data["officials"]}
    assert body.select_one("time")["datetime"] == data["updated"].isoformat()


def test_sample_data_is_marked_as_sample(built):
    assert built.page("/en/").select_one(".cchc-sample .admonition-title").get_text(strip=True) == "Sample content"
    assert built.page("/gioi-thieu/co-quan/").select_one(".cchc-sample") is None  # the Vietnamese fixture is not sample


def test_the_english_page_is_linked_from_every_page_and_links_back(built):
    link = built.page("/").select_one(".cchc-language a")
    assert (link.get_text(strip=True), link["hreflang"], link["lang"]) == ("English", "en", "en")
    assert Site.resolve("/", link["href"]) == "/en/"
    back = built.page("/en/").select_one(".cchc-language a")
    assert (back.get_text(strip=True), back["hreflang"], back["lang"]) == ("Tiếng Việt", "vi", "vi")
    assert Site.resolve("/en/", back["href"]) == "/gioi-thieu/co-quan/"


def test_the_vietnamese_page_is_in_the_navigation(built):
    links = [a for a in built.page("/").select("nav a") if a.get_text(strip=True) == "Giới thiệu cơ quan"]
    assert links and Site.resolve("/", links[0]["href"]) == "/gioi-thieu/co-quan/"


def test_without_data_there_is_no_english_page_and_the_vietnamese_page_says_so(tmp_path):
    project = portal(tmp_path, {})
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stderr
    site = Site(project / "site")
    assert not site.file("/en/").exists()
    assert site.page("/").select_one(".cchc-language") is None
    assert site.page("/gioi-thieu/co-quan/").select_one(".cchc-organisation p").get_text(strip=True) == "Chưa có thông tin giới thiệu cơ quan."


def test_bad_data_is_reported_with_file_line_and_column(tmp_path):
    en = (EN.format(updated="2026-10-01")
          .replace('number: "0299 3000 111"', 'number: "0299 3000"')
          .replace("address: No. 9 Thu Street, Thu Commune\n", "adress: No. 9 Thu Street, Thu Commune\n"))
    vi = VI.format(updated="2026-10-01").replace("    position: Chủ tịch\n", "")
    portal(tmp_path, {VI_PATH: vi, EN_PATH: en})
    assert problems_in(tmp_path) == [
        "content/en/organisation.yml:1:1: address: is missing (add `address:` to the file)",
        "content/en/organisation.yml:9:1: adress: unknown field (did you mean \"address\"?)",
        'content/en/organisation.yml:11:11: phone.number: "0299 3000" is not a phone number: a landline has 11 digits (0, the area code and the number), found 8 '
        '(write it as on the notice: a landline "0299 3821 234", a mobile "0912 345 678" or "1800 1096")',
        "content/gioi-thieu/co-quan.yml:13:5: officials[1].position: is missing (add `position:` to `officials[1]`)",
    ]


def test_a_bad_email_is_reported(tmp_path):
    portal(tmp_path, both() | {EN_PATH: EN.format(updated="2026-10-01").replace("email: chutich@xathu.example.gov.vn", "email: chutich at xathu")})
    assert problems_in(tmp_path) == [
        'content/en/organisation.yml:18:12: officials[1].email: "chutich at xathu" is not an e-mail address (write it as name@example.gov.vn)',
    ]


def test_older_english_data_is_a_warning_of_check_and_build(tmp_path):
    project = portal(tmp_path, both(vi_updated="2026-11-02", en_updated="2026-10-01"))
    warning = (
        "content/en/organisation.yml:19:10: updated: the English version (2026-10-01) is older than the Vietnamese "
        "content/gioi-thieu/co-quan.yml (2026-11-02) (the law requires the English page to follow every change: "
        "translate what changed, then set updated: 2026-11-02)"
    )
    checked = run_cchc(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[1:] == ["1 warning:", warning]
    assert checked.stdout.startswith("OK: ")
    built = run_cchc(project, "build")  # strict: logged at INFO, so the portal is still published
    assert built.returncode == 0, built.stderr
    assert f"INFO    -  warning: {warning}" in built.stderr.splitlines()
    assert (project / "site" / "en" / "index.html").is_file()


def test_vietnamese_data_without_english_is_a_warning(tmp_path):
    project = portal(tmp_path, {VI_PATH: VI.format(updated="2026-10-01")})
    checked = run_cchc(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[1:] == [
        "1 warning:",
        "content/gioi-thieu/co-quan.yml:17:10: has no English version, which Nghị định 42/2022 requires "
        "(add content/en/organisation.yml with the same fields in English)",
    ]


@pytest.mark.parametrize("en_updated", ["2026-11-02", "2026-11-03"])
def test_english_data_as_new_or_newer_is_no_warning(tmp_path, en_updated):
    project = portal(tmp_path, both(vi_updated="2026-11-02", en_updated=en_updated))
    checked = run_cchc(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[1:] == []
    assert problems_in(tmp_path) == []


def test_a_plain_page_beside_the_organisation_data_is_still_a_page(tmp_path):
    # content/gioi-thieu/ holds only data of its kind: officers' own pages there stay pages.
    portal(tmp_path, both() | {"content/gioi-thieu/lien-he.md": "# Liên hệ\n"})
    assert problems_in(tmp_path) == []


def test_another_data_file_beside_the_organisation_data_says_where_it_goes(tmp_path):
    portal(tmp_path, both() | {"content/en/contacts.yml": "name: x\n"})
    assert problems_in(tmp_path) == [
        "content/en/contacts.yml:1:1: is not where English organisation details are read (English organisation details go in content/en/organisation.yml)",
    ]
