"""Every followable kind (idea, proposal, experiment, plan, meeting) tells its followers of
a new comment: one e-mail each, after the commit, none to the one who wrote it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.db import models

from samskab.accounts.models import User
from samskab.accounts.tests.factories import UserFactory
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.engagement.services import comment_add
from samskab.experiments.models import Status
from samskab.experiments.tests.factories import ExperimentFactory
from samskab.follows.services import follow_add
from samskab.ideas.tests.factories import IdeaFactory
from samskab.meetings.tests.factories import LocalPlanFactory, MeetingFactory

pytestmark = pytest.mark.django_db

KINDS: dict[str, Callable[[], models.Model]] = {
    "idea": lambda: IdeaFactory.create(),
    "proposal": lambda: make_proposal(make_process(phase="voting")),
    "experiment": lambda: ExperimentFactory.create(status=Status.RUNNING),
    "plan": lambda: LocalPlanFactory.create(),
    "meeting": lambda: MeetingFactory.create(),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_it_tells_followers_of_a_new_comment_once(
    kind: str, resident: User, django_capture_on_commit_callbacks
) -> None:
    target = KINDS[kind]()
    commenter = UserFactory.create()
    follow_add(user=resident, target=target)
    follow_add(user=commenter, target=target)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        comment_add(author=commenter, target=target, body="Godt forslag, men hvad koster det?")
    assert [message.to for message in mail.outbox] == [[resident.email]]
    assert "Godt forslag" in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_it_tells_experiment_followers_of_its_evaluation_once(
    resident: User, django_capture_on_commit_callbacks
) -> None:
    from samskab.experiments.services import evaluation_create
    from samskab.experiments.tests.test_services import evaluation_data

    owner = UserFactory.create(role="employee")
    experiment = ExperimentFactory.create(status=Status.EVALUATING, owner=owner)
    follow_add(user=resident, target=experiment)
    follow_add(user=owner, target=experiment)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        evaluation_create(experiment=experiment, actor=owner, data=evaluation_data())
    assert [message.to for message in mail.outbox] == [[resident.email]]
    assert "Forsøget er evalueret. Anbefaling: justeres." in mail.outbox[0].body
    assert "Ventetiden faldt." in mail.outbox[0].body


def test_it_tells_meeting_followers_once_when_the_minutes_appear(
    resident: User, django_capture_on_commit_callbacks
) -> None:
    from samskab.meetings.services import meeting_minutes_save

    meeting = MeetingFactory.create(minutes="")
    organiser = UserFactory.create(role="employee")
    follow_add(user=resident, target=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        meeting_minutes_save(meeting=meeting, actor=organiser, agenda="", minutes="Vi besluttede")
    assert [message.to for message in mail.outbox] == [[resident.email]]
    assert "referat" in mail.outbox[0].body.lower()
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        meeting_minutes_save(
            meeting=meeting, actor=organiser, agenda="", minutes="Vi besluttede to ting"
        )
    assert mail.outbox == []
