"""The web editor in the browser: /admin/ of a built portal opens in Vietnamese with every
collection, from files of the site alone, and its forms ask for what the checker requires.

The repository host is replaced by Sveltia CMS's own test repository (kept in the browser's
private file system): the page's config.yml is served with `backend: test-repo` and otherwise
unchanged, so the collections and fields are the generated ones."""
from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from .browser_support import serve
from .conftest import ROOT
from .test_cms import KIND, built, collections  # noqa: F401 - the built portal, shared with test_cms.py
from .test_inventory import portal, problems_in

SIGN_IN = "Làm việc với kho mã nguồn thử nghiệm"  # "Work with Test Repository", as its Vietnamese interface says


@pytest.fixture(scope="module")
def base_url(built):  # noqa: F811 - the fixture imported above
    project, _ = built
    url, stop = serve(project / "site")
    yield url
    stop()


@pytest.fixture
def editor(browser, base_url, built):  # noqa: F811
    project, _ = built
    config = yaml.safe_load((project / "site" / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["backend"] = {"name": "test-repo"}
    config["publish_mode"] = "simple"  # Sveltia's test repository has no pull requests
    context = browser.new_context(locale="en-US")  # Vietnamese must come from the portal, not the browser
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.route(re.compile(r".*/admin/config\.yml(\?.*)?$"), lambda route: route.fulfill(
        status=200, content_type="application/yaml", body=yaml.safe_dump(config, allow_unicode=True, sort_keys=False)))
    page.config = config
    yield page
    context.close()


def test_the_editor_opens_in_vietnamese_with_every_collection(editor, base_url):
    editor.goto(base_url + "/admin/")
    editor.get_by_role("button", name=SIGN_IN).click(timeout=20000)
    labels = [c["label"] for c in editor.config["collections"]]
    assert "Chương trình: Chuyên mục" in labels  # the portal's one series has its episodes' collection
    for label in labels:
        editor.get_by_text(label, exact=True).first.wait_for(timeout=20000)
    assert editor.get_by_text("Chuyên mục", exact=True).count() >= 1  # the interface's own words are Vietnamese too
    assert editor.errors == []


def test_the_editor_loads_only_from_the_site(editor, base_url):
    editor.goto(base_url + "/admin/")
    editor.get_by_role("button", name=SIGN_IN).wait_for(timeout=20000)
    editor.wait_for_load_state("networkidle")
    own = [u for u in editor.requests if u.startswith(base_url)]
    assert any(u.endswith("/admin/cms/locales/vi.js") for u in own)  # the interface's words, from the site
    assert any(u.endswith(".woff2") for u in own)  # the editor's fonts and icons, from the site
    # The editor also asks a CDN for its fonts; the page's policy refuses, and the site's copies are used.
    loaded_elsewhere = [u for u in editor.requests if not u.startswith((base_url, "data:", "blob:")) and not u.endswith(".woff2")]
    assert loaded_elsewhere == []


def test_a_new_news_article_asks_for_every_required_field(editor, base_url):
    editor.goto(base_url + "/admin/")
    editor.get_by_role("button", name=SIGN_IN).click(timeout=20000)
    editor.get_by_role("button", name="Tạo bài viết mới").first.click(timeout=20000)
    articles = collections(editor.config)["articles"]
    for field in articles["fields"]:  # the form draws its fields one after another
        editor.get_by_text(field["label"], exact=True).first.wait_for(timeout=20000)
    form = editor.inner_text("body")
    for field in articles["fields"]:
        assert field["label"] in form, field["label"]
        # A required field's label is followed by the interface's required mark "*".
        marked = re.search(re.escape(field["label"]) + r"\s*\n\s*\*", form) is not None
        assert marked is field["required"], field["label"]
    assert {f["name"] for f in articles["fields"] if f["required"]} == {
        name for name, spec in KIND["articles"].record.fields.items() if spec.required}


# The test repository's files live in the browser's private file system (OPFS), in this folder.
READ_TEST_REPOSITORY = """async () => {
  const files = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === "directory") await walk(handle, prefix + name + "/");
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  }
  const root = await navigator.storage.getDirectory();
  await walk(await root.getDirectoryHandle("sveltia-cms-test", {create: true}), "");
  return files;
}"""


ARTIFACTS = ROOT / "test-artifacts"


def fill(box, value: str) -> None:
    """Type into a form field, again if the editor redrew the field and lost the text (it
    sets up the new entry's form just after showing it)."""
    for _ in range(20):
        box.fill(value)
        box.page.wait_for_timeout(100)
        if box.input_value() == value:
            return
    assert box.input_value() == value


def saved(editor, path: str, tries: int = 3, seconds: int = 10) -> dict:
    """Save, and the test repository's files once the editor has written `path`. Saving takes
    a moment, and a click while the form is still settling may be dropped: click again."""
    files: dict = {}
    for _ in range(tries):
        editor.locator("button", has_text="Lưu").first.click()
        for _ in range(seconds * 4):
            try:
                files = editor.evaluate(READ_TEST_REPOSITORY)
            except PlaywrightError:  # a file the editor was writing moved while it was read: read again
                files = {}
            if path in files:
                return files
            editor.wait_for_timeout(250)
    ARTIFACTS.mkdir(exist_ok=True)  # what the editor showed instead, for whoever reads the failure
    editor.screenshot(path=str(ARTIFACTS / f"cms-not-saved-{path.rsplit('/', 1)[-1]}.png"), full_page=True)
    return files


def test_an_article_written_in_the_editor_passes_the_check(editor, base_url, tmp_path):
    editor.goto(base_url + "/admin/")
    editor.get_by_role("button", name=SIGN_IN).click(timeout=20000)
    editor.get_by_role("button", name="Tạo bài viết mới").first.click(timeout=20000)
    field = lambda name: editor.locator(f'section.field[data-key-path="{name}"]').first  # noqa: E731 - the form's, not the preview's
    fill(field("title").locator("input"), "Hội nghị triển khai cải cách hành chính")
    fill(field("date").locator("input"), "2026-11-20T08:30")
    fill(field("summary").locator("textarea"), "Ủy ban nhân dân xã tổ chức hội nghị.")
    field("areas").get_by_text("Chọn một tùy chọn…").click()
    editor.get_by_role("option", name="Cải cách thể chế").click()
    field("title").locator("input").click()  # close the list of choices
    for name in ("title", "date", "summary", "areas"):  # the required fields are required in the form
        assert field(name).locator('[aria-required="true"]').count() >= 1, name
    assert field("author").locator('[aria-required="true"]').count() == 0
    path = "content/tin-tuc/2026/hoi-nghi-trien-khai-cai-cach-hanh-chinh.md"  # year folder, ASCII name from the title
    files = saved(editor, path)
    assert list(files) == [path]
    front = yaml.safe_load(files[path].split("---")[1])
    assert front == {"title": "Hội nghị triển khai cải cách hành chính", "date": "2026-11-20 08:30",
                     "summary": "Ủy ban nhân dân xã tổ chức hội nghị.", "areas": ["the_che"], "draft": False, "sample": False}
    assert problems_in(portal(tmp_path, {path: files[path]})) == []  # what the editor writes, the checker accepts


def test_a_hotline_written_in_the_editor_passes_the_check(editor, base_url, tmp_path):
    editor.goto(base_url + "/admin/")
    editor.get_by_role("button", name=SIGN_IN).click(timeout=20000)
    editor.get_by_text("Đường dây nóng", exact=True).first.click()
    editor.get_by_role("button", name="Tạo bài viết mới").first.click(timeout=20000)
    field = lambda name: editor.locator(f'section.field[data-key-path="{name}"]').first  # noqa: E731 - the form's, not the preview's
    fill(field("agency").locator("input"), "Ủy ban nhân dân xã Mỹ Xuyên")
    field("level").get_by_text("Cấp xã", exact=True).click()
    field("receives").get_by_text("Hỗ trợ dịch vụ công trực tuyến", exact=True).click()
    field("phones").get_by_role("button", name=re.compile("Thêm")).first.click()
    fill(editor.locator('section.field[data-key-path="phones.0"] input').first, "0299 3821 234")
    for name in ("hours", "closures", "published_by"):  # the form draws its fields as they scroll into view
        field(name).scroll_into_view_if_needed()
    fill(field("last_verified").locator("input"), "2026-10-01")
    path = "content/duong-day-nong/uy-ban-nhan-dan-xa-my-xuyen.yml"
    files = saved(editor, path)
    assert list(files) == [path], files
    assert '"0299 3821 234"' in files[path]  # in quotes, as the checker asks of phone numbers
    assert yaml.safe_load(files[path]) == {"agency": "Ủy ban nhân dân xã Mỹ Xuyên", "level": "xa", "receives": ["dich_vu_cong"],
                                            "phones": ["0299 3821 234"], "last_verified": "2026-10-01",
                                            "needs_check": False, "pinned": False, "sample": False}
    assert problems_in(portal(tmp_path, {path: files[path]})) == []
