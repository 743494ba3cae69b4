"""Greedy selection by score, in the variants cities use.

Definitions follow Pabulib's rule names (Faliszewski et al., "Participatory Budgeting: Data,
Tools and Analysis", IJCAI 2023, section 3; https://pabulib.org/format):

* ``greedy``: go through the projects from the highest score down and fund each one that
  still fits in the remaining budget (a project that does not fit is skipped).
* ``greedy-no-skip``: the same, but stop at the first project that does not fit.
* ``greedy-threshold``: ``greedy`` restricted to projects whose score reaches META
  ``min_project_score_threshold`` (e.g. Łódź: at least 100 votes city-wide).
* ``greedy-exclusive``: ``greedy`` that funds at most one project of each exclusion group
  (Warsaw; the groups are read from META ``exclusion_groups``, see
  :mod:`samskab.pb.exclusion`): a project whose group already has a funded project is
  passed over.

The score is computed from the VOTES section: approvals for approval and choose-1 ballots,
total points for cumulative and scoring ballots, and a positional score for ordinal ballots
(:func:`samskab.pb.tally.entry_values`). For approval ballots ``greedy`` is pabutools'
``greedy_utilitarian_welfare`` with ``Cost_Sat``. All budget arithmetic is on integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from samskab.pb import outcome as o
from samskab.pb.exclusion import conflicts, exclusion_groups
from samskab.pb.model import Election, scaled_money
from samskab.pb.pabulib import parse_decimal
from samskab.pb.tally import project_scores
from samskab.pb.tiebreak import TieBreaking, parse_tie_breaking, tie_ranks


def score_threshold(election: Election) -> Fraction | None:
    """META ``min_project_score_threshold`` as an exact number, if the file has one."""
    text = election.meta.get("min_project_score_threshold", "").strip()
    if not text:
        return None
    return Fraction(parse_decimal(text))


def money(amount: int, scale: int) -> Decimal:
    """An integer number of ``1 / scale`` units back as a decimal amount."""
    places = len(str(scale)) - 1
    return Decimal(amount).scaleb(-places) if places else Decimal(amount)


def greedy_order(election: Election, scores: list[Fraction], ties: TieBreaking) -> list[int]:
    """Project positions from the highest score down, ties broken by ``ties``."""
    ranks = tie_ranks(election, ties)
    return sorted(range(len(election.projects)), key=lambda j: (-scores[j], ranks[j]))


def run_greedy(
    election: Election,
    *,
    skip: bool = True,
    threshold: Fraction | None = None,
    tie_breaking: str | TieBreaking | None = None,
    rule: str = "greedy",
    scores: list[Fraction] | None = None,
    initial: tuple[str, ...] = (),
    supported_only: bool = False,
    exclusive: Sequence[Sequence[int]] | None = None,
) -> o.Outcome:
    """Greedy by score (see the module docstring for the variants).

    ``initial`` are projects already funded (used when greedy completes another rule); they
    keep their place and their cost is taken from the budget first. ``supported_only``
    leaves out projects with score 0 (a completion that adds welfare has no reason to buy
    them; plain greedy, as defined by Pabulib and pabutools, does). ``exclusive`` gives, per
    project position, the positions it excludes (:func:`samskab.pb.exclusion.conflicts`).
    """
    ties = parse_tie_breaking(tie_breaking)
    if scores is None:
        scores = project_scores(election)
    budget, costs, scale = scaled_money(election)
    index = election.project_index()
    remaining = budget - sum(costs[index[pid]] for pid in initial)
    selected: list[str] = list(initial)
    excluded: set[int] = set()
    if exclusive is not None:
        for pid in initial:
            excluded.update(exclusive[index[pid]])
    explanations: dict[int, o.GreedyExplanation] = {}
    stopped = False
    order = [
        j for j in greedy_order(election, scores, ties) if election.projects[j].id not in initial
    ]
    for rank, j in enumerate(order, start=1):
        project = election.projects[j]
        before = None if stopped else money(remaining, scale)
        if (threshold is not None and scores[j] < threshold) or (supported_only and not scores[j]):
            reason = o.BELOW_THRESHOLD
        elif stopped:
            reason = o.NOT_REACHED
        elif j in excluded:
            reason = o.EXCLUDED
        elif costs[j] <= remaining:
            reason = o.SELECTED
            remaining -= costs[j]
            selected.append(project.id)
            if exclusive is not None:
                excluded.update(exclusive[j])
        else:
            reason = o.DOES_NOT_FIT
            stopped = not skip
        explanations[j] = o.GreedyExplanation(
            project_id=project.id,
            name=project.name,
            cost=project.cost,
            score=scores[j],
            rank=rank,
            selected=reason == o.SELECTED,
            reason=reason,
            remaining_budget=before,
        )
    details: dict[str, object] = {"remaining_budget": money(remaining, scale)}
    if threshold is not None:
        details["threshold"] = threshold
    return o.Outcome(
        rule=rule,
        selected=tuple(selected),
        budget=election.budget,
        total_cost=money(budget - remaining, scale),
        tie_breaking=ties,
        explanations=tuple(
            explanations[j] for j in range(len(election.projects)) if j in explanations
        ),
        details=details,
    )


def greedy(election: Election, *, tie_breaking: str | TieBreaking | None = None) -> o.Outcome:
    """Fund projects by descending score, skipping any that no longer fits."""
    return run_greedy(election, tie_breaking=tie_breaking, rule="greedy")


def greedy_exclusive(
    election: Election,
    *,
    tie_breaking: str | TieBreaking | None = None,
    threshold: Fraction | None = None,
) -> o.Outcome:
    """``greedy`` funding at most one project of each exclusion group (META
    ``exclusion_groups``; without it, plain ``greedy``)."""
    outcome = run_greedy(
        election,
        threshold=threshold,
        tie_breaking=tie_breaking,
        rule="greedy-exclusive",
        exclusive=conflicts(election),
    )
    details = {**outcome.details, "exclusion_groups": [list(g) for g in exclusion_groups(election)]}
    return replace(outcome, details=details)


def greedy_no_skip(
    election: Election,
    *,
    tie_breaking: str | TieBreaking | None = None,
    threshold: Fraction | None = None,
) -> o.Outcome:
    """Fund projects by descending score and stop at the first that does not fit.

    ``threshold`` optionally excludes projects below a minimum score first (Gdynia's
    files use ``greedy-no-skip`` together with a 50-vote minimum).
    """
    return run_greedy(
        election, skip=False, threshold=threshold, tie_breaking=tie_breaking, rule="greedy-no-skip"
    )


def greedy_threshold(
    election: Election,
    *,
    threshold: Fraction | None = None,
    tie_breaking: str | TieBreaking | None = None,
) -> o.Outcome:
    """``greedy`` over the projects whose score reaches ``threshold`` (default: from META)."""
    if threshold is None:
        threshold = score_threshold(election)
        if threshold is None:
            raise ValueError(
                "greedy-threshold needs META min_project_score_threshold or a threshold"
            )
    return run_greedy(
        election, threshold=threshold, tie_breaking=tie_breaking, rule="greedy-threshold"
    )
