"""Share cards: the 1200×630 picture a chat app (Zalo) or a social network shows with a
link to a page that has no picture of its own (og:image, see share.py).

The card carries the portal's name and the page's title, drawn at build time with Noto
Sans (the fontpkg-noto-sans wheel: every Vietnamese letter and tone mark, no system font
needed). It is drawn as grey levels and stored as a 32-colour palette PNG: a few
kilobytes per page, and the same title always gives the same bytes.
"""
from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BAND = 150  # the red band at the top with the portal's name
FOOT = 18  # the red strip at the bottom
RED = (155, 28, 28)  # the theme's primary colour (overrides/assets/stylesheets/cchc.css)
WHITE = (255, 255, 255)
INK = (26, 26, 26)
LEVELS = 16  # grey levels kept of the anti-aliased text: enough for smooth edges, small files
TITLE_SIZES = (68, 60, 52, 46)  # largest first: the first size at which the title fits
TITLE_LINES = 4
NAME_SIZE = 34
NAME_LINES = 2
ELLIPSIS = "…"


def font_path() -> Path:
    """The TrueType file the cards are drawn with."""
    import fontpkg  # the registry of installed font wheels (fontpkg-noto-sans)

    return Path(fontpkg.path("Noto Sans"))


@lru_cache(maxsize=None)
def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine on every machine: libraqm, where installed, could shape the
    # same title into other pixels. Vietnamese needs no shaping once composed (NFC).
    font = ImageFont.truetype(str(font_path()), size, layout_engine=ImageFont.Layout.BASIC)
    axes = [float(weight) if axis["name"] in (b"Weight", "Weight") else float(axis["default"]) for axis in font.get_variation_axes()]
    font.set_variation_by_axes(axes)
    return font


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, most: int) -> tuple[list[str], bool]:
    """Lines of at most `width` pixels, broken between words; whether all the text fitted."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while font.getlength(word) > width:  # a word longer than a line (an address): cut it
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    if len(lines) <= most:
        return lines, True
    kept = lines[:most]
    last = kept[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept, False


def _title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in TITLE_SIZES:
        lines, whole = _wrap(title, _font(size, 700), width, TITLE_LINES)
        if whole:
            return _font(size, 700), lines
    return _font(TITLE_SIZES[-1], 700), lines


def card_png(site_name: str, title: str) -> bytes:
    """The share card of a page: the portal's name over the page's title, as PNG bytes."""
    site_name = _one_line(site_name)
    title = _one_line(title) or site_name
    # Palette indexes: 0…15 ink on white for the title, 16…31 white on red for the band and
    # the strip at the bottom. The title is drawn straight onto a copy of the card without
    # it, in index levels: its anti-aliased edges blend from 0 (paper) to LEVELS - 1 (ink).
    card = _blank(site_name).copy()
    draw = ImageDraw.Draw(card)
    font, lines = _title_lines(title, WIDTH - 2 * MARGIN)
    step = round(font.size * 1.3)
    y = BAND + (HEIGHT - BAND - FOOT - step * len(lines)) // 2
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=LEVELS - 1)
        y += step
    card.putpalette(_PALETTE)  # an "L" image with a palette is a "P" image: no copy
    out = io.BytesIO()
    # zlib level 3: a quarter of the time of the default level (6) for a fifth more bytes
    # (about 22 KB); `optimize` would save a sixth of the bytes at eight times the time.
    card.save(out, format="PNG", compress_level=3)
    return out.getvalue()


@lru_cache(maxsize=4)
def _blank(site_name: str) -> Image.Image:
    """The card without its title (band with the portal's name, paper, strip): drawn once per build."""
    index = Image.new("L", (WIDTH, HEIGHT), LEVELS)  # the red strip at the bottom stays
    index.paste(_band(site_name), (0, 0))
    index.paste(0, (0, BAND, WIDTH, HEIGHT - FOOT))
    return index


_BODY = [(v * (LEVELS - 1) + 127) // 255 for v in range(256)]  # grey → palette index 0…15
_BAND = [LEVELS + i for i in _BODY]  # grey → palette index 16…31


@lru_cache(maxsize=4)
def _band(site_name: str) -> Image.Image:
    """The top band with the portal's name, the same on every card: drawn once per build."""
    band = Image.new("L", (WIDTH, BAND), 0)
    draw = ImageDraw.Draw(band)
    font = _font(NAME_SIZE, 600)
    lines, _ = _wrap(site_name, font, WIDTH - 2 * MARGIN, NAME_LINES)
    step = round(NAME_SIZE * 1.3)
    y = (BAND - step * len(lines)) // 2
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=255)
        y += step
    return band.point(_BAND)


# What Noto Sans draws: Latin (Vietnamese included), Greek, Cyrillic, general punctuation and
# currency signs. Anything else (emoji, CJK) would be drawn as an empty box: left out.
_DRAWN = ((0x20, 0x52F), (0x1E00, 0x1EFF), (0x2000, 0x20CF))


def _drawn(char: str) -> bool:
    return unicodedata.category(char) != "Cf" and any(low <= ord(char) <= high for low, high in _DRAWN)


def _one_line(text: str) -> str:
    """Composed (NFC: one code point per Vietnamese letter, as the font's map has them), on one
    line, without what the font cannot draw or invisible format characters (bidi controls)."""
    composed = unicodedata.normalize("NFC", " ".join(text.split()))
    return " ".join("".join(c for c in composed if _drawn(c)).split())


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int]) -> list[int]:
    """LEVELS colours from `start` (no text) to `end` (full text), as a flat RGB list."""
    top = LEVELS - 1
    return [round(a + (b - a) * i / top) for i in range(LEVELS) for a, b in zip(start, end)]


_PALETTE = _ramp(WHITE, INK) + _ramp(RED, WHITE)
