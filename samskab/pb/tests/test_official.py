"""Every real Pabulib file whose META rule we implement reproduces its ``selected`` column.

The files committed under ``tests/data`` always run; the corpus (``SAMSKAB_PABULIB_DIR``,
see ``helpers``) runs when it is there. Scores come from the VOTES section (never from the
files' votes/score columns) and the rule is the one in META (``--rule official``). Files
that cannot be checked are listed below with the reason; the tests assert that the reason
still holds, so nothing is skipped silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samskab.pb.rules import OFFICIAL_RULES, UnsupportedRule, check, compute, official_rule
from samskab.pb.tests.helpers import (
    corpus_files,
    corpus_params,
    load,
    load_path,
    needs_corpus,
    repo_files,
    repo_params,
)

# META rule is one we implement, but PROJECTS has no 'selected' column: nothing to compare.
NO_SELECTED_COLUMN = {
    "France_Toulouse_2022_11_-_Bonhoure_Guilhemery_Chateau_de_lHers_Limayrac_Cote_Pavee.pb",
    "Poland_Gdansk_2020_Siedlce.pb",
    "Poland_Gdansk_2020_Wrzeszcz_Dolny.pb",
    "Poland_Krakow_2018_Debniki.pb",
    "Poland_Krakow_2018_Mistrzejowice.pb",
    "Poland_Zabrze_2020_Rokitnica.pb",
    "Poland_Zabrze_2021_Konczyce.pb",
}

# META rule 'unknown': no rule to reproduce. The reason comes from each file's META comment.
UNKNOWN_RULE = {
    "Hungary_Budapest_2023_VIII_Jozsefvaros.pb": (
        "per-neighbourhood approval limits, about half the votes cast on paper and not in the "
        "file, and leftover money spent on top-ups of winning projects"
    ),
    "Hungary_Budapest_2025_XI_Ujbuda.pb": (
        "strict greedy within each category with per-category caps, a greedy top-up across "
        "categories, and about 1% offline paper votes that are not in the file"
    ),
    "US_Stanford_Dataset_PB_Chicago_47th_Ward_2020_vote_approvals.pb": (
        "not validated; rule unknown"
    ),
    "US_Stanford_Dataset_PB_Chicago_47th_Ward_2022_Youth_vote_approvals.pb": (
        "not validated; rule unknown"
    ),
    "Worldwide_Mechanical_Turk_Knapsack_7.pb": "an online experiment, not a city election",
}

# Files with a supported rule and a 'selected' column that do NOT reproduce, with the
# difference found and its reason: (officially selected but not computed, computed but not
# officially selected, reason). Every such file reproduces today, so the list is empty; a
# new file that fails must be investigated and recorded here.
EXPECTED_MISMATCHES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {}


@pytest.mark.parametrize("path", repo_params() + corpus_params())
def test_it_reproduces_the_official_outcome(path: Path) -> None:
    election = load_path(path)
    name = path.name
    if name in UNKNOWN_RULE:
        assert election.rule == "unknown"
        with pytest.raises(UnsupportedRule):
            compute(election, "official")
        return
    assert election.rule in OFFICIAL_RULES, f"{name}: META rule {election.rule!r} is not handled"
    if name in NO_SELECTED_COLUMN:
        assert election.official_selection() is None
        outcome = compute(election, "official")
        assert outcome.total_cost <= election.budget
        return
    result = check(election, "official")
    if name in EXPECTED_MISMATCHES:
        missing, extra, _reason = EXPECTED_MISMATCHES[name]
        assert (result.missing, result.extra) == (missing, extra)
    else:
        assert result.ok, f"{name}: missing {result.missing}, extra {result.extra}"


def _rules(files: list[Path]) -> set[str]:
    elections = [load_path(path) for path in files]
    return {official_rule(e) for e in elections if e.rule in OFFICIAL_RULES}


def test_it_covers_every_rule_of_the_corpus_with_committed_files() -> None:
    assert _rules(repo_files()) == {"greedy", "greedy-no-skip", "greedy-threshold", "mes-add1"}


@needs_corpus
def test_it_covers_every_rule_the_corpus_uses() -> None:
    assert _rules(corpus_files()) == {"greedy", "greedy-no-skip", "greedy-threshold", "mes-add1"}


@needs_corpus
def test_it_lists_only_files_that_exist() -> None:
    names = {path.name for path in corpus_files()}
    for listed in (NO_SELECTED_COLUMN, set(UNKNOWN_RULE), set(EXPECTED_MISMATCHES)):
        assert listed <= names


def test_it_reproduces_assen_2024_exactly() -> None:
    election = load("Netherlands_Assen_2024.pb")
    outcome = compute(election, "official")
    assert outcome.rule == "mes-add1"
    # The order in which MES bought them, then the set the city published.
    assert outcome.selected == ("3", "9", "2", "11", "13", "14", "5", "6", "12")
    assert set(outcome.selected) == set(election.official_selection() or ())
    assert outcome.details["add1_steps"] == 843
    assert str(outcome.total_cost) == "76700"
    for tie_breaking in ("lexicographic", "file-order", "equalshares"):
        again = compute(election, "official", tie_breaking=tie_breaking)
        assert set(again.selected) == set(outcome.selected)


def test_it_applies_the_meta_threshold_of_greedy_threshold() -> None:
    election = load("Poland_Lodz_2024_Im._Jozefa_Montwilla-Mireckiego.pb")
    official = compute(election, "official")
    plain = compute(election, "greedy")
    # The META comment: projects under 50 votes were not funded although money was left.
    assert set(official.selected) < set(plain.selected)
    below = [e for e in official.explanations if e.reason == "below-threshold"]
    assert below
