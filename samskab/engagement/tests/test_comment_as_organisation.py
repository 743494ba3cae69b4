"""Comments on behalf of an organisation: only its members may choose it; the comment shows
the organisation's name, and the person who wrote it stays recorded for moderation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import User
from samskab.accounts.tests.factories import UserFactory
from samskab.engagement import services
from samskab.engagement.models import Comment
from samskab.engagement.privacy import engagement_export
from samskab.meetings.models import LocalPlan
from samskab.meetings.tests.factories import LocalPlanFactory
from samskab.organisations.models import Membership
from samskab.organisations.tests.factories import OrganisationFactory, add_member

pytestmark = pytest.mark.django_db

LABEL = "meetings.localplan"


def comment_url(plan: LocalPlan) -> str:
    return reverse("engagement:comment", args=[LABEL, plan.pk])


def test_it_offers_the_choice_only_to_members_of_an_organisation(client: Client) -> None:
    plan = LocalPlanFactory.create()
    council = OrganisationFactory.create(name="Korsør Lokalråd")
    page_url = reverse("areas:detail", args=[plan.area.slug])
    client.force_login(UserFactory.create(is_verified=True))
    assert 'name="organisation"' not in client.get(page_url).content.decode()
    client.force_login(add_member(council))
    page = client.get(page_url).content.decode()
    assert 'name="organisation"' in page and "Korsør Lokalråd" in page


def test_it_shows_the_comment_as_the_organisations_and_records_the_person(
    client: Client, secretariat: User
) -> None:
    plan = LocalPlanFactory.create()
    council = OrganisationFactory.create(name="Korsør Lokalråd")
    member = add_member(council, UserFactory.create(is_verified=True, name="Mette Medlem"))
    client.force_login(member)
    response = client.post(
        comment_url(plan),
        {"body": "Lokalrådet bakker op om havnebadet.", "organisation": council.pk},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.organisation == council and comment.author == member

    public = Client().get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    meta = public.split('class="comment-meta"', 1)[1].split("</p>", 1)[0]
    assert "Korsør Lokalråd" in meta and "Mette" not in meta

    moderator = Client()
    moderator.force_login(secretariat)
    page = moderator.get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    meta = page.split('class="comment-meta"', 1)[1].split("</p>", 1)[0]
    assert "Mette" in meta

    exported = engagement_export(member)["comments"]
    assert exported[0]["on_behalf_of"] == "Korsør Lokalråd"


def test_it_refuses_an_organisation_the_person_is_not_a_member_of(client: Client) -> None:
    plan = LocalPlanFactory.create()
    council = OrganisationFactory.create()
    member_elsewhere = add_member(OrganisationFactory.create(name="Grundejerforeningen"))
    client.force_login(member_elsewhere)
    response = client.post(
        comment_url(plan), {"body": "Som lokalråd siger vi ja.", "organisation": council.pk}
    )
    assert response.status_code == 400
    assert "Som lokalråd siger vi ja." in response.content.decode()
    assert not Comment.objects.exists()

    former = add_member(council)
    Membership.objects.filter(user=former).update(left_at=timezone.now())
    with pytest.raises(ValidationError):
        services.comment_add(author=former, target=plan, body="Hej", organisation=council)


def test_it_ignores_a_forged_organisation_from_someone_without_any(client: Client) -> None:
    plan = LocalPlanFactory.create()
    council = OrganisationFactory.create()
    client.force_login(UserFactory.create(is_verified=True))
    client.post(comment_url(plan), {"body": "Jeg er for.", "organisation": council.pk})
    comment = Comment.objects.get()
    assert comment.organisation is None
