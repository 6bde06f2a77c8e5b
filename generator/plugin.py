"""The MkDocs adapter: the only module that imports mkdocs.

It maps MkDocs events to the generator's plain functions: load and validate
content (all problems raised together as one PluginError), add the generated
pages as real MkDocs files, add the current plans to the home page, and watch
plans/ when serving.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from . import dates, pages, urls
from .errors import ContentError
from .kinds.plan import load_plans



class CchcConfig(Config):
    plans_dir = opt.Type(str, default="plans")


class CchcPlugin(BasePlugin[CchcConfig]):
    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.plans_dir = self.root / self.config.plans_dir
        try:
            self.today = dates.build_date()
        except dates.BuildDateError as err:
            raise PluginError(str(err)) from None
        # MkDocs dates the sitemap and its gzip header from SOURCE_DATE_EPOCH: pin it to the
        # build date so the same inputs and build date give byte-identical output.
        os.environ["SOURCE_DATE_EPOCH"] = str(dates.epoch(self.today))
        # Heading anchors in ASCII like every other URL ("duong-day-nong", not "uong-day-nong").
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", urls.slugify)
        if "toc" not in config.markdown_extensions:
            config.markdown_extensions.append("toc")
        return config

    def on_files(self, files, config):
        plans, problems = load_plans(self.plans_dir, self.root)
        if problems:
            raise PluginError(ContentError(problems).report())
        self.plans = plans
        for src_uri, content in pages.plan_pages(plans).items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(f"content/{src_uri} is generated from plans/; remove it from content/")
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri == "index.md":
            return markdown.rstrip() + "\n\n" + pages.home_section(self.plans, self.today, "index.md")
        return markdown

    def on_serve(self, server, config, builder):
        if self.plans_dir.is_dir():
            server.watch(str(self.plans_dir))
        return server
