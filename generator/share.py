"""What a link to a page shows when it is shared on Zalo or Facebook: Open Graph values.

Every page gets a title, a description, an absolute address and a picture: its own
(an article's, an episode's or a series' `image:`, a photo) or its share card (cards.py), a PNG
generated at /anh-chia-se/<the page's address>.png. The theme prints the values
(overrides/main.html, block extrahead); they are plain text here and escaped there once.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urljoin

from markupsafe import Markup

from . import cards, urls

LOCALE = "vi_VN"
# What chat apps and social networks show as a preview: an SVG drawing is not, so a page
# illustrated by one gets its card.
SHARED_PICTURES = (".jpg", ".jpeg", ".png", ".gif", ".webp")


@dataclass(frozen=True)
class Picture:
    path: str  # site-relative file, e.g. tin-tuc/2021/anh.jpg
    alt: str
    width: int | None
    height: int | None


@dataclass(frozen=True)
class Preview:
    type: str  # og:type: "article" for news, episodes and activities, else "website"
    title: str
    description: str
    url: str  # absolute, the page's canonical address
    image: str  # absolute
    image_alt: str
    image_width: int | None
    image_height: int | None
    button: bool  # a page worth passing on (an article, a procedure, a plan…) gets a share button
    locale: str = LOCALE


@dataclass
class Sharing:
    """The portal's own pictures and dated pages, by page address ("tin-tuc/2021/05/x/")."""

    site_url: str
    site_name: str
    site_description: str
    pictures: dict[str, Picture]
    articles: set[str]
    shared: set[str]  # pages with a share button

    def preview(self, page_url: str, title: str, description: str) -> tuple[Preview, tuple[str, bytes] | None]:
        """The page's preview, and its share card (site-relative path, PNG) when it has no picture.

        `title` and `description` may hold markup and entities (a title taken from the
        page's heading, front matter escaped by sanitize.escaped_meta): they become text."""
        title = text(title) or self.site_name
        description = text(description) or self.site_description
        card = None
        picture = self.pictures.get(page_url)
        first = urls.first_page("/" + page_url)
        if picture is None and first != "/" + page_url:  # page 2… of a listing: the card of its first page
            picture = Picture(urls.share_card(first).lstrip("/"), title, cards.WIDTH, cards.HEIGHT)
        if picture is None:
            path = urls.share_card(page_url).lstrip("/")
            card = (path, cards.card_png(self.site_name, title))
            picture = Picture(path, title, cards.WIDTH, cards.HEIGHT)
        return Preview(
            type="article" if page_url in self.articles else "website",
            title=title, description=description, url=urljoin(self.site_url, quote(page_url)),
            image=urljoin(self.site_url, quote(picture.path)), image_alt=picture.alt,
            image_width=picture.width, image_height=picture.height, button=page_url in self.shared,
        ), card


def sharing(corpus, site_url: str, site_name: str, site_description: str) -> Sharing:
    """The preview maker for a portal: pictures of the kinds that have one, dated pages."""
    pictures = {}
    for item in [*corpus.articles, *corpus.episodes, *corpus.series]:
        image = getattr(item, "image", None)
        if image is not None and image.site_path.lower().endswith(SHARED_PICTURES):
            pictures[item.url.lstrip("/")] = Picture(image.site_path, image.alt, image.width, image.height)
    dated = {item.url.lstrip("/") for item in [*corpus.articles, *corpus.episodes, *corpus.activities]}
    shared = dated | {p.url.lstrip("/") for p in corpus.procedures} | {urls.plan_url(p.slug).lstrip("/") for p in corpus.plans}
    return Sharing(site_url if site_url.endswith("/") else site_url + "/", site_name, site_description, pictures, dated, shared)


def text(value: str | None) -> str:
    """Markup or escaped text as plain text on one line ("A &amp; <em>B</em>" → "A & B")."""
    return Markup(str(value or "")).striptags()
