"""Time samskab.pb beside pabutools on the same Pabulib file, in the same run.

    python benchmarks/pb_rules.py                      # Łódź 2022, every rule, with pabutools
    python benchmarks/pb_rules.py --skip-pabutools     # only samskab.pb (a few seconds)
    python benchmarks/pb_rules.py --rules greedy,mes   # a subset
    python benchmarks/pb_rules.py --all DIR            # every rule on every .pb file in DIR

In corpus mode (``--all``) each file is read once and every rule (or ``--rules``) is run
once on it; the output lists, per rule, the ten slowest files (``--top``), so that
regressions on particular elections show. Rules a file cannot use (e.g. Phragmén on
cumulative ballots) and files the reader refuses are counted and named, not timed.

pabutools 1.2.3 needs about 30 s per rule on Łódź 2022, so a full run takes several minutes.
MES with add1 in pabutools reruns MES once per budget step (58 steps on Łódź, about half an
hour); unless --full-pabutools-add1 is given, its time is estimated as (steps + 1) times
its measured plain MES run, and marked "est.".

Timing: samskab.pb is timed as the best of --repeat runs, pabutools once. Both use pabutools'
default tie-breaking (by project id) so that their outcomes can be compared. Memory: peak
resident set size of this process after the samskab.pb part (before pabutools is loaded),
and the tracemalloc peak of parse + MES with add1.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from samskab.pb.model import Election  # noqa: E402
from samskab.pb.pabulib import PabulibError, read_pabulib  # noqa: E402
from samskab.pb.rules import RULES, compute  # noqa: E402

DATA = Path(os.environ.get("SAMSKAB_PABULIB_DIR", REPO.parent / "shared" / "data" / "pabulib"))
DEFAULT_FILE = DATA / "Poland_Lodz_2022.pb"
TIES = "lexicographic"  # pabutools' default tie-breaking
GOAL_END_TO_END = 2.0
GOAL_RATIO = 100.0
GOAL_MEMORY_MB = 500.0


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def once(work: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS)
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


class Pabutools:
    """The pabutools equivalents of our rules (None where pabutools has no such rule)."""

    def __init__(self, path: Path) -> None:
        from pabutools.election import parse_pabulib

        self.parse: Callable[[], Any] = lambda: parse_pabulib(str(path))
        self.instance: Any = None
        self.profile: Any = None

    def load(self) -> float:
        elapsed, (self.instance, self.profile) = once(self.parse)
        return elapsed

    def rule(self, name: str, full_add1: bool) -> Callable[[], Any] | None:
        from pabutools.election import Cost_Sat
        from pabutools.rules import (
            greedy_utilitarian_welfare,
            method_of_equal_shares,
            sequential_phragmen,
        )

        inst, prof = self.instance, self.profile
        rules: dict[str, Callable[[], Any]] = {
            "greedy": lambda: greedy_utilitarian_welfare(inst, prof, sat_class=Cost_Sat),
            "mes": lambda: method_of_equal_shares(inst, prof, sat_class=Cost_Sat),
            "phragmen": lambda: sequential_phragmen(inst, prof),
        }
        if full_add1:
            rules["mes-add1"] = lambda: method_of_equal_shares(
                inst, prof, sat_class=Cost_Sat, voter_budget_increment=1
            )
        return rules.get(name)


def same_outcome(step: str, mine: list[str], theirs: list[str]) -> bool:
    if step in ("greedy", "phragmen"):  # pabutools may return these in another order
        return sorted(mine) == sorted(theirs)
    return mine == theirs


def report(
    ours: dict[str, tuple[float, Any]], theirs: dict[str, tuple[float, Any, bool]], rules: list[str]
) -> None:
    header = f"{'step':<22}{'samskab.pb':>12}{'pabutools':>18}{'ratio':>10}  same outcome"
    print(header)
    print("-" * len(header))
    for step in ["parse", *rules]:
        if step not in ours:
            continue
        mine = ours[step][0]
        other = theirs.get(step)
        same = "-"
        if other is not None and other[1] is not None:
            ok = same_outcome(step, list(ours[step][1].selected), other[1])
            same = "yes" if ok else "NO"
        pab = "n/a" if other is None else seconds(other[0]) + (" est." if other[2] else "")
        ratio = "" if other is None else f"{other[0] / mine:,.0f}x"
        print(f"{step:<22}{seconds(mine):>12}{pab:>18}{ratio:>10}  {same}")
    print()


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one call (CPU time shows the work on a busy machine)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def corpus(folder: Path, rules: list[str], top: int) -> int:
    """Every rule on every file of ``folder``: the slowest ``top`` files per rule (by wall
    time, with the CPU time beside it)."""
    files = sorted(folder.glob("*.pb"))
    if not files:
        print(f"no .pb files in {folder}")
        return 2
    print(f"corpus: {folder} ({len(files)} files)")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}\n"
    )
    times: dict[str, list[tuple[float, float, str]]] = {step: [] for step in ["parse", *rules]}
    refused: dict[str, list[str]] = {step: [] for step in times}
    for number, path in enumerate(files, start=1):
        print(f"[{number}/{len(files)}] {path.name}", file=sys.stderr, flush=True)
        try:
            elapsed, cpu, election = timed(partial(read_pabulib, path))
        except PabulibError as exc:
            refused["parse"].append(f"{path.name}: {exc}")
            continue
        times["parse"].append((elapsed, cpu, path.name))
        for rule in rules:
            try:
                elapsed, cpu, _ = timed(partial(compute, election, rule))
            except ValueError as exc:
                refused[rule].append(f"{path.name}: {exc}")
                continue
            times[rule].append((elapsed, cpu, path.name))
    for step, measured in times.items():
        measured.sort(reverse=True)
        total = sum(t for t, _, _ in measured)
        total_cpu = sum(c for _, c, _ in measured)
        print(
            f"{step}: {len(measured)} files, total {seconds(total)} "
            f"(CPU {seconds(total_cpu)}), slowest {top} (wall, CPU):"
        )
        for elapsed, cpu, name in measured[:top]:
            print(f"  {seconds(elapsed):>10} {seconds(cpu):>10}  {name}")
        if refused[step]:
            print(f"  not computed for {len(refused[step])} files:")
            for line in refused[step]:
                print(f"    {line[:150]}")
        print()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="a Pabulib .pb file")
    parser.add_argument("--rules", default=",".join(RULES), help="comma-separated rule names")
    parser.add_argument("--skip-pabutools", action="store_true", help="time samskab.pb only")
    parser.add_argument(
        "--full-pabutools-add1",
        action="store_true",
        help="really run pabutools' MES with add1 (slow) instead of estimating it",
    )
    parser.add_argument("--repeat", type=int, default=3, help="samskab.pb runs per step")
    parser.add_argument(
        "--all",
        type=Path,
        metavar="DIR",
        help="corpus mode: every rule on every .pb file in DIR, slowest files per rule",
    )
    parser.add_argument("--top", type=int, default=10, help="files listed per rule (--all)")
    args = parser.parse_args(argv)
    rules = [r.strip() for r in args.rules.split(",") if r.strip()]
    unknown = [r for r in rules if r not in RULES]
    if unknown:
        parser.error(f"unknown rules: {', '.join(unknown)} (known: {', '.join(RULES)})")
    if args.all is not None:
        return corpus(args.all, rules, args.top)

    print(f"file: {args.file.name}")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}"
    )

    # --- samskab.pb --------------------------------------------------------------
    ours: dict[str, tuple[float, Any]] = {}
    ours["parse"] = best_of(args.repeat, lambda: read_pabulib(args.file))
    election: Election = ours["parse"][1]
    approvals = int(election.profile.indices.shape[0])
    print(
        f"{election.num_voters:,} voters, {len(election.projects)} projects, "
        f"{approvals:,} ballot entries, {election.ballot_type} ballots\n"
    )
    for rule in rules:

        def run(rule: str = rule) -> Any:
            return compute(election, rule, tie_breaking=TIES)

        try:
            ours[rule] = best_of(args.repeat, run)
        except ValueError as exc:
            print(f"{rule}: skipped ({exc})")

    def end_to_end() -> Any:
        return compute(read_pabulib(args.file), "mes-add1", tie_breaking=TIES)

    e2e_time, _ = best_of(args.repeat, end_to_end)
    rss_ours = peak_rss_mb()
    tracemalloc.start()
    end_to_end()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # --- pabutools ---------------------------------------------------------------
    theirs: dict[str, tuple[float, Any, bool]] = {}  # time, outcome, estimated?
    rss_theirs: float | None = None
    if not args.skip_pabutools:
        print(f"pabutools {metadata.version('pabutools')}")
        reference = Pabutools(args.file)
        print("pabutools: parsing ...", flush=True)
        theirs["parse"] = (reference.load(), None, False)
        for rule in rules:
            work = reference.rule(rule, args.full_pabutools_add1)
            if work is None:
                continue
            print(f"pabutools: {rule} ...", flush=True)
            elapsed, allocation = once(work)
            theirs[rule] = (elapsed, [p.name for p in allocation], False)
        if "mes-add1" in ours and "mes-add1" not in theirs and "mes" in theirs:
            steps = int(ours["mes-add1"][1].details["add1_steps"])
            theirs["mes-add1"] = (theirs["mes"][0] * (steps + 1), None, True)
        rss_theirs = peak_rss_mb()
        print()
    report(ours, theirs, rules)

    steps_note = ""
    if "mes-add1" in ours:
        steps_note = f" ({ours['mes-add1'][1].details['add1_steps']} add1 steps)"
    status = "OK" if e2e_time < GOAL_END_TO_END else "OVER GOAL"
    print(
        f"parse + mes-add1, end to end: {seconds(e2e_time)}{steps_note}"
        f"  goal < {GOAL_END_TO_END:.0f} s: {status}"
    )
    ratios = [theirs[r][0] / ours[r][0] for r in rules if r in theirs and r in ours]
    if ratios:
        status = "OK" if min(ratios) >= GOAL_RATIO else "UNDER GOAL"
        print(
            f"slowest rule vs pabutools: {min(ratios):,.0f}x faster"
            f"  goal >= {GOAL_RATIO:.0f}x: {status}"
        )
    status = "OK" if rss_ours < GOAL_MEMORY_MB else "OVER GOAL"
    print(
        f"peak memory: {rss_ours:.0f} MB resident after samskab.pb"
        f"  goal < {GOAL_MEMORY_MB:.0f} MB: {status}"
    )
    print(f"             {traced_peak / 2**20:.0f} MB tracemalloc peak of parse + mes-add1")
    if rss_theirs is not None:
        print(f"             {rss_theirs:.0f} MB resident after pabutools ran as well")
    return 0


if __name__ == "__main__":
    sys.exit(main())
