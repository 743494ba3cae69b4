"""A failing e-mail never turns a saved action into an error, and a title with a line break
never breaks an e-mail: the subject is made one line in one place (notifications.notify)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core import notifications
from samskab.core.models import Area, Department
from samskab.core.notifications import notify
from samskab.core.tests.mail_backends import StrictBackend
from samskab.ideas import services as idea_services
from samskab.ideas.models import Idea, Theme
from samskab.learning import services as learning_services
from samskab.learning.tests.factories import ReportFactory
from samskab.meetings import services as meeting_services
from samskab.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

BACKENDS = [
    "samskab.core.tests.mail_backends.SMTPDownBackend",
    "samskab.core.tests.mail_backends.BrokenBackend",
    "samskab.core.tests.mail_backends.StrictBackend",  # refuses the line break in a header
]
TITLE = "Bedre skilte\r\nBcc: alle@example.com\nved stationen"


def _submit_idea(user: User) -> Any:
    return idea_services.idea_submit(
        author=user,
        title=TITLE,
        problem="Man farer vild.",
        description="Nye skilte.",
        beneficiaries="Pendlere",
        area=Area.objects.get(slug="slagelse"),
        theme=Theme.objects.first(),  # type: ignore[arg-type]
    )


def _register(user: User) -> Any:
    return meeting_services.registration_create(
        meeting=MeetingFactory.create(title=TITLE), user=user
    )


def _learning_action(user: User) -> Any:
    owner = UserFactory.create(role=Role.EMPLOYEE)
    return learning_services.action_add(
        report=ReportFactory.create(),
        actor=user,
        title=TITLE,
        owner=owner,
        due_on=timezone.localdate() + dt.timedelta(days=7),
    )


def _experiment_draft(user: User) -> Any:
    from samskab.experiments import services as experiment_services

    return experiment_services.experiment_draft_create(
        title=TITLE,
        owner=UserFactory.create(role=Role.EMPLOYEE),
        department=Department.objects.first(),
    )


ACTIONS: dict[str, Callable[[User], Any]] = {
    "idea submitted": _submit_idea,
    "meeting registration": _register,
    "learning action": _learning_action,
    "experiment draft": _experiment_draft,
}


@pytest.fixture(autouse=True)
def _secretariat_to_tell(db: None) -> None:
    UserFactory.create(role=Role.SECRETARIAT, email="sekretariat@test.samskab.dk")
    StrictBackend.subjects = []


def test_it_makes_every_line_break_in_a_subject_a_space() -> None:
    assert notifications.subject_line("Et\r\nto\n tre\u2028fire\tfem ") == "Et to tre fire fem"


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_it_sends_a_title_with_line_breaks_on_one_subject_line(
    action: Callable[[User], Any], employee: User, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "samskab.core.tests.mail_backends.StrictBackend"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        saved = action(employee)
    assert saved.pk is not None
    assert callbacks, "the e-mail waits for the commit"
    assert StrictBackend.subjects
    for subject in StrictBackend.subjects:
        assert "\n" not in subject and "\r" not in subject
    if action is not _experiment_draft:  # its subject has no title
        assert any(
            "Bedre skilte Bcc: alle@example.com ved stationen" in s for s in StrictBackend.subjects
        )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_it_keeps_the_action_and_logs_when_the_e_mail_fails(
    action: Callable[[User], Any],
    backend: str,
    employee: User,
    settings,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks,
) -> None:
    settings.EMAIL_BACKEND = backend
    with (
        caplog.at_level(logging.ERROR, logger="samskab.core.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        saved = action(employee)
    assert type(saved).objects.filter(pk=saved.pk).exists()
    if backend.endswith("StrictBackend"):
        assert StrictBackend.subjects  # the subject was made one line, so nothing failed
    else:
        assert "Could not send notification" in caplog.text


def test_it_sends_nothing_before_the_commit(
    resident: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipient=resident, subject="Hej", template="ideas/email/reminder.txt", context={})
    assert len(callbacks) == 1
    assert mail.outbox == []


IDEA_FORM = {
    "title": "Flere bænke\nlangs åen",
    "problem": "Der er langt mellem bænkene.",
    "description": "Fem nye bænke.",
    "beneficiaries": "Ældre",
    "area": "",
    "theme": "",
}


def test_it_refuses_a_title_with_a_line_break_in_the_idea_form(
    client: Client, resident: User
) -> None:
    data = dict(IDEA_FORM)
    data["area"] = str(Area.objects.get(slug="slagelse").pk)
    data["theme"] = str(Theme.objects.first().pk)  # type: ignore[union-attr]
    client.force_login(resident)
    response = client.post(reverse("ideas:submit"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv det på én linje uden linjeskift." in html
    assert "Der er langt mellem bænkene." in html  # what was typed is kept
    assert not Idea.objects.exists()


@pytest.mark.parametrize("backend", BACKENDS)
def test_it_answers_a_normal_page_when_the_e_mail_of_a_submitted_idea_fails(
    backend: str, client: Client, resident: User, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = backend
    data = dict(IDEA_FORM, title="Flere bænke langs åen")
    data["area"] = str(Area.objects.get(slug="slagelse").pk)
    data["theme"] = str(Theme.objects.first().pk)  # type: ignore[union-attr]
    client.force_login(resident)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ideas:submit"), data)
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert idea.title == "Flere bænke langs åen"
