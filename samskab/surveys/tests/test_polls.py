"""Polls on the home page and the plan pages, and the survey blocks on the pages of what a
survey is about. Everything works without JavaScript: plain forms and redirects."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.experiments.tests.factories import ExperimentFactory
from samskab.ideas.tests.factories import IdeaFactory
from samskab.meetings.tests.factories import LocalPlanFactory, MeetingFactory
from samskab.surveys.models import QuestionKind, Response, Survey

from .factories import OptionFactory, QuestionFactory, SurveyFactory, survey_with_questions

pytestmark = pytest.mark.django_db


def make_poll(**kwargs: object) -> Survey:
    poll = SurveyFactory.create(is_poll=True, title="Skal havnebadet have sauna?", **kwargs)
    question = QuestionFactory.create(survey=poll, kind=QuestionKind.SINGLE, text="Sauna?")
    OptionFactory.create(question=question, text="Ja tak")
    OptionFactory.create(question=question, text="Nej tak")
    return poll


def test_it_answers_a_poll_on_the_home_page_and_then_shows_its_results(client: Client) -> None:
    poll = make_poll()
    home = reverse("core:home")
    page = client.get(home).content.decode()
    assert "Skal havnebadet have sauna?" in page
    assert f'action="{reverse("surveys:answer", args=[poll.pk])}"' in page
    question = poll.questions.get()
    yes = question.options.get(text="Ja tak")
    response = client.post(
        reverse("surveys:answer", args=[poll.pk]), {f"q{question.pk}": yes.pk, "next": home}
    )
    assert response.status_code == 302
    assert response["Location"] == home
    page = client.get(home).content.decode()
    assert f'action="{reverse("surveys:answer", args=[poll.pk])}"' not in page
    assert "<caption>Sauna?</caption>" in page
    assert "Du har svaret på meningsmålingen. Tak for det." in page
    assert Response.objects.filter(survey=poll).count() == 1


def test_it_never_redirects_a_poll_answer_to_another_site(client: Client) -> None:
    poll = make_poll()
    question = poll.questions.get()
    response = client.post(
        reverse("surveys:answer", args=[poll.pk]),
        {f"q{question.pk}": question.options.first().pk, "next": "https://example.com/"},  # type: ignore[union-attr]
    )
    assert response["Location"] == reverse("surveys:thanks", args=[poll.pk])


def test_it_shows_a_missing_poll_answer_as_a_form_error(client: Client) -> None:
    poll = make_poll()
    response = client.post(reverse("surveys:answer", args=[poll.pk]), {"next": "/"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Response.objects.exists()


def test_it_hides_closed_and_draft_polls_from_the_home_page(client: Client) -> None:
    make_poll(is_published=False)
    page = client.get(reverse("core:home")).content.decode()
    assert "Skal havnebadet have sauna?" not in page


def test_it_shows_a_plan_s_poll_and_surveys_on_the_plan_page(client: Client) -> None:
    plan = LocalPlanFactory.create()
    make_poll(plan=plan)
    survey_with_questions(plan=plan, title="Trafik i Korsør")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Skal havnebadet have sauna?" in page
    assert "Spørgeskema:" in page
    assert "Trafik i Korsør" in page
    assert "Skal havnebadet have sauna?" not in client.get(reverse("core:home")).content.decode()


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: MeetingFactory.create(), "meeting"),
        (lambda: ExperimentFactory.create(status="running"), "experiment"),
        (lambda: IdeaFactory.create(), "idea"),
    ],
    ids=["meeting", "experiment", "idea"],
)
def test_it_links_a_survey_from_the_page_of_what_it_is_about(
    client: Client, make, field: str, secretariat: User
) -> None:
    subject = make()
    survey_with_questions(title="Hvad synes du?", **{field: subject})
    page = client.get(subject.get_absolute_url()).content.decode()
    assert "Spørgeskema:" in page
    assert "Hvad synes du?" in page
    assert "Lav et spørgeskema om dette" not in page
    client.force_login(secretariat)
    page = client.get(subject.get_absolute_url()).content.decode()
    assert f"{reverse('surveys:create')}?{field}={subject.pk}" in page


def test_it_hides_a_draft_survey_from_the_page_of_what_it_is_about(client: Client) -> None:
    meeting = MeetingFactory.create()
    survey_with_questions(title="Kladde om mødet", meeting=meeting, is_published=False)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Kladde om mødet" not in page
    organiser = meeting.organiser
    assert organiser is not None and organiser.role == Role.EMPLOYEE
    client.force_login(organiser)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Kladde om mødet" in page
