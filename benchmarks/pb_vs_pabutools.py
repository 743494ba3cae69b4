"""samskab.pb against pabutools on Pabulib files: parsing, and the whole MES run.

    python benchmarks/pb_vs_pabutools.py FILE.pb [FILE.pb ...] [--repeat 5]

For each file, in the same run, it prints CPU time (user + system) and wall time of:

* our parse: ``read_pabulib`` in this process, best of ``--repeat``;
* pabutools' parse: ``pabutools.election.parse_pabulib``, once (it takes seconds);
* our whole CLI run: ``samskab-pb compute FILE --rule mes-add1`` in a fresh Python process
  (interpreter start, imports, parsing, MES with add1, printing), best of ``--repeat``
  after one untimed run; its CPU time comes from the child's resource usage
  (``os.wait4``). The child may cache bytecode (in a temporary folder), as an installed
  command does, even when ``PYTHONDONTWRITEBYTECODE`` is set here: compiling the engine's
  sources on every run would add about 40 ms that no user pays;
* pabutools' plain MES: ``method_of_equal_shares(..., sat_class=Cost_Sat)`` without add1,
  on the profile pabutools already parsed, once;

and the ratios pabutools / samskab.pb. The goal of issue 19 is 50x for both, on Łódź 2022.
CPU time is the fairer figure on a loaded machine; wall time is shown beside it.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GOAL = 50.0


@dataclass(frozen=True)
class Timing:
    cpu: float
    wall: float

    def __str__(self) -> str:
        return f"{self.cpu:8.3f} s CPU {self.wall:8.3f} s wall"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(work: Callable[[], Any], repeat: int = 1) -> tuple[Timing, Any]:
    """Best CPU and best wall time of ``repeat`` runs (each minimum taken on its own)."""
    cpu = wall = float("inf")
    result: Any = None
    for _ in range(repeat):
        result = None  # the previous result is freed here, not in the timed part
        gc.collect()
        cpu0, wall0 = _cpu(), time.perf_counter()
        result = work()
        wall = min(wall, time.perf_counter() - wall0)
        cpu = min(cpu, _cpu() - cpu0)
    return Timing(cpu, wall), result


def measure_cli(args: list[str], repeat: int) -> tuple[Timing, str]:
    """Best CPU and wall time of a child process (CPU from its own resource usage), after
    one untimed run that fills the bytecode cache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "samskab-pb-bench-pycache")
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    cpu = wall = float("inf")
    out = ""
    for _ in range(repeat):
        wall0 = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        assert child.stdout is not None
        out = child.stdout.read().decode()
        _, status, usage = os.wait4(child.pid, 0)
        wall = min(wall, time.perf_counter() - wall0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed with status {child.returncode}")
        cpu = min(cpu, usage.ru_utime + usage.ru_stime)
    return Timing(cpu, wall), out


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("samskab-pb")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "samskab.pb"]


def ratio(theirs: Timing, ours: Timing) -> str:
    cpu = theirs.cpu / ours.cpu if ours.cpu > 0 else float("inf")
    wall = theirs.wall / ours.wall if ours.wall > 0 else float("inf")
    mark = "ok" if cpu >= GOAL else f"below the goal of {GOAL:.0f}x"
    return f"{cpu:7.1f}x CPU {wall:7.1f}x wall  ({mark}, CPU)"


def bench(path: Path, repeat: int) -> None:
    from pabutools.election import Cost_Sat
    from pabutools.election import parse_pabulib as pabutools_parse
    from pabutools.rules import method_of_equal_shares as pabutools_mes

    from samskab.pb.pabulib import read_pabulib

    print(f"== {path.name}", flush=True)
    ours_parse, election = measure(lambda: read_pabulib(path), repeat)
    print(
        f"  samskab.pb parse           {ours_parse}   "
        f"({election.num_voters:,} voters, {len(election.projects)} projects)",
        flush=True,
    )
    ours_cli, selected = measure_cli(
        [*cli_command(), "compute", str(path), "--rule", "mes-add1"], repeat
    )
    print(f"  samskab-pb compute mes-add1 {ours_cli}   ({len(selected.split())} selected)")
    theirs_parse, (instance, profile) = measure(lambda: pabutools_parse(str(path)))
    print(f"  pabutools parse            {theirs_parse}", flush=True)
    theirs_mes, budget_allocation = measure(
        lambda: pabutools_mes(instance, profile, sat_class=Cost_Sat)
    )
    print(
        f"  pabutools MES (no add1)    {theirs_mes}   ({len(budget_allocation)} selected)",
        flush=True,
    )
    print(f"  parse: pabutools / samskab.pb            {ratio(theirs_parse, ours_parse)}")
    print(f"  pabutools MES / samskab-pb CLI mes-add1  {ratio(theirs_mes, ours_cli)}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="Pabulib .pb files")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of our side, best taken (default 5)"
    )
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    for path in args.files:
        bench(path, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
