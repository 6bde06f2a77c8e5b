"""What `cchc serve` shows while the content has errors: a page listing every problem
(file:line:col, field, message, hint) in place of the site, which reloads itself as soon as
the officer saves a fix and the preview rebuilds.

MkDocs' preview server answers nothing while a rebuild is failing (the browser waits for a
site that never comes) and shows the last good pages before that. So when serving, the
plugin lets the build succeed with this page alone: written as the site's home and as its
404 page, which the server sends for every other address. The 404 page is sent as it is, so
the page carries its own small reload script (a file beside it, no inline script): it asks
the server's live-reload endpoint for the current build and reloads when a newer one is
there. Only for previewing: `cchc build` fails on the same problems and publishes nothing.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .errors import ContentError, Problem
from .i18n import _, _n
from .render import render

SCRIPT = "cchc-xem-truoc.js"  # the reload script, at the root of the preview site
PAGES = ("index.html", "404.html")  # the home page and the page for every other address


def page(problems: list[Problem], base_path: str, lines: list[str] = ()) -> str:
    """The error page: each problem with its place in the file, or `lines` of text (the
    broken links of a built site) when there are no located problems."""
    problems = ContentError(problems).problems  # the order `cchc check` prints
    count = len(problems) or len(lines)
    return render(
        "preview_errors.html.j2",
        problems=problems,
        lines=list(lines),
        script=base_path.rstrip("/") + "/" + SCRIPT,
        title=_("The content has errors: the preview cannot be shown"),
        lead=_n("{count} problem was found. Fix it in its file and save: this page reloads by itself.",
                "{count} problems were found. Fix them in their files and save: this page reloads by itself.", count, count=count),
        where_label=_("Where (file:line:column)"),
        field_label=_("Field"),
        message_label=_("What is wrong"),
        fix_label=_("How to fix it"),
        build_note=_("`cchc check` lists the same problems in the terminal. Nothing is published while they remain."),
    )


def write_site(site_dir: Path, site_url: str, problems: list[Problem], lines: list[str] = ()) -> None:
    """Write the error page as the preview's home and 404 page, with its reload script."""
    html = page(problems, urlsplit(site_url).path or "/", lines)
    site_dir.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        (site_dir / name).write_text(html, encoding="utf-8")
    (site_dir / SCRIPT).write_text(render("preview_reload.js.j2"), encoding="utf-8")
