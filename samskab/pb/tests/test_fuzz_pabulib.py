"""Fuzzing the Pabulib reader: whatever the bytes, it returns an election or raises the
documented PabulibError (with file, section, line and problem), never anything else.

The seeds are hand-written files of every ballot type plus the smallest real files committed
under ``tests/data``; hypothesis mutates them line by
line and character by character, builds files from a grammar, and tries raw bytes.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.pb.cli import main
from samskab.pb.pabulib import PabulibError, format_pabulib, parse_pabulib
from samskab.pb.rules import RULES
from samskab.pb.tests.helpers import repo_files

FUZZ = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

SAMPLES = [
    "META\nkey;value\ndescription;Fuzz\nnum_projects;3\nnum_votes;3\nbudget;1000\n"
    "vote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;name\n1;500;A\n2;400;B\n"
    '3;300;"C; with ""quotes"""\nVOTES\nvoter_id;vote\n1;1,2\n2;3\n3;1,2,3\n',
    "META\nkey;value\ndescription;Points\nnum_projects;2\nnum_votes;2\nbudget;10,5\n"
    "vote_type;cumulative\nmax_sum_points;10\nrule;greedy\nPROJECTS\nproject_id;cost\n"
    "a;5\nb;6\nVOTES\nvoter_id;vote;points\nv1;a,b;7,3\nv2;b;10\n",
    "META\nkey;value\ndescription;Ranks\nnum_projects;2\nnum_votes;1\nbudget;100\n"
    "vote_type;ordinal\nrule;greedy\nPROJECTS\nproject_id;cost\nx;50\ny;60\n"
    "VOTES\nvoter_id;vote\n1;y,x\n",
    "META\nkey;value\ndescription;Choose one\nnum_projects;1\nnum_votes;1\nbudget;9\n"
    "vote_type;choose-1\nrule;greedy\nPROJECTS\nproject_id;cost\nP1;9\nVOTES\nvoter_id;vote\n7;P1\n",
]


@cache
def seeds() -> list[str]:
    """The samples, plus the three smallest real files committed with the tests."""
    shared = sorted(repo_files(), key=lambda path: path.stat().st_size)[:3]
    return SAMPLES + [path.read_text(encoding="utf-8-sig") for path in shared]


def parses_or_raises_the_documented_error(content: bytes | str) -> None:
    try:
        election = parse_pabulib(content, name="fuzz.pb")
    except PabulibError as error:
        assert error.file == "fuzz.pb"
        assert error.problem
        return
    # What was read can be written out, and what is written reads back.
    again = parse_pabulib(format_pabulib(election), name="again.pb")
    assert again.projects == election.projects


def test_it_reads_every_seed() -> None:
    for seed in seeds():
        parse_pabulib(seed, name="seed.pb")


ODD_TEXT = st.sampled_from(
    [
        "",
        ";",
        ";;",
        '"',
        '""',
        '"a;b"',
        ",",
        ",,",
        "-1",
        "0",
        "1e999",
        "NaN",
        "inf",
        "-0",
        "1,5",
        "99999999999999999999999999",
        "META",
        "PROJECTS",
        "VOTES",
        "key;value",
        "\x00",
        "\ufeff",
        "\r",
        "\u2028",
        "é",
    ]
)
CHUNK = st.one_of(ODD_TEXT, st.text(max_size=12))


@FUZZ
@given(data=st.data())
def test_it_survives_line_mutations(data: st.DataObject) -> None:
    lines = data.draw(st.sampled_from(seeds())).split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "repeat", "replace", "insert", "swap"]))
        if action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = data.draw(st.lists(CHUNK, max_size=4).map(";".join))
        elif action == "insert":
            lines.insert(index, data.draw(CHUNK))
        elif action == "swap":
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    parses_or_raises_the_documented_error("\n".join(lines))


@FUZZ
@given(data=st.data())
def test_it_survives_field_mutations(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(seeds()))
    for _ in range(data.draw(st.integers(1, 5))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 8)))
        text = text[:start] + data.draw(CHUNK) + text[end:]
    parses_or_raises_the_documented_error(text)


@FUZZ
@given(data=st.data())
def test_it_survives_byte_damage(data: st.DataObject) -> None:
    raw = bytearray(data.draw(st.sampled_from(seeds())).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        raw[position : position + 1] = data.draw(st.binary(min_size=0, max_size=3))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    parses_or_raises_the_documented_error(bytes(raw))


@FUZZ
@given(st.binary(max_size=400))
def test_it_survives_random_bytes(raw: bytes) -> None:
    parses_or_raises_the_documented_error(raw)


NUMBER = st.one_of(
    st.integers(-5, 10**12).map(str), st.sampled_from(["1,5", "0.5", "NaN", "-0", "1e3", "x"])
)
IDS = st.lists(st.sampled_from(["1", "2", "3", "p", ""]), max_size=4)


@st.composite
def grammar_files(draw: st.DrawFn) -> str:
    """Files that have the right shape, with values drawn from the edges."""
    vote_type = draw(st.sampled_from(["approval", "ordinal", "cumulative", "scoring", "x"]))
    meta = {
        "description": "fuzz",
        "num_projects": draw(NUMBER),
        "num_votes": draw(NUMBER),
        "budget": draw(NUMBER),
        "vote_type": vote_type,
        "rule": "greedy",
    }
    for key in draw(
        st.lists(
            st.sampled_from(
                [
                    "min_length",
                    "max_length",
                    "max_sum_points",
                    "min_points",
                    "max_points",
                    "max_sum_cost",
                ]
            ),
            max_size=3,
            unique=True,
        )
    ):
        meta[key] = draw(NUMBER)
    projects = draw(
        st.lists(st.tuples(st.sampled_from(["1", "2", "3", "p", ""]), NUMBER), max_size=4)
    )
    points = vote_type in ("cumulative", "scoring")
    votes = draw(
        st.lists(
            st.tuples(st.sampled_from(["a", "b", "c", ""]), IDS, st.lists(NUMBER, max_size=4)),
            max_size=4,
        )
    )
    lines = ["META", "key;value", *(f"{k};{v}" for k, v in meta.items())]
    lines += ["PROJECTS", "project_id;cost", *(f"{p};{c}" for p, c in projects)]
    lines += ["VOTES", "voter_id;vote;points" if points else "voter_id;vote"]
    for voter, ids, pts in votes:
        row = f"{voter};{','.join(ids)}"
        lines.append(row + (f";{','.join(pts)}" if points else ""))
    return "\n".join(lines) + "\n"


@FUZZ
@given(grammar_files())
def test_it_survives_files_built_from_the_grammar(text: str) -> None:
    parses_or_raises_the_documented_error(text)


# Every numeric field of a small file, filled with any finite or infinite value: each command
# ends with a result or a clean error (exit 0, 1 or 2, never a traceback), within a second.
NUMERIC_TEMPLATE = (
    "META\nkey;value\nnum_projects;{num_projects}\nnum_votes;{num_votes}\nbudget;{budget}\n"
    "vote_type;cumulative\nrule;equalshares/add1\nmax_length;{max_length}\n"
    "min_project_score_threshold;{threshold}\nPROJECTS\nproject_id;cost;selected\n"
    "a;{cost_a};1\nb;{cost_b};0\nc;7;0\nVOTES\nvoter_id;vote;points\n"
    "1;a,b;{points_1},1\n2;b,c;2,{points_2}\n3;c;3\n"
)
NUMERIC_DEFAULTS = {
    "num_projects": "3",
    "num_votes": "3",
    "budget": "20",
    "max_length": "3",
    "threshold": "0",
    "cost_a": "8",
    "cost_b": "5",
    "points_1": "2",
    "points_2": "1",
}
HOSTILE_NUMBER = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.integers().map(str),
    st.integers(-10, 10).map(lambda e: f"1E{e:+d}"),
    st.sampled_from(
        ["1E+999999", "1E-999999", "1E+400", "1e-400", "-0", "0", "0.000", "1,5", "9" * 5000]
    ),
)


@settings(
    max_examples=150,
    deadline=None,  # each command is timed below: the machine may run other work
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(field=st.sampled_from(sorted(NUMERIC_DEFAULTS)), value=HOSTILE_NUMBER)
def test_it_computes_or_refuses_any_number_within_a_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str
) -> None:
    path = tmp_path / "numbers.pb"
    path.write_text(NUMERIC_TEMPLATE.format(**{**NUMERIC_DEFAULTS, field: value}), "utf-8")
    commands = [["check", str(path)]] + [["compute", str(path), "--rule", rule] for rule in RULES]
    for argv in commands:
        # CPU time, not wall time: a busy CI machine must not make a fast command "hang".
        start = time.process_time()
        status = main(argv)
        assert time.process_time() - start < 1.0, argv
        assert status in (0, 1, 2), argv
        err = capsys.readouterr().err
        assert status != 2 or err.startswith("samskab-pb: error: "), err
