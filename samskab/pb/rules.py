"""One entry point for every rule, the mapping from Pabulib's META ``rule``, and checking.

The platform and the command line both call :func:`compute` and :func:`check`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from samskab.pb import greedy as g
from samskab.pb.model import Election
from samskab.pb.outcome import Outcome, ProgressCallback
from samskab.pb.tiebreak import TieBreaking

if TYPE_CHECKING:
    from samskab.pb.mes import Utilities

RULES = (
    "greedy",
    "greedy-exclusive",
    "greedy-no-skip",
    "greedy-threshold",
    "mes",
    "mes-add1",
    "mes-add1-utilitarian",
    "phragmen",
)

# Pabulib META ``rule`` values -> our rule names.
OFFICIAL_RULES = {
    "greedy": "greedy",
    "greedy-exclusive": "greedy-exclusive",
    "greedy-no-skip": "greedy-no-skip",
    "greedy-threshold": "greedy-threshold",
    "equalshares": "mes",
    "equalshares/add1": "mes-add1",
    "equalshares/add1/utilitarian": "mes-add1-utilitarian",
}


class UnsupportedRule(ValueError):
    """The file's META names a rule this engine cannot reproduce (e.g. ``unknown``)."""


def official_rule(election: Election) -> str:
    """Our name for the rule in the file's META (raises :class:`UnsupportedRule`)."""
    name = election.rule
    if name not in OFFICIAL_RULES:
        known = ", ".join(OFFICIAL_RULES)
        raise UnsupportedRule(f"META rule '{name}' cannot be computed (supported: {known})")
    return OFFICIAL_RULES[name]


def compute(
    election: Election,
    rule: str = "official",
    *,
    tie_breaking: str | TieBreaking | None = None,
    utilities: Utilities = "auto",
    progress: ProgressCallback | None = None,
) -> Outcome:
    """Run ``rule`` (one of :data:`RULES`, or ``official`` for the rule named in META).

    With ``official``, a META ``min_project_score_threshold`` is applied by every greedy
    variant, since it is a rule of that election (Gdynia pairs it with greedy-no-skip).
    Exclusion groups (META ``exclusion_groups``, :mod:`samskab.pb.exclusion`) bind
    ``greedy-exclusive`` and every MES variant; ``greedy``, ``greedy-no-skip``,
    ``greedy-threshold`` and ``phragmen`` keep Pabulib's definitions, which have none.
    """
    official = rule == "official"
    if official:
        rule = official_rule(election)
    threshold = g.score_threshold(election) if official else None

    # Each rule's module is imported when that rule runs: the command line then loads
    # only what it uses.
    def mes(completion: Literal["none", "add1", "add1-utilitarian"] = "none") -> Outcome:
        from samskab.pb.mes import method_of_equal_shares

        if completion == "none":
            return method_of_equal_shares(election, tie_breaking=tie_breaking, utilities=utilities)
        return method_of_equal_shares(
            election,
            completion=completion,
            tie_breaking=tie_breaking,
            utilities=utilities,
            progress=progress,
        )

    def phragmen() -> Outcome:
        from samskab.pb.phragmen import sequential_phragmen

        return sequential_phragmen(election, tie_breaking=tie_breaking)

    runners: dict[str, Callable[[], Outcome]] = {
        "greedy": lambda: g.run_greedy(election, threshold=threshold, tie_breaking=tie_breaking),
        "greedy-exclusive": lambda: g.greedy_exclusive(
            election, tie_breaking=tie_breaking, threshold=threshold
        ),
        "greedy-no-skip": lambda: g.greedy_no_skip(
            election, tie_breaking=tie_breaking, threshold=threshold
        ),
        "greedy-threshold": lambda: g.greedy_threshold(election, tie_breaking=tie_breaking),
        "mes": lambda: mes(),
        "mes-add1": lambda: mes("add1"),
        "mes-add1-utilitarian": lambda: mes("add1-utilitarian"),
        "phragmen": phragmen,
    }
    if rule not in runners:
        raise ValueError(f"unknown rule '{rule}' (known: official, {', '.join(RULES)})")
    return runners[rule]()


@dataclass(frozen=True)
class CheckResult:
    """Computed winners against the file's ``selected`` column."""

    rule: str
    expected: tuple[str, ...]
    computed: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """Officially selected, but not computed."""
        return tuple(p for p in self.expected if p not in self.computed)

    @property
    def extra(self) -> tuple[str, ...]:
        """Computed, but not officially selected."""
        return tuple(p for p in self.computed if p not in self.expected)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


class NoOfficialOutcome(ValueError):
    """The file has no ``selected`` column to compare with."""


def check(
    election: Election,
    rule: str = "official",
    *,
    tie_breaking: str | TieBreaking | None = None,
    progress: ProgressCallback | None = None,
) -> CheckResult:
    """Compute ``rule`` and compare with the official winners in the ``selected`` column."""
    expected = election.official_selection()
    if expected is None:
        raise NoOfficialOutcome("the PROJECTS section has no 'selected' column")
    outcome = compute(election, rule, tie_breaking=tie_breaking, progress=progress)
    return CheckResult(rule=outcome.rule, expected=tuple(expected), computed=outcome.selected)
