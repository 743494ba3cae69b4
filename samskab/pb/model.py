"""Election data model: an instance (budget, projects, metadata) and a compact ballot profile.

Money is kept as :class:`decimal.Decimal` because Pabulib writes amounts as decimal text:
``Decimal`` compares by value (``Decimal("1.0") == Decimal("1")``) but remembers how it was
written, so a file read and written again is byte-identical. Rules convert money to integers
in a common scale (see :func:`money_scale`) or to ``Fraction`` before doing arithmetic.

Ballots are stored as one CSR (compressed sparse row) structure of NumPy arrays: row ``i``
holds the projects on ballot ``i`` in the order the voter wrote them (which is the ranking
for ordinal ballots). Points for cumulative and scoring ballots are integer numerators over a
common power-of-ten ``value_scale``, so they stay exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class BallotType(StrEnum):
    """The ballot formats Pabulib knows (META ``vote_type``)."""

    APPROVAL = "approval"
    CHOOSE_1 = "choose-1"
    CUMULATIVE = "cumulative"
    SCORING = "scoring"
    ORDINAL = "ordinal"

    @property
    def has_points(self) -> bool:
        return self in (BallotType.CUMULATIVE, BallotType.SCORING)

    @property
    def is_approval_like(self) -> bool:
        return self in (BallotType.APPROVAL, BallotType.CHOOSE_1)


# Largest |points| numerator accepted: sums of weights times points must stay exact in
# int64 and float64 (2**53) arithmetic; real ballots give at most a few hundred points.
MAX_POINT_UNITS = 2**40

# Bounds on every number the reader accepts (checked when a file is read, so that no rule
# ever meets a number it cannot compute with exactly and quickly). Real files stay far
# below them: the largest budget in Pabulib is a few billion (forints).
# Budget, costs and META min_project_score_threshold: finite, not negative, at most
# MAX_AMOUNT, written with at most MAX_AMOUNT_DECIMALS decimal places; so every amount is a
# whole number of at most 10**15 thousandths, exact in float64 (2**53 > 9 * 10**15).
MAX_AMOUNT = 10**12
MAX_AMOUNT_DECIMALS = 3
# Points on cumulative and scoring ballots: finite, at most MAX_POINT_DECIMALS decimal
# places, and at most MAX_POINT_UNITS in units of the smallest decimal place used.
MAX_POINT_DECIMALS = 6
# META counts (num_projects, num_votes, min_length, max_length): whole numbers up to this.
MAX_COUNT = 10**9


@dataclass(frozen=True)
class ReadWarning:
    """Something odd in a file that the reader accepted (as the official count did)."""

    file: str
    section: str | None
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = [self.file]
        if self.section:
            where.append(f"section {self.section}")
        if self.line is not None:
            where.append(f"line {self.line}")
        return f"{', '.join(where)}: {self.problem}"


# Columns of the PROJECTS section that hold lists (comma separated in the file).
CATEGORY_COLUMNS = ("category", "categories")
TARGET_COLUMNS = ("target", "targets")


def _split_list(text: str) -> tuple[str, ...]:
    if not text.strip() or text.strip().lower() == "none":
        return ()
    return tuple(part.strip() for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class Project:
    """A project on the ballot.

    ``fields`` holds every other PROJECTS column as the text found in the file (``name``,
    ``category``, ``votes``, ``selected``, ``description``, ...), so nothing is lost on a
    round trip.
    """

    id: str
    cost: Decimal
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.fields.get("name", "")

    @property
    def categories(self) -> tuple[str, ...]:
        for column in CATEGORY_COLUMNS:
            if column in self.fields:
                return _split_list(self.fields[column])
        return ()

    @property
    def targets(self) -> tuple[str, ...]:
        for column in TARGET_COLUMNS:
            if column in self.fields:
                return _split_list(self.fields[column])
        return ()

    @property
    def selected(self) -> bool | None:
        """The official outcome from the ``selected`` column, ``None`` when there is none."""
        text = self.fields.get("selected", "").strip()
        if text == "":
            return None
        # Pabulib uses 1 for winners and 0 for the others; the reader refuses anything else.
        return text == "1"


@dataclass(frozen=True, eq=False)
class Profile:
    """All ballots of an election in CSR form.

    ``indices[indptr[i]:indptr[i + 1]]`` are the positions (in ``Election.projects``) of the
    projects on ballot ``i``; ``values`` holds the matching points (numerators over
    ``value_scale``) for cumulative and scoring ballots and is ``None`` otherwise.
    ``voter_fields`` keeps every other VOTES column as text, one entry per voter.
    """

    ballot_type: BallotType
    indptr: IntArray
    indices: IntArray
    values: IntArray | None = None
    value_scale: int = 1
    voter_ids: Sequence[str] = ()
    voter_fields: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @property
    def num_voters(self) -> int:
        return int(self.indptr.shape[0] - 1)

    def ballot(self, voter: int) -> list[int]:
        """Project positions on one ballot, in ballot order."""
        start, end = int(self.indptr[voter]), int(self.indptr[voter + 1])
        return [int(p) for p in self.indices[start:end]]

    def points(self, voter: int) -> list[Fraction]:
        """Points of one ballot (1 for every project of a non-points ballot)."""
        start, end = int(self.indptr[voter]), int(self.indptr[voter + 1])
        if self.values is None:
            return [Fraction(1)] * (end - start)
        return [Fraction(int(v), self.value_scale) for v in self.values[start:end]]

    def row_of_entries(self) -> IntArray:
        """For every stored entry, the voter (row) it belongs to."""
        lengths = np.diff(self.indptr)
        return np.repeat(np.arange(self.num_voters, dtype=np.int64), lengths)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Profile):
            return NotImplemented
        if (self.values is None) != (other.values is None):
            return False
        same_values = self.values is None or (
            other.values is not None
            and self.value_scale == other.value_scale
            and np.array_equal(self.values, other.values)
        )
        return (
            self.ballot_type == other.ballot_type
            and np.array_equal(self.indptr, other.indptr)
            and np.array_equal(self.indices, other.indices)
            and same_values
            and list(self.voter_ids) == list(other.voter_ids)
            and {k: list(v) for k, v in self.voter_fields.items()}
            == {k: list(v) for k, v in other.voter_fields.items()}
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class TextLayout:
    """How a Pabulib file was laid out, so that writing it back gives the same bytes."""

    newline: str = "\n"
    final_newline: bool = True
    bom: bool = False


@dataclass(frozen=True, eq=False)
class Election:
    """A participatory-budgeting election: budget, projects, ballots and metadata.

    ``meta`` holds the META section as text in file order (including ``budget``,
    ``vote_type`` and ``rule``); ``budget`` is the typed value the rules use. When the two
    disagree, the writer writes ``budget``.
    """

    budget: Decimal
    projects: tuple[Project, ...]
    profile: Profile
    meta: Mapping[str, str] = field(default_factory=dict)
    project_columns: tuple[str, ...] = ()
    voter_columns: tuple[str, ...] = ()
    layout: TextLayout = field(default_factory=TextLayout)
    # What the reader accepted with a warning (a project listed twice in one vote, ...).
    warnings: tuple[ReadWarning, ...] = ()

    @property
    def ballot_type(self) -> BallotType:
        return self.profile.ballot_type

    @property
    def num_voters(self) -> int:
        return self.profile.num_voters

    @property
    def project_ids(self) -> list[str]:
        return [p.id for p in self.projects]

    def project_index(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.projects)}

    @property
    def rule(self) -> str:
        """The rule named in META (``unknown`` when absent)."""
        return self.meta.get("rule", "unknown").strip()

    def official_selection(self) -> list[str] | None:
        """Ids of the officially selected projects, or ``None`` without a ``selected`` column."""
        if "selected" not in self.project_columns:
            return None
        return [p.id for p in self.projects if p.selected]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Election):
            return NotImplemented
        # The layout is a formatting hint, not part of the election.
        return (
            self.budget == other.budget
            and self.projects == other.projects
            and self.profile == other.profile
            and dict(self.meta) == dict(other.meta)
            and self.project_columns == other.project_columns
            and self.voter_columns == other.voter_columns
        )

    __hash__ = None  # type: ignore[assignment]


def decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {value}")
    return max(0, -exponent)


def money_scale(election: Election) -> int:
    """The power of ten that turns the budget and every cost into an integer."""
    places: int = max(
        [decimal_places(election.budget)] + [decimal_places(p.cost) for p in election.projects]
    )
    scale: int = 10**places
    return scale


def scaled_money(election: Election) -> tuple[int, list[int], int]:
    """Budget and costs as integers in the unit ``1 / scale`` (exact), and that scale."""
    scale = money_scale(election)
    budget = int(Fraction(election.budget) * scale)
    costs = [int(Fraction(p.cost) * scale) for p in election.projects]
    return budget, costs, scale


def fraction_of(value: Decimal) -> Fraction:
    return Fraction(value)


def build_election(
    *,
    budget: Decimal | int | str,
    projects: Sequence[Project] | Mapping[str, Decimal | int | str],
    ballots: Sequence[Sequence[str] | Mapping[str, Decimal | int | str]],
    ballot_type: BallotType | str = BallotType.APPROVAL,
    voter_ids: Sequence[str] | None = None,
    meta: Mapping[str, str] | None = None,
) -> Election:
    """Build an election in memory (the platform's path; files go through the reader).

    ``projects`` is a sequence of :class:`Project` or a mapping id -> cost. ``ballots`` are
    lists of project ids (approval, choose-1, ordinal in rank order) or mappings
    id -> points (cumulative, scoring).
    """
    kind = BallotType(ballot_type)
    if isinstance(projects, Mapping):
        items = tuple(Project(id=str(k), cost=Decimal(str(v))) for k, v in projects.items())
    else:
        items = tuple(projects)
    index = {p.id: i for i, p in enumerate(items)}
    if len(index) != len(items):
        raise ValueError("project ids must be unique")
    indices: list[int] = []
    points: list[Decimal] = []
    indptr = [0]
    for ballot in ballots:
        if isinstance(ballot, Mapping):
            for pid, value in ballot.items():
                indices.append(index[str(pid)])
                points.append(Decimal(str(value)))
        else:
            indices.extend(index[str(pid)] for pid in ballot)
            points.extend(Decimal(1) for _ in ballot)
        indptr.append(len(indices))
    values = None
    scale = 1
    if kind.has_points:
        scale = 10 ** max([decimal_places(v) for v in points] + [0])
        scaled = [int(v * scale) for v in points]
        if scaled and max(map(abs, scaled)) > MAX_POINT_UNITS:
            raise ValueError(f"points above {MAX_POINT_UNITS:,} (in units of 1/{scale})")
        values = np.asarray(scaled, dtype=np.int64)
    ids = list(voter_ids) if voter_ids is not None else [str(i + 1) for i in range(len(ballots))]
    profile = Profile(
        ballot_type=kind,
        indptr=np.asarray(indptr, dtype=np.int64),
        indices=np.asarray(indices, dtype=np.int64),
        values=values,
        value_scale=scale,
        voter_ids=ids,
    )
    budget_value = Decimal(str(budget))
    full_meta = {
        **(meta or {}),
        "num_projects": str(len(items)),
        "num_votes": str(len(ballots)),
        "budget": str(budget_value),
        "vote_type": kind.value,
    }
    columns = ("voter_id", "vote", "points") if kind.has_points else ("voter_id", "vote")
    return Election(
        budget=budget_value,
        projects=items,
        profile=profile,
        meta=full_meta,
        project_columns=("project_id", "cost", *sorted({k for p in items for k in p.fields})),
        voter_columns=columns,
    )
