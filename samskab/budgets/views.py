"""Processes, proposals and vetting. Voting is in views_voting.py, results and
implementation in views_results.py."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.shortcuts import current_user as _user
from samskab.accounts.shortcuts import require
from samskab.budgets import engagement, phases, selectors, services
from samskab.budgets.ballots import proposer_problems, voter_from_user
from samskab.budgets.forms import (
    AreaBudgetFormSet,
    CostLineFormSet,
    MergeAnswerForm,
    MergeRequestForm,
    MessageForm,
    PhaseForm,
    ProcessForm,
    ProposalForm,
    RouteForm,
    VettingForm,
    area_budgets,
    proposal_input,
)
from samskab.budgets.models import (
    PHASE_START_FIELDS,
    BudgetProcess,
    MergeRequest,
    Phase,
    Proposal,
    Vetting,
)
from samskab.budgets.permissions import can
from samskab.budgets.phases import PhaseNotice
from samskab.budgets.uploads import content_type_of
from samskab.core.forms import form_add_errors
from samskab.core.maps import allow_tiles, tile_url
from samskab.core.models import Area
from samskab.meetings.selectors import Place


def phase_closed(request: HttpRequest, process: BudgetProcess, notice: PhaseNotice) -> HttpResponse:
    """A closed or not-yet-open phase: say so and show the way on, instead of a 403."""
    return render(request, "budgets/phase_closed.html", {"process": process, "notice": notice})


def process_or_404(request: HttpRequest, slug: str) -> BudgetProcess:
    process = selectors.process_get(slug)
    if not can(request.user, "budgets.view_process", process):
        raise Http404
    return process


def proposal_or_404(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_get(pk)
    if not can(request.user, "budgets.see_proposal", proposal):
        raise Http404
    if not can(request.user, "budgets.view_process", proposal.process):
        raise Http404
    return proposal


# Processes ---------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "budgets/index.html",
        {
            "processes": selectors.process_list(request.user),
            "can_manage": can(request.user, "budgets.manage_process"),
        },
    )


@require_GET
def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    user = request.user
    proposals = list(selectors.proposal_list(process, user))
    response = render(
        request,
        "budgets/process_detail.html",
        {
            "process": process,
            "budget_areas": selectors.budget_areas_of(process),
            "proposals": proposals,
            "places": [
                asdict(Place(p.title, "proposal", float(p.latitude), float(p.longitude)))
                for p in proposals
                if p.latitude is not None and p.longitude is not None
            ],
            "tile_url": tile_url(),
            "can_manage": can(user, "budgets.manage_process", process),
            "can_propose": can(user, "budgets.create_proposal", process),
            "can_vote": can(user, "budgets.vote", process),
            "can_assist": can(user, "budgets.assist_vote", process),
            "can_see_assisted": can(user, "budgets.view_assisted_ballots", process),
            "can_vet": can(user, "budgets.view_vetting_queue", process),
            "can_see_results": can(user, "budgets.view_results", process),
            "voting_meetings": selectors.voting_meetings_of(process),
            "can_add_voting_meeting": can(user, "budgets.manage_voting_meetings", process),
            "can_enter_paper": can(user, "budgets.enter_paper_ballots", process),
            "phase_form": PhaseForm(initial={"phase": process.phase_override}),
            "phase_steps": [
                (phase, Phase(phase).label, date_format(getattr(process, field), "j. F Y"))
                for phase, field in PHASE_START_FIELDS
            ],
        },
    )
    return allow_tiles(response)


def _process_form_page(request: HttpRequest, process: BudgetProcess | None) -> HttpResponse:
    frozen = bool(process and process.rules_frozen)
    initial = (
        [{"area": ba.area, "budget": ba.budget} for ba in selectors.budget_areas_of(process)]
        if process
        else []
    )
    if request.method == "POST":
        form = ProcessForm(request.POST, instance=process)
        areas = AreaBudgetFormSet(
            request.POST, prefix="omraader", initial=initial, form_kwargs={"frozen": frozen}
        )
        if form.is_valid() and areas.is_valid():
            values = {name: form.cleaned_data[name] for name in form.Meta.fields}
            chosen: list[tuple[Area, int]] = (
                [(ba.area, ba.budget) for ba in selectors.budget_areas_of(process)]
                if process is not None and frozen
                else area_budgets(areas)
            )
            try:
                saved = services.process_save(
                    actor=_user(request), process=process, areas=chosen, **values
                )
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(request, _("The process has been saved."))
                return redirect("budgets:process", saved.slug)
    else:
        form = ProcessForm(instance=process)
        areas = AreaBudgetFormSet(
            prefix="omraader",
            initial=initial,
            form_kwargs={"frozen": frozen},
        )
    return render(
        request,
        "budgets/process_form.html",
        {"form": form, "areas": areas, "process": process, "frozen": frozen},
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_create(request: HttpRequest) -> HttpResponse:
    require(request, "budgets.manage_process")
    return _process_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    require(request, "budgets.manage_process", process)
    return _process_form_page(request, process)


@login_required
@require_POST
def process_phase(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    require(request, "budgets.manage_process", process)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.process_set_phase(
                actor=_user(request),
                process=process,
                phase=form.cleaned_data["phase"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The phase has been changed."))
    else:
        messages.error(request, _("Choose a phase."))
    return redirect("budgets:process", process.slug)


# Proposals ---------------------------------------------------------------------------------


def _proposal_form_page(
    request: HttpRequest, process: BudgetProcess, proposal: Proposal | None
) -> HttpResponse:
    similar: list[Proposal] = []
    checked = False
    if request.method == "POST":
        form = ProposalForm(
            request.POST,
            request.FILES,
            process=process,
            user=request.user,
            current_organisation=proposal.organisation if proposal else None,
            current_goal_id=proposal.plan_goal_id if proposal else None,
        )
        cost_lines = CostLineFormSet(request.POST, prefix="udgifter")
        text = f"{request.POST.get('title', '')} {request.POST.get('description', '')}"
        if "check_similar" in request.POST:
            # Without JavaScript: show similar proposals, store nothing, keep the input.
            similar = selectors.similar_proposals(process, text, proposal.pk if proposal else None)
            checked = True
        elif form.is_valid() and cost_lines.is_valid():
            data = proposal_input(
                form, cost_lines, remove_image=request.POST.get("remove_image") == "on"
            )
            try:
                if proposal is None:
                    saved = services.proposal_submit(
                        author=_user(request), process=process, data=data
                    )
                else:
                    saved = services.proposal_update(
                        actor=_user(request), proposal=proposal, data=data
                    )
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(request, _("Your proposal has been saved."))
                return redirect("budgets:proposal", saved.pk)
    elif proposal is not None:
        form = ProposalForm(
            process=process,
            user=request.user,
            current_organisation=proposal.organisation,
            current_goal_id=proposal.plan_goal_id,
            initial={
                "organisation": proposal.organisation,
                "plan_goal": proposal.plan_goal_id,
                "title": proposal.title,
                "description": proposal.description,
                "budget_area": proposal.budget_area,
                "category": proposal.category,
                "carried_out_by": proposal.carried_out_by,
                "carried_out_by_name": proposal.carried_out_by_name,
                "latitude": proposal.latitude,
                "longitude": proposal.longitude,
                "image_description": proposal.image_description,
            },
        )
        cost_lines = CostLineFormSet(
            prefix="udgifter",
            initial=[
                {"description": line.description, "amount": line.amount}
                for line in proposal.cost_lines.all()
            ],
        )
    else:
        form = ProposalForm(process=process, user=request.user)
        cost_lines = CostLineFormSet(prefix="udgifter")
    response = render(
        request,
        "budgets/proposal_form.html",
        {
            "process": process,
            "proposal": proposal,
            "form": form,
            "cost_lines": cost_lines,
            "similar": similar,
            "checked_similar": checked,
            "tile_url": tile_url(),
        },
    )
    return allow_tiles(response)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    if not process.is_accepting_proposals:
        return phase_closed(request, process, phases.proposals_notice(process))
    require(request, "budgets.create_proposal", process)
    problems = proposer_problems(
        process,
        voter_from_user(_user(request)),
        selectors.budget_areas_of(process),
        timezone.localdate(),
    )
    if problems:
        return render(
            request,
            "budgets/not_eligible_proposer.html",
            {"process": process, "problems": problems},
        )
    return _proposal_form_page(request, process, None)


@require_GET
def proposal_similar(request: HttpRequest, slug: str) -> HttpResponse:
    """HTMX: proposals like the one being typed."""
    process = process_or_404(request, slug)
    text = f"{request.GET.get('title', '')} {request.GET.get('description', '')}"
    exclude = request.GET.get("exclude")
    similar = selectors.similar_proposals(
        process, text, int(exclude) if exclude and exclude.isdigit() else None
    )
    return render(
        request,
        "budgets/partials/similar.html",
        {"similar": similar, "checked_similar": bool(text.strip())},
    )


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    user = request.user
    vetting: Vetting | None = getattr(proposal, "vetting", None)
    return render(
        request,
        "budgets/proposal_detail.html",
        {
            "proposal": proposal,
            "process": proposal.process,
            "vetting": vetting,
            "vetting_messages": proposal.messages.select_related("author"),
            "merge_requests": selectors.merge_requests_for(proposal),
            "can_edit": can(user, "budgets.edit_proposal", proposal),
            "can_vet": can(user, "budgets.vet_proposal", proposal),
            "can_answer": can(user, "budgets.answer_vetting", proposal),
            "message_form": MessageForm(),
            "panel": engagement.panel_for(proposal, user, proposal.get_absolute_url()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.edit_proposal", proposal)
    return _proposal_form_page(request, proposal.process, proposal)


@require_GET
def proposal_image(request: HttpRequest, pk: int) -> FileResponse:
    proposal = proposal_or_404(request, pk)
    if not proposal.image:
        raise Http404
    return FileResponse(
        proposal.image.open("rb"), content_type=content_type_of(proposal.image.name)
    )


# Vetting -----------------------------------------------------------------------------------


@login_required
@require_GET
def vetting_queue(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    require(request, "budgets.view_vetting_queue", process)
    return render(
        request,
        "budgets/vetting_queue.html",
        {"process": process, "proposals": selectors.vetting_queue(process)},
    )


def _vetting_page(request: HttpRequest, proposal: Proposal, **forms: Any) -> HttpResponse:
    vetting = getattr(proposal, "vetting", None)
    context = {
        "proposal": proposal,
        "process": proposal.process,
        "vetting": vetting,
        "can_route": can(request.user, "budgets.route_proposal", proposal),
        "route_form": RouteForm(initial={"department": vetting.department if vetting else None}),
        "vetting_form": VettingForm(instance=vetting),
        "merge_form": MergeRequestForm(proposal=proposal),
        "merge_requests": selectors.merge_requests_for(proposal),
    }
    context.update(forms)
    return render(request, "budgets/vetting_form.html", context, status=400 if forms else 200)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_vet(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.vet_proposal", proposal)
    if request.method == "POST":
        form = VettingForm(request.POST, instance=getattr(proposal, "vetting", None))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.proposal_vet(actor=_user(request), proposal=proposal, **data)
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(request, _("The vetting has been saved."))
                return redirect("budgets:vet", proposal.pk)
        return _vetting_page(request, proposal, vetting_form=form)
    return _vetting_page(request, proposal)


@login_required
@require_POST
def proposal_route(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.route_proposal", proposal)
    form = RouteForm(request.POST)
    if not form.is_valid():
        return _vetting_page(request, proposal, route_form=form)
    services.proposal_route(
        actor=_user(request), proposal=proposal, department=form.cleaned_data["department"]
    )
    messages.success(request, _("The proposal has been sent to the department."))
    return redirect("budgets:vet", proposal.pk)


@login_required
@require_POST
def merge_request_create(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.request_merge", proposal)
    form = MergeRequestForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            services.merge_request_create(
                actor=_user(request),
                source=proposal,
                target=form.cleaned_data["target"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The proposers have been asked."))
            return redirect("budgets:vet", proposal.pk)
    return _vetting_page(request, proposal, merge_form=form)


@login_required
@require_POST
def merge_answer(request: HttpRequest, pk: int) -> HttpResponse:
    merge = get_object_or_404(MergeRequest.objects.select_related("source", "target"), pk=pk)
    user = _user(request)
    if user.pk not in (merge.source.author_id, merge.target.author_id):
        raise PermissionDenied
    form = MergeAnswerForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        services.merge_request_answer(user=user, request=merge, accept=form.cleaned_data["accept"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect("budgets:proposal", merge.source.pk)


@login_required
@require_POST
def vetting_message(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.answer_vetting", proposal)
    form = MessageForm(request.POST)
    if form.is_valid():
        services.vetting_message_add(
            author=_user(request), proposal=proposal, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your message has been sent."))
    else:
        messages.error(request, _("Write a message first."))
    return redirect("budgets:proposal", proposal.pk)
