"""Participatory-budgeting engine: Pabulib files, voting rules and their explanations.

Pure Python + NumPy; it never imports Django, so the platform, the command line
(``samskab-pb``) and anyone re-checking a published result run the same code::

    from samskab.pb import read_pabulib, compute

    election = read_pabulib("Netherlands_Assen_2024.pb")
    outcome = compute(election, "official")   # the rule named in the file's META
    outcome.selected                          # winning project ids, in the order chosen
    outcome.to_dict()                         # the same with per-project explanations

Modules: :mod:`~samskab.pb.model` (election, projects, CSR ballot profile),
:mod:`~samskab.pb.pabulib` (reader/writer), :mod:`~samskab.pb.greedy`,
:mod:`~samskab.pb.mes` (Method of Equal Shares, add1), :mod:`~samskab.pb.phragmen`,
:mod:`~samskab.pb.tiebreak`, :mod:`~samskab.pb.outcome` (results and explanations),
:mod:`~samskab.pb.rules` (one entry point, checking against official results).
"""

from samskab.pb.model import BallotType, Election, Profile, Project, build_election
from samskab.pb.outcome import (
    GreedyExplanation,
    MESExplanation,
    Outcome,
    Payment,
    PhragmenExplanation,
)
from samskab.pb.pabulib import (
    PabulibError,
    format_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from samskab.pb.rules import (
    RULES,
    CheckResult,
    NoOfficialOutcome,
    UnsupportedRule,
    check,
    compute,
    official_rule,
)

__all__ = [
    "RULES",
    "BallotType",
    "CheckResult",
    "Election",
    "GreedyExplanation",
    "MESExplanation",
    "NoOfficialOutcome",
    "Outcome",
    "PabulibError",
    "Payment",
    "PhragmenExplanation",
    "Profile",
    "Project",
    "UnsupportedRule",
    "build_election",
    "check",
    "compute",
    "format_pabulib",
    "official_rule",
    "parse_pabulib",
    "read_pabulib",
    "write_pabulib",
]
