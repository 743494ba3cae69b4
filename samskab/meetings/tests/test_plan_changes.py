"""Local development plans owned together: the local council proposes, the municipal contact
publishes or sends back; the public only ever sees published text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.meetings import services, services_plans
from samskab.meetings.models import Action, Goal, LocalPlan, PlanChange
from samskab.organisations.models import Kind, Membership, Organisation
from samskab.organisations.tests.factories import OrganisationFactory, add_member

from .factories import ActionFactory, LocalPlanFactory

pytestmark = pytest.mark.django_db

LOGIN = 302


def council_plan(**kwargs: Any) -> LocalPlan:
    plan = LocalPlanFactory.create(organisation=OrganisationFactory.create(), **kwargs)
    Goal.objects.create(plan=plan, text="Flere på havnen")
    ActionFactory.create(plan=plan, title="Havnebad")
    return plan


def council(plan: LocalPlan) -> Organisation:
    assert plan.organisation is not None
    return plan.organisation


def person(role: str, plan: LocalPlan) -> User | None:
    """A user in one of the roles around a plan."""
    if role == "anonymous":
        return None
    if role == "contact":
        assert plan.contact is not None
        return plan.contact
    if role == "secretariat":
        return UserFactory.create(role=Role.SECRETARIAT)
    if role == "resident":
        return UserFactory.create(is_verified=True)
    if role == "left":
        user = add_member(council(plan))
        Membership.objects.filter(user=user).update(left_at=timezone.now())
        return user
    return add_member(council(plan), admin=role == "council_admin")


ROLES = [
    "anonymous",
    "resident",
    "left",
    "council_member",
    "council_admin",
    "contact",
    "secretariat",
]
# Pages for those who work on the plan: the council's current members, the contact and the
# secretariat. A member who has left is an ordinary resident again.
WORKERS = {
    "anonymous": LOGIN,
    "resident": 403,
    "left": 403,
    "council_member": 200,
    "council_admin": 200,
    "contact": 200,
    "secretariat": 200,
}


def goal_of(plan: LocalPlan) -> list[Any]:
    return [plan.area.slug, plan.goals.get().pk]


def action_of(plan: LocalPlan) -> list[Any]:
    return [plan.area.slug, plan.actions.get().pk]


GET_CASES: list[tuple[str, Callable[[LocalPlan], list[Any]]]] = [
    ("areas:edit", lambda plan: [plan.area.slug]),
    ("areas:changes", lambda plan: [plan.area.slug]),
    ("areas:goal_edit", goal_of),
    ("areas:goal_close", goal_of),
    ("areas:action_edit", action_of),
    ("areas:action_close", action_of),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args"), GET_CASES)
def test_it_answers_each_role_on_each_plan_page(client: Client, role, name, args) -> None:
    plan = council_plan()
    user = person(role, plan)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, args=args(plan)))
    assert response.status_code == WORKERS[role], (name, role)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_a_draft_plan_only_to_those_who_work_on_it(client: Client, role) -> None:
    plan = council_plan(is_published=False, title="Kladde til planen")
    user = person(role, plan)
    if user is not None:
        client.force_login(user)
    page = client.get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    assert ("Kladde til planen" in page) == (WORKERS[role] == 200)


# POST: 302 back to the plan when the change is accepted (published or waiting); the
# anonymous are sent to the login page (also a 302), so the effect is checked separately.
PROPOSERS = {"council_member", "council_admin", "contact", "secretariat"}
PUBLISHERS = {"contact", "secretariat"}


def answer(role: str, allowed: set[str]) -> int:
    return LOGIN if role == "anonymous" else 302 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_council_members_contact_and_secretariat_propose_a_goal(
    client: Client, role
) -> None:
    plan = council_plan()
    user = person(role, plan)
    if user is not None:
        client.force_login(user)
    response = client.post(reverse("areas:goal_add", args=[plan.area.slug]), {"text": "Ny sti"})
    assert response.status_code == answer(role, PROPOSERS)
    assert PlanChange.objects.filter(plan=plan).exists() == (role in PROPOSERS)
    published = plan.goals.filter(text="Ny sti").exists()
    assert published == (role in ("contact", "secretariat"))


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_contact_and_secretariat_publish(client: Client, role) -> None:
    plan = council_plan()
    member = add_member(council(plan))
    change = services_plans.plan_change_submit(
        plan=plan,
        actor=member,
        subject="goal",
        operation="edit",
        data={"text": "Et levende havnemiljø"},
        goal=plan.goals.get(),
    )
    user = person(role, plan)
    if user is not None:
        client.force_login(user)
    response = client.post(reverse("areas:change_publish", args=[plan.area.slug, change.pk]))
    assert response.status_code == answer(role, PUBLISHERS)
    change.refresh_from_db()
    assert (change.status == PlanChange.Status.PUBLISHED) == (role in PUBLISHERS)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_contact_and_secretariat_send_back(client: Client, role) -> None:
    plan = council_plan()
    change = services_plans.plan_change_submit(
        plan=plan,
        actor=add_member(council(plan)),
        subject="goal",
        operation="add",
        data={"text": "Mere grønt"},
    )
    user = person(role, plan)
    if user is not None:
        client.force_login(user)
    response = client.post(
        reverse("areas:change_return", args=[plan.area.slug, change.pk]),
        {"reason": "Det står allerede i målet om havnen."},
    )
    assert response.status_code == answer(role, PUBLISHERS)
    change.refresh_from_db()
    assert (change.status == PlanChange.Status.RETURNED) == (role in PUBLISHERS)


def test_it_keeps_the_published_goal_until_the_contact_publishes_the_change(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    plan = council_plan()
    member = add_member(council(plan))
    goal = plan.goals.get()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("areas:goal_edit", args=[plan.area.slug, goal.pk]),
            {"text": "Et levende havnemiljø hele året"},
        )
    assert response.status_code == 302
    public = Client().get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    assert "Flere på havnen" in public
    assert "hele året" not in public

    change = PlanChange.objects.get(plan=plan)
    assert change.submitted_by == member and change.status == PlanChange.Status.SUBMITTED
    assert plan.contact is not None and mail.outbox[-1].to == [plan.contact.email]

    contact = Client()
    contact.force_login(plan.contact)
    queue = contact.get(reverse("areas:changes", args=[plan.area.slug])).content.decode()
    assert "hele året" in queue and "Flere på havnen" in queue
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact.post(reverse("areas:change_publish", args=[plan.area.slug, change.pk]))
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "offentliggjort" in mail.outbox[0].subject

    public = Client().get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    assert "Et levende havnemiljø hele året" in public
    change.refresh_from_db()
    assert change.decided_by == plan.contact and change.decided_at is not None
    assert change.goal == goal


def test_it_hides_a_proposed_action_until_it_is_published(client: Client) -> None:
    plan = council_plan()
    client.force_login(add_member(council(plan)))
    client.post(
        reverse("areas:action_add", args=[plan.area.slug]),
        {"title": "Shelter ved stranden", "status": "planned", "responsible": "Lokalrådet"},
    )
    assert not plan.actions.filter(title="Shelter ved stranden").exists()
    public = Client().get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    assert "Shelter ved stranden" not in public

    change = PlanChange.objects.get(plan=plan)
    assert plan.contact is not None
    services_plans.plan_change_publish(change=change, actor=plan.contact)
    action = plan.actions.get(title="Shelter ved stranden")
    assert action.responsible == "Lokalrådet"
    public = Client().get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    assert "Shelter ved stranden" in public


def test_it_sends_a_change_back_with_a_reason_the_member_can_read(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    plan = council_plan()
    member = add_member(council(plan))
    change = services_plans.plan_change_submit(
        plan=plan, actor=member, subject="goal", operation="add", data={"text": "Mere grønt"}
    )
    assert plan.contact is not None
    client.force_login(plan.contact)
    empty = client.post(
        reverse("areas:change_return", args=[plan.area.slug, change.pk]), {"reason": " "}
    )
    assert empty.status_code == 200
    assert "Dette felt skal udfyldes" in empty.content.decode()
    change.refresh_from_db()
    assert change.status == PlanChange.Status.SUBMITTED

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("areas:change_return", args=[plan.area.slug, change.pk]),
            {"reason": "Det står allerede i målet om havnen."},
        )
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert not plan.goals.filter(text="Mere grønt").exists()
    member_client = Client()
    member_client.force_login(member)
    page = member_client.get(reverse("areas:changes", args=[plan.area.slug])).content.decode()
    assert "Det står allerede i målet om havnen." in page


def test_it_closes_a_goal_with_date_and_reason_and_keeps_it(client: Client) -> None:
    plan = council_plan()
    goal = plan.goals.get()
    assert plan.contact is not None
    client.force_login(plan.contact)
    response = client.post(
        reverse("areas:goal_close", args=[plan.area.slug, goal.pk]),
        {"reason": "Nået med den nye havnepromenade."},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.closed_on == timezone.localdate()
    public = Client().get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    assert "Flere på havnen" in public
    assert "Lukket" in public and "Nået med den nye havnepromenade." in public
    with pytest.raises(ValidationError):
        services_plans.plan_change_submit(
            plan=plan,
            actor=plan.contact,
            subject="goal",
            operation="edit",
            data={"text": "Igen"},
            goal=goal,
            publish=True,
        )


def test_it_closes_an_action_without_deleting_it() -> None:
    plan = council_plan()
    action = plan.actions.get()
    member = add_member(council(plan))
    change = services_plans.plan_change_submit(
        plan=plan,
        actor=member,
        subject="action",
        operation="close",
        data={"reason": "Kommunen har overtaget det."},
        action=action,
    )
    action.refresh_from_db()
    assert action.closed_on is None
    assert plan.contact is not None
    LocalPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now() - timedelta(days=30))
    services_plans.plan_change_publish(change=change, actor=plan.contact)
    plan.refresh_from_db()
    assert plan.updated_at > timezone.now() - timedelta(minutes=1)
    action.refresh_from_db()
    assert action.closed_on is not None and action.closed_reason == "Kommunen har overtaget det."
    assert Action.objects.filter(pk=action.pk).exists()


def test_it_refuses_a_second_change_while_one_awaits_approval(client: Client) -> None:
    plan = council_plan()
    goal = plan.goals.get()
    member = add_member(council(plan))
    services_plans.plan_change_submit(
        plan=plan, actor=member, subject="goal", operation="edit", data={"text": "A"}, goal=goal
    )
    client.force_login(member)
    response = client.post(
        reverse("areas:goal_edit", args=[plan.area.slug, goal.pk]), {"text": "B"}
    )
    assert response.status_code == 200
    assert "afventer allerede godkendelse" in response.content.decode()
    assert PlanChange.objects.filter(plan=plan).count() == 1


def test_it_lets_a_council_member_propose_a_status_that_waits(client: Client) -> None:
    plan = council_plan()
    action = plan.actions.get()
    client.force_login(add_member(council(plan)))
    client.post(
        reverse("areas:action_status", args=[plan.area.slug, action.pk]), {"status": "done"}
    )
    action.refresh_from_db()
    assert action.status == Action.Status.PLANNED
    change = PlanChange.objects.get(plan=plan)
    assert change.data["status"] == "done" and change.data["title"] == "Havnebad"


def test_it_does_not_let_a_council_member_change_the_plan_itself(client: Client) -> None:
    plan = council_plan()
    client.force_login(add_member(council(plan), admin=True))
    page = client.get(reverse("areas:edit", args=[plan.area.slug])).content.decode()
    assert 'name="is_published"' not in page and 'name="text"' in page
    response = client.post(
        reverse("areas:edit", args=[plan.area.slug]), {"title": "Overtaget", "contact": ""}
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title != "Overtaget"


def test_it_links_only_a_local_council_to_a_plan() -> None:
    plan = council_plan()
    association = OrganisationFactory.create(kind=Kind.ASSOCIATION)
    assert plan.contact is not None
    with pytest.raises(ValidationError):
        services.plan_save(
            area=plan.area,
            actor=plan.contact,
            data=services.PlanData(title=plan.title, organisation=association),
        )


def test_it_keeps_the_input_and_shows_a_danish_error_for_a_bad_action(client: Client) -> None:
    plan = council_plan()
    client.force_login(add_member(council(plan)))
    response = client.post(
        reverse("areas:action_edit", args=[plan.area.slug, plan.actions.get().pk]),
        {"title": "Havnebad med sauna", "status": "planned", "latitude": "55,3"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Havnebad med sauna" in page
    assert not PlanChange.objects.exists()


def test_it_exports_and_erases_a_members_proposed_changes() -> None:
    plan = council_plan()
    member = add_member(council(plan))
    assert plan.contact is not None
    published = services_plans.plan_change_submit(
        plan=plan, actor=member, subject="goal", operation="add", data={"text": "Mere grønt"}
    )
    services_plans.plan_change_publish(change=published, actor=plan.contact)
    services_plans.plan_change_submit(
        plan=plan, actor=member, subject="goal", operation="add", data={"text": "Bænke"}
    )
    exported = services.meetings_export_for_user(member)["plan_changes"]
    assert sorted(row["proposed"]["text"] for row in exported) == ["Bænke", "Mere grønt"]

    services.meetings_erase_for_user(member)
    assert list(PlanChange.objects.values_list("data__text", "submitted_by")) == [
        ("Mere grønt", None)
    ]
    assert plan.goals.filter(text="Mere grønt").exists()


def test_it_lists_the_changes_in_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    plan = council_plan()
    assert plan.contact is not None
    for number in range(8):
        member = add_member(council(plan))
        change = services_plans.plan_change_submit(
            plan=plan, actor=member, subject="goal", operation="add", data={"text": f"Mål {number}"}
        )
        if number % 2:
            services_plans.plan_change_publish(change=change, actor=plan.contact)
    client.force_login(plan.contact)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("areas:changes", args=[plan.area.slug])).content.decode()
    assert all(f"Mål {number}" in page for number in range(8))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("areas:edit", args=[plan.area.slug])).status_code == 200


def test_it_gives_the_contact_a_queue_of_plans_awaiting_approval(client: Client) -> None:
    plan = council_plan()
    services_plans.plan_change_submit(
        plan=plan,
        actor=add_member(council(plan)),
        subject="goal",
        operation="add",
        data={"text": "Mere grønt"},
    )
    assert plan.contact is not None
    client.force_login(plan.contact)
    page = client.get(reverse("areas:index")).content.decode()
    assert reverse("areas:changes", args=[plan.area.slug]) in page
    assert "1 ændring afventer godkendelse" in page
    client.force_login(UserFactory.create(role=Role.EMPLOYEE))
    page = client.get(reverse("areas:index")).content.decode()
    assert reverse("areas:changes", args=[plan.area.slug]) not in page


def test_it_shows_the_plans_a_local_council_co_owns_on_its_page(client: Client) -> None:
    plan = council_plan(title="Udviklingsplan for Korsør")
    page = client.get(council(plan).get_absolute_url()).content.decode()
    assert "Udviklingsplan for Korsør" in page
    LocalPlan.objects.filter(pk=plan.pk).update(is_published=False)
    page = client.get(council(plan).get_absolute_url()).content.decode()
    assert "Udviklingsplan for Korsør" not in page
