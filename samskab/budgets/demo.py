"""Demo content for `make run`: a citizen budget taking proposals, and a finished
"Borgerne Bestemmer" process with voting meetings. Safe to run again."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.budgets import paper, services_results
from samskab.budgets.models import (
    Ballot,
    BallotChoice,
    BallotType,
    BudgetArea,
    BudgetProcess,
    Channel,
    CostLine,
    Decision,
    Implementation,
    ImplementationStatus,
    Proposal,
    ProposalStatus,
    ProposerResidency,
    Residency,
    ResultRule,
    Vetting,
    VoteMethod,
)
from samskab.budgets.voting import new_receipt_code
from samskab.core.models import Area, Department

SLUG = "borgerbudget-slagelse"

PROPOSALS = [
    ("Legeplads i Byparken", "play", 250_000, "Nye gynger og en klatrebane til de mindste."),
    ("Bænke langs åstien", "nature", 60_000, "Ti bænke, så ældre kan holde pause på turen."),
    ("Lys på stien til stationen", "traffic", 180_000, "Tryg vej hjem om aftenen."),
    ("Madfællesskab i medborgerhuset", "culture", 90_000, "Køkkengrej og et års fællesspisning."),
]


@transaction.atomic
def seed_demo_budgets() -> BudgetProcess:
    """A process in its proposal phase; some proposals are already on the ballot."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    process, created = BudgetProcess.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title": "Borgerbudget Slagelse 2026",
            "description": (
                "Slagelse Kommune lægger **1 mio. kr.** i hænderne på borgerne. "
                "Foreslå et projekt, og stem om, hvad pengene skal bruges til."
            ),
            "is_published": True,
            "information_starts": today - 30 * day,
            "proposals_start": today - 10 * day,
            "vetting_start": today + 20 * day,
            "voting_start": today + 40 * day,
            "results_start": today + 54 * day,
            "implementation_start": today + 60 * day,
            "max_project_cost": 400_000,
        },
    )
    if not created:
        return process
    municipality = Area.objects.get(kind=Area.Kind.MUNICIPALITY)
    budget_area = BudgetArea.objects.create(process=process, area=municipality, budget=1_000_000)
    author = User.objects.filter(email="borger@demo.samskab.dk").first()
    if author is None:
        return process
    department = Department.objects.filter(slug="miljoe-plan-og-teknik").first()
    for title, category, cost, description in PROPOSALS:
        proposal = Proposal.objects.create(
            process=process,
            budget_area=budget_area,
            author=author,
            title=title,
            description=description,
            category=category,
            estimated_cost=cost,
            carried_out_by="group",
            status=ProposalStatus.ACCEPTED,
        )
        CostLine.objects.create(proposal=proposal, description="Samlet overslag", amount=cost)
        Vetting.objects.create(
            proposal=proposal,
            department=department,
            legal_feasibility="yes",
            technical_feasibility="yes",
            investment_cost=cost,
            running_cost=cost // 20,
            decision=Decision.ACCEPTED,
            public_reason="Forslaget kan gennemføres inden for budgettet.",
            decided_at=timezone.now(),
        )
    return process


BB_SLUG = "borgerne-bestemmer-2026"

# area slug -> (budget, [(title, category, cost, description)])
BB_AREAS: dict[str, tuple[int, list[tuple[str, str, int, str]]]] = {
    "eggeslevmagle": (
        75_000,
        [
            ("Shelter ved gadekæret", "nature", 35_000, "Et shelter, hvor alle kan overnatte."),
            ("Petanquebane ved forsamlingshuset", "play", 25_000, "En bane til hele byen."),
            ("Blomstereng langs byskiltet", "nature", 15_000, "Vilde blomster til bierne."),
            ("Hjertestarter ved købmanden", "social", 20_000, "Tilgængelig døgnet rundt."),
        ],
    ),
    "bisserup": (
        50_000,
        [
            ("Badebro ved stranden", "play", 40_000, "En ny badebro til sommeren."),
            ("Bænke på havnen", "culture", 15_000, "Seks bænke med udsigt over vandet."),
            ("Naturlegeplads i skoven", "play", 30_000, "Klatretræer og balancebomme."),
        ],
    ),
    "boeslunde": (
        100_000,
        [
            ("Multibane ved skolen", "play", 80_000, "Fodbold, basket og hockey."),
            ("Lys på stien til hallen", "traffic", 45_000, "Tryg vej hjem om aftenen."),
            ("Fællesdrivhus", "culture", 30_000, "Et drivhus, hvor alle kan dyrke."),
        ],
    ),
}


# The municipality-wide budget beside the local ones: every resident may vote on it too.
BB_COMMON: tuple[int, list[tuple[str, str, int, str]]] = (
    150_000,
    [
        ("Hjertestartere i alle landsbyer", "social", 90_000, "Ti nye hjertestartere."),
        ("Læskure ved landsbyernes busstoppesteder", "traffic", 60_000, "Tørt under taget."),
        ("Landsbyernes fælles kulturdag", "culture", 40_000, "Musik, mad og marked."),
    ],
)


def _bb_proposals(
    process: BudgetProcess,
    budget_area: BudgetArea,
    author: User,
    items: list[tuple[str, str, int, str]],
) -> list[Proposal]:
    proposals = []
    for title, category, cost, description in items:
        proposal = Proposal.objects.create(
            process=process,
            budget_area=budget_area,
            author=author,
            title=title,
            description=description,
            category=category,
            estimated_cost=cost,
            carried_out_by="group",
            carried_out_by_name="Lokalrådet",
            status=ProposalStatus.ACCEPTED,
        )
        CostLine.objects.create(proposal=proposal, description="Samlet overslag", amount=cost)
        Vetting.objects.create(
            proposal=proposal,
            legal_feasibility="yes",
            technical_feasibility="yes",
            investment_cost=cost,
            decision=Decision.ACCEPTED,
            public_reason="Forslaget er afklaret i dialog med forslagsstilleren.",
            decided_at=timezone.now(),
        )
        proposals.append(proposal)
    return proposals


def _bb_online(
    process: BudgetProcess,
    budget_area: BudgetArea,
    picks: list[list[Proposal]],
    start: int,
    home: Area | None = None,
) -> None:
    """Online ballots of the people ``demo-online-<start>`` and on, living in ``home``
    (the budget's own area when not given). The same people may vote on the
    municipality-wide budget too: their ballots there have the same person key."""
    bands = ["18-29", "30-49", "50-64", "65+"]
    for n, chosen in enumerate(picks):
        ballot = Ballot.objects.create(
            process=process,
            budget_area=budget_area,
            voter_key=f"demo-online-{start + n}",
            receipt_code=new_receipt_code(),
            channel=Channel.ONLINE,
            age_band=bands[n % len(bands)],
            voter_area=home or budget_area.area,
            cast_at=timezone.now() - datetime.timedelta(days=30),
        )
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, proposal=proposal, value=1) for proposal in chosen
        )


@transaction.atomic
def seed_demo_budgets_borgerne_bestemmer() -> BudgetProcess | None:
    """A finished "Borgerne Bestemmer" process: three local areas and the municipality's
    common budget (online voters of two villages voted on both), a voting meeting with
    paper sheets (Eggeslevmagle, one sheet resolved after a mismatch, one invalid), one
    with a tally (Bisserup, balls in baskets), online ballots beside them, published
    results with turnout by channel, and winners being carried out. Needs the demo users.

    Named to run after ``seed_demo_budgets`` (seed_demo runs the seeders in name order), so
    the process taking proposals keeps the first id, which tests/security's walk uses."""
    if BudgetProcess.objects.filter(slug=BB_SLUG).exists():
        return None
    secretariat = User.objects.filter(email="sekretariat@demo.samskab.dk").first()
    second = User.objects.filter(email="admin@demo.samskab.dk").first()
    if secretariat is None or second is None:
        return None
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    process = BudgetProcess.objects.create(
        slug=BB_SLUG,
        title="Borgerne Bestemmer 2026",
        description=(
            "I Borgerne Bestemmer fordeler lokalområderne selv pengene: hvert område har sin "
            "pulje, og borgerne stemmer på et afstemningsmøde i forsamlingshuset eller online. "
            "Online kan du også stemme om kommunens fælles pulje til alle landsbyerne."
        ),
        is_published=True,
        information_starts=today - 150 * day,
        proposals_start=today - 120 * day,
        vetting_start=today - 90 * day,
        voting_start=today - 45 * day,
        results_start=today - 20 * day,
        implementation_start=today - 10 * day,
        min_age=13,
        residency=Residency.AREA,
        proposer_min_age=18,
        proposer_residency=ProposerResidency.AREA,
        ballot_type=BallotType.APPROVAL,
        min_projects=1,
        max_projects=3,
        result_rule=ResultRule.GREEDY,
        max_project_cost=100_000,
    )
    proposals: dict[str, list[Proposal]] = {}
    budget_areas: dict[str, BudgetArea] = {}
    for slug, (budget, items) in BB_AREAS.items():
        area = Area.objects.get(slug=slug)
        budget_areas[slug] = BudgetArea.objects.create(process=process, area=area, budget=budget)
        proposals[slug] = _bb_proposals(process, budget_areas[slug], secretariat, items)
    common = BudgetArea.objects.create(
        process=process, area=Area.objects.get(kind=Area.Kind.MUNICIPALITY), budget=BB_COMMON[0]
    )
    hearts, shelters, culture_day = _bb_proposals(process, common, secretariat, BB_COMMON[1])
    evening = timezone.make_aware(datetime.datetime.combine(today - 30 * day, datetime.time(19, 0)))
    sheets = paper.voting_meeting_create(
        actor=secretariat,
        process=process,
        budget_area=budget_areas["eggeslevmagle"],
        title="Afstemningsmøde i Eggeslevmagle Forsamlingshus",
        starts_at=evening,
        ends_at=evening + datetime.timedelta(hours=2),
        place="Eggeslevmagle Forsamlingshus, Bygaden 1",
        method=VoteMethod.SHEETS,
    )
    tally_meeting = paper.voting_meeting_create(
        actor=secretariat,
        process=process,
        budget_area=budget_areas["bisserup"],
        title="Afstemningsmøde i Bisserup Forsamlingshus",
        starts_at=evening + day,
        ends_at=evening + day + datetime.timedelta(hours=2),
        place="Bisserup Forsamlingshus",
        method=VoteMethod.TALLY,
    )
    shelter, petanque, flowers, defibrillator = proposals["eggeslevmagle"]
    patterns = [
        [shelter, defibrillator],
        [shelter, petanque],
        [shelter, flowers, defibrillator],
        [defibrillator],
        [shelter, defibrillator, petanque],
        [petanque, flowers],
    ]
    for number in range(1, 25):
        chosen = {p.pk: 1 for p in patterns[number % len(patterns)]}
        for clerk in (secretariat, second):
            paper.paper_sheet_enter(
                actor=clerk, voting_meeting=sheets, number=number, choices=chosen
            )
    # Sheet 25: the two entries differ; the secretariat, who entered neither, read the
    # sheet and resolved it.
    desk = _desk_clerk()
    paper.paper_sheet_enter(actor=desk, voting_meeting=sheets, number=25, choices={shelter.pk: 1})
    mismatch = paper.paper_sheet_enter(
        actor=second, voting_meeting=sheets, number=25, choices={flowers.pk: 1}
    )
    paper.paper_sheet_resolve(actor=secretariat, sheet=mismatch, choices={shelter.pk: 1})
    for clerk in (secretariat, second):
        paper.paper_sheet_enter(
            actor=clerk,
            voting_meeting=sheets,
            number=26,
            choices={},
            is_invalid=True,
            invalid_reason="Fire krydser, men højst tre er tilladt.",
        )
    # The ballot account: 27 let in at the door, 26 sheets in the box (one went home).
    paper.voters_admitted_set(actor=desk, voting_meeting=sheets, voters_admitted=27)
    bridge, benches, playground = proposals["bisserup"]
    for clerk in (secretariat, second):  # entered twice, by two people, like the sheets
        paper.tally_save(
            actor=clerk,
            voting_meeting=tally_meeting,
            voters_present=31,
            counted_by_first="Karen Holm",
            counted_by_second="Jens Mortensen",
            votes={bridge.pk: 22, benches.pk: 14, playground.pk: 17},
        )
    _bb_online(process, budget_areas["eggeslevmagle"], [[shelter], [petanque, flowers]] * 4, 0)
    _bb_online(process, budget_areas["bisserup"], [[bridge], [playground, benches]] * 3, 100)
    court, light, greenhouse = proposals["boeslunde"]
    _bb_online(
        process,
        budget_areas["boeslunde"],
        [[court], [light, greenhouse], [court, light], [greenhouse]] * 5,
        200,
    )
    # Everyone who voted online in Eggeslevmagle, and half of Boeslunde's online voters,
    # voted on the common budget too: the same people, so turnout counts them once.
    _bb_online(
        process,
        common,
        [[hearts], [shelters, culture_day], [hearts, culture_day], [shelters]] * 2,
        0,
        home=budget_areas["eggeslevmagle"].area,
    )
    _bb_online(
        process,
        common,
        [[hearts, shelters], [culture_day]] * 5,
        200,
        home=budget_areas["boeslunde"].area,
    )
    services_results.results_publish(process=process, actor=secretariat)
    for implementation in Implementation.objects.filter(proposal__process=process):
        implementation.status = ImplementationStatus.UNDER_WAY
        implementation.citizen_group = "Lokalrådet og lokaludviklingsplangruppen"
        implementation.save(update_fields=["status", "citizen_group"])
    return process


DESK_CLERK_EMAIL = "borgerservice@demo.samskab.dk"


def _desk_clerk() -> User:
    """The demo's citizen-service clerk (the "Borgerservice" group: paper sheets, assisted
    voting), with the demo password."""
    from django.contrib.auth.models import Group

    from samskab.accounts.permissions import CITIZEN_SERVICE_GROUP
    from samskab.accounts.services import user_create
    from samskab.core.management.commands.seed_demo import DEMO_PASSWORD

    clerk = User.objects.filter(email=DESK_CLERK_EMAIL).first()
    if clerk is None:
        clerk = user_create(
            email=DESK_CLERK_EMAIL,
            name="Birgitte Borgerservice",
            role=Role.EMPLOYEE,
            password=DEMO_PASSWORD,
            department=Department.objects.filter(slug="borgerservice").first(),
        )
    clerk.groups.add(Group.objects.get_or_create(name=CITIZEN_SERVICE_GROUP)[0])
    return clerk
