"""Survey results in the open data API: aggregates of published surveys, never a free text,
and the OpenAPI schema describes them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from samskab.surveys.models import QuestionKind

from .factories import survey_with_questions
from .test_views import _answers

pytestmark = pytest.mark.django_db


def test_it_publishes_results_as_aggregates_without_free_text(
    client: Client, django_assert_max_num_queries
) -> None:
    survey = survey_with_questions(title="Havnen")
    survey_with_questions(title="Kladde", is_published=False)
    for _ in range(2):
        client.cookies.clear()
        client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/surveys").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["title"] == "Havnen"
    assert item["responses"] == 2
    by_kind = {question["kind"]: question for question in item["questions"]}
    assert {"answer": "Parken", "value": 2} in by_kind[QuestionKind.SINGLE]["answers"]
    assert by_kind[QuestionKind.SCALE]["mean"] == 4
    assert by_kind[QuestionKind.RANKING]["answers"] == [
        {"answer": "Bænke", "value": 2},
        {"answer": "Legeplads", "value": 1},
    ]
    assert by_kind[QuestionKind.TEXT]["answered"] == 2
    assert by_kind[QuestionKind.TEXT]["answers"] == []
    assert "Flere bænke ved havnen" not in str(data)


def test_it_keeps_the_queries_constant_as_surveys_grow(
    client: Client, django_assert_max_num_queries
) -> None:
    for _ in range(6):
        survey_with_questions()
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/surveys?limit=500").status_code == 200


def test_it_refuses_a_bad_page(client: Client) -> None:
    assert client.get("/api/v1/surveys?limit=0").status_code == 422


def test_it_answers_as_the_openapi_schema_says(client: Client) -> None:
    survey = survey_with_questions()
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    spec = client.get("/api/v1/openapi.json").json()
    validate(spec)
    content = spec["paths"]["/api/v1/surveys"]["get"]["responses"]["200"]["content"]
    schema = {**content["application/json"]["schema"], "components": spec["components"]}
    data = client.get("/api/v1/surveys").json()
    assert data["items"]
    Draft202012Validator(schema).validate(data)
