"""The project's documents: the group adds them, public or for the group only; the public page
lists only public ones, and every file goes through a permission-checked view."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from samskab.budgets.models import Proposal
from samskab.projects import services
from samskab.projects.models import Document, Project
from samskab.projects.privacy import projects_export
from samskab.projects.tests import test_projects as base
from samskab.projects.tests.test_projects import (
    ANONYMOUS,
    CONTACT,
    MEMBER,
    OUTSIDER,
    PDF,
    SECRETARIAT,
    _status,
    urls,
)

pytestmark = pytest.mark.django_db

# The project tests' fixtures: a winning proposal with its contact and project, and a client
# logged in as each role around it.
contact = base.contact
proposal = base.proposal
project = base.project
as_role = base.as_role

EVERYONE = [ANONYMOUS, OUTSIDER, MEMBER, CONTACT, SECRETARIAT]


def pdf(name: str = "Tegning af shelteret.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add(project: Project, proposal: Proposal, *, public: bool, title: str = "Tegning") -> Document:
    return services.document_add(
        project=project, actor=proposal.author, title=title, file=pdf(), is_public=public
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_it_serves_a_public_document_to_everyone(
    as_role: Callable[[str], Client], proposal: Proposal, project: Project, who: str
) -> None:
    document = add(project, proposal, public=True)
    response = as_role(who).get(urls(proposal, "document", document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert "attachment" in response["Content-Disposition"]
    assert "Tegning af shelteret.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 404), (OUTSIDER, 404), (MEMBER, 200), (CONTACT, 200), (SECRETARIAT, 200)],
)
def test_it_serves_a_group_only_document_only_to_the_group_and_the_municipality(
    as_role: Callable[[str], Client],
    proposal: Proposal,
    project: Project,
    who: str,
    expected: int,
) -> None:
    document = add(project, proposal, public=False)
    response = as_role(who).get(urls(proposal, "document", document.pk))
    assert response.status_code == expected
    if expected == 200:
        assert response["Cache-Control"] == "private, no-store"


def test_it_stores_documents_under_a_random_name_outside_any_public_address(
    proposal: Proposal, project: Project
) -> None:
    document = add(project, proposal, public=False)
    assert "shelteret" not in document.file.name
    assert document.file.name.startswith("projects/documents/")
    assert document.file.name.endswith(".pdf")


def test_it_lists_only_public_documents_on_the_public_page(
    client: Client, proposal: Proposal, project: Project
) -> None:
    add(project, proposal, public=True, title="Offentlig tegning")
    add(project, proposal, public=False, title="Kontrakt med tømreren")
    page = client.get(urls(proposal, "detail")).content.decode()
    assert "Offentlig tegning" in page
    assert "Kontrakt med tømreren" not in page


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 302), (CONTACT, 403), (SECRETARIAT, 403)],
)
def test_it_lets_only_the_group_add_documents(
    as_role: Callable[[str], Client], proposal: Proposal, who: str, expected: int
) -> None:
    response = as_role(who).post(
        urls(proposal, "document_add"),
        {"title": "Budget", "file": pdf(), "is_public": "on"},
    )
    assert _status(response) == expected
    assert Document.objects.filter(title="Budget", is_public=True).exists() == (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 302), (CONTACT, 403), (SECRETARIAT, 403)],
)
def test_it_lets_only_the_group_publish_and_delete_documents(
    as_role: Callable[[str], Client],
    proposal: Proposal,
    project: Project,
    who: str,
    expected: int,
) -> None:
    document = add(project, proposal, public=False)
    client = as_role(who)
    response = client.post(urls(proposal, "document_visibility", document.pk), {"is_public": "on"})
    assert _status(response) == expected
    document.refresh_from_db()
    assert document.is_public == (expected == 302)
    response = client.post(urls(proposal, "document_delete", document.pk))
    assert _status(response) == expected
    assert Document.objects.filter(pk=document.pk).exists() == (expected != 302)


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"MZ\x90\x00 a program", "tegning.pdf"), (b"#!/bin/sh\nrm -rf /", "script.sh")],
)
def test_it_refuses_a_file_of_the_wrong_type_and_keeps_the_input(
    client: Client, proposal: Proposal, project: Project, content: bytes, name: str
) -> None:
    client.force_login(proposal.author)
    response = client.post(
        urls(proposal, "document_add"),
        {"title": "Min tegning", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Min tegning" in page and 'aria-invalid="true"' in page
    assert not Document.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(
    client: Client, proposal: Proposal, project: Project, settings
) -> None:
    settings.IDEAS_ATTACHMENT_MAX_BYTES = 1000
    client.force_login(proposal.author)
    response = client.post(
        urls(proposal, "document_add"),
        {"title": "Stor", "file": pdf(content=PDF + b"0" * 2000)},
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_it_exports_the_documents_a_person_added(proposal: Proposal, project: Project) -> None:
    add(project, proposal, public=True, title="Tegning")
    exported = projects_export(proposal.author)["documents"]
    assert [row["title"] for row in exported] == ["Tegning"]
