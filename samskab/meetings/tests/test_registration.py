"""Registration with capacity, waiting list and cancellation, including concurrent
registrations (the meeting row is locked while places are counted)."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections
from django.utils import timezone

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.meetings import services
from samskab.meetings.models import Registration

from .factories import MeetingFactory

Status = Registration.Status


def statuses(meeting) -> list[str]:
    return list(
        meeting.registrations.order_by("registered_at", "id").values_list("status", flat=True)
    )


def _change_capacity(meeting, capacity: int) -> None:
    data = services.MeetingData(
        title=meeting.title,
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        capacity=capacity,
        place=meeting.place,
    )
    assert meeting.organiser is not None
    services.meeting_update(meeting=meeting, actor=meeting.organiser, data=data)


@pytest.mark.django_db
def test_it_gives_places_up_to_the_capacity_then_a_waiting_list() -> None:
    meeting = MeetingFactory.create(capacity=2)
    people = UserFactory.create_batch(4)
    results = [services.registration_create(meeting=meeting, user=p).status for p in people]
    assert results == [Status.REGISTERED, Status.REGISTERED, Status.WAITING, Status.WAITING]


@pytest.mark.django_db
def test_it_refuses_a_second_registration_by_the_same_person() -> None:
    meeting = MeetingFactory.create()
    person = UserFactory.create()
    services.registration_create(meeting=meeting, user=person)
    with pytest.raises(ValidationError):
        services.registration_create(meeting=meeting, user=person)
    assert meeting.registrations.count() == 1


@pytest.mark.django_db
def test_it_refuses_registration_for_a_meeting_that_has_started_or_is_a_draft() -> None:
    started = MeetingFactory.create(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    draft = MeetingFactory.create(is_published=False)
    person = UserFactory.create()
    for meeting in (started, draft):
        with pytest.raises(ValidationError):
            services.registration_create(meeting=meeting, user=person)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_it_gives_a_cancelled_place_to_the_first_on_the_waiting_list_and_tells_them(
    django_capture_on_commit_callbacks,
) -> None:
    meeting = MeetingFactory.create(capacity=1)
    first, second, third = UserFactory.create_batch(3)
    services.registration_create(meeting=meeting, user=first)
    services.registration_create(meeting=meeting, user=second)
    services.registration_create(meeting=meeting, user=third)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(meeting=meeting, user=first)

    by_user = {r.user_id: r.status for r in meeting.registrations.all()}
    assert by_user == {
        first.pk: Status.CANCELLED,
        second.pk: Status.REGISTERED,
        third.pk: Status.WAITING,
    }
    assert [message.to for message in mail.outbox] == [[second.email]]
    assert meeting.title in mail.outbox[0].subject


@pytest.mark.django_db
def test_it_lets_someone_who_cancelled_register_again_at_the_back_of_the_queue() -> None:
    meeting = MeetingFactory.create(capacity=1)
    first, second = UserFactory.create_batch(2)
    services.registration_create(meeting=meeting, user=first)
    services.registration_create(meeting=meeting, user=second)
    services.registration_cancel(meeting=meeting, user=first)
    again = services.registration_create(meeting=meeting, user=first)
    assert again.status == Status.WAITING
    assert meeting.registrations.count() == 2


@pytest.mark.django_db
def test_it_moves_the_waiting_list_up_when_places_are_added() -> None:
    meeting = MeetingFactory.create(capacity=1)
    people = UserFactory.create_batch(3)
    for person in people:
        services.registration_create(meeting=meeting, user=person)
    _change_capacity(meeting, 2)
    assert statuses(meeting) == [Status.REGISTERED, Status.REGISTERED, Status.WAITING]


@pytest.mark.django_db
def test_it_never_takes_a_place_away_when_places_are_removed() -> None:
    meeting = MeetingFactory.create(capacity=3)
    for person in UserFactory.create_batch(3):
        services.registration_create(meeting=meeting, user=person)
    _change_capacity(meeting, 1)
    assert statuses(meeting) == [Status.REGISTERED] * 3


@pytest.mark.django_db
def test_it_refuses_to_cancel_what_is_not_there() -> None:
    meeting = MeetingFactory.create()
    with pytest.raises(ValidationError):
        services.registration_cancel(meeting=meeting, user=UserFactory.create())


@pytest.mark.django_db(transaction=True)
def test_it_never_gives_out_more_places_than_the_capacity_under_concurrent_registrations() -> None:
    # PostgreSQL runs the registrations truly in parallel (the row lock serialises them);
    # SQLite serialises every write itself, so fewer threads suffice there.
    on_postgres = connection.vendor == "postgresql"
    threads_count = 12 if on_postgres else 4
    capacity = 5 if on_postgres else 2
    # No area: a transactional test cannot rely on the reference data.
    meeting = MeetingFactory.create(capacity=capacity, area=None)
    people = [UserFactory.create(role=Role.RESIDENT) for _ in range(threads_count)]
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def register(person) -> None:
        try:
            barrier.wait(timeout=30)
            for attempt in range(100):
                try:
                    services.registration_create(meeting=meeting, user=person)
                    return
                except OperationalError as error:
                    # The in-memory SQLite test database (shared cache) answers "table is
                    # locked" at once instead of waiting like a file database; try again.
                    if on_postgres or "locked" not in str(error) or attempt == 99:
                        raise
                    time.sleep(0.02)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    counts = {
        status: meeting.registrations.filter(status=status).count()
        for status in (Status.REGISTERED, Status.WAITING)
    }
    assert counts == {Status.REGISTERED: capacity, Status.WAITING: threads_count - capacity}
