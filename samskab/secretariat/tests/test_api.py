"""The open data API: the schema is valid OpenAPI, every endpoint answers what the schema
says, bad parameters give 4xx, and nothing internal leaks."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from samskab.budgets.tests.factories import make_process

from .conftest import World

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/openapi.json"


@pytest.fixture
def spec(client: Client) -> dict[str, Any]:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def _response_schema(spec: dict[str, Any], path: str, status: int, media: str) -> dict[str, Any]:
    content = spec["paths"][path]["get"]["responses"][str(status)]["content"]
    assert media in content, f"{path} {status} does not document {media}"
    # The components travel along, so that "#/components/..." references resolve.
    return {**content[media]["schema"], "components": spec["components"]}


def _check(client: Client, spec: dict[str, Any], template: str, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    if response["Content-Type"].startswith("text/csv"):
        schema = _response_schema(spec, template, status, "text/csv")
        Draft202012Validator(schema).validate(response.content.decode())
        return list(csv.DictReader(io.StringIO(response.content.decode())))
    schema = _response_schema(spec, template, status, "application/json")
    Draft202012Validator(schema).validate(response.json())
    return response.json()


def test_it_serves_a_valid_openapi_schema(spec: dict[str, Any]) -> None:
    validate(spec)
    assert set(spec["paths"]) == {
        "/api/v1/ideas",
        "/api/v1/ideas.csv",
        "/api/v1/budgets",
        "/api/v1/budgets.csv",
        "/api/v1/budgets/{slug}/results",
        "/api/v1/budgets/{slug}/results.csv",
        "/api/v1/budgets/{slug}/implementation",
        "/api/v1/budgets/{slug}/implementation.csv",
        "/api/v1/experiments",
        "/api/v1/evidence",
        "/api/v1/realisations",
        "/api/v1/learning/figures",
        "/api/v1/surveys",
    }


def test_it_has_no_docs_page_that_would_load_from_a_cdn(client: Client) -> None:
    assert client.get("/api/v1/docs").status_code == 404


def test_every_endpoint_answers_as_its_schema_says(
    client: Client, spec: dict[str, Any], world: World
) -> None:
    slug = world.process.slug
    for path in spec["paths"]:
        url = path.replace("{slug}", slug)
        body = _check(client, spec, path, url)
        assert body, f"{url} gave nothing"
    _check(
        client, spec, "/api/v1/budgets/{slug}/results", "/api/v1/budgets/findes-ikke/results", 404
    )
    _check(client, spec, "/api/v1/budgets/{slug}/results", "/api/v1/budgets/a%00b/results", 404)
    _check(client, spec, "/api/v1/ideas", "/api/v1/ideas?limit=0", 422)
    _check(client, spec, "/api/v1/ideas", "/api/v1/ideas?offset=-1", 422)
    _check(client, spec, "/api/v1/ideas", "/api/v1/ideas?limit=abc", 422)
    _check(client, spec, "/api/v1/ideas.csv", "/api/v1/ideas.csv?limit=100000", 422)
    _check(
        client,
        spec,
        "/api/v1/budgets/{slug}/implementation",
        f"/api/v1/budgets/{slug}/implementation?offset=99999999999999999999",
        422,
    )


def test_it_publishes_only_public_ideas_without_personal_data(client: Client, world: World) -> None:
    response = client.get("/api/v1/ideas?limit=500")
    data = response.json()
    ids = {item["id"] for item in data["items"]}
    assert world.hidden_idea.pk not in ids and world.internal_idea.pk not in ids
    assert data["count"] == len(ids) == 5
    raw = response.content.decode() + client.get("/api/v1/ideas.csv").content.decode()
    assert world.author.email not in raw and "@" not in raw
    assert "author" not in data["items"][0]


def test_it_pages_with_limit_and_offset(client: Client, world: World) -> None:
    first = client.get("/api/v1/ideas?limit=2").json()
    second = client.get("/api/v1/ideas?limit=2&offset=2").json()
    assert first["count"] == second["count"] == 5
    assert len(first["items"]) == len(second["items"]) == 2
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_it_publishes_results_and_implementation(client: Client, world: World) -> None:
    results = client.get(f"/api/v1/budgets/{world.process.slug}/results").json()
    (area,) = results["areas"]
    assert area["ballots"] == 7
    winners = [project["title"] for project in area["projects"] if project["selected"]]
    assert winners == ["Shelter ved stranden"]
    implementation = client.get(f"/api/v1/budgets/{world.process.slug}/implementation").json()
    (item,) = implementation["items"]
    assert (item["status"], item["amount_spent"]) == ("under_way", 120_000)
    assert (item["milestones_done"], item["milestones_total"]) == (1, 2)


def test_it_hides_unpublished_processes_and_results(client: Client, world: World) -> None:
    hidden = make_process(slug="skjult", is_published=False)
    voting = make_process(slug="afstemning-nu", phase="voting")
    slugs = {p["slug"] for p in client.get("/api/v1/budgets").json()["items"]}
    assert slugs == {world.process.slug, voting.slug}
    assert client.get(f"/api/v1/budgets/{hidden.slug}/results").status_code == 404
    assert client.get(f"/api/v1/budgets/{voting.slug}/results").status_code == 404
    assert client.get(f"/api/v1/budgets/{voting.slug}/implementation.csv").status_code == 404


def test_it_answers_the_schema_as_json(client: Client) -> None:
    response = client.get(SCHEMA_URL)
    assert json.loads(response.content)["info"]["title"] == "Samskab open data"


def test_it_answers_lists_in_a_fixed_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    from samskab.ideas.tests.factories import IdeaFactory

    IdeaFactory.create_batch(10)
    slug = world.process.slug
    for url in ("/api/v1/ideas?limit=500", "/api/v1/budgets"):
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200
    # The results answer two queries more than before: the turnout's one grouped count of
    # ballots and its count of the voters at tally meetings.
    for url, most in (
        (f"/api/v1/budgets/{slug}/results", 6),
        (f"/api/v1/budgets/{slug}/implementation", 4),
    ):
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200
