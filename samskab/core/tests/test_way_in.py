"""The right way in: a menu per role, "My overview" after login, what is happening now on
the home page, and one search that shows only what the user may see."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import Role
from samskab.budgets.models import Ballot, Channel
from samskab.budgets.tests.factories import make_process, make_proposal, make_voter
from samskab.core import navigation
from samskab.ideas.models import Decision, DecisionKind
from samskab.ideas.models import Status as IdeaStatus
from samskab.ideas.tests.factories import IdeaFactory, handled_idea
from samskab.meetings.models import Registration
from samskab.meetings.tests.factories import LocalPlanFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ROLES = [None, *[role.value for role in Role]]


@pytest.mark.parametrize("role", ROLES)
def test_it_offers_each_role_only_menu_items_that_open(
    client: Client, user_with_role, role: str | None
) -> None:
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    html = client.get("/").content.decode()
    items = navigation.menu(user if user is not None else AnonymousUser())
    assert items
    for item in items:
        assert item.url is not None
        assert f'href="{item.url}"' in html
        assert client.get(item.url).status_code == 200, (role, item.url_name)


def test_it_hides_staff_sections_from_residents_and_shows_them_to_staff(
    resident, employee, secretariat
) -> None:
    def names(user):
        return {item.url_name for item in navigation.menu(user)}

    assert "learning:index" not in names(resident)
    assert "secretariat:index" not in names(resident)
    assert "learning:index" in names(employee)
    assert "secretariat:index" in names(secretariat)
    assert "core:overview" in names(resident)


def test_it_lands_on_my_overview_after_login(client: Client, resident, password) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": resident.email, "password": password}
    )
    assert response["Location"] == reverse("core:overview")


def test_it_asks_anonymous_visitors_to_log_in_for_my_overview(client: Client) -> None:
    response = client.get(reverse("core:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_a_resident_their_ideas_proposals_votes_and_meetings(client: Client) -> None:
    voter = make_voter()
    idea = IdeaFactory.create(author=voter, title="Bænke ved stranden")
    process = make_process(phase="voting", title="Borgerbudget Korsør")
    proposal = make_proposal(process, author=voter, title="Ny legeplads", accepted=False)
    chosen = make_proposal(process, title="Hemmeligt valg")
    ballot = Ballot.objects.create(
        process=process,
        budget_area=process.areas.get(),
        voter_key=str(voter.person_key),
        receipt_code="ABC-123",
        channel=Channel.ONLINE,
        age_band="30-39",
    )
    ballot.choices.create(proposal=chosen, value=1)
    meeting = MeetingFactory.create(title="Idémøde i Korsør")
    Registration.objects.create(
        meeting=meeting,
        user=voter,
        status=Registration.Status.REGISTERED,
        registered_at=timezone.now(),
    )
    client.force_login(voter)
    html = client.get(reverse("core:overview")).content.decode()
    assert idea.title in html
    assert '<span class="tag">Afventer visitering</span>' in html  # the idea's status
    assert proposal.title in html
    assert "Borgerbudget Korsør" in html  # that they voted ...
    assert chosen.title not in html  # ... never how
    assert meeting.title in html
    assert "du er tilmeldt" in html
    assert "kl.\xa017.00" in html


def test_it_shows_a_manager_their_queue_with_deadlines(client: Client, manager) -> None:
    idea = handled_idea(manager, title="Bedre cykelstier", deadline=datetime.date(2026, 12, 24))
    client.force_login(manager)
    html = client.get(reverse("core:overview")).content.decode()
    assert "Idéer, der venter på din vurdering eller afgørelse" in html
    assert idea.title in html
    assert "frist 24. december 2026" in html


def test_it_shows_the_secretariat_ideas_to_screen_and_missed_deadlines(
    client: Client, secretariat
) -> None:
    waiting = IdeaFactory.create(title="Ny idé at visitere")
    late = IdeaFactory.create(
        title="Glemt idé",
        status=IdeaStatus.ASSESSMENT,
        deadline=timezone.localdate() - datetime.timedelta(days=3),
    )
    client.force_login(secretariat)
    html = client.get(reverse("core:overview")).content.decode()
    assert waiting.title in html
    assert "Overskredne frister" in html
    assert late.title in html


def test_it_shows_no_staff_work_to_a_resident(client: Client, resident) -> None:
    IdeaFactory.create(title="Ny idé at visitere")
    client.force_login(resident)
    html = client.get(reverse("core:overview")).content.decode()
    assert "Ny idé at visitere" not in html
    assert "Dit arbejde" not in html


def test_it_shows_open_votes_meetings_and_latest_answers_on_the_home_page(
    client: Client, manager
) -> None:
    process = make_process(phase="voting", title="Borgerbudget Skælskør")
    make_process(phase="results", title="Afsluttet borgerbudget", slug="afsluttet")
    meeting = MeetingFactory.create(title="Workshop om havnen")
    draft = MeetingFactory.create(title="Kladde til møde", is_published=False)
    idea = IdeaFactory.create(title="Flere træer", status=IdeaStatus.REALISE)
    Decision.objects.create(
        idea=idea,
        kind=DecisionKind.REALISE,
        reason="Godt forslag.",
        decided_by=manager,
        decided_at=timezone.now(),
    )
    internal = IdeaFactory.create(title="Intern idé", is_internal=True, status=IdeaStatus.DECLINED)
    Decision.objects.create(
        idea=internal,
        kind=DecisionKind.DECLINE,
        reason="Nej.",
        decided_by=manager,
        decided_at=timezone.now(),
    )
    html = client.get("/").content.decode()
    assert process.title in html
    assert "Afsluttet borgerbudget" not in html
    assert meeting.title in html
    assert draft.title not in html
    assert "Flere træer" in html
    assert "Idéen bliver gennemført" in html
    assert "Intern idé" not in html


def test_it_searches_every_kind_and_shows_only_what_the_user_may_see(
    client: Client, resident, employee
) -> None:
    IdeaFactory.create(title="Havnebad i Korsør")
    IdeaFactory.create(title="Havnebad internt", is_internal=True)
    IdeaFactory.create(title="Havnebad skjult", is_hidden=True)
    process = make_process(phase="voting")
    make_proposal(process, title="Havnebad ved molen")
    hidden_process = make_process(phase="voting", slug="kladde", is_published=False)
    make_proposal(hidden_process, title="Havnebad i kladde")
    MeetingFactory.create(title="Møde om havnebad")
    MeetingFactory.create(title="Havnebad-kladde", is_published=False)
    LocalPlanFactory.create(summary="Et havnebad for alle.")
    client.force_login(resident)
    html = client.get(reverse("core:search"), {"q": "havnebad"}).content.decode()
    for visible in ("Havnebad i Korsør", "Havnebad ved molen", "Møde om havnebad"):
        assert visible in html
    assert "Udviklingsplan for Korsør" in html
    for hidden in ("Havnebad internt", "Havnebad skjult", "Havnebad i kladde", "Havnebad-kladde"):
        assert hidden not in html
    client.force_login(employee)
    html = client.get(reverse("core:search"), {"q": "havnebad"}).content.decode()
    assert "Havnebad internt" in html
    assert "Havnebad i kladde" in html


def test_it_finds_experiments_and_evidence(client: Client) -> None:
    from samskab.evidence.tests.factories import InterventionFactory
    from samskab.experiments.models import Status as ExperimentStatus
    from samskab.experiments.tests.factories import ExperimentFactory

    ExperimentFactory.create(title="Telefonvenner til ældre", status=ExperimentStatus.RUNNING)
    ExperimentFactory.create(title="Telefonvenner planlagt", status=ExperimentStatus.PLANNED)
    InterventionFactory.create(title="Telefonvenner som indsats")
    html = client.get(reverse("core:search"), {"q": "telefonvenner"}).content.decode()
    assert "Telefonvenner til ældre" in html
    assert "Telefonvenner som indsats" in html
    assert "Telefonvenner planlagt" not in html


def test_it_says_so_when_nothing_is_found(client: Client) -> None:
    response = client.get(reverse("core:search"), {"q": "zzzyxw"})
    assert response.status_code == 200
    assert "Intet fundet for »zzzyxw«" in response.content.decode()


def test_it_names_the_login_page_after_the_site_not_the_host(client: Client, settings) -> None:
    settings.SAMSKAB_SITE_NAME = "Samskab Testby"
    html = client.get(reverse("accounts:login"), HTTP_HOST="testserver").content.decode()
    assert "<title>Log ind · Samskab Testby</title>" in html
    assert "testserver" not in html


def test_it_reads_the_home_page_overview_and_search_in_a_constant_number_of_queries(
    client: Client, manager
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts() -> tuple[int, int, int]:
        client.force_login(manager)
        result = []
        for url in ("/", reverse("core:overview"), reverse("core:search") + "?q=havnebad"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result[0], result[1], result[2]

    serial = iter(range(100))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(serial)
            MeetingFactory.create(title=f"Havnebad møde {i}")
            handled_idea(manager, title=f"Havnebad idé {i}")
            IdeaFactory.create(author=manager, title=f"Min havnebad-idé {i}")
            make_process(phase="voting", slug=f"havnebad-{i}")

    add(1)
    few = counts()
    add(4)
    assert counts() == few, few
