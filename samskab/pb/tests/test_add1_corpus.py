"""add1's jumps over budget steps against the former step-by-step search, on real elections.

The files committed under ``tests/data``, and the corpus in ``SAMSKAB_PABULIB_DIR``
(default: ``../shared/data/pabulib`` beside the repository). The reference
(:func:`samskab.pb.mes._run_add1_reference`) needs about 20 s on Budapest VIII Józsefváros,
so this file takes half a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samskab.pb.mes import MESInstance, _run_add1_reference, run_add1
from samskab.pb.tests.helpers import corpus_params, load_path, repo_params


@pytest.mark.parametrize("path", repo_params() + corpus_params())
def test_it_jumps_to_the_same_add1_outcome_as_the_step_by_step_search(path: Path) -> None:
    inst = MESInstance(load_path(path))
    jumped, steps = run_add1(inst)
    reference, reference_steps = _run_add1_reference(inst)
    assert (jumped.selected, steps, jumped.per_voter) == (
        reference.selected,
        reference_steps,
        reference.per_voter,
    )
