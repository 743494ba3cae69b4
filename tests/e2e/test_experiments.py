"""The experiment journey: idea -> experiment -> measurements -> evaluation -> follow-up, the
zero-error approval step, and the evidence registry's rule that an intervention cannot be
rolled out before its evidence request is answered and approved. Every page is checked
with axe-core at WCAG 2.1 A and AA."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Area, Department
from samskab.evidence.models import Intervention
from samskab.evidence.models import Status as InterventionStatus
from samskab.experiments.models import Experiment, Status

from .conftest import AxeChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, user: User) -> None:
    """Log in by session cookie (the login form itself is tested in test_foundation)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def decided_idea(manager: User) -> object:
    """An idea the manager decides to test as an experiment, through the idea app."""
    from samskab.ideas.models import Idea, Theme
    from samskab.ideas.models import Status as IdeaStatus
    from samskab.ideas.services import idea_decide

    idea = Idea.objects.create(
        title="Legepladser åbne om aftenen",
        problem="Børn har ingen steder at lege efter kl. 18.",
        description="Hold to legepladser åbne og oplyste om aftenen.",
        beneficiaries="Børnefamilier i Slagelse",
        area=Area.objects.get(slug="slagelse"),
        theme=Theme.objects.order_by("pk")[0],
        author=UserFactory.create(role=Role.RESIDENT, is_verified=True),
        status=IdeaStatus.AWAITING_DECISION,
        submitted_at=timezone.now(),
        responsible=manager,
    )
    idea_decide(idea=idea, actor=manager, kind="experiment", reason="Vi prøver det i et år.")
    return idea


def test_it_takes_an_idea_through_an_experiment_to_a_followed_up_evaluation(
    live_server, page: Page, axe: AxeChecker
) -> None:
    manager = UserFactory.create(role=Role.MANAGER, name="Lene Leder")
    idea = decided_idea(manager)
    experiment = Experiment.objects.get()
    assert experiment.origin == idea

    log_in(page, live_server, manager)
    page.goto(live_server.url + "/forsoeg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forsøg")
    axe.assert_clean(page)
    page.get_by_role("link", name="Legepladser åbne om aftenen").click()
    expect(page.get_by_role("link", name="Legepladser åbne om aftenen")).to_have_attribute(
        "href",
        f"/ideer/{idea.pk}/",  # type: ignore[attr-defined]
    )
    expect(page.get_by_text("Før forsøget kan gå i gang")).to_be_visible()
    axe.assert_clean(page)

    # Complete the draft, with a mistake first: the input is kept and the error is linked.
    page.get_by_role("link", name="Redigér", exact=True).click()
    page.get_by_label("Hypotese").fill("Hvis legepladserne er åbne, leger flere børn ude.")
    page.get_by_label("Startdato").fill("2025-03-01")
    page.get_by_label("Slutdato").fill("2025-02-01")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_label("Slutdato")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Hypotese")).to_have_value(
        "Hvis legepladserne er åbne, leger flere børn ude."
    )
    axe.assert_clean(page)
    page.get_by_label("Slutdato").fill("2025-12-31")
    page.get_by_label("Budget (kr.)").fill("75000")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Forsøget er gemt.")).to_be_visible()
    expect(page.get_by_text("75.000\N{NO-BREAK SPACE}kr.")).to_be_visible()

    page.get_by_role("link", name="Tilføj en indikator").click()
    axe.assert_clean(page)
    page.get_by_label("Indikator").fill("Børn på legepladsen efter kl. 18")
    page.get_by_label("Enhed").fill("børn")
    page.get_by_label("Udgangspunkt").fill("4")
    page.get_by_role("spinbutton", name="Mål").fill("15")
    page.get_by_role("button", name="Tilføj").click()

    page.get_by_role("link", name="Skift status").click()
    axe.assert_clean(page)
    page.get_by_label("Ny status").select_option(label="I gang")
    page.get_by_role("button", name="Skift status").click()
    expect(page.get_by_text("Forsøget er nu: I gang.")).to_be_visible()

    today = timezone.localdate()
    for days_ago, value in [(20, "6"), (10, "9,5")]:
        page.get_by_role("link", name="Registrér en måling").click()
        page.get_by_label("Dato").fill((today - datetime.timedelta(days=days_ago)).isoformat())
        page.get_by_label("Værdi").fill(value.replace(",", "."))
        page.get_by_role("button", name="Registrér").click()
        expect(page.get_by_text("Målingen er registreret.")).to_be_visible()
    chart = page.get_by_role("img", name="Graf over Børn på legepladsen efter kl. 18")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="9,5")).to_be_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Skift status").click()
    page.get_by_label("Ny status").select_option(label="Under evaluering")
    page.get_by_role("button", name="Skift status").click()

    # The evaluation cannot be saved without who will use it and for which decision.
    page.get_by_role("link", name="Skriv evalueringen").click()
    page.get_by_label("Læringsspørgsmål").fill("Hvem brugte legepladserne om aftenen?")
    page.get_by_label("Metode").fill("Optællinger og samtaler med forældre.")
    page.get_by_label("Resultater").fill("Flere børn legede ude, især om foråret.")
    page.get_by_label("Hvad virkede, for hvem og i hvilken sammenhæng").fill(
        "Lys virkede for familier med små børn."
    )
    page.get_by_label("Justeres").check()
    page.get_by_label("Opfølgning efter (måneder)").fill("6")
    page.get_by_role("button", name="Gem evalueringen").click()
    expect(page.get_by_label("Hvem der skal bruge evalueringen")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.get_by_label("Resultater")).to_have_value("Flere børn legede ude, især om foråret.")
    axe.assert_clean(page)
    page.get_by_label("Hvem der skal bruge evalueringen").fill("Udvalget for Børn og Unge")
    page.get_by_label("Til hvilken beslutning").fill("Permanent ordning i budget 2026")
    page.get_by_role("button", name="Gem evalueringen").click()
    expect(page.get_by_text("Evalueringen er gemt.")).to_be_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Registrér opfølgningen").click()
    axe.assert_clean(page)
    page.get_by_label("Ja, læringen blev brugt").check()
    page.get_by_label("Hvad ændrede sig").fill("To legepladser har nu lys om aftenen.")
    page.get_by_role("button", name="Gem opfølgningen").click()
    expect(page.get_by_text("To legepladser har nu lys om aftenen.")).to_be_visible()
    axe.assert_clean(page)

    page.goto(live_server.url + "/forsoeg/erfaringer/?q=legede")
    expect(page.get_by_role("heading", name="1 evaluering fundet")).to_be_visible()
    axe.assert_clean(page)
    experiment.refresh_from_db()
    assert experiment.status == Status.EVALUATING


def test_it_shows_the_zero_error_step_and_lets_another_manager_approve(
    live_server, page: Page, axe: AxeChecker
) -> None:
    owner = UserFactory.create(role=Role.EMPLOYEE)
    department = Department.objects.order_by("pk").first()
    experiment = Experiment.objects.create(
        department=department,
        title="Medicinpåmindelse",
        hypothesis="Færre glemte doser",
        target_group="Hjemmeplejen",
        owner=owner,
        is_zero_error_area=True,
        zero_error_safeguards="Faste besøg fortsætter.",
    )
    page_url = f"{live_server.url}/forsoeg/{experiment.pk}/"
    log_in(page, live_server, UserFactory.create(role=Role.MANAGER, department=department))
    page.goto(page_url)
    expect(page.get_by_role("heading", name="Nulfejlsområde: ekstra godkendelse")).to_be_visible()
    expect(page.get_by_text("Ikke godkendt endnu.")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Vurdér og godkend").click()
    axe.assert_clean(page)
    page.get_by_label("Hvad du har vurderet").fill("Risici og faste besøg er gennemgået.")
    page.get_by_role("button", name="Godkend forsøget").click()
    expect(page.get_by_text("Forsøget er godkendt og må gå i gang.")).to_be_visible()
    expect(page.get_by_text("Godkendt.", exact=True)).to_be_visible()
    axe.assert_clean(page)


def test_it_rolls_out_an_intervention_only_after_an_approved_answer(
    live_server, page: Page, axe: AxeChecker
) -> None:
    manager = UserFactory.create(role=Role.MANAGER)
    employee = UserFactory.create(role=Role.EMPLOYEE, name="Mads Medarbejder")
    log_in(page, live_server, manager)
    page.goto(live_server.url + "/evidens/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Registrér en indsats").click()
    page.get_by_label("Titel").fill("Telefonvenner")
    page.get_by_label("Hvad indsatsen er").fill("Frivillige ringer til ensomme ældre.")
    page.get_by_label("Målgruppe").fill("Ældre over 75")
    page.get_by_label("Lokale erfaringer").fill("Godt modtaget i Skælskør.")
    axe.assert_clean(page)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", name="Forskningsbaseret viden")).to_be_visible()
    expect(page.get_by_role("heading", name="Praksisviden")).to_be_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Skift status").click()
    page.get_by_label("Ny status").select_option(label="Godkendt til udrulning")
    page.get_by_role("button", name="Skift status").click()
    expect(page.locator(".form-error-message")).to_contain_text("besvaret")
    axe.assert_clean(page)
    intervention = Intervention.objects.get()
    assert intervention.status == InterventionStatus.REGISTERED

    page.goto(f"{live_server.url}/evidens/{intervention.pk}/")
    page.get_by_role("link", name="Spørg efter evidensen").click()
    page.get_by_label("Hvad har du brug for at vide?").fill("Virker det for ældre med demens?")
    page.get_by_role("button", name="Send anmodningen").click()
    expect(page.get_by_text("Afventer svar")).to_be_visible()

    log_in(page, live_server, employee)
    page.goto(f"{live_server.url}/evidens/{intervention.pk}/")
    page.get_by_role("link", name="Svar", exact=True).click()
    axe.assert_clean(page)
    page.get_by_label("Svar").fill("Et review viser små effekter; ingen studier med demens.")
    page.get_by_role("button", name="Gem svaret").click()
    expect(page.get_by_text("Besvaret, afventer godkendelse")).to_be_visible()

    log_in(page, live_server, manager)
    page.goto(f"{live_server.url}/evidens/{intervention.pk}/")
    page.get_by_role("button", name="Godkend svaret").click()
    expect(page.get_by_text("Svaret er godkendt.")).to_be_visible()
    page.get_by_role("link", name="Skift status").click()
    page.get_by_label("Ny status").select_option(label="Godkendt til udrulning")
    page.get_by_role("button", name="Skift status").click()
    expect(page.get_by_text("Status er nu: Godkendt til udrulning.")).to_be_visible()
    axe.assert_clean(page)
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.ROLLOUT
