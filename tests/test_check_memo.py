"""`cchc check` keeps each file's results in the build cache (generator/checkmemo.py): a
second check reports exactly what the first did without reading unchanged files again,
and a changed file is read again. Each test writes its own small portal."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from generator import cache, checkmemo, images
from generator.cache import Cache
from generator.kinds import common

from .conftest import run_cchc
from .test_inventory import ARTICLE, portal, problems_in


def photo(width=40, height=30) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((width, height), 64).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def checked(root) -> list[str]:
    """The check's problem lines, with the memo on, as `cchc check` runs it."""
    images._inspect.cache_clear()  # the photos' in-process memo (one build or preview)
    checkmemo.use(root)
    try:
        return problems_in(root)
    finally:
        checkmemo.stop()


def broken_portal(tmp_path):
    return portal(tmp_path, {
        "content/tin-tuc/a.md": ARTICLE.format(title="A", extra="image: {src: anh.jpg, alt: Ảnh}\ntags: [Một cửa, '!!']\n")
        + "\nXem [trang](../gioi-thieu/khong-co.md) và ![](anh.jpg).\n",
        "content/tin-tuc/b.md": ARTICLE.format(title="B", extra="areas: [khong_co]\n"),
        "content/tin-tuc/c.md": ARTICLE.format(title="C", extra="") + "\nTheo [quy định][qd].\n",
        "content/tin-tuc/anh.jpg": photo(),
        "content/tin-tuc/hong.jpg": photo()[:200],
        "content/gioi-thieu/trang.md": "---\ntemplate: redirect.html\n---\n\n# Trang\n\n[về](../tin-tuc/a.md)\n",
    })


def never(*args, **kwargs):
    raise AssertionError("an unchanged file was read again")


def test_a_second_check_reports_the_same_without_reading_the_files_again(tmp_path, monkeypatch):
    root = broken_portal(tmp_path)
    without = problems_in(root)
    assert len(without) >= 6 and any("damaged" in p for p in without)  # the portal's problems are of every sort
    assert checked(root) == without  # the first check, storing what it found
    assert "check" in {kind for kind, _key, _size in Cache(root / cache.DIRECTORY).entries()}
    monkeypatch.setattr(common, "_read_and_check", never)
    monkeypatch.setattr(common, "read_body", never)
    monkeypatch.setattr("generator.content.read_body", never)
    monkeypatch.setattr(images, "_decoded", never)
    assert checked(root) == without


def test_a_changed_file_or_photo_is_read_again(tmp_path):
    root = portal(tmp_path, {
        "content/tin-tuc/a.md": ARTICLE.format(title="A", extra="image: {src: anh.jpg, alt: Ảnh}\n"),
        "content/tin-tuc/anh.jpg": photo(),
    })
    assert checked(root) == []
    article = root / "content" / "tin-tuc" / "a.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n[trang](khong-co.md)\n", encoding="utf-8")
    assert checked(root) == ['content/tin-tuc/a.md:11:9: link: "khong-co.md": there is no content/tin-tuc/khong-co.md (the address is relative to this file)']
    (root / "content" / "tin-tuc" / "anh.jpg").write_bytes(photo(60, 40)[:300])
    assert checked(root)[-1] == "content/tin-tuc/anh.jpg:1:1: the image file is damaged or cut short; save or copy it again from the original"
    (root / "content" / "tin-tuc" / "anh.jpg").write_bytes(photo(60, 40))
    article.write_text(ARTICLE.format(title="A", extra="image: {src: anh.jpg, alt: Ảnh}\n"), encoding="utf-8")
    assert checked(root) == []


def test_the_messages_language_is_part_of_the_key(tmp_path, monkeypatch):
    root = portal(tmp_path, {"content/tin-tuc/b.md": ARTICLE.format(title="B", extra="draft: có lẽ\n")})
    english = checked(root)
    monkeypatch.setenv("CCHC_LANG", "vi")
    vietnamese = checked(root)
    assert len(english) == len(vietnamese) == 1 and english != vietnamese
    monkeypatch.setenv("CCHC_LANG", "en")
    assert checked(root) == english


@pytest.mark.parametrize("switch", ["1", "0"])
def test_the_command_keeps_its_output_and_exit_code_with_or_without_the_memo(tmp_path, monkeypatch, switch):
    root = broken_portal(tmp_path)
    monkeypatch.setenv("CCHC_CACHE", switch)
    first, second = run_cchc(root, "check"), run_cchc(root, "check")
    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr and first.stdout == second.stdout
    assert "content/tin-tuc/hong.jpg:1:1: the image file is damaged" in first.stderr
    assert (root / ".cache").exists() == (switch == "1")
