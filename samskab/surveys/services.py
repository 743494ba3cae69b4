"""Every write for surveys, each in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.core.audit import audit_record
from samskab.surveys.models import (
    CHOICE_KINDS,
    Answer,
    Audience,
    Option,
    Question,
    QuestionKind,
    Respondent,
    Response,
    Survey,
)
from samskab.surveys.respondents import respondent_key

SURVEY_FIELDS = (
    "title",
    "description",
    "is_poll",
    "opens_on",
    "closes_on",
    "audience",
    "area",
    "plan",
    "meeting",
    "experiment",
    "idea",
    "is_published",
)
SUBJECTS = ("plan", "meeting", "experiment", "idea")


def _validate_survey(survey: Survey) -> None:
    errors: dict[str, list[str]] = {}
    if survey.opens_on and survey.closes_on and survey.closes_on < survey.opens_on:
        errors["closes_on"] = [_("The survey must close on or after the day it opens.")]
    if survey.audience == Audience.AREA and survey.area_id is None:
        errors["area"] = [_("Choose the area whose residents may answer.")]
    if sum(getattr(survey, f"{name}_id") is not None for name in SUBJECTS) > 1:
        errors["plan"] = [
            _("A survey is about at most one thing: a plan, a meeting, an experiment or an idea.")
        ]
    if errors:
        raise ValidationError(errors)


def _validate_poll_questions(survey: Survey) -> None:
    if survey.is_poll and survey.questions.count() > 1:
        raise ValidationError(
            {"is_poll": [_("A poll has exactly one question; this survey has more.")]}
        )


@transaction.atomic
def survey_create(*, actor: User, data: dict[str, Any]) -> Survey:
    """Create a survey (a draft unless ``is_published``); its questions are added next."""
    survey = Survey(created_by=actor, **{name: data.get(name) for name in SURVEY_FIELDS})
    survey.description = survey.description or ""
    survey.is_poll = bool(survey.is_poll)
    survey.is_published = bool(survey.is_published)
    _validate_survey(survey)
    survey.save()
    audit_record(actor=actor, action="survey_create", obj=survey)
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, actor: User, data: dict[str, Any]) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    for name in SURVEY_FIELDS:
        if name in data:
            setattr(survey, name, data[name])
    survey.description = survey.description or ""
    _validate_survey(survey)
    _validate_poll_questions(survey)
    if survey.is_published and not survey.questions.exists():
        raise ValidationError(
            {"is_published": [_("Add at least one question before publishing the survey.")]}
        )
    survey.save()
    audit_record(actor=actor, action="survey_update", obj=survey)
    return survey


def _refuse_when_answered(survey: Survey) -> None:
    if survey.responses.exists():
        raise ValidationError(
            _(
                "The questions can no longer be changed: people have already answered. "
                "Make a new survey instead."
            )
        )


def _clean_options(kind: str, options: list[str]) -> list[str]:
    options = [text.strip() for text in options if text.strip()]
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            raise ValidationError({"options": [_("Give at least two options, one per line.")]})
        if len(set(options)) != len(options):
            raise ValidationError({"options": [_("Each option must be different.")]})
        if any(len(text) > 200 for text in options):
            raise ValidationError({"options": [_("An option may be at most 200 characters.")]})
        return options
    return []


def _validate_scale(data: dict[str, Any]) -> None:
    if data.get("kind") == QuestionKind.SCALE:
        low, high = data.get("scale_min") or 1, data.get("scale_max") or 5
        if not (0 <= low < high <= 10):
            raise ValidationError(
                {"scale_max": [_("The scale must go up, from 0 or more to 10 at most.")]}
            )


QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "is_required",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
)


@transaction.atomic
def question_add(*, survey: Survey, actor: User, data: dict[str, Any]) -> Question:
    """Add a question (with its options, one per line) at the end of the survey."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _refuse_when_answered(survey)
    if survey.is_poll and survey.questions.exists():
        raise ValidationError(_("A poll has exactly one question."))
    _validate_scale(data)
    options = _clean_options(data["kind"], data.get("options") or [])
    last = survey.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question.objects.create(
        survey=survey,
        position=(last or 0) + 1,
        **{name: data[name] for name in QUESTION_FIELDS if data.get(name) is not None},
    )
    Option.objects.bulk_create(
        Option(question=question, position=number, text=text)
        for number, text in enumerate(options, start=1)
    )
    audit_record(actor=actor, action="survey_question_add", obj=survey)
    return question


@transaction.atomic
def question_update(*, question: Question, actor: User, data: dict[str, Any]) -> Question:
    """Change a question; its options are replaced by the ones given."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _refuse_when_answered(survey)
    _validate_scale(data)
    options = _clean_options(data["kind"], data.get("options") or [])
    for name in QUESTION_FIELDS:
        if data.get(name) is not None:
            setattr(question, name, data[name])
    question.save()
    question.options.all().delete()
    Option.objects.bulk_create(
        Option(question=question, position=number, text=text)
        for number, text in enumerate(options, start=1)
    )
    audit_record(actor=actor, action="survey_question_update", obj=survey)
    return question


@transaction.atomic
def question_delete(*, question: Question, actor: User) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _refuse_when_answered(survey)
    question.delete()
    for number, row in enumerate(survey.questions.order_by("position", "id"), start=1):
        if row.position != number:
            row.position = number
            row.save(update_fields=["position"])
    if survey.is_published and not survey.questions.exists():
        survey.is_published = False
        survey.save(update_fields=["is_published"])
    audit_record(actor=actor, action="survey_question_delete", obj=survey)
    return survey


@transaction.atomic
def question_move(*, question: Question, actor: User, up: bool) -> Survey:
    """Swap a question with the one before (``up``) or after it."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _refuse_when_answered(survey)
    questions = list(survey.questions.order_by("position", "id"))
    index = next(i for i, row in enumerate(questions) if row.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        for number, row in enumerate(questions, start=1):
            if row.position != number:
                row.position = number
                row.save(update_fields=["position"])
    return survey


@transaction.atomic
def response_submit(*, survey: Survey, user: Any, answers: dict[int, Any]) -> Response:
    """Store one filled-in survey, without any link to the person.

    ``answers`` maps a question's id to: an option id (one choice), a list of option ids
    (several choices), a dict {option id: rank} (ranking), an int (scale) or a text. For a
    logged-in person, a keyed hash of (survey, person) is stored in a table of its own,
    and a second answer is refused by its unique constraint.
    """
    if getattr(user, "is_authenticated", False):
        try:
            with transaction.atomic():
                Respondent.objects.create(survey=survey, key=respondent_key(survey, user))
        except IntegrityError as error:
            raise ValidationError(_("You have already answered this survey. Thank you.")) from error
    response = Response.objects.create(survey=survey, answered_on=timezone.localdate())
    rows: list[Answer] = []
    for question in survey.questions.all():
        given: Any = answers.get(question.pk)
        if given in (None, "", [], {}):
            continue
        if question.kind == QuestionKind.SINGLE:
            rows.append(Answer(response=response, question=question, option_id=int(given)))
        elif question.kind == QuestionKind.MULTIPLE:
            rows.extend(
                Answer(response=response, question=question, option_id=int(option))
                for option in given
            )
        elif question.kind == QuestionKind.RANKING:
            rows.extend(
                Answer(response=response, question=question, option_id=int(option), rank=rank)
                for option, rank in given.items()
            )
        elif question.kind == QuestionKind.SCALE:
            rows.append(Answer(response=response, question=question, value=int(given)))
        else:
            rows.append(Answer(response=response, question=question, text=str(given).strip()))
    Answer.objects.bulk_create(rows)
    return response
