"""Every view for every role (a permission table per view), and the journeys through the
forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.core.models import Area
from samskab.ideas.models import Idea, Theme
from samskab.meetings import services
from samskab.meetings.models import (
    Action,
    LocalPlan,
    Meeting,
    MeetingDecision,
    MeetingIdea,
    Membership,
    Registration,
)

from .factories import ActionFactory, LocalPlanFactory, MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
LOGIN = 302
EVERYONE = dict.fromkeys(ROLES, 200)
# Someone else's meeting, network or plan: only the secretariat (and the administrator).
MANAGERS = {
    None: LOGIN,
    "resident": 403,
    "employee": 403,
    "manager": 403,
    "secretariat": 200,
    "committee": 403,
    "administrator": 200,
}
STAFF = {**MANAGERS, "employee": 200, "manager": 200}
# Drafts: hidden (404) from everyone but the secretariat.
DRAFT = {**dict.fromkeys(ROLES, 404), "secretariat": 200, "administrator": 200}


def client_for(client: Client, user_with_role: Callable[[str | None], User | None], role):
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    return client


def meeting() -> Meeting:
    return MeetingFactory.create()


def korsoer() -> Area:
    return Area.objects.get(slug="korsoer")


GET_CASES: list[tuple[str, Callable[[], list[Any]], dict[str | None, int]]] = [
    ("meetings:index", lambda: [], EVERYONE),
    ("meetings:create", lambda: [], STAFF),
    ("meetings:detail", lambda: [meeting().pk], EVERYONE),
    ("meetings:ics", lambda: [meeting().pk], EVERYONE),
    ("meetings:edit", lambda: [meeting().pk], MANAGERS),
    ("meetings:participants", lambda: [meeting().pk], MANAGERS),
    ("meetings:minutes", lambda: [meeting().pk], MANAGERS),
    ("meetings:idea_create", lambda: [meeting().pk], MANAGERS),
    ("meetings:detail", lambda: [MeetingFactory.create(is_published=False).pk], DRAFT),
    ("meetings:networks", lambda: [], EVERYONE),
    ("meetings:network_create", lambda: [], STAFF),
    ("meetings:network", lambda: [NetworkFactory.create().pk], EVERYONE),
    ("meetings:network", lambda: [NetworkFactory.create(is_published=False).pk], DRAFT),
    ("meetings:network_edit", lambda: [NetworkFactory.create().pk], MANAGERS),
    ("areas:index", lambda: [], EVERYONE),
    ("areas:detail", lambda: [LocalPlanFactory.create().area.slug], EVERYONE),
    ("areas:detail", lambda: ["omoe"], EVERYONE),  # an area without a plan
    ("areas:edit", lambda: [LocalPlanFactory.create().area.slug], MANAGERS),
    ("areas:edit", lambda: ["omoe"], MANAGERS),  # creating a plan
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "expected"), GET_CASES)
def test_it_answers_each_role_on_each_page(
    client: Client, user_with_role, role, name, args, expected
) -> None:
    url = reverse(name, args=args())
    response = client_for(client, user_with_role, role).get(url)
    assert response.status_code == expected[role], (name, role)


REGISTER = {**dict.fromkeys(ROLES, 302)}  # everyone logged in registers, then goes back


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_every_logged_in_role_register(client: Client, user_with_role, role) -> None:
    target = meeting()
    response = client_for(client, user_with_role, role).post(
        reverse("meetings:register", args=[target.pk]), {"needs": "Teleslynge"}
    )
    assert response.status_code == 302
    registered = Registration.objects.filter(meeting=target).first()
    if role is None:
        assert response["Location"].startswith(reverse("accounts:login"))
        assert registered is None
    else:
        assert response["Location"] == target.get_absolute_url()
        assert registered is not None and registered.needs == "Teleslynge"


JOIN = {
    **MANAGERS,
    None: LOGIN,
    "employee": 302,
    "manager": 302,
    "secretariat": 302,
    "administrator": 302,
    "resident": 302,
}


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_employees_and_verified_residents_join_a_network(
    client: Client, user_with_role, role
) -> None:
    network = NetworkFactory.create()
    response = client_for(client, user_with_role, role).post(
        reverse("meetings:network_join", args=[network.pk])
    )
    assert response.status_code == JOIN[role]
    joined = Membership.objects.filter(network=network).exclude(user=network.created_by).exists()
    assert joined == (JOIN[role] == 302 and role is not None)


def test_it_refuses_an_unverified_resident_in_a_network(
    client: Client, unverified_resident
) -> None:
    network = NetworkFactory.create()
    client.force_login(unverified_resident)
    response = client.post(reverse("meetings:network_join", args=[network.pk]))
    assert response.status_code == 403


POST_MANAGERS = {**MANAGERS, "secretariat": 302, "administrator": 302}


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_organiser_and_secretariat_record_decisions(
    client: Client, user_with_role, role
) -> None:
    target = meeting()
    response = client_for(client, user_with_role, role).post(
        reverse("meetings:decision_add", args=[target.pk]),
        {"text": "Vi går videre med havnebadet."},
    )
    assert response.status_code == POST_MANAGERS[role]
    assert MeetingDecision.objects.filter(meeting=target).exists() == (
        role in ("secretariat", "administrator")
    )


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_plan_contact_and_secretariat_change_an_action(
    client: Client, user_with_role, role
) -> None:
    action = ActionFactory.create()
    response = client_for(client, user_with_role, role).post(
        reverse("areas:action_status", args=[action.plan.area.slug, action.pk]), {"status": "done"}
    )
    assert response.status_code == POST_MANAGERS[role]
    action.refresh_from_db()
    assert (action.status == Action.Status.DONE) == (role in ("secretariat", "administrator"))


def test_it_lets_the_organiser_run_their_own_meeting(client: Client) -> None:
    target = meeting()
    assert target.organiser is not None
    client.force_login(target.organiser)
    for name in ("meetings:edit", "meetings:participants", "meetings:minutes"):
        assert client.get(reverse(name, args=[target.pk])).status_code == 200


def test_it_lets_the_municipal_contact_edit_the_plan(client: Client) -> None:
    plan = LocalPlanFactory.create()
    assert plan.contact is not None
    client.force_login(plan.contact)
    response = client.post(
        reverse("areas:goal_add", args=[plan.area.slug]), {"text": "Flere på havnen"}
    )
    assert response.status_code == 302
    assert list(plan.goals.values_list("text", flat=True)) == ["Flere på havnen"]


def test_it_creates_a_meeting_and_shows_it(client: Client, employee) -> None:
    client.force_login(employee)
    response = client.post(
        reverse("meetings:create"),
        {
            "title": "Idémøde om stier",
            "kind": "idea_meeting",
            "starts_at": "2031-05-01T19:00",
            "ends_at": "2031-05-01T21:00",
            "place": "",
            "online_url": "https://moede.example.dk/stier",
            "capacity": "30",
            "is_published": "on",
        },
    )
    created = Meeting.objects.get(title="Idémøde om stier")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.organiser == employee
    page = client.get(created.get_absolute_url())
    assert "https://moede.example.dk/stier" in page.content.decode()


def test_it_keeps_the_input_when_the_meeting_ends_before_it_starts(
    client: Client, employee
) -> None:
    client.force_login(employee)
    response = client.post(
        reverse("meetings:create"),
        {
            "title": "Baglæns møde",
            "kind": "workshop",
            "starts_at": "2031-05-01T19:00",
            "ends_at": "2031-05-01T18:00",
            "place": "Rådhuset",
            "capacity": "30",
        },
    )
    assert response.status_code == 200
    assert "Baglæns møde" in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_takes_a_resident_through_registration_waiting_list_and_cancellation(
    client: Client, resident, django_capture_on_commit_callbacks
) -> None:
    target = MeetingFactory.create(capacity=1)
    assert target.organiser is not None
    services.registration_create(meeting=target, user=target.organiser)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:register", args=[target.pk]))
    page = client.get(target.get_absolute_url()).content.decode()
    assert "nummer 1 på ventelisten" in page
    assert [m.to for m in mail.outbox] == [[resident.email]]
    client.post(reverse("meetings:cancel", args=[target.pk]))
    assert Registration.objects.get(user=resident).status == Registration.Status.CANCELLED


def test_it_shows_the_organiser_the_participants(client: Client, resident) -> None:
    target = meeting()
    services.registration_create(meeting=target, user=resident, needs="Tolk")
    assert target.organiser is not None
    client.force_login(target.organiser)
    page = client.get(reverse("meetings:participants", args=[target.pk])).content.decode()
    assert resident.email in page and "Tolk" in page


def test_it_links_an_idea_submitted_at_the_meeting(client: Client, resident) -> None:
    target = meeting()
    services.registration_create(meeting=target, user=resident)
    client.force_login(resident)
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None
    response = client.post(
        reverse("meetings:idea_create", args=[target.pk]),
        {
            "title": "Bænke på havnen",
            "problem": "Der er ingen steder at sidde.",
            "description": "Sæt bænke op langs kajen.",
            "beneficiaries": "Ældre og børnefamilier",
            "theme": theme.pk,
            "area": korsoer().pk,
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Bænke på havnen")
    assert idea.author == resident
    assert MeetingIdea.objects.filter(meeting=target, idea=idea).exists()
    assert "Bænke på havnen" in client.get(target.get_absolute_url()).content.decode()


def test_it_lists_meetings_without_a_query_per_meeting(
    client: Client, django_assert_max_num_queries
) -> None:
    MeetingFactory.create_batch(15)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("meetings:index"))
    assert response.content.decode().count("Workshop ") >= 15


def test_it_shows_the_area_page_with_places_as_text_and_allows_the_tile_host(
    client: Client, settings
) -> None:
    settings.MAP_TILE_URL = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
    plan = LocalPlanFactory.create()
    ActionFactory.create(plan=plan, title="Havnebad", latitude="55.334", longitude="11.13")
    response = client.get(reverse("areas:detail", args=[plan.area.slug]))
    page = response.content.decode()
    assert "Havnebad" in page and "55,33400" in page
    assert "img-src 'self' data: http://127.0.0.1:9" in response["Content-Security-Policy"]
    assert "/static/leaflet/leaflet.js" in page


def test_it_does_not_show_a_draft_plan_to_the_public(client: Client) -> None:
    plan = LocalPlanFactory.create(is_published=False, title="Hemmelig plan")
    page = client.get(reverse("areas:detail", args=[plan.area.slug])).content.decode()
    assert "Hemmelig plan" not in page
    assert isinstance(plan, LocalPlan)


def test_it_lets_the_secretariat_create_a_plan(client: Client, secretariat, manager) -> None:
    client.force_login(secretariat)
    response = client.post(
        reverse("areas:edit", args=["omoe"]),
        {"title": "Udviklingsplan for Omø", "contact": manager.pk, "is_published": "on"},
    )
    assert response.status_code == 302
    assert LocalPlan.objects.get(area__slug="omoe").contact == manager


def test_it_knows_the_roles() -> None:
    assert Role.RESIDENT in ROLES


def test_it_keeps_the_input_of_an_action_with_half_a_position(client: Client, secretariat) -> None:
    plan = LocalPlanFactory.create()
    client.force_login(secretariat)
    response = client.post(
        reverse("areas:action_add", args=[plan.area.slug]),
        {"title": "Fugletårn", "status": "planned", "latitude": "55.25"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fugletårn" in page and "Angiv både bredde- og længdegrad" in page
    assert not plan.actions.exists()


def test_it_adds_an_action_with_a_place_typed_with_a_decimal_comma(
    client: Client, secretariat
) -> None:
    plan = LocalPlanFactory.create()
    client.force_login(secretariat)
    page = client.get(reverse("areas:edit", args=[plan.area.slug])).content.decode()
    assert 'data-map-picker data-latitude="id_handling_latitude"' in page
    assert page.count('id="id_title"') == 1  # the plan's title; the action's has its own id
    response = client.post(
        reverse("areas:action_add", args=[plan.area.slug]),
        {"title": "Fugletårn", "status": "planned", "latitude": "55,25", "longitude": "11,5"},
    )
    assert response.status_code == 302
    action = plan.actions.get()
    assert (str(action.latitude), str(action.longitude)) == ("55.250000", "11.500000")
