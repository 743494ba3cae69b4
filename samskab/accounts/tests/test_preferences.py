from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.core.notifications import notify

pytestmark = pytest.mark.django_db

URL = reverse("accounts:preferences")


def test_it_sends_anonymous_visitors_to_the_login_page(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "role", ["resident", "employee", "manager", "secretariat", "committee", "administrator"]
)
def test_it_lets_every_role_see_its_own_settings(client: Client, user_with_role, role: str) -> None:
    client.force_login(user_with_role(role))
    response = client.get(URL)
    assert response.status_code == 200
    assert "Dine indstillinger" in response.content.decode()


def test_it_turns_notifications_off_and_then_sends_none(client: Client, resident: User) -> None:
    client.force_login(resident)
    response = client.post(URL, {})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.email_notifications is False
    assert notify(recipient=resident, subject="x", template="core/email/message.txt") is False


def test_it_sends_a_notification_after_commit_in_danish(
    resident: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queued = notify(
            recipient=resident,
            subject="Din idé er modtaget",
            template="core/email/message.txt",
            context={"message": "Tak"},
        )
    assert queued
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident.email]
    assert "Tak" in mail.outbox[0].body
    assert "Med venlig hilsen" in mail.outbox[0].body


def test_it_sends_nothing_when_the_transaction_is_rolled_back(resident: User) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        notify(recipient=resident, subject="x", template="core/email/message.txt")
        raise RuntimeError
    assert mail.outbox == []
