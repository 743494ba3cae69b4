from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from samskab.accounts.models import User
from samskab.core.models import AuditEvent
from samskab.ideas.models import Idea
from samskab.learning.tests.factories import published
from samskab.secretariat import exports, figures
from samskab.secretariat.models import CommitteeReport

from .conftest import CONFIDENTIAL_TITLE, World

pytestmark = pytest.mark.django_db


def _create(client: Client, **extra: Any) -> Any:
    data = {
        "year": 2026,
        "quarter": 2,
        "title": "Rapport til udvalget, 2. kvartal 2026",
        "highlights": "Borgerbudgettet fik **fem** stemmer.",
        "decisions": "1. Udvalget godkender udbredelsen af forsøget.",
    }
    data.update(extra)
    return client.post(reverse("secretariat:report_create"), data)


def test_it_creates_a_draft_report_with_highlights(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    idea = Idea.objects.filter(status="realise").get()
    response = _create(client, highlighted_ideas=[idea.pk])
    report = CommitteeReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert not report.is_published and report.created_by == secretariat
    assert list(report.highlighted_ideas.all()) == [idea]
    assert AuditEvent.objects.filter(action="create", object_id=str(report.pk)).exists()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "<strong>fem</strong>" in page and idea.title in page


def test_it_offers_only_public_ideas_as_highlights(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    response = _create(client, highlighted_ideas=[world.internal_idea.pk])
    assert response.status_code == 200
    assert not CommitteeReport.objects.exists()
    form = response.context["form"]
    assert "highlighted_ideas" in form.errors
    choices = list(form.fields["highlighted_ideas"].queryset)
    assert world.hidden_idea not in choices and world.internal_idea not in choices


def test_it_refuses_a_second_report_for_the_same_quarter_and_keeps_the_input(
    client: Client, secretariat: User, world: World
) -> None:
    client.force_login(secretariat)
    _create(client)
    response = _create(client, title="Endnu en")
    assert response.status_code == 200
    assert CommitteeReport.objects.count() == 1
    assert 'value="Endnu en"' in response.content.decode()


def test_it_edits_and_publishes_a_report(
    client: Client, secretariat: User, committee: User, world: World
) -> None:
    client.force_login(secretariat)
    _create(client)
    report = CommitteeReport.objects.get()
    client.post(
        reverse("secretariat:report_edit", args=[report.pk]),
        {"year": 2026, "quarter": 2, "title": "Ny titel", "decisions": "Ingen."},
    )
    report.refresh_from_db()
    assert report.title == "Ny titel"
    client.post(reverse("secretariat:report_publish", args=[report.pk]))
    client.force_login(committee)
    response = client.get(reverse("secretariat:reports"))
    assert list(response.context["reports"]) == [report]
    assert client.get(report.get_absolute_url()).status_code == 200


def _report(secretariat: User, world: World) -> CommitteeReport:
    report = CommitteeReport.objects.create(
        year=2026,
        quarter=2,
        title="Kvartalsrapport",
        highlights="Flere borgere deltog.",
        decisions="Udvalget beslutter at fortsætte.",
        created_by=secretariat,
    )
    shared = published(world_report(world))
    report.highlighted_learnings.set([shared])
    return report


def world_report(world: World) -> Any:
    from samskab.learning.models import LearningReport

    return LearningReport.objects.filter(department=world.department, is_confidential=False).first()


def test_it_makes_a_pdf_with_the_figures_of_the_quarter(
    client: Client, secretariat: User, world: World
) -> None:
    report = _report(secretariat, world)
    client.force_login(secretariat)
    response = client.get(reverse("secretariat:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Kvartalsrapport" in text
    assert "Udvalget beslutter at fortsætte." in text
    # The quarter's figures: 6 ideas, 3 learning reports, 5 ballots, 3 evaluations.
    assert "Idéer indsendt 6" in text
    assert "Læringsindberetninger 3" in text
    assert "Stemmesedler afgivet i perioden 5" in text
    assert "Evalueringer skrevet 3" in text
    assert CONFIDENTIAL_TITLE not in text


def test_it_exports_the_figures_as_csv_and_xlsx(
    client: Client, secretariat: User, world: World
) -> None:
    report = _report(secretariat, world)
    client.force_login(secretariat)
    response = client.get(reverse("secretariat:report_csv", args=[report.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert text.startswith("\ufeff")  # so that Danish Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == ["Periode", "Afsnit", "Figur", "Hvad", "Værdi"]
    figures = {(row[1], row[3]): row[4] for row in rows[1:]}
    assert figures[("Idéer", "Idéer indsendt")] == "6"
    assert figures[("Læringsindberetninger og handlinger", "Læringsindberetninger")] == "3"
    response = client.get(reverse("secretariat:report_xlsx", args=[report.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Periode", "Afsnit", "Figur", "Hvad", "Værdi")
    assert ("2026 K2", "Idéer", "Nøgletal", "Idéer indsendt", 6) in values


def test_it_never_lets_the_pdf_fetch_anything() -> None:
    from weasyprint.urls import URLFetchingError

    with pytest.raises(URLFetchingError):
        exports.refusing_fetcher().fetch("http://example.org/logo.png")
    pdf = exports.pdf_bytes('<p>Hej</p><img src="http://example.org/x.png" alt="x">')
    assert pdf.startswith(b"%PDF")


def test_it_neutralises_formulas_in_csv_cells() -> None:
    text = exports.csv_text(("a",), [("=HYPERLINK(1)",), ("7",)])
    assert text.splitlines() == ["a", "'=HYPERLINK(1)", "7"]


def test_it_keeps_a_published_reports_figures_as_they_were(
    client: Client, secretariat: User, committee: User, world: World
) -> None:
    import datetime

    from samskab.ideas.tests.factories import IdeaFactory

    from .conftest import at

    report = _report(secretariat, world)
    client.force_login(secretariat)
    client.post(reverse("secretariat:report_publish", args=[report.pk]))
    report.refresh_from_db()
    assert report.published_at is not None and report.published_figures_html
    # An idea submitted in the quarter after publishing changes today's figures only.
    IdeaFactory.create(submitted_at=at(datetime.date(2026, 4, 12)))
    live = client.get(reverse("secretariat:index"), {"fra": "2026-04-01", "til": "2026-06-30"})
    today = {(row[0], row[2]): row[3] for row in figures.rows(live.context["sections"])}
    assert today[("Idéer", "Idéer indsendt")] == "7"
    client.force_login(committee)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Tallene, som de så ud, da rapporten blev offentliggjort" in page
    text = client.get(reverse("secretariat:report_csv", args=[report.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert {(row[1], row[3]): row[4] for row in rows[1:]}[("Idéer", "Idéer indsendt")] == "6"
    pdf = client.get(reverse("secretariat:report_pdf", args=[report.pk])).content
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Idéer indsendt 6" in text


def test_it_exports_the_voters_counted_at_tally_meetings_beside_the_ballots(
    client: Client, secretariat: User, world: World
) -> None:
    """A tally (hands, balls in baskets) is not ballots: the report shows its voters on
    their own line instead of leaving them out."""
    import datetime

    from samskab.budgets.models import Tally, VoteMethod, VotingMeeting
    from samskab.meetings.models import Kind, Meeting

    from .conftest import at

    def tally(day: datetime.date, voters: int) -> None:
        meeting = Meeting.objects.create(
            title=f"Afstemningsmøde {day}",
            kind=Kind.CITIZENS_MEETING,
            starts_at=at(day),
            ends_at=at(day) + datetime.timedelta(hours=2),
            place="Forsamlingshuset",
            capacity=200,
            organiser=secretariat,
        )
        voting_meeting = VotingMeeting.objects.create(
            process=world.process,
            budget_area=world.process.areas.get(),
            meeting=meeting,
            method=VoteMethod.TALLY,
        )
        Tally.objects.create(
            voting_meeting=voting_meeting,
            voters_present=voters,
            counted_by_first="Karen",
            counted_by_second="Ole",
            entered_by=secretariat,
        )

    tally(datetime.date(2026, 5, 12), 31)  # in the quarter
    tally(datetime.date(2026, 3, 2), 9)  # before it
    report = _report(secretariat, world)
    client.force_login(secretariat)
    text = client.get(reverse("secretariat:report_csv", args=[report.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    found = {(row[2], row[3]): row[4] for row in rows[1:]}
    assert found[("Nøgletal", "Stemmesedler afgivet i perioden")] == "5"
    assert (
        found[("Nøgletal", "Vælgere talt op på optællingsmøder i perioden (ikke stemmesedler)")]
        == "31"
    )
    caption = "Vælgere talt op på optællingsmøder i perioden, pr. forløb (ikke stemmesedler)"
    assert found[(caption, world.process.title)] == "31"
    response = client.get(reverse("secretariat:report_xlsx", args=[report.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert (
        "2026 K2",
        "Borgerbudgetter",
        caption,
        world.process.title,
        31,
    ) in list(sheet.iter_rows(values_only=True))
