"""The open data API (/api/v1/, samskab.secretariat) against its own OpenAPI schema:
schemathesis generates requests for every operation, valid and invalid (odd slugs, query
parameters of the wrong type, huge numbers, unicode), and no answer may be a server error.
In-process through the WSGI application, over a small data set, with a bounded number of
examples per operation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application

pytestmark = pytest.mark.django_db


# Loaded when the tests are collected: the schema is made without the database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Like Django's test client: the test's transaction outlives each in-process request
    (otherwise Django closes the connection when a request ends)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def open_data(db: None) -> None:
    from samskab.budgets import services_results
    from samskab.budgets.tests.factories import make_process, make_proposal
    from samskab.ideas.tests.factories import IdeaFactory

    process = make_process(phase="results", slug="borgerbudget-2026")
    make_proposal(process, title="Legeplads")
    services_results.results_publish(process=process)
    IdeaFactory.create_batch(3)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_it_answers_every_generated_request_without_a_server_error(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:500])
    case.validate_response(response, checks=[not_a_server_error])
