"""Generator tests (fixture portal): the MkDocs adapter's own duties, exercised without a full build."""
from __future__ import annotations

from mkdocs.config import load_config

from generator.plugin import CchcPlugin

from .conftest import fixture_corpus


class RecordingServer:
    def __init__(self):
        self.watched = []

    def watch(self, path):
        self.watched.append(path)


def configured_plugin(monkeypatch, project) -> tuple[CchcPlugin, object]:
    monkeypatch.setenv("CCHC_BUILD_DATE", "2026-11-22")
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["cchc"]
    plugin.on_config(config)
    return plugin, config


def test_serve_also_watches_the_plans_folder(monkeypatch, fixture_project):
    plugin, config = configured_plugin(monkeypatch, fixture_project)
    server = RecordingServer()
    plugin.on_serve(server, config, builder=None)
    assert server.watched == [str(fixture_project / "plans")]


def test_heading_anchors_use_the_portal_slugs(monkeypatch, fixture_project):
    plugin, config = configured_plugin(monkeypatch, fixture_project)
    from generator.urls import slugify

    assert config.mdx_configs["toc"]["slugify"] is slugify


def test_drafts_are_built_only_when_serving(monkeypatch):
    import datetime as dt

    from generator.pages import build_site

    corpus = fixture_corpus()
    draft = next(a for a in corpus.articles if a.draft)
    today = dt.date(2026, 11, 22)
    assert draft.src in build_site(corpus, today, "https://x.vn/").hidden
    assert draft.src in build_site(corpus, today, "https://x.vn/", drafts=True).moved

    plugin = CchcPlugin()
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.serving
    plugin.on_startup(command="build", dirty=False)
    assert not plugin.serving
