"""Every survey view for every role, and answering, results and CSV."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Area
from samskab.meetings.tests.factories import LocalPlanFactory
from samskab.surveys.cookies import COOKIE
from samskab.surveys.models import (
    Answer,
    Audience,
    Question,
    QuestionKind,
    Respondent,
    Response,
    Survey,
)
from samskab.surveys.respondents import respondent_key

from .factories import QuestionFactory, SurveyFactory, survey_with_questions

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
LOGIN = 302
EVERYONE = dict.fromkeys(ROLES, 200)
# Someone else's survey: only the secretariat (and the administrator) look after it.
STEWARDS = {**dict.fromkeys(ROLES, 403), None: LOGIN, "secretariat": 200, "administrator": 200}
DRAFT = {**STEWARDS, "resident": 404, "employee": 404, "manager": 404, "committee": 404}
STAFF = {**STEWARDS, "employee": 200, "manager": 200}


def published() -> Survey:
    return survey_with_questions()


def draft() -> Survey:
    return survey_with_questions(is_published=False)


def question() -> Question:
    return published().questions.all()[0]


CASES: list[tuple[str, Callable[[], object] | None, dict[str | None, int]]] = [
    ("surveys:index", None, EVERYONE),
    ("surveys:create", None, STAFF),
    ("surveys:detail", published, EVERYONE),
    ("surveys:detail", draft, {**DRAFT, None: 404}),
    ("surveys:edit", published, STEWARDS),
    ("surveys:edit", draft, DRAFT),
    ("surveys:question_add", published, STEWARDS),
    ("surveys:question_edit", question, STEWARDS),
    ("surveys:answer", published, EVERYONE),
    ("surveys:answer", draft, {**DRAFT, None: 404, "secretariat": 403, "administrator": 403}),
    ("surveys:thanks", published, EVERYONE),
    ("surveys:results", published, EVERYONE),
    ("surveys:results", draft, {**DRAFT, None: 404}),
    ("surveys:results_csv", published, EVERYONE),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url_name", "make", "expected"),
    CASES,
    ids=[f"{name}-{make.__name__ if make else 'list'}" for name, make, _ in CASES],
)
def test_it_lets_each_role_see_and_do_what_the_table_says(
    client: Client,
    user_with_role,
    role: str | None,
    url_name: str,
    make: Callable[[], object] | None,
    expected: dict[str | None, int],
) -> None:
    obj = make() if make else None
    url = reverse(url_name, args=[obj.pk]) if obj is not None else reverse(url_name)  # type: ignore[attr-defined]
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == expected[role]
    if expected[role] == LOGIN:
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", ["surveys:question_delete", "surveys:question_move"])
def test_it_lets_only_stewards_delete_and_move_questions(
    client: Client, user_with_role, url_name: str, role: str | None
) -> None:
    target = question()
    other = QuestionFactory.create(survey=target.survey)
    before = other.position
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    response = client.post(reverse(url_name, args=[other.pk]), {"direction": "up"})
    steward = role in ("secretariat", "administrator")
    if role is None:
        assert response.status_code == LOGIN
        assert reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == (302 if steward else 403)
    if url_name == "surveys:question_delete":
        changed = not Question.objects.filter(pk=other.pk).exists()
    else:
        changed = Question.objects.get(pk=other.pk).position != before
    assert changed == steward


def test_it_lets_the_contact_of_the_plan_edit_its_survey(client: Client) -> None:
    plan = LocalPlanFactory.create()
    survey = survey_with_questions(plan=plan)
    assert plan.contact is not None
    client.force_login(plan.contact)
    assert client.get(reverse("surveys:edit", args=[survey.pk])).status_code == 200
    other = UserFactory.create(role=Role.EMPLOYEE)
    client.force_login(other)
    assert client.get(reverse("surveys:edit", args=[survey.pk])).status_code == 403


def _answers(survey: Survey, **extra: str) -> dict[str, object]:
    questions = {q.kind: q for q in survey.questions.all()}
    single = questions[QuestionKind.SINGLE]
    multiple = questions[QuestionKind.MULTIPLE]
    ranking = questions[QuestionKind.RANKING]
    first, second = list(ranking.options.all())
    data: dict[str, object] = {
        f"q{single.pk}": str(single.options.all()[1].pk),
        f"q{multiple.pk}": [str(o.pk) for o in multiple.options.all()[:2]],
        f"q{questions[QuestionKind.SCALE].pk}": "4",
        f"q{questions[QuestionKind.TEXT].pk}": "Flere bænke ved havnen",
        f"q{ranking.pk}_{first.pk}": "2",
        f"q{ranking.pk}_{second.pk}": "1",
    }
    data.update(extra)
    return data


def test_it_stores_an_answer_without_any_link_to_the_person(client: Client, resident: User) -> None:
    survey = published()
    client.force_login(resident)
    response = client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks", args=[survey.pk])
    stored = Response.objects.get(survey=survey)
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "survey",
        "answered_on",
        "answers",
    }
    assert stored.answers.count() == 1 + 2 + 1 + 1 + 2
    assert Answer.objects.get(response=stored, question__kind=QuestionKind.SCALE).value == 4
    respondent = Respondent.objects.get(survey=survey)
    assert respondent.key == respondent_key(survey, resident)
    assert respondent.key != respondent_key(survey, UserFactory.create())
    assert len(respondent.key) == 64


def test_it_refuses_a_second_answer_from_the_same_person(client: Client, resident: User) -> None:
    survey = published()
    client.force_login(resident)
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    client.cookies.pop(COOKIE, None)  # another browser, same person
    response = client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    assert response.status_code == 403
    assert "allerede" in response.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_it_refuses_a_second_anonymous_answer_from_the_same_browser(client: Client) -> None:
    survey = published()
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    response = client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    assert response.status_code == 403
    assert Response.objects.filter(survey=survey).count() == 1
    assert Respondent.objects.count() == 0


def test_it_ignores_a_forged_cookie(client: Client) -> None:
    survey = published()
    client.cookies[COOKIE] = str(survey.pk)
    response = client.get(reverse("surveys:answer", args=[survey.pk]))
    assert response.status_code == 200


def test_it_shows_errors_in_danish_and_keeps_the_input(client: Client, resident: User) -> None:
    survey = published()
    data = _answers(survey)
    single = survey.questions.get(kind=QuestionKind.SINGLE)
    ranking = survey.questions.get(kind=QuestionKind.RANKING)
    data.pop(f"q{single.pk}")
    for option in ranking.options.all():
        data[f"q{ranking.pk}_{option.pk}"] = "1"
    client.force_login(resident)
    response = client.post(reverse("surveys:answer", args=[survey.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page
    assert "Bedste sted: Dette felt skal udfyldes." in page
    assert "hver plads" in page
    assert "Flere bænke ved havnen" in page
    assert not Response.objects.exists()
    assert not Respondent.objects.exists()


def test_it_lets_only_residents_of_the_area_answer_an_area_survey(client: Client) -> None:
    korsoer = Area.objects.get(slug="korsoer")
    survey = survey_with_questions(audience=Audience.AREA, area=korsoer)
    url = reverse("surveys:answer", args=[survey.pk])
    assert client.get(url).status_code == 403
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "Log ind for at svare" in page
    other = Area.objects.exclude(pk=korsoer.pk).exclude(kind=Area.Kind.MUNICIPALITY).first()
    outsider = UserFactory.create(is_municipal_resident=True, area=other)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    local = UserFactory.create(is_municipal_resident=True, area=korsoer)
    client.force_login(local)
    assert client.get(url).status_code == 200
    assert client.post(url, _answers(survey)).status_code == 302


def test_it_refuses_answers_before_opening_and_after_closing(client: Client) -> None:
    today = timezone.localdate()
    early = survey_with_questions(opens_on=today + datetime.timedelta(days=1))
    late = survey_with_questions(
        opens_on=today - datetime.timedelta(days=9), closes_on=today - datetime.timedelta(days=1)
    )
    for survey in (early, late):
        response = client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
        assert response.status_code == 403
    assert not Response.objects.exists()


def test_it_shows_the_results_as_charts_and_free_text_only_to_stewards(
    client: Client, secretariat: User
) -> None:
    survey = published()
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "chart-table" in page
    assert "<caption>Bedste sted</caption>" in page
    assert "Flere bænke ved havnen" not in page
    client.force_login(secretariat)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Flere bænke ved havnen" in page


def test_it_downloads_the_results_as_danish_csv_without_free_text(client: Client) -> None:
    survey = published()
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    response = client.get(reverse("surveys:results_csv", args=[survey.pk]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNr.;Spørgsmål;Svar;")
    assert "Bedste sted;Parken;1" in text
    assert "Bedste sted;Havnen;0" in text
    assert "Rangér;Bænke;2" in text  # first of two: two points
    assert "Rangér;Legeplads;1" in text
    assert "Flere bænke" not in text


def test_it_refuses_to_change_questions_once_answered(client: Client, secretariat: User) -> None:
    survey = published()
    client.post(reverse("surveys:answer", args=[survey.pk]), _answers(survey))
    target = survey.questions.get(kind=QuestionKind.TEXT)
    client.force_login(secretariat)
    response = client.post(
        reverse("surveys:question_edit", args=[target.pk]),
        {"kind": "text", "text": "Ændret", "is_required": "on"},
    )
    assert response.status_code == 200
    assert "kan ikke længere ændres" in response.content.decode()
    target.refresh_from_db()
    assert target.text == "Andet du vil sige"
    client.post(reverse("surveys:question_delete", args=[target.pk]))
    assert Question.objects.filter(pk=target.pk).exists()


def test_it_lets_staff_create_a_survey_and_add_questions(client: Client, secretariat: User) -> None:
    client.force_login(secretariat)
    today = timezone.localdate()
    response = client.post(
        reverse("surveys:create"),
        {
            "title": "Havnens fremtid",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
            "audience": "everyone",
        },
    )
    survey = Survey.objects.get(title="Havnens fremtid")
    assert response["Location"] == reverse("surveys:edit", args=[survey.pk])
    assert not survey.is_published
    response = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {"kind": "single", "text": "Hvad skal der ske?", "options": "Park\n\nBoliger\n"},
    )
    assert response.status_code == 302
    question = survey.questions.get()
    assert [o.text for o in question.options.all()] == ["Park", "Boliger"]
    response = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {"kind": "multiple", "text": "Kun én?", "options": "Park"},
    )
    assert response.status_code == 200
    assert "mindst to" in response.content.decode()


def test_it_keeps_the_input_when_the_dates_are_wrong(client: Client, secretariat: User) -> None:
    client.force_login(secretariat)
    response = client.post(
        reverse("surveys:create"),
        {
            "title": "Baglæns",
            "opens_on": "2026-12-10",
            "closes_on": "2026-12-01",
            "audience": "area",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Baglæns" in page
    assert not Survey.objects.exists()


def test_it_makes_an_employee_choose_what_they_look_after(client: Client, employee: User) -> None:
    client.force_login(employee)
    plan = LocalPlanFactory.create()  # someone else's plan
    response = client.post(
        reverse("surveys:create"),
        {
            "title": "Ikke min plan",
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-10",
            "audience": "everyone",
            "plan": plan.pk,
        },
    )
    assert response.status_code == 200
    assert not Survey.objects.exists()


def test_it_lists_published_surveys_with_few_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    for _ in range(5):
        survey_with_questions()
    SurveyFactory.create(is_published=False, title="Hemmelig kladde")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("surveys:index")).content.decode()
    assert "Hemmelig kladde" not in page
    assert page.count("Spørgeskema") >= 5


def test_it_makes_a_poll_with_one_question_only(client: Client, secretariat: User) -> None:
    poll = SurveyFactory.create(is_poll=True, created_by=secretariat)
    QuestionFactory.create(survey=poll, kind=QuestionKind.SCALE)
    client.force_login(secretariat)
    response = client.post(
        reverse("surveys:question_add", args=[poll.pk]),
        {"kind": "scale", "text": "Et spørgsmål mere"},
    )
    assert response.status_code == 200
    assert poll.questions.count() == 1


def test_it_keeps_a_survey_about_something_internal_as_internal_as_that(
    client: Client, employee: User
) -> None:
    from samskab.experiments.models import Status
    from samskab.experiments.tests.factories import ExperimentFactory

    planned = ExperimentFactory.create(status=Status.PLANNED)
    survey = survey_with_questions(experiment=planned, title="Internt forsøg")
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 404
    assert "Internt forsøg" not in client.get(reverse("surveys:index")).content.decode()
    assert client.get("/api/v1/surveys").json()["count"] == 0
    client.force_login(employee)  # employees see planned experiments
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 200
    planned.status = Status.RUNNING
    planned.save(update_fields=["status"])
    client.logout()
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 200
    assert client.get("/api/v1/surveys").json()["count"] == 1


def test_it_lets_an_employee_make_a_survey_about_their_own_experiment(
    client: Client, employee: User
) -> None:
    from samskab.experiments.models import Status
    from samskab.experiments.tests.factories import ExperimentFactory

    experiment = ExperimentFactory.create(owner=employee, status=Status.RUNNING)
    client.force_login(employee)
    form = client.get(reverse("surveys:create") + f"?experiment={experiment.pk}").content.decode()
    assert f'<option value="{experiment.pk}" selected>' in form
    response = client.post(
        reverse("surveys:create"),
        {
            "title": "Hvordan gik forsøget?",
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-10",
            "audience": "everyone",
            "experiment": experiment.pk,
        },
    )
    survey = Survey.objects.get(title="Hvordan gik forsøget?")
    assert response["Location"] == reverse("surveys:edit", args=[survey.pk])
    assert survey.experiment == experiment and survey.created_by == employee
