"""Every read the citizen-budget pages need, without N+1 queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.permissions import has_role
from samskab.budgets.models import (
    Ballot,
    BallotChoice,
    BallotScope,
    BudgetArea,
    BudgetProcess,
    Channel,
    Implementation,
    ImplementationStatus,
    MergeRequest,
    Milestone,
    Proposal,
    ProposalStatus,
    Result,
    Tally,
    VotingMeeting,
)
from samskab.core.models import Area
from samskab.core.search import similar_to

# The turnout row for voters counted by a tally at a voting meeting (not a ballot channel).
TALLY_CHANNEL = "tally"

# Published groups of voters smaller than this are merged, so nobody can be singled out.
SMALL_COUNT = 5


def process_list(user: object) -> list[BudgetProcess]:
    processes = BudgetProcess.objects.prefetch_related("areas__area")
    if not has_role(user, "employee"):
        processes = processes.filter(is_published=True)
    return list(processes)


def process_get(slug: str) -> BudgetProcess:
    try:
        return BudgetProcess.objects.get(slug=slug)
    except BudgetProcess.DoesNotExist as error:
        raise Http404 from error


def budget_areas_of(process: BudgetProcess) -> list[BudgetArea]:
    return list(process.areas.select_related("area", "area__parent"))


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "process", "budget_area__area", "author", "vetting__department", "implementation"
    )


def proposal_get(pk: int) -> Proposal:
    try:
        return _proposals().select_related("merged_into").prefetch_related("cost_lines").get(pk=pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error


def proposal_list(process: BudgetProcess, user: object) -> list[Proposal]:
    """The proposals a user sees in the process: public ones, plus their own hidden ones."""
    proposals = _proposals().filter(process=process)
    if not has_role(user, "employee"):
        own = Q(author_id=getattr(user, "pk", None)) if getattr(user, "pk", None) else Q(pk=None)
        proposals = proposals.filter(Q(is_hidden=False) | own)
    return list(proposals.order_by("budget_area__area__name", "title"))


def proposals_in_area(area: Area, user: object) -> list[Proposal]:
    """The proposals a user sees for one local area, across processes, newest first."""
    proposals = _proposals().filter(budget_area__area=area).exclude(status=ProposalStatus.MERGED)
    if not has_role(user, "employee"):
        own = Q(author_id=getattr(user, "pk", None)) if getattr(user, "pk", None) else Q(pk=None)
        proposals = proposals.filter(Q(is_hidden=False, process__is_published=True) | own)
    return list(proposals.order_by("-id")[:20])


def ballot_proposals(budget_area: BudgetArea) -> list[Proposal]:
    """The proposals on the ballot of an area, in a stable order."""
    return list(
        Proposal.objects.filter(
            budget_area=budget_area, status=ProposalStatus.ACCEPTED, is_hidden=False
        )
        .select_related("vetting", "budget_area__area")
        .order_by("title", "pk")
    )


def ballot_proposals_to_count(budget_area: BudgetArea) -> list[Proposal]:
    """The proposals on the ballot with only what casting a ballot reads (id, title, cost):
    the lean query of the voting peak. Pages use ``ballot_proposals``."""
    return list(
        Proposal.objects.filter(
            budget_area=budget_area, status=ProposalStatus.ACCEPTED, is_hidden=False
        )
        .select_related("vetting")
        .only("pk", "title", "estimated_cost", "vetting__investment_cost")
        .order_by("title", "pk")
    )


def similar_proposals(
    process: BudgetProcess, text: str, exclude: int | None = None
) -> list[Proposal]:
    proposals = Proposal.objects.filter(process=process, is_hidden=False).exclude(
        status=ProposalStatus.MERGED
    )
    if exclude:
        proposals = proposals.exclude(pk=exclude)
    return similar_to(proposals, text, title_field="title", body_fields=("description",))


def vetting_queue(process: BudgetProcess) -> list[Proposal]:
    return list(
        _proposals()
        .filter(process=process)
        .exclude(status=ProposalStatus.MERGED)
        .order_by("status", "title")
    )


def merge_requests_for(proposal: Proposal) -> list[MergeRequest]:
    return list(
        MergeRequest.objects.filter(Q(source=proposal) | Q(target=proposal)).select_related(
            "source", "target"
        )
    )


def ballots_of(process: BudgetProcess, voter_key: str | None) -> list[Ballot]:
    """The person's ballots in ``process``: at most one municipality-wide and one local,
    the municipality-wide first."""
    if not voter_key:
        return []
    return list(
        Ballot.objects.filter(process=process, voter_key=voter_key)
        .select_related("budget_area__area")
        .prefetch_related(
            Prefetch("choices", queryset=BallotChoice.objects.select_related("proposal"))
        )
        .order_by("-scope", "pk")
    )


def stored_ballots(budget_area: BudgetArea) -> list[list[tuple[int, int]]]:
    """All ballots of an area as (proposal id, value) pairs, ordered by the random receipt
    code so that the published order says nothing about who voted when."""
    rows = (
        BallotChoice.objects.filter(ballot__budget_area=budget_area)
        .order_by("ballot__receipt_code", "value", "proposal_id")
        .values_list("ballot__receipt_code", "proposal_id", "value")
    )
    ballots: dict[str, list[tuple[int, int]]] = {}
    for code, proposal_id, value in rows:
        ballots.setdefault(code, []).append((proposal_id, value))
    return list(ballots.values())


def assisted_ballots(process: BudgetProcess) -> list[Ballot]:
    """The ballots entered at the citizen service desk, with who entered them (for the
    secretariat): when, which budget and by whom, never whose ballot or what it says."""
    return list(
        Ballot.objects.filter(process=process, channel=Channel.ASSISTED)
        .select_related("assisted_by", "budget_area__area")
        .order_by("-cast_at", "-pk")
    )


def results_of(process: BudgetProcess) -> list[Result]:
    return list(
        Result.objects.filter(budget_area__process=process).select_related("budget_area__area")
    )


def result_get(process: BudgetProcess, area_slug: str) -> Result:
    try:
        return Result.objects.select_related("budget_area__area").get(
            budget_area__process=process, budget_area__area__slug=area_slug
        )
    except Result.DoesNotExist as error:
        raise Http404 from error


@dataclass(frozen=True)
class TurnoutRow:
    """One published group of voters. ``merged``: the groups too small to publish on their
    own, counted together (with the smallest other groups when they are still fewer than
    ``SMALL_COUNT`` together), so that no count, nor a difference of counts, is about fewer
    than ``SMALL_COUNT`` people."""

    label: str
    count: int
    merged: bool = False
    name: str = ""  # what a page shows, when it is not ``label`` itself


@dataclass(frozen=True)
class Turnout:
    """What is published about who voted: the total, and per home area, age band and
    channel with small groups merged. The results page and the open-data API both show
    exactly this; the ballot files carry no voter data at all.

    Every count is of people, not ballots: a person may vote on the municipality-wide
    budget and on a local one, and is counted once, by their local ballot. ``ballots`` is
    the number of ballots (with a tally's voters, one each)."""

    total: int
    by_area: list[TurnoutRow]
    by_age: list[TurnoutRow]
    by_channel: list[TurnoutRow]
    ballots: int = 0


def counts_as_person() -> Q:
    """The ballots that stand for a person in turnout: every local ballot, every ballot
    without a person key (paper), and a municipality-wide ballot whose voter has no local
    ballot in the process. After the retention job, a person's two ballots share one
    token (``samskab.budgets.privacy``), so this still holds once the key is cut."""
    local_of_same_person = Ballot.objects.filter(
        process=OuterRef("process"), scope=BallotScope.LOCAL, voter_key=OuterRef("voter_key")
    )
    return Q(scope=BallotScope.LOCAL) | Q(voter_key="") | Q(~Exists(local_of_same_person))


def merge_small_groups(counter: Counter[str], labels: list[str]) -> list[TurnoutRow]:
    """Groups in ``labels`` order; every group below ``SMALL_COUNT`` goes into one merged
    row, which takes the smallest other groups until it reaches ``SMALL_COUNT`` (or holds
    everyone). Groups nobody is in are left out."""
    present = [label for label in labels if counter[label] > 0]
    shown = [label for label in present if counter[label] >= SMALL_COUNT]
    merged = [label for label in present if counter[label] < SMALL_COUNT]
    merged_count = sum(counter[label] for label in merged)
    while merged and merged_count < SMALL_COUNT and shown:
        smallest = min(shown, key=lambda label: (counter[label], label))
        shown.remove(smallest)
        merged.append(smallest)
        merged_count += counter[smallest]
    rows = [TurnoutRow(label=label, count=counter[label]) for label in shown]
    if merged:
        rows.append(TurnoutRow(label="", count=merged_count, merged=True))
    return rows


def turnout(process: BudgetProcess) -> Turnout:
    """The voters in all, and per home area, age band and channel (small groups merged):
    people, each counted once (``counts_as_person``), and the number of ballots."""
    from samskab.budgets.ballots import AGE_BANDS

    rows = (
        Ballot.objects.filter(process=process)
        .values("voter_area__name", "age_band", "channel")
        .annotate(n=Count("id", filter=counts_as_person()), ballots=Count("id"))
    )
    by_area: Counter[str] = Counter()
    by_age: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    ballots = 0
    for row in rows:
        ballots += row["ballots"]
        if not row["n"]:
            continue
        by_area[row["voter_area__name"] or "-"] += row["n"]
        # Paper ballots have no age: the staff at the meeting checked the minimum age.
        by_age[row["age_band"] or "-"] += row["n"]
        by_channel[row["channel"]] += row["n"]
    # A tally meeting's voters have no ballots: they count by the number present, in the
    # meeting's area, with no age (the staff at the meeting checked it).
    tallies = Tally.objects.filter(voting_meeting__process=process).values(
        "voting_meeting__budget_area__area__name",
        "voting_meeting__budget_area__area__kind",
        "voters_present",
    )
    for tally in tallies:
        local = tally["voting_meeting__budget_area__area__kind"] != Area.Kind.MUNICIPALITY
        by_area[tally["voting_meeting__budget_area__area__name"] if local else "-"] += tally[
            "voters_present"
        ]
        by_age["-"] += tally["voters_present"]
        by_channel[TALLY_CHANNEL] += tally["voters_present"]
        ballots += tally["voters_present"]
    total = sum(by_age.values())
    channel_labels = {**dict(Channel.choices), TALLY_CHANNEL: _("Tally at a voting meeting")}
    return Turnout(
        total=total,
        by_area=merge_small_groups(by_area, sorted(by_area)),
        by_age=merge_small_groups(by_age, [label for label, _low, _high in AGE_BANDS] + ["-"]),
        by_channel=[
            TurnoutRow(
                label=row.label,
                count=row.count,
                merged=row.merged,
                name=str(channel_labels.get(row.label, "")),
            )
            for row in merge_small_groups(by_channel, [*Channel.values, TALLY_CHANNEL])
        ],
        ballots=ballots,
    )


def implementations_of(process: BudgetProcess) -> list[Implementation]:
    return list(
        Implementation.objects.filter(proposal__process=process)
        .select_related("proposal__budget_area__area", "contact")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            done_count=Count(
                "milestones", filter=Q(milestones__done_on__isnull=False), distinct=True
            ),
        )
        .order_by("proposal__title")
    )


@dataclass(frozen=True)
class Progress:
    projects: int
    done: int
    under_way: int
    cancelled: int
    granted: int
    spent: int

    @property
    def percent_done(self) -> int:
        active = self.projects - self.cancelled
        return round(100 * self.done / active) if active else 0


def progress_of(implementations: list[Implementation]) -> Progress:
    return Progress(
        projects=len(implementations),
        done=sum(i.status == ImplementationStatus.DONE for i in implementations),
        under_way=sum(i.status == ImplementationStatus.UNDER_WAY for i in implementations),
        cancelled=sum(i.status == ImplementationStatus.CANCELLED for i in implementations),
        granted=sum(i.amount_granted for i in implementations),
        spent=sum(i.amount_spent for i in implementations),
    )


def implementation_get(proposal: Proposal) -> Implementation:
    try:
        return (
            Implementation.objects.select_related("contact", "proposal")
            .prefetch_related("milestones", "updates__author")
            .get(proposal=proposal)
        )
    except Implementation.DoesNotExist as error:
        raise Http404 from error


# For the secretariat's overview and open data -------------------------------------------


def _subquery_number(queryset: QuerySet[Any], value: Any) -> Coalesce:
    """One number per process from a correlated subquery (no joins that multiply rows)."""
    rows = queryset.order_by().values("process_key").annotate(n=value).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def participation_by_process(
    *, start: datetime.date, end: datetime.date, area: Any = None
) -> QuerySet[BudgetProcess]:
    """Processes that had started by ``end``, each annotated with its ballots (all, and cast
    between ``start`` and ``end``), the voters counted at its tally meetings (not ballots:
    hands or balls in baskets; all, and at meetings between ``start`` and ``end``), winning
    projects per implementation status, money granted and spent, and milestones reached.
    One query."""
    processes = BudgetProcess.objects.filter(information_starts__lte=end)
    ballots = Ballot.objects.annotate(process_key=F("process_id"))
    implementations = Implementation.objects.annotate(process_key=F("proposal__process_id"))
    milestones = Milestone.objects.annotate(process_key=F("implementation__proposal__process_id"))
    tallies = Tally.objects.annotate(process_key=F("voting_meeting__process_id"))
    if area is not None:
        tallies = tallies.filter(voting_meeting__budget_area__area=area)
        processes = processes.filter(areas__area=area)
        ballots = ballots.filter(budget_area__area=area)
        implementations = implementations.filter(proposal__budget_area__area=area)
        milestones = milestones.filter(implementation__proposal__budget_area__area=area)
    own = {"process_key": OuterRef("pk")}
    since, until = (
        timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        for day in (start, end + datetime.timedelta(1))
    )
    return processes.annotate(
        ballots_total=_subquery_number(ballots.filter(**own), Count("pk")),
        ballots_in_period=_subquery_number(
            ballots.filter(**own, cast_at__gte=since, cast_at__lt=until), Count("pk")
        ),
        tally_voters_total=_subquery_number(tallies.filter(**own), Sum("voters_present")),
        tally_voters_in_period=_subquery_number(
            tallies.filter(
                **own,
                voting_meeting__meeting__starts_at__gte=since,
                voting_meeting__meeting__starts_at__lt=until,
            ),
            Sum("voters_present"),
        ),
        winners=_subquery_number(implementations.filter(**own), Count("pk")),
        **{
            f"implementations_{status}": _subquery_number(
                implementations.filter(**own, status=status), Count("pk")
            )
            for status in ImplementationStatus.values
        },
        granted=_subquery_number(implementations.filter(**own), Sum("amount_granted")),
        spent=_subquery_number(implementations.filter(**own), Sum("amount_spent")),
        milestones_total=_subquery_number(milestones.filter(**own), Count("pk")),
        milestones_done=_subquery_number(
            milestones.filter(**own, done_on__isnull=False), Count("pk")
        ),
    ).order_by("-voting_start", "title")


def published_processes() -> QuerySet[BudgetProcess]:
    """Processes everyone may see, with their areas, for open data."""
    return (
        BudgetProcess.objects.filter(is_published=True)
        .prefetch_related(Prefetch("areas", queryset=BudgetArea.objects.select_related("area")))
        .order_by("-voting_start", "title")
    )


def published_results(process: BudgetProcess) -> list[tuple[Result, list[Proposal]]]:
    """Each area's published result with the proposals that were on its ballot."""
    stored = results_of(process)
    ids = {int(key) for result in stored for key in result.outcome.get("scores", {})}
    proposals = Proposal.objects.filter(pk__in=ids).select_related("vetting").order_by("title")
    by_area: dict[int, list[Proposal]] = {}
    for proposal in proposals:
        by_area.setdefault(proposal.budget_area_id, []).append(proposal)
    return [(result, by_area.get(result.budget_area_id, [])) for result in stored]


def implementations_with_milestones(process: BudgetProcess) -> list[Implementation]:
    """The winning projects of a process with their milestones, for open data."""
    return list(
        Implementation.objects.filter(proposal__process=process)
        .select_related("proposal__budget_area__area")
        .prefetch_related("milestones")
        .order_by("proposal__title", "pk")
    )


def proposals_by_author(user: object) -> list[Proposal]:
    """The proposals ``user`` wrote, newest first, for "My overview"."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        _proposals().filter(author_id=getattr(user, "pk", None)).order_by("-created_at", "-pk")
    )


def processes_voted_in(user: object) -> list[BudgetProcess]:
    """The processes in which ``user`` has a ballot: that they voted, never how."""
    key = getattr(user, "person_key", None)
    if not key:
        return []
    # Each process gets ``voted_budgets``: the names of the budgets the person voted on (the
    # municipality-wide one and one local one at most), the municipality-wide first.
    budgets: dict[int, list[str]] = {}
    for process_id, name in (
        Ballot.objects.filter(voter_key=key)
        .order_by("-scope", "budget_area__area__name")
        .values_list("process_id", "budget_area__area__name")
    ):
        budgets.setdefault(process_id, []).append(name)
    processes = list(
        BudgetProcess.objects.filter(pk__in=budgets).order_by("-voting_start", "title")
    )
    for process in processes:
        process.voted_budgets = budgets[process.pk]  # type: ignore[attr-defined]
    return processes


def votes_holding_reference_data() -> list[BudgetProcess]:
    """Processes whose vote has opened and whose results are not yet published: until then
    the areas and the address-to-area table decide who may vote on what, so they stay put
    (``samskab.core.locks``)."""
    unpublished = BudgetProcess.objects.filter(results_published_at__isnull=True)
    return [process for process in unpublished.order_by("title") if process.rules_frozen]


def reference_data_lock_reason() -> str | None:
    """Why the areas and the address table cannot change now, naming the vote(s)."""
    holding = votes_holding_reference_data()
    if not holding:
        return None
    return _(
        "A vote has opened and its results are not published yet (%(titles)s). Until they "
        "are, the areas' kind, which area each is part of and the address-to-area table "
        "cannot change, because they decide who may vote on which budget."
    ) % {"titles": ", ".join(f"«{process.title}»" for process in holding)}


def open_votes() -> list[BudgetProcess]:
    """Published processes whose voting is open today, for the home page."""
    today = timezone.localdate()
    candidates = BudgetProcess.objects.filter(is_published=True).filter(
        Q(voting_start__lte=today, results_start__gt=today) | Q(phase_override="voting")
    )
    return [process for process in candidates.order_by("results_start") if process.is_voting_open]


def visible_proposals(user: object) -> QuerySet[Proposal]:
    """Every proposal ``user`` may see (``view_proposal`` and ``view_process``): for staff
    all, for others the public ones of published processes, plus their own."""
    proposals = _proposals().exclude(status=ProposalStatus.MERGED)
    if has_role(user, "employee"):
        return proposals
    own = Q(author_id=getattr(user, "pk", None)) if getattr(user, "pk", None) else Q(pk=None)
    return proposals.filter(process__is_published=True).filter(Q(is_hidden=False) | own)


def voting_meetings_of(process: BudgetProcess) -> list[VotingMeeting]:
    return list(
        VotingMeeting.objects.filter(process=process).select_related("meeting", "budget_area__area")
    )


def proposals_supporting(goal_ids: list[int], user: object) -> list[Proposal]:
    """The proposals a user sees that support one of the local plan goals ``goal_ids``."""
    proposals = _proposals().filter(plan_goal_id__in=goal_ids).exclude(status=ProposalStatus.MERGED)
    if not has_role(user, "employee"):
        own = Q(author_id=getattr(user, "pk", None)) if getattr(user, "pk", None) else Q(pk=None)
        proposals = proposals.filter(Q(is_hidden=False, process__is_published=True) | own)
    return list(proposals.order_by("-id"))
