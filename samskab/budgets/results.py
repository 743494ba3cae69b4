"""The only door to the PB engine (``samskab.pb``).

Turns stored ballots into the engine's election and profile, computes the outcome with the
process's rule, writes the anonymised Pabulib file, and checks that the file on its own
reproduces the winners (what ``samskab-pb check`` does for anyone who downloads it).
Explanations come back as plain data; :func:`explanation_text` says them in plain Danish.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from samskab.budgets.models import BallotType, BudgetArea, BudgetProcess, Proposal, ResultRule
from samskab.core.formatting import format_kroner
from samskab.pb import model as pb_model
from samskab.pb.exclusion import META_KEY as EXCLUSION_META_KEY
from samskab.pb.exclusion import format_groups
from samskab.pb.outcome import Outcome
from samskab.pb.pabulib import format_pabulib, parse_pabulib
from samskab.pb.rules import check, compute
from samskab.pb.tally import project_scores, supporter_counts

# Our rule -> the rule name Pabulib files carry in META (the engine maps it back).
PABULIB_RULES = {ResultRule.GREEDY: "greedy", ResultRule.MES_ADD1: "equalshares/add1"}
PABULIB_BALLOT_TYPES = {
    BallotType.BASKET: pb_model.BallotType.APPROVAL,
    BallotType.APPROVAL: pb_model.BallotType.APPROVAL,
    BallotType.CUMULATIVE: pb_model.BallotType.CUMULATIVE,
    BallotType.RANKING: pb_model.BallotType.ORDINAL,
}

# One stored ballot: (proposal id, value) pairs; value is 1, the points, or the rank.
StoredBallot = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class AreaOutcome:
    selected: list[int]
    total_cost: int
    num_ballots: int
    outcome: dict[str, Any]
    pabulib: str
    verified: bool


def exclusion_groups(proposals: Sequence[Proposal]) -> list[list[int]]:
    """The groups of mutually exclusive proposals among ``proposals`` (groups of one, whose
    partners are not on the ballot, bind nothing and are left out)."""
    groups: dict[int, list[int]] = {}
    for proposal in proposals:
        if proposal.exclusion_group is not None:
            groups.setdefault(proposal.exclusion_group, []).append(proposal.pk)
    return [sorted(pks) for _number, pks in sorted(groups.items()) if len(pks) > 1]


# With exclusion groups, greedy becomes Pabulib's ``greedy-exclusive``; every MES variant
# honours the META ``exclusion_groups`` key as it is.
EXCLUSIVE_RULES = {"greedy": "greedy-exclusive"}


def _meta(
    process: BudgetProcess, budget_area: BudgetArea, groups: Sequence[Sequence[int]] = ()
) -> dict[str, str]:
    meta = {
        "description": f"{process.title}: {budget_area.area.name}",
        "country": "Denmark",
        "unit": "Slagelse",
        "instance": process.slug,
        "subunit": budget_area.area.name,
        "language": "da",
        "date_begin": process.voting_start.strftime("%d.%m.%Y"),
        "date_end": process.results_start.strftime("%d.%m.%Y"),
        "rule": PABULIB_RULES[ResultRule(process.result_rule)],
    }
    if process.ballot_type == BallotType.BASKET:
        meta["max_sum_cost"] = str(budget_area.budget)
    elif process.ballot_type == BallotType.APPROVAL:
        meta["min_length"] = str(process.min_projects)
        meta["max_length"] = str(process.max_projects)
    elif process.ballot_type == BallotType.CUMULATIVE:
        meta["max_sum_points"] = str(process.points_total)
    else:
        meta["max_length"] = str(process.rank_count)
    if groups:
        meta["rule"] = EXCLUSIVE_RULES.get(meta["rule"], meta["rule"])
        meta[EXCLUSION_META_KEY] = format_groups([[str(pk) for pk in g] for g in groups])
    return meta


def _ballot_for_engine(kind: str, ballot: StoredBallot) -> list[str] | dict[str, int]:
    if kind == BallotType.CUMULATIVE:
        return {str(pk): value for pk, value in ballot}
    if kind == BallotType.RANKING:
        return [str(pk) for pk, _rank in sorted(ballot, key=lambda item: item[1])]
    return [str(pk) for pk, _value in ballot]


def build_election(
    process: BudgetProcess,
    budget_area: BudgetArea,
    proposals: Sequence[Proposal],
    ballots: Sequence[StoredBallot],
    fields: Mapping[int, Mapping[str, str]] | None = None,
) -> pb_model.Election:
    """The engine's election for one area. Voter ids are 1..n in the order given."""
    projects = [
        pb_model.Project(
            id=str(p.pk),
            cost=Decimal(p.ballot_cost),
            fields={"name": p.title, "category": p.category, **(fields or {}).get(p.pk, {})},
        )
        for p in proposals
    ]
    return pb_model.build_election(
        budget=budget_area.budget,
        projects=projects,
        ballots=[_ballot_for_engine(process.ballot_type, b) for b in ballots],
        ballot_type=PABULIB_BALLOT_TYPES[BallotType(process.ballot_type)],
        meta=_meta(process, budget_area, exclusion_groups(proposals)),
    )


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def compute_area(
    process: BudgetProcess,
    budget_area: BudgetArea,
    proposals: Sequence[Proposal],
    ballots: Sequence[StoredBallot],
) -> AreaOutcome:
    """Compute the winners of one area and the Pabulib file that reproduces them."""
    election = build_election(process, budget_area, proposals, ballots)
    outcome: Outcome = compute(election, "official")
    scores = project_scores(election)
    supporters = supporter_counts(election).tolist()
    selected = set(outcome.selected)
    fields = {
        p.pk: {
            "votes": str(supporters[i]),
            "score": _number(scores[i]),
            "selected": "1" if str(p.pk) in selected else "0",
        }
        for i, p in enumerate(proposals)
    }
    published = build_election(process, budget_area, proposals, ballots, fields)
    text = format_pabulib(published)
    # The file must stand on its own: read it back and let the engine check it.
    verified = check(parse_pabulib(text), "official").ok
    data = outcome.to_dict()
    data["scores"] = {str(p.pk): _number(scores[i]) for i, p in enumerate(proposals)}
    data["supporters"] = {str(p.pk): supporters[i] for i, p in enumerate(proposals)}
    _name_excluding_projects(data, proposals, selected)
    return AreaOutcome(
        selected=[int(pk) for pk in outcome.selected],
        total_cost=int(Decimal(outcome.total_cost)),
        num_ballots=len(ballots),
        outcome=data,
        pabulib=text,
        verified=verified,
    )


def _name_excluding_projects(
    data: dict[str, Any], proposals: Sequence[Proposal], selected: set[str]
) -> None:
    """Give each project left out because of its exclusion group the chosen project of that
    group (``excluded_by``), so the results page can name it."""
    titles = {str(p.pk): p.title for p in proposals}
    chosen_in: dict[str, str] = {}
    for group in exclusion_groups(proposals):
        winners = [str(pk) for pk in group if str(pk) in selected]
        for pk in group:
            if winners and str(pk) not in winners:
                chosen_in[str(pk)] = titles[winners[0]]
    for item in data.get("explanations") or []:
        if isinstance(item, dict) and item.get("reason") == "excluded":
            by = chosen_in.get(str(item.get("project_id")))
            if by:
                item["excluded_by"] = by


def _kr(value: Any) -> str:
    if value is None or value == "":
        return ""
    return format_kroner(Decimal(str(value)).quantize(Decimal(1)))


def explanation_text(explanation: Mapping[str, Any]) -> str:
    """Why a project won or lost, in plain words, from the engine's explanation."""
    reason = explanation.get("reason", "")
    cost = _kr(explanation.get("cost"))
    if reason == "selected" and "rank" in explanation:
        return _(
            "Chosen. It was number %(rank)s by votes, and when its turn came there was "
            "%(left)s left, enough for its cost of %(cost)s."
        ) % {
            "rank": explanation["rank"],
            "left": _kr(explanation.get("remaining_budget")),
            "cost": cost,
        }
    if reason == "does-not-fit":
        return _(
            "Not chosen. It was number %(rank)s by votes, but when its turn came only "
            "%(left)s was left, and it costs %(cost)s."
        ) % {
            "rank": explanation["rank"],
            "left": _kr(explanation.get("remaining_budget")),
            "cost": cost,
        }
    if reason == "selected":
        return _(
            "Chosen in round %(round)s. Its %(supporters)s supporters could pay its cost of "
            "%(cost)s together out of their equal shares of the budget."
        ) % {
            "round": explanation.get("round"),
            "supporters": explanation.get("supporters"),
            "cost": cost,
        }
    if reason == "supporters-ran-out-of-money":
        return _(
            "Not chosen. Its %(supporters)s supporters had only %(money)s left of their equal "
            "shares, less than its cost of %(cost)s."
        ) % {
            "supporters": explanation.get("supporters"),
            "money": _kr(explanation.get("supporters_budget")),
            "cost": cost,
        }
    if reason == "excluded":
        if explanation.get("excluded_by"):
            return _(
                "Not chosen. It cannot be carried out together with «%(other)s», which is in "
                "the same exclusion group and was chosen before it."
            ) % {"other": explanation["excluded_by"]}
        return _(
            "Not chosen. Another project in its exclusion group, which cannot be carried out "
            "together with it, was chosen before it."
        )
    if reason == "no-supporters":
        return _("Not chosen. Nobody voted for it.")
    if reason == "selected-in-completion":
        return _("Chosen when the money left over was shared out at the end.")
    return _("Not chosen.")
