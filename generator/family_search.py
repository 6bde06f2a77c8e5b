"""One search across a family of portals (issue 14): the root portal's search box searches
its descendants' Pagefind indexes too; every other portal searches its own.

- The root's search box reads the list of indexes with the portal's citizen words, from the
  one file it fetches on first use (/tim-kiem/tu-khoa.json, key "portals"): the root first,
  then its descendants, each with its name, its unit (the label results carry and the unit
  filter offers) and its address. An address under the root's is written relative to the
  root's ("phuong-1/"), so the family searches the same wherever one folder serves it (a
  preview, a test); on the root's host, from the host's root ("/cchc-xa/"); elsewhere in
  full, and then that host must answer the root's requests (CORS, generator/deploy/
  nginx.conf) and the root's pages allow it (`connect_origins`, Content-Security-Policy).
- A unit inherits folders from the portals above it (procedures, hotlines): the root would
  find each such page once per unit. Every page a portal of a family owns carries a hidden
  word (`OWN`), which the root's search box adds to what it asks the merged indexes: a
  unit's inherited copies never match, its own pages (news, its own hotline) do. A listing
  a unit inherits (the procedures' list) is its own when it lists a file of the unit's.
- Every page of a family's portal also carries a word naming its portal (`portal_word`): a
  page two portals publish alike (the feedback page, an inherited procedure) would otherwise
  be the same page to Pagefind (its id is a hash of what it indexes), and the search box
  could not tell which portal a result is from.
- Ranking is per index, then interleaved (overrides/assets/javascripts/cchc.js): Pagefind
  scores each index with its own statistics, so one index's scores do not compare with
  another's (tests/test_browser_family_search.py measures it).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from .family import Context, Portal

OWN = "zzrieng"  # the hidden word of a page a portal owns (not inherited); folded like the type words


def portal_word(portal: Portal) -> str:
    """The hidden word on every page of a family's portal ("phuong-1" -> "zzdvphuong1")."""
    return "zzdv" + portal.name.replace("-", "")


def searched(ctx: Context | None) -> tuple[Portal, ...]:
    """The portals whose indexes this portal's search box searches, itself first: the root's
    own and its descendants'; () for a portal that searches only its own index."""
    if ctx is None or not ctx.is_family or ctx.portal.parent is not None:
        return ()
    below = ctx.family.descendants(ctx.portal.name)
    return (ctx.portal, *below) if below else ()


def address(portal_url: str, site_url: str) -> str:
    """The address of a portal as the search box at `site_url` reaches it: relative to
    `site_url` under it, from the host's root on its host, else in full."""
    if portal_url.startswith(site_url):
        return portal_url[len(site_url):]
    here, there = urlsplit(site_url), urlsplit(portal_url)
    if (here.scheme, here.netloc) == (there.scheme, there.netloc):
        return there.path
    return portal_url


def indexes(ctx: Context | None, site_url: str) -> list[dict]:
    """What the root's search box needs of each searched portal (see the module's docstring)."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    return [{"name": p.name, "unit": p.unit, "url": "" if p is ctx.portal else address(p.site_url, site_url)}
            for p in searched(ctx)]


def connect_origins(ctx: Context | None, site_url: str) -> tuple[str, ...]:
    """The other hosts the root's search fetches indexes from (its pages' connect-src)."""
    found = []
    for entry in indexes(ctx, site_url):
        if "://" in entry["url"]:
            parts = urlsplit(entry["url"])
            found.append(f"{parts.scheme}://{parts.netloc}")
    return tuple(dict.fromkeys(found))


class Ownership:
    """The hidden words of a family portal's pages: its `portal_word`, and `OWN` on its own.

    `sources`: a unit tree's files, "content/…" or "plans/…" -> the real repository file
    (family.json); the root's tree is the repository itself, so all of its pages are its own."""

    def __init__(self, ctx: Context | None, sources: dict[str, str]):
        self.portal = ctx.portal if ctx is not None and ctx.is_family else None
        self.sources = sources
        self.prefix = self.portal.content.rstrip("/") + "/" if self.portal else ""
        # The inherited folders in which the unit has files of its own (its own hotline).
        self.own_folders = {key.split("/")[1] for key, real in sources.items()
                            if key.startswith("content/") and key.count("/") >= 2 and real.startswith(self.prefix)}

    def words(self, source: str | None, path: str) -> tuple[str, ...]:
        """The hidden words of the page at `path` (under the site) made from `source` (the
        file as the build knows it: a tree path or a repository path; None for a listing)."""
        if self.portal is None:
            return ()
        return (portal_word(self.portal), OWN) if self._owns(source, path) else (portal_word(self.portal),)

    def _owns(self, source: str | None, path: str) -> bool:
        if self.portal.parent is None:
            return True
        if source:
            return self.sources.get(source, source).startswith(self.prefix)
        top = path.split("/", 1)[0]
        return top not in self.portal.inherit or top in self.own_folders
