"""The Method of Equal Shares (MES), its add1 completion, and utilitarian greedy completion.

Definition (Peters and Skowron, "Proportionality and the Limits of Welfarism", EC 2020;
Peters, Pierczyński and Skowron, "Proportional Participatory Budgeting with Additive
Utilities", NeurIPS 2021; https://equalshares.net/implementation/computation/):
the budget ``B`` is split equally, each of the ``n`` voters gets ``B / n``. A project ``p``
costing ``c`` is *ρ-affordable* if its supporters can pay for it when each supporter ``i``
pays ``min(b_i, ρ · u_i(p))``, where ``b_i`` is what ``i`` has left and ``u_i(p)`` is ``i``'s
utility. In every round MES buys the project with the smallest ``ρ`` and charges its
supporters accordingly; it stops when no project is affordable.

Utilities: ``cost`` gives ``u_i(p) = cost(p)`` to every supporter, whatever the points or
rank (cost satisfaction; Pabulib's and
equalshares.net's choice for approval ballots, pabutools' ``Cost_Sat``); ``ballot`` takes the
ballot's own numbers: the points of cumulative and scoring ballots (pabutools'
``Additive_Cardinal_Sat``), 1 per approval, or the positional score of ordinal ballots.

add1 (equalshares.net "Completion: add1"): run MES with ``B / n + k`` per voter for
``k = 0, 1, 2, ...`` and stop at the first ``k`` whose outcome is exhaustive (nothing else
fits) or over the real budget ``B``; in the latter case keep the previous outcome. This is
pabutools' ``method_of_equal_shares(..., voter_budget_increment=1)``.

Exactness: the work is done in float64 with NumPy, and every decision whose margin is
within a relative ``1e-9`` (far above the float error, far below any real difference) is
decided again in exact rational arithmetic (:mod:`samskab.pb.mes_exact`): which project is
cheapest, whether a project is still affordable, and which supporters can pay their full
share. Exact ties are broken by the tie-breaking rule. The budget limit itself is checked
on integer costs.

Speed: identical ballots are merged into weighted groups; the lowest ``ρ`` is found
lazily (``ρ`` of a project never decreases, so stale values are lower bounds in a heap), and
every supporter group's remaining money per project is updated incrementally. add1 skips
runs that provably give the same outcome (see :func:`run_add1`).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import numpy as np

from samskab.pb import outcome as o
from samskab.pb.exclusion import conflicts, exclusion_groups
from samskab.pb.greedy import money, run_greedy
from samskab.pb.mes_exact import NEVER, TAU, ExactLedger, entries_of
from samskab.pb.model import Election, FloatArray, IntArray, scaled_money
from samskab.pb.tally import group_ballots
from samskab.pb.tiebreak import TieBreaking, parse_tie_breaking, tie_ranks

Utilities = Literal["auto", "cost", "ballot"]


class MESInstance:
    """An election prepared for (repeated) MES runs: grouped ballots in both orientations.

    Money is counted in integer units of ``1 / scale`` of the currency so that costs are
    integers; utilities are ``factor[p] * value`` with integer ballot values.
    """

    def __init__(
        self,
        election: Election,
        utilities: Utilities = "auto",
        tie_breaking: TieBreaking = ("id",),
        exclusive: bool = True,
    ) -> None:
        if utilities == "auto":
            utilities = "cost" if election.ballot_type.is_approval_like else "ballot"
        self.election = election
        self.utilities = utilities
        self.ties = tie_breaking
        self.tie_rank = tie_ranks(election, tie_breaking)
        budget, costs, scale = scaled_money(election)
        self.budget_units = budget
        self.scale = scale
        self.costs = costs
        self.cost_f = np.asarray(costs, dtype=np.float64)
        # money within TAU of a cost is compared exactly
        self.cost_above = self.cost_f * (1 + TAU)
        self.cost_below = self.cost_f * (1 - TAU)
        self.num_voters = election.num_voters
        self.num_projects = len(election.projects)
        groups = group_ballots(election, support_only=utilities == "cost")
        self.num_groups = groups.num_groups
        self.value_scale = groups.value_scale
        self.weights = groups.weights
        self.weights_f = groups.weights.astype(np.float64)
        # Only positive values are support: a cumulative ballot may list a project with 0
        # points, and a voter cannot be charged for a project they gain nothing from.
        keep = groups.values > 0
        group_of = np.repeat(np.arange(groups.num_groups, dtype=np.int64), np.diff(groups.indptr))
        kept_per_group = np.bincount(group_of[keep], minlength=groups.num_groups)
        # Group-major ballots (CSR): projects of group g are indices[indptr[g]:indptr[g + 1]].
        self.indptr = np.zeros(groups.num_groups + 1, dtype=np.int64)
        np.cumsum(kept_per_group, out=self.indptr[1:])
        self.indices: IntArray = groups.indices[keep]
        self.values: IntArray = groups.values[keep]
        # Project-major copy (CSC): supporters of p are p_groups[p_ptr[p]:p_ptr[p + 1]].
        order = np.argsort(self.indices, kind="stable")
        self.p_groups: IntArray = group_of[keep][order]
        self.p_values: IntArray = self.values[order]
        counts = np.bincount(self.indices, minlength=self.num_projects)
        self.p_ptr = np.zeros(self.num_projects + 1, dtype=np.int64)
        np.cumsum(counts, out=self.p_ptr[1:])
        self.p_weights: IntArray = self.weights[self.p_groups]
        # utility = factor[p] * value, factor = cost (cost utilities) or 1, over value_scale
        if utilities == "cost":
            self.factor = [Fraction(c, groups.value_scale) for c in costs]
        else:
            self.factor = [Fraction(1, groups.value_scale)] * self.num_projects
        factor_f = np.asarray([float(f) for f in self.factor], dtype=np.float64)
        project_of_entry = np.repeat(np.arange(self.num_projects, dtype=np.int64), counts)
        self.p_util_f: FloatArray = self.p_values * factor_f[project_of_entry]
        self.p_weights_f: FloatArray = self.p_weights.astype(np.float64)
        self.p_wu_f: FloatArray = self.p_weights_f * self.p_util_f
        # Total utility and number of supporters per project.
        self.total_wu = np.bincount(
            project_of_entry, weights=self.p_wu_f, minlength=self.num_projects
        )
        self.total_w_f = np.bincount(
            project_of_entry, weights=self.p_weights_f, minlength=self.num_projects
        )
        self.supporters = [int(w) for w in self.total_w_f]
        supported = counts > 0
        self.candidates = [p for p in range(self.num_projects) if supported[p] and costs[p] > 0]
        # pabutools (and equalshares.net) fund supported free projects before the first round.
        free = [p for p in range(self.num_projects) if supported[p] and costs[p] == 0]
        # Exclusion groups (META exclusion_groups): the projects each project excludes.
        self.conflicts: list[list[int]] = (
            conflicts(election) if exclusive else [[] for _ in range(self.num_projects)]
        )
        # Heap entries (lower bound of ρ, tie rank, project), sorted: ρ can never be below
        # cost / (total utility of the supporters).
        with np.errstate(divide="ignore", invalid="ignore"):
            lower = np.where(self.total_wu > 0, self.cost_f / self.total_wu, math.inf)
        self.lower_bounds = sorted(
            (float(lower[p]), self.tie_rank[p], p) for p in range(self.num_projects)
        )
        self.free: list[int] = []
        for p in sorted(free, key=lambda q: self.tie_rank[q]):  # one free project per group
            if not any(q in self.free for q in self.conflicts[p]):
                self.free.append(p)
        self.free.sort()
        self._neighbours: dict[int, tuple[IntArray, IntArray, IntArray]] = {}

    def _neighbourhood(self, p: int) -> tuple[IntArray, IntArray, IntArray]:
        cached = self._neighbours.get(p)
        if cached is None:
            groups = self.p_groups[self.supporters_of(p)]
            entries = entries_of(self.indptr, groups)
            lengths = np.diff(self.indptr)[groups]
            position = np.repeat(np.arange(groups.shape[0], dtype=np.int64), lengths)
            cached = (self.indices[entries], position, lengths)
            self._neighbours[p] = cached
        return cached

    def neighbours(self, p: int) -> tuple[IntArray, IntArray]:
        """For every ballot entry of every supporter group of ``p``: its project, and the
        position of its group among ``p``'s supporters. Cached: add1 buys the same projects
        in run after run."""
        projects, position, _ = self._neighbourhood(p)
        return projects, position

    def ballot_lengths(self, p: int) -> tuple[IntArray, IntArray]:
        """The projects of :meth:`neighbours`, and the ballot length of each supporter group
        of ``p`` (``np.repeat`` by these lengths is cheaper than indexing by position)."""
        projects, _, lengths = self._neighbourhood(p)
        return projects, lengths

    def supporters_of(self, p: int) -> slice:
        return slice(int(self.p_ptr[p]), int(self.p_ptr[p + 1]))

    def base_budget(self) -> Fraction:
        """``B / n`` in money units."""
        return Fraction(self.budget_units, max(self.num_voters, 1))


@dataclass
class RoundRecord:
    project: int
    rho: float
    payments: FloatArray  # per supporter group of the project (per voter in the group)


@dataclass
class MESRun:
    """The result of one MES run at a given per-voter budget."""

    per_voter: Fraction
    selected: list[int]
    rounds: list[RoundRecord]
    lost_round: dict[int, int]
    lost_budget: dict[int, float]
    exact_decisions: int
    excluded: dict[int, int] = field(default_factory=dict)
    # Certified combinatorial structure (every decision clear by more than TAU), or None
    # when not recorded (``recorded`` False) or not certain.
    structure: list[tuple[object, ...]] | None = None
    recorded: bool = False
    # The run's exact bookkeeping, to re-decide close comparisons with later runs (add1).
    ledger: ExactLedger | None = None

    def cost_units(self, instance: MESInstance) -> int:
        return sum(instance.costs[p] for p in self.selected)


def water_fill(
    budgets: FloatArray,
    utils: FloatArray,
    weights: FloatArray,
    cost: float,
    wu: FloatArray | None = None,
    wu_total: float | None = None,
) -> float:
    """Smallest ρ with sum(w * min(b, ρ u)) = cost (float); see :func:`_water_fill`."""
    return _water_fill(budgets, utils, weights, cost, wu, wu_total)[0]


def _water_fill(
    budgets: FloatArray,
    utils: FloatArray,
    weights: FloatArray,
    cost: float,
    wu: FloatArray | None = None,
    wu_total: float | None = None,
) -> tuple[float, FloatArray]:
    """Smallest ρ with sum(w * min(b, ρ u)) = cost (float), assuming it is affordable.

    Poor/rich iteration: voters who cannot pay ρ·u pay everything they have; the rest share
    what is missing in proportion to utility. Starting from ρ = cost / total utility (a lower
    bound), the set of poor voters only grows, so counting it detects the fixed point. It
    usually settles in two or three passes; a sorted sweep handles the rare long cases.
    ``wu`` (weights times utilities) and its total may be passed in when precomputed.
    Returns ρ and every voter's budget per unit of utility (``< ρ`` means pays in full).
    """
    if wu is None:
        wu = weights * utils
    if wu_total is None:
        wu_total = float(wu.sum())
    ratio = budgets / utils
    if wu_total <= 0.0:
        return math.inf, ratio
    rho = cost / wu_total
    poor_count = 0
    wb: FloatArray | None = None
    for _ in range(8):
        poor = ratio < rho
        count = int(np.count_nonzero(poor))
        if count == poor_count:
            return rho, ratio
        poor_count = count
        # sums over the poor as dot products with a 0/1 mask: much faster than masked
        # reductions or fancy indexing on thousands of supporters
        mask = poor.astype(np.float64)
        wu_rich = wu_total - float(np.dot(wu, mask))
        if wu_rich <= 0.0:
            return float(ratio.max()), ratio
        if wb is None:
            wb = weights * budgets
        rho = (cost - float(np.dot(wb, mask))) / wu_rich
    order = np.argsort(ratio, kind="stable")
    # If the k smallest ratios are poor: rho_k = (cost - paid_k) / rest_k.
    paid = np.concatenate(([0.0], np.cumsum((weights * budgets)[order])[:-1]))
    rest = wu_total - np.concatenate(([0.0], np.cumsum(wu[order])[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        rho_k = np.where(rest > 0, (cost - paid) / rest, np.inf)
    sorted_ratio = ratio[order]
    valid = sorted_ratio >= rho_k * (1 - 1e-12)
    k = int(np.argmax(valid)) if valid.any() else len(order) - 1
    return float(min(rho_k[k], sorted_ratio[-1])), ratio


class _Run:
    """State of one MES run (see module docstring)."""

    def __init__(
        self,
        inst: MESInstance,
        per_voter: Fraction,
        record: bool,
        initial: list[int],
        structure: bool = False,
    ) -> None:
        self.inst = inst
        self.record = record
        # The run's combinatorial structure (see run_add1); None when not wanted.
        self.structure: list[tuple[object, ...]] | None = [] if structure else None
        self.ambiguous = False
        b0 = float(per_voter)
        self.b = np.full(inst.num_groups, b0, dtype=np.float64)
        self.exhausted = np.full(inst.num_groups, NEVER, dtype=np.int64)
        self.avail = inst.total_w_f * b0
        self.alive = np.zeros(inst.num_projects, dtype=bool)
        self.alive[inst.candidates] = True
        self.alive[initial] = False
        self.selected: list[int] = list(initial)
        self.rounds: list[RoundRecord] = []
        self.lost_round: dict[int, int] = {}
        self.lost_budget: dict[int, float] = {}
        self.excluded: dict[int, int] = {}  # project -> round of the purchase that excluded it
        for p in initial:
            self._exclude_mates(p)
        self.ledger = ExactLedger(inst, per_voter, self.exhausted)
        # A sorted list is a heap; filtering keeps it sorted.
        alive = self.alive.tolist()
        self.heap: list[tuple[float, int, int]] = [
            item for item in inst.lower_bounds if alive[item[2]]
        ]
        self._drop_unaffordable()

    @property
    def round(self) -> int:
        return len(self.rounds)

    def _lose(self, p: int) -> None:
        if self.structure is not None:
            self.structure.append(("lost", self.round, p))
        self.alive[p] = False
        self.lost_round[p] = self.round + 1
        self.lost_budget[p] = float(self.avail[p])

    def _exclude_mates(self, p: int) -> None:
        for q in self.inst.conflicts[p]:
            if self.alive[q]:
                self.alive[q] = False
                self.excluded[q] = len(self.rounds)

    def _drop_unaffordable(self) -> None:
        inst = self.inst
        short = np.flatnonzero(self.alive & (self.avail < inst.cost_above))
        if short.size == 0:
            return
        clear = self.avail[short] < inst.cost_below[short]
        lost = short[clear].tolist()
        close = [p for p in short[~clear].tolist() if not self.ledger.affordable(p, self.round)]
        if close:
            lost = sorted(lost + close)
        for p in lost:
            self._lose(p)

    def _evaluate(self, p: int) -> float:
        inst = self.inst
        sl = inst.supporters_of(p)
        rho, ratio = _water_fill(
            self.b[inst.p_groups[sl]],
            inst.p_util_f[sl],
            inst.p_weights_f[sl],
            float(inst.cost_f[p]),
            inst.p_wu_f[sl],
            float(inst.total_wu[p]),
        )
        if self.structure is not None:
            # who pays in full; a supporter too close to call makes the structure uncertain
            if np.any(np.abs(ratio - rho) <= TAU * rho):
                self.ambiguous = True
            self.structure.append(("rho", self.round, p, np.packbits(ratio < rho).tobytes()))
        return rho

    def _pick(self) -> tuple[int, float] | None:
        best = math.inf
        evaluated: list[tuple[float, int]] = []
        heap = self.heap
        while heap and heap[0][0] <= best * (1 + TAU):
            _, _, p = heapq.heappop(heap)
            if not self.alive[p]:
                continue
            rho = self._evaluate(p)
            evaluated.append((rho, p))
            best = min(best, rho)
        if not evaluated:
            return None
        near = [p for rho, p in evaluated if rho <= best * (1 + TAU)]
        if len(near) == 1:
            winner = near[0]
        else:
            winner = self.ledger.cheapest(
                near, {p: rho for rho, p in evaluated}, self.b, self.round
            )
        winner_rho = math.inf
        for rho, p in evaluated:
            if p != winner:
                heapq.heappush(heap, (rho, self.inst.tie_rank[p], p))
            else:
                winner_rho = rho
        return winner, winner_rho

    def _buy(self, p: int, rho: float) -> None:
        inst = self.inst
        r = self.round
        sl = inst.supporters_of(p)
        groups = inst.p_groups[sl]
        utils = inst.p_util_f[sl]
        budgets = self.b[groups]
        level = rho * utils
        left = budgets - level
        active = self.exhausted[groups] == NEVER
        # (groups that ran out hold exactly 0, never within TAU of a positive share)
        if (np.abs(left) <= TAU * level).any():
            # Someone can pay almost exactly their share: decide who pays in full exactly.
            exact_rho, poor = self.ledger.water_fill(p, r, rho, self.b)
            rho = float(exact_rho)
            level = rho * utils
            new_budget = np.where(poor | ~active, 0.0, np.maximum(budgets - level, 0.0))
        else:
            poor = active & (left < 0.0)
            new_budget = np.maximum(left, 0.0)
        paid = budgets - new_budget
        self.exhausted[groups[poor]] = r
        self.b[groups] = new_budget
        self.alive[p] = False
        if self.structure is not None:
            self.structure.append(("buy", r, p))
        self.ledger.bought(p, r, rho)
        self.selected.append(p)
        self.rounds.append(RoundRecord(p, rho, paid if self.record else np.zeros(0)))
        self._exclude_mates(p)
        # Every project sharing a supporter group loses that group's payment from its pool.
        projects, lengths = inst.ballot_lengths(p)
        amount = np.repeat(paid * inst.p_weights_f[sl], lengths)
        self.avail -= np.bincount(projects, weights=amount, minlength=inst.num_projects)
        self._drop_unaffordable()

    def follows(self, lower: MESRun) -> bool:
        """Buy the winners of ``lower`` (a run at a lower budget per voter) in their order,
        and tell whether every run between that budget and this one certainly buys exactly
        them (see :func:`run_add1`): in every round, each other project still affordable
        here costs more per unit of utility here than the winner did there (or as much, and
        the winner comes first in the tie-breaking), and at the end nothing is affordable
        here. Comparisons closer than ``TAU`` are made exactly.

        When it fails, the rounds bought so far are those of every run in between, this
        one included, and the state is left as :meth:`run` needs it to go on: the check of
        the very next budget step is then the first part of that step's run."""
        heap = self.heap
        for t, record in enumerate(lower.rounds):
            winner = record.project
            if not self.alive[winner]:
                return False
            threshold = record.rho * (1 + TAU)
            put_back: list[tuple[float, int, int]] = []  # exactly dearer, though close
            certain = True
            while heap and heap[0][0] <= threshold:
                item = heapq.heappop(heap)
                p = item[2]
                if not self.alive[p]:
                    continue
                if p == winner:
                    put_back.append(item)
                    continue
                rho = self._evaluate(p)
                if rho > threshold:
                    heapq.heappush(heap, (rho, item[1], p))  # a lower bound for later rounds
                    continue
                put_back.append((rho, item[1], p))
                if not self._exactly_dearer(p, rho, winner, t, lower):
                    certain = False
                    break
            for item in put_back:
                heapq.heappush(heap, item)
            if not certain:
                return False
            self._buy(winner, self._evaluate(winner))
        return not self.alive.any()

    def _exactly_dearer(self, p: int, rho: float, winner: int, t: int, lower: MESRun) -> bool:
        """Is ``p``'s ρ here above the ρ ``winner`` had in round ``t`` of ``lower`` (or
        equal, with the winner first in the tie-breaking)? Exact."""
        if lower.ledger is None or rho < lower.rounds[t].rho * (1 - TAU):
            return False
        there = lower.ledger.exact_rho(t)
        here = self.ledger.water_fill(p, self.round, rho, self.b)[0]
        rank = self.inst.tie_rank
        return here > there or (here == there and rank[winner] < rank[p])

    def run(self) -> MESRun:
        while True:
            picked = self._pick()
            if picked is None:
                break
            self._buy(*picked)
        return self.result()

    def result(self) -> MESRun:
        certified = self.structure is not None and not self.ambiguous
        return MESRun(
            per_voter=self.ledger.per_voter,
            selected=self.selected,
            rounds=self.rounds,
            lost_round=self.lost_round,
            lost_budget=self.lost_budget,
            exact_decisions=self.ledger.decisions,
            excluded=self.excluded,
            structure=self.structure if certified and not self.ledger.decisions else None,
            recorded=self.structure is not None,
            ledger=self.ledger,
        )


def run_mes(
    inst: MESInstance, per_voter: Fraction, *, record: bool = False, structure: bool = False
) -> MESRun:
    """One MES run with ``per_voter`` money units for every voter."""
    return _Run(inst, per_voter, record, list(inst.free), structure).run()


def is_exhaustive(inst: MESInstance, selected: list[int]) -> bool:
    """No supported project outside ``selected`` fits in what is left of the budget."""
    left = inst.budget_units - sum(inst.costs[p] for p in selected)
    chosen = set(selected)
    for p in selected:
        chosen.update(inst.conflicts[p])  # excluded by a funded project of its group
    return not any(inst.costs[p] <= left for p in inst.candidates if p not in chosen)


def run_add1(
    inst: MESInstance,
    *,
    increment: Fraction = Fraction(1),
    progress: o.ProgressCallback | None = None,
) -> tuple[MESRun, int]:
    """MES with add1 completion; returns the kept run and its number of budget steps.

    ``increment`` is in currency units per voter (1 for add1). The result is that of
    running MES at every step ``k = 0, 1, 2, ...`` (as :func:`_run_add1_reference` with
    ``skip=False`` does), but a run is made only where the winners can change:

    Take the run at step ``k`` and a later step ``k + d``, and buy the winners of the run
    at ``k`` in the same order with the budget of step ``k + d``. Every voter's money is
    then, round by round, a non-decreasing function of the starting budget (a supporter
    keeps ``max(b - ρ·u, 0)``, and ``ρ`` falls as money rises), so at every step in
    between each voter holds at least what they hold at ``k`` and at most what they hold
    at ``k + d``. Since ρ of a project only falls as its supporters' money rises, the
    winner of each round costs at most its ρ at ``k``, and every other project at least its
    ρ at ``k + d``. So if, in every round, every other project still affordable at
    ``k + d`` is clearly dearer there than the winner was at ``k`` (by more than ``TAU``),
    and nothing is left affordable at ``k + d`` after the last round, every step in between
    buys the same projects in the same order: the same outcome, not computed. Such a check
    costs about one run, and a failed check of step ``k + 1`` goes on as the run of that
    step, so checking the next step is free. ``d`` is guessed from the last stretch
    (doubling, then halving towards a step that failed). Close to a step where the winners
    change, the certified stretches shrink geometrically, so each change costs a dozen
    checks. Budapest VIII Józsefváros (74,755 one-forint steps): about 870 runs and checks
    (the former search: 8,268 runs); where the winners change at almost every step (Łódź,
    Warsaw Ursynów), checks of longer stretches are paused.
    """
    step = increment * inst.scale
    base = inst.base_budget()

    def budget_at(k: int) -> Fraction:
        return base + k * step

    guess = 1  # the first stretch to try: half the longest of the last chain
    failures, pause, quiet_until = 0, 1, -1
    k = 0
    current = run_mes(inst, budget_at(0))
    while True:
        if is_exhaustive(inst, current.selected):
            return current, k
        # Extend the stretch of runs with the same winners as far as it can be certified;
        # ``current`` is then the run at the stretch's last step. A failed check of the very
        # next step goes on as that step's run.
        longest, limit = 0, -1  # limit: a step not certified from here
        d = guess if k > quiet_until else 1
        while True:
            later = _Run(inst, budget_at(k + d), False, list(inst.free))
            if later.follows(current):
                k, current, longest = k + d, later.result(), max(longest, d)
                # Double while nothing has failed, then bisect towards the failed step.
                d = 2 * d if limit <= k else max(min(d, limit - k) // 2, 1)
            elif d == 1:
                following = later.run()
                break
            else:
                limit, d = k + d, d // 2
        guess = max(longest // 2, 1)
        if longest:
            failures, pause = 0, 1
        elif k > quiet_until:
            failures += 1
            if failures >= 2:  # the winners keep changing: try long stretches less often
                pause = min(2 * pause, 64)
                quiet_until, failures = k + pause, 0
        if following.cost_units(inst) > inst.budget_units:
            return current, k
        k, current = k + 1, following
        if progress is not None:
            progress(f"add1: step {k}, {float(budget_at(k)) / inst.scale:,.2f} per voter")


def _run_add1_reference(
    inst: MESInstance,
    *,
    increment: Fraction = Fraction(1),
    progress: o.ProgressCallback | None = None,
    skip: bool = True,
) -> tuple[MESRun, int]:
    """The former add1 loop, kept as a reference for tests: same result as
    :func:`run_add1`, but it proves runs identical only when their whole combinatorial
    structure is (rather than their winners), so on forint budgets it makes thousands of
    runs. ``skip=False`` runs MES at every step, the definition itself.

    Fix the combinatorial structure of a run (which projects it evaluated in which round,
    which supporters could not pay their full share in each evaluation, which projects it
    bought or found unaffordable, in which order). With the structure fixed, every budget,
    every ρ and every sum of money is an affine function of the starting budget per voter,
    and every decision compares two of them. If runs at steps ``k`` and ``k + d`` have the
    same structure, with every comparison clear by more than ``TAU`` (no exact re-decision
    was needed), each comparison holds at both ends and hence at every step in between:
    those runs have the same structure and the same outcome, and are not computed. Steps
    ``d`` are probed by doubling and then bisection; probes are kept for reuse. Where the
    structure changes at every step (Łódź) this costs nothing, as the probe at ``k + 1`` is
    the next run anyway; where it rarely changes (Budapest, whose forint budgets need
    tens of thousands of one-forint steps) it saves almost every run. ``skip=False`` runs
    every step (to test that skipping changes nothing).
    """
    step = increment * inst.scale
    base = inst.base_budget()
    runs: dict[int, MESRun] = {}
    # Recording the structure costs about a third of a run. Where consecutive runs keep
    # differing, stop recording for a while (2, 4, ... 64 steps) before trying again.
    misses, pause, quiet_until = 0, 1, -1 if skip else math.inf
    stretch = 1  # length of the last stretch of identical runs

    def at(k: int, structure: bool) -> MESRun:
        cached = runs.get(k)
        if cached is None or (structure and not cached.recorded):
            cached = run_mes(inst, base + k * step, structure=structure)
            runs[k] = cached
        return cached

    def same(k: int, other: int) -> bool:
        here, there = at(k, True).structure, at(other, True).structure
        return here is not None and here == there

    previous: int | None = None
    k = 0
    while True:
        recording = k > quiet_until
        current = at(k, recording)
        if current.cost_units(inst) > inst.budget_units:
            assert previous is not None  # B / n per voter can never overspend
            return runs[previous], previous
        if is_exhaustive(inst, current.selected):
            return current, k
        # Find the last step known to give this same outcome: gallop from the length of
        # the previous stretch, then bisect.
        good, bad = 0, max(stretch, 1)
        while recording and current.structure is not None and same(k, k + bad):
            good, bad = bad, 2 * bad
        if recording and current.structure is not None and bad > 1 and (good or stretch > 1):
            while bad - good > 1:
                middle = (good + bad) // 2
                good, bad = (middle, bad) if same(k, k + middle) else (good, middle)
        stretch = good
        if good:
            misses, pause = 0, 1
        elif recording:
            misses += 1
            if misses >= 2:
                pause = min(2 * pause, 64)
                quiet_until, misses = k + pause, 0
        previous = k + good
        k = previous + 1
        for stale in [key for key in runs if key < previous]:
            del runs[stale]
        if progress is not None:
            progress(f"add1: step {k}, {float(base + k * step) / inst.scale:,.2f} per voter")


def _payments(paid: FloatArray, inst: MESInstance, p: int, scale: int) -> tuple[o.Payment, ...]:
    sl = inst.supporters_of(p)
    weights = inst.p_weights[sl]
    cents = np.round(paid / scale, 2)
    amounts, inverse = np.unique(cents, return_inverse=True)
    voters = np.bincount(inverse.reshape(-1), weights=weights, minlength=amounts.shape[0])
    items = [
        o.Payment(amount=float(a), voters=int(v))
        for a, v in zip(amounts, voters, strict=True)
        if v > 0
    ]
    return tuple(sorted(items, key=lambda x: -x.amount))


def explain_run(
    inst: MESInstance, run: MESRun, completed: tuple[int, ...] = ()
) -> list[o.MESExplanation]:
    """Per-project explanations for a recorded run (``record=True``)."""
    election = inst.election
    scale = inst.scale
    by_project = {rec.project: (k + 1, rec) for k, rec in enumerate(run.rounds)}
    rho_unit = 1.0 if inst.utilities == "cost" else float(scale)
    items: list[o.MESExplanation] = []
    for p, project in enumerate(election.projects):
        number: int | None = None
        rho: float | None = None
        payments: tuple[o.Payment, ...] = ()
        left: float | None = None
        if p in by_project:
            number, rec = by_project[p]
            reason, rho = o.SELECTED, rec.rho / rho_unit
            payments = _payments(rec.payments, inst, p, scale)
        elif p in run.selected:  # free project, funded before the first round
            reason, number = o.SELECTED, 0
        elif p in completed:
            reason = o.SELECTED_IN_COMPLETION
        elif p in run.excluded:
            reason, number = o.EXCLUDED, run.excluded[p]
        elif p in run.lost_round:
            reason, number = o.SUPPORTERS_OUT_OF_MONEY, run.lost_round[p]
            left = run.lost_budget[p] / scale
        else:
            reason = o.NO_SUPPORTERS
        items.append(
            o.MESExplanation(
                project_id=project.id,
                name=project.name,
                cost=project.cost,
                supporters=inst.supporters[p],
                selected=reason in (o.SELECTED, o.SELECTED_IN_COMPLETION),
                reason=reason,
                round=number,
                rho=rho,
                payments=payments,
                supporters_budget=left,
            )
        )
    return items


def method_of_equal_shares(
    election: Election,
    *,
    completion: Literal["none", "add1", "add1-utilitarian"] = "none",
    utilities: Utilities = "auto",
    tie_breaking: str | TieBreaking | None = None,
    per_voter: Fraction | None = None,
    progress: o.ProgressCallback | None = None,
) -> o.Outcome:
    """The Method of Equal Shares with an optional completion (see the module docstring).

    ``completion``: ``none`` (plain MES), ``add1``, or ``add1-utilitarian`` (add1, then
    ``greedy`` by score over what is left of the budget, among projects with support).
    ``per_voter`` overrides the starting budget per voter (currency units) for plain MES.
    """
    ties = parse_tie_breaking(tie_breaking)
    inst = MESInstance(election, utilities, ties)
    steps = 0
    if completion == "none":
        start = inst.base_budget() if per_voter is None else Fraction(per_voter) * inst.scale
        recorded = run_mes(inst, start, record=True)
    else:
        kept, steps = run_add1(inst, progress=progress)
        # Re-run the kept budget once with recording on: explanations cost memory, and
        # add1 makes many runs whose details are thrown away.
        recorded = run_mes(inst, kept.per_voter, record=True)
    selected = [election.projects[p].id for p in recorded.selected]
    completed: tuple[int, ...] = ()
    if completion == "add1-utilitarian":
        filled = run_greedy(
            election,
            tie_breaking=ties,
            initial=tuple(selected),
            supported_only=True,
            exclusive=inst.conflicts,
        )
        index = election.project_index()
        completed = tuple(index[pid] for pid in filled.selected[len(selected) :])
        selected = list(filled.selected)
    rule = {"none": "mes", "add1": "mes-add1", "add1-utilitarian": "mes-add1-utilitarian"}[
        completion
    ]
    cost_units = sum(inst.costs[election.project_index()[pid]] for pid in selected)
    per_voter_money = recorded.per_voter / inst.scale
    details: dict[str, object] = {
        "utilities": inst.utilities,
        # exact as a fraction, and rounded to cents for display
        "per_voter_budget": per_voter_money,
        "per_voter_budget_rounded": round(float(per_voter_money), 2),
        "rounds": len(recorded.rounds),
    }
    if completion != "none":
        details["add1_steps"] = steps
    if any(inst.conflicts):
        details["exclusion_groups"] = [list(g) for g in exclusion_groups(election)]
    return o.Outcome(
        rule=rule,
        selected=tuple(selected),
        budget=election.budget,
        total_cost=money(cost_units, inst.scale),
        tie_breaking=ties,
        explanations=tuple(explain_run(inst, recorded, completed)),
        details=details,
    )
