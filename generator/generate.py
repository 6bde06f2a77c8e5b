"""Generation as its own step: the complete Markdown source of the site, engine-neutral.

`write_source(root, out_dir, today, site_url)` writes into `out_dir`:

- `docs/`: every page as the engine renders it — the officers' pages with their header
  and footer put around them (`Site.head` + body + `Site.foot`), articles, episodes and
  activities at their dated address, every generated page (`Site.generated`), the
  generated downloads (feeds, calendars, CSV, vCards…), the officers' images and
  documents (photos resized as the build serves them); drafts, pages not published yet
  and the YAML the generator reads are left out;
- `overrides/`: the theme's overrides (the `custom_dir` of mkdocs.yml);
- `mkdocs.yml`: the portal's own configuration without the `cchc` plugin, so plain
  MkDocs, ProperDocs or Zensical can build the folder.

The MkDocs plugin calls the same functions (`page_markdown`, `left_out`) for `cchc build`
and `cchc serve`; it adds only what needs the engine's running build (see CANARY_LACKS).
This module never imports mkdocs.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import yaml

from . import family, images, pages, urls
from .body import _definitions, _markdown_links, _masked
from .content import Corpus
from .errors import Location, Problem
from .i18n import _
from .kinds.registry import KINDS
from .text import nfc

# What the plugin adds to a build and a build of the generated folder does not have.
CANARY_LACKS = (
    "the allow-list sanitizer of page HTML (generator/sanitize.py)",
    "the Content-Security-Policy of every page (generator/csp.py)",
    "the check of every internal link after the build (generator/linkcheck.py)",
    "the Pagefind search index (generator/search.py)",
    "share pictures and Open Graph previews (generator/share.py, generator/cards.py)",
    "the hotline block on every page, the home page's services and the 404 page's search and links (theme globals, generator/services.py)",
    "image sizes and lazy loading in bodies (generator/mdext.py) and sitemap dates",
)

# MkDocs' own front matter rule (mkdocs.utils.meta): `---` line 1, closed by `---` or `...`.
_FRONT = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_SLUGIFY = "!!python/name:generator.urls.slugify"
_MARK = "# Written by `cchc generate`"


def replaceable(out_dir: Path) -> bool:
    """Whether `out_dir` may be replaced: new, empty, or written by `cchc generate` before."""
    if not out_dir.exists():
        return True
    if not out_dir.is_dir():
        return False
    config = out_dir / "mkdocs.yml"
    return not any(out_dir.iterdir()) or (config.is_file() and config.read_text(encoding="utf-8").startswith(_MARK))


def page_markdown(site: pages.Site, corpus: Corpus, src: str, markdown: str, today: dt.date, drafts: bool = False,
                  ours: Callable[[str], str] = lambda text: text) -> str:
    """The Markdown the engine renders for the page `src` (its body, after the front matter):
    composed Unicode, the home page with its plans and news, an article, episode or activity
    with its header and footer. `ours` is applied to the text our templates wrote (the plugin
    lifts its HTML blocks out of Python-Markdown's way, blocks.py); never to an officer's body."""
    markdown = nfc(markdown)
    if src == "index.md":
        return markdown.rstrip() + "\n\n" + ours(pages.home_section(site, corpus, today, drafts=drafts))
    if src in site.head:
        return ours(site.head[src]) + "\n\n" + markdown + "\n\n" + ours(site.foot[src])
    if src in site.generated:
        return ours(markdown)
    return markdown


def left_out(site: pages.Site, corpus: Corpus, docs: Path) -> set[str]:
    """Docs-dir files that are not published: drafts and pages dated later, and the YAML
    the generator reads."""
    return site.hidden | corpus.inventory.data_files(docs)


def source_path(site: pages.Site, src: str) -> str:
    """Where the officer's page `src` lies in the generated folder: at its address."""
    return urls.src_of(site.moved[src]) if src in site.moved else src


def relocated(body: str, old: str, new: str, moved: dict[str, str] | None = None) -> str:
    """A Markdown body moved from docs-dir path `old` to `new`, its relative links to files
    (`../anh/x.jpg`, `bai-khac.md`) rewritten to reach the same files from `new`, and a
    page that moved too (`moved`: docs-dir path -> path in the generated folder). Links
    without a file extension and raw HTML are resolved by the browser against the page's
    address, which does not change, and are kept as written."""
    moved = moved or {}
    masked = _masked(body)
    definitions, masked = _definitions(masked, body)
    links, _unknown = _markdown_links(masked, body, definitions)
    edits = {}
    for link in links:
        if link.html or body[link.at:link.at + len(link.url)] != link.url:
            continue
        target = _moved_link(link.url, old, new, moved)
        if target is not None and target != link.url:
            edits[link.at] = (len(link.url), target)
    for at in sorted(edits, reverse=True):
        length, target = edits[at]
        body = body[:at] + target + body[at + length:]
    return body


def _moved_link(url: str, old: str, new: str, moved: dict[str, str]) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path = parts.path
    if parts.scheme or parts.netloc or not path or path.startswith("/") or not posixpath.splitext(path)[1]:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(old), path))
    target = moved.get(target, target)
    moved = posixpath.relpath(target, posixpath.dirname(new) or ".")
    return moved + url[len(path):] if url.startswith(path) else None


def published_sources(site: pages.Site, corpus: Corpus, docs: Path) -> list[str]:
    """Docs-dir paths of the officers' files that the site publishes (pages and assets)."""
    kind_pages = {f.relative_to(docs).as_posix() for k in KINDS if not k.data
                  for f in corpus.inventory.kind_files[k.name] if f.is_relative_to(docs)}
    every = kind_pages | set(corpus.inventory.pages) | set(corpus.inventory.assets)
    return sorted(every - left_out(site, corpus, docs))


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as plain data (the portal's own file has no Python tags)."""
    return yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}


def plugin_options(config: dict) -> dict:
    """The options of the `cchc` plugin in mkdocs.yml."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "cchc" in entry:
            return entry["cchc"] or {}
    return {}


def write_source(root: Path, out_dir: Path, today: dt.date, site_url: str | None = None, *,
                 config_file: str = "mkdocs.yml", drafts: bool = False) -> list[Problem]:
    """Write the site's complete source into `out_dir` (see the module's docstring).
    Returns the content's problems; nothing is written when there are any."""
    root = Path(root).resolve()
    config = read_config(root / config_file)
    docs = root / config.get("docs_dir", "docs")
    plans_dir = root / plugin_options(config).get("plans_dir", "plans")
    site_url = site_url or config.get("site_url")
    if not site_url:
        return [Problem(Location(config_file, 1, 1), "site_url", _("the portal's address is missing"), _("write it in mkdocs.yml, e.g. site_url: https://cchc.example.gov.vn/"))]
    context, label, sources, problems = family.context_of(root, config_file, plugin_options(config))
    if problems:
        return problems
    corpus, site, problems = pages.assemble(root, plans_dir, docs, today, site_url, drafts=drafts, family=context)
    if problems:
        return family.shown(problems, label, sources)
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_docs = out_dir / "docs"
    moving = {src: source_path(site, src) for src in site.moved}
    for src in published_sources(site, corpus, docs):
        file = docs / src
        if not src.endswith(".md"):
            data = images.resized(file) if images.needs_resize(file) else file.read_bytes()
            _write(out_docs / src, data)
            continue
        text = file.read_text(encoding="utf-8-sig")
        m = _FRONT.match(text)
        front, body = (text[:m.end()], text[m.end():]) if m else ("", text)
        dest = source_path(site, src)
        if site.moved or dest != src:
            body = relocated(body, src, dest, moving)
        body = page_markdown(site, corpus, src, body, today, drafts)
        _write(out_docs / dest, (front + body).encode("utf-8"))  # front matter as the plugin's build reads it
    for src, content in site.generated.items():
        _write(out_docs / src, content.encode("utf-8"))
    theme = config.get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom and (root / custom).is_dir():
        shutil.copytree(root / custom, out_dir / "overrides", ignore=shutil.ignore_patterns(".*", "__pycache__"))
    _write(out_dir / "mkdocs.yml", plain_config(config, site_url).encode("utf-8"))
    return []


def plain_config(config: dict, site_url: str) -> str:
    """The portal's mkdocs.yml for the generated folder: no cchc plugin, docs in docs/,
    the theme's overrides in overrides/, heading anchors slugged as the plugin does."""
    plain = dict(config)
    plain.update(docs_dir="docs", site_dir="site", site_url=site_url, plugins=[])
    theme = plain.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        plain["theme"] = {**theme, "custom_dir": "overrides"}
    extensions = []
    has_toc = False
    for entry in plain.get("markdown_extensions") or []:
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        if name == "toc":
            has_toc = True
            options = {**(options or {}), "slugify": _SLUGIFY}
        extensions.append({name: options} if options is not None else name)
    if not has_toc:
        extensions.append({"toc": {"slugify": _SLUGIFY}})
    plain["markdown_extensions"] = extensions
    # Thousands of pages are reached from listings, not the nav (the plugin marks them so).
    validation = dict(plain.get("validation") or {})
    validation["nav"] = {**(validation.get("nav") or {}), "omitted_files": "ignore"}
    plain["validation"] = validation
    text = yaml.safe_dump(plain, allow_unicode=True, sort_keys=False, width=1000)
    text = text.replace(f"'{_SLUGIFY}'", _SLUGIFY)
    lacks = "".join(f"#   - {item}\n" for item in CANARY_LACKS)
    return (
        f"{_MARK}: the portal's Markdown source, built without the cchc plugin\n"
        "# (plain MkDocs, ProperDocs or Zensical). Heading anchors need the generator installed\n"
        "# (generator.urls.slugify). Compared with `cchc build`, this build lacks:\n"
        f"{lacks}{text}"
    )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
