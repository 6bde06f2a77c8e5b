"""The citizen words of search: the built-in list, officers' content/tim-kiem/tu-khoa.yml
(checked like every kind), merged into /tim-kiem/tu-khoa.json and shown on /tim-kiem/tu-khoa/."""
from __future__ import annotations

import json

import yaml

from generator import search_words
from generator.kinds.search_words import folded

from .conftest import Site, run_cchc
from .test_inventory import portal, problems_in

OWN = """\
terms:
  - words: [tp, thanh pho]
    means: "thành phố"
  - words: [hotline]
    means: "tổng đài"
ignore: [nhé]
"""


def test_folding_matches_what_citizens_type():
    assert folded("Số Điện  Thoại!") == "so dien thoai"
    assert folded("sđt") == "sdt"


def test_the_built_in_list_covers_the_words_the_issue_names():
    words = {folded(w) for term in search_words.built_in()["terms"] for w in term["words"]}
    for word in ("dvc", "hotline", "sdt", "cccd", "vneid", "mot cua", "bhxh", "khai sinh", "giay khai sinh"):
        assert word in words, word


def test_officers_words_come_first_and_each_word_once(tmp_path):
    root = portal(tmp_path, {"content/tim-kiem/tu-khoa.yml": OWN})
    assert problems_in(root) == []
    result = run_cchc(root, "build")
    assert result.returncode == 0, result.stderr
    site = Site(root / "site")
    data = json.loads((site.root / "tim-kiem" / "tu-khoa.json").read_text(encoding="utf-8"))
    assert data["terms"][:2] == [{"words": ["tp", "thanh pho"], "means": "thành phố"}, {"words": ["hotline"], "means": "tổng đài"}]
    hotline = [t for t in data["terms"] if "hotline" in t["words"]]
    assert len(hotline) == 1  # the built-in meaning of "hotline" gave way to the officers'
    assert data["ignore"][0] == "nhé" and "ở đâu" in data["ignore"]
    shown = site.page("/tim-kiem/tu-khoa/").get_text(" ")
    assert "thành phố" in shown and "sđt" in shown
    assert site.file("/tim-kiem/").is_file()


def test_a_word_listed_under_two_meanings_or_without_letters_is_reported(tmp_path):
    root = portal(tmp_path, {"content/tim-kiem/tu-khoa.yml": "terms:\n  - words: [sdt, '!!']\n    means: điện thoại\n  - words: [SĐT]\n    means: đường dây nóng\n"})
    assert problems_in(root) == [
        'content/tim-kiem/tu-khoa.yml:2:12: terms[1].words: "!!" has no letters or digits (write the word as citizens type it, e.g. "sđt")',
        'content/tim-kiem/tu-khoa.yml:4:12: terms[2].words: "SĐT" already means "điện thoại" (list each word once, under the meaning it should have)',
    ]


def test_a_term_without_its_meaning_is_reported(tmp_path):
    root = portal(tmp_path, {"content/tim-kiem/tu-khoa.yml": "terms:\n  - words: [sdt]\n"})
    assert any("means" in line for line in problems_in(root))


def test_the_built_in_list_is_valid_data():
    data = yaml.safe_load(search_words.BUILT_IN.read_text(encoding="utf-8"))
    assert set(data) == {"terms", "ignore"}
    assert all(term["words"] and term["means"] for term in data["terms"])


def test_officers_read_the_problem_in_vietnamese(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "vi")
    root = portal(tmp_path, {"content/tim-kiem/tu-khoa.yml": "terms:\n  - words: [sdt]\n    means: a\n  - words: [sđt]\n    means: b\n"})
    assert problems_in(root)[-1].endswith('"sđt" đã được khai báo với nghĩa "a" (mỗi từ chỉ ghi một lần, ở mục có nghĩa đúng của nó)')
