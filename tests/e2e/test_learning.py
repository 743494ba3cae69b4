"""The learning journey in a real browser: an employee reports an event (the CPR check
stops it first), the department's learning coordinator de-identifies and publishes the
learning, and a colleague in another department finds it, marks it relevant and comments.
axe-core checks every page visited at WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import AuditEvent, Department
from samskab.learning.models import LearningCoordinator, LearningReport

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page: Page, base: str, user: User, password: str) -> None:
    login(page, base, user.email, password)


def test_it_takes_a_report_to_shared_learning_that_a_colleague_finds(
    live_server,
    page: Page,
    axe: AxeChecker,
    employee: User,
    manager: User,
    secretariat: User,
    password: str,
) -> None:
    base = live_server.url
    department = Department.objects.get(slug="sundhed-og-aeldre")
    coordinator = UserFactory.create(
        email="koordinator@test.samskab.dk", role=Role.EMPLOYEE, department=department
    )
    LearningCoordinator.objects.create(user=coordinator, department=department)
    manager.department = Department.objects.get(slug="dagtilbud")
    manager.save(update_fields=["department"])

    # The employee reports a near miss, first with a CPR number in the text.
    _login(page, base, employee, password)
    page.goto(base + "/laering/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Læring af fejl")
    axe.assert_clean(page)
    page.get_by_role("link", name="Indberet en hændelse").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indberet en hændelse")
    axe.assert_clean(page)
    page.get_by_label("Nærved-hændelse").check()
    page.get_by_label("En kort titel").fill("Medicin næsten givet to gange")
    page.get_by_label("Hvad skete der?").fill(
        "Borgeren 010203-1234 fik næsten sin medicin to gange, da Jonas Kjær og jeg "
        "ikke vidste, at den var givet."
    )
    page.get_by_label("Hvad var situationen?").fill("Vagtskifte og en syg kollega.")
    page.get_by_label("Hvad kan vi lære?").fill("Afkryds medicinen på tavlen med det samme.")
    page.get_by_label("Hvor alvorlige var konsekvenserne?").select_option(
        label="Ingen konsekvenser"
    )
    page.get_by_label("Kategori").select_option(label="Overlevering og koordinering")
    page.get_by_label("Center", exact=True).select_option(label=department.name)
    page.get_by_label("Fortrolig", exact=True).check()
    page.get_by_role("button", name="Send indberetningen").click()
    cpr_error = "Feltet »Hvad skete der?« ser ud til at indeholde et CPR-nummer"
    # The error summary (focused, linked to the field) and the message at the field.
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.get_by_role("link", name=cpr_error)).to_be_visible()
    expect(page.locator("#id_what_happened_error")).to_contain_text(cpr_error)
    expect(page.get_by_label("Hvad var situationen?")).to_have_value(
        "Vagtskifte og en syg kollega."
    )
    axe.assert_clean(page)
    page.get_by_label("Hvad skete der?").fill(
        "En borger fik næsten sin medicin to gange, da Jonas Kjær og jeg ikke vidste, "
        "at den var givet."
    )
    page.get_by_role("button", name="Send indberetningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medicin næsten givet to gange")
    expect(page.get_by_text("Din indberetning er sendt")).to_be_visible()
    axe.assert_clean(page)
    report = LearningReport.objects.get()
    assert report.is_confidential and report.reporter == employee

    # The coordinator finds it in the inbox (no title: it is confidential) and opens it.
    _login(page, base, coordinator, password)
    page.goto(base + "/laering/koordinator/")
    axe.assert_clean(page)
    page.get_by_role("link", name=f"Fortrolig indberetning #{report.pk}").click()
    expect(
        page.get_by_role("heading", name="Mulige navne, der skal fjernes før deling")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Adgangslog")).to_contain_text("Åbnede indberetningen")
    axe.assert_clean(page)
    page.get_by_role("link", name="Fjern personoplysninger og del").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fjern personoplysninger og del")
    axe.assert_clean(page)
    page.get_by_label("Titel").fill("Medicin ved vagtskifte")
    page.get_by_role("button", name="Del med hele organisationen").click()
    expect(page.locator("#id_names_checked_error")).to_contain_text("Teksten kan indeholde navne")
    expect(page.locator(".error-summary")).to_be_focused()
    axe.assert_clean(page)
    page.get_by_label("Hvad skete der (uden personhenførbare oplysninger)").fill(
        "En borger fik næsten sin medicin to gange ved et vagtskifte."
    )
    page.get_by_role("button", name="Del med hele organisationen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medicin ved vagtskifte")
    expect(page.get_by_text("Læringen er delt med hele organisationen")).to_be_visible()
    axe.assert_clean(page)
    assert AuditEvent.objects.filter(actor=coordinator, action="view").count() >= 3

    # A colleague in another department finds it, marks it relevant and comments.
    _login(page, base, manager, password)
    page.goto(base + "/laering/")
    page.get_by_label("Søg", exact=True).fill("vagtskifte")
    page.get_by_role("button", name="Søg").click()
    axe.assert_clean(page)
    page.get_by_role("link", name="Medicin ved vagtskifte").click()
    expect(page.get_by_text("Jonas")).to_have_count(0)
    axe.assert_clean(page)
    page.get_by_role("button", name="Relevant for os").click()
    expect(page.get_by_text("1 kollega har markeret denne som relevant")).to_be_visible()
    page.get_by_label("Din kommentar").fill("Det gælder også i vores daginstitutioner.")
    page.get_by_role("button", name="Tilføj kommentaren").click()
    expect(page.get_by_text("Det gælder også i vores daginstitutioner.")).to_be_visible()
    axe.assert_clean(page)
    # The colleague cannot open the report itself.
    response = page.goto(base + report.get_absolute_url())
    assert response is not None and response.status == 404

    # The secretariat sees the trend, as a chart and tables.
    _login(page, base, secretariat, password)
    page.goto(base + "/laering/tendenser/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tendenser i læringsindberetninger")
    expect(
        page.get_by_role("table", name="Indberetninger pr. kvartal fordelt på alvorlighed")
    ).to_be_visible()
    axe.assert_clean(page)  # the chart has no SVG text any more: nothing to leave out
