"""The engine stays independent of the web platform and of its test-only reference."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
ENGINE = sorted(p for p in PACKAGE.glob("*.py"))


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", ENGINE, ids=[p.name for p in ENGINE])
def test_it_imports_only_the_standard_library_and_numpy(path: Path) -> None:
    allowed = {"numpy", "samskab", "__future__"}
    third_party = {root for root in imported_roots(path) if root not in allowed}
    assert not third_party & {"django", "pabutools", "gmpy2", "scipy", "pandas"}
    assert all(root in __import__("sys").stdlib_module_names for root in third_party)
