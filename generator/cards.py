"""Share cards: the 1200×630 picture a chat app (Zalo) or a social network shows with a
link to a page that has no picture of its own (og:image, see share.py).

The card carries the portal's name and the page's title, drawn at build time with Noto
Sans (the fontpkg-noto-sans wheel: every Vietnamese letter and tone mark, no system font
needed). It is drawn as grey levels and stored as a 32-colour palette PNG: a few
kilobytes per page, and the same title always gives the same bytes. What is the same on
every card (the band, the strip, the width of a word and its pixels) is made once per build:
a card costs about 2 ms (bench/PROFILE-pixels.md).
"""
from __future__ import annotations

import struct
import unicodedata
import zlib
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
    used = 0  # the last line's length
    space = _length(font, " ")
    for word in text.split():
        length = _length(font, word)
        if lines and used + space + length <= width:
            lines[-1] = f"{lines[-1]} {word}"
            used += space + length
            continue
        while length > width:  # a word longer than a line (an address): cut it
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            length = _length(font, word)
        lines.append(word)
        used = length
    if len(lines) <= most:
        return lines, True
    kept = lines[:most]
    last = kept[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept, False


# A line's length is its words' and its spaces' lengths: the basic layout places every glyph
# a whole number of pixels after the one before it (hinted advances) and Noto Sans has no
# "kern" table for it to apply (test_cards_fast checks both), so each word of a title is
# measured, and drawn, once per build: titles share most of their words (syllables).
@lru_cache(maxsize=8192)
def _length(font: ImageFont.FreeTypeFont, text: str) -> int:
    return int(font.getlength(text))


@lru_cache(maxsize=2048)
def _word(font: ImageFont.FreeTypeFont, word: str) -> tuple[Image.Image, int, int] | None:
    """The word's anti-aliasing mask and where it lies from where the word is drawn at."""
    pad = font.size  # room for tone marks above the ascender and letters left of their origin
    image = Image.new("L", (_length(font, word) + 2 * pad, 3 * pad), 0)
    ImageDraw.Draw(image).text((pad, pad), word, font=font, fill=255)
    box = image.getbbox()
    return (image.crop(box), box[0] - pad, box[1] - pad) if box else None


def _draw_line(draw: ImageDraw.ImageDraw, xy: tuple[int, int], line: str, font: ImageFont.FreeTypeFont, fill: int) -> None:
    """`draw.text(xy, line, font=font, fill=fill)`, the same pixels, from the masks of its words.

    Pillow draws a line by rendering its glyphs into one mask, then blending the fill through
    it. Where no two words' masks overlap (a space is wider than any letter reaches past its
    own), that mask is the words' masks side by side, and blending the fill through each word's
    mask in turn gives the same pixels (no line mask is assembled); a line where they would
    overlap (a tone mark standing alone after a space) is drawn by Pillow, which knows how it
    blends glyphs."""
    x, y = xy
    placed, reached = [], -1
    for word in line.split(" "):
        drawn = _word(font, word)
        if drawn:
            left = x + drawn[1]
            if left < reached:
                draw.text(xy, line, font=font, fill=fill)
                return
            placed.append((left, drawn[2], drawn[0]))
            reached = left + drawn[0].width
        x += _length(font, word) + _length(font, " ")
    for left, dy, word_mask in placed:
        draw.bitmap((left, y + dy), word_mask, fill=fill)


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
    # the strip at the bottom. Only the paper between them differs from card to card: the
    # title is drawn on it in index levels, its anti-aliased edges blending from 0 (paper)
    # to LEVELS - 1 (ink).
    paper = Image.new("L", (1 + WIDTH, PAPER), 0)  # column 0: each row's PNG filter byte (0), never drawn on
    draw = ImageDraw.Draw(paper)
    font, lines = _title_lines(title, WIDTH - 2 * MARGIN)
    step = round(font.size * 1.3)
    y = (PAPER - step * len(lines)) // 2
    for line in lines:
        _draw_line(draw, (1 + MARGIN, y), line, font, LEVELS - 1)
        y += step
    return _png(site_name, paper)


PAPER = HEIGHT - BAND - FOOT  # rows between the band and the strip: where the title goes


def _png(site_name: str, paper: Image.Image) -> bytes:
    """The card as a palette PNG: the band's rows, the paper's, the strip's.

    The image data of a PNG is one zlib stream of its rows, each after a filter byte (0: a
    palette image is stored unfiltered). The rows that are the same on every card (the band,
    the strip, blank paper) are compressed once per build, each part ending on a byte
    boundary with an empty block that resets the compressor (a full flush), so the parts
    join into one valid stream; only the rows with ink are compressed for each card (a third
    to a half of the card's), and the whole card is never drawn or copied."""
    box = paper.getbbox()
    top, bottom = (box[1], box[3]) if box else (0, 0)
    parts = [_band_rows(site_name), _blank_rows(top), _deflated(paper.crop((0, top, 1 + WIDTH, bottom)).tobytes(), zlib.Z_RLE),
             _blank_rows(PAPER - bottom), _strip_rows()]
    data, adler = bytearray(_ZLIB_HEADER), 1
    for compressed, checksum, length in parts:
        data += compressed
        adler = _adler32_combine(adler, checksum, length)
    data += _LAST_BLOCK + adler.to_bytes(4, "big")
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)  # 8 bits, palette, no interlace
    return b"".join([b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"PLTE", bytes(_PALETTE)),
                     _chunk(b"IDAT", bytes(data)), _chunk(b"IEND", b"")])


_ZLIB_HEADER = b"\x78\x9c"  # deflate, 32 KiB window, default level (the level is for information only)
_LAST_BLOCK = b"\x03\x00"  # an empty final block (fixed codes): what ends the stream


def _deflated(raw: bytes, strategy: int = zlib.Z_DEFAULT_STRATEGY) -> tuple[bytes, int, int]:
    """A part of the stream: `raw` compressed on its own (no header, ends with a full flush),
    its Adler-32 checksum and its length. The parts drawn once per build are compressed
    hard; a card's rows with ink as runs of one palette index (zlib's run-length strategy:
    a third of the time of level 3 for a smaller result, measured in bench/PROFILE-pixels.md)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, strategy)
    return compressor.compress(raw) + compressor.flush(zlib.Z_FULL_FLUSH), zlib.adler32(raw), len(raw)


def _adler32_combine(first: int, second: int, length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from theirs and the second's
    length (zlib's adler32_combine, which Python's zlib module does not offer)."""
    base = 65521
    rem = length % base
    low = ((first & 0xFFFF) + (second & 0xFFFF) + base - 1) % base
    high = (rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + base - rem) % base
    return low | (high << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _rows(image: Image.Image) -> bytes:
    """The image's rows, each after its filter byte 0."""
    framed = Image.new("L", (image.width + 1, image.height), 0)
    framed.paste(image, (1, 0))
    return framed.tobytes()


@lru_cache(maxsize=4)
def _band_rows(site_name: str) -> tuple[bytes, int, int]:
    return _deflated(_rows(_band(site_name)))


@lru_cache(maxsize=None)
def _blank_rows(count: int) -> tuple[bytes, int, int]:
    return _deflated(bytes((WIDTH + 1) * count))


@lru_cache(maxsize=1)
def _strip_rows() -> tuple[bytes, int, int]:
    return _deflated(_rows(Image.new("L", (WIDTH, FOOT), LEVELS)))


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


@lru_cache(maxsize=4096)
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
