"""A meeting as an iCalendar file (RFC 5545), for people's own calendars."""

from __future__ import annotations

from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from samskab.meetings.models import Meeting

TIME_ZONE = ZoneInfo("Europe/Copenhagen")


def meeting_uid(meeting: Meeting) -> str:
    host = urlparse(settings.SITE_URL).hostname or "samskab"
    return f"meeting-{meeting.pk}@{host}"


def meeting_calendar(meeting: Meeting) -> bytes:
    """One VEVENT in Copenhagen time, with the VTIMEZONE it needs."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SAMSKAB_SITE_NAME}//Samskab//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(TIME_ZONE))
    event.add("dtend", meeting.ends_at.astimezone(TIME_ZONE))
    event.add("summary", meeting.title)
    url = settings.SITE_URL + meeting.get_absolute_url()
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", location)
    description = "\n\n".join(part for part in (meeting.description, url) if part)
    event.add("description", description)
    event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
