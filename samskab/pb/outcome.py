"""Results and per-project explanations, as plain data a web page or JSON can carry.

Each explanation has a ``reason`` code (stable strings a template can translate) and the
numbers behind it. Money is exact where it is exact (budgets and costs are ``Decimal``); MES
payments and Phragmén loads are rationals, given as ``float`` for display.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

# Receives short status lines during long computations (the CLI shows them on a terminal).
ProgressCallback = Callable[[str], object]

# Reason codes. Greedy:
SELECTED = "selected"
DOES_NOT_FIT = "does-not-fit"  # not enough budget left when the project's turn came
BELOW_THRESHOLD = "below-threshold"  # score under META min_project_score_threshold
NOT_REACHED = "not-reached"  # greedy-no-skip / Phragmén stopped before this project
EXCLUDED = "excluded"  # a project of its exclusion group was funded (samskab.pb.exclusion)
# MES:
SUPPORTERS_OUT_OF_MONEY = "supporters-ran-out-of-money"
NO_SUPPORTERS = "no-supporters"
SELECTED_IN_COMPLETION = "selected-in-completion"
# Phragmén:
STOPPED_HERE = "stopped-here"  # the next project Phragmén chose did not fit the budget


def to_jsonable(value: Any) -> Any:
    """Convert dataclasses, Decimals and Fractions into JSON-compatible values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        # whole numbers stay numbers; other rationals are exact "p/q" strings
        return value.numerator if value.denominator == 1 else str(value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class GreedyExplanation:
    """Where a project stood in the greedy ranking.

    ``rank`` is its 1-based place in the order by score (ties broken by the tie-breaking
    rule); ``remaining_budget`` is what was left when its turn came (``None`` if the rule had
    stopped before).
    """

    project_id: str
    name: str
    cost: Decimal
    score: Fraction
    rank: int
    selected: bool
    reason: str
    remaining_budget: Decimal | None


@dataclass(frozen=True)
class Payment:
    """``voters`` supporters each paid ``amount`` for a project."""

    amount: float
    voters: int


@dataclass(frozen=True)
class MESExplanation:
    """What happened to a project under the Method of Equal Shares.

    For a winner: the ``round`` it was bought in, the price per unit of utility ``rho`` and
    the ``payments`` its supporters made (grouped by amount; supporters who could not pay
    their full share paid all they had left). For a loser: the ``round`` in which its
    supporters' remaining money (``supporters_budget``) fell below its cost.
    """

    project_id: str
    name: str
    cost: Decimal
    supporters: int
    selected: bool
    reason: str
    round: int | None = None
    rho: float | None = None
    payments: tuple[Payment, ...] = ()
    supporters_budget: float | None = None


@dataclass(frozen=True)
class PhragmenExplanation:
    """Sequential Phragmén: the round a project was bought, and its supporters' load after it."""

    project_id: str
    name: str
    cost: Decimal
    supporters: int
    selected: bool
    reason: str
    round: int | None = None
    load: float | None = None


Explanation = GreedyExplanation | MESExplanation | PhragmenExplanation


@dataclass(frozen=True)
class Outcome:
    """The result of a rule: the winners in the order chosen, and why every project won or lost.

    ``details`` holds rule-level facts (e.g. the per-voter budget add1 settled on).
    """

    rule: str
    selected: tuple[str, ...]
    budget: Decimal
    total_cost: Decimal
    tie_breaking: tuple[str, ...]
    explanations: tuple[Explanation, ...]
    details: Mapping[str, Any] = field(default_factory=dict)

    def explanation(self, project_id: str) -> Explanation:
        for item in self.explanations:
            if item.project_id == project_id:
                return item
        raise KeyError(project_id)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        return data
