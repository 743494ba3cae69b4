"""Hostile uploads: the proposal image and the implementation photo of citizen budgets, idea
attachments and citizen projects' documents. A file of the wrong type, one over the size
limit, and decompression bombs (PNGs that declare a gigantic picture in a few bytes) are
refused with a message, nothing is stored, and what the person typed in the rest of the form
is kept."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from samskab.accounts.models import User
from samskab.budgets import services_results
from samskab.budgets.models import Implementation, ImplementationUpdate, Proposal
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Area
from samskab.ideas.models import Idea, Theme
from samskab.projects.models import Document
from samskab.projects.services import project_start

pytestmark = pytest.mark.django_db


def png(width: int, height: int) -> bytes:
    """A valid PNG that declares ``width`` x ``height`` pixels, with one row of data."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    real = buffer.getvalue()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    # signature (8) + IHDR chunk (25) replaced; the rest (IDAT, IEND) kept.
    return real[:8] + ihdr + real[33:]


SMALL_PNG = png(1, 1)
# Cases: file name, content, Danish message expected on the page.
BAD_IMAGES = [
    ("side.png", b"<script>alert(1)</script>", "JPEG-, PNG- eller WebP-fil"),
    ("program.png", b"MZ\x90\x00" + b"\x00" * 100, "JPEG-, PNG- eller WebP-fil"),
    ("stor.png", SMALL_PNG + b"\x00" * (5 * 1024 * 1024), "højst 5 MB"),
    ("bombe.png", png(100_000, 100_000), "megapixel"),
    ("bombe2.png", png(8_000, 8_000), "megapixel"),
    ("skadet.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "beskadiget"),
]


def test_the_bomb_files_are_what_they_claim() -> None:
    """The control: Pillow reads the declared size of the crafted PNGs."""
    assert Image.open(io.BytesIO(png(8_000, 8_000))).size == (8_000, 8_000)
    assert Image.open(io.BytesIO(SMALL_PNG)).size == (1, 1)


def _proposal_form(process: Any, image: SimpleUploadedFile) -> dict[str, Any]:
    return {
        "title": "Bålplads ved søen",
        "description": "Et sted at mødes om aftenen.",
        "budget_area": process.areas.get().pk,
        "category": "nature",
        "carried_out_by": "association",
        "carried_out_by_name": "Spejderne",
        "udgifter-TOTAL_FORMS": "1",
        "udgifter-INITIAL_FORMS": "0",
        "udgifter-0-description": "Sten og bænke",
        "udgifter-0-amount": "30000",
        "image": image,
        "image_description": "Søen",
    }


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES)
def test_it_refuses_bad_proposal_images_and_keeps_the_input(
    client: Client,
    resident: User,
    settings: Any,
    tmp_path: Any,
    name: str,
    content: bytes,
    message: str,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    process = make_process(phase="proposals")
    client.force_login(resident)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]), _proposal_form(process, upload)
    )
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert message in page
    assert "Bålplads ved søen" in page and "Et sted at mødes om aftenen." in page
    assert not Proposal.objects.exists()
    assert not list(tmp_path.rglob("*.png"))


def test_it_accepts_a_real_small_proposal_image(
    client: Client, resident: User, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    process = make_process(phase="proposals")
    client.force_login(resident)
    upload = SimpleUploadedFile("foto.png", SMALL_PNG, content_type="image/png")
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]), _proposal_form(process, upload)
    )
    assert response.status_code == 302
    assert Proposal.objects.get().image


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES)
def test_it_refuses_bad_implementation_photos_and_keeps_the_text(
    client: Client, settings: Any, tmp_path: Any, name: str, content: bytes, message: str
) -> None:
    settings.MEDIA_ROOT = tmp_path
    process = make_process(phase="results")
    proposal = make_proposal(process)
    services_results.results_publish(process=process)
    client.force_login(proposal.author)
    response = client.post(
        reverse("budgets:update_post", args=[proposal.pk]),
        {
            "body": "Bænkene er sat op ved søen.",
            "image": SimpleUploadedFile(name, content, content_type="image/png"),
            "image_description": "Bænkene",
        },
    )
    page = response.content.decode()
    assert message in page
    assert "Bænkene er sat op ved søen." in page
    assert not ImplementationUpdate.objects.exists()


def _idea(**extra: Any) -> dict[str, Any]:
    data = {
        "title": "Flere bænke langs åen",
        "problem": "Ældre kan ikke gå hele turen uden at hvile.",
        "description": "Sæt bænke op for hver 200 meter.",
        "beneficiaries": "Ældre og gangbesværede",
        "area": Area.objects.get(slug="korsoer").pk,
        "theme": Theme.objects.values_list("pk", flat=True).first(),
        "submit": "1",
    }
    data.update(extra)
    return data


ATTACHMENTS: list[tuple[str, Callable[[], bytes], str]] = [
    ("program.exe", lambda: b"MZ\x90\x00", "er ikke en tilladt filtype"),
    ("falsk.pdf", lambda: b"<html></html>", "passer ikke til filtypen"),
    ("stor.pdf", lambda: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "er for stor"),
    ("bombe.png", lambda: png(100_000, 100_000), "megapixel"),
    ("bombe2.png", lambda: png(8_000, 8_000), "megapixel"),
    ("skadet.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "beskadiget"),
]


@pytest.mark.parametrize(("name", "content", "message"), ATTACHMENTS)
def test_it_refuses_bad_idea_attachments_and_keeps_the_input(
    client: Client,
    resident: User,
    settings: Any,
    tmp_path: Any,
    name: str,
    content: Callable[[], bytes],
    message: str,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(resident)
    upload = SimpleUploadedFile(name, content())
    response = client.post(reverse("ideas:submit"), _idea(attachments=[upload]))
    page = response.content.decode()
    assert message in page
    assert "Flere bænke langs åen" in page and "Sæt bænke op for hver 200 meter." in page
    assert not Idea.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


@pytest.mark.parametrize(("name", "content", "message"), ATTACHMENTS)
def test_it_refuses_bad_project_documents_and_keeps_the_title(
    client: Client,
    settings: Any,
    tmp_path: Any,
    name: str,
    content: Callable[[], bytes],
    message: str,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    process = make_process(phase="implementation")
    proposal = make_proposal(process)
    Implementation.objects.create(proposal=proposal, amount_granted=10_000)
    project_start(proposal=proposal, actor=proposal.author)
    client.force_login(proposal.author)
    response = client.post(
        reverse("projects:document_add", args=[process.slug, proposal.pk]),
        {"title": "Tegning af bålpladsen", "file": SimpleUploadedFile(name, content())},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "Tegning af bålpladsen" in page
    assert not Document.objects.exists()
    assert not list(tmp_path.rglob("*.*"))
