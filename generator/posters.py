"""Printable A4 pages for the notice board of the one-stop desk and for residential areas
("niêm yết công khai", "áp phích, tờ rơi"): a poster for every procedure guide and for
the hotline list, and one leaflet (tờ rơi) for the portal with QR codes to the procedures
officers chose (`leaflet: true` on a procedure).

Each QR code is an SVG file beside its page (segno: no network, the same bytes for the
same address), shown with <img>: the page sanitizer drops inline <svg>. The pages use
their own theme template (overrides/cchc-poster.html: no header, navigation or footer)
and print style (overrides/assets/stylesheets/posters.css: A4, large type). PDFs are
printed from the built site by `cchc posters` (generator/print_pdf.py).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from . import urls
from .kinds import hotline as hotlines_kind
from .render import render

QR_FILE = "qr.svg"  # beside each poster, and beside the leaflet for the portal's home page


@dataclass(frozen=True)
class Qr:
    """A QR code as a poster shows it: its image file and the address it leads to."""

    src: str  # the SVG's URL on this site
    target: str  # the absolute address encoded (what a phone opens)


def qr_svg(target: str) -> str:
    """The QR code of an absolute address as a standalone SVG that scales to any size.

    Error correction M (15% of the code may be smudged or torn on a notice board); a
    white quiet zone of four modules drawn in, so it scans on coloured paper too."""
    import segno  # here: `cchc check` draws no QR code

    out = io.BytesIO()
    segno.make(target, error="m").save(
        out, kind="svg", border=4, xmldecl=False, svgclass=None, lineclass=None, omitsize=True, light="#fff", title=target,
    )
    return out.getvalue().decode("utf-8") + "\n"


def _qr(site, folder: str, page: str, site_url: str) -> Qr:
    """The QR code leading to `page`, written as an SVG in the folder at URL `folder`."""
    target = site_url + page.lstrip("/")
    src = folder + QR_FILE
    site.download(src, qr_svg(target))
    return Qr(src, target)


def poster_hotlines(hotlines) -> tuple:
    """The lines a poster prints: those pinned to every page of the portal (at most three),
    else the first three of the list (ordered from the commune up to the nation)."""
    pinned = tuple(h for h in hotlines if h.pinned)
    return pinned or tuple(hotlines[:hotlines_kind.MAX_PINNED])


def build(site, corpus, site_url: str) -> None:
    """Add the posters, their QR codes and the leaflet to `site`."""
    hotlines = poster_hotlines(corpus.hotlines)
    codes = {}
    for procedure in corpus.procedures:
        url = urls.poster_url(procedure.url)
        codes[procedure.code] = qr = _qr(site, url, procedure.url, site_url)
        site.page(url, "poster_procedure.md.j2", p=procedure, qr=qr, hotlines=hotlines)
    hotline_qr = _qr(site, urls.HOTLINES_POSTER, urls.HOTLINES_INDEX, site_url)
    site.page(urls.HOTLINES_POSTER, "poster_hotlines.md.j2", qr=hotline_qr, hotlines=corpus.hotlines,
              groups=hotlines_kind.by_level_and_agency(list(corpus.hotlines)))
    chosen = [(p, codes[p.code]) for p in corpus.procedures if p.leaflet]
    home_qr = _qr(site, urls.LEAFLET, "/", site_url)
    site.page(urls.LEAFLET, "leaflet.md.j2", home=home_qr, procedures=chosen, hotlines=hotlines, hotline_qr=hotline_qr,
              sample=any(p.sample for p, _ in chosen))


def is_printable(url: str) -> bool:
    """Whether the page at `url` is one of the A4 pages `cchc posters` prints to PDF."""
    return url == urls.LEAFLET or url.endswith("/" + urls.POSTER)
