from __future__ import annotations

import factory

from samskab.accounts.models import User
from samskab.accounts.tests.factories import UserFactory
from samskab.organisations.models import Kind, MemberRole, Membership, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Landsbyrådet {n}")
    kind = Kind.LOCAL_COUNCIL


def add_member(
    organisation: Organisation, user: User | None = None, *, admin: bool = False
) -> User:
    user = user or UserFactory.create(is_verified=True)
    Membership.objects.create(
        organisation=organisation,
        user=user,
        role=MemberRole.ADMIN if admin else MemberRole.MEMBER,
    )
    return user
