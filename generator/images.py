"""Images as citizens on phones should get them: raster images wider than the
content column are resized for the site (the files in content/ stay as they are), and
every <img> carries its width and height so the page does not jump while it loads."""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

MAX_WIDTH = 1200  # px: twice a phone's content width, the desktop column at full size
RASTER = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_SVG_SIZE = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)"')


def _fitted(width: int, height: int) -> tuple[int, int]:
    if width <= MAX_WIDTH:
        return width, height
    return MAX_WIDTH, round(height * MAX_WIDTH / width)


@lru_cache(maxsize=None)
def display_size(path: Path) -> tuple[int, int] | None:
    """Width and height the image is served at, or None if they cannot be read."""
    if path.suffix.lower() == ".svg":
        m = _SVG_SIZE.search(path.read_text(encoding="utf-8", errors="replace")[:2000])
        return (round(float(m[1])), round(float(m[2]))) if m else None
    if path.suffix.lower() not in RASTER:
        return None
    from PIL import Image

    with Image.open(path) as image:
        return _fitted(*image.size)


def needs_resize(path: Path) -> bool:
    if path.suffix.lower() not in RASTER:
        return False
    from PIL import Image

    with Image.open(path) as image:
        return image.size[0] > MAX_WIDTH


def resized(path: Path) -> bytes:
    """The image scaled down to MAX_WIDTH, in its own format (same input, same bytes)."""
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        fitted = image.resize(_fitted(*image.size), Image.LANCZOS)
        out = io.BytesIO()
        fmt = RASTER[path.suffix.lower()]
        options = {"quality": 80, "optimize": True, "progressive": True} if fmt == "JPEG" else {"optimize": True}
        if fmt == "JPEG" and fitted.mode not in ("RGB", "L"):
            fitted = fitted.convert("RGB")
        fitted.save(out, fmt, **options)
        return out.getvalue()
