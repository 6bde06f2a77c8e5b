"""What decoding a JPEG catches that generator/jpeg.py's header check does not, and back.

    .venv/bin/python bench/jpeg_damage.py [--exhaustive]

Five photo-like JPEGs (1600×1067: baseline with EXIF, progressive, with restart markers,
greyscale, 4:4:4) are cut short and changed at random (seeded) places; each damaged file is
judged by the old check (open, EXIF, decode at 1/8 scale) and the new one (open, EXIF,
jpeg.intact). Prints how many cases each reports. `--exhaustive` also flips every bit of
each file's headers one at a time and lists the cases only the decode reports (minutes).
See bench/PROFILE-coldcheck.md.
"""
from __future__ import annotations

import collections
import io
import random
import sys
import warnings

from PIL import Image

from generator import jpeg

warnings.simplefilter("ignore")  # Pillow's EXIF warnings on damaged files
Image.MAX_IMAGE_PIXELS = 50_000_000
FAILED = (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)


def photos() -> dict[str, bytes]:
    rng = random.Random(1)
    base = Image.frombytes("RGB", (40, 27), bytes(rng.randrange(256) for _ in range(40 * 27 * 3))).resize((1600, 1067), Image.BICUBIC)
    picture = Image.blend(base, Image.merge("RGB", [Image.effect_noise((1600, 1067), 24)] * 3), 0.12)
    exif = Image.Exif()
    exif[0x0112] = 6
    made = {}
    for name, image, options in [
        ("baseline", picture, {"quality": 82, "exif": exif.tobytes()}),
        ("progressive", picture, {"quality": 82, "progressive": True, "exif": exif.tobytes()}),
        ("restart", picture, {"quality": 90, "restart_marker_rows": 1, "optimize": True}),
        ("gray", picture.convert("L"), {"quality": 75}),
        ("sub444", picture, {"quality": 95, "subsampling": 0}),
    ]:
        out = io.BytesIO()
        image.save(out, "JPEG", **options)
        made[name] = out.getvalue()
    return made


def opened(data: bytes):
    image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"])
    if image.format != "JPEG":
        raise ValueError
    image.getexif()
    return image


def old(data: bytes) -> bool:
    try:
        with opened(data) as image:
            image.draft(image.mode, (image.size[0] // 8, image.size[1] // 8))
            image.load()
    except FAILED:
        return False
    return True


def new(data: bytes) -> bool:
    try:
        with opened(data):
            pass
    except FAILED:
        return False
    return jpeg.intact(data)


def headers_end(data: bytes) -> int:
    sos = data.find(b"\xff\xda")
    return sos + 2 + (data[sos + 2] << 8 | data[sos + 3])


def main() -> None:
    total: collections.Counter = collections.Counter()

    def case(kind: str, damaged: bytes) -> None:
        total[kind, old(damaged), new(damaged)] += 1

    for name, data in photos().items():
        assert old(data) and new(data), name
        n, hdr, rng = len(data), headers_end(data), random.Random(5)
        for cut in sorted(set(range(hdr + 64)) | {rng.randrange(n) for _ in range(400)} | {n - 1, n - 2}):
            case("cut short", data[:cut])
        for _ in range(300):
            d = bytearray(data)
            d[rng.randrange(hdr)] ^= 1 << rng.randrange(8)
            case("one bit flipped in the headers", bytes(d))
        for _ in range(300):
            d = bytearray(data)
            d[rng.randrange(n)] = rng.randrange(256)
            if d != data:
                case("one byte changed anywhere", bytes(d))
        for _ in range(60):
            at = rng.randrange(n)
            d = bytearray(data)
            d[at:at + 4096] = bytes(len(d[at:at + 4096]))
            case("4 KiB zeroed", bytes(d))
        for k in (1, 2, 512, 4096, 65536):
            case("end zero-filled", data[:n - k] + bytes(k))
        case("a video appended after the end", data + b"\0\0\0\x18ftypmp42" + bytes(3000))
        if "--exhaustive" in sys.argv:
            for at in range(hdr):
                for bit in range(8):
                    d = bytearray(data)
                    d[at] ^= 1 << bit
                    if not old(bytes(d)) and new(bytes(d)):
                        print(f"only the decode reports: {name}, byte {at}, bit {bit}")
            print(f"{name}: {hdr * 8} header bits flipped")
    print(f"{'damage':34s} {'cases':>6s} {'both':>6s} {'decode only':>12s} {'new only':>9s} {'neither':>8s}")
    for kind in dict.fromkeys(k for k, _, _ in total):
        row = [total[kind, o, w] for o, w in ((False, False), (False, True), (True, False), (True, True))]
        print(f"{kind:34s} {sum(row):6d} {row[0]:6d} {row[1]:12d} {row[2]:9d} {row[3]:8d}")


if __name__ == "__main__":
    main()
