"""Command line: ``samskab-pb compute FILE.pb --rule RULE [--json]``, ``samskab-pb check FILE.pb``.

Exit status: 0 on success, 1 when ``check`` finds a difference from the official winners
that no tie-breaking explains, 2 for a bad file, an unsupported rule or a usage error.
Warnings about odd lines the reader accepted (file, section, line) go to stderr;
``--strict`` makes them errors. Progress goes to stderr, and only when stderr is a terminal,
so pipes and logs stay clean.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from samskab.pb.model import Election
from samskab.pb.pabulib import PabulibError, read_pabulib
from samskab.pb.rules import (
    RULES,
    CheckResult,
    NoOfficialOutcome,
    UnsupportedRule,
    check,
    compute,
)
from samskab.pb.tiebreak import CRITERIA, DEFAULT, PRESETS

# Shown at most this many warnings; the rest are counted.
MAX_WARNINGS_SHOWN = 20

# What check tries when the default tie-breaking does not reproduce the official outcome.
ALTERNATIVE_TIES = ("file-order", "lexicographic", "equalshares", "cost-desc", "votes-desc")

UTILITIES_HELP = (
    "utilities of the Method of Equal Shares (mes, mes-add1...). "
    "cost: cost satisfaction, a voter gains the cost of each chosen project they support "
    "(approval and choose-1: approves it; cumulative and scoring: gives it more than 0 "
    "points; ordinal: ranks it), whatever the points or rank. "
    "ballot: the ballot's own numbers (approval and choose-1: 1 per approved project; "
    "cumulative and scoring: the points; ordinal: the positional score, max_length minus "
    "the rank's position). auto (default): cost for approval and choose-1, ballot otherwise"
)


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
    criteria_only = [c for c in CRITERIA if c not in PRESETS]
    ties_help = (
        f"tie-breaking: one of {', '.join(PRESETS)}, or criteria separated by commas "
        f"(also {', '.join(criteria_only)}); default: {DEFAULT}"
    )
    strict_help = "refuse odd lines the reader otherwise accepts with a warning"
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
        "--utilities", choices=["auto", "cost", "ballot"], default="auto", help=UTILITIES_HELP
    )
    compute_cmd.add_argument("--strict", action="store_true", help=strict_help)
    check_cmd = commands.add_parser(
        "check", help="compare the computed winners with the file's 'selected' column"
    )
    check_cmd.add_argument("file", help="a Pabulib .pb file")
    check_cmd.add_argument(
        "--rule", choices=rules, default="official", help="default: the rule in META"
    )
    check_cmd.add_argument("--tie-breaking", default=None, help=ties_help)
    check_cmd.add_argument("--strict", action="store_true", help=strict_help)
    return parser


def _load(args: argparse.Namespace, progress: Progress) -> Election:
    progress(f"reading {args.file}", force=True)
    election = read_pabulib(args.file, strict=args.strict)
    if election.warnings:
        progress.done()
        for warning in election.warnings[:MAX_WARNINGS_SHOWN]:
            sys.stderr.write(f"samskab-pb: warning: {warning}\n")
        hidden = len(election.warnings) - MAX_WARNINGS_SHOWN
        if hidden > 0:
            sys.stderr.write(f"samskab-pb: warning: ... and {hidden} more warnings\n")
    return election


def _compute(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    election = _load(args, progress)
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
        import json  # only here: the plain listing need not load it

        data = {"file": args.file, **outcome.to_dict()}
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for project_id in outcome.selected:
            out.write(project_id + "\n")
    return 0


def _write_difference(result: CheckResult, out: TextIO) -> None:
    if result.missing:
        out.write("officially selected but not computed: " + ", ".join(result.missing) + "\n")
    if result.extra:
        out.write("computed but not officially selected: " + ", ".join(result.extra) + "\n")


def _check(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    election = _load(args, progress)
    if election.official_selection() is None:
        raise NoOfficialOutcome("nothing to check: the PROJECTS section has no 'selected' column")
    if election.num_voters == 0:
        raise NoOfficialOutcome("nothing to check: the file has no votes")
    progress(f"computing {args.rule}", force=True)
    result = check(election, args.rule, tie_breaking=args.tie_breaking, progress=progress)
    progress.done()
    if result.ok:
        out.write(
            f"OK: {result.rule} selects the {len(result.expected)} officially selected projects\n"
        )
        return 0
    used = args.tie_breaking or DEFAULT
    for ties in ALTERNATIVE_TIES:
        if ties == used:
            continue
        progress(f"computing {args.rule} with tie-breaking {ties}", force=True)
        again = check(election, args.rule, tie_breaking=ties, progress=progress)
        progress.done()
        if again.ok:
            out.write(
                f"OK (ties): {result.rule} selects the {len(result.expected)} officially "
                f"selected projects when ties are broken by {ties} (--tie-breaking {ties}); "
                f"with {used} it differs only between tied projects:\n"
            )
            _write_difference(result, out)
            return 0
    out.write(f"DIFFERENT: {result.rule} does not reproduce the 'selected' column\n")
    _write_difference(result, out)
    tried = ", ".join(dict.fromkeys((used, *ALTERNATIVE_TIES)))
    out.write(f"no tie-breaking reproduces it (tried {tried})\n")
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
    except (PabulibError, UnsupportedRule, NoOfficialOutcome, ValueError, ArithmeticError) as exc:
        progress.done()
        sys.stderr.write(f"samskab-pb: error: {exc}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
