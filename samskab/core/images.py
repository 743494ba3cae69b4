"""Image dimensions read from the file's header, without decoding the picture.

A decompression bomb is a small file that declares a huge picture (a 50 kB PNG of 100,000
by 100,000 pixels): decoding it, for a thumbnail or in the visitor's browser, takes
gigabytes. Pillow reads only the header here.
"""

from __future__ import annotations

from typing import IO

from PIL import Image, UnidentifiedImageError

# 40 megapixels: more than any phone or camera a citizen would upload from.
MAX_IMAGE_PIXELS = 40_000_000


def image_size(upload: IO[bytes]) -> tuple[int, int] | None:
    """(width, height) from the header, or None when the file is not a readable image.
    Leaves the file at its start."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            return image.size
    except Image.DecompressionBombError:
        # Pillow refuses beyond twice its own limit; report a size beyond ours.
        return (MAX_IMAGE_PIXELS, 2)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)


def too_many_pixels(size: tuple[int, int]) -> bool:
    return size[0] * size[1] > MAX_IMAGE_PIXELS
