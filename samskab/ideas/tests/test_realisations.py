"""Decisions followed through: "realise" starts a realisation the submitter can follow to
"done", with milestones, reminders and an overdue list; "workshop" links to a workshop in
the meetings module whose outcome returns the idea for a new decision."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.ideas import services, services_realisations
from samskab.ideas.models import (
    DecisionKind,
    Event,
    Idea,
    Milestone,
    Realisation,
    RealisationReminder,
    Status,
)
from samskab.ideas.tests.factories import handled_idea
from samskab.ideas.tests.test_permissions import ROLES, _client, _expect

pytestmark = pytest.mark.django_db

STAFF = {"employee", "manager", "secretariat", "administrator"}
SECRETARIAT = {"secretariat", "administrator"}


def _realised(manager: User, **kwargs: Any) -> Idea:
    idea = handled_idea(manager, status=Status.AWAITING_DECISION)
    services.idea_decide(
        idea=idea, actor=manager, kind=DecisionKind.REALISE, reason="Godt forslag.", **kwargs
    )
    idea.refresh_from_db()
    return idea


def test_it_starts_a_realisation_when_an_idea_is_decided_realised(
    client: Client, manager: User, employee: User, django_capture_on_commit_callbacks
) -> None:
    idea = handled_idea(manager, status=Status.AWAITING_DECISION)
    due = timezone.localdate() + dt.timedelta(days=60)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:decide", args=[idea.pk]),
            {
                "kind": DecisionKind.REALISE,
                "reason": "Vi gør det.",
                "realisation_responsible": employee.pk,
                "realisation_due": due.isoformat(),
            },
        )
    assert response.status_code == 302
    realisation = Realisation.objects.get(idea=idea)
    assert (realisation.responsible, realisation.due_date, realisation.state) == (
        employee,
        due,
        Realisation.State.PLANNED,
    )
    to_employee = [m for m in mail.outbox if m.to == [employee.email]]
    assert len(to_employee) == 1 and idea.title in to_employee[0].subject


def test_it_gives_a_realisation_the_idea_s_manager_and_three_months_by_default(
    manager: User,
) -> None:
    idea = _realised(manager)
    realisation = idea.realisation
    assert realisation.responsible == manager
    assert realisation.due_date == timezone.localdate() + dt.timedelta(days=90)


def test_it_refuses_a_resident_as_responsible_and_keeps_the_idea_undecided(
    manager: User, resident: User
) -> None:
    idea = handled_idea(manager, status=Status.AWAITING_DECISION)
    with pytest.raises(ValidationError):
        services.idea_decide(
            idea=idea,
            actor=manager,
            kind=DecisionKind.REALISE,
            reason="x",
            realisation_responsible=resident,
        )
    idea.refresh_from_db()
    assert idea.status == Status.AWAITING_DECISION
    assert not Realisation.objects.exists()


def test_it_tells_the_submitter_each_change_of_status_until_done(
    client: Client, manager: User, django_capture_on_commit_callbacks
) -> None:
    idea = _realised(manager)
    client.force_login(manager)
    url = reverse("ideas:realisation", args=[idea.pk])
    base = {"due_date": idea.realisation.due_date.isoformat(), "responsible": manager.pk}
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        client.post(url, {**base, "state": "in_progress", "public_note": "Vi er i gang."})
        client.post(url, {**base, "state": "in_progress", "public_note": "Stadig i gang."})
    assert [m.to for m in mail.outbox] == [[idea.author.email]]  # a note alone sends nothing
    # "Done" needs a word to the public; the form keeps what was typed.
    response = client.post(url, {**base, "state": "done", "public_note": ""})
    assert response.status_code == 200
    assert "Fortæl" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        client.post(url, {**base, "state": "done", "public_note": "Bænkene er sat op."})
    idea.refresh_from_db()
    assert idea.status == Status.REALISED
    assert [m.to for m in mail.outbox] == [[idea.author.email]]
    assert idea.events.filter(kind=Event.Kind.REALISATION).count() == 2
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert "Bænkene er sat op." in page and "Realiseret" in page


def test_it_updates_a_realisation_through_the_form_and_puts_service_errors_on_the_field(
    client: Client, manager: User
) -> None:
    idea = _realised(manager)
    client.force_login(manager)
    url = reverse("ideas:realisation", args=[idea.pk])
    data = {
        "state": Realisation.State.IN_PROGRESS,
        "due_date": "2000-01-01",
        "responsible": manager.pk,
        "public_note": "Bænkene er bestilt.",
    }
    html = client.post(url, data).content.decode()
    assert "Fristen kan ikke ligge i fortiden." in html
    assert 'href="#id_due_date"' in html  # the error summary links to the field
    assert "Bænkene er bestilt." in html  # what was typed is kept
    response = client.post(url, {**data, "due_date": "2099-01-01"}, follow=True)
    assert response.redirect_chain[-1][0] == idea.get_absolute_url()
    assert "Realiseringen er opdateret." in response.content.decode()
    assert Realisation.objects.get(idea=idea).state == Realisation.State.IN_PROGRESS


def test_it_adds_milestones_and_marks_them_reached(client: Client, manager: User) -> None:
    idea = _realised(manager)
    client.force_login(manager)
    response = client.post(
        reverse("ideas:milestone_add", args=[idea.pk]),
        {"milestone-title": "", "milestone-due_date": "2099-01-01"},
    )
    assert response.status_code == 200 and "2099-01-01" in response.content.decode()
    client.post(
        reverse("ideas:milestone_add", args=[idea.pk]),
        {"milestone-title": "Bænke bestilt", "milestone-due_date": "2099-01-01"},
    )
    milestone = Milestone.objects.get()
    client.post(reverse("ideas:milestone_reach", args=[idea.pk, milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    assert "Bænke bestilt" in Client().get(idea.get_absolute_url()).content.decode()


def test_it_reminds_before_and_after_the_due_date_once_each(
    manager: User, django_capture_on_commit_callbacks
) -> None:
    idea = _realised(manager, realisation_due=timezone.localdate() + dt.timedelta(days=20))
    due = idea.realisation.due_date
    with django_capture_on_commit_callbacks(execute=True):
        assert services_realisations.realisation_reminders_send(today=due - dt.timedelta(14)) == 0
        assert services_realisations.realisation_reminders_send(today=due - dt.timedelta(5)) == 1
        assert services_realisations.realisation_reminders_send(today=due - dt.timedelta(4)) == 0
        assert services_realisations.realisation_reminders_send(today=due + dt.timedelta(1)) == 1
        assert services_realisations.realisation_reminders_send(today=due + dt.timedelta(2)) == 0
    reminders = [m for m in mail.outbox if "realiseringen" in m.subject.lower()]
    assert len(reminders) == 2 and all(m.to == [manager.email] for m in reminders)


def test_it_reminds_about_each_realisation_on_its_own(manager: User) -> None:
    due = timezone.localdate() + dt.timedelta(days=2)
    first = _realised(manager, realisation_due=due)
    second = _realised(manager, realisation_due=due)
    real_notify = services_realisations.notify

    def failing_for_first(**kwargs: object) -> bool:
        if kwargs["context"]["idea"].pk == first.pk:  # type: ignore[index]
            raise RuntimeError("mail template broken")
        return real_notify(**kwargs)  # type: ignore[arg-type]

    with mock.patch.object(services_realisations, "notify", side_effect=failing_for_first):
        assert services_realisations.realisation_reminders_send() == 1
    # The failed one left no trace, so it is tried again tomorrow.
    assert list(RealisationReminder.objects.values_list("realisation__idea", flat=True)) == [
        second.pk
    ]


def test_it_lists_overdue_realisations_first(client: Client, manager: User) -> None:
    with time_machine.travel(dt.date(2026, 1, 5), tick=False):
        late = _realised(manager, realisation_due=dt.date(2026, 1, 10))
        _realised(manager, realisation_due=dt.date(2026, 3, 1))
    client.force_login(manager)
    with time_machine.travel(dt.date(2026, 2, 1), tick=False):
        response = client.get(reverse("ideas:realisations"))
    assert [r.idea for r in response.context["overdue"]] == [late]
    assert len(response.context["upcoming"]) == 1


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_realisations_list_to_employees(client: Client, user_with_role, role) -> None:
    response = _client(client, user_with_role, role).get(reverse("ideas:realisations"))
    assert response.status_code == _expect(role, STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_the_responsible_people_and_the_secretariat_keep_the_realisation(
    client: Client, user_with_role, role
) -> None:
    owner = UserFactory.create(role=Role.MANAGER)
    idea = _realised(owner)
    url = reverse("ideas:realisation", args=[idea.pk])
    assert _client(client, user_with_role, role).get(url).status_code == _expect(role, SECRETARIAT)


def test_it_lets_the_responsible_employee_keep_the_realisation(
    client: Client, manager: User, employee: User
) -> None:
    idea = _realised(manager, realisation_responsible=employee)
    client.force_login(employee)
    assert client.get(reverse("ideas:realisation", args=[idea.pk])).status_code == 200
    other = UserFactory.create(role=Role.EMPLOYEE)
    client.force_login(other)
    assert client.get(reverse("ideas:realisation", args=[idea.pk])).status_code == 403
    assert client.post(reverse("ideas:milestone_add", args=[idea.pk]), {}).status_code == 403
