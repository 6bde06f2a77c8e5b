"""Share cards made from parts drawn once per build (cards.py): the same pixels as Pillow
drawing each title line and writing the PNG itself, a valid PNG (every checksum), and the
facts about the font that measuring and drawing word by word rely on."""
from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from generator import cards

NAME = "Ủy ban nhân dân xã Mẫu Sơn — chuyên trang cải cách hành chính"
TITLES = [
    "Ma", "Mã", "Mạ",
    "Hội nghị đối thoại giữa Chủ tịch UBND xã với người dân về thủ tục đăng ký hộ tịch",
    "Ễ Ỗ Ậ Ặ Ữ Ỹ ỵ ỳ gjpqy Quý Nguyễn Thị Ngọc Huyền — “Bộ phận một cửa” (phường 7)",  # marks above and below
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612",  # cut
    "Thủ tục hành chính " * 20,  # too long: an ellipsis at the smallest size
    "Trường hợp đặc biệt: ý kiến, kiến nghị của cử tri về cải cách thủ tục hành chính năm 2026 "
    "được tổng hợp, trả lời đầy đủ",  # a smaller size
    "🎉",  # nothing drawable: the portal's name
    "Dấu lạ ҉ giữa ̃ hai từ",  # marks that reach over a space into the next word and the one before
]


def _drawn_by_pillow(site_name: str, title: str) -> Image.Image:
    """The card as Pillow draws it: the whole card, each line by ImageDraw.text (the
    layout is the module's, the pixels are Pillow's)."""
    site_name, title = cards._one_line(site_name), cards._one_line(title) or cards._one_line(site_name)
    card = Image.new("L", (cards.WIDTH, cards.HEIGHT), cards.LEVELS)
    card.paste(cards._band(site_name), (0, 0))
    card.paste(0, (0, cards.BAND, cards.WIDTH, cards.HEIGHT - cards.FOOT))
    draw = ImageDraw.Draw(card)
    font, lines = cards._title_lines(title, cards.WIDTH - 2 * cards.MARGIN)
    step = round(font.size * 1.3)
    y = cards.BAND + (cards.HEIGHT - cards.BAND - cards.FOOT - step * len(lines)) // 2
    for line in lines:
        draw.text((cards.MARGIN, y), line, font=font, fill=cards.LEVELS - 1)
        y += step
    card.putpalette(cards._PALETTE)
    return card


@pytest.mark.parametrize("title", TITLES)
def test_a_card_has_the_pixels_pillow_draws(title):
    with Image.open(io.BytesIO(cards.card_png(NAME, title))) as image:
        image.load()
        expected = _drawn_by_pillow(NAME, title)
        assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 630))
        assert image.getpalette() == expected.getpalette()
        assert image.tobytes() == expected.tobytes()


def test_titles_of_other_sizes_and_lengths_are_laid_out_differently():
    font_sizes = {cards._title_lines(cards._one_line(t), cards.WIDTH - 2 * cards.MARGIN)[0].size for t in TITLES}
    assert font_sizes >= {68, 46}  # the cases above reach the largest and the smallest size


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        chunks.append((kind, data))
        at += 12 + length
    return chunks


@pytest.mark.parametrize("title", TITLES[:5])
def test_a_card_is_a_valid_png_with_every_checksum_right(title):
    png = cards.card_png(NAME, title)
    chunks = _chunks(png)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    assert struct.unpack(">IIBBBBB", chunks[0][1]) == (1200, 630, 8, 3, 0, 0, 0)
    rows = zlib.decompress(chunks[2][1])  # checks the stream's Adler-32 and that it ends
    assert len(rows) == 630 * 1201 and rows[::1201] == bytes(630)  # each row: filter byte 0, then its pixels
    pixels = b"".join(rows[i * 1201 + 1:(i + 1) * 1201] for i in range(630))
    assert pixels == _drawn_by_pillow(NAME, title).tobytes()


def test_the_same_title_gives_the_same_bytes_and_another_other_bytes():
    first = cards.card_png(NAME, TITLES[3])
    cards._word.cache_clear()
    cards._length.cache_clear()
    assert cards.card_png(NAME, TITLES[3]) == first
    assert cards.card_png(NAME, TITLES[4]) != first


def test_adler32_of_parts_joined_is_the_adler32_of_the_whole():
    rng = random.Random(12)
    for _ in range(200):
        whole = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
        whole += bytes(rng.choice([0, 1, 70_000, 140_000]))  # past the modulus 65521 too
        cut = rng.randrange(len(whole) + 1)
        first, second = whole[:cut], whole[cut:]
        assert cards._adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second)) == zlib.adler32(whole)


def test_a_line_is_as_long_as_its_words_and_spaces():
    # What measuring word by word relies on: whole-pixel advances, no kerning across a space.
    words = "Ủy ban nhân dân phường Thủ Dầu Một tổ chức hội nghị đối thoại về “thủ tục” (TTHC) năm 2026: Quý, Huyền, Ngọc, gjpqy, AV, To, Wa".split()
    for size in cards.TITLE_SIZES:
        font = cards._font(size, 700)
        for count in range(1, len(words) + 1):
            line = " ".join(words[:count])
            expected = sum(font.getlength(w) for w in words[:count]) + (count - 1) * font.getlength(" ")
            assert font.getlength(line) == expected, (size, line)
