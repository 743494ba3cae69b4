"""Voting meetings and paper ballot sheets: every write in one transaction.

A sheet is entered twice, by two different people. When the two entries agree the sheet
is confirmed; when they differ it waits for the secretariat, who reads the sheet and
resolves it. A confirmed valid sheet becomes a ``Ballot`` with the channel ``PAPER`` and
no person key (the staff at the meeting checked the voter), so it counts in the results,
the ``.pb`` file and ``samskab-pb check`` like any other ballot. Entry closes for good when
the results are published.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.budgets import selectors
from samskab.budgets.ballots import ballot_problems
from samskab.budgets.models import (
    Ballot,
    BallotChoice,
    BallotType,
    BudgetArea,
    BudgetProcess,
    Channel,
    PaperSheet,
    PaperSheetEntry,
    Phase,
    Proposal,
    ResultRule,
    Tally,
    TallyLine,
    VoteMethod,
    VotingMeeting,
)
from samskab.budgets.voting import new_receipt_code
from samskab.core.audit import audit_record
from samskab.core.models import Area
from samskab.meetings.models import Kind
from samskab.meetings.services import MeetingData, meeting_create

# Ballot types a tally can count: crosses by projects (hands up, a ball in a basket).
TALLY_BALLOT_TYPES = (BallotType.BASKET, BallotType.APPROVAL)


def tally_rule_problem(ballot_type: str, result_rule: str) -> str:
    """Why a process with these rules cannot take a tally (empty when it can). A tally
    gives a total per project, not each voter's ballot, so only the greedy rule, which
    needs nothing but the totals, can count it."""
    if ballot_type not in TALLY_BALLOT_TYPES:
        return _(
            "A tally counts hands or balls for each project, so it only works when voters "
            "choose projects, not when they give points or ranks."
        )
    if result_rule != ResultRule.GREEDY:
        return _(
            "A tally gives only the total for each project, not each voter's ballot. The "
            "Method of Equal Shares needs each ballot, so with a tally the result can only be "
            "counted greedily (most votes first)."
        )
    return ""


# A voting meeting's capacity in the meetings module: the village hall, not a workshop.
VOTING_MEETING_CAPACITY = 500


@transaction.atomic
def voting_meeting_create(
    *,
    actor: User,
    process: BudgetProcess,
    budget_area: BudgetArea,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    method: str,
) -> VotingMeeting:
    """A voting meeting for one budget area, with its meeting in the meetings module."""
    process = _locked_process(process)
    if process.has_results:
        raise ValidationError(
            _("The results are published, so no more voting meetings can be added.")
        )
    if budget_area.process_id != process.pk:
        raise ValidationError({"budget_area": _("Choose one of this citizen budget's areas.")})
    if method not in VoteMethod.values:
        raise ValidationError({"method": _("Choose ballot sheets or a tally.")})
    if method == VoteMethod.TALLY:
        problem = tally_rule_problem(process.ballot_type, process.result_rule)
        if problem:
            raise ValidationError({"method": problem})
    area = budget_area.area
    meeting = meeting_create(
        actor=actor,
        data=MeetingData(
            title=title.strip(),
            kind=Kind.CITIZENS_MEETING,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=VOTING_MEETING_CAPACITY,
            place=place.strip(),
            area=None if area.kind == Area.Kind.MUNICIPALITY else area,
            description=_("Voting meeting in the citizen budget %(title)s.")
            % {"title": process.title},
        ),
    )
    voting_meeting = VotingMeeting.objects.create(
        process=process, budget_area=budget_area, meeting=meeting, method=method
    )
    audit_record(actor=actor, action="voting_meeting_create", obj=process)
    return voting_meeting


def _check_entry_open(process: BudgetProcess) -> None:
    if process.has_results:
        raise ValidationError(
            _("The results are published, so no more ballot sheets or tallies can be entered.")
        )
    if not process.phase_reached(Phase.VOTING):
        raise ValidationError(_("Ballot sheets can be entered once voting has opened."))


def _normalised(choices: Mapping[int, int]) -> dict[str, int]:
    return {str(pk): int(value) for pk, value in sorted(choices.items())}


def _check_content(
    process: BudgetProcess,
    voting_meeting: VotingMeeting,
    choices: Mapping[int, int],
    is_invalid: bool,
    invalid_reason: str,
) -> None:
    if is_invalid:
        if not invalid_reason.strip():
            raise ValidationError(
                {"invalid_reason": _("Write why the sheet is invalid, as it is recorded.")}
            )
        return
    problems = ballot_problems(
        process,
        voting_meeting.budget_area,
        choices,
        selectors.ballot_proposals(voting_meeting.budget_area),
    )
    if problems:
        problems.append(
            _("If the sheet itself breaks the rules, record it as invalid with the reason.")
        )
        raise ValidationError(problems)


def _confirm(
    sheet: PaperSheet,
    choices: Mapping[str, int],
    *,
    is_invalid: bool,
    invalid_reason: str,
    resolved_by: User | None,
) -> None:
    voting_meeting = sheet.voting_meeting
    sheet.confirmed_at = timezone.now()
    sheet.is_invalid = is_invalid
    sheet.invalid_reason = invalid_reason.strip() if is_invalid else ""
    sheet.resolved_by = resolved_by
    if not is_invalid:
        budget_area = voting_meeting.budget_area
        area = budget_area.area
        ballot = Ballot.objects.create(
            process=voting_meeting.process,
            budget_area=budget_area,
            voter_key="",
            receipt_code=new_receipt_code(),
            channel=Channel.PAPER,
            age_band="",
            voter_area=None if area.kind == Area.Kind.MUNICIPALITY else area,
            cast_at=voting_meeting.meeting.starts_at,
        )
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, proposal_id=int(pk), value=value)
            for pk, value in choices.items()
        )
        sheet.ballot = ballot
    sheet.save()


def _locked_process(process: BudgetProcess) -> BudgetProcess:
    return BudgetProcess.objects.select_for_update().get(pk=process.pk)


@transaction.atomic
def paper_sheet_enter(
    *,
    actor: User,
    voting_meeting: VotingMeeting,
    number: int,
    choices: Mapping[int, int],
    is_invalid: bool = False,
    invalid_reason: str = "",
) -> PaperSheet:
    """Record what ``actor`` read on sheet ``number``. The second entry by another person
    confirms the sheet when the two agree; otherwise the sheet waits to be resolved."""
    process = _locked_process(voting_meeting.process)
    _check_entry_open(process)
    if voting_meeting.method != VoteMethod.SHEETS:
        raise ValidationError(_("This meeting counts by a tally, not by ballot sheets."))
    if number < 1:
        raise ValidationError({"number": _("The sheet number is a whole number from 1.")})
    sheet, _created = PaperSheet.objects.select_for_update().get_or_create(
        voting_meeting=voting_meeting, number=number
    )
    if sheet.confirmed_at is not None:
        raise ValidationError(
            _("Sheet %(number)d has already been entered twice and confirmed.") % {"number": number}
        )
    entries = list(sheet.entries.all())
    if any(entry.entered_by_id == actor.pk for entry in entries):
        raise ValidationError(
            _(
                "You have already entered sheet %(number)d. Another person must enter it "
                "the second time."
            )
            % {"number": number}
        )
    if len(entries) >= 2:
        raise ValidationError(
            _(
                "Sheet %(number)d has been entered twice and the entries differ. The "
                "secretariat resolves it."
            )
            % {"number": number}
        )
    _check_content(process, voting_meeting, choices, is_invalid, invalid_reason)
    content = _normalised(choices) if not is_invalid else {}
    PaperSheetEntry.objects.create(
        sheet=sheet,
        entered_by=actor,
        choices=content,
        is_invalid=is_invalid,
        invalid_reason=invalid_reason.strip() if is_invalid else "",
    )
    if entries:
        first = entries[0]
        if first.is_invalid == is_invalid and first.choices == content:
            _confirm(
                sheet,
                content,
                is_invalid=is_invalid,
                invalid_reason=first.invalid_reason or invalid_reason,
                resolved_by=None,
            )
    audit_record(
        actor=actor, action="paper_sheet_enter", obj=process, detail={"sheet": sheet.number}
    )
    return sheet


@transaction.atomic
def paper_sheet_resolve(
    *,
    actor: User,
    sheet: PaperSheet,
    choices: Mapping[int, int],
    is_invalid: bool = False,
    invalid_reason: str = "",
) -> PaperSheet:
    """The secretariat reads a sheet whose two entries differ and records what it says.

    Someone who entered the sheet cannot resolve it: otherwise one person could enter a
    sheet wrongly on purpose and then decide it their way."""
    process = _locked_process(sheet.voting_meeting.process)
    _check_entry_open(process)
    sheet = PaperSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.confirmed_at is not None or sheet.entries.count() < 2:
        raise ValidationError(_("Only sheets whose two entries differ are resolved here."))
    if sheet.entries.filter(entered_by=actor).exists():
        raise ValidationError(
            _(
                "You entered sheet %(number)d yourself, so another person from the "
                "secretariat must read it and resolve it."
            )
            % {"number": sheet.number}
        )
    _check_content(process, sheet.voting_meeting, choices, is_invalid, invalid_reason)
    _confirm(
        sheet,
        _normalised(choices) if not is_invalid else {},
        is_invalid=is_invalid,
        invalid_reason=invalid_reason,
        resolved_by=actor,
    )
    audit_record(
        actor=actor, action="paper_sheet_resolve", obj=process, detail={"sheet": sheet.number}
    )
    return sheet


def unfinished_sheets(process: BudgetProcess) -> list[PaperSheet]:
    """Sheets entered only once, or twice with different entries: results must wait."""
    return list(
        PaperSheet.objects.filter(voting_meeting__process=process, confirmed_at__isnull=True)
        .select_related("voting_meeting__meeting")
        .annotate(n_entries=Count("entries"))
        .prefetch_related("entries__entered_by")
        .order_by("voting_meeting__meeting__starts_at", "number")
    )


@dataclass(frozen=True)
class MeetingCount:
    voting_meeting: VotingMeeting
    ballots: int
    invalid: int
    waiting: int

    @property
    def sheets(self) -> int:
        """Sheets in the ballot box: valid, invalid and those still being entered."""
        return self.ballots + self.invalid + self.waiting

    @property
    def unaccounted(self) -> int:
        """For a sheets meeting with its ballot account: sheets beyond the voters let in."""
        admitted = self.voting_meeting.voters_admitted
        if self.voting_meeting.method != VoteMethod.SHEETS or admitted is None:
            return 0
        return max(0, self.sheets - admitted)


@transaction.atomic
def voters_admitted_set(
    *, actor: User, voting_meeting: VotingMeeting, voters_admitted: int
) -> None:
    """Record a sheets meeting's ballot account: how many voters were checked and let in.
    More ballot sheets than that hold the results back (``results_publish``)."""
    process = _locked_process(voting_meeting.process)
    _check_entry_open(process)
    if voting_meeting.method != VoteMethod.SHEETS:
        raise ValidationError(_("A tally records the voters present with the tally itself."))
    if voters_admitted < 1:
        raise ValidationError({"voters_admitted": _("Write how many voters were let in.")})
    before = voting_meeting.voters_admitted
    voting_meeting.voters_admitted = voters_admitted
    voting_meeting.save(update_fields=["voters_admitted"])
    audit_record(
        actor=actor,
        action="voters_admitted_set",
        obj=process,
        detail={"meeting": voting_meeting.pk, "before": before, "after": voters_admitted},
    )


def unaccounted_sheets(process: BudgetProcess) -> list[MeetingCount]:
    """Sheets meetings with sheets but no ballot account, or with more sheets than voters
    let in: results must wait."""
    return [
        row
        for row in meeting_counts(process)
        if row.voting_meeting.method == VoteMethod.SHEETS
        and row.sheets
        and (row.voting_meeting.voters_admitted is None or row.unaccounted)
    ]


def meeting_counts(process: BudgetProcess) -> list[MeetingCount]:
    """How many voted at each voting meeting (for the secretariat)."""
    meetings = (
        VotingMeeting.objects.filter(process=process)
        .select_related("meeting", "budget_area__area")
        .select_related("tally")
        .annotate(
            n_ballots=Count("sheets", filter=Q(sheets__ballot__isnull=False)),
            n_invalid=Count("sheets", filter=Q(sheets__is_invalid=True)),
            n_waiting=Count("sheets", filter=Q(sheets__confirmed_at__isnull=True)),
        )
    )
    return [
        MeetingCount(
            voting_meeting=vm,
            ballots=vm.n_ballots + (vm.tally.voters_present if hasattr(vm, "tally") else 0),
            invalid=vm.n_invalid,
            waiting=vm.n_waiting,
        )
        for vm in meetings
    ]


def _tally_numbers(tally: Tally) -> dict[str, object]:
    """A tally's numbers, for the audit trail and for comparing two entries."""
    return {
        "voters_present": tally.voters_present,
        "votes": {str(line.proposal_id): line.votes for line in tally.lines.all()},
    }


@transaction.atomic
def tally_save(
    *,
    actor: User,
    voting_meeting: VotingMeeting,
    voters_present: int,
    counted_by_first: str,
    counted_by_second: str,
    votes: Mapping[int, int],
    replace: bool = False,
) -> Tally:
    """Enter a tally meeting's count (until the results are published).

    Like a ballot sheet, a tally counts only when two different people have entered the
    same numbers from the tally sheet. The first entry waits. A second entry by someone else
    confirms it when the numbers agree; when they differ it is refused, naming what differs
    but not the first entry's numbers. The one who made the first entry may correct it;
    someone else may ``replace`` it, and then their entry waits for another person. Any
    change to a confirmed tally starts over. Every save is in the audit trail with the
    numbers before and after.
    """
    process = _locked_process(voting_meeting.process)
    _check_entry_open(process)
    if voting_meeting.method != VoteMethod.TALLY:
        raise ValidationError(_("This meeting uses ballot sheets, not a tally."))
    problem = tally_rule_problem(process.ballot_type, process.result_rule)
    if problem:
        raise ValidationError(problem)
    first, second = counted_by_first.strip(), counted_by_second.strip()
    if not first or not second or first.casefold() == second.casefold():
        raise ValidationError(
            {"counted_by_second": _("Two different people must count: write both names.")}
        )
    if voters_present < 1:
        raise ValidationError({"voters_present": _("Write how many voters were present.")})
    proposals = {p.pk: p for p in selectors.ballot_proposals(voting_meeting.budget_area)}
    if any(pk not in proposals for pk in votes):
        raise ValidationError(_("One of the projects is not on this ballot."))
    if any(count < 0 for count in votes.values()):
        raise ValidationError(_("Votes are whole numbers of 0 or more."))
    if any(count > voters_present for count in votes.values()):
        raise ValidationError(
            _("No project can have more votes than the %(count)d voters present.")
            % {"count": voters_present}
        )
    if process.max_projects and sum(votes.values()) > voters_present * process.max_projects:
        raise ValidationError(
            _(
                "The votes add up to more than %(count)d voters can give with at most "
                "%(most)d votes each."
            )
            % {"count": voters_present, "most": process.max_projects}
        )
    counted = {str(pk): count for pk, count in sorted(votes.items()) if count > 0}
    numbers: dict[str, object] = {"voters_present": voters_present, "votes": counted}
    existing = Tally.objects.select_for_update().filter(voting_meeting=voting_meeting).first()
    before = _tally_numbers(existing) if existing is not None else None
    audit = {"meeting": voting_meeting.pk, "before": before, "after": numbers}
    if existing is not None and before == numbers and existing.confirmed_at is not None:
        return existing  # the same numbers again: nothing changes
    if (
        existing is not None
        and existing.confirmed_at is None
        and existing.entered_by_id != actor.pk
        and not replace
    ):
        assert before is not None
        differ = _tally_differences(before, numbers, proposals)
        if differ:
            raise ValidationError(
                _(
                    "Your numbers differ from the first entry for: %(items)s. Read the tally "
                    "sheet again. If the first entry is wrong, choose to replace it with yours; "
                    "then another person must enter the tally once more."
                )
                % {"items": ", ".join(differ)}
            )
        existing.confirmed_by = actor
        existing.confirmed_at = timezone.now()
        existing.save(update_fields=["confirmed_by", "confirmed_at"])
        audit_record(actor=actor, action="tally_confirm", obj=process, detail=audit)
        return existing
    tally, _created = Tally.objects.update_or_create(
        voting_meeting=voting_meeting,
        defaults={
            "voters_present": voters_present,
            "counted_by_first": first,
            "counted_by_second": second,
            "entered_by": actor,
            "entered_at": timezone.now(),
            "confirmed_by": None,
            "confirmed_at": None,
        },
    )
    tally.lines.all().delete()
    TallyLine.objects.bulk_create(
        TallyLine(tally=tally, proposal_id=int(pk), votes=count) for pk, count in counted.items()
    )
    audit_record(actor=actor, action="tally_save", obj=process, detail=audit)
    return tally


def _tally_differences(
    first: Mapping[str, object], second: Mapping[str, object], proposals: Mapping[int, Proposal]
) -> list[str]:
    """What two entries of a tally disagree on, named (never the numbers themselves)."""
    differ = []
    if first["voters_present"] != second["voters_present"]:
        differ.append(str(_("voters present")))
    first_votes = cast(Mapping[str, int], first["votes"])
    second_votes = cast(Mapping[str, int], second["votes"])
    for pk, proposal in proposals.items():
        if first_votes.get(str(pk), 0) != second_votes.get(str(pk), 0):
            differ.append(f"»{proposal.title}«")
    return differ


def unconfirmed_tallies(process: BudgetProcess) -> list[Tally]:
    """Tallies entered once, waiting for a second person: results must wait."""
    return list(
        Tally.objects.filter(voting_meeting__process=process, confirmed_at__isnull=True)
        .select_related("voting_meeting__meeting", "entered_by")
        .order_by("voting_meeting__meeting__starts_at")
    )


def tally_ballots(budget_area: BudgetArea) -> list[list[tuple[int, int]]]:
    """A tally's votes as one-project ballots: for greedy counting (the only rule a tally
    allows) a project's total is all that matters, so the Pabulib file reproduces the
    result with ``samskab-pb check``."""
    lines = TallyLine.objects.filter(tally__voting_meeting__budget_area=budget_area).order_by(
        "proposal_id"
    )
    return [[(line.proposal_id, 1)] for line in lines for _vote in range(line.votes)]


def tally_lines(process: BudgetProcess) -> list[TallyLine]:
    """Every tally's total per project in ``process``, by meeting and then project, with
    the meeting, its budget area and the project read along (for the tally download)."""
    return list(
        TallyLine.objects.filter(tally__voting_meeting__process=process)
        .select_related(
            "tally__voting_meeting__meeting", "tally__voting_meeting__budget_area__area", "proposal"
        )
        .order_by("tally__voting_meeting__meeting__starts_at", "tally_id", "proposal_id")
    )


def tally_voters(budget_area: BudgetArea) -> int:
    return sum(
        Tally.objects.filter(voting_meeting__budget_area=budget_area).values_list(
            "voters_present", flat=True
        )
    )


def process_has_tally(process: BudgetProcess) -> bool:
    return VotingMeeting.objects.filter(process=process, method=VoteMethod.TALLY).exists()
