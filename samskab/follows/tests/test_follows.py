"""Following: e-mails at once or in a daily digest, sent once, with a one-click unsubscribe
that works without logging in (RFC 8058)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.accounts.selectors import personal_data
from samskab.accounts.services import account_erase
from samskab.accounts.tests.factories import UserFactory
from samskab.engagement.services import comment_add
from samskab.follows import services
from samskab.follows.models import Follow, PendingNotice
from samskab.ideas import services as idea_services
from samskab.ideas.models import Status
from samskab.ideas.tests.factories import IdeaFactory, handled_idea

pytestmark = pytest.mark.django_db


def test_it_lets_a_resident_follow_an_idea_from_its_page(client: Client, resident: User) -> None:
    idea = IdeaFactory.create()
    client.force_login(resident)
    assert "Følg" in client.get(idea.get_absolute_url()).content.decode()
    url = reverse("follows:follow", args=["ideas.idea", idea.pk])
    assert client.post(url, {"digest": "1"}).status_code == 302
    follow = Follow.objects.get(user=resident)
    assert follow.target == idea and follow.digest
    client.post(url, {"action": "stop"})
    assert not Follow.objects.filter(user=resident).exists()


def test_it_refuses_to_follow_what_the_user_may_not_see(client: Client, resident: User) -> None:
    internal = IdeaFactory.create(is_internal=True)
    client.force_login(resident)
    url = reverse("follows:follow", args=["ideas.idea", internal.pk])
    assert client.post(url, {}).status_code == 404
    assert client.post(reverse("follows:follow", args=["nope.model", 1]), {}).status_code == 404
    assert not Follow.objects.exists()


def test_it_makes_the_author_follow_their_idea_and_tells_each_follower_once(
    manager: User, resident: User, django_capture_on_commit_callbacks
) -> None:
    author = UserFactory.create()
    idea = idea_services.idea_submit(
        author=author,
        title="Bålplads i parken",
        problem="p",
        description="d",
        beneficiaries="b",
        area=IdeaFactory.build().area,
        theme=IdeaFactory.build().theme,
    )
    assert Follow.objects.filter(user=author).exists()
    services.follow_add(user=resident, target=idea)
    idea.status = Status.ASSESSMENT
    idea.responsible = manager
    idea.save()
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        comment_add(author=resident, target=idea, body="God idé!")
    # The author hears about the comment; the one who wrote it does not.
    assert [m.to for m in mail.outbox] == [[author.email]]
    message = mail.outbox[0]
    assert "God idé!" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_it_tells_followers_of_a_status_change_once(
    manager: User, resident: User, django_capture_on_commit_callbacks
) -> None:
    idea = handled_idea(manager, status=Status.AWAITING_DECISION)
    services.follow_add(user=resident, target=idea)
    services.follow_add(user=idea.author, target=idea)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        idea_services.idea_decide(idea=idea, actor=manager, kind="decline", reason="For dyrt.")
    recipients = sorted(m.to[0] for m in mail.outbox)
    # The author gets their own receipt only, the follower one e-mail, the manager none.
    assert recipients == sorted([idea.author.email, resident.email])
    follower_mail = next(m for m in mail.outbox if m.to == [resident.email])
    assert "For dyrt." in follower_mail.body and "Afvist" in follower_mail.body


def test_it_unsubscribes_in_one_click_without_login(
    resident: User, django_capture_on_commit_callbacks
) -> None:
    idea = IdeaFactory.create()
    follow = services.follow_add(user=resident, target=idea)
    token = services.unsubscribe_token(follow)
    anonymous = Client(enforce_csrf_checks=True)
    url = reverse("follows:unsubscribe", args=[token])
    page = anonymous.get(url)
    assert page.status_code == 200 and idea.title in page.content.decode()
    assert Follow.objects.filter(pk=follow.pk).exists()  # a GET never unsubscribes
    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.filter(pk=follow.pk).exists()
    assert anonymous.post(url).status_code == 400  # used once


def test_it_refuses_a_forged_unsubscribe_token(resident: User) -> None:
    idea = IdeaFactory.create()
    follow = services.follow_add(user=resident, target=idea)
    token = services.unsubscribe_token(follow)
    response = Client().post(reverse("follows:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_it_collects_news_in_one_daily_digest_sent_once(
    resident: User, django_capture_on_commit_callbacks
) -> None:
    first, second = IdeaFactory.create(title="Første"), IdeaFactory.create(title="Anden")
    services.follow_add(user=resident, target=first, digest=True)
    services.follow_add(user=resident, target=second, digest=True)
    writer = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        comment_add(author=writer, target=first, body="Kommentar et")
        comment_add(author=writer, target=second, body="Kommentar to")
        assert not [m for m in mail.outbox if m.to == [resident.email]]
        assert services.digests_send() == 1
        assert services.digests_send() == 0
    digest = [m for m in mail.outbox if m.to == [resident.email]]
    assert len(digest) == 1
    assert "Kommentar et" in digest[0].body and "Kommentar to" in digest[0].body
    assert not PendingNotice.objects.exists()


def test_it_exports_and_erases_follows(resident: User) -> None:
    idea = IdeaFactory.create()
    services.follow_add(user=resident, target=idea, digest=True)
    exported = personal_data(user=resident)["sections"]["follows"]
    assert exported[0]["target"] == f"ideas.idea:{idea.pk}" and exported[0]["daily_digest"]
    account_erase(user=resident)
    assert not Follow.objects.filter(user=resident).exists()
