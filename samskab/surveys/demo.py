"""Demo surveys: one about a local development plan, with answers, and one poll on the
home page. Made through the services, as staff and residents would. Safe to run again."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samskab.accounts.models import User
from samskab.meetings.models import LocalPlan
from samskab.surveys import services
from samskab.surveys.models import QuestionKind, Survey

SURVEY_TITLE = "Hvad skal der ske på havnen?"
POLL_TITLE = "Skal der være flere bænke langs stranden?"


def _answer_many(survey: Survey, count: int, seed: int) -> None:
    picker = random.Random(seed)  # noqa: S311 - demo answers, not security
    for _ in range(count):
        answers: dict[int, object] = {}
        for question in survey.questions.all():
            options = [option.pk for option in question.options.all()]
            if question.kind == QuestionKind.SINGLE:
                answers[question.pk] = picker.choice(options)
            elif question.kind == QuestionKind.MULTIPLE:
                answers[question.pk] = picker.sample(options, picker.randint(1, len(options)))
            elif question.kind == QuestionKind.RANKING:
                order = picker.sample(options, len(options))
                answers[question.pk] = {pk: rank for rank, pk in enumerate(order, start=1)}
            elif question.kind == QuestionKind.SCALE:
                answers[question.pk] = picker.randint(question.scale_min, question.scale_max)
            elif picker.random() < 0.4:
                answers[question.pk] = picker.choice(
                    ["Flere træer, tak.", "Bedre belysning om aftenen.", "Plads til kajakker."]
                )
        services.response_submit(survey=survey, user=AnonymousUser(), answers=answers)


def seed_demo_surveys() -> None:
    secretariat = User.objects.filter(email="sekretariat@demo.samskab.dk").first()
    if secretariat is None:
        return
    today = timezone.localdate()
    plan = LocalPlan.objects.filter(is_published=True).order_by("pk").first()
    if plan is not None and not Survey.objects.filter(title=SURVEY_TITLE).exists():
        survey = services.survey_create(
            actor=secretariat,
            data={
                "title": SURVEY_TITLE,
                "description": "Vi vil gerne høre, hvad du mener, før planen for havnen "
                "lægges fast. Det tager cirka fem minutter.",
                "opens_on": today - datetime.timedelta(days=14),
                "closes_on": today + datetime.timedelta(days=21),
                "audience": "everyone",
                "plan": plan,
                "is_published": False,
            },
        )
        for data in (
            {
                "kind": QuestionKind.SINGLE,
                "text": "Hvad er vigtigst for dig på havnen?",
                "options": ["Grønne områder", "Boliger", "Caféer og liv", "Parkering"],
            },
            {
                "kind": QuestionKind.MULTIPLE,
                "text": "Hvordan kommer du til havnen?",
                "options": ["Til fods", "På cykel", "Med bus", "I bil"],
                "is_required": False,
            },
            {
                "kind": QuestionKind.SCALE,
                "text": "Hvor tilfreds er du med havnen i dag?",
                "scale_min": 1,
                "scale_max": 5,
                "scale_min_label": "Meget utilfreds",
                "scale_max_label": "Meget tilfreds",
            },
            {
                "kind": QuestionKind.RANKING,
                "text": "Sæt projekterne i rækkefølge",
                "options": ["Havnebad", "Legeplads", "Scene til koncerter"],
            },
            {
                "kind": QuestionKind.TEXT,
                "text": "Er der andet, du vil sige til os?",
                "is_required": False,
            },
        ):
            services.question_add(survey=survey, actor=secretariat, data=data)
        survey = services.survey_update(
            survey=survey, actor=secretariat, data={"is_published": True}
        )
        _answer_many(survey, 23, seed=20)
    if not Survey.objects.filter(title=POLL_TITLE).exists():
        poll = services.survey_create(
            actor=secretariat,
            data={
                "title": POLL_TITLE,
                "is_poll": True,
                "opens_on": today - datetime.timedelta(days=3),
                "closes_on": today + datetime.timedelta(days=30),
                "audience": "everyone",
            },
        )
        services.question_add(
            survey=poll,
            actor=secretariat,
            data={
                "kind": QuestionKind.SINGLE,
                "text": "Flere bænke langs stranden?",
                "options": ["Ja", "Nej", "Ved ikke"],
            },
        )
        poll = services.survey_update(survey=poll, actor=secretariat, data={"is_published": True})
        _answer_many(poll, 11, seed=21)
