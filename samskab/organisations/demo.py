"""Demo content: a local council with members. Safe to run again."""

from __future__ import annotations

from django.db import transaction

from samskab.accounts.models import User
from samskab.core.models import Area
from samskab.organisations.models import Kind, MemberRole, Membership, Organisation


@transaction.atomic
def seed_demo_organisations() -> None:
    resident = User.objects.filter(email="borger@demo.samskab.dk").first()
    young = User.objects.filter(email="ung@demo.samskab.dk").first()
    if resident is None or Organisation.objects.filter(name="Korsør Lokalråd").exists():
        return
    council = Organisation.objects.create(
        name="Korsør Lokalråd",
        kind=Kind.LOCAL_COUNCIL,
        area=Area.objects.filter(slug="korsoer").first(),
        description="Lokalrådet samler foreninger og borgere i Korsør om byens udvikling.",
        created_by=resident,
    )
    Membership.objects.create(organisation=council, user=resident, role=MemberRole.ADMIN)
    if young is not None:
        Membership.objects.create(organisation=council, user=young, role=MemberRole.MEMBER)
