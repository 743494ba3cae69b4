"""The samskab-pb command line, run in-process (and once as ``python -m samskab.pb``)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from samskab.pb.cli import Progress, main
from samskab.pb.tests.helpers import repo_file

ASSEN = str(repo_file("Netherlands_Assen_2024.pb"))
ASSEN_WINNERS = ["3", "9", "2", "11", "13", "14", "5", "6", "12"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_it_prints_the_winners_one_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "compute", ASSEN, "--rule", "official")
    assert status == 0
    assert out.splitlines() == ASSEN_WINNERS
    assert err == ""  # no progress when stderr is not a terminal


def test_it_prints_json_with_explanations(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "compute", ASSEN, "--rule", "mes-add1", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["rule"] == "mes-add1" and data["selected"] == ASSEN_WINNERS
    assert data["file"] == ASSEN
    by_id = {item["project_id"]: item for item in data["explanations"]}
    assert by_id["3"]["round"] == 1 and by_id["3"]["payments"][0]["voters"] == 43
    assert by_id["8"]["reason"] == "supporters-ran-out-of-money"


@pytest.mark.parametrize(
    "rule", ["greedy", "greedy-no-skip", "mes", "mes-add1", "mes-add1-utilitarian", "phragmen"]
)
def test_it_computes_every_rule(capsys: pytest.CaptureFixture[str], rule: str) -> None:
    status, out, _ = run(
        capsys, "compute", ASSEN, "--rule", rule, "--tie-breaking", "lexicographic"
    )
    assert status == 0 and out.strip()


def test_it_checks_the_official_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", ASSEN)
    assert status == 0
    assert out.startswith("OK: mes-add1 selects the 9 officially selected projects")


def test_it_fails_check_on_a_difference(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", ASSEN, "--rule", "greedy")
    assert status == 1
    assert "officially selected but not computed: 5, 6, 12" in out
    assert "computed but not officially selected: 8" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", str(repo_file("Poland_Zabrze_2021_Konczyce.pb"))], "no 'selected' column"),
        (
            ["compute", str(repo_file("Worldwide_Mechanical_Turk_Knapsack_7.pb"))],
            "META rule 'unknown'",
        ),
        (["compute", "/nonexistent/x.pb"], "cannot read file"),
        (["compute", ASSEN, "--rule", "greedy-threshold"], "min_project_score_threshold"),
        (["compute", ASSEN, "--tie-breaking", "dice"], "unknown tie-breaking"),
    ],
)
def test_it_exits_2_with_a_message_on_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.startswith("samskab-pb: error: ") and message in err


def test_it_names_the_line_of_a_broken_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pb"
    broken.write_text(Path(ASSEN).read_text(encoding="utf-8").replace(";1,2,6,9,13", ";1,2,99"))
    status, _, err = run(capsys, "compute", str(broken))
    assert status == 2
    assert "section VOTES, line 36: voter" in err and "unknown project '99'" in err


def test_it_rejects_unknown_rules(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["compute", ASSEN, "--rule", "borda"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_it_shows_progress_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, loud = io.StringIO(), Terminal()
    for stream in (quiet, loud):
        progress = Progress(stream)
        progress("add1: step 1", force=True)
        progress.done()
    assert quiet.getvalue() == ""
    assert "add1: step 1" in loud.getvalue()


def test_it_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samskab.pb", "compute", ASSEN],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ASSEN_WINNERS
    assert result.stderr == ""
