"""Published results, the downloads that reproduce them, and implementation."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.shortcuts import current_user as _user
from samskab.accounts.shortcuts import require
from samskab.budgets import paper, phases, selectors, services_results
from samskab.budgets.forms import (
    ImplementationForm,
    MilestoneDoneForm,
    MilestoneForm,
    UpdateForm,
)
from samskab.budgets.models import (
    BallotType,
    BudgetProcess,
    ImplementationUpdate,
    Milestone,
    Proposal,
    Result,
)
from samskab.budgets.permissions import can
from samskab.budgets.results import explanation_text
from samskab.budgets.uploads import content_type_of
from samskab.budgets.views import phase_closed, process_or_404, proposal_or_404
from samskab.core.charts import ChartItem, bar_chart
from samskab.core.forms import form_add_errors
from samskab.secretariat.exports import safe_cell


def _results_or_404(request: HttpRequest, slug: str) -> BudgetProcess:
    process = process_or_404(request, slug)
    if not can(request.user, "budgets.view_results", process):
        raise Http404
    return process


def _ballots_or_404(request: HttpRequest, slug: str) -> BudgetProcess:
    """The ballots are for nobody, staff included, until the results are published."""
    process = process_or_404(request, slug)
    if not can(request.user, "budgets.download_ballots", process):
        raise Http404
    return process


def _area_view(result: Result, titles: dict[int, Proposal], score_label: str) -> dict[str, Any]:
    outcome = result.outcome
    scores = outcome.get("scores", {})
    supporters = outcome.get("supporters", {})
    explanations = {item["project_id"]: item for item in outcome.get("explanations", [])}
    rows = []
    for key, score in scores.items():
        proposal = titles.get(int(key))
        rows.append(
            {
                "proposal": proposal,
                "title": proposal.title if proposal else key,
                "score": score,
                "supporters": supporters.get(key, 0),
                "cost": int(float(explanations.get(key, {}).get("cost", 0) or 0)),
                "won": int(key) in result.selected_ids,
                "why": explanation_text(explanations.get(key, {})),
            }
        )
    rows.sort(key=lambda row: (-float(row["score"]), row["title"]))
    return {
        "result": result,
        "rows": rows,
        "chart": bar_chart(
            [
                ChartItem(
                    label=str(row["title"]),
                    value=row["score"],
                    url=reverse("budgets:proposal", args=[row["proposal"].pk])
                    if row["proposal"]
                    else None,
                    highlighted=bool(row["won"]),
                )
                for row in rows
            ],
            caption=_("Votes per project in %(area)s; the winners are marked with a tick.")
            % {"area": result.budget_area.area.name},
            label_header=_("Project"),
            value_label=score_label,
            highlight_label=_("won"),
        ),
        "winners": [row for row in rows if row["won"]],
    }


@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    if not can(request.user, "budgets.view_results", process):
        return phase_closed(request, process, phases.results_notice(process))
    stored = selectors.results_of(process)
    ids = [int(key) for result in stored for key in result.outcome.get("scores", {})]
    titles = {p.pk: p for p in Proposal.objects.filter(pk__in=ids)}
    turnout = selectors.turnout(process)
    score_label = {
        BallotType.CUMULATIVE: _("Points"),
        BallotType.RANKING: _("Rank score"),
    }.get(BallotType(process.ballot_type), _("Votes"))
    return render(
        request,
        "budgets/results.html",
        {
            "process": process,
            "areas": [_area_view(result, titles, score_label) for result in stored],
            "turnout": turnout,
            "small_count": selectors.SMALL_COUNT,
            "can_compute": can(request.user, "budgets.compute_results", process),
            # How many voted at each meeting: for the secretariat only (small numbers).
            "meeting_counts": paper.meeting_counts(process)
            if can(request.user, "budgets.manage_voting_meetings", process)
            else [],
            "score_label": score_label,
            "has_tally": paper.process_has_tally(process),
        },
    )


@require_GET
def verify(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Sådan efterprøver du resultatet": how anyone can recompute the winners."""
    process = process_or_404(request, slug)
    if not can(request.user, "budgets.view_results", process):
        return phase_closed(request, process, phases.results_notice(process))
    return render(
        request,
        "budgets/verify.html",
        {"process": process, "budget_areas": selectors.budget_areas_of(process)},
    )


@login_required
@require_POST
def results_compute(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_or_404(request, slug)
    require(request, "budgets.compute_results", process)
    try:
        services_results.results_publish(process=process, actor=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("budgets:process", process.slug)
    messages.success(request, _("The results have been computed and published."))
    return redirect("budgets:results", process.slug)


@require_GET
def download_pabulib(request: HttpRequest, slug: str, area: str) -> HttpResponse:
    process = _ballots_or_404(request, slug)
    result = selectors.result_get(process, area)
    response = HttpResponse(result.pabulib, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-{area}.pb"'
    return response


@require_GET
def download_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every anonymised ballot, one row per project on a ballot."""
    process = _ballots_or_404(request, slug)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["area", "voter_id", "project_id", "value"])
    for budget_area in selectors.budget_areas_of(process):
        for number, ballot in enumerate(selectors.stored_ballots(budget_area), start=1):
            for proposal_id, value in ballot:
                writer.writerow([budget_area.area.slug, number, proposal_id, value])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-stemmer.csv"'
    return response


@require_GET
def download_tallies_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The totals counted at tally meetings (hands, balls in baskets), one row per meeting
    and project. They are not ballots, so they are not in the ballot file, but they count
    in the results: this file lies beside it. Danish headers, separated by ";"."""
    process = _ballots_or_404(request, slug)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Area"),
            _("Voting meeting"),
            _("Date"),
            _("Project id"),
            _("Project"),
            _("Votes counted"),
            _("Voters present at the meeting"),
        ]
    )
    for line in paper.tally_lines(process):
        voting_meeting = line.tally.voting_meeting
        writer.writerow(
            [
                voting_meeting.budget_area.area.slug,
                safe_cell(voting_meeting.meeting.title),
                timezone.localtime(voting_meeting.meeting.starts_at).date().isoformat(),
                line.proposal_id,
                safe_cell(line.proposal.title),
                line.votes,
                line.tally.voters_present,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-optaellinger.csv"'
    return response


# Implementation ----------------------------------------------------------------------------


@require_GET
def implementation_overview(request: HttpRequest, slug: str) -> HttpResponse:
    process = _results_or_404(request, slug)
    implementations = selectors.implementations_of(process)
    return render(
        request,
        "budgets/implementation_overview.html",
        {
            "process": process,
            "implementations": implementations,
            "progress": selectors.progress_of(implementations),
        },
    )


def _implementation_page(request: HttpRequest, proposal: Proposal, **forms: Any) -> HttpResponse:
    implementation = selectors.implementation_get(proposal)
    context: dict[str, Any] = {
        "proposal": proposal,
        "process": proposal.process,
        "implementation": implementation,
        "can_manage": can(request.user, "budgets.manage_implementation", proposal),
        "can_post": can(request.user, "budgets.post_implementation_update", proposal),
        "can_milestones": can(request.user, "budgets.manage_milestones", proposal),
        "form": ImplementationForm(instance=implementation),
        "milestone_form": MilestoneForm(),
        "done_form": MilestoneDoneForm(),
        "update_form": UpdateForm(),
    }
    context.update(forms)
    return render(request, "budgets/implementation.html", context, status=400 if forms else 200)


@require_http_methods(["GET", "POST"])
def implementation(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    if not hasattr(proposal, "implementation"):
        raise Http404
    if request.method == "GET":
        return _implementation_page(request, proposal)
    require(request, "budgets.manage_implementation", proposal)
    form = ImplementationForm(request.POST, instance=selectors.implementation_get(proposal))
    if form.is_valid():
        try:
            services_results.implementation_save(
                actor=_user(request), implementation=proposal.implementation, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The project has been updated."))
            return redirect("budgets:implementation", proposal.pk)
    return _implementation_page(request, proposal, form=form)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.manage_milestones", proposal)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        services_results.milestone_add(
            actor=_user(request), implementation=proposal.implementation, **form.cleaned_data
        )
        messages.success(request, _("The milestone has been added."))
        return redirect("budgets:implementation", proposal.pk)
    return _implementation_page(request, proposal, milestone_form=form)


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.manage_milestones", proposal)
    target = get_object_or_404(Milestone, pk=milestone, implementation__proposal=proposal)
    form = MilestoneDoneForm(request.POST)
    if form.is_valid():
        services_results.milestone_mark_done(
            actor=_user(request), milestone=target, done_on=form.cleaned_data["done_on"]
        )
        messages.success(request, _("The milestone has been marked as reached."))
        return redirect("budgets:implementation", proposal.pk)
    return _implementation_page(request, proposal, done_form=form)


@login_required
@require_POST
def update_post(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    require(request, "budgets.post_implementation_update", proposal)
    form = UpdateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services_results.implementation_post_update(
                author=_user(request),
                implementation=proposal.implementation,
                body=form.cleaned_data["body"],
                image=form.cleaned_data.get("image") or None,
                image_description=form.cleaned_data["image_description"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The update has been posted."))
            return redirect("budgets:implementation", proposal.pk)
    return _implementation_page(request, proposal, update_form=form)


@require_GET
def update_image(request: HttpRequest, pk: int, update: int) -> FileResponse:
    proposal = proposal_or_404(request, pk)
    item = get_object_or_404(ImplementationUpdate, pk=update, implementation__proposal=proposal)
    if not item.image:
        raise Http404
    return FileResponse(item.image.open("rb"), content_type=content_type_of(item.image.name))
