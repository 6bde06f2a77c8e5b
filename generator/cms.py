"""The web editor at /admin/: Sveltia CMS, for officers who never open a terminal.

Officers edit in the browser; every save is a commit to the portal's repository (GitHub,
GitLab, or Gitea/Forgejo), through the repository host's API with the officer's own sign-in:
no server of ours. With the editorial workflow (on by default where the host supports it) an
edit becomes a pull request, which CI checks before anyone publishes it.

- The configuration (`config.yml`) is generated from the checker's schemas, through the same
  JSON Schemas the editors get (editor_schema.py): the same required fields, choices and
  Vietnamese labels (fielddocs.py). One collection per kind; episodes get one collection per
  programme series, since an episode's series is its folder.
- The CMS itself is the npm package @sveltia/cms, pinned in generator/admin/package-lock.json
  and installed by `make site` (`npm ci`). Its ES module build is copied into site/admin/cms/,
  so nothing is loaded from a CDN. That build imports its interface translations as JSON
  modules, which a browser refuses without an import attribute: they are written as
  JavaScript modules and the imports pointed at them (checked, so a new version that changes
  this fails the build with a message instead of shipping an English-only editor).
- The page has its own Content-Security-Policy: the site's forbids connections to other
  hosts, the editor must talk to the repository host's API.
- Without Node.js the package is not installed: the site is built without /admin/ and the
  build says so. Without a repository in mkdocs.yml (`extra: cms:` or `repo_url:`) likewise.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import editor_schema, fielddocs
from .i18n import _
from .kinds.registry import KINDS

PACKAGE_DIR = Path(__file__).parent / "admin"  # package.json, package-lock.json, admin.js
CMS_PACKAGE = PACKAGE_DIR / "node_modules" / "@sveltia" / "cms"
ADMIN_DIR = "admin"  # in the site: /admin/
BACKENDS = ("github", "gitlab", "gitea")
# Where each host's API and sign-in live when mkdocs.yml does not say (the hosted services).
DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4", "gitea": "https://gitea.com/api/v1"}
# Sveltia CMS supports the editorial workflow (drafts as pull requests) on these hosts only.
EDITORIAL_WORKFLOW = ("github", "gitlab")
BACKEND_KEYS = ("repo", "branch", "api_root", "base_url", "auth_endpoint", "app_id", "auth_type", "graphql_api_root")
MEDIA_FOLDER = "images"  # beside each entry: an image's path is written relative to its page, as the checker reads it
_LOCALE_IMPORT = re.compile(r"import\(`\.\./locales/([A-Za-z-]+)\.json`\)")
MAX_DEPTH = 3  # a set of fields nested in itself (plan sections) is offered this deep in the form


class CmsSetupError(Exception):
    """mkdocs.yml asks for a web editor it cannot have (an officer's configuration mistake)."""


@dataclass(frozen=True)
class Backend:
    name: str  # github | gitlab | gitea
    settings: dict  # Sveltia's backend options

    @property
    def origins(self) -> list[str]:
        """The hosts the editor talks to: the API, and the sign-in server (PKCE token requests)."""
        found = [self.settings.get("api_root") or DEFAULT_API[self.name]]
        if self.settings.get("base_url"):
            found.append(self.settings["base_url"])
        if self.settings.get("graphql_api_root"):
            found.append(self.settings["graphql_api_root"])
        return sorted({_origin(url) for url in found})


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def backend_from(extra: dict | None, repo_url: str | None) -> Backend | None:
    """The repository the editor saves to, from mkdocs.yml: `extra: cms:` (backend, repo,
    branch, api_root, base_url, app_id…), else guessed from `repo_url:` (github.com, gitlab.com,
    any other host as Gitea/Forgejo). None when neither names a repository."""
    given = dict(extra or {})
    if not given and repo_url:
        parts = urlsplit(repo_url)
        repo = parts.path.strip("/").removesuffix(".git")
        host = parts.netloc.lower()
        if parts.scheme != "https" or repo.count("/") < 1:
            return None
        given = {"repo": repo}
        if host == "github.com":
            given["backend"] = "github"
        elif host == "gitlab.com":
            given["backend"] = "gitlab"
        else:
            given.update(backend="gitea", api_root=f"https://{host}/api/v1", base_url=f"https://{host}")
    if not given:
        return None
    name = str(given.pop("backend", "github"))
    if name not in BACKENDS:
        raise CmsSetupError(_("mkdocs.yml: extra.cms.backend: unknown repository host {value} (use one of: {choices})",
                              value=json.dumps(name, ensure_ascii=False), choices=", ".join(BACKENDS)))
    publish_mode = given.pop("publish_mode", None)
    unknown = sorted(set(given) - set(BACKEND_KEYS))
    if unknown:
        raise CmsSetupError(_("mkdocs.yml: extra.cms: unknown setting {value} (allowed: {choices})",
                              value=json.dumps(unknown[0], ensure_ascii=False), choices=", ".join(("backend", "publish_mode", *BACKEND_KEYS))))
    if "/" not in str(given.get("repo", "")):
        raise CmsSetupError(_("mkdocs.yml: extra.cms.repo: write the repository as owner/name, e.g. {example}", example='"so-tttt/cong-cchc"'))
    for key in ("api_root", "base_url", "graphql_api_root"):
        if key in given and not str(given[key]).startswith("https://"):
            raise CmsSetupError(_("mkdocs.yml: extra.cms.{key}: write the full address, starting with https://", key=key))
    settings = {"name": name, **{k: str(given[k]) for k in BACKEND_KEYS if k in given}}
    if publish_mode:
        settings["publish_mode"] = str(publish_mode)
    return Backend(name, settings)


# --- the configuration ---------------------------------------------------------------------------

def config(backend: Backend, series: list[tuple[str, str]] = (), site_url: str = "") -> dict:
    """Sveltia CMS's config.yml: the backend, and one collection per kind (per series for
    episodes, `series`: (folder, name) pairs)."""
    settings = dict(backend.settings)
    publish_mode = settings.pop("publish_mode", "editorial_workflow" if backend.name in EDITORIAL_WORKFLOW else "simple")
    result = {
        "backend": settings,
        "publish_mode": publish_mode,
        "media_folder": "content/images",
        "public_folder": "/images",
        "app_title": "Soạn nội dung cổng thông tin",
        # File names from titles in ASCII, as the checker's addresses are: "Đăng ký" -> dang-ky.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # An optional field left empty is left out of the file: the checker reads `author: ''` or
        # `tags: []` as a mistake ("is empty"), as it would from an officer's hand. Text is written
        # in quotes, as the checker asks of phone numbers, codes ("1.001193") and times.
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}},
        "collections": [],
    }
    if site_url:
        result["site_url"] = site_url.rstrip("/")
    by_name = {kind.name: kind for kind in KINDS}
    for name in COLLECTION_ORDER:
        kind = by_name[name]
        if name == "episodes":
            result["collections"] += [_episodes(kind, folder, title) for folder, title in series]
        elif name.startswith("organisation") or name == "search_words":
            continue  # one file each: collections of files, last
        else:
            result["collections"].append(_collection(kind))
    result["collections"].append(_files("organisation", [by_name["organisation"], by_name["organisation_en"]]))
    result["collections"].append(_files("search_words", [by_name["search_words"]]))
    return result


# The order officers see; the most used first.
COLLECTION_ORDER = ("articles", "activities", "episodes", "series", "procedures", "hotlines", "feedback", "documents",
                    "quizzes", "plans", "organisation", "organisation_en", "search_words")
# File names and where new files go, as the checker and the portal's addresses expect them.
NEW_FILES = {
    "articles": ("{{year}}/{{slug}}", "{{slug}}"),
    "activities": ("{{year}}/{{slug}}", "{{slug}}"),
    "procedures": ("{{slug}}", "{{slug}}"),
    "documents": ("{{slug}}", "{{slug}}"),
    "hotlines": ("{{slug}}", "{{slug}}"),
    "feedback": ("{{slug}}", "{{year}}-{{month}}-{{slug}}"),
    "quizzes": ("{{slug}}", "{{slug}}"),
    "series": ("{{slug}}/series", "{{slug}}"),
    "episodes": ("{{slug}}", "{{slug}}"),
    "plans": ("{{slug}}", "{{year}}-{{slug}}"),
}
IDENTIFIER = {"hotlines": "agency", "series": "name", "procedures": "name", "documents": "number"}
SLUG_HINTS = {"plans": "Tên tệp theo mẫu <năm>-<đơn vị>-<số>, ví dụ 2026-xa-my-xuyen-15: đó cũng là địa chỉ trang /ke-hoach/2026-xa-my-xuyen-15/"}
SLUG_PATTERN = ["^[a-z0-9]+(?:-[a-z0-9]+)*$", "Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ dang-ky-khai-sinh"]


def _collection(kind) -> dict:
    path, slug = NEW_FILES[kind.name]
    title, description = fielddocs.KINDS[kind.name]
    collection = {
        "name": kind.name,
        "label": title,
        "description": description,
        "folder": ("plans/" + kind.folder if kind.in_plans else "content/" + kind.folder).rstrip("/"),
        "path": path,
        # The file name is the page's address: chosen once, when the entry is created.
        "slug": {"template": slug, "editable": ["create"], "pattern": SLUG_PATTERN, **({"hint": SLUG_HINTS[kind.name]} if kind.name in SLUG_HINTS else {})},
        "create": True,
    }
    if kind.name in IDENTIFIER:
        collection["identifier_field"] = IDENTIFIER[kind.name]
    if kind.data:
        collection.update(extension="yml", format="yaml")
    else:
        collection.update(extension="md", format="yaml-frontmatter", media_folder=MEDIA_FOLDER, public_folder=MEDIA_FOLDER)
    collection["fields"] = fields(kind)
    return collection


def _episodes(kind, folder: str, series_name: str) -> dict:
    collection = _collection(kind)
    collection.update(
        name=f"episodes-{folder}", label=f"Chương trình: {series_name}", label_singular="Số phát sóng",
        folder=f"content/{kind.folder}/{folder}", path="{{slug}}",
        description=f"Các số phát sóng của chuyên mục {series_name}: content/{kind.folder}/{folder}/",
    )
    return collection


def _files(name: str, kinds) -> dict:
    """Kinds of one file each (the organisation in Vietnamese and English; the search words)
    as one collection of files."""
    return {
        "name": name,
        "label": fielddocs.KINDS[name][0],
        "files": [
            {"name": kind.name, "label": fielddocs.KINDS[kind.name][0], "file": editor_schema.file_globs(kind)[0],
             "format": "yaml", "fields": fields(kind)}
            for kind in kinds
        ],
    }


def fields(kind) -> list[dict]:
    """The kind's form: one widget per field of its JSON Schema, front matter plus the body
    for Markdown kinds."""
    schema = editor_schema.json_schema(kind)
    form = _Form(schema.get("definitions", {}))
    result = form.object_fields(schema, "", 0)
    if not kind.data:
        result.append({"name": "body", "label": "Nội dung bài", "widget": "markdown", "required": False,
                       "hint": "Nội dung chính, viết bằng Markdown. Ảnh phải có mô tả."})
    return result


# Fields that name a file beside the page: the editor offers an upload (stored in MEDIA_FOLDER).
FILE_WIDGETS = {"image.src": "image", "photos.src": "image", "audio": "file", "video": "file"}


class _Form:
    def __init__(self, definitions: dict):
        self.definitions = definitions

    def resolve(self, schema: dict, depth: int) -> tuple[dict, int] | None:
        """The schema behind a reference (None past MAX_DEPTH: a form cannot nest forever)."""
        if "allOf" in schema and len(schema["allOf"]) == 1:
            outer = {k: v for k, v in schema.items() if k != "allOf"}
            inner = self.resolve(schema["allOf"][0], depth)
            return None if inner is None else ({**inner[0], **outer}, inner[1])
        if "$ref" in schema:
            if depth >= MAX_DEPTH:
                return None
            return self.definitions[schema["$ref"].rsplit("/", 1)[-1]], depth + 1
        return schema, depth

    def object_fields(self, schema: dict, path: str, depth: int) -> list[dict]:
        required = set(schema.get("required", ()))
        result = []
        for name, sub in schema.get("properties", {}).items():
            widget = self.widget(name, sub, f"{path}.{name}" if path else name, depth)
            if widget is None:
                continue
            widget["required"] = name in required
            if not widget["required"] and (widget["widget"] == "list" or widget.get("multiple")):
                widget.pop("min", None)  # an optional list may be left empty: a minimum applies once it is used
            result.append(widget)
        return result

    def widget(self, name: str, schema: dict, path: str, depth: int) -> dict | None:
        found = self.resolve(schema, depth)
        if found is None:
            return None
        schema, depth = found
        field = {"name": name, "label": schema.get("title", name)}
        if schema.get("description") and schema.get("description") != field["label"]:
            field["hint"] = schema["description"]
        tail = ".".join(path.split(".")[-2:])
        if tail in FILE_WIDGETS or path in FILE_WIDGETS:
            field["widget"] = FILE_WIDGETS.get(tail) or FILE_WIDGETS[path]
            return field
        field.update(self.kind_of(schema, path, depth))
        return field

    def kind_of(self, schema: dict, path: str, depth: int) -> dict:
        """The widget options for a value of this schema (without name, label, hint)."""
        if "anyOf" in schema:
            return self.kind_of(self.choose(schema["anyOf"]), path, depth)
        if "enum" in schema:
            labels = schema.get("enumDescriptions") or schema["enum"]
            return {"widget": "select", "options": [{"label": label, "value": value} for value, label in zip(schema["enum"], labels)]}
        types = schema.get("type")
        types = [types] if isinstance(types, str) else list(types or ())
        if types == ["boolean"]:
            return {"widget": "boolean", "default": False}
        if types == ["object"]:
            return {"widget": "object", "fields": self.object_fields(schema, path, depth)}
        if types == ["array"]:
            items = self.resolve(schema["items"], depth)
            if items is None:
                return {"widget": "list", "field": {"name": "item", "label": "Mục", "widget": "string"}}
            items, depth = items
            if "anyOf" in items:
                items = self.choose(items["anyOf"])
            if "enum" in items:
                return {**self.kind_of(items, path, depth), "multiple": True, "min": schema.get("minItems", 0)}
            bounds = {"min": schema.get("minItems", 0), **({"max": schema["maxItems"]} if "maxItems" in schema else {})}
            if items.get("type") == "object":
                return {"widget": "list", "fields": self.object_fields(items, path, depth), **bounds}
            return {"widget": "list", "field": {"name": "item", "label": "Mục", **self.kind_of(items, path, depth)}, **bounds}
        if schema.get("x-cchc") == "date":
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        if schema.get("x-cchc") == "datetime":
            return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm"}
        if types and types[0] in ("integer", "number") and "pattern" in schema:  # a count or a value
            return {"widget": "number", "value_type": "int" if types[0] == "integer" else "float",
                    **({"min": schema["minimum"]} if "minimum" in schema else {})}
        field = {"widget": "text" if fielddocs.is_long(path) else "string"}
        if "pattern" in schema and types == ["string"]:
            field["pattern"] = [schema["pattern"], schema.get("description") or "Giá trị chưa đúng dạng"]
        return field

    @staticmethod
    def choose(options: list[dict]) -> dict:
        """One form for a value written in two ways: a list over a single text (several items
        hold one), else the simple way (a text over a set of fields: e.g. a phone number)."""
        return next((o for o in options if o.get("type") == "array"), options[0])


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # every value written out in full, no &anchors
        return True


def config_yaml(data: dict) -> str:
    return "# Generated by the portal build (generator/cms.py) from the content schemas: do not edit.\n" + yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


# --- the page and its files ----------------------------------------------------------------------

POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",  # the editor's components set their styles inline
    "img-src 'self' data: blob: {origins}",
    "font-src 'self'",
    "media-src 'self' blob:",
    "connect-src 'self' data: blob: {origins}",  # the repository host's API, and no other host
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def policy(backend: Backend) -> str:
    return "; ".join(POLICY).format(origins=" ".join(backend.origins))


def page(backend: Backend) -> str:
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy(backend)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Soạn nội dung cổng thông tin</title>
<link rel="cms-config-url" type="application/yaml" href="config.yml">
<script type="module" src="admin.js"></script>
</head>
<body>
<noscript>Trang soạn nội dung cần bật JavaScript.</noscript>
</body>
</html>
"""


def installed() -> bool:
    return (CMS_PACKAGE / "npm" / "index.js").is_file()


def build(site_dir: Path, backend: Backend, series: list[tuple[str, str]] = (), site_url: str = "") -> None:
    """Write /admin/ into the built site: the page, its script, the configuration and the CMS."""
    target = site_dir / ADMIN_DIR
    if target.exists():
        shutil.rmtree(target)
    cms = target / "cms"
    (cms / "npm").mkdir(parents=True)
    for sub in ("chunks", "assets"):
        source = CMS_PACKAGE / "npm" / sub
        for file in sorted(source.iterdir()):
            if file.suffix != ".map":
                (cms / "npm" / sub).mkdir(exist_ok=True)
                shutil.copyfile(file, cms / "npm" / sub / file.name)
    script = (CMS_PACKAGE / "npm" / "index.js").read_text(encoding="utf-8")
    codes = set(_LOCALE_IMPORT.findall(script))
    if "vi" not in codes:
        raise CmsSetupError(_("the web editor's files are not as expected (no Vietnamese interface found in @sveltia/cms): keep the version pinned in generator/admin/package.json"))
    (cms / "npm" / "index.js").write_text(_LOCALE_IMPORT.sub(r"import(`../locales/\1.js`)", script), encoding="utf-8")
    (cms / "locales").mkdir()
    for code in sorted(codes):
        strings = json.loads((CMS_PACKAGE / "locales" / f"{code}.json").read_text(encoding="utf-8"))
        (cms / "locales" / f"{code}.js").write_text("export default " + json.dumps(strings, ensure_ascii=False) + ";\n", encoding="utf-8")
    shutil.copyfile(CMS_PACKAGE / "LICENSE.txt", cms / "LICENSE.txt")
    shutil.copyfile(PACKAGE_DIR / "admin.js", target / "admin.js")
    (target / "index.html").write_text(page(backend), encoding="utf-8")
    (target / "config.yml").write_text(config_yaml(config(backend, series, site_url)), encoding="utf-8")


def series_folders(corpus) -> list[tuple[str, str]]:
    """(folder, name) of every programme series, for the episodes' collections."""
    return sorted((Path(s.path).parent.name, s.name) for s in corpus.series)


def build_for_site(site_dir: Path, extra: dict | None, repo_url: str | None, corpus, site_url: str = "") -> str:
    """Build /admin/ if it can be; returns what to tell the officer (one line)."""
    backend = backend_from(extra, repo_url)
    if backend is None:
        return _("The web editor (/admin/) was not built: mkdocs.yml names no repository (add extra: cms: with backend and repo, see README)")
    if not installed():
        return _("The web editor (/admin/) was not built: Node.js (npm) is not installed; install it and run make site again")
    build(site_dir, backend, series_folders(corpus), site_url)
    return _("The web editor was built at /admin/ (saves to {repo} on {host})", repo=backend.settings["repo"], host=backend.name)
