"""Organisations: creation, invitations (signed link and on the site), leaving with history,
and a permission test for every view and role."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.organisations import selectors, services
from samskab.organisations.models import Invitation, Kind, MemberRole, Membership, Organisation
from samskab.organisations.privacy import organisations_erase, organisations_export

from .factories import OrganisationFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation() -> Organisation:
    return OrganisationFactory.create()


@pytest.fixture
def admin(organisation: Organisation) -> User:
    return add_member(organisation, admin=True)


@pytest.fixture
def member(organisation: Organisation) -> User:
    return add_member(organisation)


# --- services -----------------------------------------------------------------------------


def test_it_makes_the_creator_the_first_administrator(resident: User) -> None:
    organisation = services.organisation_create(
        actor=resident,
        data=services.OrganisationData(name="Boeslunde Landsbyråd", kind=Kind.LOCAL_COUNCIL),
    )
    assert selectors.is_admin(organisation=organisation, user=resident)


def test_it_refuses_an_unknown_kind(resident: User) -> None:
    with pytest.raises(ValidationError):
        services.organisation_create(
            actor=resident, data=services.OrganisationData(name="X", kind="party")
        )
    assert not Organisation.objects.exists()


def test_it_invites_by_e_mail_with_a_signed_link_that_makes_a_member(
    organisation: Organisation, admin: User, client: Client, django_capture_on_commit_callbacks
) -> None:
    invitee = UserFactory.create(email="ny@example.dk")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(organisation=organisation, actor=admin, email="Ny@Example.dk")
    assert len(mail.outbox) == 1
    match = re.search(r"/organisationer/invitation/([^/\s]+)/", str(mail.outbox[0].body))
    assert match
    client.force_login(invitee)
    url = reverse("organisations:invitation", args=[match.group(1)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 302
    assert selectors.is_member(organisation=organisation, user=invitee)
    # The link works once.
    assert client.get(url).status_code == 404


def test_it_refuses_a_forged_link(client: Client, resident: User) -> None:
    client.force_login(resident)
    response = client.get(reverse("organisations:invitation", args=["1:forged:sig"]))
    assert response.status_code == 404


def test_it_lets_the_invitee_answer_on_the_site(
    organisation: Organisation, admin: User, client: Client
) -> None:
    invitee = UserFactory.create(email="borger@example.dk")
    invitation = services.invitation_create(
        organisation=organisation, actor=admin, email=invitee.email, role=MemberRole.ADMIN
    )
    client.force_login(invitee)
    assert organisation.name in client.get(reverse("organisations:index")).content.decode()
    client.post(reverse("organisations:answer", args=[invitation.pk]), {"answer": "accept"})
    assert selectors.is_admin(organisation=organisation, user=invitee)


def test_it_does_not_let_others_answer_an_invitation_on_the_site(
    organisation: Organisation, admin: User, client: Client, resident: User
) -> None:
    invitation = services.invitation_create(
        organisation=organisation, actor=admin, email="someone@example.dk"
    )
    client.force_login(resident)
    response = client.post(
        reverse("organisations:answer", args=[invitation.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    assert not selectors.is_member(organisation=organisation, user=resident)


def test_it_refuses_to_invite_a_member_or_twice(
    organisation: Organisation, admin: User, member: User
) -> None:
    with pytest.raises(ValidationError):
        services.invitation_create(organisation=organisation, actor=admin, email=member.email)
    services.invitation_create(organisation=organisation, actor=admin, email="a@example.dk")
    with pytest.raises(ValidationError):
        services.invitation_create(organisation=organisation, actor=admin, email="A@example.dk")


def test_it_shows_a_form_error_and_keeps_the_input_for_a_repeated_invitation(
    organisation: Organisation, admin: User, member: User, client: Client
) -> None:
    client.force_login(admin)
    response = client.post(
        reverse("organisations:invite", args=[organisation.pk]),
        {"email": member.email, "role": "member"},
    )
    assert response.status_code == 200
    assert "already a member" in response.content.decode() or "allerede medlem" in (
        response.content.decode()
    )
    assert member.email in response.content.decode()


def test_it_keeps_the_history_when_a_member_leaves(
    organisation: Organisation, admin: User, member: User, client: Client
) -> None:
    client.force_login(member)
    client.post(reverse("organisations:leave", args=[organisation.pk]))
    assert not selectors.is_member(organisation=organisation, user=member)
    row = Membership.objects.get(organisation=organisation, user=member)
    assert row.left_at is not None
    # The administrator still sees that the person was a member.
    client.force_login(admin)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert member.get_short_name() in page


def test_it_lets_a_former_member_be_invited_again(
    organisation: Organisation, admin: User, member: User
) -> None:
    services.membership_end(
        membership=Membership.objects.get(user=member, organisation=organisation), actor=member
    )
    invitation = services.invitation_create(
        organisation=organisation, actor=admin, email=member.email
    )
    services.invitation_accept(invitation=invitation, user=member)
    assert Membership.objects.filter(organisation=organisation, user=member).count() == 2


def test_it_keeps_at_least_one_administrator(
    organisation: Organisation, admin: User, member: User
) -> None:
    admin_row = Membership.objects.get(organisation=organisation, user=admin)
    with pytest.raises(ValidationError):
        services.membership_end(membership=admin_row, actor=admin)
    with pytest.raises(ValidationError):
        services.membership_role_set(membership=admin_row, actor=admin, role=MemberRole.MEMBER)
    member_row = Membership.objects.get(organisation=organisation, user=member)
    services.membership_role_set(membership=member_row, actor=admin, role=MemberRole.ADMIN)
    services.membership_end(membership=admin_row, actor=admin)
    assert selectors.is_admin(organisation=organisation, user=member)


def test_it_exports_and_erases_memberships(
    organisation: Organisation, admin: User, member: User
) -> None:
    Invitation.objects.create(organisation=organisation, email=member.email)
    exported = organisations_export(member)
    assert exported["memberships"][0]["organisation"] == organisation.name
    assert len(exported["invitations"]) == 1
    organisations_erase(member)
    assert not selectors.is_member(organisation=organisation, user=member)
    assert Membership.objects.filter(user=member).exists()  # history kept
    assert not Invitation.objects.filter(email=member.email).exists()


def test_it_erases_through_the_account_erasure(organisation: Organisation, member: User) -> None:
    from samskab.accounts.services import account_erase

    email = member.email
    Invitation.objects.create(organisation=organisation, email=email)
    account_erase(user=member)
    assert not Invitation.objects.filter(email=email).exists()
    assert not selectors.is_member(organisation=organisation, user=member)


# --- permission table ---------------------------------------------------------------------

ANONYMOUS, OUTSIDER, MEMBER, ADMIN, SECRETARIAT, EMPLOYEE = (
    "anonymous",
    "outsider",
    "member",
    "admin",
    "secretariat",
    "employee",
)


@pytest.fixture
def as_role(
    client: Client, organisation: Organisation, user_with_role: Callable[[str | None], User | None]
) -> Callable[[str], Client]:
    def login(who: str) -> Client:
        user: User | None
        if who == ANONYMOUS:
            user = None
        elif who == OUTSIDER:
            user = user_with_role(Role.RESIDENT)
        elif who == SECRETARIAT:
            user = user_with_role(Role.SECRETARIAT)
        elif who == EMPLOYEE:
            user = user_with_role(Role.EMPLOYEE)
        else:
            user = add_member(organisation, admin=who == ADMIN)
        if user is not None:
            client.force_login(user)
        return client

    return login


def _status(response: Any) -> int:
    # A redirect to the login page counts as refused for anonymous visitors.
    if response.status_code == 302 and "/konto/" in response["Location"]:
        return 401
    return int(response.status_code)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (ANONYMOUS, 200),
        (OUTSIDER, 200),
        (MEMBER, 200),
        (ADMIN, 200),
        (SECRETARIAT, 200),
    ],
)
def test_it_shows_the_list_and_page_to_everyone(
    as_role: Callable[[str], Client], organisation: Organisation, who: str, expected: int
) -> None:
    client = as_role(who)
    assert client.get(reverse("organisations:index")).status_code == expected
    assert client.get(organisation.get_absolute_url()).status_code == expected


@pytest.mark.parametrize(
    ("who", "sees"),
    [(ANONYMOUS, False), (OUTSIDER, False), (MEMBER, True), (ADMIN, True), (SECRETARIAT, True)],
)
def test_it_shows_members_only_to_members_and_the_secretariat(
    as_role: Callable[[str], Client], organisation: Organisation, who: str, sees: bool
) -> None:
    hidden = add_member(organisation, UserFactory.create(name="Hemmelig Person"))
    assert hidden
    page = as_role(who).get(organisation.get_absolute_url()).content.decode()
    assert ("Hemmelig" in page) is sees


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 200), (EMPLOYEE, 200), (MEMBER, 200), (SECRETARIAT, 200)],
)
def test_it_lets_verified_residents_and_employees_create(
    as_role: Callable[[str], Client], who: str, expected: int
) -> None:
    assert _status(as_role(who).get(reverse("organisations:create"))) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 403), (ADMIN, 200), (SECRETARIAT, 200)],
)
def test_it_lets_admins_and_the_secretariat_edit(
    as_role: Callable[[str], Client], organisation: Organisation, who: str, expected: int
) -> None:
    url = reverse("organisations:edit", args=[organisation.pk])
    assert _status(as_role(who).get(url)) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 403), (ADMIN, 200), (SECRETARIAT, 403)],
)
def test_it_lets_only_admins_invite(
    as_role: Callable[[str], Client], organisation: Organisation, who: str, expected: int
) -> None:
    url = reverse("organisations:invite", args=[organisation.pk])
    assert _status(as_role(who).get(url)) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 403), (ADMIN, 302), (SECRETARIAT, 403)],
)
def test_it_lets_only_admins_manage_members(
    as_role: Callable[[str], Client], organisation: Organisation, who: str, expected: int
) -> None:
    target = add_member(organisation)
    row = Membership.objects.get(organisation=organisation, user=target)
    invitation = Invitation.objects.create(organisation=organisation, email="x@example.dk")
    client = as_role(who)
    urls = [
        reverse("organisations:member_role", args=[organisation.pk, row.pk]),
        reverse("organisations:member_remove", args=[organisation.pk, row.pk]),
        reverse("organisations:invitation_withdraw", args=[organisation.pk, invitation.pk]),
    ]
    for url in urls:
        assert _status(client.post(url, {"role": "admin"})) == expected
    row.refresh_from_db()
    assert (row.left_at is not None) is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 302), (SECRETARIAT, 403)],
)
def test_it_lets_only_members_leave(
    as_role: Callable[[str], Client], organisation: Organisation, who: str, expected: int
) -> None:
    url = reverse("organisations:leave", args=[organisation.pk])
    assert _status(as_role(who).post(url)) == expected
