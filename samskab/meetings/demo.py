"""Demo meetings, a network and local plans for `make run` (called by seed_demo). Idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from samskab.accounts.models import User
from samskab.core.models import Area
from samskab.experiments.selectors import experiments_for_linking
from samskab.ideas.selectors import idea_list
from samskab.meetings import services, services_plans
from samskab.meetings.models import Kind, LocalPlan, Meeting, Network
from samskab.meetings.services import MeetingData, NetworkData, PlanData
from samskab.organisations import demo as organisations_demo
from samskab.organisations.models import Organisation

NETWORK_NAME = "Netværk for grønne fællesskaber"

# (title, kind, area slug, days ahead, hour, place, online link, capacity, accessibility)
MEETINGS = [
    (
        "Workshop: Liv på havnen i Korsør",
        Kind.WORKSHOP,
        "korsoer",
        9,
        17,
        "Korsør Bibliotek, Caspar Brands Plads 5, 4220 Korsør",
        "",
        25,
        "Niveaufri adgang, teleslynge i salen og handicaptoilet. Parkering foran biblioteket.",
    ),
    (
        "Idémøde online: Bedre busforbindelser til landsbyerne",
        Kind.IDEA_MEETING,
        "slagelse",
        5,
        19,
        "",
        "https://moede.slagelse.dk/idemoede-bus",
        60,
        "Mødet foregår på video med automatiske undertekster. Du kan også ringe ind.",
    ),
    (
        "Borgermøde i Skælskør om byens udviklingsplan",
        Kind.CITIZENS_MEETING,
        "skaelskoer",
        16,
        19,
        "Skælskør Rådhus, Algade 24, 4230 Skælskør",
        "",
        80,
        "Elevator til mødesalen. Tegnsprogstolk kan bestilles senest en uge før.",
    ),
]

# area slug -> (title, summary, local council, contact line, goals, actions)
ActionRow = tuple[str, str, str, str | None, str | None]
PLANS: dict[str, tuple[str, str, str, str, list[str], list[ActionRow]]] = {
    "korsoer": (
        "Udviklingsplan for Korsør 2026–2029",
        "Korsør vil være en levende havneby, hvor **vandet, kulturen og fællesskaberne** "
        "binder byen sammen.",
        "Korsør Lokalråd",
        "kontakt@korsoer-lokalraad.dk",
        [
            "Flere mennesker på havnen hele året",
            "Bedre stier mellem bymidten og stranden",
            "Et aktivt foreningsliv for unge",
        ],
        [
            (
                "Havnebad ved Halsskov Odde",
                "in_progress",
                "Lokalrådet og Center for Kultur",
                "55.3340",
                "11.1300",
            ),
            (
                "Sti langs Korsør Nor",
                "planned",
                "Center for Miljø, Plan og Teknik",
                "55.3380",
                "11.1500",
            ),
            ("Ungdomsklub i det gamle pakhus", "done", "Center for Børn og Unge", None, None),
        ],
    ),
    "skaelskoer": (
        "Udviklingsplan for Skælskør",
        "Skælskør vil styrke byens handelsliv og naturen omkring Noret.",
        "Skælskør Borgerforening",
        "formand@skaelskoer-borger.dk",
        ["Et levende torv med flere aktiviteter", "Bedre adgang til naturen ved Noret"],
        [
            (
                "Torvedage hver lørdag om sommeren",
                "in_progress",
                "Handelsstandsforeningen",
                "55.2510",
                "11.2920",
            ),
            (
                "Fugletårn ved Skælskør Nor",
                "planned",
                "Center for Miljø, Plan og Teknik",
                "55.2580",
                "11.3060",
            ),
        ],
    ),
    "agersoe": (
        "Udviklingsplan for Agersø",
        "Agersø vil bevare en helårsø med skole, færge og arbejdspladser.",
        "Agersø Beboerforening",
        "beboerforening@agersoe.dk",
        ["Flere helårsbeboere", "Stabil færgedrift"],
        [("Fælles kontorfællesskab ved havnen", "planned", "Beboerforeningen", None, None)],
    ),
}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def seed_demo_meetings() -> None:
    employee = _user("medarbejder@demo.samskab.dk")
    secretariat = _user("sekretariat@demo.samskab.dk")
    resident = _user("borger@demo.samskab.dk")
    leader = _user("leder@demo.samskab.dk")
    if employee is None or secretariat is None:
        return

    network = Network.objects.filter(name=NETWORK_NAME).first()
    if network is None:
        network = services.network_create(
            actor=employee,
            data=NetworkData(
                name=NETWORK_NAME,
                theme="Natur, genbrug og fællesspisning i lokalsamfundene",
                description="Medarbejdere og borgere, der sammen starter grønne initiativer.",
                area=Area.objects.filter(slug="slagelse").first(),
                ideas=list(idea_list(user=employee)[:2]),
                experiments=list(experiments_for_linking()[:1]),
            ),
        )
        if resident is not None:
            services.network_join(network=network, user=resident)

    now = timezone.localtime()
    for title, kind, area_slug, days, hour, place, online, capacity, access in MEETINGS:
        if Meeting.objects.filter(title=title).exists():
            continue
        starts = (now + datetime.timedelta(days=days)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )
        meeting = services.meeting_create(
            actor=employee,
            data=MeetingData(
                title=title,
                kind=kind,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                capacity=capacity,
                description="Kom og vær med til at forme fremtidens lokalsamfund.",
                place=place,
                online_url=online,
                accessibility=access,
                area=Area.objects.filter(slug=area_slug).first(),
                network=network if kind == Kind.WORKSHOP else None,
                agenda="1. Velkomst\n2. Idéudvikling i grupper\n3. Opsamling og næste skridt",
            ),
        )
        if resident is not None:
            services.registration_create(meeting=meeting, user=resident)

    for area_slug, (title, summary, council, council_contact, goals, actions) in PLANS.items():
        area = Area.objects.filter(slug=area_slug).first()
        if area is None or LocalPlan.objects.filter(area=area).exists():
            continue
        plan = services.plan_save(
            area=area,
            actor=secretariat,
            data=PlanData(
                title=title,
                summary=summary,
                local_council=council,
                local_council_contact=council_contact,
                contact=leader,
            ),
        )
        for goal in goals:
            services.plan_goal_add(plan=plan, actor=secretariat, text=goal)
        for action_title, status, responsible, lat, lon in actions:
            services.plan_action_add(
                plan=plan,
                actor=secretariat,
                title=action_title,
                status=status,
                responsible=responsible,
                latitude=Decimal(lat) if lat else None,
                longitude=Decimal(lon) if lon else None,
            )

    _seed_council_plan(leader=leader)


def _seed_council_plan(*, leader: User | None) -> None:
    """Korsør's plan is co-owned by Korsør Lokalråd: one of its changes was published, and
    one awaits the municipal contact's approval."""
    organisations_demo.seed_demo_organisations()  # that app seeds after this one
    council = Organisation.objects.filter(name="Korsør Lokalråd").first()
    plan = LocalPlan.objects.filter(area__slug="korsoer").first()
    member = _user("borger@demo.samskab.dk")
    if council is None or plan is None or member is None or leader is None:
        return
    if plan.organisation_id is None:
        plan = services.plan_save(
            area=plan.area,
            actor=leader,
            data=PlanData(
                title=plan.title,
                summary=plan.summary,
                organisation=council,
                local_council=plan.local_council,
                local_council_contact=plan.local_council_contact,
                contact=plan.contact,
                is_published=plan.is_published,
            ),
        )
    if plan.changes.exists():
        return
    published = services_plans.plan_change_submit(
        plan=plan,
        actor=member,
        subject="goal",
        operation="add",
        data={"text": "Et grønt og trygt byrum ved Korsør Station"},
    )
    services_plans.plan_change_publish(change=published, actor=leader)
    goal = plan.goals.filter(text__startswith="Bedre stier").first()
    if goal is not None:
        services_plans.plan_change_submit(
            plan=plan,
            actor=member,
            subject="goal",
            operation="edit",
            data={"text": "Trygge stier og cykelruter mellem bymidten, stranden og Halsskov"},
            goal=goal,
        )
