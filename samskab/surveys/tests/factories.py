from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.surveys.models import Option, Question, QuestionKind, Survey


class SurveyFactory(factory.django.DjangoModelFactory[Survey]):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Spørgeskema {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    is_published = True
    created_by = factory.SubFactory(UserFactory, role=Role.EMPLOYEE)


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"Spørgsmål {n}")
    position = factory.Sequence(lambda n: n + 1)


class OptionFactory(factory.django.DjangoModelFactory[Option]):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Mulighed {n}")
    position = factory.Sequence(lambda n: n + 1)


def survey_with_questions(**kwargs: object) -> Survey:
    """A published, open survey with one question of each kind."""
    survey = SurveyFactory.create(**kwargs)
    single = QuestionFactory.create(survey=survey, kind=QuestionKind.SINGLE, text="Bedste sted")
    for text in ("Havnen", "Parken"):
        OptionFactory.create(question=single, text=text)
    multiple = QuestionFactory.create(
        survey=survey, kind=QuestionKind.MULTIPLE, text="Hvad bruger du", is_required=False
    )
    for text in ("Bus", "Cykel", "Bil"):
        OptionFactory.create(question=multiple, text=text)
    QuestionFactory.create(survey=survey, kind=QuestionKind.SCALE, text="Hvor tilfreds")
    QuestionFactory.create(
        survey=survey, kind=QuestionKind.TEXT, text="Andet du vil sige", is_required=False
    )
    ranking = QuestionFactory.create(survey=survey, kind=QuestionKind.RANKING, text="Rangér")
    for text in ("Legeplads", "Bænke"):
        OptionFactory.create(question=ranking, text=text)
    return survey
