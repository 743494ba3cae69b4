"""Voting meetings and paper ballot sheets (staff only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.accounts.shortcuts import current_user as _user
from samskab.accounts.shortcuts import require
from samskab.budgets import paper, printing, selectors
from samskab.budgets.ballots import parse_ballot
from samskab.budgets.forms import (
    PaperSheetForm,
    PrintSheetsForm,
    TallyForm,
    VotersAdmittedForm,
    VotingMeetingForm,
)
from samskab.budgets.models import (
    BudgetArea,
    BudgetProcess,
    PaperSheet,
    Tally,
    VoteMethod,
    VotingMeeting,
)
from samskab.budgets.permissions import can
from samskab.budgets.views import process_or_404
from samskab.core.forms import form_add_errors, form_submit


@login_required
@require_http_methods(["GET", "POST"])
def voting_meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    require(request, "budgets.manage_voting_meetings", process)
    form = VotingMeetingForm(request.POST or None, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            paper.voting_meeting_create(actor=_user(request), process=process, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The voting meeting is created."))
            return redirect("budgets:process", process.slug)
    return render(request, "budgets/voting_meeting_form.html", {"process": process, "form": form})


def _sheet_meetings(process: BudgetProcess) -> list[VotingMeeting]:
    return list(
        VotingMeeting.objects.filter(process=process, method=VoteMethod.SHEETS).select_related(
            "meeting", "budget_area__area"
        )
    )


def _sheet_context(
    process: BudgetProcess, voting_meeting: VotingMeeting, choices: dict[int, int]
) -> dict[str, Any]:
    proposals = selectors.ballot_proposals(voting_meeting.budget_area)
    return {
        "entries": [{"proposal": p, "value": choices.get(p.pk)} for p in proposals],
        "rank_options": range(1, min(process.rank_count, len(proposals)) + 1),
    }


@login_required
@require_http_methods(["GET", "POST"])
def paper_ballots(request: HttpRequest, slug: str) -> HttpResponse:
    """One sheet a screen: the sheet number, the crosses, save, and the next sheet."""
    process = process_or_404(request, slug)
    require(request, "budgets.enter_paper_ballots", process)
    meetings = _sheet_meetings(process)
    wanted = request.POST.get("moede") or request.GET.get("moede")
    chosen = next((vm for vm in meetings if str(vm.pk) == wanted), None)
    if chosen is None and len(meetings) == 1:
        chosen = meetings[0]
    context: dict[str, Any] = {
        "process": process,
        "meetings": meetings,
        "chosen": chosen,
        "unfinished": paper.unfinished_sheets(process),
        "counts": paper.meeting_counts(process),
        "can_resolve": can(request.user, "budgets.resolve_paper_ballots", process),
        "can_print": can(request.user, "budgets.manage_voting_meetings", process),
        "budget_areas": selectors.budget_areas_of(process),
        "tally_meetings": [
            vm for vm in selectors.voting_meetings_of(process) if vm.method == VoteMethod.TALLY
        ],
        "unconfirmed_tallies": paper.unconfirmed_tallies(process),
    }
    if chosen is None:
        return render(request, "budgets/paper_ballots.html", context)
    admitted_form = VotersAdmittedForm(
        request.POST if "voters_admitted" in request.POST else None,
        initial={"voters_admitted": chosen.voters_admitted},
    )
    if admitted_form.is_bound:  # the ballot account, not a sheet
        done = form_submit(
            request,
            admitted_form,
            lambda data: paper.voters_admitted_set(
                actor=_user(request), voting_meeting=chosen, **data
            ),
            success=_("The number of voters let in is saved."),
            then=f"{request.path}?moede={chosen.pk}",
        )
        if done is not None:
            return done
        context.update(_sheet_context(process, chosen, {}))
        context.update({"form": PaperSheetForm(), "problems": [], "admitted_form": admitted_form})
        return render(request, "budgets/paper_ballots.html", context, status=400)
    form = PaperSheetForm(request.POST or None)
    choices: dict[int, int] = {}
    problems: list[str] = []
    if request.method == "POST":
        proposals = selectors.ballot_proposals(chosen.budget_area)
        parsed = parse_ballot(process, request.POST, proposals)
        choices, problems = parsed.choices, parsed.problems
        if form.is_valid() and not problems:
            try:
                sheet = paper.paper_sheet_enter(
                    actor=_user(request),
                    voting_meeting=chosen,
                    choices=choices,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                problems = error.messages
            else:
                if sheet.confirmed_at is not None:
                    text = _("Sheet %(number)d is saved and confirmed.")
                elif sheet.entries.count() >= 2:
                    text = _(
                        "Sheet %(number)d is saved, but the two entries differ. The "
                        "secretariat resolves it."
                    )
                else:
                    text = _("Sheet %(number)d is saved. Another person must enter it too.")
                messages.success(request, text % {"number": sheet.number})
                return redirect(f"{request.path}?moede={chosen.pk}")
    context.update(_sheet_context(process, chosen, choices))
    context.update(
        {
            "form": form,
            "problems": problems,
            "admitted_form": admitted_form,
        }
    )
    return render(request, "budgets/paper_ballots.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def paper_sheet_resolve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_or_404(request, slug)
    require(request, "budgets.resolve_paper_ballots", process)
    sheet = get_object_or_404(
        PaperSheet.objects.select_related("voting_meeting__meeting", "voting_meeting__budget_area"),
        pk=pk,
        voting_meeting__process=process,
    )
    if sheet.confirmed_at is not None:
        raise Http404
    form = PaperSheetForm(request.POST or None, initial={"number": sheet.number})
    form.fields["number"].disabled = True
    choices: dict[int, int] = {}
    problems: list[str] = []
    if request.method == "POST":
        proposals = selectors.ballot_proposals(sheet.voting_meeting.budget_area)
        parsed = parse_ballot(process, request.POST, proposals)
        choices, problems = parsed.choices, parsed.problems
        if form.is_valid() and not problems:
            try:
                paper.paper_sheet_resolve(
                    actor=_user(request),
                    sheet=sheet,
                    choices=choices,
                    is_invalid=form.cleaned_data["is_invalid"],
                    invalid_reason=form.cleaned_data["invalid_reason"],
                )
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(
                    request, _("Sheet %(number)d is resolved.") % {"number": sheet.number}
                )
                return redirect("budgets:paper_ballots", process.slug)
    proposals_by_id = {
        str(p.pk): p for p in selectors.ballot_proposals(sheet.voting_meeting.budget_area)
    }
    entries = [
        {
            "entry": entry,
            "read": [
                (proposals_by_id[pk].title if pk in proposals_by_id else pk, value)
                for pk, value in entry.choices.items()
            ],
        }
        for entry in sheet.entries.select_related("entered_by")
    ]
    context = {
        "process": process,
        "sheet": sheet,
        "form": form,
        "problems": problems,
        "read_entries": entries,
        **_sheet_context(process, sheet.voting_meeting, choices),
    }
    return render(request, "budgets/paper_sheet_resolve.html", context)


def _budget_area_or_404(process: BudgetProcess, area_slug: str) -> BudgetArea:
    for budget_area in selectors.budget_areas_of(process):
        if budget_area.area.slug == area_slug:
            return budget_area
    raise Http404


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def ballot_sheets_print(request: HttpRequest, slug: str, area: str) -> HttpResponse:
    """Numbered paper ballots for one budget area (``?fra=1&antal=50``)."""
    process = process_or_404(request, slug)
    require(request, "budgets.manage_voting_meetings", process)
    budget_area = _budget_area_or_404(process, area)
    form = PrintSheetsForm(request.GET or None)
    if not form.is_valid():
        return render(
            request,
            "budgets/print_form.html",
            {"process": process, "budget_area": budget_area, "form": form},
            status=400 if request.GET else 200,
        )
    first, count = form.cleaned_data["fra"], form.cleaned_data["antal"]
    content = printing.ballot_sheets_pdf(
        process, budget_area, selectors.ballot_proposals(budget_area), first=first, count=count
    )
    return _pdf(content, f"stemmesedler-{process.slug}-{area}-{first}-{first + count - 1}.pdf")


@login_required
@require_GET
def posters_print(request: HttpRequest, slug: str, area: str) -> HttpResponse:
    """A poster per proposal on the ballot, with a QR code to the proposal's page."""
    process = process_or_404(request, slug)
    require(request, "budgets.manage_voting_meetings", process)
    budget_area = _budget_area_or_404(process, area)
    proposals = selectors.ballot_proposals(budget_area)
    urls = [request.build_absolute_uri(p.get_absolute_url()) for p in proposals]
    return _pdf(
        printing.posters_pdf(process, proposals, urls), f"plakater-{process.slug}-{area}.pdf"
    )


@login_required
@require_http_methods(["GET", "POST"])
def tally_enter(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A tally meeting's count: the total per project, voters present, who counted."""
    process = process_or_404(request, slug)
    require(request, "budgets.enter_paper_ballots", process)
    voting_meeting = get_object_or_404(
        VotingMeeting.objects.select_related("meeting", "budget_area__area"),
        pk=pk,
        process=process,
        method=VoteMethod.TALLY,
    )
    existing = (
        Tally.objects.filter(voting_meeting=voting_meeting)
        .select_related("entered_by", "confirmed_by")
        .first()
    )
    # "first": nothing entered yet; "own": the user's own entry waits for someone else;
    # "second": someone else's entry waits, so this user enters the sheet again, blind;
    # "confirmed": two people agreed, and a change starts over.
    if existing is None:
        mode = "first"
    elif existing.confirmed_at is not None:
        mode = "confirmed"
    elif existing.entered_by_id == request.user.pk:
        mode = "own"
    else:
        mode = "second"
    proposals = selectors.ballot_proposals(voting_meeting.budget_area)
    shown = existing if mode in ("own", "confirmed") else None
    votes: dict[int, str] = (
        {line.proposal_id: str(line.votes) for line in shown.lines.all()} if shown else {}
    )
    initial = (
        {
            "voters_present": shown.voters_present,
            "counted_by_first": shown.counted_by_first,
            "counted_by_second": shown.counted_by_second,
        }
        if shown
        else None
    )
    form = TallyForm(request.POST or None, initial=initial)
    if mode != "second":
        del form.fields["replace"]
    if request.method == "POST":
        votes = {p.pk: (request.POST.get(f"votes-{p.pk}") or "").strip() for p in proposals}
        numbers: dict[int, int] = {}
        broken = False
        for pk_, text in votes.items():
            if text and not text.isdigit():
                broken = True
            elif text:
                numbers[pk_] = int(text)
        if broken:
            form.add_error(None, _("Votes are whole numbers of 0 or more."))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                tally = paper.tally_save(
                    actor=_user(request),
                    voting_meeting=voting_meeting,
                    votes=numbers,
                    voters_present=data["voters_present"],
                    counted_by_first=data["counted_by_first"],
                    counted_by_second=data["counted_by_second"],
                    replace=bool(data.get("replace")),
                )
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The tally is confirmed: two people entered the same numbers.")
                    if tally.confirmed_at is not None
                    else _("The tally is saved. Another person must now enter it once more."),
                )
                return redirect("budgets:paper_ballots", process.slug)
    context = {
        "process": process,
        "voting_meeting": voting_meeting,
        "form": form,
        "mode": mode,
        "existing": existing,
        "rows": [{"proposal": p, "value": votes.get(p.pk, "")} for p in proposals],
    }
    return render(request, "budgets/tally_form.html", context)
