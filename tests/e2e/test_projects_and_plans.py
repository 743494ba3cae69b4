"""Citizens carry out their own project, and a local council co-edits its area's plan (issue 17).

A winning proposal's group opens its workspace, invites a member, plans a milestone, adds an
expense with a receipt and a public document, and requests a payout; the municipal contact
approves it; the public page shows the progress. Then a local council member changes a goal
of the plan, and the contact publishes it. axe-core checks every page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import FilePayload, Page, expect

from samskab.accounts.models import Role, User
from samskab.accounts.services import user_create
from samskab.budgets.models import Implementation
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Area
from samskab.meetings.models import Goal, LocalPlan
from samskab.organisations.models import Kind, MemberRole, Membership, Organisation

from .conftest import AxeChecker, login, only_localhost

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "samskab-demo-e2e"  # noqa: S105
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def person(email: str, name: str, role: str = Role.RESIDENT) -> User:
    return user_create(
        email=email, name=name, password=PASSWORD, role=role, is_verified=role == Role.RESIDENT
    )


@pytest.fixture
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.usefixtures("_media_in_tmp")
def test_it_lets_a_citizen_group_run_its_project_and_the_contact_approve_a_payout(
    live_server, page: Page, axe: AxeChecker
) -> None:
    base = live_server.url
    proposer = person("bente@example.dk", "Bente Borger")
    contact = person("kontakt@example.dk", "Karl Kontakt", Role.EMPLOYEE)
    process = make_process(phase="implementation")
    proposal = make_proposal(process, title="Shelter ved Skovsøen", author=proposer)
    Implementation.objects.create(proposal=proposal, contact=contact, amount_granted=90_000)
    project_url = f"{base}/borgerbudgetter/{process.slug}/projekter/{proposal.pk}/"
    blocked = only_localhost(page, base)

    # 1. The proposer opens the workspace: the project gets its citizen group.
    login(page, base, proposer.email, PASSWORD)
    page.goto(project_url)
    page.get_by_role("button", name="Åbn projektets arbejdsrum").click()
    expect(page.get_by_text("Projektets arbejdsrum er åbnet.")).to_be_visible()
    axe.assert_clean(page)
    workspace_url = page.url

    # 2. ... invites a member to the group.
    page.get_by_role("link", name="Medlemmer og invitationer").click()
    page.get_by_role("link", name="Invitér et medlem").click()
    page.get_by_label("E-mailadresse").fill("nabo@example.dk")
    axe.assert_clean(page)
    page.get_by_role("button", name="Send invitationen").click()
    expect(page.get_by_text("Invitationen er sendt.")).to_be_visible()
    expect(page.get_by_text("nabo@example.dk")).to_be_visible()

    # 3. ... plans a milestone.
    page.goto(workspace_url)
    page.get_by_role("link", name="Milepæle og offentlige opdateringer").click()
    page.get_by_label("Milepæl", exact=True).fill("Tømmer leveret")
    page.get_by_label("Forventet senest").fill("2030-05-01")
    page.get_by_role("button", name="Tilføj milepæl").click()
    expect(page.get_by_role("rowheader", name="Tømmer leveret")).to_be_visible()
    axe.assert_clean(page)

    # 4. ... adds an expense with its receipt, and a public document.
    page.goto(workspace_url)
    page.get_by_label("Hvad pengene gik til").fill("Tømmer og skruer")
    page.get_by_label("Beløb (kr.)").fill("12500")
    page.get_by_label("Dato").fill("2026-11-20")
    page.get_by_label("Kvittering").set_input_files(
        files=FilePayload(name="kvittering.pdf", mimeType="application/pdf", buffer=PDF)
    )
    page.get_by_role("button", name="Tilføj udgiften").click()
    expect(page.get_by_text("Udgiften er tilføjet.")).to_be_visible()
    page.get_by_label("Titel").fill("Tegning af shelteret")
    page.get_by_label("Fil", exact=True).set_input_files(
        files=FilePayload(name="tegning.pdf", mimeType="application/pdf", buffer=PDF)
    )
    page.get_by_label("Vis det på den offentlige projektside").check()
    page.get_by_role("button", name="Tilføj dokumentet").click()
    expect(page.get_by_text("Dokumentet er tilføjet.")).to_be_visible()
    axe.assert_clean(page)

    # 5. ... and requests a payout.
    page.get_by_role("button", name="Anmod om udbetaling").click()
    expect(page.get_by_text("Der er anmodet om udbetalingen.")).to_be_visible()

    # 6. The municipal contact approves it.
    login(page, base, contact.email, PASSWORD)
    page.goto(workspace_url)
    axe.assert_clean(page)
    page.get_by_label("Godkend udbetalingen").check()
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.locator("article.payout h3")).to_contain_text("Godkendt")

    # 7. The public sees the progress: money, the milestone and the public document.
    page.context.clear_cookies()
    page.goto(project_url)
    main = page.locator("main")
    expect(main).to_contain_text("12.500 kr.")
    expect(main).to_contain_text("Tømmer leveret")
    expect(page.get_by_role("link", name="Tegning af shelteret")).to_be_visible()
    expect(main).not_to_contain_text("kvittering.pdf")
    axe.assert_clean(page)
    assert blocked == []


def test_it_lets_a_local_council_member_change_a_goal_that_the_contact_publishes(
    live_server, page: Page, axe: AxeChecker
) -> None:
    base = live_server.url
    member = person("lokalraad@example.dk", "Lis Lokalråd")
    contact = person("plan@example.dk", "Per Plan", Role.EMPLOYEE)
    korsoer = Area.objects.get(slug="korsoer")
    council = Organisation.objects.create(
        name="Korsør Lokalråd", kind=Kind.LOCAL_COUNCIL, area=korsoer
    )
    Membership.objects.create(organisation=council, user=member, role=MemberRole.MEMBER)
    plan = LocalPlan.objects.create(
        area=korsoer, title="Udviklingsplan for Korsør", organisation=council, contact=contact
    )
    Goal.objects.create(plan=plan, text="Flere på havnen")
    area_url = f"{base}/omraader/korsoer/"
    only_localhost(page, base)

    # 1. The council member proposes a new wording of the goal.
    login(page, base, member.email, PASSWORD)
    page.goto(area_url)
    page.get_by_role("link", name="Arbejd med planen").click()
    axe.assert_clean(page)
    page.get_by_role("link", name="Ret »Flere på havnen«").click()
    page.get_by_label("Mål", exact=True).fill("Flere mennesker på havnen hele året")
    axe.assert_clean(page)
    page.get_by_role("button", name="Ret målet").click()
    expect(page.get_by_text("Ændringen er sendt til kommunens kontaktperson.")).to_be_visible()

    # 2. The public still sees the published goal.
    page.context.clear_cookies()
    page.goto(area_url)
    expect(page.locator("main")).to_contain_text("Flere på havnen")
    expect(page.locator("main")).not_to_contain_text("hele året")

    # 3. The contact publishes it from the queue.
    login(page, base, contact.email, PASSWORD)
    page.goto(area_url)
    page.get_by_role("link", name="1 ændring afventer godkendelse").click()
    expect(page.locator("main")).to_contain_text("Flere mennesker på havnen hele året")
    axe.assert_clean(page)
    page.get_by_role("button", name="Offentliggør »Flere mennesker på havnen hele året«").click()
    expect(page.get_by_text("Ændringen er offentliggjort.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Offentliggjort af Per")

    # 4. The public sees the new goal.
    page.context.clear_cookies()
    page.goto(area_url)
    expect(page.locator("main")).to_contain_text("Flere mennesker på havnen hele året")
    axe.assert_clean(page)
