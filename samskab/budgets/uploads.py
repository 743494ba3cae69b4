"""Checks for uploaded images: the file's first bytes decide its type, and its header
(read by Pillow, never decoded) its size in pixels, so that decompression bombs are refused.

The name the browser sent and its content type are not trusted; the stored file gets a
random name with the extension of the detected type, and is served with that type.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samskab.core.images import MAX_IMAGE_PIXELS, image_size, too_many_pixels

MAX_IMAGE_BYTES = 5 * 1024 * 1024

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def image_kind(head: bytes) -> str | None:
    """``jpg``, ``png`` or ``webp`` from the magic bytes, or ``None``."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def clean_image(upload: UploadedFile | None) -> UploadedFile | None:
    """Reject files that are too big or not JPEG/PNG/WebP; rename the rest."""
    if not upload:
        return upload
    if upload.size is None or upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image can be at most 5 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = image_kind(head)
    if kind is None:
        raise ValidationError(_("The image must be a JPEG, PNG or WebP file."))
    size = image_size(upload)
    if size is None:
        raise ValidationError(_("The image file is damaged or not a real image."))
    if too_many_pixels(size):
        raise ValidationError(
            _("The image is too large: at most %(megapixels)d megapixels.")
            % {"megapixels": MAX_IMAGE_PIXELS // 1_000_000}
        )
    upload.name = f"{uuid.uuid4().hex}.{kind}"
    return upload


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
