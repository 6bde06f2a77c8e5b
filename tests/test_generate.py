"""`cchc generate`: the site's Markdown source in a folder that plain MkDocs builds without
the cchc plugin, giving the same pages as `cchc build` (the plugin's own post-processing
aside: sanitizer, CSP, link check, search, share pictures)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from generator.generate import relocated

from .conftest import Site, run_cchc
from .test_inventory import ARTICLE, PLAN, portal


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


FILES = {
    "plans/2026-xa-15.yml": PLAN,
    "content/tin-tuc/2026/mot.md": ARTICLE.format(title="Bài một", extra="delivers: [\"2026-xa-15#1\"]\ntags: [một cửa]\n")
    + "\n![Ảnh hội nghị](anh/hoi-nghi.png)\n\nXem [bài hai](hai.md) và [trang giới thiệu](../../gioi-thieu.md#lien-he).\n",
    "content/tin-tuc/2026/hai.md": ARTICLE.format(title="Bài hai", extra="tags: [một cửa]\n").replace("2026-03-15", "2026-04-01"),
    "content/tin-tuc/2026/sau.md": ARTICLE.format(title="Bài chưa đăng", extra="").replace("2026-03-15", "2026-12-30"),
    "content/tin-tuc/2026/anh/hoi-nghi.png": png(),
    "content/gioi-thieu.md": "# Giới thiệu\n\nTrang giới thiệu.\n\n## Liên hệ\n\nGọi điện.\n",
}


def plain_build(folder: Path) -> Site:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml")],
                            cwd=folder, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return Site(folder / "site")


def pages_of(site: Site) -> set[str]:
    skip = ("anh-chia-se/", "pagefind/", "assets/", "404.html")
    return {"/" + p.relative_to(site.root).as_posix().removesuffix("index.html")
            for p in site.root.rglob("*.html") if not p.relative_to(site.root).as_posix().startswith(skip) and p.name != "404.html"}


def text(soup, selector: str) -> str:
    for share in soup.select(".cchc-share"):  # the share button: the plugin's (share.py)
        share.decompose()
    found = soup.select_one(selector)
    return " ".join(found.get_text(" ").split()) if found else ""


def test_generated_folder_builds_without_the_plugin_into_the_same_pages(tmp_path):
    (tmp_path / "p").mkdir()
    project = portal(tmp_path / "p", FILES)
    built = run_cchc(project, "build")
    assert built.returncode == 0, built.stderr
    ours = Site(project / "site")
    generated = run_cchc(project, "generate", str(tmp_path / "src"))
    assert generated.returncode == 0, generated.stderr
    src = tmp_path / "src"
    config = (src / "mkdocs.yml").read_text(encoding="utf-8")
    assert "cchc" not in config.split("plugins:", 1)[1].split("\n", 1)[0] and "plugins: []" in config
    assert "the Pagefind search index" in config  # what a canary build lacks is said at its top
    # Moved to its address, with its header and footer; unpublished pages and data left out.
    article = (src / "docs/tin-tuc/2026/03/mot/index.md").read_text(encoding="utf-8")
    assert article.startswith("---\ntitle: Bài một\n") and "](../../anh/hoi-nghi.png)" in article and "](../../04/hai/index.md)" in article
    assert "](../../../../gioi-thieu.md#lien-he)" in article
    assert not (src / "docs/tin-tuc/2026/mot.md").exists() and not list(src.rglob("sau*"))
    assert (src / "docs/tin-tuc/feed.xml").read_bytes() == (ours.root / "tin-tuc/feed.xml").read_bytes()
    assert (src / "docs/ke-hoach/2026-xa-15/2026-xa-15.ics").read_bytes() == (ours.root / "ke-hoach/2026-xa-15/2026-xa-15.ics").read_bytes()
    plain = plain_build(src)
    assert pages_of(plain) == pages_of(ours)
    assert "/tin-tuc/2026/03/mot/" in pages_of(ours) and "/tin-tuc/2026/12/sau/" not in pages_of(ours)
    for url in sorted(pages_of(ours)):
        a, b = ours.page(url), plain.page(url)
        for block in a.select(".cchc-home"):  # the home page's services come from the plugin's theme globals (CANARY_LACKS)
            block.decompose()
        assert text(b, "title") == text(a, "title"), url
        assert text(b, "article h1") == text(a, "article h1"), url
        assert text(b, "article") == text(a, "article"), url
        links = [x["href"] for x in b.select("article a[href]") if not x["href"].startswith(("http", "#", "mailto:", "tel:"))]
        assert links == [x["href"] for x in a.select("article a[href]") if not x["href"].startswith(("http", "#", "mailto:", "tel:"))], url
        for href in links:
            assert plain.file(Site.resolve(url, href)).is_file(), (url, href)
    image = plain.page("/tin-tuc/2026/03/mot/").select_one("article img")
    assert (plain.root / "tin-tuc/2026/03/mot" / image["src"]).resolve().is_file()


def test_a_moved_page_keeps_its_links_to_files_and_leaves_addresses_alone():
    body = "![a](anh/x.png) [b](../khac.md#muc) [c](../thu-tuc/) [d](https://x.vn/a.md) <img src=\"anh/y.png\" alt=\"y\"> [t][r]\n\n[r]: tep.pdf\n`[e](z.md)`\n"
    moved = relocated(body, "tin-tuc/2026/mot.md", "tin-tuc/2026/03/mot/index.md")
    assert moved == ("![a](../../anh/x.png) [b](../../../khac.md#muc) [c](../thu-tuc/) [d](https://x.vn/a.md) <img src=\"anh/y.png\" alt=\"y\"> [t][r]\n\n"
                     "[r]: ../../tep.pdf\n`[e](z.md)`\n")
    assert relocated(body, "a/b.md", "a/c.md") == body
    assert relocated("[x](b.md#y)", "a/c.md", "a/c.md", {"a/b.md": "a/2026/b/index.md"}) == "[x](2026/b/index.md#y)"


def test_generate_never_replaces_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "p").mkdir()
    project = portal(tmp_path / "p", {})
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    result = run_cchc(project, "generate", str(tmp_path / "mine"))
    assert result.returncode == 2
    assert "is not empty and was not written by cchc generate: give a new or empty folder" in result.stderr
    assert (tmp_path / "mine" / "notes.txt").is_file()
    assert run_cchc(project, "generate", str(tmp_path / "src")).returncode == 0
    again = run_cchc(project, "generate", str(tmp_path / "src"))  # its own folder is replaced
    assert again.returncode == 0, again.stderr


def test_the_refusal_reads_in_vietnamese(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "vi")
    (tmp_path / "p").mkdir()
    project = portal(tmp_path / "p", {})
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    result = run_cchc(project, "generate", str(tmp_path / "mine"))
    assert result.returncode == 2
    assert "đã có nội dung khác, không phải do lệnh cchc generate tạo ra: hãy chọn một thư mục mới hoặc thư mục trống" in result.stderr
