"""Images as citizens on phones should get them: raster images wider than the
content column are resized for the site (the files in content/ stay as they are), phone
photos are turned upright by their EXIF orientation, colour profiles are kept, and every
<img> carries its width and height so the page does not jump while it loads.

An image that cannot be read (damaged, cut short, not an image, named for another
format, or so large it would exhaust memory when decoded) is reported by `image_problem`
as a message for the officer; the other functions treat it as "nothing to do" so a
broken file never raises a traceback."""
from __future__ import annotations

import io
import re
import warnings
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from . import checkmemo, jpeg
from .i18n import _

MAX_WIDTH = 1200  # px: twice a phone's content width, the desktop column at full size
# A 50-megapixel photo is already larger than any phone camera makes; beyond it decoding
# could take gigabytes of memory (a "decompression bomb": a tiny file claiming huge size).
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow warns above this and refuses twice this; both are errors here
RASTER = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}  # what to rename a misnamed file to
_ORIENTATION = 0x0112  # EXIF tag: how the camera was held
_SIDEWAYS = {5, 6, 7, 8}  # orientations that swap width and height
_PNG_END = b"\0\0\0\0IEND\xaeB`\x82"  # the closing chunk: no data, always the same checksum
_SVG_SIZE = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)"')


def _damaged() -> str:
    return _("the image file is damaged or cut short; save or copy it again from the original")


def _too_large() -> str:
    return _("the image is larger than {megapixels} megapixels, too large to decode safely; scale it down before adding it", megapixels=MAX_PIXELS // 1_000_000)


class _Unreadable(Exception):
    """The image cannot be used; the message says why and what to do."""


@contextmanager
def _opened(path: Path):
    """The image opened (header read only), or _Unreadable with an officer's message."""
    fmt = RASTER[path.suffix.lower()]
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path, formats=list(_EXTENSION))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _Unreadable(_too_large()) from None
        except UnidentifiedImageError:
            raise _Unreadable(_("the file is not a readable image; replace it with a photo saved as {suffix}", suffix=path.suffix.lower())) from None
        except (OSError, SyntaxError, ValueError):
            raise _Unreadable(_damaged()) from None
    with image:
        if image.format != fmt:
            raise _Unreadable(_("the file is a {format} image but its name ends in {suffix}; rename it to end in {right}", format=image.format, suffix=path.suffix, right=_EXTENSION[image.format]))
        yield image


def _orientation(image) -> int:
    try:
        value = int(image.getexif().get(_ORIENTATION, 1))
    except (OSError, SyntaxError, ValueError, TypeError):  # unreadable EXIF: show the pixels as stored
        return 1
    return value if 1 <= value <= 8 else 1


def _stamp(path: Path) -> tuple[Path, int, int]:
    """Cache key: the file as it is now (`mkdocs serve` sees officers replace photos)."""
    stat = path.stat()
    return path, stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=None)
def _inspect(stamp: tuple[Path, int, int]) -> tuple[str | None, tuple[int, int], int]:
    """(problem, upright size, EXIF orientation) of a raster image, inspected once
    (once for all runs of `cchc check` while the file stays as it is: checkmemo.py)."""
    path = stamp[0]
    if checkmemo.active():
        # Photos are large: the file's identity (any write or replacement changes its
        # inode change time) stands for its bytes, as in git's index.
        st = path.stat()
        return checkmemo.memo("image", lambda *file: _decoded(path), str(path.resolve()), path.suffix, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    return _decoded(path)


def _decoded(path: Path) -> tuple[str | None, tuple[int, int], int]:
    try:
        with _opened(path) as image:
            orientation = _orientation(image)
            size = image.size
            if image.format == "JPEG":
                # Its markers and headers, not its pixels: all that decoding would catch (jpeg.py).
                if not jpeg.intact(path.read_bytes()):
                    return _damaged(), (0, 0), 1
            else:
                image.load()
                # libpng stops at the last pixel: a PNG cut short in its closing chunk still decodes.
                if image.format == "PNG" and _PNG_END not in path.read_bytes():
                    return _damaged(), (0, 0), 1
    except _Unreadable as err:
        return str(err), (0, 0), 1
    except (OSError, SyntaxError, ValueError, EOFError):  # Pillow's "image file is truncated" and kin
        return _damaged(), (0, 0), 1
    upright = (size[1], size[0]) if orientation in _SIDEWAYS else size
    return None, upright, orientation


def image_problem(path: Path) -> str | None:
    """What is wrong with the image file at `path` (a message for the officer), or None.

    Files that are not raster images by their name (SVG, PDF, audio, …) are not checked here."""
    if path.suffix.lower() not in RASTER:
        return None
    try:
        return _inspect(_stamp(path))[0]
    except OSError:
        return _("the file cannot be read; check that it exists and is not a broken link")


def _fitted(width: int, height: int) -> tuple[int, int]:
    if width <= MAX_WIDTH:
        return width, height
    return MAX_WIDTH, round(height * MAX_WIDTH / width)


def display_size(path: Path) -> tuple[int, int] | None:
    """Width and height the image is served at (upright), or None if they cannot be read."""
    if path.suffix.lower() == ".svg":
        m = _SVG_SIZE.search(path.read_text(encoding="utf-8", errors="replace")[:2000])
        return (round(float(m[1])), round(float(m[2]))) if m else None
    if path.suffix.lower() not in RASTER or image_problem(path) is not None:
        return None
    return _fitted(*_inspect(_stamp(path))[1])


def needs_resize(path: Path) -> bool:
    """Whether the site must serve a rewritten copy: too wide, or stored sideways or mirrored."""
    if path.suffix.lower() not in RASTER or image_problem(path) is not None:
        return False
    _, (width, _), orientation = _inspect(_stamp(path))
    return width > MAX_WIDTH or orientation != 1


def resized(path: Path) -> bytes:
    """`_resized`, or the file as it is if decoding it fails: damage that only a full decode
    meets, which `image_problem` does not look for in a JPEG (jpeg.py: one header change in
    18,360 measured) must not end the build with a traceback."""
    try:
        return _resized(path)
    except (OSError, SyntaxError, ValueError, EOFError):
        return path.read_bytes()


def _resized(path: Path) -> bytes:
    """The image upright and scaled down to MAX_WIDTH, in its own format with its colour
    profile (same input, same bytes). EXIF is not copied: it may hold where a photo was taken.

    A photo costs little to scale (bench/PROFILE-pixels.md): a JPEG is decoded straight at
    the half, quarter or eighth of its size that is still at least as large as the result
    (libjpeg scales while it decodes), then scaled with the bicubic filter (indistinguishable
    from Lanczos on photos scaled down by less than two, at four fifths of the time), then
    turned upright (the smaller image), and stored as a baseline JPEG with optimised Huffman
    tables: a progressive one costs twice the time for 2% fewer bytes, and more memory and
    time on the phone that decodes it."""
    with Image.open(path) as image:
        fmt = RASTER[path.suffix.lower()]
        orientation = _orientation(image)
        sideways = orientation in _SIDEWAYS
        width, height = image.size
        upright = _fitted(*((height, width) if sideways else (width, height)))  # what display_size promises
        size = upright[::-1] if sideways else upright  # the same, as the image is stored
        drafted = image.draft(None, size) if fmt == "JPEG" else None
        icc = image.info.get("icc_profile")
        # `box`: the whole photo in the drafted image's pixels (its last row and column may be partial)
        fitted = image.resize(size, Image.BICUBIC, box=drafted[1] if drafted else None)
        if orientation != 1:  # (exif_transpose would copy an upright photo for nothing)
            fitted = ImageOps.exif_transpose(fitted)
        options = {"quality": 80, "optimize": True} if fmt == "JPEG" else {"optimize": True}
        if fmt == "JPEG" and fitted.mode not in ("RGB", "L", "CMYK"):
            fitted = fitted.convert("RGB")
            icc = None  # the profile described the old colour model
        if icc:
            options["icc_profile"] = icc
        out = io.BytesIO()
        fitted.save(out, fmt, **options)
        return out.getvalue()
