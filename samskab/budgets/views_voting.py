"""The ballot page (online and at the citizen service desk) and the receipt."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.permissions import has_role
from samskab.accounts.shortcuts import current_user as _user
from samskab.accounts.shortcuts import require
from samskab.budgets import phases, selectors, voting
from samskab.budgets.ballots import (
    Voter,
    ballot_problems,
    eligibility_problems,
    eligible_budget_areas,
    parse_ballot,
    summarise,
    voter_from_cpr,
    voter_from_user,
)
from samskab.budgets.forms import AssistedVoterForm
from samskab.budgets.models import (
    Ballot,
    BallotScope,
    BudgetArea,
    BudgetProcess,
    Channel,
    Proposal,
    scope_of,
)
from samskab.budgets.permissions import can
from samskab.budgets.views import phase_closed, process_or_404


def _wanted(request: HttpRequest) -> str:
    return request.POST.get("omraade") or request.GET.get("omraade") or ""


def _chosen_area(
    request: HttpRequest, candidates: list[BudgetArea], *, only_named: bool = False
) -> BudgetArea | None:
    """The area named in the request, or the only candidate (unless ``only_named``)."""
    wanted = _wanted(request)
    for budget_area in candidates:
        if budget_area.area.slug == wanted:
            return budget_area
    return candidates[0] if len(candidates) == 1 and not only_named else None


def _of_scope(ballots: list[Ballot], budget_area: BudgetArea) -> Ballot | None:
    scope = scope_of(budget_area)
    return next((ballot for ballot in ballots if ballot.scope == scope), None)


def _scopes_context(candidates: list[BudgetArea]) -> dict[str, bool]:
    """Whether the voter may vote on a municipality-wide AND a local budget."""
    scopes = {scope_of(budget_area) for budget_area in candidates}
    return {"two_scopes": len(scopes) > 1}


def _area_choices(
    candidates: list[BudgetArea], ballots: list[Ballot], allow_change: bool
) -> list[dict[str, Any]]:
    """Each area the voter may vote on, with whether they have voted on it, and whether
    they may vote on it now (not when their ballot of its scope is in another area, or is
    in this one and cannot be changed)."""
    by_scope = {ballot.scope: ballot for ballot in ballots}
    rows = []
    for budget_area in candidates:
        ballot = by_scope.get(scope_of(budget_area))
        voted_here = ballot is not None and ballot.budget_area_id == budget_area.pk
        rows.append(
            {
                "budget_area": budget_area,
                "voted_here": voted_here,
                "voted_elsewhere": ballot is not None and not voted_here,
                "open": ballot is None or allow_change,
            }
        )
    return rows


def _ballot_context(
    process: BudgetProcess,
    budget_area: BudgetArea,
    choices: dict[int, int],
    problems: list[str],
) -> dict[str, Any]:
    proposals = selectors.ballot_proposals(budget_area)
    return {
        "process": process,
        "budget_area": budget_area,
        "entries": [
            {"proposal": p, "value": choices.get(p.pk), "excludes": _excluded_by(p, proposals)}
            for p in proposals
        ],
        "problems": problems,
        "summary": summarise(choices, proposals, budget_area.budget),
        "rank_options": range(1, min(process.rank_count, len(proposals)) + 1),
    }


def _excluded_by(proposal: Proposal, proposals: list[Proposal]) -> list[str]:
    """The titles of the other proposals on the ballot in ``proposal``'s exclusion group."""
    if proposal.exclusion_group is None:
        return []
    return [
        p.title
        for p in proposals
        if p.exclusion_group == proposal.exclusion_group and p.pk != proposal.pk
    ]


def _already_voted(
    request: HttpRequest, process: BudgetProcess, message: str | None = None
) -> HttpResponse:
    messages.info(request, message or _("You have already voted. Here is your receipt."))
    return redirect("budgets:receipt", process.slug)


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    if not process.is_voting_open:
        return phase_closed(request, process, phases.voting_notice(process))
    require(request, "budgets.vote", process)
    user = _user(request)
    voter = voter_from_user(user)
    # The areas and proposals are read once per worker and rules version while voting is open.
    parts = voting.fixed_parts(process)
    budget_areas = parts.budget_areas
    problems = eligibility_problems(process, voter, budget_areas, timezone.localdate())
    if problems:
        return render(
            request, "budgets/not_eligible.html", {"process": process, "problems": problems}
        )
    # Casting needs no look for earlier ballots first: ballot_cast replaces the one of the
    # same scope (locked) or answers "already voted". They are read only when the page is
    # shown, which keeps the vote at the peak to as few queries as possible.
    casting = request.method == "POST" and "preview" not in request.POST
    ballots = [] if casting else selectors.ballots_of(process, voter.key)
    candidates = eligible_budget_areas(process, voter, budget_areas)
    rows = _area_choices(candidates, ballots, process.allow_ballot_change)
    open_areas = [row["budget_area"] for row in rows if row["open"]]
    if not open_areas:
        return _already_voted(request, process)
    # With more than one budget to vote on the voter chooses, and sees what they voted on.
    budget_area = _chosen_area(request, open_areas, only_named=len(candidates) > 1)
    closed = _chosen_area(
        request, [row["budget_area"] for row in rows if not row["open"]], only_named=True
    )
    if budget_area is None and closed is not None:
        # The voter named a budget whose ballot they have cast already and cannot change.
        return _already_voted(request, process, voting.already_voted_message(scope_of(closed)))
    if budget_area is None:
        return render(
            request,
            "budgets/choose_area.html",
            {"process": process, "rows": rows, **_scopes_context(candidates)},
        )
    # The earlier ballot of this scope, which a new one replaces (when the process allows).
    existing = _of_scope(ballots, budget_area)
    choices: dict[int, int] = (
        {choice.proposal_id: choice.value for choice in existing.choices.all()}
        if existing is not None and existing.budget_area_id == budget_area.pk
        else {}
    )
    problems = []
    if request.method == "POST":
        proposals = parts.proposals_of(budget_area)
        parsed = parse_ballot(process, request.POST, proposals)
        choices = parsed.choices
        problems = parsed.problems
        if "preview" in request.POST:
            # Without JavaScript: recompute the summary, store nothing.
            problems += ballot_problems(process, budget_area, choices, proposals)
        elif not problems:
            try:
                voting.ballot_cast(
                    process=process,
                    voter=voter,
                    choices=choices,
                    budget_area=budget_area,
                    recipient=user,
                    budget_areas=budget_areas,
                    proposals=proposals,
                )
            except voting.AlreadyVoted as error:
                return _already_voted(request, process, " ".join(error.messages))
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(request, _("Your vote has been stored."))
                return redirect("budgets:receipt", process.slug)
    if casting:
        existing = _of_scope(selectors.ballots_of(process, voter.key), budget_area)
        if existing is not None and not process.allow_ballot_change:
            return _already_voted(
                request, process, voting.already_voted_message(scope_of(budget_area))
            )
    context = _ballot_context(process, budget_area, choices, problems)
    context.update({"existing": existing, "several_areas": len(candidates) > 1})
    return render(request, "budgets/ballot.html", context, status=400 if problems else 200)


@login_required
@require_POST
def ballot_summary(request: HttpRequest, slug: str) -> HttpResponse:
    """HTMX: the live summary beside the ballot (remaining budget, points, count)."""
    process = process_or_404(request, slug)
    if not can(request.user, "budgets.assist_vote", process):
        require(request, "budgets.vote", process)
    budget_area = _chosen_area(request, selectors.budget_areas_of(process))
    if budget_area is None:
        return HttpResponse(status=400)
    proposals = selectors.ballot_proposals(budget_area)
    parsed = parse_ballot(process, request.POST, proposals)
    return render(
        request,
        "budgets/partials/ballot_summary.html",
        {
            "process": process,
            "budget_area": budget_area,
            "summary": summarise(parsed.choices, proposals, budget_area.budget),
        },
    )


@login_required
@require_GET
def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    """The person's ballots in the process, and the budgets they may still vote on (the
    municipality-wide one beside their local one, or the other way round)."""
    process = process_or_404(request, slug)
    user = _user(request)
    ballots = selectors.ballots_of(process, user.person_key)
    may_vote = process.is_voting_open and can(request.user, "budgets.vote", process)
    still_open: list[BudgetArea] = []
    if may_vote and ballots:
        voter = voter_from_user(user)
        budget_areas = voting.fixed_parts(process).budget_areas
        if not eligibility_problems(process, voter, budget_areas, timezone.localdate()):
            voted = {ballot.scope for ballot in ballots}
            still_open = [
                budget_area
                for budget_area in eligible_budget_areas(process, voter, budget_areas)
                if scope_of(budget_area) not in voted
            ]
    return render(
        request,
        "budgets/receipt.html",
        {
            "process": process,
            "ballots": ballots,
            "still_open": still_open,
            "municipality_open": any(
                scope_of(budget_area) == BallotScope.MUNICIPALITY for budget_area in still_open
            ),
            "can_change": bool(ballots) and may_vote and process.allow_ballot_change,
        },
    )


@sensitive_variables("cpr")
def _assisted_voter(form: AssistedVoterForm) -> Voter | None:
    cpr = form.cleaned_data["cpr"]
    try:
        return voter_from_cpr(
            cpr,
            lives_in_municipality=form.cleaned_data["lives_in_municipality"],
            area=form.cleaned_data["area"],
        )
    except ValueError as error:
        form.add_error("cpr", str(error))
        return None


@sensitive_post_parameters("cpr")
@login_required
@require_http_methods(["GET", "POST"])
def assisted_ballot(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff at the citizen service desk enter a ballot for a voter whose identity they
    checked. The CPR number is used to derive the person key and age, then forgotten."""
    process = process_or_404(request, slug)
    if not process.is_voting_open and has_role(request.user, "employee"):
        return phase_closed(request, process, phases.voting_notice(process))
    require(request, "budgets.assist_vote", process)
    budget_areas = selectors.budget_areas_of(process)
    budget_area = _chosen_area(request, budget_areas)
    if budget_area is None:
        return render(
            request,
            "budgets/choose_area.html",
            {
                "process": process,
                "rows": _area_choices(budget_areas, [], allow_change=True),
                "assisted": True,
                **_scopes_context(budget_areas),
            },
        )
    choices: dict[int, int] = {}
    problems: list[str] = []
    if request.method == "POST":
        form = AssistedVoterForm(request.POST)
        proposals = selectors.ballot_proposals(budget_area)
        parsed = parse_ballot(process, request.POST, proposals)
        choices, problems = parsed.choices, parsed.problems
        voter = _assisted_voter(form) if form.is_valid() else None
        if voter is not None and not problems:
            try:
                result = voting.ballot_cast(
                    process=process,
                    voter=voter,
                    choices=choices,
                    budget_area=budget_area,
                    channel=Channel.ASSISTED,
                    assisted_by=_user(request),
                )
            except ValidationError as error:
                problems = error.messages
            else:
                return render(
                    request,
                    "budgets/assisted_receipt.html",
                    {"process": process, "ballot": result.ballot, "replaced": result.replaced},
                )
    else:
        form = AssistedVoterForm(initial={"area": budget_area.area})
    context = _ballot_context(process, budget_area, choices, problems)
    context.update({"voter_form": form, "assisted": True})
    status = 400 if request.method == "POST" else 200
    return render(request, "budgets/ballot.html", context, status=status)


@login_required
@require_GET
def assisted_ballots(request: HttpRequest, slug: str) -> HttpResponse:
    """For the secretariat: every ballot entered at the desk, when and by whom."""
    process = process_or_404(request, slug)
    require(request, "budgets.view_assisted_ballots", process)
    return render(
        request,
        "budgets/assisted_ballots.html",
        {"process": process, "ballots": selectors.assisted_ballots(process)},
    )
