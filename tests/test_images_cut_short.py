"""Photos cut short or damaged anywhere are reported, never a traceback: the JPEG check
reads markers and headers instead of pixels (generator/jpeg.py), so it is tested here on
real files cut and changed at random positions."""
from __future__ import annotations

import io
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator import images, jpeg

DAMAGED = "the image file is damaged or cut short; save or copy it again from the original"
NOT_AN_IMAGE = "the file is not a readable image; replace it with a photo saved as {suffix}"


def _photo(fmt: str, **options) -> bytes:
    """A small photo-like picture (a gradient with noise: real compressed data, several scans)."""
    picture = Image.merge("RGB", [Image.linear_gradient("L").resize((96, 64)), Image.effect_noise((96, 64), 40).convert("L"),
                                  Image.radial_gradient("L").resize((96, 64))])
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    picture.save(out, fmt, exif=exif.tobytes(), **options)
    return out.getvalue()


JPEGS = {"baseline": _photo("JPEG", quality=85), "progressive": _photo("JPEG", quality=85, progressive=True),
         "restarts": _photo("JPEG", quality=85, restart_marker_blocks=4)}
PNG = _photo("PNG")
_names = itertools.count()


def problem(tmp_path: Path, data: bytes, suffix: str) -> str | None:
    path = tmp_path / f"photo-{next(_names)}{suffix}"  # a new name each time: inspections are remembered per file
    path.write_bytes(data)
    return images.image_problem(path)


def test_the_whole_photos_are_fine(tmp_path):
    for data in JPEGS.values():
        assert jpeg.intact(data)
        assert problem(tmp_path, data, ".jpg") is None
    assert problem(tmp_path, PNG, ".png") is None


def test_bytes_after_the_end_of_a_jpeg_are_ignored_as_decoders_do(tmp_path):
    # Some phones append a short video ("motion photo") or their own data after the picture.
    assert problem(tmp_path, JPEGS["baseline"] + b"\0\0\0\x18ftypmp42" + bytes(500), ".jpg") is None


settings_ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings_
@given(kind=st.sampled_from(sorted(JPEGS)), keep=st.floats(0, 1, exclude_max=True))
def test_a_jpeg_cut_short_anywhere_is_reported(tmp_path, kind, keep):
    data = JPEGS[kind]
    cut = data[:int(len(data) * keep)]
    assert problem(tmp_path, cut, ".jpg") in (DAMAGED, NOT_AN_IMAGE.format(suffix=".jpg"))


@settings_
@given(keep=st.integers(0, len(PNG) - 1))
def test_a_png_cut_short_anywhere_is_reported(tmp_path, keep):
    # Even in its closing chunk, which decoding the pixels does not read.
    assert problem(tmp_path, PNG[:keep], ".png") in (DAMAGED, NOT_AN_IMAGE.format(suffix=".png"))


@settings_
@given(kind=st.sampled_from(sorted(JPEGS) + ["png"]), changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=4))
def test_a_photo_with_bytes_changed_anywhere_is_a_message_or_fine_never_a_traceback(tmp_path, kind, changes):
    data = bytearray(PNG if kind == "png" else JPEGS[kind])
    for where, value in changes:
        data[int(len(data) * where)] = value
    found = problem(tmp_path, bytes(data), ".png" if kind == "png" else ".jpg")
    assert found is None or isinstance(found, str)


@settings_
@given(kind=st.sampled_from(sorted(JPEGS)), where=st.floats(0, 1, exclude_max=True), length=st.integers(1, 2000))
def test_a_jpeg_whose_end_is_lost_to_zeros_is_reported(tmp_path, kind, where, length):
    # A download or copy that stopped early but kept the file's size: its last bytes are zeros.
    data = JPEGS[kind]
    start = max(int(len(data) * where), len(data) - length)
    assert problem(tmp_path, data[:start] + bytes(len(data) - start), ".jpg") == DAMAGED


def test_the_skeleton_keeps_the_headers_and_drops_the_pixels():
    data = JPEGS["progressive"]
    bones = jpeg.skeleton(data)
    assert bones.startswith(b"\xff\xd8") and bones.endswith(b"\xff\xd9") and len(bones) < len(data) // 4
    assert bones.count(b"\xff\xda") == data.count(b"\xff\xda") > 1  # every scan's header, none of its data
    assert Image.open(io.BytesIO(bones)).size == (16, 16)
    assert jpeg.skeleton(data[:-1]) is None and jpeg.skeleton(b"") is None


def test_a_damaged_huffman_table_is_caught_as_a_decode_would(tmp_path):
    data = bytearray(JPEGS["baseline"])
    table = data.index(b"\xff\xc4") + 5  # the first table's code counts
    data[table:table + 16] = b"\xff" * 16  # more codes than the table's length allows
    assert problem(tmp_path, bytes(data), ".jpg") == DAMAGED


def test_a_photo_only_a_full_decode_could_find_damaged_never_ends_the_build(tmp_path, monkeypatch):
    # The one header change in 18,360 that the check passes and a decode may refuse: a
    # progressive frame marker (SOF2) turned into an arithmetic-coded one's (SOF10).
    data = bytearray(_photo("JPEG", quality=85, progressive=True))
    data[data.index(b"\xff\xc2") + 1] = 0xCA
    path = tmp_path / "photo.jpg"
    path.write_bytes(bytes(data))
    assert images.image_problem(path) is None  # what the check sees: whole headers and structure
    assert images.needs_resize(path)  # turned upright (EXIF orientation 6), so the build decodes it
    assert images.resized(path)  # decoded to garbage here; refused by libjpeg on other pixels:

    def refused(path):
        raise OSError("broken data stream when reading image file")

    monkeypatch.setattr(images, "_resized", refused)
    assert images.resized(path) == bytes(data)  # then served as it is
