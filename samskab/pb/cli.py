"""Command line: ``samskab-pb compute FILE.pb --rule RULE [--json]``, ``samskab-pb check FILE.pb``.

Exit status: 0 on success, 1 when ``check`` finds a difference from the official winners,
2 for a bad file, an unsupported rule or a usage error. Progress goes to stderr, and only
when stderr is a terminal, so pipes and logs stay clean.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from samskab.pb.model import Election
from samskab.pb.pabulib import PabulibError, read_pabulib
from samskab.pb.rules import RULES, NoOfficialOutcome, UnsupportedRule, check, compute
from samskab.pb.tiebreak import PRESETS


class Progress:
    """Single-line progress on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = 0.0
        self._shown = False

    def __call__(self, message: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.2:
            return
        self._last = now
        self.stream.write("\r\x1b[2K" + message)
        self.stream.flush()
        self._shown = True

    def done(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samskab-pb",
        description="Compute participatory-budgeting outcomes from Pabulib (.pb) files.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    rules = ["official", *RULES]
    ties_help = (
        f"tie-breaking: a preset ({', '.join(PRESETS)}) or comma-separated criteria "
        "(cost-asc, cost-desc, votes-desc, id, file-order); default: equalshares"
    )
    compute_cmd = commands.add_parser("compute", help="print the winning project ids")
    compute_cmd.add_argument("file", help="a Pabulib .pb file")
    compute_cmd.add_argument(
        "--rule", choices=rules, default="official", help="default: the rule in META"
    )
    compute_cmd.add_argument(
        "--json", action="store_true", help="print the outcome with explanations as JSON"
    )
    compute_cmd.add_argument("--tie-breaking", default=None, help=ties_help)
    compute_cmd.add_argument(
        "--utilities",
        choices=["auto", "cost", "ballot"],
        default="auto",
        help="MES utilities: cost (approval default) or ballot values (points default)",
    )
    check_cmd = commands.add_parser(
        "check", help="compare the computed winners with the file's 'selected' column"
    )
    check_cmd.add_argument("file", help="a Pabulib .pb file")
    check_cmd.add_argument(
        "--rule", choices=rules, default="official", help="default: the rule in META"
    )
    check_cmd.add_argument("--tie-breaking", default=None, help=ties_help)
    return parser


def _load(path: str, progress: Progress) -> Election:
    progress(f"reading {path}", force=True)
    return read_pabulib(path)


def _compute(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    election = _load(args.file, progress)
    progress(f"computing {args.rule}", force=True)
    outcome = compute(
        election,
        args.rule,
        tie_breaking=args.tie_breaking,
        utilities=args.utilities,
        progress=progress,
    )
    progress.done()
    if args.json:
        data = {"file": args.file, **outcome.to_dict()}
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for project_id in outcome.selected:
            out.write(project_id + "\n")
    return 0


def _check(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    election = _load(args.file, progress)
    progress(f"computing {args.rule}", force=True)
    result = check(election, args.rule, tie_breaking=args.tie_breaking, progress=progress)
    progress.done()
    if result.ok:
        out.write(
            f"OK: {result.rule} selects the {len(result.expected)} officially selected projects\n"
        )
        return 0
    out.write(f"DIFFERENT: {result.rule} does not reproduce the 'selected' column\n")
    if result.missing:
        out.write("officially selected but not computed: " + ", ".join(result.missing) + "\n")
    if result.extra:
        out.write("computed but not officially selected: " + ", ".join(result.extra) + "\n")
    return 1


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, Progress], int]] = {
    "compute": _compute,
    "check": _check,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    progress = Progress(sys.stderr)
    try:
        return COMMANDS[args.command](args, sys.stdout, progress)
    except (PabulibError, UnsupportedRule, NoOfficialOutcome, ValueError) as exc:
        progress.done()
        sys.stderr.write(f"samskab-pb: error: {exc}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
