"""Checks on uploaded attachments: how many, how large, and whether the content is of the
type its name claims (a renamed executable is refused)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from samskab.core.images import MAX_IMAGE_PIXELS, image_size, too_many_pixels

ZIP = (b"PK\x03\x04",)
# Allowed extensions and the bytes their files start with (None: plain text, checked below).
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "txt": None,
}
# Read by Pillow's header parser, to refuse decompression bombs.
IMAGES = {"png", "jpg", "jpeg"}


def max_bytes() -> int:
    return int(getattr(settings, "IDEAS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "IDEAS_ATTACHMENT_MAX_FILES", 5))


def allowed_extensions() -> list[str]:
    return list(SIGNATURES)


def attachment_validate(upload: UploadedFile) -> None:
    """Raise ValidationError unless ``upload`` is an allowed type within the size limit."""
    name = upload.name or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(
            _("“%(name)s” is not an allowed file type. Allowed: %(types)s.")
            % {"name": name, "types": ", ".join(allowed_extensions())}
        )
    if (upload.size or 0) > max_bytes():
        raise ValidationError(
            _("“%(name)s” is too large. The limit is %(limit)s.")
            % {"name": name, "limit": filesizeformat(max_bytes())}
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = SIGNATURES[extension]
    if signatures is None:
        valid = b"\x00" not in head and _is_text(head)
    else:
        valid = head.startswith(signatures)
    if not valid:
        raise ValidationError(
            _("The content of “%(name)s” does not match its file type.") % {"name": name}
        )
    if extension in IMAGES:
        size = image_size(upload)
        if size is None:
            raise ValidationError(_("“%(name)s” is damaged or not a real image.") % {"name": name})
        if too_many_pixels(size):
            raise ValidationError(
                _("“%(name)s” is too large: at most %(megapixels)d megapixels.")
                % {"name": name, "megapixels": MAX_IMAGE_PIXELS // 1_000_000}
            )


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character may be cut off at the end of the sample.
        return error.start >= len(head) - 3
    return True


def attachments_validate(uploads: Sequence[UploadedFile]) -> None:
    if len(uploads) > max_files():
        raise ValidationError(_("You can attach at most %(count)d files.") % {"count": max_files()})
    errors: list[ValidationError] = []
    for upload in uploads:
        try:
            attachment_validate(upload)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
