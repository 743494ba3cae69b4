"""The voting meeting journey (issue 16): the secretariat sets up a meeting and prints the
ballots, two employees enter the same sheets (one mismatch, resolved by the secretariat),
the results include them, and `samskab-pb check` on the downloaded .pb file reproduces the
result. axe-core checks every page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from samskab.accounts.models import Role, User
from samskab.accounts.permissions import CITIZEN_SERVICE_GROUP
from samskab.accounts.services import user_create
from samskab.budgets.models import Ballot, Channel, Result
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Department

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "samskab-demo-e2e"  # noqa: S105


def _staff(email: str, name: str, role: str, desk: bool = False) -> User:
    user = user_create(
        email=email,
        name=name,
        role=role,
        password=PASSWORD,
        department=Department.objects.get(slug="kultur-fritid-og-borgerservice"),
    )
    if desk:
        user.groups.add(Group.objects.get_or_create(name=CITIZEN_SERVICE_GROUP)[0])
    return user


def _enter_sheet(page: Page, number: int, projects: list[str]) -> None:
    """One sheet a screen, from the keyboard: the number, the crosses, Enter."""
    number_field = page.get_by_label("Sedlens nummer")
    expect(number_field).to_be_focused()
    page.keyboard.type(str(number))
    for title in projects:
        page.get_by_label(title, exact=False).check()
    page.get_by_role("button", name="Gem sedlen og gå til den næste").focus()
    page.keyboard.press("Enter")


def test_it_runs_a_voting_meeting_with_ballot_sheets_into_the_checked_result(
    live_server, page: Page, axe: AxeChecker, tmp_path: Path
) -> None:
    base = live_server.url
    process = make_process(
        phase="voting", ballot_type="approval", min_projects=1, max_projects=2, slug="bb-2026"
    )
    make_proposal(process, title="Shelter ved gadekæret", cost=300_000)
    make_proposal(process, title="Petanquebane", cost=500_000)
    make_proposal(process, title="Blomstereng", cost=400_000)
    secretariat = _staff("sekretariat@demo.samskab.dk", "Sara Sekretariat", Role.SECRETARIAT)
    first = _staff("ida@demo.samskab.dk", "Ida Indtaster", Role.EMPLOYEE, desk=True)
    second = _staff("ole@demo.samskab.dk", "Ole Optæller", Role.EMPLOYEE, desk=True)
    url = f"{base}/borgerbudgetter/{process.slug}/"

    # 1. The secretariat sets up the voting meeting and prints the ballots.
    login(page, base, secretariat.email, PASSWORD)
    page.goto(url)
    page.get_by_role("link", name="Nyt afstemningsmøde").click()
    page.get_by_label("Titel").fill("Afstemningsmøde i forsamlingshuset")
    page.locator("#id_budget_area").select_option(index=1)
    page.get_by_label("Starter").fill("2026-11-29T19:00")
    page.get_by_label("Slutter").fill("2026-11-29T21:00")
    page.get_by_label("Sted").fill("Eggeslevmagle Forsamlingshus")
    page.get_by_label("Stemmesedler, som medarbejdere indtaster").check()
    axe.assert_clean(page)
    page.get_by_role("button", name="Opret afstemningsmødet").click()
    expect(page.get_by_text("Afstemningsmødet er oprettet.")).to_be_visible()
    expect(page.get_by_role("link", name="Afstemningsmøde i forsamlingshuset")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Stemmesedler (PDF)").click()
    page.get_by_label("Antal sedler").fill("5")
    axe.assert_clean(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent stemmesedlerne (PDF)").click()
    printed = tmp_path / "stemmesedler.pdf"
    download.value.save_as(printed)
    assert printed.read_bytes().startswith(b"%PDF")

    # 2. Two employees enter the same five sheets; they read sheet 5 differently.
    sheets = {
        1: ["Shelter ved gadekæret"],
        2: ["Shelter ved gadekæret", "Blomstereng"],
        3: ["Petanquebane"],
        4: ["Shelter ved gadekæret"],
        5: ["Blomstereng"],
    }
    for clerk, misread in ((first, {}), (second, {5: ["Petanquebane"]})):
        login(page, base, clerk.email, PASSWORD)
        page.goto(url)
        page.get_by_role("link", name="Papirstemmer").click()
        axe.assert_clean(page)
        for number, projects in sheets.items():
            _enter_sheet(page, number, misread.get(number, projects))
            expect(page.get_by_text(f"Seddel {number} er gemt")).to_be_visible()
    expect(
        page.get_by_text("Seddel 5 er gemt, men de to indtastninger er forskellige.")
    ).to_be_visible()
    assert Ballot.objects.filter(channel=Channel.PAPER).count() == 4

    # 3. The secretariat resolves the mismatch from the sheet itself.
    login(page, base, secretariat.email, PASSWORD)
    page.goto(url + "papirstemmer/")
    page.get_by_role("link", name="Afgør seddel 5").click()
    axe.assert_clean(page)
    page.get_by_label("Blomstereng", exact=False).check()
    page.get_by_role("button", name="Gem, hvad der står på sedlen").click()
    expect(page.get_by_text("Seddel 5 er afgjort.")).to_be_visible()
    expect(page.get_by_text("Ingen sedler venter.")).to_be_visible()

    # 4. Voting closes; the results include the paper ballots.
    page.goto(url)
    page.get_by_label("Nuværende fase").select_option(label="Resultater")
    page.get_by_role("button", name="Skift fase").click()
    expect(page.get_by_text("Fasen er skiftet.")).to_be_visible()
    page.goto(url + "resultater/")
    page.get_by_role("button", name="Beregn og offentliggør resultaterne").click()
    expect(page.get_by_text("Resultaterne er beregnet og offentliggjort.")).to_be_visible()
    expect(page.get_by_role("row", name="Papirstemmeseddel 5")).to_be_visible()
    axe.assert_clean(page)
    result = Result.objects.get(budget_area__process=process)
    assert result.num_ballots == 5

    # 5. Anyone can download the ballots and check the result with samskab-pb.
    with page.expect_download() as download:
        page.get_by_role("link", name="Anonymiserede stemmesedler for").first.click()
    pb_file = tmp_path / "result.pb"
    download.value.save_as(pb_file)
    checked = subprocess.run(  # noqa: S603 - our own command line on our own file
        [str(Path(sys.executable).parent / "samskab-pb"), "check", str(pb_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
