"""The Method of Equal Shares on hand-made elections: outcomes, explanations, exactness."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from samskab.pb import outcome as o
from samskab.pb.mes import MESInstance, method_of_equal_shares, run_mes, water_fill
from samskab.pb.model import build_election

# Six voters like a and b, four like c and d; every project costs 10 and the budget is 20,
# so each voter starts with 2: the first group can afford one project (12), the second
# none (8).
TWO_GROUPS = build_election(
    budget=20,
    projects={"a": 10, "b": 10, "c": 10, "d": 10},
    ballots=[["a", "b"]] * 6 + [["c", "d"]] * 4,
)


def test_it_buys_what_each_group_can_pay_for() -> None:
    outcome = method_of_equal_shares(TWO_GROUPS)
    assert outcome.selected == ("a",)
    a = outcome.explanation("a")
    assert isinstance(a, o.MESExplanation)
    assert (a.round, a.payments) == (1, (o.Payment(amount=1.67, voters=6),))
    assert a.rho == pytest.approx(1 / 6)
    c = outcome.explanation("c")
    assert isinstance(c, o.MESExplanation)
    assert (c.reason, c.round, c.supporters_budget) == (o.SUPPORTERS_OUT_OF_MONEY, 1, 8.0)
    b = outcome.explanation("b")
    assert isinstance(b, o.MESExplanation)
    # after buying a, b's supporters have 2 left between them
    assert (b.reason, b.round, b.supporters_budget) == (o.SUPPORTERS_OUT_OF_MONEY, 2, 2.0)


def test_it_raises_the_budget_per_voter_with_add1() -> None:
    outcome = method_of_equal_shares(TWO_GROUPS, completion="add1")
    assert outcome.selected == ("a", "c")
    assert outcome.details["per_voter_budget"] == 3
    assert outcome.details["add1_steps"] == 1


def test_it_completes_with_utilitarian_greedy() -> None:
    election = build_election(
        budget=15,
        projects={"p0": 3, "p1": 10, "p2": 9, "nobody": 1},
        ballots=[["p2"], ["p1", "p2", "p0"], ["p1"]],
    )
    add1 = method_of_equal_shares(election, completion="add1")
    full = method_of_equal_shares(election, completion="add1-utilitarian")
    # add1 stops at p2 (one more step would overspend); greedy then adds p0, which fits.
    assert add1.selected == ("p2",)
    assert full.selected == ("p2", "p0")
    assert full.explanation("p0").reason == o.SELECTED_IN_COMPLETION
    # a completion that adds welfare never buys a project nobody voted for
    assert full.explanation("nobody").reason == o.NO_SUPPORTERS


def test_it_charges_supporters_in_proportion_to_points() -> None:
    election = build_election(
        budget=30,
        projects={"x": 12, "y": 30},
        ballots=[{"x": 3}, {"x": 1, "y": 1}, {"y": 2}],
        ballot_type="cumulative",
    )
    outcome = method_of_equal_shares(election)
    assert outcome.details["utilities"] == "ballot"
    x = outcome.explanation("x")
    assert isinstance(x, o.MESExplanation)
    # rho = 12 / 4 points = 3 per point: 9 from the 3-point voter, 3 from the other
    assert x.rho == pytest.approx(3.0)
    assert x.payments == (o.Payment(9.0, 1), o.Payment(3.0, 1))


def test_it_pays_exactly_the_cost() -> None:
    election = build_election(
        budget=100,
        projects={"a": 30, "b": 45, "c": 20, "d": 25},
        ballots=[["a", "b"], ["a"], ["a", "c"], ["b", "c", "d"], ["d"], ["b", "d"], ["a", "d"]],
    )
    outcome = method_of_equal_shares(election, completion="add1")
    for item in outcome.explanations:
        assert isinstance(item, o.MESExplanation)
        if item.reason == o.SELECTED:
            paid = sum(p.amount * p.voters for p in item.payments)
            assert paid == pytest.approx(float(item.cost), abs=0.01 * item.supporters)


def test_it_decides_near_ties_exactly() -> None:
    # rho(x) = (1e16 + 1) / 1e6 and rho(y) = 1e10 / 1 come out as the same float64 (1e16 + 1
    # is not representable). In exact arithmetic y is cheaper, and buying it leaves too little
    # for x. A float-only MES that broke the apparent tie by id would buy x instead.
    big = 10**16
    election = build_election(
        budget=big + 1,
        projects={"x": big + 1, "y": 10**10},
        ballots=[{"x": 10**6, "y": 1}],
        ballot_type="cumulative",
    )
    assert float(big + 1) / 10**6 == float(10**10)  # what float code computes
    outcome = method_of_equal_shares(election, tie_breaking="lexicographic")
    assert outcome.selected == ("y",)
    inst = MESInstance(election, "auto", ("id",))
    assert run_mes(inst, inst.base_budget()).exact_decisions > 0


def test_it_decides_who_pays_in_full_exactly() -> None:
    # Each voter holds 1/3 (not exact in float64) and a's share is exactly 1/3: the float
    # comparison "budget < share" is too close to call, so it is decided exactly, and the
    # voters are left with exactly nothing for c.
    election = build_election(budget=1, projects={"a": 1, "c": 1}, ballots=[["a", "c"]] * 3)
    inst = MESInstance(election, "auto", ("id",))
    run = run_mes(inst, inst.base_budget(), record=True)
    assert [election.projects[p].id for p in run.selected] == ["a"]
    assert run.exact_decisions > 0
    assert run.lost_budget[1] == 0.0
    outcome = method_of_equal_shares(election, completion="add1")
    assert outcome.selected == ("a",)


def test_it_water_fills_like_exact_arithmetic() -> None:
    rng = np.random.default_rng(7)
    for size in (1, 3, 40, 300):
        budgets = rng.integers(0, 50, size).astype(np.float64)
        utils = rng.integers(1, 5, size).astype(np.float64)
        weights = rng.integers(1, 4, size).astype(np.float64)
        cost = float(np.dot(weights, budgets)) * 0.7
        rho = water_fill(budgets, utils, weights, cost)
        exact = [Fraction(int(b)) for b in budgets]
        paid = sum(
            int(w) * min(b, Fraction(rho) * int(u))
            for b, u, w in zip(exact, utils, weights, strict=True)
        )
        assert float(paid) == pytest.approx(cost, rel=1e-12)
        # and no smaller rho would do
        lower = Fraction(rho) * (1 - Fraction(1, 10**9))
        short = sum(
            int(w) * min(b, lower * int(u)) for b, u, w in zip(exact, utils, weights, strict=True)
        )
        assert short < cost


def test_it_ignores_zero_points() -> None:
    election = build_election(
        budget=10,
        projects={"a": 4, "b": 6},
        ballots=[{"a": 0, "b": 2}, {"a": 3}],
        ballot_type="cumulative",
    )
    outcome = method_of_equal_shares(election, completion="add1")
    a = outcome.explanation("a")
    assert isinstance(a, o.MESExplanation)
    assert a.supporters == 1
    assert outcome.total_cost <= election.budget


def test_it_treats_exact_ties_with_the_tie_breaking_rule() -> None:
    # 1/3 of the budget each: float sums of thirds are not exact, the outcome must be.
    election = build_election(
        budget=1,
        projects={"p": 1, "q": 1},
        ballots=[["p", "q"], ["p", "q"], ["p", "q"]],
    )
    assert method_of_equal_shares(election, tie_breaking="lexicographic").selected == ("p",)
    assert method_of_equal_shares(election, tie_breaking="file-order").selected == ("p",)
    assert method_of_equal_shares(election, tie_breaking="cost-desc,id").selected == ("p",)
    flipped = build_election(budget=1, projects={"q": 1, "p": 1}, ballots=[["p", "q"]] * 3)
    assert method_of_equal_shares(flipped, tie_breaking="file-order").selected == ("q",)


def test_it_handles_no_voters_and_unsupported_projects() -> None:
    empty = build_election(budget=10, projects={"a": 5}, ballots=[])
    assert method_of_equal_shares(empty, completion="add1").selected == ()
    lonely = build_election(budget=10, projects={"a": 5, "b": 5}, ballots=[["a"], []])
    outcome = method_of_equal_shares(lonely, completion="add1")
    assert outcome.selected == ("a",)
    assert outcome.explanation("b").reason == o.NO_SUPPORTERS
