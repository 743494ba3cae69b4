"""Sequential Phragmén for participatory budgeting.

Definition (Phragmén 1894; for budgets: Los, Christoff and Grossi, "Proportional Budget
Allocations: Towards a Systematization", IJCAI 2022, and pabutools' ``sequential_phragmen``):
voters earn virtual money continuously and at the same rate, starting from nothing. As soon
as the supporters of some project have earned its cost between them, they buy it and spend
everything they have. Equivalently, buying project ``p`` raises every supporter's *load* to

    ``(sum of the supporters' current loads + cost(p)) / number of supporters``

and each round buys the project for which that value is smallest. The rule stops at the
first project it would buy that no longer fits in the budget. Only approval (and
choose-1) ballots are supported.

Details that follow pabutools 1.2.3: projects that cost more than the whole budget are left
out from the start; if several projects tie for the lowest load and any of them does not
fit, the rule stops (so stopping never depends on tie-breaking). Projects nobody supports
are never bought.

Exactness: loads are compared in float64 and near ties re-decided exactly. A supporter's
load is always the load of the last project it helped buy, so a sum of loads is an integer
combination of past rounds' loads, which are exact fractions.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from samskab.pb import outcome as o
from samskab.pb.greedy import money
from samskab.pb.mes import MESInstance
from samskab.pb.mes_exact import TAU
from samskab.pb.model import Election, scaled_money
from samskab.pb.tally import exact_bincount
from samskab.pb.tiebreak import TieBreaking, parse_tie_breaking


def sequential_phragmen(
    election: Election, *, tie_breaking: str | TieBreaking | None = None
) -> o.Outcome:
    """Sequential Phragmén (see the module docstring)."""
    if not election.ballot_type.is_approval_like:
        raise ValueError(f"Phragmén needs approval or choose-1 ballots, not {election.ballot_type}")
    ties = parse_tie_breaking(tie_breaking)
    # Reuse MES's grouped, project-major view of the ballots.
    inst = MESInstance(election, "ballot", ties)
    budget, costs, scale = scaled_money(election)
    num_projects = inst.num_projects
    score = inst.total_w_f  # supporters per project (weights of supporting groups)
    score_int = [int(s) for s in inst.supporters]
    weights = inst.weights_f
    load = np.zeros(inst.num_groups, dtype=np.float64)
    label = np.full(inst.num_groups, -1, dtype=np.int64)  # round of last purchase
    load_sum = np.zeros(num_projects, dtype=np.float64)  # weighted load of supporters
    exact_loads: list[Fraction] = []
    remaining = budget
    alive = np.zeros(num_projects, dtype=bool)
    for p in range(num_projects):
        alive[p] = score_int[p] > 0 and costs[p] <= budget
    cost_f = np.asarray(costs, dtype=np.float64)
    selected: list[int] = []
    round_of: dict[int, tuple[int, Fraction]] = {}
    stopped_on: list[int] = []

    def exact_new_load(p: int) -> Fraction:
        sl = inst.supporters_of(p)
        groups = inst.p_groups[sl]
        labels = label[groups]
        mask = labels >= 0
        total = Fraction(costs[p])
        if mask.any():
            coefficient = exact_bincount(labels[mask], inst.p_weights[sl][mask], len(exact_loads))
            for s in np.flatnonzero(coefficient).tolist():
                total += exact_loads[s] * int(coefficient[s])
        return total / score_int[p]

    while alive.any():
        candidates = np.flatnonzero(alive)
        new_load = (load_sum[candidates] + cost_f[candidates]) / score[candidates]
        best = float(new_load.min())
        near = candidates[new_load <= best * (1 + TAU)].tolist()
        if len(near) > 1:
            exact = {p: exact_new_load(p) for p in near}
            lowest = min(exact.values())
            tied = [p for p in near if exact[p] == lowest]
        else:
            tied = near
            lowest = exact_new_load(near[0])
        if any(costs[p] > remaining for p in tied):
            stopped_on = [p for p in tied if costs[p] > remaining]
            break
        winner = min(tied, key=lambda p: inst.tie_rank[p])
        r = len(selected)
        selected.append(winner)
        round_of[winner] = (r + 1, lowest)
        exact_loads.append(lowest)
        remaining -= costs[winner]
        alive[winner] = False
        sl = inst.supporters_of(winner)
        groups = inst.p_groups[sl]
        level = float(lowest)
        change = level - load[groups]
        load[groups] = level
        label[groups] = r
        projects, position = inst.neighbours(winner)
        load_sum += np.bincount(
            projects, weights=(change * weights[groups])[position], minlength=num_projects
        )

    explanations: list[o.PhragmenExplanation] = []
    for p, project in enumerate(election.projects):
        number, value = round_of.get(p, (None, None))
        if number is not None:
            reason = o.SELECTED
        elif score_int[p] == 0:
            reason = o.NO_SUPPORTERS
        elif costs[p] > budget:
            reason = o.DOES_NOT_FIT
        elif p in stopped_on:
            reason = o.STOPPED_HERE
        else:
            reason = o.NOT_REACHED
        explanations.append(
            o.PhragmenExplanation(
                project_id=project.id,
                name=project.name,
                cost=project.cost,
                supporters=score_int[p],
                selected=number is not None,
                reason=reason,
                round=number,
                load=None if value is None else float(value) / scale,
            )
        )
    return o.Outcome(
        rule="phragmen",
        selected=tuple(election.projects[p].id for p in selected),
        budget=election.budget,
        total_cost=money(budget - remaining, scale),
        tie_breaking=ties,
        explanations=tuple(explanations),
        details={
            "rounds": len(selected),
            "max_load": float(exact_loads[-1]) / scale if exact_loads else 0.0,
        },
    )
