"""Grouping identical ballots: the integer-key sort gives the column-by-column order."""

from __future__ import annotations

import numpy as np
import pytest

from samskab.pb.tally import _sorted_rows


def _by_columns(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort(table.T[::-1])
    return table[order], order


@pytest.mark.parametrize(
    ("rows", "width", "low", "high"),
    [
        (500, 5, -1, 160),  # ballots of project indices padded with -1
        (300, 8, -1, 150),  # as wide as one integer key allows
        (300, 12, -1, 400),  # too wide for one integer: column by column
        (200, 4, -3, 10),  # negative values (points): column by column
        (1, 1, -1, 0),
    ],
)
def test_it_sorts_rows_as_lexsort_does(rows: int, width: int, low: int, high: int) -> None:
    rng = np.random.default_rng(rows * width)
    # few distinct values, so that many rows repeat
    table = rng.integers(low, high, size=(rows, width)).astype(np.int64)
    table[rows // 2 :] = table[: rows - rows // 2]
    ordered, order, new_group = _sorted_rows(table, high)
    expected, expected_order = _by_columns(table)
    assert np.array_equal(order, expected_order)
    assert np.array_equal(ordered, expected)
    changes = np.ones(rows, dtype=bool)
    changes[1:] = np.any(expected[1:] != expected[:-1], axis=1)
    assert np.array_equal(new_group, changes)
