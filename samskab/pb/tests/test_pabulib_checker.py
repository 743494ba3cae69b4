"""A second opinion on the reader: pabulib-checker, the Pabulib team's own file validator.

The checker also reports what a file lacks for publication on pabulib.org (country, dates,
field order, ...), which does not stop anyone from computing an outcome. Its structural
errors do: a file it refuses for one of those, the reader refuses too, with file, section
and line; a file it accepts, the reader reads.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from pabulib.checker import Checker

from samskab.pb.pabulib import PabulibError, parse_pabulib, read_pabulib
from samskab.pb.tests.helpers import repo_params
from samskab.pb.tests.test_pabulib import BROKEN, VALID

# The checker's error kinds that make a file unreadable or its numbers meaningless.
STRUCTURAL = {
    "file structure error",
    "processing error",
    "incorrect meta field datatype",
    "invalid meta field value",
    "project with no cost",
    "vote for non-existent project",
    "different number of votes",
    "different number of projects",
    "invalid choose-1 vote length",
    "missing points for vote_type",
    "vote/points length mismatch",
    "invalid points value",
}


def checker_errors(content: str | Path) -> set[str]:
    """Kinds of error the checker reports for a file (a path) or a file's text."""
    with contextlib.redirect_stdout(io.StringIO()):  # it prints its progress
        report = Checker().process_files([str(content)])
    (result,) = (v for k, v in report.items() if k not in ("metadata", "summary"))
    verdict = result["results"]
    return set() if isinstance(verdict, str) else set(verdict.get("errors", {}))


@pytest.mark.parametrize("path", repo_params())
def test_it_reads_every_committed_file_the_checker_accepts(path: Path) -> None:
    assert not checker_errors(path) & STRUCTURAL
    election = read_pabulib(path)
    assert election.num_voters > 0


def test_it_reads_the_sample_the_checker_accepts() -> None:
    assert not checker_errors(VALID) & STRUCTURAL
    parse_pabulib(VALID, "t.pb")


CHECKED = [(str(case[0]), case[1]) for case in BROKEN if isinstance(case[1], str)]
REFUSED_BY_CHECKER = [(name, text) for name, text in CHECKED if checker_errors(text) & STRUCTURAL]


def test_it_has_many_broken_files_the_checker_refuses() -> None:
    # The rest (a project twice on a ballot, a long row, ...) only this reader refuses.
    assert len(REFUSED_BY_CHECKER) >= 15


@pytest.mark.parametrize(
    "text", [case[1] for case in REFUSED_BY_CHECKER], ids=[case[0] for case in REFUSED_BY_CHECKER]
)
def test_it_refuses_what_the_checker_refuses(text: str) -> None:
    with pytest.raises(PabulibError) as caught:
        parse_pabulib(text, "broken.pb")
    assert caught.value.line is not None
