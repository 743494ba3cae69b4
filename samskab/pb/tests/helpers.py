"""Shared test helpers: the Pabulib files the tests use, cached loading, small elections.

Two sources of real elections:

* ``samskab/pb/tests/data/``: a few small real Pabulib files committed with the tests (see
  the README there). Tests that need only these always run, on a fresh clone too.
* the corpus: a folder of many Pabulib files outside the repository, named by
  ``SAMSKAB_PABULIB_DIR`` (default: ``../shared/data/pabulib`` beside the repository root,
  when it exists). Corpus-wide tests run over it; without it they are skipped with the
  reason in pytest's summary. When ``SAMSKAB_PABULIB_DIR`` is set but names no folder of
  ``.pb`` files, the corpus tests fail instead, so a CI that sets it always runs them.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from samskab.pb.model import Election
from samskab.pb.pabulib import read_pabulib

DATA_DIR = Path(__file__).resolve().parent / "data"
REPOSITORY = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = REPOSITORY.parent / "shared" / "data" / "pabulib"
CORPUS_VARIABLE = "SAMSKAB_PABULIB_DIR"


def corpus_dir() -> Path | None:
    """The corpus folder, or ``None`` when there is none (only without the variable)."""
    override = os.environ.get(CORPUS_VARIABLE)
    if override:
        return Path(override)
    return DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else None


NO_CORPUS_REASON = (
    f"Pabulib corpus not found: set {CORPUS_VARIABLE} to a folder of .pb files "
    f"(default {DEFAULT_CORPUS}, which does not exist) to run the corpus-wide tests"
)

needs_corpus = pytest.mark.skipif(corpus_dir() is None, reason=NO_CORPUS_REASON)


def repo_files() -> list[Path]:
    """The real Pabulib files committed under ``samskab/pb/tests/data``."""
    return sorted(DATA_DIR.glob("*.pb"))


def repo_file(name: str) -> Path:
    path = DATA_DIR / name
    assert path.is_file(), f"{path} is not in the repository's test data"
    return path


def corpus_files() -> list[Path]:
    """Every .pb file of the corpus; empty without one."""
    folder = corpus_dir()
    return sorted(folder.glob("*.pb")) if folder is not None else []


def corpus_file(name: str) -> Path:
    folder = corpus_dir()
    assert folder is not None, NO_CORPUS_REASON
    return folder / name


def corpus_params() -> list[Any]:
    """``pytest.param`` per corpus file, or one skipped placeholder that says why."""
    files = corpus_files()
    if files:
        return [pytest.param(path, id=f"corpus/{path.name}") for path in files]
    return [pytest.param(None, id="corpus", marks=pytest.mark.skip(reason=NO_CORPUS_REASON))]


def repo_params() -> list[Any]:
    return [pytest.param(path, id=f"data/{path.name}") for path in repo_files()]


@cache
def load_path(path: Path) -> Election:
    """Parse a file once per test session (Łódź 2022 takes a third of a second)."""
    return read_pabulib(path)


def load(name: str) -> Election:
    """A committed test file by name."""
    return load_path(repo_file(name))


def load_corpus(name: str) -> Election:
    return load_path(corpus_file(name))
