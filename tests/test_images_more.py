"""Photos as officers' phones make them: turned upright, colour profile kept, and
unreadable or oversized files reported as problems instead of tracebacks."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms

from generator import images

RED, BLUE = (255, 0, 0), (0, 0, 255)


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def sideways_jpeg(path: Path, width: int, height: int, orientation: int = 6) -> Path:
    """A photo stored landscape with a blue top-left quarter, as a phone held upright saves it."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (0, 0, width // 2, height // 2))
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(path, exif=exif, quality=95, icc_profile=SRGB)
    return path


def close(pixel, colour) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour))


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims `width` × `height` pixels (a decompression bomb's shape)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    return path


def test_a_sideways_phone_photo_is_served_upright_even_when_narrow(tmp_path):
    photo = sideways_jpeg(tmp_path / "doc.jpg", 80, 40)  # orientation 6: turn 90° clockwise to view
    assert images.image_problem(photo) is None
    assert images.display_size(photo) == (40, 80)
    assert images.needs_resize(photo)  # narrower than MAX_WIDTH, rewritten only to turn it
    served = Image.open(io.BytesIO(images.resized(photo)))
    assert served.size == (40, 80)
    # The stored top-left quarter ends up top-right once turned clockwise.
    assert close(served.getpixel((30, 10)), BLUE) and close(served.getpixel((10, 10)), RED)
    assert served.getexif().get(0x0112) is None  # not turned a second time by the browser
    assert served.info["icc_profile"] == SRGB
    assert images.resized(photo) == images.resized(photo)  # same input, same bytes


def test_a_wide_sideways_photo_is_turned_then_fitted_to_the_column(tmp_path):
    photo = sideways_jpeg(tmp_path / "doc.jpg", 3000, 1500, orientation=8)
    assert images.display_size(photo) == (1200, 2400)
    assert Image.open(io.BytesIO(images.resized(photo))).size == (1200, 2400)


def test_an_upright_narrow_photo_is_left_as_it_is(tmp_path):
    photo = sideways_jpeg(tmp_path / "doc.jpg", 40, 20, orientation=1)
    assert not images.needs_resize(photo)
    assert images.display_size(photo) == (40, 20)


def test_the_colour_profile_is_kept_when_a_photo_is_resized(tmp_path):
    photo = tmp_path / "wide.png"
    Image.new("RGB", (2400, 100), RED).save(photo, icc_profile=SRGB)
    data = images.resized(photo)
    served = Image.open(io.BytesIO(data))
    assert served.size == (1200, 50)
    assert served.info["icc_profile"] == SRGB
    assert images.resized(photo) == data


def test_a_truncated_jpeg_is_a_problem_not_a_traceback(tmp_path):
    whole = tmp_path / "whole.jpg"
    Image.effect_noise((600, 400), 64).convert("RGB").save(whole, quality=90)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    assert images.image_problem(whole) is None
    assert images.image_problem(cut) == "the image file is damaged or cut short; save or copy it again from the original"
    assert images.display_size(cut) is None and not images.needs_resize(cut)


def test_a_file_that_is_not_an_image_is_a_problem(tmp_path):
    fake = tmp_path / "anh.png"
    fake.write_text("<html>not a photo</html>", encoding="utf-8")
    assert images.image_problem(fake) == "the file is not a readable image; replace it with a photo saved as .png"
    assert images.display_size(fake) is None


def test_an_image_named_for_another_format_is_a_problem(tmp_path):
    misnamed = tmp_path / "anh.JPG"
    Image.new("RGB", (10, 10), RED).save(misnamed, "PNG")
    assert images.image_problem(misnamed) == "the file is a PNG image but its name ends in .JPG; rename it to end in .png"


def test_decompression_bombs_are_refused_before_decoding(tmp_path):
    message = "the image is larger than 50 megapixels, too large to decode safely; scale it down before adding it"
    # Over the limit (Pillow warns) and over twice it (Pillow refuses): both errors.
    assert images.image_problem(png_header_only(tmp_path / "a.png", 8000, 8000)) == message
    assert images.image_problem(png_header_only(tmp_path / "b.png", 20000, 20000)) == message
    assert images.display_size(tmp_path / "b.png") is None


def test_a_problem_follows_the_file_when_it_is_replaced(tmp_path):
    photo = tmp_path / "anh.png"
    photo.write_text("oops", encoding="utf-8")
    assert images.image_problem(photo) is not None
    Image.new("RGB", (30, 10), RED).save(photo)
    assert images.image_problem(photo) is None and images.display_size(photo) == (30, 10)


def test_other_files_are_not_checked_as_photos(tmp_path):
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert images.image_problem(pdf) is None
