"""The search box with an archive of older news (generator/search_archive.py), in Debian's
Chromium: a small portal built with the main index's limit set to one page, so its newest
month of news stays in the main index and its older months go to the archive."""
from __future__ import annotations

import json

import pytest

from generator import search_archive

from .browser_support import serve
from .conftest import run_cchc
from .test_browser_search import ask as search_box
from .test_inventory import portal


def _article(title: str, date: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {date} 08:30\nsummary: {title}.\nareas: [thu_tuc_hanh_chinh]\n---\n\n{body}\n"


RECENT = {f"content/tin-tuc/2026/mot-cua-{n}.md": _article(f"Bộ phận Một cửa phường {n} đón người dân", f"2026-11-{n + 1:02d}",
                                                            f"Bộ phận Một cửa phường {n} tiếp nhận hồ sơ đúng hạn.") for n in range(1, 5)}
OLD = {
    "content/tin-tuc/2023/le-hoi-banh-pia.md": _article("Tuyên truyền tại lễ hội bánh pía", "2023-05-10",
                                                          "Bộ phận Một cửa dựng gian hàng tuyên truyền, nhận hồ sơ tại lễ hội bánh pía."),
    "content/tin-tuc/2024/mot-cua-luu-dong.md": _article("Một cửa lưu động về ấp", "2024-02-20",
                                                         "Bộ phận Một cửa lưu động nhận hồ sơ tại nhà văn hóa ấp."),
}


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    """(base URL, site) of a small portal built with a main index of one page: its news of
    November 2026 stay in the main index, those of 2024 and 2023 go to the archive."""
    root = portal(tmp_path_factory.mktemp("search-archive"), {**RECENT, **OLD})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(search_archive.MAIN_PAGES_VARIABLE, "1")
        built = run_cchc(root, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    mount = tmp_path_factory.mktemp("served-archive")
    (mount / "cchc").symlink_to(root / "site", target_is_directory=True)
    url, stop = serve(mount)
    yield url + "/cchc", root / "site"
    stop()


def test_the_build_writes_the_archive_by_year_and_says_where_the_main_index_starts(archived):
    _, site = archived
    manifest = json.loads((site / "pagefind" / search_archive.MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"before": "2026-11", "years": ["2024", "2023"]}
    for year in manifest["years"]:
        part = site / "pagefind" / "luu-tru" / year
        assert (part / "pagefind-entry.json").is_file()
        assert not [p.name for p in part.iterdir() if p.suffix in (".js", ".css")]  # the main index's script searches it


def ask(page, query: str) -> list[str]:
    """Type a query; the main index's result addresses (below /cchc), once they are shown."""
    return search_box(page, query, ".cchc-search__panel > .cchc-search__list a")


def older(page, query: str) -> tuple[str, list[tuple[str, str]]]:
    """The archive's part of the panel once it has answered `query`: (status, [(kind, address)])."""
    page.wait_for_selector(f".cchc-search__older[data-query={json.dumps(query, ensure_ascii=False)}]", state="attached")
    status = page.text_content(".cchc-search__older p.cchc-search__status")
    items = page.eval_on_selector_all(
        ".cchc-search__older .cchc-search__result",
        "els => els.map(li => [li.querySelector('.cchc-search__kind').textContent, new URL(li.querySelector('a').href).pathname])")
    return status, [(kind, path.removeprefix("/cchc")) for kind, path in items]


def test_an_old_article_is_found_through_the_archive_and_labelled(page, archived):
    base, _ = archived
    page.goto(base + "/")
    found = ask(page, "banh pia")
    assert len(found) < 3 and "/tin-tuc/2023/05/le-hoi-banh-pia/" not in found  # few, and not in the main index
    status, items = older(page, "banh pia")
    assert items == [("Tin cũ", "/tin-tuc/2023/05/le-hoi-banh-pia/")]
    assert status == "Tin cũ, đăng trước tháng 11/2026: 1 kết quả"


def test_with_enough_recent_results_the_archive_waits_for_the_reader(page, archived):
    base, _ = archived
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/")
    found = ask(page, "mot cua")
    assert len(found) >= 3 and "/tin-tuc/2026/11/mot-cua-1/" in found
    assert not [path for path in found if path.startswith(("/tin-tuc/2023/", "/tin-tuc/2024/"))]
    status, items = older(page, "mot cua")
    assert items == [] and status == ""
    button = page.locator(".cchc-search__older-button")
    assert button.is_visible() and button.text_content() == "Tìm cả tin cũ (đăng trước tháng 11/2026)"
    assert not [url for url in requests if "/pagefind/luu-tru/" in url]  # nothing of the archive loaded
    page.evaluate("document.querySelector('.cchc-search__older').removeAttribute('data-query')")
    button.click()
    status, items = older(page, "mot cua")
    assert sorted(items) == [("Tin cũ", "/tin-tuc/2023/05/le-hoi-banh-pia/"), ("Tin cũ", "/tin-tuc/2024/02/mot-cua-luu-dong/")]
    assert status == "Tin cũ, đăng trước tháng 11/2026: 2 kết quả"
    assert not button.is_visible()
    # asked once, the archive is searched with every later query, however many recent results
    assert len(ask(page, "ho so")) >= 4
    _, items = older(page, "ho so")
    assert sorted(items) == [("Tin cũ", "/tin-tuc/2023/05/le-hoi-banh-pia/"), ("Tin cũ", "/tin-tuc/2024/02/mot-cua-luu-dong/")]


def test_a_search_narrowed_to_another_type_leaves_the_archive_out(page, archived):
    base, _ = archived
    page.goto(base + "/")
    page.select_option("[data-cchc-type]", "Thủ tục")
    ask(page, "banh pia")
    status, items = older(page, "banh pia")
    assert items == [] and status == ""
    assert not page.locator(".cchc-search__older-button").is_visible()
