"""Deterministic, documented tie-breaking.

A tie-breaking rule is a sequence of criteria, applied in order until two projects differ;
project ids are unique, so ``id`` is always appended last and the order is total:

``cost-asc``
    the cheaper project first;
``cost-desc``
    the more expensive project first;
``votes-desc``
    the project named on more ballots first;
``id``
    smaller project id first, comparing the ids as text (``"10" < "9"``), exactly like
    pabutools' ``lexico_tie_breaking``;
``file-order``
    the project listed earlier in the PROJECTS section first.

Named presets:

``lexicographic`` = ``id``
    pabutools' default; used to compare with pabutools.
``equalshares`` = ``cost-asc, votes-desc, id``
    what equalshares.net's reference code does: among tied projects prefer the cheapest,
    then the most supported (https://equalshares.net/implementation/computation/).
``file-order`` = ``file-order``
    the order the city published (Pabulib files list projects by descending score, so this
    is the city's own ranking where it broke ties).
"""

from __future__ import annotations

from collections.abc import Sequence

from samskab.pb.model import Election
from samskab.pb.tally import supporter_counts

CRITERIA = ("cost-asc", "cost-desc", "votes-desc", "id", "file-order")

PRESETS: dict[str, tuple[str, ...]] = {
    "lexicographic": ("id",),
    "equalshares": ("cost-asc", "votes-desc", "id"),
    "file-order": ("file-order",),
}

DEFAULT = "equalshares"

TieBreaking = tuple[str, ...]


def parse_tie_breaking(spec: str | Sequence[str] | None) -> TieBreaking:
    """Turn a preset name, a comma-separated list or a sequence of criteria into criteria."""
    if spec is None:
        spec = DEFAULT
    if isinstance(spec, str):
        if spec in PRESETS:
            return PRESETS[spec]
        spec = [part.strip() for part in spec.split(",") if part.strip()]
    criteria = tuple(spec)
    for criterion in criteria:
        if criterion not in CRITERIA:
            known = ", ".join(dict.fromkeys((*PRESETS, *CRITERIA)))
            raise ValueError(f"unknown tie-breaking criterion '{criterion}' (known: {known})")
    if not criteria:
        raise ValueError("empty tie-breaking rule")
    return criteria


def tie_ranks(election: Election, criteria: TieBreaking) -> list[int]:
    """Position of every project in the tie-breaking order (0 wins every tie)."""
    counts = supporter_counts(election).tolist()
    keys: list[tuple[tuple[object, ...], int]] = []
    for position, project in enumerate(election.projects):
        parts: list[object] = []
        for criterion in criteria:
            if criterion == "cost-asc":
                parts.append(project.cost)
            elif criterion == "cost-desc":
                parts.append(-project.cost)
            elif criterion == "votes-desc":
                parts.append(-counts[position])
            elif criterion == "id":
                parts.append(project.id)
            else:
                parts.append(position)
        parts.append(project.id)
        keys.append((tuple(parts), position))
    ranks = [0] * len(keys)
    for rank, (_, position) in enumerate(sorted(keys)):
        ranks[position] = rank
    return ranks
