"""Large phone photos scaled while they are decoded (images.resized): the size the page
promises, upright for every EXIF orientation, the picture where it was (no shift from the
smaller decode), no EXIF (GPS included) in what is served, the same bytes every time."""
from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

from generator import images

GPS = 0x8825


def phone_photo(path: Path, width: int, height: int, orientation: int = 1) -> Path:
    """A photo-like JPEG (smooth colours, many sharp edges, some grain) with orientation and GPS EXIF."""
    rng = random.Random(width * height + orientation)
    image = Image.frombytes("RGB", (16, 12), bytes(rng.randrange(256) for _ in range(16 * 12 * 3)))
    image = image.resize((width, height), Image.BICUBIC)
    for x in range(0, width, 48):  # a fence of dark posts: edges a shifted picture would move
        image.paste((20, 20, 20), (x, height // 2, x + 16, height))
    image.paste((0, 0, 255), (0, 0, width // 3, height // 3))  # a blue block at the stored top left
    image = Image.blend(image, Image.merge("RGB", [Image.effect_noise((width, height), 20)] * 3), 0.1)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[GPS] = {1: "N", 2: (10.0, 2.0, 30.0)}  # where the photo was taken
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


def _reference(path: Path) -> Image.Image:
    """The photo as the slow, plain way makes it: decoded whole, turned, scaled with Lanczos."""
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image)
        return upright.resize(images.display_size(path), Image.LANCZOS)


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0–255."""
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


@pytest.mark.parametrize("width, height, orientation", [
    (4032, 3024, 1),  # a 12-megapixel phone photo: decoded at half size
    (4001, 2999, 6),  # odd sizes, held upright: a 2,999-pixel-wide upright photo, decoded at half size
    (2999, 4001, 8),
    (5000, 1003, 3),  # a panorama, turned over: decoded at a quarter
    (9700, 1801, 1),  # decoded at an eighth
    (2401, 1601, 5),  # mirrored and turned
])
def test_a_large_jpeg_is_served_at_the_promised_size_upright_and_in_place(tmp_path, width, height, orientation):
    photo = phone_photo(tmp_path / "anh.jpg", width, height, orientation)
    size = images.display_size(photo)
    assert size[0] == 1200
    data = images.resized(photo)
    with Image.open(io.BytesIO(data)) as served:
        assert served.format == "JPEG" and served.size == size
        assert served.getexif() == {}  # no orientation, no GPS, nothing
        assert "progressive" not in served.info  # baseline: the cheaper to encode and to decode on a phone
        # The picture the slow way gives, as close to it as that picture stored at the same
        # JPEG quality (at most a tenth further): a picture shifted by one pixel, mirrored or
        # softened is much further (the last test).
        reference = _reference(photo)
        assert _difference(served, reference) <= 1.1 * _difference(_as_jpeg(reference), reference)
    assert images.resized(photo) == data  # same input, same bytes


def _as_jpeg(image: Image.Image) -> Image.Image:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return Image.open(out)


def test_the_measure_sees_a_picture_one_pixel_off_mirrored_or_softened(tmp_path):
    reference = _reference(phone_photo(tmp_path / "anh.jpg", 4032, 3024))
    allowed = 1.1 * _difference(_as_jpeg(reference), reference)
    shifted = reference.transform(reference.size, Image.AFFINE, (1, 0, 1, 0, 1, 0))
    for wrong in (shifted, reference.transpose(Image.FLIP_LEFT_RIGHT), reference.filter(ImageFilter.BoxBlur(1))):
        assert _difference(_as_jpeg(wrong), reference) > 1.3 * allowed
