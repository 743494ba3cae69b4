"""The rules of a ballot and of who may cast one: pure checks, no writes.

``ballot_problems`` returns every rule a ballot breaks, as Danish-first messages, so the
ballot page can show them all at once with the voter's choices kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.accounts.identity import (
    InvalidCPR,
    age_on,
    cpr_birth_date,
    person_key_from_cpr,
)
from samskab.budgets.models import (
    BallotType,
    BudgetArea,
    BudgetProcess,
    Proposal,
    ProposerResidency,
    Residency,
)
from samskab.core.formatting import format_kroner
from samskab.core.models import Area

# (label, lowest age, highest age) for turnout statistics.
AGE_BANDS: list[tuple[str, int, int | None]] = [
    ("0-17", 0, 17),
    ("18-29", 18, 29),
    ("30-49", 30, 49),
    ("50-64", 50, 64),
    ("65+", 65, None),
]


def age_band(age: int) -> str:
    for label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return AGE_BANDS[0][0]


@dataclass(frozen=True)
class Voter:
    """What the ballot box needs to know about a person; never the CPR number."""

    key: str | None
    birth_date: datetime.date | None
    lives_in_municipality: bool
    area: Area | None


def voter_from_user(user: object) -> Voter:
    return Voter(
        key=getattr(user, "person_key", None) or None,
        birth_date=getattr(user, "birth_date", None),
        lives_in_municipality=bool(getattr(user, "is_municipal_resident", False)),
        area=getattr(user, "area", None),
    )


def voter_from_cpr(cpr: str, *, lives_in_municipality: bool, area: Area | None) -> Voter:
    """A voter at the service desk. The CPR number is used here and then forgotten."""
    try:
        return Voter(
            key=person_key_from_cpr(cpr),
            birth_date=cpr_birth_date(cpr),
            lives_in_municipality=lives_in_municipality,
            area=area,
        )
    except InvalidCPR as error:
        raise ValueError(_("Enter a valid CPR number (10 digits: DDMMYY-XXXX).")) from error


def _covers(budget_area: BudgetArea, area: Area | None) -> bool:
    if budget_area.area.kind == Area.Kind.MUNICIPALITY:
        return True
    return area is not None and budget_area.area_id in (area.pk, area.parent_id)


def eligible_budget_areas(
    process: BudgetProcess, voter: Voter, budget_areas: Sequence[BudgetArea]
) -> list[BudgetArea]:
    """The areas whose budget the voter may vote on."""
    if process.residency == Residency.AREA:
        return [ba for ba in budget_areas if _covers(ba, voter.area)]
    return list(budget_areas)


def eligibility_problems(
    process: BudgetProcess,
    voter: Voter,
    budget_areas: Sequence[BudgetArea],
    today: datetime.date,
) -> list[str]:
    """Why ``voter`` may not vote in ``process`` (empty when they may)."""
    if not voter.key or voter.birth_date is None:
        return [
            _(
                "We need to know who you are before you can vote. Log in with MitID, or vote "
                "at the citizen service desk."
            )
        ]
    problems = []
    if age_on(voter.birth_date, today) < process.min_age:
        problems.append(
            _("You must be at least %(age)d years old to vote in this citizen budget.")
            % {"age": process.min_age}
        )
    if not voter.lives_in_municipality:
        problems.append(_("Only people who live in the municipality can vote."))
    elif not eligible_budget_areas(process, voter, budget_areas):
        if voter.area is None:
            problems.append(unknown_area_message())
        else:
            names = ", ".join(str(ba.area) for ba in budget_areas)
            problems.append(
                _("Only people who live in these areas can vote: %(areas)s.") % {"areas": names}
            )
    return problems


def unknown_area_message() -> str:
    return _(
        "We could not find the local area of your address in the municipality's address "
        "table. Contact the citizen service desk, who can check your address."
    )


def proposer_problems(
    process: BudgetProcess,
    proposer: Voter,
    budget_areas: Sequence[BudgetArea],
    today: datetime.date,
) -> list[str]:
    """Why ``proposer`` may not propose a project for any of ``budget_areas`` in
    ``process``: the process's minimum age and residency for proposers, checked like a
    voter's. Empty when they may."""
    if process.proposer_min_age == 0 and process.proposer_residency == ProposerResidency.ANYONE:
        return []
    if not proposer.key or proposer.birth_date is None:
        return [
            _(
                "In this citizen budget we need to know your age and where you live before "
                "you can make a proposal. Log in with MitID."
            )
        ]
    problems = []
    if age_on(proposer.birth_date, today) < process.proposer_min_age:
        problems.append(
            _("You must be at least %(age)d years old to make a proposal in this citizen budget.")
            % {"age": process.proposer_min_age}
        )
    if process.proposer_residency == ProposerResidency.ANYONE:
        return problems
    if not proposer.lives_in_municipality:
        problems.append(_("Only people who live in the municipality can make a proposal."))
    elif process.proposer_residency == ProposerResidency.AREA and not any(
        _covers(ba, proposer.area) for ba in budget_areas
    ):
        if proposer.area is None:
            problems.append(unknown_area_message())
        else:
            names = ", ".join(str(ba.area) for ba in budget_areas)
            problems.append(
                _("Only people who live in these areas can make a proposal for them: %(areas)s.")
                % {"areas": names}
            )
    return problems


@dataclass
class BallotInput:
    """The choices as the voter made them: proposal id -> value (1, points or rank)."""

    choices: dict[int, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def parse_ballot(
    process: BudgetProcess, data: QueryDict, proposals: Sequence[Proposal]
) -> BallotInput:
    """Read the ballot form. Unparseable numbers become problems, not exceptions."""
    result = BallotInput()
    if process.ballot_type in (BallotType.BASKET, BallotType.APPROVAL):
        known = {str(p.pk): p.pk for p in proposals}
        for value in data.getlist("project"):
            if value in known:
                result.choices[known[value]] = 1
            else:
                result.problems.append(_("One of the chosen projects is not on this ballot."))
        return result
    prefix = "points" if process.ballot_type == BallotType.CUMULATIVE else "rank"
    bad_number = False
    for proposal in proposals:
        text = (data.get(f"{prefix}-{proposal.pk}") or "").strip()
        if not text:
            continue
        try:
            number = int(text)
        except ValueError:
            bad_number = True
            continue
        if number < 0:
            bad_number = True
        elif number > 0:
            result.choices[proposal.pk] = number
    if bad_number:
        result.problems.append(
            _("Points must be whole numbers of 0 or more.")
            if prefix == "points"
            else _("Choose a rank from the list for each project you want to rank.")
        )
    return result


@dataclass(frozen=True)
class BallotSummary:
    """What the voter has chosen so far, for the live summary next to the ballot."""

    count: int
    cost: int
    budget: int
    points: int

    @property
    def remaining_budget(self) -> int:
        return self.budget - self.cost

    @property
    def over_budget(self) -> int:
        return max(self.cost - self.budget, 0)


def summarise(
    choices: Mapping[int, int], proposals: Sequence[Proposal], budget: int
) -> BallotSummary:
    by_id = {p.pk: p for p in proposals}
    chosen = [by_id[pk] for pk in choices if pk in by_id]
    return BallotSummary(
        count=len(chosen),
        cost=sum(p.ballot_cost for p in chosen),
        budget=budget,
        points=sum(v for pk, v in choices.items() if pk in by_id),
    )


def ballot_problems(
    process: BudgetProcess,
    budget_area: BudgetArea,
    choices: Mapping[int, int],
    proposals: Sequence[Proposal],
) -> list[str]:
    """Every rule of the process's ballot type that ``choices`` breaks."""
    by_id = {p.pk: p for p in proposals}
    if any(pk not in by_id for pk in choices):
        return [_("One of the chosen projects is not on this ballot.")]
    summary = summarise(choices, proposals, budget_area.budget)
    kind = process.ballot_type
    problems: list[str] = []
    if kind == BallotType.BASKET:
        if summary.count == 0:
            problems.append(_("Choose at least one project."))
        if summary.cost > budget_area.budget:
            problems.append(
                _(
                    "The projects you chose cost %(cost)s together, which is more than the "
                    "budget of %(budget)s. Remove a project, or choose cheaper ones."
                )
                % {"cost": format_kroner(summary.cost), "budget": format_kroner(budget_area.budget)}
            )
    elif kind == BallotType.APPROVAL:
        if summary.count < process.min_projects:
            problems.append(
                ngettext(
                    "Choose at least %(count)d project.",
                    "Choose at least %(count)d projects.",
                    process.min_projects,
                )
                % {"count": process.min_projects}
            )
        if summary.count > process.max_projects:
            problems.append(
                ngettext(
                    "Choose at most %(count)d project.",
                    "Choose at most %(count)d projects.",
                    process.max_projects,
                )
                % {"count": process.max_projects}
            )
    elif kind == BallotType.CUMULATIVE:
        if summary.points == 0:
            problems.append(_("Give at least one point to a project."))
        if summary.points > process.points_total:
            problems.append(
                _("You gave %(used)d points, but you have %(total)d points to give.")
                % {"used": summary.points, "total": process.points_total}
            )
    elif kind == BallotType.RANKING:
        ranks = sorted(choices.values())
        if not ranks:
            problems.append(_("Rank at least one project."))
        elif len(set(ranks)) != len(ranks):
            problems.append(_("Each rank can only be given to one project."))
        elif ranks != list(range(1, len(ranks) + 1)):
            problems.append(_("Use the ranks in order without gaps: 1, 2, 3 and so on."))
        if len(ranks) > process.rank_count or any(r > process.rank_count for r in ranks):
            problems.append(
                _("You can rank at most %(count)d projects.") % {"count": process.rank_count}
            )
    return problems
