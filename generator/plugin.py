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

import markdown

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import blocks, cache, cards, cms, csp, dates, family, family_search, generate, images, linkcheck, mdext, minify, mkdocs_log, pages, pagecache, precompress, preview, problem_page, remember, render, sanitize, search, services, share, urls
from .errors import ContentError, Location, Problem
from .i18n import _
from .kinds import common
from .kinds.common import shown_path
from .kinds.registry import KINDS
from .text import nfc, too_deep_hint, too_deep_message

# Content warnings are logged at INFO: the build runs with --strict, which fails on any
# MkDocs WARNING, and a warning (e.g. the English page behind the Vietnamese one) must
# not stop the portal from being published. `cchc check` prints them too.
log = logging.getLogger("mkdocs.plugins.cchc")


class CchcConfig(Config):
    plans_dir = opt.Type(str, default="plans")
    search = opt.Type(bool, default=True)  # build the Pagefind index after the site
    # A family of portals (family.py): checked there, with line and column, not here.
    portal = opt.Optional(opt.Type(dict))
    units = opt.Type(str, default="")  # the folder of the units' folders, each with its don-vi.yml
    family = opt.Type(str, default="")  # in a unit's tree (made by cchc): the tree's family.json


class CchcPlugin(BasePlugin[CchcConfig]):
    serving = False
    problems: list = []  # when serving: the content's problems, shown in place of the site (problem_page.py)
    family, label, tree_sources = None, "", {}  # a portal of its own until on_config reads its family
    ownership, connect = family_search.Ownership(None, {}), ()  # its pages: no family word, no other host

    def on_startup(self, *, command, dirty):
        # Drafts are previewed with `mkdocs serve` and never built for publishing.
        self.serving = command == "serve"
        # `cchc serve` (mkdocs serve --dirty) makes again only the pages a save changed.
        self.changes = preview.Changes() if self.serving and dirty else None
        if self.changes is not None:
            common.REMEMBER = True  # files unchanged since the last save are not read and checked again
            remember.REMEMBER = True  # nor their listings, headers and footers rendered again
            # MkDocs warns on every --dirty build that links and navigation may be stale
            # (which would stop a strict preview); here the plugin chooses the pages made
            # again, the whole site when its shape changed, so the warning does not hold.
            logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.plans_dir = self.root / self.config.plans_dir
        self.docs_dir = Path(config.docs_dir)
        # This portal's place in its family (None for a portal of its own), the name its problems
        # carry, and the real file of each file of a unit's tree (family.py).
        self.family, self.label, self.tree_sources, problems = family.context_of(
            self.root, Path(config.config_file_path).name, self.config, remake=self.serving)
        if problems:
            raise PluginError(ContentError(problems).report())
        # One search across the family: which pages are this portal's own, and the other hosts its search reads.
        self.ownership = family_search.Ownership(self.family, self.tree_sources)
        self.connect = family_search.connect_origins(self.family, config.site_url or "")
        self.blocks = blocks.Blocks()  # our HTML blocks lifted out of the page being rendered
        self.sources: dict[str, str] = {}  # built page -> its source as officers know it, for the link check
        # MkDocs' own warnings about pages (broken links, missing files) in our words, with file:line.
        mkdocs_log.install(self._source, Path(config.config_file_path).name)
        try:
            self.today = dates.build_date()
        except dates.BuildDateError as err:
            raise PluginError(str(err)) from None
        if not config.site_url:
            raise PluginError(_("mkdocs.yml: site_url: is missing (feeds and the sitemap need the portal's address, e.g. https://cchc.example.gov.vn/)"))
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
            raise PluginError(_("the font for share pictures cannot be found ({error}); run `make site` again to install fontpkg-noto-sans", error=err)) from None
        # Images in Markdown bodies get their served size and lazy loading (told the page below).
        self.body_images = mdext.BodyImages(self.docs_dir)
        config.markdown_extensions.append(self.body_images)
        if getattr(self, "changes", None) is not None:
            preview.list_theme_once(config.theme)  # MkDocs lists the theme's 14,500 files on every build
        return config

    def on_files(self, files: Files, config):
        def assemble():
            return pages.assemble(self.root, self.plans_dir, self.docs_dir, self.today, config.site_url,
                                  drafts=self.serving, family=self.family)

        if cache.enabled():  # the generator's templates compiled once, not on every build (as the theme's: on_env)
            render.keep_compiled(self.root / cache.DIRECTORY / "jinja")
        if getattr(self, "changes", None) is None:
            corpus, site, problems = assemble()
        else:  # a preview: an article's text edited leaves the rest of the site as it was
            setting = (self.today, config.site_url, Path(config.config_file_path).read_bytes(), self.family, self.label,
                       sorted((k, v) for k, v in os.environ.items() if k.startswith("CCHC_")))
            corpus, site, problems = self.changes.assembled(
                [self.docs_dir, self.plans_dir], setting, assemble, lambda corpus, site: pages.check_bodies(site, corpus.inventory, self.root, self.docs_dir))
        problems = family.shown(problems, self.label, self.tree_sources)
        self.problems = problems if self.serving else []
        if problems and self.serving:
            if getattr(self, "changes", None) is not None:
                self.changes.previous = None  # the problem page replaces the site: the next preview makes all again
            return self._problems_only(config)
        if problems:
            raise PluginError(ContentError(problems).report())
        for warning in corpus.warnings:
            log.info(_("warning: {problem}", problem=warning))
        self.corpus, self.site = corpus, site
        self.sharing = share.sharing(corpus, config.site_url, config.site_name, config.site_description or "")
        # The build cache (cache.py): what every page depends on is in its salt.
        theme = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        shown = repr(services.theme_globals(corpus))
        salt = cache.salt(Path(config.config_file_path), theme, shown, config.site_url, self.serving)
        self.cache = cache.open_cache(self.root, salt)
        unpublished = generate.left_out(site, corpus, self.docs_dir)
        if getattr(self, "_listed", (None,))[0] is not corpus.inventory:  # (a preview may keep the corpus)
            self._listed = (corpus.inventory, {file.relative_to(self.docs_dir).as_posix() for kind in KINDS if not kind.in_nav and not kind.data
                                               for file in corpus.inventory.kind_files[kind.name]})
        listed = self._listed[1]
        others = tuple(f"{path.relative_to(self.docs_dir).as_posix()}/" for path in self.family.skipped(self.root)
                       if path.is_relative_to(self.docs_dir)) if self.family else ()
        changes = getattr(self, "changes", None)
        for file in list(files):
            if others and file.src_uri.startswith(others):  # another portal's folder
                files.remove(file)
                continue
            if file.src_uri.startswith(search.THEME_SEARCH) and file.abs_src_path \
                    and not Path(file.abs_src_path).is_relative_to(self.docs_dir):  # never loaded: search.THEME_SEARCH
                files.remove(file)
                continue
            if (file.abs_src_path and os.path.splitext(file.abs_src_path)[1].lower() in images.RASTER
                    and images.needs_resize(Path(file.abs_src_path))):  # content/ keeps the original
                if changes is not None and changes.unchanged(file.abs_src_path):
                    file.is_modified = lambda: False  # the preview's last build wrote it: not read, scaled or written again
                else:
                    source = Path(file.abs_src_path)  # a photo is scaled once, then taken from the cache by its bytes
                    file.content_bytes = self.cache.memo("photo", lambda data, suffix, source=source: images.resized(source),
                                                         source.read_bytes(), source.suffix.lower())
            if file.src_uri in unpublished:
                files.remove(file)
                continue
            if file.src_uri in listed:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if file.src_uri in site.moved:
                file.dest_uri = urls.dest_of(site.moved[file.src_uri])
                file.__dict__.pop("url", None)  # recomputed from dest_uri
                file.__dict__.pop("abs_dest_path", None)
        if self.family and self.family.portal.parent is not None:  # a unit: the family's nav, less what it lacks
            # (a listing with nothing in it too; where to send feedback stays, even before any is published)
            listings = {k.index: [] for k in KINDS if k.index and k.name != "feedback"}
            for kind in KINDS:
                listings.get(kind.index, []).append(bool(getattr(corpus, kind.name)))
            empty = {urls.src_of(index) for index, filled in listings.items() if not any(filled)}
            config.nav = _trim_nav(config.nav or [], ({f.src_uri for f in files} | set(site.generated)) - empty)
        in_nav = set(_nav_pages(config.nav or []))
        for src_uri, content in site.generated.items():
            if files.get_file_from_path(src_uri) is not None:  # pragma: no cover - pages.assemble reports these
                raise PluginError(_("content/{file}: this address is generated by the portal; rename or remove the file", file=src_uri))
            inclusion = InclusionLevel.UNDEFINED if src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        if getattr(self, "changes", None) is not None:
            home = pages.home_section(site, corpus, self.today, drafts=True)
            self.changes.mark(files, lambda file: self._fingerprint(file, home), cache.digest(salt, self.today), in_nav, others=site.updated)
            if self.changes.same_others:  # the sitemap and 404 page are what they were
                config.theme.static_templates.difference_update({"sitemap.xml", "404.html"})
        return files

    def _problems_only(self, config) -> Files:
        """The preview of content with errors: no page of the site, only the list of problems
        (written in on_post_build), so the build succeeds and the browser shows the list."""
        log.info("%s", ContentError(self.problems).report())
        config.nav = None  # the nav names pages that are not built now
        config.theme.static_templates.clear()  # the theme's 404 and sitemap need the site
        return Files([])

    def _fingerprint(self, file, home: str) -> str:
        """A page's input for the preview's partial rebuild (preview.py)."""
        if file.generated_by:
            return file.content_bytes
        src = file.src_uri
        return (self.changes.source(file.abs_src_path), self.site.head.get(src), self.site.foot.get(src), home if src == "index.md" else "")

    def on_env(self, env, config, files):
        if self.problems:
            return env
        if getattr(self, "changes", None) is not None:
            self.changes.read_only()  # pages read for their titles only are not written again
        # The theme's own templates (the hotline block on every page) read these.
        env.globals.update(services.theme_globals(self.corpus))
        # The sitemap's dates, for every page (a preview's partial rebuild renders only some).
        for file in files.documentation_pages():
            if file.page is not None and file.src_uri in self.site.updated:
                file.page.update_date = self.site.updated[file.src_uri].isoformat()
        if not isinstance(self.cache, cache.Null):  # the theme's templates compiled once, not on every build
            env.bytecode_cache = render.compiled_in(self.cache.directory / "jinja")
        get_template, navigation = env.get_template, {}

        def site_key(context):  # the nav, once all pages have their titles
            if "key" not in navigation:
                navigation["key"] = pagecache.nav_key(context)
            return navigation["key"]

        rendered, addresses = {}, {}  # the navigation partials, once per set of relative addresses

        def cached_template(name, *args, **kwargs):
            template = get_template(name, *args, **kwargs)
            if name in _NAVIGATION_PARTIALS:
                return pagecache.OncePerKey(template, lambda context: _navigation_key(context, addresses), rendered)
            if args or kwargs or isinstance(self.cache, cache.Null):  # (no cache: no page's key to make)
                return template
            return pagecache.CachedTemplate(template, name, self.cache, site_key)

        env.get_template = cached_template
        return env

    def on_pre_page(self, page, config, files):
        # Python-Markdown recurses once per level of nesting: text nested a few hundred levels
        # deep (lists, emphasis, HTML blocks) would end the build with a traceback.
        render = page.render

        def convert(config, files):
            if getattr(render, "__func__", None) is not mkdocs_pages.Page.render:  # replaced before us: that one
                render(config, files)
                return
            self.markdown_made = _render(page, config, files, getattr(self, "markdown_made", None))

        def guarded(config, files):
            try:
                if getattr(self, "cache", None) is None:  # no site assembled (a page rendered on its own)
                    convert(config, files)
                else:
                    pagecache.render_page(self.cache, page, config, files, convert, self.body_images)
            except RecursionError:
                self.markdown_made = None  # the converter is left mid-way: the next page starts afresh
                where = Location(self._shown(page.file.src_uri), 1, 1)
                raise PluginError(str(Problem(where, "", too_deep_message(whole_text=True), too_deep_hint()))) from None

        page.render = guarded
        return page

    def on_page_markdown(self, markdown, page, config, files):
        src = page.file.src_uri
        self.body_images.page_src = src  # MkDocs renders this page next
        # The same step as `cchc generate`: composed Unicode, the header and footer around it;
        # our templates' HTML blocks skip Python-Markdown (blocks.py), an officer's body never does.
        self.blocks = blocks.Blocks()
        return generate.page_markdown(self.site, self.corpus, src, markdown, self.today, drafts=self.serving, ours=self.blocks.lift)

    def on_page_content(self, html, page, config, files):
        # Officers' text never reaches a reader as markup: not in the body, not in the theme's <title> or <meta>.
        page.meta = sanitize.escaped_meta(page.meta)
        return self.cache.memo("clean", sanitize.clean, self.blocks.put_back(html))

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
        sharing = self.sharing
        preview, card = self.cache.memo("share", self._preview, page.url, title, page.meta.get("description") or page.meta.get("summary"),
                                        sharing.site_url, sharing.site_name, sharing.site_description, sharing.pictures.get(page.url),
                                        page.url in sharing.articles, page.url in sharing.shared)
        page.cchc_share = preview
        if card:
            path = Path(config.site_dir) / card[0]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(card[1])
        return context

    def on_post_page(self, output, page, config):
        if page.file.generated_by:
            origin = self.site.origins.get(page.file.src_uri)
            self.sources[page.file.dest_uri] = (_("{origin} (its page /{url})", origin=origin, url=page.file.url) if origin
                                                else _("generated page /{url}", url=page.file.url))
        else:
            self.sources[page.file.dest_uri] = self._shown(page.file.src_uri)
        # Not when previewing: `serve` injects its live-reload script inline into every page.
        # The policy is made while the page content is still as the theme printed it (the
        # search marks below change it), so only the theme's text around it is read; the
        # white space is collapsed after it: scripts are kept as written.
        if not self.serving:
            output = csp.with_policy(output, page.content, self.connect)  # a few hundredths of a ms: not worth a page's copy in the cache
        if self.config.search:  # ready to be indexed where it lies (no copy, no second read)
            origin = self.site.origins.get(page.file.src_uri) if page.file.generated_by else None
            source = origin if page.file.generated_by else self._shown(page.file.src_uri)
            output = search.for_index(output, page.file.dest_uri, self.ownership.words(source, page.file.dest_uri))
        return minify.collapse(output)

    def on_post_template(self, output_content, template_name, config):
        if self.serving or not template_name.endswith(".html"):  # 404.html is a page too
            return output_content
        if self.config.search:
            output_content = search.for_index(output_content, template_name)
        return minify.collapse(csp.with_policy(output_content, None, self.connect))

    def on_post_build(self, config):
        if self.problems:
            problem_page.write_site(Path(config.site_dir), config.site_url, self.problems)
            return
        changes = getattr(self, "changes", None)
        if changes is not None and changes.partial:  # a preview after a save: no search, no site-wide link check
            changes.built()
            return
        # The web editor at /admin/, when Node.js installed it and mkdocs.yml names the repository.
        try:
            log.info(cms.build_for_site(Path(config.site_dir), config.extra.get("cms"), config.repo_url, self.corpus, config.site_url))
        except cms.CmsSetupError as err:
            raise PluginError(str(err)) from None
        # Before the search index: a site with a broken link is not published at all.
        nested = self.family.nested() if self.family else ()  # other portals' pages: their own builds check them
        broken = linkcheck.check_site(Path(config.site_dir), config.site_url, self.sources, later=("pagefind/", *nested),
                                      parse=lambda html: self.cache.memo("links", linkcheck.parse_page, html))
        if broken and self.serving:  # the preview shows them (a failed rebuild would leave the browser waiting)
            log.info("%s", linkcheck.report(broken))
            problem_page.write_site(Path(config.site_dir), config.site_url, [], [b.line() for b in broken])
            if changes is not None:
                changes.previous = None  # the problem page replaced pages: the next preview makes all again
            return
        if broken:
            raise PluginError(linkcheck.report(broken))
        log.info(_("build cache: {taken} results reused, {made} made", taken=self.cache.hits, made=self.cache.misses))
        self.cache.trim()
        if changes is not None:
            changes.built()
        if self.config.search and os.environ.get(search.LATER):
            (Path(config.site_dir) / search.WANTED).touch()  # `cchc build` indexes once MkDocs has exited
        elif self.config.search:
            try:
                search.build_index(Path(config.site_dir))
            except search.SearchIndexError as err:
                raise PluginError(str(err)) from None
        if not self.serving and not os.environ.get(search.LATER):  # the very last step: every file is final
            precompress.write_all(Path(config.site_dir), precompress.cache_for(self.root))  # (under `cchc build`, after its index: cli.build)

    def _preview(self, url, title, description, *portal):
        """The page's share preview and card: a function of these and of what the portal
        says of the page (`portal`, for the cache's key)."""
        return self.sharing.preview(url, title, description)

    def _shown(self, src_uri: str) -> str:
        """A docs-dir file as officers know it: content/tin-tuc/2021/x.md."""
        shown = shown_path(self.docs_dir / src_uri, self.root)
        return self.tree_sources.get(shown, shown)

    def _source(self, src_uri: str) -> tuple[str, str | None]:
        """A docs-dir page as officers know it, and its Markdown (None for a generated page,
        which is named by the officer's file it is made from)."""
        path = self.docs_dir / src_uri
        if path.is_file():
            return self._shown(src_uri), path.read_text(encoding="utf-8-sig", errors="replace")
        site = getattr(self, "site", None)
        origin = site.origins.get(src_uri) if site else None
        return origin or self._shown(src_uri), None

    def on_serve(self, server, config, builder):
        if self.plans_dir.is_dir():
            server.watch(str(self.plans_dir))
        return server


def _render(page, config, files, made: tuple | None) -> tuple:
    """MkDocs' Page.render (mkdocs 1.6.1, pinned in constraints.txt), with one Markdown
    instance for the whole build instead of one a page: building it (loading and
    registering every extension) and its first conversion's set-up cost about as much as
    a fifth of an article's conversion. `made` is (config, instance) from the page before;
    the instance is reset between pages, as Python-Markdown asks, and MkDocs' own
    per-page processors are registered again for this page (a name registered again
    replaces the one before). Returns (config, instance) for the next page."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    if made is None or made[0] is not config:  # a new build (`serve` reloads the config)
        made = (config, markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}))
    md = made[1].reset()
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors
    return made


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _trim_nav(nav: list, present: set) -> list:
    """`nav` without the entries whose page is not in the site (a section left empty goes too)."""
    kept = []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(value, list):
            value = _trim_nav(value, present)
            if value:
                kept.append({title: value})
        elif not isinstance(value, str) or "://" in value or value in present:
            kept.append(entry)
    return kept


def _nav_pages(nav):
    """The docs-dir paths named in the `nav:` of mkdocs.yml."""
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _nav_pages(value)
        elif isinstance(value, str):
            yield value


# The theme's navigation partials: the same text on every page outside the navigation, up to
# the relative addresses of its links (MkDocs' `url` filter makes them relative to the page).
_NAVIGATION_PARTIALS = frozenset({"partials/nav.html", "partials/tabs.html"})


def _navigation_key(context, memo: dict):
    """What the navigation partials read of a page that is not in the navigation: the address
    of each of its links as seen from that page (None for a page in the navigation, whose
    entry is marked active and may list its headings)."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or not hasattr(page, "url"):
        return None
    if "targets" not in memo:
        memo["targets"] = ("", "assets/", *(getattr(item, "url", "") or "" for item in _flatten(nav.items)))
        memo["in_nav"] = frozenset(p.url for p in nav.pages)
    if page.url in memo["in_nav"] or page.is_homepage:
        return None
    return tuple(get_relative_url(target, page.url) for target in memo["targets"])


def _flatten(items):
    for item in items:
        yield item
        yield from _flatten(getattr(item, "children", None) or ())
