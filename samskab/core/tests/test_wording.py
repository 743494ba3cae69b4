"""The Danish wording pass (/work/shared/ux/danish-wording.md): amounts, times, dates,
and the texts that read badly before."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.formatting import format_time, format_time_range

pytestmark = pytest.mark.django_db
NBSP = "\N{NO-BREAK SPACE}"


def test_it_writes_times_the_danish_way() -> None:
    moment = datetime.time(19, 0)
    with translation.override("da"):
        assert format_time(moment) == f"kl.{NBSP}19.00"
        assert format_time_range(datetime.time(17, 0), moment) == f"kl.{NBSP}17.00–19.00"
        html = Template("{% load samskab %}{{ start|kl_til:end }}").render(
            Context({"start": datetime.time(17, 0), "end": moment})
        )
        assert html == f"kl.{NBSP}17.00–19.00"
    with translation.override("en"):
        assert format_time(moment) == "19:00"


def test_it_formats_dates_and_times_in_danish_without_a_colon() -> None:
    moment = datetime.datetime(2026, 12, 4, 19, 0, tzinfo=timezone.get_current_timezone())
    with translation.override("da"):
        html = Template('{{ m|date:"DATETIME_FORMAT" }} | {{ d|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"m": moment, "d": datetime.date(2025, 10, 25)})
        )
    assert html == "4. december 2026 kl. 19.00 | 25. okt. 2025"


def test_it_ends_the_ballot_summary_with_a_single_full_stop(client: Client) -> None:
    from samskab.budgets.tests.factories import make_voter

    process = make_process(ballot_type="basket")
    make_proposal(process, cost=110_000)
    client.force_login(make_voter())
    response = client.post(
        reverse("budgets:ballot_summary", args=[process.slug]),
        {"omraade": process.areas.get().area.slug},
    )
    html = response.content.decode()
    assert f"0 projekter valgt – i alt 0{NBSP}kr." in html
    assert "kr.." not in html


def test_it_gives_one_clear_message_for_a_negative_amount(client: Client, resident) -> None:
    process = make_process(phase="proposals")
    client.force_login(resident)
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        {
            "title": "Bænke",
            "udgifter-TOTAL_FORMS": "1",
            "udgifter-INITIAL_FORMS": "0",
            "udgifter-0-description": "Bænke",
            "udgifter-0-amount": "-5",
        },
    )
    html = response.content.decode()
    assert "Beløbet kan ikke være negativt." in html
    assert "Angiv beløbet for denne linje." not in html
    assert "større end eller lig" not in html


def test_it_shows_citizens_the_phase_without_staff_details(client: Client, resident) -> None:
    process = make_process(phase="voting", phase_override="voting")
    client.force_login(resident)
    html = client.get(reverse("budgets:process", args=[process.slug])).content.decode()
    assert "sat manuelt" not in html
    assert "Flest stemmer vinder, så længe pengene rækker" in html


def test_it_explains_how_to_check_the_result_without_command_lines_up_front(
    client: Client,
) -> None:
    process = make_process(phase="results", results_published_at=timezone.now())
    results = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    assert "samskab-pb" not in results
    assert "Sådan efterprøver du resultatet" in results
    page = client.get(reverse("budgets:verify", args=[process.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    # the command line only in the folded (closed) section for professionals
    folded = '<div id="vejledning-til-fagfolk" aria-hidden="true" class="accordion-content">'
    assert folded in html
    assert html.index(folded) < html.index("samskab-pb check")


def test_it_says_a_meeting_with_one_place_has_one_place(client: Client) -> None:
    from samskab.meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory.create(capacity=2)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "0 af 2 pladser er optaget" in html
    meeting = MeetingFactory.create(capacity=0)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Alle pladser er optaget" in html
