"""Reads for the survey pages: lists, one survey with its questions, results, and whether
someone may answer."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import rules
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.permissions import is_secretariat
from samskab.core.charts import ChartItem, bar_chart
from samskab.core.models import Area
from samskab.surveys.models import (
    Answer,
    Audience,
    Option,
    Question,
    QuestionKind,
    Respondent,
    Survey,
)
from samskab.surveys.respondents import respondent_key


def _with_everything(queryset: QuerySet[Survey]) -> QuerySet[Survey]:
    return queryset.select_related(
        "area", "plan", "plan__area", "meeting", "experiment", "idea", "created_by"
    ).prefetch_related(Prefetch("questions", queryset=Question.objects.prefetch_related("options")))


def survey_list(*, user: Any, include_polls: bool = True) -> list[Survey]:
    """The surveys ``user`` may see, newest first, with their number of responses."""
    surveys = Survey.objects.select_related("area", "plan", "meeting", "experiment", "idea")
    if not is_secretariat(user):
        visible = Q(is_published=True)
        if getattr(user, "is_authenticated", False):
            visible |= (
                Q(created_by=user)
                | Q(plan__contact=user)
                | Q(meeting__organiser=user)
                | Q(experiment__owner=user)
                | Q(idea__responsible=user)
            )
        surveys = surveys.filter(visible)
    if not include_polls:
        surveys = surveys.filter(is_poll=False)
    surveys = surveys.annotate(response_count=Count("responses", distinct=True)).order_by(
        "-opens_on", "-id"
    )
    # What a survey is about decides who may see it (see permissions.py), by each app's
    # own rule; the surveys of a municipality are few enough to check one by one.
    return [survey for survey in surveys if rules.has_perm("surveys.see_survey", user, survey)]


def survey_get(*, user: Any, pk: int) -> Survey | None:
    """The survey with its questions and options, or None when ``user`` may not see it."""
    survey = _with_everything(Survey.objects.filter(pk=pk)).first()
    if survey is None or not rules.has_perm("surveys.see_survey", user, survey):
        return None
    return survey


def surveys_about(*, user: Any, **subject: Any) -> list[Survey]:
    """The surveys (not polls) about one plan, meeting, experiment or idea, e.g.
    ``surveys_about(user=u, plan=plan)``, that ``user`` may see."""
    return [
        survey
        for survey in Survey.objects.filter(is_poll=False, **subject).select_related(
            "plan", "meeting", "experiment", "idea"
        )
        if rules.has_perm("surveys.see_survey", user, survey)
    ]


def polls_shown(*, today: datetime.date | None = None, **subject: Any) -> list[Survey]:
    """The published, open polls for a page: the home page (no subject) or a plan's page."""
    today = today or timezone.localdate()
    polls = Survey.objects.filter(
        is_poll=True, is_published=True, opens_on__lte=today, closes_on__gte=today
    )
    if subject:
        polls = polls.filter(**subject)
    else:
        polls = polls.filter(plan__isnull=True, meeting__isnull=True, experiment__isnull=True)
        polls = polls.filter(idea__isnull=True)
    return list(_with_everything(polls)[:3])


def is_open(survey: Survey, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.is_published and survey.opens_on <= today <= survey.closes_on


def _covers(area: Area | None, home: Area | None) -> bool:
    if area is None or area.kind == Area.Kind.MUNICIPALITY:
        return True
    return home is not None and area.pk in (home.pk, home.parent_id)


def has_answered(survey: Survey, user: Any, cookie_ids: set[int]) -> bool:
    """A logged-in person by their keyed hash (so that on a shared computer the next person
    may still answer); an anonymous visitor by the browser's signed cookie."""
    if getattr(user, "is_authenticated", False):
        return Respondent.objects.filter(survey=survey, key=respondent_key(survey, user)).exists()
    return survey.pk in cookie_ids


def answer_problems(
    survey: Survey, user: Any, cookie_ids: set[int], today: datetime.date | None = None
) -> list[str]:
    """Why ``user`` may not answer ``survey`` now (empty when they may)."""
    today = today or timezone.localdate()
    if not survey.is_published or today < survey.opens_on:
        return [_("This survey has not opened yet.")]
    if today > survey.closes_on:
        return [_("This survey has closed.")]
    if not survey.questions.all():
        return [_("This survey has no questions yet.")]
    if survey.audience == Audience.AREA:
        if not getattr(user, "is_authenticated", False):
            return [_("Log in to answer this survey: it is for the residents of an area.")]
        if not user.is_municipal_resident or not _covers(survey.area, user.area):
            return [
                _("Only people who live in %(area)s can answer this survey.")
                % {"area": survey.area or _("the municipality")}
            ]
    if has_answered(survey, user, cookie_ids):
        if survey.is_poll:
            return [_("You have answered this poll. Thank you.")]
        return [_("You have already answered this survey. Thank you.")]
    return []


@dataclass
class QuestionResult:
    question: Question
    rows: list[tuple[str, int | float]] = field(default_factory=list)
    value_label: str = ""
    answered: int = 0
    texts: list[str] = field(default_factory=list)
    mean: float | None = None


ANSWER_COLUMNS = ("question_id", "response_id", "option_id", "rank", "value", "text")


def answer_rows(surveys: Sequence[Survey]) -> dict[int, list[tuple[Any, ...]]]:
    """Every answer of these surveys (one query), by survey id, as ``ANSWER_COLUMNS``."""
    rows: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in Answer.objects.filter(response__survey__in=surveys).values_list(
        "response__survey_id", *ANSWER_COLUMNS
    ):
        rows[row[0]].append(row[1:])
    return rows


def survey_results(
    survey: Survey, *, with_texts: bool, answers: list[tuple[Any, ...]] | None = None
) -> list[QuestionResult]:
    """Counts per option (ranking: average points, higher is better), per scale value, and the
    free texts when ``with_texts`` (stewards only). One query for the whole survey, none
    when its ``answers`` (from ``answer_rows``) are given."""
    if answers is None:
        answers = list(Answer.objects.filter(response__survey=survey).values_list(*ANSWER_COLUMNS))
    by_question: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in answers:
        by_question[row[0]].append(row)
    results = []
    for question in survey.questions.all():
        rows: list[Any] = by_question.get(question.pk, [])
        result = QuestionResult(question=question, answered=len({row[1] for row in rows}))
        options: list[Option] = list(question.options.all())
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counts = Counter(row[2] for row in rows)
            result.rows = [(option.text, counts.get(option.pk, 0)) for option in options]
            result.value_label = _("Number of answers")
        elif question.kind == QuestionKind.RANKING:
            # A Borda score: first place gives as many points as there are options, last
            # place one; the average over those who ranked, so a longer bar is better.
            top = len(options)
            points: dict[int | None, list[int]] = defaultdict(list)
            for row in rows:
                if row[3] is not None:
                    points[row[2]].append(top + 1 - row[3])
            result.rows = [
                (
                    option.text,
                    round(sum(points[option.pk]) / len(points[option.pk]), 2)
                    if points[option.pk]
                    else 0,
                )
                for option in options
            ]
            result.rows.sort(key=lambda item: -item[1])
            result.value_label = _("Average points (%(top)s for a first place)") % {"top": top}
        elif question.kind == QuestionKind.SCALE:
            counts = Counter(row[4] for row in rows)
            result.rows = [
                (str(value), counts.get(value, 0))
                for value in range(question.scale_min, question.scale_max + 1)
            ]
            values = [row[4] for row in rows if row[4] is not None]
            result.mean = round(sum(values) / len(values), 2) if values else None
            result.value_label = _("Number of answers")
        elif with_texts:
            result.texts = [row[5] for row in rows if row[5]]
        results.append(result)
    return results


def result_charts(survey: Survey, *, with_texts: bool) -> list[dict[str, Any]]:
    """Each question's result with its chart (none for free text)."""
    items = []
    for result in survey_results(survey, with_texts=with_texts):
        chart = None
        if result.question.kind != QuestionKind.TEXT:
            chart = bar_chart(
                [ChartItem(label=label, value=value) for label, value in result.rows],
                caption=result.question.text,
                label_header=_("Answer"),
                value_label=result.value_label,
            )
        items.append({"result": result, "chart": chart})
    return items
