"""Receipts: a PDF or an image, decided by the file's first bytes (never by its name)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samskab.budgets.uploads import clean_image, image_kind
from samskab.ideas.attachments import attachment_validate

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
RECEIPT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


def clean_receipt(upload: UploadedFile | None) -> UploadedFile:
    if not upload:
        raise ValidationError(_("Add the receipt."))
    if upload.size is None or upload.size > MAX_RECEIPT_BYTES:
        raise ValidationError(_("The receipt can be at most 10 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        upload.name = f"{uuid.uuid4().hex}.pdf"
        return upload
    if image_kind(head) is None:
        raise ValidationError(_("The receipt must be a PDF, JPEG, PNG or WebP file."))
    cleaned = clean_image(upload)
    assert cleaned is not None
    return cleaned


def receipt_content_type(name: str) -> str:
    return RECEIPT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


# Documents: the idea bank's checks (PDF, office files, images and plain text, by their first
# bytes; images by their header, against decompression bombs), at most 10 MB each.
def clean_document(upload: UploadedFile | None) -> UploadedFile:
    if not upload:
        raise ValidationError(_("Choose the file."))
    attachment_validate(upload)
    return upload


def stored_document_name(original: str) -> str:
    """A random name with the original's (already checked) extension."""
    extension = PurePath(original).suffix.lower().lstrip(".")
    return f"{uuid.uuid4().hex}.{extension}"


def download_name(original: str) -> str:
    """The name a document is downloaded with: the base name the browser sent, no path."""
    return PurePath(original.replace("\\", "/")).name[:200] or "dokument"
