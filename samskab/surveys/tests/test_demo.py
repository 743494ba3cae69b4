from __future__ import annotations

import pytest

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.meetings.tests.factories import LocalPlanFactory
from samskab.surveys.demo import POLL_TITLE, SURVEY_TITLE, seed_demo_surveys
from samskab.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db


def test_it_seeds_a_plan_survey_with_answers_and_a_poll_once() -> None:
    UserFactory.create(email="sekretariat@demo.samskab.dk", role=Role.SECRETARIAT)
    plan = LocalPlanFactory.create()
    seed_demo_surveys()
    seed_demo_surveys()
    survey = Survey.objects.get(title=SURVEY_TITLE)
    assert survey.plan == plan and survey.is_published
    assert survey.questions.count() == 5
    assert Response.objects.filter(survey=survey).count() == 23
    poll = Survey.objects.get(title=POLL_TITLE)
    assert poll.is_poll and poll.plan is None
    assert Response.objects.filter(survey=poll).count() == 11
