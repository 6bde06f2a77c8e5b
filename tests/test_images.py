"""Generator tests (copies of the fixture portal, hand-made images): photos are served no wider than the page needs, with their size on the <img>."""
from __future__ import annotations

import io
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from generator import images

from .conftest import copy_project, run_cchc


def png(path: Path, width: int, height: int) -> Path:
    Image.new("RGB", (width, height), (155, 28, 28)).save(path)
    return path


def test_wide_photos_are_scaled_to_the_column_and_small_ones_left_alone(tmp_path):
    wide, small = png(tmp_path / "wide.png", 3000, 2000), png(tmp_path / "small.png", 800, 600)
    assert images.needs_resize(wide) and not images.needs_resize(small)
    assert images.display_size(wide) == (1200, 800) and images.display_size(small) == (800, 600)
    data = images.resized(wide)
    assert Image.open(io.BytesIO(data)).size == (1200, 800)
    assert images.resized(wide) == data  # same input, same bytes


def test_svg_size_comes_from_its_viewbox(tmp_path):
    svg = tmp_path / "a.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180"></svg>', encoding="utf-8")
    assert images.display_size(svg) == (320, 180)


def test_an_article_photo_is_resized_in_the_built_site_only(tmp_path):
    project = copy_project(tmp_path)
    article = project / "content" / "tin-tuc" / "2021" / "ket-qua-cchc-2020.md"
    original = png(article.parent / "anh-lon.png", 2400, 1600)
    before = original.read_bytes()
    text = article.read_text(encoding="utf-8")
    start = text.index("image:")
    end = text.index("\n", text.index("alt", start))
    article.write_text(text[:start] + 'image: {src: anh-lon.png, alt: "Ảnh hội nghị"}' + text[end:], encoding="utf-8")
    assert run_cchc(project, "build").returncode == 0
    served = project / "site" / "tin-tuc" / "2021" / "anh-lon.png"
    assert Image.open(served).size == (1200, 800)
    assert original.read_bytes() == before
    page = BeautifulSoup((project / "site/tin-tuc/2021/03/ket-qua-cchc-2020/index.html").read_text(encoding="utf-8"), "html.parser")
    img = page.select_one(".cchc-article__image img")
    assert (img["width"], img["height"], img["loading"]) == ("1200", "800", "lazy")
