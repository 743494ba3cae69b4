"""The voting meeting journey (issue 16): the secretariat sets up a meeting and prints the
ballots, two employees enter the same sheets (one mismatch, resolved by the secretariat),
the results include them, and `samskab-pb check` on the downloaded .pb file reproduces the
result. Beside the meeting, an online voter votes on the budget of their own local area and,
offered on the receipt, on the municipality-wide budget too. axe-core checks every page."""

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
from samskab.budgets.tests.factories import make_process, make_proposal, municipality
from samskab.core.models import Area, Department

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
    korsoer = Area.objects.get(slug="korsoer")
    process = make_process(
        phase="voting",
        ballot_type="approval",
        min_projects=1,
        max_projects=2,
        slug="bb-2026",
        areas=[(municipality(), 1_000_000), (korsoer, 100_000)],
    )
    common = process.areas.get(area__kind=Area.Kind.MUNICIPALITY)
    local = process.areas.get(area=korsoer)
    make_proposal(process, title="Shelter ved gadekæret", cost=300_000, budget_area=common)
    make_proposal(process, title="Petanquebane", cost=500_000, budget_area=common)
    make_proposal(process, title="Blomstereng", cost=400_000, budget_area=common)
    make_proposal(process, title="Bænke på havnen", cost=60_000, budget_area=local)
    resident = user_create(
        email="borger@demo.samskab.dk",
        name="Bo Borger",
        password=PASSWORD,
        is_verified=True,
        cpr="0107801234",
        is_municipal_resident=True,
        area=korsoer,
    )
    secretariat = _staff("sekretariat@demo.samskab.dk", "Sara Sekretariat", Role.SECRETARIAT)
    first = _staff("ida@demo.samskab.dk", "Ida Indtaster", Role.EMPLOYEE, desk=True)
    second = _staff("ole@demo.samskab.dk", "Ole Optæller", Role.EMPLOYEE, desk=True)
    url = f"{base}/borgerbudgetter/{process.slug}/"

    # 1. The secretariat sets up the voting meeting and prints the ballots.
    login(page, base, secretariat.email, PASSWORD)
    page.goto(url)
    page.get_by_role("link", name="Nyt afstemningsmøde").click()
    page.get_by_label("Titel").fill("Afstemningsmøde i forsamlingshuset")
    page.locator("#id_budget_area").select_option(value=str(common.pk))
    page.get_by_label("Starter").fill("2026-11-29T19:00")
    page.get_by_label("Slutter").fill("2026-11-29T21:00")
    page.get_by_label("Sted").fill("Eggeslevmagle Forsamlingshus")
    page.get_by_label("Stemmesedler, som medarbejdere indtaster").check()
    axe.assert_clean(page)
    page.get_by_role("button", name="Opret afstemningsmødet").click()
    expect(page.get_by_text("Afstemningsmødet er oprettet.")).to_be_visible()
    expect(page.get_by_role("link", name="Afstemningsmøde i forsamlingshuset")).to_be_visible()
    axe.assert_clean(page)
    # The process page has the ballots of each budget; the meeting is for the common one.
    page.locator(f'a[href$="/{common.area.slug}/stemmesedler.pdf"]').click()
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
    # The ballot account: the staff at the door let five voters in.
    page.get_by_label("Vælgere lukket ind").fill("5")
    page.get_by_role("button", name="Gem antallet, der blev lukket ind").click()
    expect(page.get_by_text("Antallet af vælgere, der blev lukket ind, er gemt.")).to_be_visible()
    axe.assert_clean(page)

    # 3. The secretariat resolves the mismatch from the sheet itself.
    login(page, base, secretariat.email, PASSWORD)
    page.goto(url + "papirstemmer/")
    page.get_by_role("link", name="Afgør seddel 5").click()
    axe.assert_clean(page)
    page.get_by_label("Blomstereng", exact=False).check()
    page.get_by_role("button", name="Gem, hvad der står på sedlen").click()
    expect(page.get_by_text("Seddel 5 er afgjort.")).to_be_visible()
    expect(page.get_by_text("Ingen sedler venter.")).to_be_visible()

    # 4. An online voter votes on their local budget, and then on the common one.
    login(page, base, resident.email, PASSWORD)
    page.goto(url + "stem/")
    both = "Du kan stemme om kommunens fælles pulje og om puljen i ét lokalområde"
    expect(page.get_by_text(both)).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Korsør").click()
    page.get_by_label("Bænke på havnen", exact=False).check()
    page.get_by_role("button", name="Afgiv min stemme").click()
    expect(page.get_by_text("Din stemme er gemt.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Du kan også stemme om kommunens fælles pulje")
    ).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name=f"Stem om puljen i {common.area.name}").click()
    page.get_by_label("Blomstereng", exact=False).check()
    page.get_by_role("button", name="Afgiv min stemme").click()
    expect(page.get_by_text("Din stemme er gemt.")).to_be_visible()
    expect(page.locator(".receipt-code")).to_have_count(2)
    assert Ballot.objects.filter(voter_key=resident.person_key).count() == 2

    # 5. Voting closes; the results include the paper ballots.
    login(page, base, secretariat.email, PASSWORD)
    page.goto(url)
    page.get_by_label("Nuværende fase").select_option(label="Resultater")
    page.get_by_role("button", name="Skift fase").click()
    expect(page.get_by_text("Fasen er skiftet.")).to_be_visible()
    page.goto(url + "resultater/")
    page.get_by_role("button", name="Beregn og offentliggør resultaterne").click()
    expect(page.get_by_text("Resultaterne er beregnet og offentliggjort.")).to_be_visible()
    # The secretariat sees the five at the meeting (by channel, the one online voter is a
    # group below five, merged with the paper ballots so that nobody is singled out).
    meeting_row = page.get_by_role("row", name="Afstemningsmøde i forsamlingshuset")
    expect(meeting_row.get_by_role("cell").nth(1)).to_have_text("5")
    expect(page.get_by_role("row", name="Små grupper samlet 6").first).to_be_visible()
    axe.assert_clean(page)
    assert Result.objects.get(budget_area=common).num_ballots == 5 + 1
    assert Result.objects.get(budget_area=local).num_ballots == 1
    # Six people voted (the resident once, though with two ballots).
    expect(page.get_by_text("6 vælgere i alt.")).to_be_visible()

    # 6. Anyone can download each area's ballots and check its result with samskab-pb.
    links = page.get_by_role("link", name="Anonymiserede stemmesedler for")
    expect(links).to_have_count(2)
    for index in range(2):
        with page.expect_download() as download:
            links.nth(index).click()
        pb_file = tmp_path / f"result-{index}.pb"
        download.value.save_as(pb_file)
        checked = subprocess.run(  # noqa: S603 - our own command line on our own file
            [str(Path(sys.executable).parent / "samskab-pb"), "check", str(pb_file)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_it_takes_a_tally_from_two_people_without_showing_the_first_entry(
    live_server, page: Page, axe: AxeChecker
) -> None:
    """Balls in baskets (Bisserup): one clerk enters the tally, a second enters it again
    blind; a mismatch is summarised and names what differs, the same numbers confirm it."""
    from samskab.budgets import paper
    from samskab.budgets.models import Tally, VoteMethod
    from samskab.budgets.tests.test_paper import _meeting

    base = live_server.url
    process = make_process(phase="voting", ballot_type="basket", max_projects=2, slug="bisserup")
    bridge = make_proposal(process, title="Bro over åen", cost=300_000)
    benches = make_proposal(process, title="Bænke ved stranden", cost=200_000)
    secretariat = _staff("sekretariat@e2e.dk", "Sara Sekretariat", Role.SECRETARIAT)
    first = _staff("karen@e2e.dk", "Karen Holm", Role.EMPLOYEE, desk=True)
    second = _staff("jens@e2e.dk", "Jens Mortensen", Role.EMPLOYEE, desk=True)
    meeting = _meeting(process, secretariat, method=VoteMethod.TALLY, title="Bisserup")
    paper.tally_save(
        actor=first,
        voting_meeting=meeting,
        voters_present=31,
        counted_by_first="Karen Holm",
        counted_by_second="Jens Mortensen",
        votes={bridge.pk: 22, benches.pk: 14},
    )

    login(page, base, second.email, PASSWORD)
    page.goto(f"{base}/borgerbudgetter/{process.slug}/optaelling/{meeting.pk}/")
    expect(page.get_by_text("Anden indtastning", exact=True)).to_be_visible()
    expect(page.get_by_label("Bro over åen", exact=False)).to_have_value("")
    axe.assert_clean(page)
    page.get_by_label("Bro over åen", exact=False).fill("22")
    page.get_by_label("Bænke ved stranden", exact=False).fill("15")
    page.get_by_label("Fremmødte vælgere").fill("31")
    page.get_by_label("Talt af").fill("Karen Holm")
    page.get_by_label("Kontrolleret af").fill("Jens Mortensen")
    page.get_by_role("button", name="Gem den anden indtastning").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("»Bænke ved stranden«")
    expect(summary).not_to_contain_text("14")
    expect(page.get_by_label("Bænke ved stranden", exact=False)).to_have_value("15")
    axe.assert_clean(page)
    page.get_by_label("Bænke ved stranden", exact=False).fill("14")
    page.get_by_role("button", name="Gem den anden indtastning").click()
    expect(page.get_by_text("Optællingen er bekræftet")).to_be_visible()
    axe.assert_clean(page)
    tally = Tally.objects.get()
    assert tally.entered_by == first and tally.confirmed_by == second
