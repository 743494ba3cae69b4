"""Reading and writing Pabulib files: every real file, round trips, and error messages."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from samskab.pb.model import BallotType, build_election
from samskab.pb.pabulib import (
    PabulibError,
    _words_at,
    format_pabulib,
    parse_pabulib,
    read_pabulib,
)
from samskab.pb.tally import project_scores
from samskab.pb.tests.helpers import (
    CORPUS_VARIABLE,
    corpus_dir,
    corpus_files,
    corpus_params,
    load,
    load_corpus,
    load_path,
    needs_corpus,
    repo_file,
    repo_params,
)

REAL_FILES = repo_params() + corpus_params()
FIRST_SWOSZOWICE_BALLOT = ["9", "2", "20"]  # line 42, in rank order

VALID = (
    "META\n"
    "key;value\n"
    "description;Test\n"
    "budget;100\n"
    "vote_type;approval\n"
    "num_projects;2\n"
    "num_votes;2\n"
    "PROJECTS\n"
    "project_id;cost;name\n"
    'a;50;"A; the ""first"""\n'
    "b;60;B\n"
    "VOTES\n"
    "voter_id;vote;age\n"
    "1;a,b;30\n"
    "2;b;\n"
)


@needs_corpus
def test_it_finds_the_corpus() -> None:
    # When SAMSKAB_PABULIB_DIR is set (as `make test` does), a wrong folder fails here
    # instead of skipping every corpus test.
    folder = corpus_dir()
    assert folder is not None and folder.is_dir(), f"{CORPUS_VARIABLE}: no folder {folder}"
    assert len(corpus_files()) >= 39


@pytest.mark.parametrize("path", REAL_FILES)
def test_it_reads_every_real_file(path: Path) -> None:
    election = load_path(path)
    assert len(election.projects) == int(election.meta["num_projects"])
    assert election.num_voters == int(election.meta["num_votes"])
    assert election.budget > 0
    # Scores recomputed from VOTES agree with the file's own votes/score column, except
    # that a project a voter listed twice (a warning) may be counted twice in the column.
    column = "score" if "score" in election.project_columns else "votes"
    scores = project_scores(election)
    listed_twice = "".join(w.problem for w in election.warnings if "twice" in w.problem)
    for project, score in zip(election.projects, scores, strict=True):
        if column in project.fields:
            stated = Decimal(project.fields[column])
            if f"'{project.id}'" in listed_twice:
                assert score <= stated <= score + listed_twice.count(f"'{project.id}'")
            else:
                assert stated == score, project.id


@pytest.mark.parametrize("path", REAL_FILES)
def test_it_writes_every_real_file_back_byte_for_byte(path: Path) -> None:
    election = load_path(path)
    text = format_pabulib(election)
    raw = path.read_bytes()
    encoding = "utf-8-sig" if election.layout.bom else "utf-8"
    again = parse_pabulib(text, path.name)
    assert again == election and not again.warnings
    # What was read with a warning is written as it was counted (e.g. a project once).
    assert (text.encode(encoding) == raw) == (not election.warnings)


def test_it_keeps_quoting_optional_columns_and_empty_cells() -> None:
    election = parse_pabulib(VALID, "t.pb")
    assert election.projects[0].name == 'A; the "first"'
    assert election.profile.voter_fields["age"] == ["30", ""]
    assert election.profile.ballot(0) == [0, 1]
    assert format_pabulib(election) == VALID


def test_it_round_trips_crlf_bom_and_missing_final_newline() -> None:
    raw = ("\ufeff" + VALID.replace("\n", "\r\n")).encode("utf-8").removesuffix(b"\r\n")
    election = parse_pabulib(raw, "t.pb")
    assert election.layout.newline == "\r\n"
    assert election.layout.bom and not election.layout.final_newline
    assert format_pabulib(election).encode("utf-8-sig") == raw


def test_it_round_trips_points_with_decimals() -> None:
    election = build_election(
        budget="10.5",
        projects={"x": "2.25", "y": 3},
        ballots=[{"x": "1.5", "y": 2}, {"y": "0.25"}],
        ballot_type="scoring",
    )
    assert election.profile.value_scale == 100
    assert election.profile.points(0) == [Decimal("1.5"), 2]
    again = parse_pabulib(format_pabulib(election))
    assert again == election
    assert again.projects[0].cost == Decimal("2.25")


def test_it_writes_what_the_model_says_when_meta_text_is_stale() -> None:
    election = parse_pabulib(VALID, "t.pb")
    smaller = build_election(
        budget=80, projects={"a": 50}, ballots=[["a"]], meta=dict(election.meta)
    )
    text = format_pabulib(smaller)
    assert "budget;80\n" in text and "num_projects;1\n" in text and "num_votes;1\n" in text
    assert parse_pabulib(text) == parse_pabulib(text)


def test_it_stores_ballots_compactly() -> None:
    election = load("Netherlands_Assen_2024.pb")
    profile = election.profile
    assert profile.ballot_type is BallotType.APPROVAL
    assert profile.indices.dtype == np.int64 and profile.indptr.shape == (85,)
    assert profile.values is None
    ordinal = load("Poland_Krakow_2019_Swoszowice.pb")
    first = ordinal.profile.ballot(0)
    assert [ordinal.projects[p].id for p in first] == FIRST_SWOSZOWICE_BALLOT


@needs_corpus
def test_it_stores_the_largest_corpus_file_compactly() -> None:
    election = load_corpus("Poland_Lodz_2022.pb")
    assert election.profile.indptr.shape == (90_495,) and election.profile.values is None


def _error(text: str | bytes) -> PabulibError:
    with pytest.raises(PabulibError) as caught:
        parse_pabulib(text, "broken.pb")
    return caught.value


BROKEN = [
    ("no META first", "x;y\n" + VALID, "META", 1, "must start with a META section"),
    ("no budget", VALID.replace("budget;100\n", ""), "META", 7, "no 'budget'"),
    ("budget not a number", VALID.replace("budget;100", "budget;lots"), "META", 4, "not a number"),
    (
        "unknown vote type",
        VALID.replace("vote_type;approval", "vote_type;ranked"),
        "META",
        5,
        "unknown vote_type",
    ),
    (
        "META key twice",
        VALID.replace("budget;100\n", "budget;100\nbudget;200\n"),
        "META",
        5,
        "appears twice",
    ),
    (
        "no cost column",
        VALID.replace("project_id;cost;name", "project_id;price;name"),
        "PROJECTS",
        9,
        "no 'cost'",
    ),
    ("cost not a number", VALID.replace("b;60;B", "b;sixty;B"), "PROJECTS", 11, "cost 'sixty'"),
    (
        "project twice",
        VALID.replace("b;60;B", "a;60;B"),
        "PROJECTS",
        11,
        "project 'a' appears twice",
    ),
    ("short project row", VALID.replace("b;60;B", "b;60"), "PROJECTS", 11, "expected 3 fields"),
    ("unknown project", VALID.replace("1;a,b;30", "1;a,z;30"), "VOTES", 14, "unknown project 'z'"),
    (
        "project twice on a points ballot",
        VALID.replace("approval", "cumulative")
        .replace("vote;age", "vote;points")
        .replace("1;a,b;30", "1;a,a;3,4")
        .replace("2;b;", "2;b;1"),
        "VOTES",
        14,
        "lists project 'a' twice, with points",
    ),
    (
        "selected not 0/1",
        VALID.replace("cost;name", "cost;selected")
        .replace('"A; the ""first"""', "1")
        .replace(";B", ";2"),
        "PROJECTS",
        11,
        "selected '2' of project 'b' is neither 0 nor 1",
    ),
    ("NUL byte", VALID.replace("b;60;B", "b;60;\x00"), "PROJECTS", 11, "NUL byte"),
    (
        "budget 1E+999999",
        VALID.replace("budget;100", "budget;1E+999999"),
        "META",
        4,
        "above the largest amount",
    ),
    (
        "budget 1E+400",
        VALID.replace("budget;100", "budget;1E+400"),
        "META",
        4,
        "above the largest amount",
    ),
    ("budget inf", VALID.replace("budget;100", "budget;Infinity"), "META", 4, "not a number"),
    ("budget NaN", VALID.replace("budget;100", "budget;NaN"), "META", 4, "not a number"),
    (
        "cost 1E-999999",
        VALID.replace("b;60;B", "b;1E-999999;B"),
        "PROJECTS",
        11,
        "more than 3 decimal places",
    ),
    ("cost negative", VALID.replace("b;60;B", "b;-1;B"), "PROJECTS", 11, "negative"),
    (
        "num_votes huge",
        VALID.replace("num_votes;2", "num_votes;" + "9" * 5000),
        "META",
        7,
        "not a whole number",
    ),
    (
        "max_length odd",
        VALID.replace("num_votes;2", "num_votes;2\nmax_length;1e9"),
        "META",
        8,
        "max_length '1e9' is not a whole number",
    ),
    (
        "threshold NaN",
        VALID.replace("num_votes;2", "num_votes;2\nmin_project_score_threshold;NaN"),
        "META",
        8,
        "min_project_score_threshold 'NaN' is not a number",
    ),
    (
        "points 1E-999999",
        VALID.replace("approval", "cumulative")
        .replace("vote;age", "vote;points")
        .replace("1;a,b;30", "1;a,b;3,4")
        .replace("2;b;", "2;b;1E-999999"),
        "VOTES",
        15,
        "more points than this engine handles",
    ),
    (
        "empty entry in a vote",
        VALID.replace("1;a,b;30", "1;a,,b;30"),
        "VOTES",
        14,
        "an empty project id",
    ),
    ("voter twice", VALID.replace("2;b;", "1;b;"), "VOTES", 15, "voter '1' appears twice"),
    ("long vote row", VALID.replace("2;b;", "2;b;;"), "VOTES", 15, "expected 3 fields"),
    ("num_votes wrong", VALID.replace("num_votes;2", "num_votes;3"), "META", 7, "num_votes is 3"),
    ("no VOTES", VALID.split("VOTES")[0], "PROJECTS", 11, "no VOTES section"),
    (
        "sections out of order",
        VALID.replace("PROJECTS", "VOTES", 1),
        "VOTES",
        8,
        "where PROJECTS was expected",
    ),
    ("section after VOTES", VALID + "META\n", "VOTES", 16, "must come last"),
    ("unterminated quote", VALID + '3;"b\n', "VOTES", 16, "unexpected end of data"),
    ("choose-1 with two", VALID.replace("approval", "choose-1"), "VOTES", 14, "chose 2 projects"),
    (
        "points missing",
        VALID.replace("approval", "cumulative"),
        "VOTES",
        13,
        "need a 'points' column",
    ),
    (
        "points count",
        VALID.replace("approval", "cumulative")
        .replace("vote;age", "vote;points")
        .replace("1;a,b;30", "1;a,b;3"),
        "VOTES",
        14,
        "gives 1 points for 2 projects",
    ),
    (
        "points not a number",
        VALID.replace("approval", "cumulative")
        .replace("vote;age", "vote;points")
        .replace("1;a,b;30", "1;a,b;3,4")
        .replace("2;b;", "2;b;x"),
        "VOTES",
        15,
        "points 'x'",
    ),
    ("not UTF-8", VALID.encode() + b"3;\xff;1\n", "VOTES", 16, "not valid UTF-8"),
    (
        "points too large",
        VALID.replace("approval", "cumulative")
        .replace("vote;age", "vote;points")
        .replace("1;a,b;30", "1;a,b;3,4")
        .replace("2;b;", "2;b;2000000000000"),
        "VOTES",
        15,
        "more points than this engine handles",
    ),
]


@pytest.mark.parametrize(
    ("text", "section", "line", "problem"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_it_names_file_section_line_and_problem(
    text: str | bytes, section: str, line: int, problem: str
) -> None:
    error = _error(text)
    assert (error.file, error.section, error.line) == ("broken.pb", section, line)
    assert problem in error.problem
    assert str(error).startswith(f"broken.pb, section {section}, line {line}: ")


def test_it_reports_the_line_of_a_bad_ballot_after_multiline_fields() -> None:
    text = VALID.replace("b;60;B", 'b;60;"two\nlines"').replace("2;b;", "2;q;")
    error = _error(text)
    assert (error.section, error.line) == ("VOTES", 16)


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PabulibError) as caught:
        read_pabulib(tmp_path / "nope.pb")
    assert "nope.pb" in str(caught.value) and "cannot read file" in str(caught.value)


def test_it_counts_a_project_listed_twice_once_with_a_warning() -> None:
    election = parse_pabulib(VALID.replace("1;a,b;30", "1;b,a,b;30"), "odd.pb")
    assert [election.projects[p].id for p in election.profile.ballot(0)] == ["b", "a"]
    (warning,) = election.warnings
    assert (warning.file, warning.section, warning.line) == ("odd.pb", "VOTES", 14)
    assert "voter '1' lists project 'b' twice; counted once" in warning.problem
    assert str(warning).startswith("odd.pb, section VOTES, line 14: voter '1'")


def test_it_reads_a_trailing_comma_in_a_vote_with_a_warning() -> None:
    election = parse_pabulib(VALID.replace("2;b;", "2;b,;"), "odd.pb")
    assert election.profile.ballot(1) == [1]
    (warning,) = election.warnings
    assert (warning.section, warning.line) == ("VOTES", 15)
    assert "trailing comma in the vote" in warning.problem


def test_it_reads_a_field_starting_with_a_quote_with_a_warning() -> None:
    # As in Poland_Czestochowa_2020_Grabowka: a quoted word, then more text.
    election = parse_pabulib(VALID.replace("b;60;B", 'b;60;"Zielona" Grabowka'), "odd.pb")
    assert election.projects[1].name == "Zielona Grabowka"
    (warning,) = election.warnings
    assert (warning.section, warning.line) == ("PROJECTS", 11)
    assert "starts with a quote" in warning.problem


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (VALID.replace("1;a,b;30", "1;a,a;30"), 14),
        (VALID.replace("2;b;", "2;b,;"), 15),
        (VALID.replace("b;60;B", 'b;60;"Zielona" Grabowka'), 11),
    ],
    ids=["listed twice", "trailing comma", "quote"],
)
def test_it_refuses_oddities_in_strict_mode(text: str, line: int) -> None:
    with pytest.raises(PabulibError) as caught:
        parse_pabulib(text, "odd.pb", strict=True)
    assert caught.value.line == line


def test_it_reads_the_real_file_with_a_project_listed_twice() -> None:
    election = load("Poland_Warszawa_2026_Grochow.pb")
    assert [str(w) for w in election.warnings] == [
        f"{repo_file('Poland_Warszawa_2026_Grochow.pb')}, section VOTES, line 1590: voter "
        "'294139' lists project '2107' twice; counted once, as the official count did",
        f"{repo_file('Poland_Warszawa_2026_Grochow.pb')}, section VOTES, line 1990: voter "
        "'310592' lists project '2096' twice; counted once, as the official count did",
    ]


def test_it_reads_votes_alike_with_and_without_quotes() -> None:
    # Without a quote the VOTES section is split directly; with one, the CSV reader reads it.
    plain = parse_pabulib(VALID.replace("\n", "\r\n"), "plain.pb")
    quoted = parse_pabulib(VALID.replace("1;a,b;30", '1;"a,b";"30"'), "quoted.pb")
    assert plain == quoted
    assert plain.profile.voter_fields["age"] == ["30", ""]


def _with_voters(first: str, second: str, *, quoted: bool = False) -> str:
    text = VALID.replace("1;a,b;30", f"{first};a,b;30").replace("2;b;", f"{second};b;")
    return text.replace(";30\n", ';"30"\n') if quoted else text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("123456789012", "123456789013"),  # differ only past the first 8 bytes
        ("12345678901234567", "12345678901234568"),  # longer than 16 bytes
        (" 7", "8 "),  # spaces around ids are stripped
        ("Ø1", "Ø2"),  # not ASCII
        ("x-1", "x_1"),
    ],
)
def test_it_reads_voter_ids_alike_with_and_without_quotes(first: str, second: str) -> None:
    # Without quotes the ids are checked on the bytes; with one, the CSV reader's strings.
    plain = parse_pabulib(_with_voters(first, second), "plain.pb")
    quoted = parse_pabulib(_with_voters(first, second, quoted=True), "quoted.pb")
    assert list(plain.profile.voter_ids) == [first.strip(), second.strip()]
    assert plain == quoted


@pytest.mark.parametrize("quoted", [False, True])
@pytest.mark.parametrize(
    ("first", "second", "problem"),
    [
        ("123456789012", "123456789012", "voter '123456789012' appears twice"),
        ("12345678901234567", "12345678901234567", "voter '12345678901234567' appears twice"),
        ("7", " 7", "voter '7' appears twice"),
        ("7", "", "empty voter_id"),
        ("7", "  ", "empty voter_id"),
    ],
)
def test_it_refuses_repeated_or_empty_voter_ids_on_its_line(
    first: str, second: str, problem: str, quoted: bool
) -> None:
    with pytest.raises(PabulibError) as caught:
        parse_pabulib(_with_voters(first, second, quoted=quoted), "t.pb")
    assert (caught.value.section, caught.value.line, caught.value.problem) == (
        "VOTES",
        15,
        problem,
    )


def test_it_gives_voter_columns_as_sequences_of_strings() -> None:
    profile = parse_pabulib(VALID, "t.pb").profile
    ids, ages = profile.voter_ids, profile.voter_fields["age"]
    assert (ids[0], ids[-1], ids[1:], len(ids)) == ("1", "2", ["2"], 2)
    assert ages == ["30", ""] and ages == ("30", "") and ages != ["30"]
    assert ids != "12" and list(reversed(ids)) == ["2", "1"] and "2" in ids
    with pytest.raises(IndexError):
        ids[2]
    # Single entries are read from the bytes; the whole column once, when asked.
    assert ids[-2] == "1" and repr(ids) == "['1', '2']" and ids[0] == "1"
    assert pickle.loads(pickle.dumps(profile)) == profile  # noqa: S301 - our own bytes


def test_it_reads_a_votes_line_inside_a_quoted_project_field() -> None:
    # The CSV reader is first given the text up to the first "VOTES" line and the line
    # after it; here that line is inside a quoted name, and the whole text is read instead.
    name = "A\nVOTES\nvoter_id;vote\nstill A"
    text = VALID.replace('"A; the ""first"""', f'"{name}"')
    election = parse_pabulib(text, "t.pb")
    assert election.projects[0].name == name
    assert [election.profile.ballot(v) for v in range(2)] == [[0, 1], [1]]
    assert format_pabulib(election) == text
    broken = text.replace("2;b;", "2;c;")
    with pytest.raises(PabulibError, match="line 18: voter '2' votes for unknown project 'c'"):
        parse_pabulib(broken, "t.pb")


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 20])
def test_it_reads_eight_byte_words_up_to_the_end_of_the_buffer(size: int) -> None:
    data = bytes(range(1, size + 1))
    words = _words_at(np.frombuffer(data, dtype=np.uint8), np.arange(size, dtype=np.int64))
    expected = [int.from_bytes(data[p : p + 8].ljust(8, b"\0"), "little") for p in range(size)]
    assert words.tolist() == expected


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_it_reads_voter_fields_from_the_file_bytes(bom: bytes) -> None:
    # Without quotes or carriage returns the VOTES columns come from the file's own bytes.
    text = VALID.replace("description;Test", "description;Tæst").replace("1;a,b;30", "1;a,b;Åse 30")
    election = parse_pabulib(bom + text.encode(), "t.pb")
    ages = election.profile.voter_fields["age"]
    assert (ages[0], ages[1], list(ages)) == ("Åse 30", "", ["Åse 30", ""])
    assert election.layout.bom == bool(bom) and format_pabulib(election) == text
