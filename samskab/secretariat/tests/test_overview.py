from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.budgets.models import Ballot
from samskab.experiments.models import Evaluation, Experiment
from samskab.ideas.models import Idea, Status
from samskab.learning.models import Action, LearningReport
from samskab.secretariat import selectors
from samskab.secretariat.figures import filter_query
from samskab.secretariat.selectors import Filters

from .conftest import CONFIDENTIAL_TITLE, END, START, TODAY, World

pytestmark = pytest.mark.django_db


def _overview(**filters):
    return selectors.overview_get(Filters(start=START, end=END, **filters), today=TODAY)


def test_it_counts_ideas_like_a_direct_count(world: World) -> None:
    overview = _overview()
    in_period = Idea.objects.filter(submitted_at__date__gte=START, submitted_at__date__lte=END)
    for status in Status.values:
        assert overview.ideas.per_status[status] == in_period.filter(status=status).count()
    assert overview.ideas.total == in_period.count() == 6
    states = overview.ideas.per_deadline_state
    assert states["decided_in_time"] == in_period.filter(decided_within_deadline=True).count()
    assert states["decided_late"] == in_period.filter(decided_within_deadline=False).count()
    assert (
        states["open_overdue"] == in_period.filter(deadline__lt=TODAY, status="assessment").count()
    )
    assert states["open_in_time"] == in_period.filter(status="submitted").count()
    decided = in_period.filter(decided_at__isnull=False)
    days = [
        (i.decided_at - i.submitted_at).total_seconds() / 86400
        for i in decided
        if i.decided_at is not None
    ]
    assert overview.ideas.average_days_to_decision == pytest.approx(sum(days) / len(days))


def test_it_counts_experiments_evaluations_learning_and_ballots_like_direct_counts(
    world: World,
) -> None:
    overview = _overview()
    experiments = Experiment.objects.filter(created_at__date__gte=START, created_at__date__lte=END)
    assert sum(overview.experiments.per_status.values()) == experiments.count() == 2
    assert (
        overview.experiments.per_status["running"] == experiments.filter(status="running").count()
    )
    evaluations = Evaluation.objects.filter(created_at__date__gte=START, created_at__date__lte=END)
    assert overview.experiments.evaluations == evaluations.count() == 3
    assert overview.experiments.per_use == {
        "yes": evaluations.filter(follow_up__was_used="yes").count(),
        "partly": 0,
        "no": 0,
        "overdue": evaluations.filter(follow_up__isnull=True, follow_up_due__lt=TODAY).count(),
        "pending": evaluations.filter(follow_up__isnull=True, follow_up_due__gte=TODAY).count(),
    }
    assert overview.experiments.per_recommendation["stop"] == 1
    reports = LearningReport.objects.filter(submitted_on__gte=START, submitted_on__lte=END)
    assert overview.learning.reports == reports.count() == 3
    assert overview.learning.confidential == reports.filter(is_confidential=True).count() == 1
    assert overview.learning.per_kind["error"] == reports.filter(kind="error").count()
    actions = Action.objects.filter(report__in=reports)
    assert overview.learning.actions == actions.count() == 3
    assert overview.learning.actions_done == actions.filter(done_on__isnull=False).count() == 1
    assert overview.learning.actions_overdue == 1
    (process,) = overview.processes
    ballots = Ballot.objects.filter(cast_at__date__gte=START, cast_at__date__lte=END)
    assert process.ballots_in_period == ballots.count() == 5
    assert process.ballots_total == 7
    assert process.winners == 1
    assert process.implementations_under_way == 1
    assert (process.milestones_done, process.milestones_total) == (1, 2)
    assert process.spent == 120_000


def test_it_filters_by_department_and_area(world: World) -> None:
    by_department = _overview(department=world.department)
    expected = Idea.objects.filter(
        submitted_at__date__gte=START, submitted_at__date__lte=END, department=world.department
    ).count()
    assert by_department.ideas.total == expected == 3
    assert by_department.learning.reports == 2
    by_area = _overview(area=world.other_area)
    assert by_area.ideas.total == 2
    assert sum(by_area.experiments.per_status.values()) == 0
    # The process has no budget for Korsør.
    assert by_area.processes == []


def test_it_shows_the_figures_and_keeps_the_filters_in_the_page(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    response = client.get(
        reverse("secretariat:index"),
        {"fra": "2026-04-01", "til": "2026-06-30", "center": str(world.department.pk)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2026-04-01"' in html and 'value="2026-06-30"' in html
    assert f'<option value="{world.department.pk}" selected>' in html
    assert "1. april 2026 – 30. juni 2026" in html
    assert "<text" not in html
    ideas_section = response.context["sections"][0]
    funnel = [(bar.label, bar.value) for bar in ideas_section.charts[0].bars]
    assert funnel == [("Alle indsendte", 3), ("Visiteret", 2), ("Vurderet", 1), ("Besluttet", 1)]
    by_status = {bar.label: bar.value for bar in ideas_section.charts[1].bars}
    assert by_status[str(Status.ASSESSMENT.label)] == 1
    assert by_status[str(Status.SUBMITTED.label)] == 1


def test_it_uses_the_quarter_when_one_is_chosen(
    client: Client, committee: User, world: World
) -> None:
    client.force_login(committee)
    response = client.get(reverse("secretariat:index"), {"kvartal": "2026-2"})
    filters = response.context["filters"]
    assert (filters.start, filters.end) == (START, END)


def test_it_tells_when_the_period_ends_before_it_starts(
    client: Client, secretariat: User, frozen: None
) -> None:
    client.force_login(secretariat)
    response = client.get(reverse("secretariat:index"), {"fra": "2026-06-01", "til": "2026-05-01"})
    assert response.status_code == 200
    assert "Periodens start skal ligge før dens slutning." in response.content.decode()
    filters = response.context["filters"]
    assert filters.end == TODAY
    assert filters.start == datetime.date(2025, 6, 16)


def test_it_links_each_idea_figure_to_a_list_with_the_same_count(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    response = client.get(reverse("secretariat:index"), {"kvartal": "2026-2"})
    ideas_section = response.context["sections"][0]
    bars = [bar for chart in ideas_section.charts for bar in chart.bars]
    assert all(bar.url for bar in bars)
    for bar in bars:
        listed = client.get(bar.url)
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == bar.value, bar.label


def test_it_links_other_figures_to_the_other_capabilities_lists(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    response = client.get(reverse("secretariat:index"), {"center": world.department.pk})
    html = response.content.decode()
    assert f"/forsoeg/?status=running&amp;department={world.department.pk}" in html
    assert f"/laering/tendenser/?department={world.department.pk}" in html
    assert world.process.get_absolute_url() in html


def test_it_links_only_to_lists_a_committee_member_may_open(
    client: Client, committee: User, world: World
) -> None:
    client.force_login(committee)
    html = client.get(reverse("secretariat:index")).content.decode()
    assert "/laering/tendenser/" not in html
    assert "/forsoeg/opfoelgning/" not in html


def test_it_never_shows_the_text_of_a_confidential_learning_report(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    html = client.get(reverse("secretariat:index")).content.decode()
    assert CONFIDENTIAL_TITLE not in html
    assert "Jens Hansen" not in html


def test_it_needs_the_same_few_queries_however_much_data_there_is(
    client: Client, secretariat: User, world: World, django_assert_max_num_queries
) -> None:
    from samskab.ideas.tests.factories import IdeaFactory
    from samskab.learning.tests.factories import ReportFactory

    client.force_login(secretariat)
    url = reverse("secretariat:index")
    with django_assert_max_num_queries(12) as first:
        client.get(url)
    IdeaFactory.create_batch(15, department=world.department)
    ReportFactory.create_batch(10, department=world.department)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_it_lists_the_ideas_of_a_deadline_state(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    query = filter_query(Filters(start=START, end=END))
    response = client.get(reverse("secretariat:ideas"), {**query, "frist": "open_overdue"})
    (idea,) = response.context["page"].object_list
    assert idea.status == Status.ASSESSMENT
    assert re.search(r"1 idé\b", response.content.decode())
