"""The .ics file, the daily reminders and the privacy handler."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samskab.accounts.privacy import handlers
from samskab.accounts.tests.factories import UserFactory
from samskab.meetings import services
from samskab.meetings.models import Membership, Registration

from .factories import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def test_it_serves_a_valid_calendar_file_in_copenhagen_time(client: Client) -> None:
    starts = datetime.datetime(2030, 7, 1, 17, 0, tzinfo=COPENHAGEN)  # summer time, UTC+2
    meeting = MeetingFactory.create(
        title="Workshop: Liv på havnen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Workshop: Liv på havnen"
    assert str(event["LOCATION"]) == meeting.place
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    dtstart, dtend = event.decoded("DTSTART"), event.decoded("DTEND")
    assert dtstart == starts and dtend == starts + datetime.timedelta(hours=2)
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert dtstart.utcoffset() == datetime.timedelta(hours=2)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    assert b"DTSTART;TZID=Europe/Copenhagen:20300701T170000" in response.content


def test_it_puts_the_online_link_as_location_when_there_is_no_place(client: Client) -> None:
    meeting = MeetingFactory.create(place="", online_url="https://moede.example.dk/idemoede")
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["LOCATION"]) == "https://moede.example.dk/idemoede"


def test_it_hides_the_calendar_file_of_a_draft(client: Client) -> None:
    meeting = MeetingFactory.create(is_published=False)
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404


def test_it_reminds_participants_of_tomorrows_meetings_once(
    django_capture_on_commit_callbacks,
) -> None:
    now = datetime.datetime(2030, 3, 4, 8, 0, tzinfo=COPENHAGEN)
    with time_machine.travel(now - datetime.timedelta(days=3), tick=False):
        tomorrow = MeetingFactory.create(
            starts_at=now + datetime.timedelta(days=1, hours=9), capacity=1
        )
        later = MeetingFactory.create(starts_at=now + datetime.timedelta(days=2, hours=9))
        placed, waiting, other = UserFactory.create_batch(3)
        services.registration_create(meeting=tomorrow, user=placed)
        services.registration_create(meeting=tomorrow, user=waiting)
        services.registration_create(meeting=later, user=other)
    mail.outbox.clear()
    with time_machine.travel(now, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.meeting_reminders_send() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert services.meeting_reminders_send() == 0
    assert [message.to for message in mail.outbox] == [[placed.email]]
    assert "Påmindelse" in mail.outbox[0].subject
    assert Registration.objects.get(user=placed).reminder_sent_at == now


def test_it_has_a_daily_command_for_the_reminders() -> None:
    tomorrow_noon = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=12, minute=0)
    meeting = MeetingFactory.create(starts_at=tomorrow_noon)
    services.registration_create(meeting=meeting, user=UserFactory.create())
    call_command("send_meeting_reminders", "--now")
    call_command("send_meeting_reminders", "--now")
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 1


def _handler():
    return next(handler for handler in handlers() if handler.name == "meetings")


def test_it_exports_and_erases_a_persons_registrations_and_memberships() -> None:
    meeting = MeetingFactory.create(capacity=1)
    person, next_in_line = UserFactory.create_batch(2)
    services.registration_create(meeting=meeting, user=person, needs="Kørestol")
    services.registration_create(meeting=meeting, user=next_in_line)
    network = NetworkFactory.create()
    services.network_join(network=network, user=person)

    exported = _handler().export(person)
    assert exported["registrations"][0]["needs"] == "Kørestol"
    assert exported["networks"][0]["network"] == network.name

    _handler().erase(person)
    assert not Registration.objects.filter(user=person).exists()
    assert not Membership.objects.filter(user=person).exists()
    # Their place went to the next in line.
    assert Registration.objects.get(user=next_in_line).status == Registration.Status.REGISTERED


def test_it_deletes_participant_lists_a_year_after_the_meeting() -> None:
    old = MeetingFactory.create()
    recent = MeetingFactory.create()
    for meeting in (old, recent):
        services.registration_create(meeting=meeting, user=UserFactory.create())
    later = old.ends_at + datetime.timedelta(days=services.REGISTRATION_RETENTION_DAYS + 1)
    type(old).objects.filter(pk=recent.pk).update(ends_at=later)
    assert _handler().retention(later) == 1
    assert list(Registration.objects.values_list("meeting_id", flat=True)) == [recent.pk]
