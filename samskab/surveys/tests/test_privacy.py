"""Survey answers in the person's data export and erasure: which surveys they answered is
derived from the keyed hash; the answers themselves belong to nobody and stay."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.accounts.selectors import personal_data
from samskab.accounts.services import account_erase
from samskab.accounts.tests.factories import UserFactory
from samskab.surveys.models import Respondent, Response

from .factories import survey_with_questions
from .test_views import _answers

pytestmark = pytest.mark.django_db


def test_it_exports_the_surveys_a_person_answered_and_nothing_of_others(
    client: Client, resident: User
) -> None:
    mine = survey_with_questions(title="Mit spørgeskema")
    other = survey_with_questions(title="En andens spørgeskema")
    client.force_login(resident)
    client.post(reverse("surveys:answer", args=[mine.pk]), _answers(mine))
    client.force_login(UserFactory.create())
    client.post(reverse("surveys:answer", args=[other.pk]), _answers(other))
    exported = personal_data(user=resident)["sections"]["surveys"]
    assert exported == [{"survey": "Mit spørgeskema", "survey_id": mine.pk, "answered": True}]
    assert "Flere bænke" not in str(exported)


def test_it_erases_the_hash_rows_and_keeps_the_unlinked_answers(
    client: Client, resident: User
) -> None:
    survey = survey_with_questions()
    client.force_login(resident)
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    client.force_login(UserFactory.create())
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    assert Respondent.objects.count() == 2
    account_erase(user=resident)
    assert Respondent.objects.count() == 1
    assert Response.objects.filter(survey=survey).count() == 2


def test_it_gives_respondent_rows_no_order_that_could_be_lined_up_with_answers(
    client: Client,
) -> None:
    survey = survey_with_questions()
    for _ in range(3):
        client.force_login(UserFactory.create())
        client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    field_names = {field.name for field in Respondent._meta.get_fields()}
    assert field_names == {"id", "survey", "key"}
    assert all(isinstance(row.pk, uuid.UUID) for row in Respondent.objects.all())
