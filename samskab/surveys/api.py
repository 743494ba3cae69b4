"""Open data on surveys and polls (read only, public): the results of published surveys as
aggregates, per question: counts per option or scale value, the average points for ranking
questions, and for free-text questions only how many answered (the texts are never
published). Mounted on the open data API in ``samskab/secretariat/api.py``."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from samskab.surveys import selectors
from samskab.surveys.models import Question, Survey

router = Router(tags=["surveys"])


class Page(Schema):
    limit: int = Field(50, ge=1, le=500, description="How many items (at most 500).")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many items to skip.")


class AnswerCountOut(Schema):
    answer: str
    value: float = Field(
        description=(
            "Number of answers; for ranking, the average points (as many as there are "
            "options for a first place, 1 for the last)."
        )
    )


class QuestionResultOut(Schema):
    position: int
    text: str
    kind: str = Field(description="single, multiple, scale, text or ranking.")
    answered: int = Field(description="How many answered this question.")
    mean: float | None = Field(description="Average value, for scale questions.")
    answers: list[AnswerCountOut] = Field(description="Empty for free-text questions.")


class SurveyResultOut(Schema):
    id: int
    title: str
    is_poll: bool
    opens_on: datetime.date
    closes_on: datetime.date
    audience: str
    area: str | None
    about: str | None = Field(description="What the survey is about, e.g. plan:3.")
    responses: int
    questions: list[QuestionResultOut]
    url: str


class SurveyResultPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SurveyResultOut]


def _about(survey: Survey) -> str | None:
    for name in ("plan", "meeting", "experiment", "idea"):
        pk = getattr(survey, f"{name}_id")
        if pk is not None:
            return f"{name}:{pk}"
    return None


@router.get("/surveys", response=SurveyResultPage, summary="Survey and poll results")
def survey_list(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    """Published surveys and polls with their results as aggregates; free texts are never
    published, only how many wrote one."""
    # What anyone may see: published, and about something public (not a planned experiment).
    public = [survey.pk for survey in selectors.survey_list(user=AnonymousUser())]
    wanted = public[page.offset : page.offset + page.limit]
    surveys = (
        Survey.objects.filter(pk__in=wanted)
        .select_related("area")
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.prefetch_related("options"))
        )
        .annotate(response_count=Count("responses", distinct=True))
        .in_bulk()
    )
    count = len(public)
    items = [surveys[pk] for pk in wanted]
    rows = selectors.answer_rows(items)
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                "id": survey.pk,
                "title": survey.title,
                "is_poll": survey.is_poll,
                "opens_on": survey.opens_on,
                "closes_on": survey.closes_on,
                "audience": survey.audience,
                "area": survey.area.name if survey.area else None,
                "about": _about(survey),
                "responses": survey.response_count,
                "questions": [
                    {
                        "position": result.question.position,
                        "text": result.question.text,
                        "kind": result.question.kind,
                        "answered": result.answered,
                        "mean": result.mean,
                        "answers": [
                            {"answer": label, "value": value} for label, value in result.rows
                        ],
                    }
                    for result in selectors.survey_results(
                        survey, with_texts=False, answers=rows.get(survey.pk, [])
                    )
                ],
                "url": survey.get_absolute_url(),
            }
            for survey in items
        ],
    }
