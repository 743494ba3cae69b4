"""Casting a ballot: checked on the server, stored whole or not at all.

One ballot per person, process and scope (the municipality-wide budget, or one local
budget) is enforced by the database (``UNIQUE(process, scope, voter_key)``); the code
below only turns a lost race into a clear message.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.identity import age_on
from samskab.accounts.models import User
from samskab.accounts.permissions import is_in_citizen_service
from samskab.budgets import selectors
from samskab.budgets.ballots import (
    Voter,
    age_band,
    ballot_problems,
    eligibility_problems,
    eligible_budget_areas,
)
from samskab.budgets.models import (
    Ballot,
    BallotChoice,
    BallotScope,
    BudgetArea,
    BudgetProcess,
    Channel,
    Proposal,
    scope_of,
)
from samskab.core.audit import audit_record
from samskab.core.notifications import notify

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# A birth date making the voter older than this at the desk is a typing error, not a voter.
OLDEST_VOTER_AGE = 110


class AlreadyVoted(ValidationError):
    """The person has a ballot in this budget (or, for a local budget, in another local
    budget of the process), which may not be changed."""


def _already_voted_at_desk(existing: Ballot, budget_area: BudgetArea) -> AlreadyVoted:
    """What the desk is told: that the person has voted on this budget (or another local
    one) and how, nothing more."""
    how = {
        Channel.ONLINE: _("This person has already voted online."),
        Channel.ASSISTED: _("This person has already voted at a citizen service desk."),
        Channel.PAPER: _("This person has already voted on a paper ballot."),
    }
    message = str(how.get(Channel(existing.channel), _("This person has already voted.")))
    if existing.budget_area_id != budget_area.pk:
        also = _("A person can vote on only one local budget.")
        message = f"{message} {also}"
    return AlreadyVoted(message)


def already_voted_message(scope: str) -> str:
    """What the voter is told when they have a ballot of this scope in the process. Needs
    no query, so it can be said after a lost race, when the transaction is spoilt."""
    if scope == BallotScope.MUNICIPALITY:
        return _("You have already voted on the municipality-wide budget.")
    return _(
        "You have already voted on a local budget in this citizen budget. You can vote on "
        "only one local budget."
    )


@dataclass(frozen=True)
class CastResult:
    ballot: Ballot
    replaced: bool


# The ballot's fixed parts, per worker ------------------------------------------------------


@dataclass
class FixedParts:
    """The budget areas of a process and, read when first asked for, each area's proposals
    on the ballot (the lean rows ``selectors.ballot_proposals_to_count`` gives). Shared by
    the requests of one worker: read only, never changed after being filled."""

    budget_areas: list[BudgetArea]
    proposals: dict[int, list[Proposal]] = field(default_factory=dict)

    def proposals_of(self, budget_area: BudgetArea) -> list[Proposal]:
        found = self.proposals.get(budget_area.pk)
        if found is None:
            found = selectors.ballot_proposals_to_count(budget_area)
            self.proposals[budget_area.pk] = found
        return found


# (process id, creation time, rules version) -> the fixed parts. Only processes whose rules
# are frozen (voting has opened) are kept; each change to the rules bumps the version, so a
# changed ballot is read afresh, and the older version of the same process is dropped. The
# creation time keeps a process that reuses a deleted one's id from meeting its parts.
_FIXED: dict[tuple[int, datetime.datetime, int], FixedParts] = {}


def fixed_parts(process: BudgetProcess) -> FixedParts:
    """The budget areas and ballot proposals of ``process``, read once per worker and rules
    version while voting is open, so that a vote at the peak does not read them again."""
    if not process.rules_frozen:
        return FixedParts(budget_areas=selectors.budget_areas_of(process))
    key = (process.pk, process.created_at, process.rules_version)
    parts = _FIXED.get(key)
    if parts is None:
        parts = FixedParts(budget_areas=selectors.budget_areas_of(process))
        for old in [k for k in _FIXED if k[0] == process.pk]:
            _FIXED.pop(old, None)
        _FIXED[key] = parts
    return parts


def forget_fixed_parts() -> None:
    """Empty this worker's cache (tests)."""
    _FIXED.clear()


# Storing -----------------------------------------------------------------------------------


# The ballot's foreign keys among the values ``_store`` writes (their columns end in _id).
_FOREIGN_KEYS = frozenset({"budget_area", "assisted_by", "voter_area"})


def _insert_new_ballot(
    process: BudgetProcess, voter_key: str, values: dict[str, object], choices: Mapping[int, int]
) -> int | None:
    """PostgreSQL: the ballot and its choices in one statement, or nothing when the person
    has a ballot of the same scope in the process already (``None``). ``ON CONFLICT`` is
    answered by the constraint ``budgets_one_ballot_per_person_and_scope``; it waits for a
    competing, uncommitted ballot of the same person and scope and then inserts nothing, so
    two ballots never both count."""
    columns = ["process_id", "voter_key"]
    params: list[Any] = [process.pk, voter_key]
    for name, value in values.items():
        columns.append(f"{name}_id" if name in _FOREIGN_KEYS else name)
        params.append(getattr(value, "pk", None) if name in _FOREIGN_KEYS else value)
    quote = connection.ops.quote_name
    insert = (
        f"INSERT INTO {quote(Ballot._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        # The constraint is partial (paper ballots have no person key): name its condition.
        "ON CONFLICT (process_id, scope, voter_key) WHERE voter_key <> '' "
        "DO NOTHING RETURNING id"
    )
    if choices:
        rows = ", ".join(["(%s::bigint, %s::integer)"] * len(choices))
        sql = (
            f"WITH b AS ({insert}), c AS ("  # noqa: S608
            f"INSERT INTO {quote(BallotChoice._meta.db_table)} (ballot_id, proposal_id, value) "
            f"SELECT b.id, v.proposal_id, v.value FROM b CROSS JOIN (VALUES {rows}) "
            "AS v(proposal_id, value)) SELECT id FROM b"
        )
        for pk, value in choices.items():
            params += [pk, value]
    else:
        sql = insert
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _ballot_values(
    budget_area: BudgetArea, voter: Voter, channel: str, assisted_by: User | None
) -> dict[str, object]:
    """The ballot row's columns besides the process and the person key. The scope comes
    from the budget area, never from the form."""
    assert voter.birth_date is not None
    return {
        "budget_area": budget_area,
        "scope": scope_of(budget_area),
        "receipt_code": new_receipt_code(),
        "channel": channel,
        "assisted_by": assisted_by,
        "age_band": age_band(age_on(voter.birth_date, timezone.localdate())),
        "voter_area": voter.area,
        "cast_at": timezone.now(),
    }


def _first_ballot_at_once(
    *, process: BudgetProcess, budget_area: BudgetArea, voter: Voter, choices: Mapping[int, int]
) -> CastResult | None:
    """PostgreSQL, online: a person's first ballot with its choices in one statement (itself
    a transaction, so no BEGIN and COMMIT around it). ``None`` when the person has a ballot
    of this scope already and the process lets them change it: the caller then replaces it
    (locked)."""
    assert voter.key is not None
    values = _ballot_values(budget_area, voter, Channel.ONLINE, None)
    new_id = _insert_new_ballot(process, voter.key, values, choices)
    if new_id is None:
        if not process.allow_ballot_change:
            raise AlreadyVoted(already_voted_message(str(values["scope"])))
        return None
    ballot = Ballot(pk=new_id, process=process, voter_key=voter.key, **values)
    ballot._state.adding = False
    return CastResult(ballot=ballot, replaced=False)


def _store(
    *,
    process: BudgetProcess,
    budget_area: BudgetArea,
    voter: Voter,
    choices: Mapping[int, int],
    channel: str,
    assisted_by: User | None,
) -> CastResult:
    assert voter.key is not None
    values = _ballot_values(budget_area, voter, channel, assisted_by)
    # Without ballot changes the UNIQUE constraint alone answers "already voted", so the
    # common case at the peak costs no extra query; with changes the earlier ballot of the
    # same scope is locked (a local ballot may then move to another local budget the voter
    # may vote on). An assisted ballot never replaces one: the desk is only told that, and
    # how, the person has voted; a ballot in the person's other scope is a new ballot.
    scope = str(values["scope"])
    existing = (
        Ballot.objects.select_for_update()
        .filter(process=process, scope=scope, voter_key=voter.key)
        .first()
        if process.allow_ballot_change or channel == Channel.ASSISTED
        else None
    )
    if existing is not None and channel == Channel.ASSISTED:
        raise _already_voted_at_desk(existing, budget_area)
    replaced = existing is not None
    if existing is not None:
        existing.choices.all().delete()
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        ballot = existing
    else:
        try:
            # No savepoint: a lost race undoes the whole ballot_cast transaction anyway.
            with transaction.atomic(savepoint=False):
                ballot = Ballot.objects.create(process=process, voter_key=voter.key, **values)
        except IntegrityError as error:
            # The person has voted already, or another request of theirs won the race.
            if channel == Channel.ASSISTED:
                raise AlreadyVoted(_("This person has already voted.")) from error
            raise AlreadyVoted(already_voted_message(scope)) from error
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, proposal_id=pk, value=value) for pk, value in choices.items()
    )
    return CastResult(ballot=ballot, replaced=replaced)


def _assisted_problems(process: BudgetProcess, voter: Voter, assisted_by: User | None) -> list[str]:
    problems = []
    if not process.assisted_voting:
        problems.append(_("Assisted voting is not switched on for this citizen budget."))
    if assisted_by is None or not is_in_citizen_service(assisted_by):
        problems.append(_("Only staff in the citizen service group can enter assisted ballots."))
    if voter.birth_date is not None and (
        age_on(voter.birth_date, timezone.localdate()) > OLDEST_VOTER_AGE
    ):
        problems.append(
            _(
                "The birth date in the CPR number makes the voter older than %(age)d years. "
                "Check the CPR number."
            )
            % {"age": OLDEST_VOTER_AGE}
        )
    return problems


def _tell_voter_of_desk_ballot(process: BudgetProcess, voter: Voter) -> None:
    """E-mail the person, when we know an address, that a ballot was cast for them at the
    desk: a ballot cast in someone's name without their knowing would then not go unseen.
    The e-mail is sent once the transaction commits (``notify``)."""
    for user in User.objects.filter(person_key=voter.key, is_active=True).exclude(email=""):
        notify(
            recipient=user,
            subject=cast(str, gettext_lazy("A ballot was cast for you at the citizen service")),
            template="budgets/email/assisted_vote.txt",
            context={"process": process},
            force=True,
        )


def ballot_cast(
    *,
    process: BudgetProcess,
    voter: Voter,
    choices: Mapping[int, int],
    budget_area: BudgetArea,
    channel: str = Channel.ONLINE,
    assisted_by: User | None = None,
    recipient: User | None = None,
    budget_areas: Sequence[BudgetArea] | None = None,
    proposals: Sequence[Proposal] | None = None,
) -> CastResult:
    """Store a ballot (or replace the voter's earlier one when the process allows it).

    ``process`` must have been read in the same request (its phase decides whether voting is
    open). Every rule is checked first; a rule broken raises ValidationError with every message,
    and nothing is stored. ``recipient`` gets the receipt by e-mail. A view that has just
    read the process's ``budget_areas`` and the area's ballot ``proposals`` in the same
    request passes them, so that a vote at the peak does not read them twice.
    """
    # ``process`` is read by the caller in the same request, so its phase is the phase now;
    # reading it again here would cost the voting peak a query and close no race (nothing
    # locks the process row, and nothing should: every vote would wait for the one before).
    if not process.is_voting_open or not process.is_published:
        raise ValidationError(_("Voting is not open."))
    parts = fixed_parts(process)
    if budget_areas is None:
        budget_areas = parts.budget_areas
    problems = eligibility_problems(process, voter, budget_areas, timezone.localdate())
    if not problems and budget_area not in eligible_budget_areas(process, voter, budget_areas):
        problems.append(_("You cannot vote on the budget of this area."))
    if proposals is None:
        proposals = parts.proposals_of(budget_area)
    problems += ballot_problems(process, budget_area, choices, proposals)
    if channel == Channel.ASSISTED:
        problems = _assisted_problems(process, voter, assisted_by) + problems
    if problems:
        raise ValidationError(problems)
    result = None
    if channel == Channel.ONLINE and connection.vendor == "postgresql":
        # The peak's common case, a first ballot, as one statement (all or nothing).
        result = _first_ballot_at_once(
            process=process, budget_area=budget_area, voter=voter, choices=choices
        )
    if result is None:
        with transaction.atomic():
            result = _store(
                process=process,
                budget_area=budget_area,
                voter=voter,
                choices=choices,
                channel=channel,
                assisted_by=assisted_by,
            )
            if channel == Channel.ASSISTED:
                # Who helped, not who voted: the ballot row says nothing more than the key.
                audit_record(actor=assisted_by, action="assisted_vote", obj=process)
                _tell_voter_of_desk_ballot(process, voter)
    if recipient is not None:
        # Sent once the ballot is committed (at once after the one-statement ballot).
        notify(
            recipient=recipient,
            subject=cast(str, gettext_lazy("Receipt for your vote")),
            template="budgets/email/receipt.txt",
            context={
                "process": process,
                "receipt_code": result.ballot.receipt_code,
                "titles": [p.title for p in proposals if p.pk in choices],
            },
            force=True,
        )
    return result
