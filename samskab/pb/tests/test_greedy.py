"""Greedy rules, tie-breaking and scores on hand-made elections."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from samskab.pb import outcome as o
from samskab.pb.greedy import greedy, greedy_no_skip, greedy_threshold
from samskab.pb.model import build_election
from samskab.pb.rules import compute
from samskab.pb.tally import group_ballots, project_scores
from samskab.pb.tiebreak import parse_tie_breaking, tie_ranks

# approvals: a 4, b 3, c 2, d 1
ELECTION = build_election(
    budget=100,
    projects={"a": 60, "b": 50, "c": 30, "d": 10},
    ballots=[["a", "b", "c"], ["a", "b"], ["a", "c", "d"], ["a", "b"]],
    meta={"min_project_score_threshold": "2"},
)


def test_it_skips_projects_that_do_not_fit() -> None:
    outcome = greedy(ELECTION)
    assert outcome.selected == ("a", "c", "d")
    assert outcome.total_cost == Decimal(100)
    b = outcome.explanation("b")
    assert isinstance(b, o.GreedyExplanation)
    assert (b.rank, b.reason, b.remaining_budget) == (2, o.DOES_NOT_FIT, Decimal(40))
    assert b.score == 3
    d = outcome.explanation("d")
    assert isinstance(d, o.GreedyExplanation)
    assert (d.rank, d.reason, d.remaining_budget) == (4, o.SELECTED, Decimal(10))


def test_it_stops_at_the_first_misfit_without_skipping() -> None:
    outcome = greedy_no_skip(ELECTION)
    assert outcome.selected == ("a",)
    c = outcome.explanation("c")
    assert isinstance(c, o.GreedyExplanation)
    assert (c.reason, c.remaining_budget) == (o.NOT_REACHED, None)


def test_it_leaves_out_projects_below_the_threshold() -> None:
    outcome = greedy_threshold(ELECTION)
    assert outcome.selected == ("a", "c")
    assert outcome.explanation("d").reason == o.BELOW_THRESHOLD
    assert greedy_threshold(ELECTION, threshold=Fraction(5)).selected == ()


def test_it_needs_a_threshold_for_greedy_threshold() -> None:
    election = build_election(budget=10, projects={"a": 5}, ballots=[["a"]])
    with pytest.raises(ValueError, match="min_project_score_threshold"):
        greedy_threshold(election)


def test_it_uses_the_meta_threshold_only_for_the_official_rule() -> None:
    official = build_election(
        budget=100,
        projects={"a": 60, "b": 50, "c": 30, "d": 10},
        ballots=ELECTION_BALLOTS,
        meta={"rule": "greedy", "min_project_score_threshold": "2"},
    )
    assert compute(official, "official").selected == ("a", "c")
    assert compute(official, "greedy").selected == ("a", "c", "d")


ELECTION_BALLOTS = [["a", "b", "c"], ["a", "b"], ["a", "c", "d"], ["a", "b"]]


def test_it_breaks_ties_as_documented() -> None:
    tied = build_election(
        budget=10,
        projects={"x2": 6, "x10": 4, "x1": 6},
        ballots=[["x2", "x10", "x1"]],
    )
    assert greedy(tied, tie_breaking="lexicographic").selected == ("x1", "x10")
    assert greedy(tied, tie_breaking="file-order").selected == ("x2", "x10")
    assert greedy(tied, tie_breaking="equalshares").selected == ("x10", "x1")
    assert greedy(tied, tie_breaking="cost-desc,file-order").selected == ("x2", "x10")
    assert parse_tie_breaking("equalshares") == ("cost-asc", "votes-desc", "id")
    assert tie_ranks(tied, ("cost-asc",)) == [2, 0, 1]  # then id: x1 before x2
    with pytest.raises(ValueError, match="unknown tie-breaking"):
        parse_tie_breaking("coin-flip")


def test_it_scores_points_and_rankings() -> None:
    cumulative = build_election(
        budget=10,
        projects={"a": 5, "b": 5},
        ballots=[{"a": 3, "b": 1}, {"b": 4}],
        ballot_type="cumulative",
    )
    assert project_scores(cumulative) == [3, 5]
    ordinal = build_election(
        budget=10,
        projects={"a": 5, "b": 5, "c": 5},
        ballots=[["a", "b", "c"], ["c", "a"]],
        ballot_type="ordinal",
    )
    # max_length is the longest ballot (3): 3 points for first place, then 2, then 1.
    assert project_scores(ordinal) == [3 + 2, 2, 1 + 3]


def test_it_groups_identical_ballots() -> None:
    election = build_election(
        budget=10,
        projects={"a": 5, "b": 5, "c": 5},
        ballots=[["a", "b"], ["b", "a"], ["c"], [], ["a", "b"]],
    )
    groups = group_ballots(election)
    assert sorted(groups.weights.tolist()) == [1, 1, 3]
    assert groups.voter_group[0] == groups.voter_group[1] == groups.voter_group[4]
    assert int(groups.weights.sum()) == 5
