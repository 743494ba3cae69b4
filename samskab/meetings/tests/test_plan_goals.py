"""Ideas and budget proposals that support a goal of a local development plan, and the plan
page showing what each goal has produced."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import User
from samskab.budgets.forms import ProposalForm
from samskab.budgets.models import Implementation
from samskab.budgets.services import ProposalInput, proposal_submit, proposal_update
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Area
from samskab.ideas.forms import IdeaForm
from samskab.ideas.models import Idea, Theme
from samskab.ideas.tests.factories import IdeaFactory
from samskab.meetings.models import Goal

from .factories import LocalPlanFactory

pytestmark = pytest.mark.django_db


def area(slug: str) -> Area:
    return Area.objects.get(slug=slug)


def goal_in(slug: str, text: str = "Flere på havnen", **plan: object) -> Goal:
    return Goal.objects.create(plan=LocalPlanFactory.create(area=area(slug), **plan), text=text)


def idea_data(goal: Goal, where: str = "korsoer") -> dict[str, object]:
    return {
        "title": "Vinterbadeklub på havnen",
        "problem": "Havnen er tom om vinteren.",
        "description": "En klub med sauna og omklædning.",
        "beneficiaries": "Alle i byen",
        "area": area(where).pk,
        "theme": Theme.objects.first().pk,  # type: ignore[union-attr]
        "plan_goal": goal.pk,
        "submit": "1",
    }


def proposal_data(process, goal: Goal | None, where: str = "korsoer") -> ProposalInput:
    return ProposalInput(
        budget_area=process.areas.get(area__slug=where),
        title="Shelter på havnen",
        description="Et shelter til overnatning.",
        category="other",
        carried_out_by="group",
        carried_out_by_name="Havnens venner",
        cost_lines=[("Shelter", 40_000)],
        plan_goal=goal,
    )


def test_it_ties_an_idea_to_a_goal_and_shows_it_under_the_goal(
    client: Client, resident: User
) -> None:
    goal = goal_in("korsoer")
    client.force_login(resident)
    response = client.post(reverse("ideas:submit"), idea_data(goal))
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.plan_goal == goal
    page = Client().get(reverse("areas:detail", args=["korsoer"])).content.decode()
    goals_part = page.split("plan-goals", 1)[1].split("</ul>\n  </li>", 1)[0]
    assert "Vinterbadeklub på havnen" in goals_part


def test_it_refuses_a_goal_of_another_areas_plan_for_an_idea(
    client: Client, resident: User
) -> None:
    goal = goal_in("skaelskoer")
    client.force_login(resident)
    response = client.post(reverse("ideas:submit"), idea_data(goal, where="korsoer"))
    assert response.status_code == 200
    assert "udviklingsplanen for det område, du valgte" in response.content.decode()
    assert not Idea.objects.exists()


def test_it_offers_only_open_goals_of_published_plans() -> None:
    open_goal = goal_in("korsoer", "Åben")
    Goal.objects.create(plan=open_goal.plan, text="Lukket", closed_on=timezone.localdate())
    goal_in("skaelskoer", "Kladde", is_published=False)
    choices = [label for _value, label in IdeaForm().fields["plan_goal"].choices][1:]  # type: ignore[attr-defined]
    assert choices == ["Korsør: Åben"]
    process = make_process(phase="proposals", areas=[(area("korsoer"), 100_000)])
    form = ProposalForm(process=process)
    assert [label for _value, label in form.fields["plan_goal"].choices][1:] == ["Korsør: Åben"]  # type: ignore[attr-defined]


def test_it_leaves_the_goal_out_of_the_form_when_no_plan_has_open_goals() -> None:
    assert "plan_goal" not in IdeaForm().fields


def test_it_ties_a_proposal_to_a_goal_of_its_area_only(resident: User) -> None:
    process = make_process(
        phase="proposals", areas=[(area("korsoer"), 100_000), (area("skaelskoer"), 100_000)]
    )
    korsoer_goal = goal_in("korsoer")
    with pytest.raises(ValidationError) as refused:
        proposal_submit(
            author=resident,
            process=process,
            data=proposal_data(process, korsoer_goal, "skaelskoer"),
        )
    assert "plan_goal" in refused.value.message_dict
    proposal = proposal_submit(
        author=resident, process=process, data=proposal_data(process, korsoer_goal)
    )
    assert proposal.plan_goal == korsoer_goal


def test_it_keeps_a_proposals_goal_when_the_goal_is_closed_later(resident: User) -> None:
    process = make_process(phase="proposals", areas=[(area("korsoer"), 100_000)])
    goal = goal_in("korsoer")
    proposal = proposal_submit(author=resident, process=process, data=proposal_data(process, goal))
    Goal.objects.filter(pk=goal.pk).update(closed_on=timezone.localdate())
    goal.refresh_from_db()
    proposal_update(actor=resident, proposal=proposal, data=proposal_data(process, goal))
    proposal.refresh_from_db()
    assert proposal.plan_goal == goal
    other = make_proposal(process, accepted=False)
    with pytest.raises(ValidationError):
        proposal_update(actor=other.author, proposal=other, data=proposal_data(process, goal))


def test_it_shows_each_goals_proposals_and_projects_with_status(
    client: Client, django_assert_max_num_queries
) -> None:
    goal = goal_in("korsoer")
    process = make_process(phase="implementation", areas=[(area("korsoer"), 1_000_000)])
    for number in range(4):
        proposal = make_proposal(process, title=f"Projekt {number}")
        proposal.plan_goal = goal
        proposal.save(update_fields=["plan_goal"])
        Implementation.objects.create(proposal=proposal, status="under_way")
        IdeaFactory.create(title=f"Idé {number}", area=area("korsoer"), plan_goal=goal)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("areas:detail", args=["korsoer"])).content.decode()
    goals_part = page.split("plan-goals", 1)[1]
    for number in range(4):
        assert f"Projekt {number}" in goals_part and f"Idé {number}" in goals_part
    assert reverse("projects:detail", args=[process.slug, proposal.pk]) in goals_part
    assert "i gang" in goals_part.lower()


def test_it_names_the_supported_goal_on_the_idea_and_the_proposal(client: Client) -> None:
    goal = goal_in("korsoer", "Flere mennesker på havnen")
    idea = IdeaFactory.create(area=area("korsoer"), plan_goal=goal)
    process = make_process(phase="voting", areas=[(area("korsoer"), 100_000)])
    proposal = make_proposal(process)
    proposal.plan_goal = goal
    proposal.save(update_fields=["plan_goal"])
    for url in (idea.get_absolute_url(), proposal.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Understøtter udviklingsplanen" in page and "Flere mennesker på havnen" in page
