"""The reader's fast path (VOTES read from the bytes with NumPy) gives what the careful
per-line path gives, on every real file and on odd made-up ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from samskab.pb import pabulib
from samskab.pb.model import Election
from samskab.pb.pabulib import PabulibError, parse_pabulib, read_pabulib
from samskab.pb.tests.helpers import corpus_params, repo_params

HEAD = (
    "META\nkey;value\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost\n"
    "a;10\nbb;20\nŁódź-1;30\nsomething-much-longer-than-8;40\n"
    "VOTES\nvoter_id;age;vote;district\n"
)
# ids of at most 8 bytes are compared as integers, longer ones as strings
SHORTER = {"something-much-longer-than-8": "ó", "Łódź-1": "Łó"}
SHORT_HEAD = HEAD
for long_id, short_id in SHORTER.items():
    SHORT_HEAD = SHORT_HEAD.replace(long_id, short_id)


def _careful(
    monkeypatch: pytest.MonkeyPatch, content: bytes | str, name: str = "<string>"
) -> Election:
    with monkeypatch.context() as m:
        m.setattr(pabulib._Parser, "_fast_entries", lambda *args: None)
        return parse_pabulib(content, name=name)


def _same(left: Election, right: Election) -> None:
    assert left.profile == right.profile
    assert left.warnings == right.warnings


@pytest.mark.parametrize("path", repo_params() + corpus_params())
def test_it_reads_every_real_file_as_the_careful_path(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = path.read_bytes()
    _same(read_pabulib(path), _careful(monkeypatch, raw, str(path)))


@pytest.mark.parametrize(
    "votes",
    [
        "1;30;a,bb;x,y\n2;40;;z\n3;50;Łódź-1,something-much-longer-than-8;\n",
        "1;30;bb;x\n2;40;a,a;z\n",  # listed twice: a warning
        "1;30;bb,;x\n2;40;a;z\n",  # trailing comma: a warning
        "1;30; bb;x\n2;40;a;z",  # space around an id, no final newline
        "1;30;bb;x\r\n2;40;a;z\r\n",
    ],
)
@pytest.mark.parametrize("head", [HEAD, SHORT_HEAD], ids=["long-ids", "short-ids"])
def test_it_reads_odd_votes_as_the_careful_path(
    head: str, votes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if head is SHORT_HEAD:
        for long_id, short_id in SHORTER.items():
            votes = votes.replace(long_id, short_id)
    content = (head + votes).encode()
    _same(parse_pabulib(content), _careful(monkeypatch, content))


@pytest.mark.parametrize(
    ("votes", "line"),
    [
        ("1;30;bb;x\n2;40;a,zz;z\n", 14),
        ("1;30;bb;x\n2;40;a,,bb;z\n3;1;a;b\n", 14),
        ("1;30;bb;x\n2;40;a;z\n3;1;aa;b\n", 15),
    ],
)
def test_it_names_the_line_of_a_bad_vote(votes: str, line: int) -> None:
    with pytest.raises(PabulibError) as caught:
        parse_pabulib(HEAD + votes)
    assert caught.value.section == "VOTES"
    assert caught.value.line == line
