"""What `cchc serve` does after a save, and that it gives the page a clean build gives:
the memory of rendered templates (generator/remember.py), the assembled site kept when only
an article's text changed, and the files a partial rebuild leaves alone
(generator/preview.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import time
from pathlib import Path

import pytest
from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import Image

from generator import pages, preview, remember
from generator.kinds import common

from .test_build_cache import tree
from .test_generate import FILES
from .test_inventory import ARTICLE, portal

TODAY = dt.date(2026, 11, 22)


# --- the memory of rendered templates -------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    tags: tuple = ()
    where: dict = dataclasses.field(default_factory=dict, compare=False)  # like an item's locations


class Counting:
    """A render that counts how often it really ran."""

    def __init__(self):
        self.runs = 0

    def __call__(self, memory: remember.Memory, template: str = "t", **context) -> str:
        def make():
            self.runs += 1
            return f"{template}:{sorted((k, repr(v)) for k, v in context.items())}"
        return memory.render(template, context, make)


def test_equal_context_values_render_once_even_as_new_objects():
    memory, render = remember.Memory(), Counting()
    first = render(memory, item=Item("Bài", ("a",)), items=[Item("x")], plans={"k": Item("p")}, n=1)
    memory.new_build()  # the next build loads every item again: new objects, equal values
    again = render(memory, item=Item("Bài", ("a",)), items=[Item("x")], plans={"k": Item("p")}, n=1)
    assert again == first and render.runs == 1
    render(memory, item=Item("Bài", ("b",)), items=[Item("x")], plans={"k": Item("p")}, n=1)  # a tag changed
    render(memory, item=Item("Bài", ("a",)), items=[Item("x")], plans={"k": Item("q")}, n=1)  # a plan changed
    render(memory, "other", item=Item("Bài", ("a",)), items=[Item("x")], plans={"k": Item("p")}, n=1)  # another template
    assert render.runs == 4


@pytest.mark.parametrize("one, other", [
    (1, 1.0), (1, True), (0.0, -0.0), ("x", Markup("x")), ((1,), [1]),
    ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # a template lists them in this order
    (dt.datetime(2026, 1, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=7))), dt.datetime(2026, 1, 1, 1, tzinfo=dt.timezone.utc)),
    (Item("a", (1,)), Item("a", (1.0,))),
])
def test_values_equal_in_python_but_shown_differently_are_not_taken_for_each_other(one, other):
    memory, render = remember.Memory(), Counting()
    render(memory, value=one)
    render(memory, value=other)
    assert render.runs == 2


def test_other_globals_for_the_templates_forget_every_text():
    memory, render = remember.Memory(), Counting()
    memory.new_build({"areas": {"a": "A"}})
    render(memory, n=1)
    memory.new_build({"areas": {"a": "A"}})
    render(memory, n=1)
    memory.new_build({"areas": {"a": "B"}})
    render(memory, n=1)
    assert render.runs == 2


def test_fields_left_out_of_an_items_equality_are_left_out_of_the_key():
    memory, render = remember.Memory(), Counting()
    render(memory, item=Item("a", where={"title": (1, 1)}))
    render(memory, item=Item("a", where={"title": (2, 1)}))  # the same item, a line lower in its file
    assert render.runs == 1


def test_a_value_of_an_unknown_kind_renders_every_time():
    class Opaque:  # compared by identity: its contents cannot be vouched for
        pass

    memory, render, thing = remember.Memory(), Counting(), Opaque()
    render(memory, thing=thing)
    render(memory, thing=thing)
    assert render.runs == 2
    loop: list = []
    loop.append(loop)
    render(memory, loop=loop)  # a value that contains itself
    assert render.runs == 3


def test_only_the_last_builds_texts_are_kept():
    memory, render = remember.Memory(), Counting()
    render(memory, n=1)
    render(memory, n=2)
    memory.new_build()
    render(memory, n=1)  # n=2 not asked for in this build
    memory.new_build()
    assert len(memory.older) == 1
    render(memory, n=2)
    assert render.runs == 3


def test_an_assembled_site_is_the_same_with_the_memory_and_without(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_BUILD_DATE", "2026-11-22")
    monkeypatch.setattr(common, "REMEMBER", False)
    project = portal(tmp_path, FILES)
    article = project / "content/tin-tuc/2026/hai.md"

    def assembled():
        _, site, problems = pages.assemble(project, project / "plans", project / "content", TODAY, "https://example.gov.vn/cchc/", drafts=True)
        assert not problems
        return site.generated, site.head, site.foot

    plain = assembled()
    monkeypatch.setattr(remember, "REMEMBER", True)
    monkeypatch.setattr(remember, "MEMORY", remember.Memory())
    assert assembled() == plain and assembled() == plain and remember.MEMORY.misses == 0
    article.write_text(article.read_text(encoding="utf-8").replace("title: Bài hai", "title: Bài hai mới"), encoding="utf-8")
    remembered = assembled()
    assert remember.MEMORY.hits and remember.MEMORY.misses  # some pages show the title, most do not
    monkeypatch.setattr(remember, "REMEMBER", False)
    assert remembered == assembled()
    assert any("Bài hai mới" in text for text in remembered[0].values())


# --- saves in `cchc serve` ---------------------------------------------------------------------

def wide_photo(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 100), colour).save(out, "JPEG")
    return out.getvalue()


SAVES = {
    **FILES,
    "content/tin-tuc/2026/ba.md": ARTICLE.format(title="Bài ba", extra="tags: [một cửa]\n").replace("2026-03-15", "2026-05-01")
    + "\n![Quang cảnh](anh/rong.jpg)\n",
    "content/tin-tuc/2026/anh/rong.jpg": wide_photo((20, 120, 40)),
}


@pytest.fixture
def serving(tmp_path, monkeypatch):
    """A portal served as `cchc serve` serves it, in this process: `save()` builds again."""
    monkeypatch.setenv("CCHC_BUILD_DATE", "2026-11-22")
    monkeypatch.setenv("CCHC_CACHE", "0")
    monkeypatch.setattr(common, "REMEMBER", False)  # the preview turns these on; put back for the other tests
    monkeypatch.setattr(remember, "REMEMBER", False)
    monkeypatch.setattr(remember, "MEMORY", remember.Memory())
    (tmp_path / "p").mkdir()
    project = portal(tmp_path / "p", SAVES)
    out = tmp_path / "served"
    plugin = {}

    def save() -> set[str]:
        """Build as the server does after a save; the files the build wrote."""
        before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
        time.sleep(0.05)  # file times are taken from a coarse clock
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
        if not plugin:
            config.plugins.on_startup(command="serve", dirty=True)
            plugin["cchc"] = config.plugins["cchc"]
        build(config, dirty=True)
        return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.stat().st_mtime_ns != before.get(p)}

    def fresh() -> dict[str, bytes]:
        """What a whole preview build of the same content serves, made without anything
        the serving process remembers."""
        site = tmp_path / f"fresh{len(list(tmp_path.glob('fresh*')))}"
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        with monkeypatch.context() as m:
            m.setattr(common, "REMEMBER", False)
            m.setattr(remember, "REMEMBER", False)
            build(config)
        return served(site)

    save.project, save.out, save.fresh, save.plugin = project, out, fresh, plugin
    save()
    return save


def served(site: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(site).items() if not k.startswith("pagefind/")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_of_an_articles_text_writes_its_page_only(serving, monkeypatch):
    assembled = []
    monkeypatch.setattr(pages, "assemble", lambda *a, **k: assembled.append(1) or assemble(*a, **k))
    edit(serving.project / "content/tin-tuc/2026/mot.md", "Nội dung.", "Nội dung đã sửa.")
    written = serving()
    assert not assembled  # the site assembled for the last build is the site of this one
    # Not the navigation's pages, the listings, feeds, photo, sitemap: the page and its share picture.
    assert written == {"tin-tuc/2026/03/mot/index.html", "anh-chia-se/tin-tuc/2026/03/mot.png"}
    assert "Nội dung đã sửa." in (serving.out / "tin-tuc/2026/03/mot/index.html").read_text(encoding="utf-8")
    assert served(serving.out) == serving.fresh()


assemble = pages.assemble


def test_a_new_title_assembles_the_site_again_and_writes_what_shows_it(serving):
    edit(serving.project / "content/tin-tuc/2026/mot.md", "title: Bài một", "title: Bài một mới")
    written = serving()
    assert {"tin-tuc/2026/03/mot/index.html", "tin-tuc/2026/04/hai/index.html", "tin-tuc/index.html",
            "tin-tuc/feed.xml", "tin-tuc/the/mot-cua/index.html"} <= written  # its neighbour's footer, listings, feed
    assert "tin-tuc/2026/05/ba/index.html" not in written and "tin-tuc/2026/anh/rong.jpg" not in written
    assert "sitemap.xml" not in written  # the same pages, the same dates
    assert served(serving.out) == serving.fresh()


def test_a_new_date_writes_the_sitemap_again(serving):
    edit(serving.project / "content/tin-tuc/2026/mot.md", "date: 2026-03-15 08:30", "date: 2026-03-20 08:30")
    assert "sitemap.xml" in serving()
    assert served(serving.out) == serving.fresh()


def test_a_broken_link_in_an_edited_text_is_shown_at_once(serving):
    article = serving.project / "content/tin-tuc/2026/mot.md"
    edit(article, "Nội dung.", "Xem [trang đã xóa](khong-co.md).")
    serving()
    shown = (serving.out / "index.html").read_text(encoding="utf-8")
    assert "khong-co.md" in shown and "content/tin-tuc/2026/mot.md" in shown  # the problem page
    edit(article, "Xem [trang đã xóa](khong-co.md).", "Nội dung.")
    serving()
    left = served(serving.out)
    left.pop("cchc-xem-truoc.js")  # the problem page's script stays in the served folder, unlinked
    assert left == serving.fresh()


def test_a_photo_is_scaled_again_only_when_it_changes(serving):
    photo = serving.project / "content/tin-tuc/2026/anh/rong.jpg"
    served_photo = serving.out / "tin-tuc/2026/anh/rong.jpg"
    assert Image.open(served_photo).width == 1200  # scaled for the site
    edit(serving.project / "content/tin-tuc/2026/ba.md", "Nội dung.", "Nội dung mới.")
    assert "tin-tuc/2026/anh/rong.jpg" not in serving()
    photo.write_bytes(wide_photo((200, 30, 30)))
    assert "tin-tuc/2026/anh/rong.jpg" in serving()
    with Image.open(served_photo) as image:
        assert image.width == 1200 and image.getpixel((600, 50))[0] > 150  # the new photo, scaled
    assert served(serving.out) == serving.fresh()


def test_a_new_article_and_a_plan_change_make_the_whole_site_again(serving):
    (serving.project / "content/tin-tuc/2026/bon.md").write_text(ARTICLE.format(title="Bài bốn", extra=""), encoding="utf-8")
    written = serving()
    assert "tin-tuc/2026/03/bon/index.html" in written and "ke-hoach/index.html" in written
    edit(serving.project / "plans/2026-xa-15.yml", "Đăng tin", "Đăng tin hằng tháng")
    assert "ke-hoach/2026-xa-15/index.html" in serving()
    assert served(serving.out) == serving.fresh()


def test_the_collector_is_put_back_after_a_build(serving, monkeypatch):
    import gc

    monkeypatch.setattr(preview, "TIDY_AFTER", 0.01)
    edit(serving.project / "content/tin-tuc/2026/mot.md", "Nội dung.", "Nội dung đã sửa.")
    serving()
    assert gc.get_freeze_count() > 0  # what the build left is set aside while the officer reads
    preview._tidy.join(5)
    assert not preview._tidy.is_alive()  # collected once, then set aside again
