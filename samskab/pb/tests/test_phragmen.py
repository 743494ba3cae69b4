"""Sequential Phragmén on hand-made elections."""

from __future__ import annotations

import pytest

from samskab.pb import outcome as o
from samskab.pb.model import build_election
from samskab.pb.phragmen import sequential_phragmen

BALLOTS = [["a"], ["a"], ["a", "c"], ["b"]]


def test_it_stops_at_the_first_project_that_does_not_fit() -> None:
    # Round 1: a (0 + 3) / 3 = 1 ties with c (0 + 1) / 1 = 1, a wins by id.
    # Round 2: b 2 / 1 = 2 ties with c (1 + 1) / 1 = 2, and b does not fit in 1: stop.
    election = build_election(budget=4, projects={"a": 3, "b": 2, "c": 1}, ballots=BALLOTS)
    outcome = sequential_phragmen(election, tie_breaking="lexicographic")
    assert outcome.selected == ("a",)
    assert outcome.explanation("b").reason == o.STOPPED_HERE
    assert outcome.explanation("c").reason == o.NOT_REACHED
    a = outcome.explanation("a")
    assert isinstance(a, o.PhragmenExplanation)
    assert (a.round, a.load) == (1, 1.0)


def test_it_buys_more_with_more_budget() -> None:
    election = build_election(budget=6, projects={"a": 3, "b": 2, "c": 1}, ballots=BALLOTS)
    outcome = sequential_phragmen(election, tie_breaking="lexicographic")
    assert outcome.selected == ("a", "b", "c")
    assert outcome.details["max_load"] == pytest.approx(2.0)


def test_it_leaves_out_unaffordable_and_unsupported_projects() -> None:
    election = build_election(
        budget=4, projects={"a": 3, "big": 9, "none": 1}, ballots=[["a", "big"]] * 3
    )
    outcome = sequential_phragmen(election)
    assert outcome.selected == ("a",)
    assert outcome.explanation("big").reason == o.DOES_NOT_FIT
    assert outcome.explanation("none").reason == o.NO_SUPPORTERS


def test_it_needs_approval_ballots() -> None:
    election = build_election(
        budget=4, projects={"a": 3}, ballots=[{"a": 2}], ballot_type="cumulative"
    )
    with pytest.raises(ValueError, match="approval"):
        sequential_phragmen(election)
