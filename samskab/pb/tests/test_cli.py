"""The samskab-pb command line, run in-process (and once as ``python -m samskab.pb``)."""

from __future__ import annotations

import io
import json
import re
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


def _file(tmp_path: Path, text: str, name: str = "t.pb") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _tie_file(selected: tuple[str, str]) -> str:
    # p1 and p2 have one vote each: a tie that cost-asc (the default) breaks for p2 and the
    # file order for p1; only one of them fits the budget.
    return (
        "META\nkey;value\nbudget;10\nvote_type;approval\nrule;greedy\nnum_projects;2\n"
        "num_votes;2\nPROJECTS\nproject_id;cost;selected\n"
        f"p1;6;{selected[0]}\np2;5;{selected[1]}\nVOTES\nvoter_id;vote\n1;p1\n2;p2\n"
    )


def test_it_explains_a_difference_that_only_ties_make(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "check", _file(tmp_path, _tie_file(("1", "0"))))
    assert status == 0
    assert out.splitlines() == [
        "OK (ties): greedy selects the 1 officially selected projects when ties are broken "
        "by file-order (--tie-breaking file-order); with equalshares it differs only between "
        "tied projects:",
        "officially selected but not computed: p1",
        "computed but not officially selected: p2",
    ]


def test_it_fails_check_when_no_tie_breaking_explains_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "check", _file(tmp_path, _tie_file(("1", "1"))))
    assert status == 1
    assert out.startswith("DIFFERENT: greedy does not reproduce the 'selected' column\n")
    assert "no tie-breaking reproduces it (tried equalshares, file-order," in out


def test_it_has_nothing_to_check_without_votes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = _tie_file(("0", "0")).replace("num_votes;2", "num_votes;0").split("1;p1")[0]
    status, out, err = run(capsys, "check", _file(tmp_path, text))
    assert status == 2 and out == ""
    assert "nothing to check: the file has no votes" in err


def test_it_prints_warnings_and_refuses_them_with_strict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    grochow = str(repo_file("Poland_Warszawa_2026_Grochow.pb"))
    status, out, err = run(capsys, "check", grochow)
    assert status == 0 and out.startswith("OK: greedy-threshold")
    assert err.splitlines() == [
        f"samskab-pb: warning: {grochow}, section VOTES, line 1590: voter '294139' lists "
        "project '2107' twice; counted once, as the official count did",
        f"samskab-pb: warning: {grochow}, section VOTES, line 1990: voter '310592' lists "
        "project '2096' twice; counted once, as the official count did",
    ]
    status, out, err = run(capsys, "check", grochow, "--strict")
    assert status == 2 and out == ""
    assert "line 1590: voter '294139' lists project '2107' twice" in err
    assert "refused in strict mode" in err


CUMULATIVE = (
    "META\nkey;value\nbudget;12\nvote_type;cumulative\nrule;equalshares\nnum_projects;3\n"
    "num_votes;3\nPROJECTS\nproject_id;cost\na;8\nb;5\nc;4\nVOTES\nvoter_id;vote;points\n"
    "1;a,b,c;1,1,5\n2;b;2\n3;c,a;5,2\n"
)


def test_it_uses_cost_satisfaction_on_points_ballots(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Each voter has 12 / 3 = 4. Cost satisfaction ignores the points: a (voters 1, 3),
    # b (1, 2) and c (1, 3) each cost their two supporters half their cost per unit of
    # utility, a tie that the id breaks for a; a takes all the money of voters 1 and 3, so
    # nothing else is affordable. Cost times points would prefer c (5 points from each).
    argv = ("--rule", "mes", "--utilities", "cost", "--tie-breaking", "lexicographic")
    status, out, _ = run(capsys, "compute", _file(tmp_path, CUMULATIVE), *argv)
    assert status == 0 and out.splitlines() == ["a"]
    approval = CUMULATIVE.replace("cumulative", "approval").replace("vote;points", "vote")
    approval = approval.replace(";1,1,5", "").replace(";2\n", "\n").replace(";5,2", "")
    status, same, _ = run(capsys, "compute", _file(tmp_path, approval, "a.pb"), *argv)
    assert status == 0 and same == out


def test_it_says_what_each_utility_means_per_ballot_type(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # no line breaks inside words like file-order
    with pytest.raises(SystemExit):
        main(["compute", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "cost: cost satisfaction, a voter gains the cost of each chosen project" in text
    for ballot_type in ("approval", "choose-1", "cumulative", "scoring", "ordinal"):
        assert ballot_type in text
    # Every tie-breaking option is named once.
    ties = re.findall(r"[\w-]+", text.split("--tie-breaking TIE_BREAKING")[-1].split("--util")[0])
    for option in ("lexicographic", "equalshares", "file-order", "cost-asc", "id"):
        assert ties.count(option) == 1 + (option == "equalshares"), option  # and "default:"


def test_it_names_each_tie_breaking_option_once_in_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "compute", ASSEN, "--tie-breaking", "dice")
    assert status == 2 and err.count("file-order") == 1
