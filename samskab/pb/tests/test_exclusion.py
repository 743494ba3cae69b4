"""Exclusion groups: greedy-exclusive, MES with groups, and the .pb export read back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samskab.pb import outcome as o
from samskab.pb.cli import main
from samskab.pb.exclusion import (
    exclusion_groups,
    format_groups,
    parse_groups,
    with_exclusion_groups,
)
from samskab.pb.mes import MESInstance, _run_add1_reference, run_add1
from samskab.pb.model import Election, Project, build_election
from samskab.pb.pabulib import format_pabulib, parse_pabulib, write_pabulib
from samskab.pb.rules import compute
from samskab.pb.tests.test_properties import PROPERTY, Case, cases, wide_cases

# Three designs for one square (s1, s2, s3) and a playground; everything fits the budget.
# Scores: s1 4, s2 3, play 2, s3 1.
SQUARE = build_election(
    budget=100,
    projects={"s1": 30, "s2": 20, "play": 20, "s3": 10},
    ballots=[["s1", "s2", "play"], ["s1", "s2"], ["s1", "play", "s3"], ["s1", "s2"]],
)
GROUPED = with_exclusion_groups(SQUARE, [["s1", "s2", "s3"]])


def test_it_funds_one_project_of_a_group_with_greedy_exclusive() -> None:
    outcome = compute(GROUPED, "greedy-exclusive")
    assert outcome.selected == ("s1", "play")
    s2 = outcome.explanation("s2")
    assert (s2.selected, s2.reason) == (False, o.EXCLUDED)
    assert outcome.details["exclusion_groups"] == [["s1", "s2", "s3"]]


def test_it_keeps_pabulibs_plain_greedy_without_groups() -> None:
    assert compute(GROUPED, "greedy").selected == ("s1", "s2", "play", "s3")
    # without META exclusion_groups, greedy-exclusive is greedy
    assert compute(SQUARE, "greedy-exclusive").selected == ("s1", "s2", "play", "s3")


def test_it_uses_greedy_exclusive_as_the_official_rule() -> None:
    assert GROUPED.rule == "greedy-exclusive"
    assert compute(GROUPED).selected == ("s1", "play")


@pytest.mark.parametrize("rule", ["mes", "mes-add1", "mes-add1-utilitarian"])
def test_it_funds_one_project_of_a_group_with_mes(rule: str) -> None:
    free = compute(SQUARE, rule)
    assert {"s1", "s2"} <= set(free.selected)  # without the group MES buys both
    outcome = compute(GROUPED, rule)
    assert len({"s1", "s2", "s3"} & set(outcome.selected)) == 1
    assert "s1" in outcome.selected
    s2 = outcome.explanation("s2")
    assert isinstance(s2, o.MESExplanation)
    assert (s2.reason, s2.round) == (o.EXCLUDED, 1)


def test_it_funds_one_free_project_of_a_group() -> None:
    election = with_exclusion_groups(
        build_election(budget=10, projects={"a": 0, "b": 0, "c": 5}, ballots=[["a", "b", "c"]]),
        [["a", "b"]],
    )
    assert compute(election, "mes").selected == ("a", "c")


def test_it_writes_groups_in_meta_and_reads_them_back(tmp_path: Path) -> None:
    winners = {"s1", "play"}
    projects = tuple(
        Project(id=p.id, cost=p.cost, fields={"selected": "1" if p.id in winners else "0"})
        for p in GROUPED.projects
    )
    election = Election(
        budget=GROUPED.budget,
        projects=projects,
        profile=GROUPED.profile,
        meta=GROUPED.meta,
        project_columns=("project_id", "cost", "selected"),
        voter_columns=GROUPED.voter_columns,
    )
    text = format_pabulib(election)
    assert "rule;greedy-exclusive\n" in text
    assert "exclusion_groups;s1,s2,s3\n" in text
    again = parse_pabulib(text)
    assert exclusion_groups(again) == (("s1", "s2", "s3"),)
    path = tmp_path / "square.pb"
    write_pabulib(election, path)
    assert main(["check", str(path)]) == 0


def test_it_refuses_groups_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ValueError, match="at least two projects"):
        parse_groups("s1,s2|s3")
    with pytest.raises(ValueError, match="cannot be written"):
        format_groups([["a,b", "c"]])
    with pytest.raises(ValueError, match="unknown projects: zz"):
        with_exclusion_groups(SQUARE, [["s1", "zz"]])
    broken = build_election(
        budget=100,
        projects={"s1": 30, "s2": 20},
        ballots=[["s1"]],
        meta={"rule": "greedy-exclusive", "exclusion_groups": "s1,nope"},
    )
    path = tmp_path / "broken.pb"
    write_pabulib(broken, path)
    assert main(["compute", str(path)]) == 2
    assert "exclusion_groups names unknown projects: nope" in capsys.readouterr().err


def test_it_reads_groups_separated_by_bars_and_commas() -> None:
    assert parse_groups(" 1, 2 |3,4,5| ") == (("1", "2"), ("3", "4", "5"))
    assert format_groups([["1", "2"], ["3", "4", "5"]]) == "1,2|3,4,5"


@st.composite
def grouped_cases(draw: st.DrawFn, base: st.SearchStrategy[Case]) -> tuple[Case, Election]:
    case = draw(base)
    ids = list(case.costs)
    groups: list[list[str]] = []
    for _ in range(draw(st.integers(0, 2))):
        if len(ids) >= 2:
            groups.append(draw(st.lists(st.sampled_from(ids), min_size=2, unique=True)))
    election = case.election
    if groups:
        election = with_exclusion_groups(election, groups, rule=None)
    return case, election


@PROPERTY
@given(
    grouped_cases(cases()),
    st.sampled_from(["greedy-exclusive", "mes", "mes-add1", "mes-add1-utilitarian"]),
)
def test_it_never_funds_two_projects_of_a_group(data: tuple[Case, Election], rule: str) -> None:
    case, election = data
    outcome = compute(election, rule)
    for group in exclusion_groups(election):
        assert len(set(group) & set(outcome.selected)) <= 1
    assert outcome.total_cost <= Decimal(case.budget)
    for item in outcome.explanations:
        if item.reason == o.EXCLUDED:
            group_mates = {q for g in exclusion_groups(election) if item.project_id in g for q in g}
            assert group_mates & set(outcome.selected)


@settings(PROPERTY, max_examples=40)
@given(grouped_cases(wide_cases()))
def test_it_jumps_over_add1_steps_exactly_with_groups(data: tuple[Case, Election]) -> None:
    _, election = data
    inst = MESInstance(election, "auto", ("id",))
    jumped, steps = run_add1(inst)
    every, every_steps = _run_add1_reference(inst, skip=False)
    assert (jumped.selected, steps, jumped.per_voter) == (
        every.selected,
        every_steps,
        every.per_voter,
    )
