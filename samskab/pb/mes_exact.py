"""Exact re-decisions for the float MES engine in :mod:`samskab.pb.mes`.

Every voter group's remaining money has a closed form. A group that has not yet run out
paid exactly ``ρ_s · u_g(p_s)`` for every project ``p_s`` it supported in earlier rounds
``s``, so before round ``t`` it holds

    b_g = b0 - sum over s < t with g supporting p_s of  ρ_s · factor(p_s) · value_g(p_s)

and a group that once could not pay its full share paid everything and holds exactly 0.
``ρ_s`` itself follows from the same formula: the supporters who could not pay their full
share in round ``s`` (``exhausted == s``) paid their whole budget, the others share the rest
in proportion to utility. So exact values need only the exact ``ρ`` of past rounds,
computed on demand with :class:`fractions.Fraction`, and integer sums from NumPy.

This is only used when a float decision is too close to call, which keeps MES as fast as
the float code on real data while its result is that of exact arithmetic.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from samskab.pb.model import BoolArray, FloatArray, IntArray
from samskab.pb.tally import exact_bincount

if TYPE_CHECKING:
    from samskab.pb.mes import MESInstance

# Relative margin below which a float decision is re-decided exactly: far above float64
# rounding after thousands of operations (~1e-13), far below any real difference.
TAU = 1e-9
NEVER = np.iinfo(np.int64).max  # "exhausted" round of a group that still has money


def entries_of(indptr: IntArray, rows: IntArray) -> IntArray:
    """Positions of all CSR entries of ``rows`` (concatenated, in row order)."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    result: IntArray = offsets + np.arange(int(lengths.sum()), dtype=np.int64)
    return result


class ExactLedger:
    """Exact bookkeeping for one MES run; shares ``exhausted`` with the float state."""

    def __init__(self, inst: MESInstance, per_voter: Fraction, exhausted: IntArray) -> None:
        self.inst = inst
        self.per_voter = per_voter
        self.exhausted = exhausted
        self.round_of = np.full(inst.num_projects, -1, dtype=np.int64)
        self.round_project: list[int] = []
        self.rho: list[Fraction | None] = []
        self.known: dict[tuple[int, int], tuple[Fraction, BoolArray]] = {}
        self.decisions = 0

    # -- closed forms ---------------------------------------------------------------
    def exact_rho(self, t: int) -> Fraction:
        """Exact ρ of round ``t`` (computing earlier rounds first, as they are needed)."""
        for s in range(t + 1):
            if self.rho[s] is None:
                self.rho[s] = self._rho_of_round(s)
        value = self.rho[t]
        assert value is not None
        return value

    def _rho_of_round(self, s: int) -> Fraction:
        inst = self.inst
        p = self.round_project[s]
        sl = inst.supporters_of(p)
        groups = inst.p_groups[sl]
        state = self.exhausted[groups]
        capped = state == s
        rich = state > s
        weights, values = inst.p_weights[sl], inst.p_values[sl]
        shared = inst.factor[p] * int(np.dot(weights[rich], values[rich]))
        return (inst.costs[p] - self.money_of(groups[capped], s)) / shared

    def money_of(self, groups: IntArray, t: int) -> Fraction:
        """Exact total money (weight times budget) of ``groups`` before round ``t``.

        The groups must still have money at that point (not exhausted before ``t``).
        """
        if groups.size == 0:
            return Fraction(0)
        inst = self.inst
        total = int(inst.weights[groups].sum()) * self.per_voter
        entries = entries_of(inst.indptr, groups)
        projects = inst.indices[entries]
        rounds = self.round_of[projects]
        paid = (rounds >= 0) & (rounds < t)
        if not paid.any():
            return total
        group_weight = np.repeat(inst.weights[groups], np.diff(inst.indptr)[groups])
        coefficient = exact_bincount(
            rounds[paid], group_weight[paid] * inst.values[entries][paid], t
        )
        for s in np.flatnonzero(coefficient).tolist():
            q = self.round_project[s]
            total -= self.exact_rho(s) * inst.factor[q] * int(coefficient[s])
        return total

    # -- decisions ------------------------------------------------------------------
    def bought(self, p: int, t: int, rho: float) -> None:
        self.round_of[p] = t
        self.round_project.append(p)
        known = self.known.get((p, t))
        self.rho.append(known[0] if known else None)

    def affordable(self, p: int, t: int) -> bool:
        """Can the supporters of ``p`` still pay its cost (before round ``t``)?"""
        self.decisions += 1
        inst = self.inst
        groups = inst.p_groups[inst.supporters_of(p)]
        alive = groups[self.exhausted[groups] == NEVER]
        return self.money_of(alive, t) >= inst.costs[p]

    def water_fill(
        self, p: int, t: int, rho_float: float, budgets: FloatArray
    ) -> tuple[Fraction, BoolArray]:
        """Exact ρ of project ``p`` before round ``t``, and which supporters pay in full.

        Starts from the supporters the float computation says are clearly unable to pay
        their share and adds the borderline ones exactly (poor/rich iteration).
        """
        cached = self.known.get((p, t))
        if cached is not None:
            return cached
        self.decisions += 1
        inst = self.inst
        sl = inst.supporters_of(p)
        groups = inst.p_groups[sl]
        weights, values = inst.p_weights[sl], inst.p_values[sl]
        active = self.exhausted[groups] == NEVER
        held = budgets[groups]
        level = rho_float * inst.p_util_f[sl]
        boundary = active & (np.abs(held - level) <= TAU * level)
        poor = active & (held < level) & ~boundary
        exact_budget: dict[int, Fraction] = {}
        while True:
            rich = active & ~poor
            shared = inst.factor[p] * int(np.dot(weights[rich], values[rich]))
            rho = (inst.costs[p] - self.money_of(groups[poor], t)) / shared
            added = False
            for k in np.flatnonzero(boundary & ~poor).tolist():
                g = int(groups[k])
                if g not in exact_budget:
                    exact_budget[g] = self.money_of(np.asarray([g]), t) / int(inst.weights[g])
                if exact_budget[g] < rho * inst.factor[p] * int(values[k]):
                    poor[k] = True
                    added = True
            if not added:
                break
        self.known[(p, t)] = (rho, poor)
        return rho, poor

    def cheapest(
        self, near: list[int], rho_float: dict[int, float], budgets: FloatArray, t: int
    ) -> int:
        """Among projects whose float ρ are within ``TAU``, the exact cheapest (ties by rank)."""
        exact = {p: self.water_fill(p, t, rho_float[p], budgets)[0] for p in near}
        best = min(exact.values())
        return min((p for p in near if exact[p] == best), key=lambda p: self.inst.tie_rank[p])
