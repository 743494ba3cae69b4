"""The open data API (read only, public): public ideas, citizen-budget processes, their
results and the implementation of the winning projects, as JSON and as CSV.

Only what the public pages already show is published: ideas that are neither internal nor
hidden (no author, no e-mail, no handling notes), published processes, published results.
The OpenAPI schema is served at ``/api/v1/openapi.json``; Ninja's interactive docs page is
switched off because it loads its scripts from a CDN (the plain-language page
``/sekretariat/aabne-data/`` documents the API instead).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from pydantic import Field

from samskab.budgets import selectors as budgets
from samskab.budgets.models import BudgetProcess, Implementation, Proposal, Result
from samskab.ideas import selectors as ideas
from samskab.ideas.models import Idea
from samskab.secretariat.api_practice import router as practice_router
from samskab.secretariat.exports import csv_text
from samskab.surveys.api import router as surveys_router

api = NinjaAPI(
    title="Samskab open data",
    version="1",
    description=(
        "Public data from Samskab Slagelse: ideas, citizen budgets, their results and the "
        "implementation of the winning projects. Read only; no personal data. Every list "
        "is paginated with `limit` and `offset`, and is also available as CSV."
    ),
    docs_url=None,
    openapi_url="/openapi.json",
    urls_namespace="open_data_api",
)

# Experiments, evidence, realisations and learning figures (samskab/secretariat/api_practice.py).
api.add_router("", practice_router)
# Survey and poll results as aggregates (samskab/surveys/api.py).
api.add_router("", surveys_router)

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
CSV = {"text/csv": {"schema": {"type": "string"}}}


class Page(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="How many items (at most 500).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class ErrorOut(Schema):
    detail: Any


class IdeaOut(Schema):
    id: int
    title: str
    problem: str
    description: str
    beneficiaries: str
    area: str
    department: str | None
    theme: str
    status: str
    status_label: str
    submitted_on: datetime.date
    decided_on: datetime.date | None
    answer: str
    url: str


class IdeaPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[IdeaOut]


class AreaBudgetOut(Schema):
    area: str
    budget: int


class ProcessOut(Schema):
    slug: str
    title: str
    description: str
    phase: str | None
    information_starts: datetime.date
    proposals_start: datetime.date
    vetting_start: datetime.date
    voting_start: datetime.date
    results_start: datetime.date
    implementation_start: datetime.date
    ballot_type: str
    result_rule: str
    results_published: bool
    areas: list[AreaBudgetOut]
    url: str


class ProcessPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProcessOut]


class ProjectResultOut(Schema):
    proposal_id: int
    title: str
    cost: int
    score: str
    selected: bool


class AreaResultOut(Schema):
    area: str
    budget: int
    rule: str
    ballots: int
    total_cost: int
    verified: bool
    projects: list[ProjectResultOut]


class TurnoutGroupOut(Schema):
    group: str | None = Field(
        description="Home area, age band or channel (online, assisted, paper); null for "
        "the row of small groups counted together."
    )
    voters: int = Field(
        description="People in the group, each counted once: a person with a ballot in the "
        "municipality-wide budget and one in a local budget is counted by the local one."
    )
    ballots: int = Field(description="The same number as voters (the older name).")
    merged: bool = Field(
        description="True for the groups with fewer than 5 voters, counted together (with "
        "the smallest other groups until they are at least 5)."
    )


class TurnoutOut(Schema):
    total: int = Field(description="The voters in all, each person counted once.")
    ballots: int = Field(
        description="The ballots in all (a person may have two: municipality-wide and local); "
        "each voter counted at a tally meeting is one."
    )
    by_home_area: list[TurnoutGroupOut]
    by_age: list[TurnoutGroupOut]
    by_channel: list[TurnoutGroupOut]


class ResultsOut(Schema):
    process: str
    results_published_at: datetime.datetime
    areas: list[AreaResultOut]
    turnout: TurnoutOut


class MilestoneOut(Schema):
    title: str
    due: datetime.date
    done_on: datetime.date | None


class ImplementationOut(Schema):
    proposal_id: int
    title: str
    area: str
    status: str
    status_label: str
    amount_granted: int
    amount_spent: int
    milestones_done: int
    milestones_total: int
    milestones: list[MilestoneOut]
    url: str


class ImplementationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ImplementationOut]


def _csv(header: tuple[str, ...], rows: list[tuple[Any, ...]], name: str) -> HttpResponse:
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _page(items: Any, page: Page) -> tuple[int, list[Any]]:
    count = len(items) if isinstance(items, list) else items.count()
    return count, list(items[page.offset : page.offset + page.limit])


# Ideas ----------------------------------------------------------------------------------


def _idea(idea: Idea) -> dict[str, Any]:
    local = timezone.localtime
    return {
        "id": idea.pk,
        "title": idea.title,
        "problem": idea.problem,
        "description": idea.description,
        "beneficiaries": idea.beneficiaries,
        "area": idea.area.name,
        "department": idea.department.name if idea.department else None,
        "theme": idea.theme.name,
        "status": idea.status,
        "status_label": str(idea.get_status_display()),
        "submitted_on": local(idea.submitted_at).date(),
        "decided_on": local(idea.decided_at).date() if idea.decided_at else None,
        "answer": idea.answer,
        "url": idea.get_absolute_url(),
    }


IDEA_FIELDS = tuple(IdeaOut.model_fields)


@api.get(
    "/ideas",
    response={200: IdeaPage, 422: ErrorOut},
    summary="Public ideas",
    description="Ideas that are neither internal nor hidden, newest first.",
    tags=["ideas"],
)
def idea_list(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    count, items = _page(ideas.public_ideas(), page)
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [_idea(idea) for idea in items],
    }


@api.get(
    "/ideas.csv",
    response={422: ErrorOut},
    summary="Public ideas as CSV",
    tags=["ideas"],
    openapi_extra={"responses": {200: {"description": "CSV, one idea a row", "content": CSV}}},
)
def idea_list_csv(request: HttpRequest, page: Query[Page]) -> HttpResponse:
    _count, items = _page(ideas.public_ideas(), page)
    rows = [tuple(_idea(idea).values()) for idea in items]
    return _csv(IDEA_FIELDS, rows, "ideer")


# Citizen budgets ------------------------------------------------------------------------


def _process(process: BudgetProcess) -> dict[str, Any]:
    return {
        "slug": process.slug,
        "title": process.title,
        "description": process.description,
        "phase": process.current_phase,
        **{
            name: getattr(process, name)
            for name in (
                "information_starts",
                "proposals_start",
                "vetting_start",
                "voting_start",
                "results_start",
                "implementation_start",
                "ballot_type",
                "result_rule",
            )
        },
        "results_published": process.has_results,
        "areas": [
            {"area": budget_area.area.name, "budget": budget_area.budget}
            for budget_area in process.areas.all()
        ],
        "url": process.get_absolute_url(),
    }


@api.get(
    "/budgets",
    response={200: ProcessPage, 422: ErrorOut},
    summary="Citizen-budget processes",
    description="Published processes with their phases, dates and budget per area.",
    tags=["budgets"],
)
def process_list(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    count, items = _page(budgets.published_processes(), page)
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [_process(process) for process in items],
    }


PROCESS_CSV_FIELDS = tuple(name for name in ProcessOut.model_fields if name != "areas")


@api.get(
    "/budgets.csv",
    response={422: ErrorOut},
    summary="Citizen-budget processes as CSV",
    tags=["budgets"],
    openapi_extra={"responses": {200: {"description": "CSV, one process a row", "content": CSV}}},
)
def process_list_csv(request: HttpRequest, page: Query[Page]) -> HttpResponse:
    _count, items = _page(budgets.published_processes(), page)
    rows = []
    for process in items:
        data = _process(process)
        rows.append(tuple(data[name] for name in PROCESS_CSV_FIELDS))
    return _csv(PROCESS_CSV_FIELDS, rows, "borgerbudgetter")


def _published(slug: str, *, results: bool) -> BudgetProcess:
    # Anything that is not a slug cannot name a process (and a NUL byte would upset
    # PostgreSQL), so it is simply not found.
    if not SLUG.fullmatch(slug):
        raise Http404
    process = budgets.published_processes().filter(slug=slug).first()
    if process is None or (results and not process.has_results):
        raise Http404
    return process


def _area_result(result: Result, proposals: list[Proposal]) -> dict[str, Any]:
    scores = result.outcome.get("scores", {})
    return {
        "area": result.budget_area.area.name,
        "budget": result.budget_area.budget,
        "rule": result.rule,
        "ballots": result.num_ballots,
        "total_cost": result.total_cost,
        "verified": result.verified,
        "projects": sorted(
            (
                {
                    "proposal_id": proposal.pk,
                    "title": proposal.title,
                    "cost": proposal.ballot_cost,
                    "score": str(scores.get(str(proposal.pk), "0")),
                    "selected": proposal.pk in result.selected_ids,
                }
                for proposal in proposals
            ),
            key=lambda row: (not row["selected"], row["title"]),
        ),
    }


@api.get(
    "/budgets/{slug}/results",
    response={200: ResultsOut, 404: ErrorOut},
    summary="Results of a citizen-budget process",
    description="Per area: ballots, the projects on the ballot with their cost and score, "
    "and which were selected. Only once the results are published.",
    tags=["budgets"],
)
def process_results(request: HttpRequest, slug: str) -> dict[str, Any]:
    process = _published(slug, results=True)
    return {
        "process": process.slug,
        "results_published_at": process.results_published_at,
        "areas": [_area_result(r, p) for r, p in budgets.published_results(process)],
        "turnout": _turnout(process),
    }


def _turnout(process: BudgetProcess) -> dict[str, Any]:
    """The same groups as the results page (``samskab.budgets.selectors.turnout``)."""
    turnout = budgets.turnout(process)

    def groups(rows: list[budgets.TurnoutRow]) -> list[dict[str, Any]]:
        return [
            {
                "group": None if row.merged else row.label,
                "voters": row.count,
                "ballots": row.count,
                "merged": row.merged,
            }
            for row in rows
        ]

    return {
        "total": turnout.total,
        "ballots": turnout.ballots,
        "by_home_area": groups(turnout.by_area),
        "by_age": groups(turnout.by_age),
        "by_channel": groups(turnout.by_channel),
    }


RESULT_CSV_FIELDS = ("area", "proposal_id", "title", "cost", "score", "selected")


@api.get(
    "/budgets/{slug}/results.csv",
    response={404: ErrorOut},
    summary="Results of a citizen-budget process as CSV",
    tags=["budgets"],
    openapi_extra={"responses": {200: {"description": "CSV, one project a row", "content": CSV}}},
)
def process_results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    process = _published(slug, results=True)
    rows = []
    for result, proposals in budgets.published_results(process):
        area = _area_result(result, proposals)
        for project in area["projects"]:
            rows.append((area["area"], *(project[name] for name in RESULT_CSV_FIELDS[1:])))
    return _csv(RESULT_CSV_FIELDS, rows, f"{process.slug}-resultater")


def _implementation(implementation: Implementation) -> dict[str, Any]:
    milestones = list(implementation.milestones.all())
    proposal = implementation.proposal
    return {
        "proposal_id": proposal.pk,
        "title": proposal.title,
        "area": proposal.budget_area.area.name,
        "status": implementation.status,
        "status_label": str(implementation.get_status_display()),
        "amount_granted": implementation.amount_granted,
        "amount_spent": implementation.amount_spent,
        "milestones_done": sum(m.done_on is not None for m in milestones),
        "milestones_total": len(milestones),
        "milestones": [{"title": m.title, "due": m.due, "done_on": m.done_on} for m in milestones],
        "url": reverse("budgets:implementation", args=[proposal.pk]),
    }


@api.get(
    "/budgets/{slug}/implementation",
    response={200: ImplementationPage, 404: ErrorOut, 422: ErrorOut},
    summary="Implementation of the winning projects",
    description="Status, money granted and spent, and milestones of each winning project.",
    tags=["budgets"],
)
def process_implementation(request: HttpRequest, slug: str, page: Query[Page]) -> dict[str, Any]:
    process = _published(slug, results=True)
    count, items = _page(budgets.implementations_with_milestones(process), page)
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [_implementation(item) for item in items],
    }


IMPLEMENTATION_CSV_FIELDS = tuple(
    name for name in ImplementationOut.model_fields if name != "milestones"
)


@api.get(
    "/budgets/{slug}/implementation.csv",
    response={404: ErrorOut, 422: ErrorOut},
    summary="Implementation of the winning projects as CSV",
    tags=["budgets"],
    openapi_extra={"responses": {200: {"description": "CSV, one project a row", "content": CSV}}},
)
def process_implementation_csv(request: HttpRequest, slug: str, page: Query[Page]) -> HttpResponse:
    process = _published(slug, results=True)
    _count, items = _page(budgets.implementations_with_milestones(process), page)
    rows = []
    for implementation in items:
        data = _implementation(implementation)
        rows.append(tuple(data[name] for name in IMPLEMENTATION_CSV_FIELDS))
    return _csv(IMPLEMENTATION_CSV_FIELDS, rows, f"{process.slug}-gennemfoerelse")
