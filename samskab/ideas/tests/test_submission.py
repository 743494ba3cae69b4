from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.core.models import Area
from samskab.ideas.models import Event, Idea, Status, Theme
from samskab.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db

# A real 1x1 PNG: uploads are checked by their header (samskab/core/images.py).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS"
    b"\xde\x00\x00\x00\x0cIDATx\x9cc8!'\x07\x00\x02\xb6\x01\x054\xa6u\xaa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _data(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Flere bænke langs åen",
        "problem": "Ældre kan ikke gå hele turen uden at hvile.",
        "description": "Sæt bænke op for hver 200 meter.",
        "beneficiaries": "Ældre og gangbesværede",
        "area": Area.objects.get(slug="korsoer").pk,
        "theme": Theme.objects.first().pk,  # type: ignore[union-attr]
        "submit": "1",
    }
    data.update(extra)
    return data


def test_it_submits_an_idea_with_a_receipt_and_a_screening_deadline(
    client: Client, resident: User, secretariat: User, django_capture_on_commit_callbacks
) -> None:
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ideas:submit"), _data())
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == idea.get_absolute_url()
    assert idea.author == resident
    assert idea.status == Status.SUBMITTED
    assert (idea.deadline - idea.submitted_at.date()).days == 14  # type: ignore[operator]
    assert [e.kind for e in idea.events.all()] == [Event.Kind.SUBMITTED]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([resident.email, secretariat.email])


def test_it_keeps_what_was_typed_when_the_form_has_errors(client: Client, resident: User) -> None:
    client.force_login(resident)
    response = client.post(reverse("ideas:submit"), _data(problem=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Flere bænke langs åen" in html
    assert 'aria-invalid="true"' in html
    assert not Idea.objects.exists()


def test_it_stores_allowed_attachments(client: Client, resident: User, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(resident)
    upload = SimpleUploadedFile("kort.png", PNG, content_type="image/png")
    client.post(reverse("ideas:submit"), _data(attachments=[upload]))
    idea = Idea.objects.get()
    attachment = idea.attachments.get()
    assert attachment.name == "kort.png"
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "er ikke en tilladt filtype"),
        ("falsk.pdf", b"MZ\x90\x00 not a pdf", "passer ikke til filtypen"),
        ("billede.png", b"GIF89a", "passer ikke til filtypen"),
    ],
)
def test_it_refuses_attachments_of_the_wrong_type(
    client: Client, resident: User, name: str, content: bytes, message: str, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(resident)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("ideas:submit"), _data(attachments=[upload]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Idea.objects.exists()


def test_it_refuses_attachments_that_are_too_large(
    client: Client, resident: User, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.IDEAS_ATTACHMENT_MAX_BYTES = 50
    client.force_login(resident)
    upload = SimpleUploadedFile("kort.png", PNG)
    response = client.post(reverse("ideas:submit"), _data(attachments=[upload]))
    assert "er for stor" in response.content.decode()
    assert not Idea.objects.exists()


def test_it_lets_employees_but_not_residents_mark_an_idea_internal(
    client: Client, resident: User, employee: User
) -> None:
    client.force_login(resident)
    assert 'name="is_internal"' not in client.get(reverse("ideas:submit")).content.decode()
    client.post(reverse("ideas:submit"), _data(is_internal="on"))
    assert Idea.objects.get(author=resident).is_internal is False

    client.force_login(employee)
    assert 'name="is_internal"' in client.get(reverse("ideas:submit")).content.decode()
    client.post(reverse("ideas:submit"), _data(is_internal="on"))
    assert Idea.objects.get(author=employee).is_internal is True


def test_it_shows_similar_ideas_without_javascript_and_keeps_the_text(
    client: Client, resident: User
) -> None:
    IdeaFactory.create(title="Bænke ved åen i Korsør")
    client.force_login(resident)
    data = _data(check="1")
    del data["submit"]
    response = client.post(reverse("ideas:submit"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bænke ved åen i Korsør" in html
    assert "Flere bænke langs åen" in html  # what was typed is kept
    assert 'aria-invalid="true"' not in html
    assert not Idea.objects.filter(title="Flere bænke langs åen").exists()


def test_it_shows_similar_ideas_as_an_htmx_partial(client: Client) -> None:
    IdeaFactory.create(title="Bænke ved åen i Korsør")
    IdeaFactory.create(title="Cykelsti til skolen")
    response = client.get(
        reverse("ideas:similar"), {"title": "bænke", "problem": ""}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Bænke ved åen i Korsør" in html
    assert "Cykelsti" not in html
    assert "<html" not in html


def test_it_shows_similar_ideas_on_the_page_of_a_submitted_idea(client: Client) -> None:
    idea = IdeaFactory.create(title="Bænke ved åen")
    IdeaFactory.create(title="Flere bænke i parken")
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Flere bænke i parken" in html
