"""The MkDocs adapter: the only module that imports mkdocs.

It maps MkDocs events to the generator's plain functions: load and validate
all content (every problem raised together as one PluginError), add the
generated pages and feeds as real MkDocs files, give articles and episodes
their dated addresses and their header and footer, leave out what is not
published yet, give the theme the hotlines shown on every page, sanitize every
page body and give every built page its Content-Security-Policy, and watch
plans/ when serving.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import blocks, cards, csp, dates, images, linkcheck, mdext, minify, pages, sanitize, search, services, share, urls
from .errors import ContentError, Location, Problem
from .kinds.common import shown_path
from .kinds.registry import KINDS
from .text import TOO_DEEP, TOO_DEEP_HINT, nfc

# Content warnings are logged at INFO: the build runs with --strict, which fails on any
# MkDocs WARNING, and a warning (e.g. the English page behind the Vietnamese one) must
# not stop the portal from being published. `cchc check` prints them too.
log = logging.getLogger("mkdocs.plugins.cchc")


class CchcConfig(Config):
    plans_dir = opt.Type(str, default="plans")
    search = opt.Type(bool, default=True)  # build the Pagefind index after the site


class CchcPlugin(BasePlugin[CchcConfig]):
    serving = False

    def on_startup(self, *, command, dirty):
        # Drafts are previewed with `mkdocs serve` and never built for publishing.
        self.serving = command == "serve"

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.plans_dir = self.root / self.config.plans_dir
        self.docs_dir = Path(config.docs_dir)
        self.blocks = blocks.Blocks()  # our HTML blocks lifted out of the page being rendered
        self.sources: dict[str, str] = {}  # built page -> its source as officers know it, for the link check
        try:
            self.today = dates.build_date()
        except dates.BuildDateError as err:
            raise PluginError(str(err)) from None
        if not config.site_url:
            raise PluginError("mkdocs.yml: site_url: is missing (feeds and the sitemap need the portal's address, e.g. https://cchc.example.gov.vn/)")
        # MkDocs dates the sitemap and its gzip header from SOURCE_DATE_EPOCH: pin it to the
        # build date so the same inputs and build date give byte-identical output.
        os.environ["SOURCE_DATE_EPOCH"] = str(dates.epoch(self.today))
        # Heading anchors in ASCII like every other URL ("duong-day-nong", not "uong-day-nong").
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", urls.slugify)
        if "toc" not in config.markdown_extensions:
            config.markdown_extensions.append("toc")
        try:  # a broken install, not a content problem: say how to mend it, not a traceback
            cards.font_path()
        except (ImportError, LookupError, OSError) as err:
            raise PluginError(f"the font for share pictures cannot be found ({err}); run `make site` again to install fontpkg-noto-sans") from None
        # Images in Markdown bodies get their served size and lazy loading (told the page below).
        self.body_images = mdext.BodyImages(self.docs_dir)
        config.markdown_extensions.append(self.body_images)
        return config

    def on_files(self, files: Files, config):
        corpus, site, problems = pages.assemble(self.root, self.plans_dir, self.docs_dir, self.today, config.site_url, drafts=self.serving)
        if problems:
            raise PluginError(ContentError(problems).report())
        for warning in corpus.warnings:
            log.info("warning: %s", warning)
        self.corpus, self.site = corpus, site
        self.sharing = share.sharing(corpus, config.site_url, config.site_name, config.site_description or "")
        data = corpus.inventory.data_files(self.docs_dir)
        listed = {file.relative_to(self.docs_dir).as_posix() for kind in KINDS if not kind.in_nav and not kind.data
                  for file in corpus.inventory.kind_files[kind.name]}
        for file in list(files):
            if file.abs_src_path and images.needs_resize(Path(file.abs_src_path)):
                file.content_bytes = images.resized(Path(file.abs_src_path))  # content/ keeps the original
            if file.src_uri in site.hidden or file.src_uri in data:
                files.remove(file)
                continue
            if file.src_uri in listed:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if file.src_uri in site.moved:
                file.dest_uri = urls.dest_of(site.moved[file.src_uri])
                file.__dict__.pop("url", None)  # recomputed from dest_uri
                file.__dict__.pop("abs_dest_path", None)
        in_nav = set(_nav_pages(config.nav or []))
        for src_uri, content in site.generated.items():
            if files.get_file_from_path(src_uri) is not None:  # pragma: no cover - pages.assemble reports these
                raise PluginError(f"content/{src_uri}: this address is generated by the portal; rename or remove the file")
            inclusion = InclusionLevel.UNDEFINED if src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        return files

    def on_env(self, env, config, files):
        # The theme's own templates (the hotline block on every page) read these.
        env.globals.update(services.theme_globals(self.corpus))
        return env

    def on_pre_page(self, page, config, files):
        # Python-Markdown recurses once per level of nesting: text nested a few hundred levels
        # deep (lists, emphasis, HTML blocks) would end the build with a traceback.
        render = page.render

        def guarded(config, files):
            try:
                render(config, files)
            except RecursionError:
                where = Location(self._shown(page.file.src_uri), 1, 1)
                raise PluginError(str(Problem(where, "", f"the text {TOO_DEEP}", TOO_DEEP_HINT))) from None

        page.render = guarded
        return page

    def on_page_markdown(self, markdown, page, config, files):
        src = page.file.src_uri
        self.body_images.page_src = src  # MkDocs renders this page next
        # Text pasted in decomposed Unicode (NFD) would render, slug and search differently.
        markdown = nfc(markdown)
        if src in self.site.updated:
            page.update_date = self.site.updated[src].isoformat()
        # Our templates' HTML blocks skip Python-Markdown (blocks.py); an officer's body never does.
        self.blocks = blocks.Blocks()
        if src == "index.md":
            return markdown.rstrip() + "\n\n" + self.blocks.lift(pages.home_section(self.site, self.corpus, self.today, drafts=self.serving))
        if src in self.site.head:
            return self.blocks.lift(self.site.head[src]) + "\n\n" + markdown + "\n\n" + self.blocks.lift(self.site.foot[src])
        if src in self.site.generated:
            return self.blocks.lift(markdown)
        return markdown

    def on_page_content(self, html, page, config, files):
        # Officers' text never reaches a reader as markup: not in the body, not in the theme's <title> or <meta>.
        page.meta = sanitize.escaped_meta(page.meta)
        return sanitize.clean(self.blocks.put_back(html))

    def on_page_context(self, context, page, config, nav):
        # A page titled by its heading (a procedure: `name:`, no `title:`) whose heading is not
        # the first thing on it (the breadcrumb is) would be titled by its file name. Titles
        # from the nav (kept in the page's __dict__), front matter or a first heading stay.
        untitled = "title" not in page.__dict__ and "title" not in page.meta and not page._title_from_render
        if untitled and page.toc.items and page.toc.items[0].level == 1:
            page.title = page.toc.items[0].title
        # The share preview (Open Graph) the theme prints; a page without its own picture
        # gets its card, written straight into the site (its bytes depend on the title only).
        title = "" if page.is_homepage and not page.meta.get("title") else page.title
        preview, card = self.sharing.preview(page.url, title, page.meta.get("description") or page.meta.get("summary"))
        page.cchc_share = preview
        if card:
            path = Path(config.site_dir) / card[0]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(card[1])
        return context

    def on_post_page(self, output, page, config):
        if page.file.generated_by:
            origin = self.site.origins.get(page.file.src_uri)
            self.sources[page.file.dest_uri] = f"{origin} (its page /{page.file.url})" if origin else f"generated page /{page.file.url}"
        else:
            self.sources[page.file.dest_uri] = self._shown(page.file.src_uri)
        # Not when previewing: `serve` injects its live-reload script inline into every page.
        # The white space is collapsed after the policy is made: scripts are kept as written.
        return minify.collapse(output if self.serving else csp.with_policy(output, page.content))

    def on_post_template(self, output_content, template_name, config):
        if self.serving or not template_name.endswith(".html"):  # 404.html is a page too
            return output_content
        return minify.collapse(csp.with_policy(output_content))

    def on_post_build(self, config):
        # Before the search index: a site with a broken link is not published at all.
        broken = linkcheck.check_site(Path(config.site_dir), config.site_url, self.sources)
        if broken:
            raise PluginError(linkcheck.report(broken))
        if self.config.search:
            try:
                search.build_index(Path(config.site_dir))
            except search.SearchIndexError as err:
                raise PluginError(str(err)) from None

    def _shown(self, src_uri: str) -> str:
        """A docs-dir file as officers know it: content/tin-tuc/2021/x.md."""
        return shown_path(self.docs_dir / src_uri, self.root)

    def on_serve(self, server, config, builder):
        if self.plans_dir.is_dir():
            server.watch(str(self.plans_dir))
        return server


def _nav_pages(nav):
    """The docs-dir paths named in the `nav:` of mkdocs.yml."""
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _nav_pages(value)
        elif isinstance(value, str):
            yield value
