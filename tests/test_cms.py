"""The web editor at /admin/ (generator/cms.py): its configuration comes from the checker's
schemas, it is served from the site with its own Content-Security-Policy, and the site builds
without it when there is no Node.js or no repository. The browser side: test_cms_browser.py."""
from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import cms, fielddocs
from generator.kinds.registry import KINDS
from generator.schema import Choice, ListOf

from .conftest import Site, run_cchc
from .test_inventory import ACTIVITY, ARTICLE, EPISODE, FEEDBACK, HOTLINE, PLAN, SERIES, portal

KIND = {kind.name: kind for kind in KINDS}
GITHUB = cms.Backend("github", {"name": "github", "repo": "so-tttt/cong-cchc"})
CMS_SETTINGS = "\nextra:\n  cms:\n    backend: gitea\n    repo: so-tttt/cong-cchc\n    api_root: https://git.soctrang.gov.vn/api/v1\n    base_url: https://git.soctrang.gov.vn\n"


def need_package():
    if not cms.installed():
        message = "Sveltia CMS is not installed (make site or make test runs npm ci in generator/admin)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def collections(config: dict) -> dict[str, dict]:
    found = {c["name"]: c for c in config["collections"] if "fields" in c}
    found.update({f["name"]: f for c in config["collections"] for f in c.get("files", ())})
    return found


# --- the configuration -----------------------------------------------------------------------------

def test_every_kind_is_a_collection_with_its_required_fields_required():
    config = cms.config(GITHUB, series=[("nguoi-dan", "Người dân với cải cách")])
    found = collections(config)
    assert set(found) == {k.name for k in KINDS if k.name != "episodes"} | {"episodes-nguoi-dan"}
    for name, collection in found.items():
        kind = KIND["episodes" if name.startswith("episodes-") else name]
        widgets = {w["name"]: w for w in collection["fields"]}
        for field_name, spec in kind.record.fields.items():
            assert field_name in widgets, (name, field_name)
            assert widgets[field_name]["required"] is spec.required, (name, field_name)
            assert widgets[field_name]["label"] == fielddocs.describe(kind.name, field_name)[0]
            choice = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if isinstance(choice, Choice):
                options = widgets[field_name]["options"]
                assert [o["value"] for o in options] == list(choice.values)
                assert [o["label"] for o in options] == [choice.labels.get(v, v) for v in choice.values]
        assert ("body" in widgets) is (not kind.data)


def test_nested_required_fields_and_files_where_the_checker_looks():
    found = collections(cms.config(GITHUB, series=[("nguoi-dan", "Người dân")]))
    procedure = {w["name"]: w for w in found["procedures"]["fields"]}
    channel = {w["name"]: w for w in procedure["channels"]["fields"]}
    assert channel["way"]["required"] and channel["fee"]["required"] and not channel["note"]["required"]
    assert procedure["channels"]["min"] == 1  # required lists need an item; optional ones may stay empty
    article = {w["name"]: w for w in found["articles"]["fields"]}
    assert "min" not in article["tags"]
    assert article["image"]["fields"][0] == {**article["image"]["fields"][0], "name": "src", "widget": "image"}
    assert article["date"]["widget"] == "datetime" and article["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert found["articles"]["folder"] == "content/tin-tuc" and found["articles"]["path"] == "{{year}}/{{slug}}"
    assert found["episodes-nguoi-dan"]["folder"] == "content/chuong-trinh/nguoi-dan"
    assert found["plans"]["folder"] == "plans" and found["plans"]["extension"] == "yml" and found["plans"]["format"] == "yaml"
    assert found["series"]["path"] == "{{slug}}/series"
    assert found["organisation"]["file"] == "content/gioi-thieu/co-quan.yml"
    config = cms.config(GITHUB)
    # Empty optional fields left out, text in quotes: what the checker asks of an officer's file.
    assert config["output"] == {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}}
    assert all(c.get("slug", {}).get("editable", ["create"]) == ["create"] for c in config["collections"])


def test_editorial_workflow_is_on_where_the_host_supports_it():
    assert cms.config(GITHUB)["publish_mode"] == "editorial_workflow"
    gitlab = cms.backend_from({"backend": "gitlab", "repo": "tinh/cong", "app_id": "abc", "auth_type": "pkce"}, None)
    assert cms.config(gitlab)["publish_mode"] == "editorial_workflow"
    assert cms.config(gitlab)["backend"] == {"name": "gitlab", "repo": "tinh/cong", "app_id": "abc", "auth_type": "pkce"}
    gitea = cms.backend_from({"backend": "gitea", "repo": "tinh/cong"}, None)
    assert cms.config(gitea)["publish_mode"] == "simple"  # Sveltia CMS has no editorial workflow for Gitea/Forgejo
    chosen = cms.backend_from({"backend": "gitea", "repo": "tinh/cong", "publish_mode": "editorial_workflow"}, None)
    assert cms.config(chosen)["publish_mode"] == "editorial_workflow"


def test_the_configuration_is_valid_for_sveltia_cms():
    need_package()
    schema = json.loads((cms.CMS_PACKAGE / "schema" / "sveltia-cms.json").read_text(encoding="utf-8"))
    check = jsonschema.Draft7Validator(schema)
    config = yaml.safe_load(cms.config_yaml(cms.config(GITHUB, series=[("a", "A")], site_url="https://example.gov.vn/cchc/")))
    assert [e.message for e in check.iter_errors(config)] == []
    config["publish_mode"] = "duyet"  # the validator can fail
    assert not check.is_valid(config)


# --- which repository -------------------------------------------------------------------------------

def test_the_repository_comes_from_mkdocs_yml():
    assert cms.backend_from(None, None) is None
    assert cms.backend_from({}, "https://github.com/so-tttt/cong-cchc").settings == {"name": "github", "repo": "so-tttt/cong-cchc"}
    assert cms.backend_from({}, "https://gitlab.com/tinh/nhom/cong.git").settings == {"name": "gitlab", "repo": "tinh/nhom/cong"}
    forgejo = cms.backend_from({}, "https://git.soctrang.gov.vn/so-tttt/cong-cchc")
    assert forgejo.settings == {"name": "gitea", "repo": "so-tttt/cong-cchc", "api_root": "https://git.soctrang.gov.vn/api/v1", "base_url": "https://git.soctrang.gov.vn"}
    assert forgejo.origins == ["https://git.soctrang.gov.vn"]
    assert GITHUB.origins == ["https://api.github.com"]


@pytest.mark.parametrize("settings, message", [
    ({"backend": "bitbucket", "repo": "a/b"}, 'mkdocs.yml: extra.cms.backend: unknown repository host "bitbucket" (use one of: github, gitlab, gitea)'),
    ({"backend": "github", "repo": "a/b", "repository": "x"}, 'mkdocs.yml: extra.cms: unknown setting "repository" (allowed: backend, publish_mode, repo, branch, api_root, base_url, auth_endpoint, app_id, auth_type, graphql_api_root)'),
    ({"backend": "github", "repo": "cong-cchc"}, 'mkdocs.yml: extra.cms.repo: write the repository as owner/name, e.g. "so-tttt/cong-cchc"'),
    ({"backend": "gitea", "repo": "a/b", "api_root": "git.tinh.gov.vn/api/v1"}, "mkdocs.yml: extra.cms.api_root: write the full address, starting with https://"),
])
def test_a_wrong_setting_is_named(settings, message):
    with pytest.raises(cms.CmsSetupError) as err:
        cms.backend_from(settings, None)
    assert str(err.value) == message


def test_without_node_or_a_repository_the_editor_is_left_out_and_the_officer_told(tmp_path, monkeypatch):
    assert cms.build_for_site(tmp_path, None, None, None) == (
        "The web editor (/admin/) was not built: mkdocs.yml names no repository (add extra: cms: with backend and repo, see README)")
    monkeypatch.setattr(cms, "CMS_PACKAGE", tmp_path / "node_modules" / "@sveltia" / "cms")
    assert cms.build_for_site(tmp_path, {"repo": "a/b"}, None, None) == (
        "The web editor (/admin/) was not built: Node.js (npm) is not installed; install it and run make site again")
    monkeypatch.setenv("CCHC_LANG", "vi")
    assert cms.build_for_site(tmp_path, {"repo": "a/b"}, None, None) == (
        "Chưa tạo trang soạn nội dung (/admin/): máy chưa cài Node.js (npm); hãy cài rồi chạy lại make site")
    assert not (tmp_path / "admin").exists()


# --- the built site ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    need_package()
    project = portal(tmp_path_factory.mktemp("cms"), {
        "plans/2026-xa-mau-15.yml": PLAN,
        "content/tin-tuc/2026/tin.md": ARTICLE.format(title="Tin", extra=""),
        "content/hoat-dong/2026/hoi-nghi.md": ACTIVITY,
        "content/chuong-trinh/nguoi-dan/series.yml": SERIES,
        "content/chuong-trinh/nguoi-dan/so-1.md": EPISODE,
        "content/phan-anh/hoi.yml": FEEDBACK,
        "content/duong-day-nong/xa.yml": HOTLINE,
    })
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(CMS_SETTINGS)
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, result.stdout + result.stderr


def test_the_build_serves_the_editor_from_the_site(built):
    project, output = built
    assert "The web editor was built at /admin/ (saves to so-tttt/cong-cchc on gitea)" in output
    admin = project / "site" / "admin"
    page = Site(project / "site").page("/admin/")
    assert page.html["lang"] == "vi"
    assert page.select_one('link[rel="cms-config-url"]')["href"] == "config.yml"
    assert [s["src"] for s in page.select("script")] == ["admin.js"] and all(s.string is None for s in page.select("script"))
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    for file in admin.rglob("*"):  # every file is the site's own: nothing points at a CDN to load the editor
        if file.suffix in (".html", ".yml"):
            assert "cdn.jsdelivr" not in file.read_text(encoding="utf-8") and "unpkg.com" not in file.read_text(encoding="utf-8")
    assert (admin / "cms" / "locales" / "vi.js").read_text(encoding="utf-8").startswith("export default {")
    script = (admin / "cms" / "npm" / "index.js").read_text(encoding="utf-8")
    assert "import(`../locales/vi.js`)" in script and "locales/vi.json" not in script
    assert (admin / "cms" / "LICENSE.txt").is_file()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "gitea", "repo": "so-tttt/cong-cchc", "api_root": "https://git.soctrang.gov.vn/api/v1", "base_url": "https://git.soctrang.gov.vn"}
    assert "episodes-nguoi-dan" in collections(config)
    assert config["site_url"] == "https://example.gov.vn/cchc"


def test_the_editor_page_has_its_own_policy_allowing_only_the_repository_host(built):
    project, _ = built
    policy = Site(project / "site").page("/admin/").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["connect-src"] == "'self' data: blob: https://git.soctrang.gov.vn"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"  # no inline script
    assert directives["frame-src"] == "'none'" and directives["object-src"] == "'none'"


def test_the_editor_is_not_searched_nor_in_the_sitemap(built):
    project, _ = built
    site = project / "site"
    assert "/admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "admin" / "index.html").read_text(encoding="utf-8")  # Pagefind indexes only pages that have it
    assert (site / "pagefind").is_dir()


def test_the_editor_files_are_the_same_on_every_build(built, tmp_path):
    project, _ = built
    cms.build(tmp_path, cms.backend_from(yaml.safe_load(CMS_SETTINGS)["extra"]["cms"], None), [("nguoi-dan", "Chuyên mục")], "https://example.gov.vn/cchc/")
    ours = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "admin").rglob("*") if p.is_file()}
    theirs = {p.relative_to(project / "site").as_posix(): p.read_bytes() for p in (project / "site" / "admin").rglob("*")
              if p.is_file() and p.suffix not in (".gz", ".br")}  # the build's precompressed copies (generator/precompress.py)
    assert ours == theirs


def test_a_portal_without_a_repository_builds_without_the_editor_and_says_so(tmp_path):
    project = portal(tmp_path, {})
    result = run_cchc(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The web editor (/admin/) was not built: mkdocs.yml names no repository" in result.stderr + result.stdout
    assert not (project / "site" / "admin").exists()


def test_a_wrong_repository_setting_stops_the_build_with_its_message(tmp_path):
    project = portal(tmp_path, {})
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nextra:\n  cms:\n    backend: bitbucket\n    repo: a/b\n")
    result = run_cchc(project, "build")
    assert result.returncode == 1
    assert 'mkdocs.yml: extra.cms.backend: unknown repository host "bitbucket" (use one of: github, gitlab, gitea)' in result.stderr
    assert "Traceback" not in result.stderr
