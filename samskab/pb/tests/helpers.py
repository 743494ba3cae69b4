"""Shared test helpers: where the Pabulib data lives, cached loading, small elections."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from samskab.pb.model import Election
from samskab.pb.pabulib import read_pabulib

# The shared data set sits beside the repository (../shared/data/pabulib); CI clones the
# repository next to the same folder. SAMSKAB_PABULIB_DIR points elsewhere if needed.
DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "pabulib"


def pabulib_dir() -> Path:
    override = os.environ.get("SAMSKAB_PABULIB_DIR")
    return Path(override) if override else DEFAULT_DIR


def data_files() -> list[Path]:
    """Every .pb file of the shared data set (an empty list fails test_it_finds_the_data)."""
    return sorted(pabulib_dir().glob("*.pb"))


def data_file(name: str) -> Path:
    return pabulib_dir() / name


@cache
def load(name: str) -> Election:
    """Parse a shared file once per test session (Łódź takes a third of a second)."""
    return read_pabulib(data_file(name))
