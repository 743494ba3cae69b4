"""Exclusion groups: projects of which at most one may be funded.

Some cities put projects on the ballot that cannot all be built (three designs for one
square, two uses of one plot). Pabulib names the rule ``greedy-exclusive`` (Warsaw) but
records the groups only in the free-text META ``comment``. Samskab writes them in a META
key of its own, which :func:`exclusion_groups` reads back::

    rule;greedy-exclusive
    exclusion_groups;12,13,14|20,21

Groups are separated by ``|``, the project ids of a group by ``,`` (so ids in a group may
contain neither). A group has at least two projects; a project may be in several groups.
Rules that honour the groups (``greedy-exclusive`` and every MES variant) never fund two
projects of one group: once one is funded, the others are out, with the reason
``excluded`` in their explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from samskab.pb.model import Election

META_KEY = "exclusion_groups"
GROUP_SEPARATOR = "|"
ID_SEPARATOR = ","

Groups = tuple[tuple[str, ...], ...]


def parse_groups(text: str) -> Groups:
    """The groups in a META ``exclusion_groups`` value (no check of the ids)."""
    groups: list[tuple[str, ...]] = []
    for number, part in enumerate(text.split(GROUP_SEPARATOR), start=1):
        ids = tuple(pid.strip() for pid in part.split(ID_SEPARATOR) if pid.strip())
        if not ids and not part.strip():
            continue
        if len(ids) < 2:
            raise ValueError(
                f"META {META_KEY}: group {number} ('{part.strip()}') needs at least two projects"
            )
        if len(set(ids)) != len(ids):
            raise ValueError(f"META {META_KEY}: group {number} names a project twice")
        groups.append(ids)
    return tuple(groups)


def format_groups(groups: Iterable[Sequence[str]]) -> str:
    """The META value for ``groups`` (the inverse of :func:`parse_groups`)."""
    parts: list[str] = []
    for group in groups:
        ids = [str(pid) for pid in group]
        for pid in ids:
            if GROUP_SEPARATOR in pid or ID_SEPARATOR in pid or pid != pid.strip() or not pid:
                raise ValueError(f"project id '{pid}' cannot be written in {META_KEY}")
        parts.append(ID_SEPARATOR.join(ids))
    result = GROUP_SEPARATOR.join(parts)
    parse_groups(result)  # the same checks as reading it back
    return result


def exclusion_groups(election: Election) -> Groups:
    """The election's groups from META ``exclusion_groups`` (empty without that key).

    Raises :class:`ValueError` naming the key when a group names an unknown project.
    """
    text = election.meta.get(META_KEY, "")
    if not text.strip():
        return ()
    groups = parse_groups(text)
    known = set(election.project_ids)
    for group in groups:
        unknown = [pid for pid in group if pid not in known]
        if unknown:
            raise ValueError(f"META {META_KEY} names unknown projects: {', '.join(unknown)}")
    return groups


def conflicts(election: Election, groups: Groups | None = None) -> list[list[int]]:
    """For every project position, the positions of the projects it excludes."""
    if groups is None:
        groups = exclusion_groups(election)
    index = election.project_index()
    result: list[set[int]] = [set() for _ in election.projects]
    for group in groups:
        members = [index[pid] for pid in group]
        for p in members:
            result[p].update(q for q in members if q != p)
    return [sorted(items) for items in result]


def with_exclusion_groups(
    election: Election, groups: Iterable[Sequence[str]], *, rule: str | None = "greedy-exclusive"
) -> Election:
    """A copy of ``election`` whose META records ``groups`` (and ``rule``, unless None), as
    the ``.pb`` export writes it."""
    meta = dict(election.meta)
    meta[META_KEY] = format_groups(groups)
    if rule is not None:
        meta["rule"] = rule
    result = replace(election, meta=meta)
    exclusion_groups(result)  # unknown ids fail here, not when the file is read back
    return result
