"""A winning project's public page takes comments and following like ideas and proposals:
followers hear of its new status and its public updates, once, after the commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.budgets.models import Implementation, ImplementationStatus, Proposal
from samskab.budgets.services_results import implementation_post_update, implementation_save
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.engagement.models import Comment
from samskab.follows.models import Follow
from samskab.follows.services import follow_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact() -> User:
    return UserFactory.create(role=Role.EMPLOYEE)


@pytest.fixture
def implementation(contact: User) -> Implementation:
    process = make_process(phase="implementation")
    proposal = make_proposal(process, title="Shelter ved stranden", author=UserFactory.create())
    return Implementation.objects.create(proposal=proposal, contact=contact, amount_granted=100_000)


def _page(client: Client, proposal: Proposal) -> str:
    url = reverse("projects:detail", args=[proposal.process.slug, proposal.pk])
    return client.get(url).content.decode()


def test_a_resident_comments_on_and_follows_the_project_page(
    client: Client, implementation: Implementation
) -> None:
    resident = UserFactory.create()
    client.force_login(resident)
    page = _page(client, implementation.proposal)
    comment_url = reverse("engagement:comment", args=["budgets.implementation", implementation.pk])
    assert comment_url in page
    response = client.post(comment_url, {"body": "Hvornår kan vi bruge shelteret?"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == resident and comment.target == implementation
    assert "Hvornår kan vi bruge shelteret?" in _page(client, implementation.proposal)
    follow_url = reverse("follows:follow", args=["budgets.implementation", implementation.pk])
    assert follow_url in page
    assert client.post(follow_url).status_code == 302
    assert Follow.objects.filter(user=resident, object_id=implementation.pk).exists()


def test_an_anonymous_visitor_reads_but_cannot_comment(
    client: Client, implementation: Implementation
) -> None:
    comment_url = reverse("engagement:comment", args=["budgets.implementation", implementation.pk])
    response = client.post(comment_url, {"body": "Spam"})
    assert response.status_code == 302 and "/konto/" in response["Location"]
    assert not Comment.objects.exists()


def test_it_tells_followers_of_a_new_status_and_a_public_update_once(
    implementation: Implementation, contact: User, django_capture_on_commit_callbacks
) -> None:
    follower = UserFactory.create()
    follow_add(user=follower, target=implementation)
    follow_add(user=contact, target=implementation)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        implementation_save(
            actor=contact,
            implementation=implementation,
            citizen_group="",
            contact=contact,
            amount_granted=100_000,
            amount_spent=20_000,
            status=ImplementationStatus.UNDER_WAY,
            cancel_reason="",
        )
    to_follower = [m for m in mail.outbox if m.to == [follower.email]]
    assert len(to_follower) == 1
    assert "Shelter ved stranden" in to_follower[0].subject
    assert not [m for m in mail.outbox if m.to == [contact.email]]
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        implementation_post_update(
            author=contact, implementation=implementation, body="Taget er lagt på."
        )
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "Taget er lagt på." in mail.outbox[0].body
    assert implementation.get_absolute_url() in mail.outbox[0].body


def test_a_hidden_proposal_s_project_takes_no_comments(
    client: Client, implementation: Implementation
) -> None:
    proposal = implementation.proposal
    proposal.is_hidden = True
    proposal.save(update_fields=["is_hidden"])
    client.force_login(UserFactory.create())
    comment_url = reverse("engagement:comment", args=["budgets.implementation", implementation.pk])
    assert client.post(comment_url, {"body": "Hej"}).status_code == 404
    assert not Comment.objects.exists()
