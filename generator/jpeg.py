"""Whether a JPEG file is whole, without decoding its pixels.

libjpeg is tolerant: damaged compressed data decodes to garbage with only a warning, so
what decoding a photo really catches is a file cut short and damaged headers. This check
walks the file's markers as libjpeg does: every segment's length within the file, each
scan's compressed data ended by a marker, and an end-of-image marker reached. Then libjpeg
reads the file's skeleton: its tables and frame and scan headers without the compressed
data, for a picture at most 16 pixels wide, which takes it through every header check of a
full decode. Measured on five kinds of JPEG (bench/PROFILE-coldcheck.md): every one of
4,600 truncations is caught by both; of 18,360 single-bit changes in the headers, decoding
caught one that this misses (a progressive frame marker turned into an arithmetic-coded
one's), and this catches a file whose end was lost to zeros, which decoding passes. A
220 KB photo costs ~0.4 ms, reading included, instead of ~4 ms decoded at an eighth of its
size (14 ms for a progressive one)."""
from __future__ import annotations

import io
import re

from PIL import Image

# In a scan's compressed data 0xFF is followed by 0x00 (a stuffed byte), by a restart
# marker (D0–D7) or by more 0xFF (fill); anything else is the marker that ends the scan.
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}  # restart markers and TEM: no length
_FRAMES = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})  # SOFn
_SMALL = 16  # px: the skeleton's picture, at least one block of any sampling


def skeleton(data: bytes) -> bytes | None:
    """The JPEG without its compressed data, comments and application segments (but
    Adobe's), its frame shrunk to at most 16×16 pixels; None if its markers do not reach an
    end-of-image marker (a file cut short, or a segment's length damaged). Bytes after the
    end-of-image marker are ignored, as decoders do (some phones append a video there)."""
    end = len(data)
    if data[:2] != b"\xff\xd8":
        return None
    parts = [b"\xff\xd8"]
    pos = 2
    while True:
        pos = data.find(b"\xff", pos)  # libjpeg skips stray bytes before a marker (with a warning)
        if pos < 0:
            return None
        while pos < end and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= end:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            parts.append(b"\xff\xd9")
            return b"".join(parts)
        if marker in _STANDALONE:
            continue
        if marker in (0x00, 0xD8) or pos + 2 > end:
            return None
        length = data[pos] << 8 | data[pos + 1]
        if length < 2 or pos + length > end:
            return None
        segment = data[pos:pos + length]
        if marker in _FRAMES and length >= 8:
            height, width = segment[3] << 8 | segment[4], segment[5] << 8 | segment[6]
            # A zero stays zero: libjpeg refuses an empty picture as it would the real one.
            size = min(height, _SMALL).to_bytes(2, "big") + min(width, _SMALL).to_bytes(2, "big")
            segment = segment[:3] + size + segment[7:]
        if marker == 0xEE or not (0xE0 <= marker <= 0xEF or marker == 0xFE):  # APPn (EXIF, …) and COM: no decoding
            parts.append(bytes((0xFF, marker)) + segment)  # needs them, but Adobe's (APP14) gives the colour transform
        pos += length
        if marker == 0xDA:  # start of scan: its compressed data runs to the next marker
            found = _SCAN_END.search(data, pos)
            if found is None:
                return None
            pos = found.start()


def intact(data: bytes) -> bool:
    """Whether the JPEG `data` is whole: its structure complete and its headers accepted by
    libjpeg (what decoding it would catch, apart from garbage pixels, which it does not)."""
    bones = skeleton(data)
    if bones is None:
        return False
    try:
        with Image.open(io.BytesIO(bones), formats=["JPEG"]) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, EOFError):
        return False
    return True
