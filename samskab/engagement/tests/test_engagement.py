"""Support, comments, reports and moderation on any registered model.

The tests register core.Department as a stand-in for any object page (ideas, proposals),
with "visible unless the slug says secret" and "open unless the slug says closed"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.accounts.selectors import personal_data
from samskab.core.models import Department
from samskab.engagement import registry, selectors, services
from samskab.engagement.models import Comment, Report, Support

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
LABEL = "core.department"
hidden_objects: list[int] = []


@pytest.fixture(autouse=True)
def _departments_take_part() -> Iterator[None]:
    registry.register(
        Department,
        can_view=lambda user, obj: "secret" not in obj.slug,
        can_engage=lambda user, obj: "closed" not in obj.slug,
        hide=lambda obj, actor: hidden_objects.append(obj.pk),
    )
    yield
    registry.unregister(Department)
    hidden_objects.clear()


@pytest.fixture
def target() -> Department:
    return Department.objects.create(name="Test", slug="test")


def _login(client: Client, user_with_role, role: str | None) -> User | None:
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    return user


def test_it_toggles_support(resident: User, target: Department) -> None:
    assert services.support_toggle(user=resident, target=target) is True
    assert selectors.support_counts([target]) == {target.pk: 1}
    assert services.support_toggle(user=resident, target=target) is False
    assert selectors.support_counts([target]) == {target.pk: 0}


def test_it_refuses_empty_comments(resident: User, target: Department) -> None:
    with pytest.raises(ValidationError):
        services.comment_add(author=resident, target=target, body="   ")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_logged_in_users_support_and_comment(
    client: Client, user_with_role, role, target: Department
) -> None:
    user = _login(client, user_with_role, role)
    support = client.post(reverse("engagement:support", args=[LABEL, target.pk]))
    comment = client.post(
        reverse("engagement:comment", args=[LABEL, target.pk]), {"body": "Godt forslag"}
    )
    if user is None:
        assert support.status_code == comment.status_code == 302
        assert support["Location"].startswith(reverse("accounts:login"))
        assert not Support.objects.exists() and not Comment.objects.exists()
    else:
        assert support.status_code == comment.status_code == 302
        assert Support.objects.filter(user=user).count() == 1
        assert Comment.objects.get().author == user


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_404_for_objects_the_user_may_not_see(
    client: Client, user_with_role, role
) -> None:
    secret = Department.objects.create(name="Hemmelig", slug="secret")
    _login(client, user_with_role, role)
    # The administrator is a superuser, who passes every permission check (Django's rule).
    denied = 302 if role in (None, "administrator") else 404
    for name in ("support", "comment"):
        response = client.post(
            reverse(f"engagement:{name}", args=[LABEL, secret.pk]), {"body": "Hej"}
        )
        assert response.status_code == denied
    report = client.get(reverse("engagement:report", args=[LABEL, secret.pk]))
    assert report.status_code == {None: 302, "administrator": 200}.get(role, 404)


def test_it_answers_404_for_models_that_do_not_take_part(client: Client, resident: User) -> None:
    client.force_login(resident)
    response = client.post(reverse("engagement:support", args=["accounts.user", resident.pk]))
    assert response.status_code == 404


def test_it_refuses_support_when_the_object_is_closed(client: Client, resident: User) -> None:
    closed = Department.objects.create(name="Lukket", slug="closed")
    client.force_login(resident)
    response = client.post(reverse("engagement:support", args=[LABEL, closed.pk]))
    assert response.status_code == 403


def test_it_answers_htmx_with_the_refreshed_panel(
    client: Client, resident: User, target: Department
) -> None:
    client.force_login(resident)
    response = client.post(
        reverse("engagement:support", args=[LABEL, target.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "1 person støtter dette" in html
    assert "Træk min støtte tilbage" in html


def test_it_keeps_the_comment_when_it_is_too_long(
    client: Client, resident: User, target: Department
) -> None:
    client.force_login(resident)
    body = "x" * (services.COMMENT_MAX_LENGTH + 1)
    response = client.post(reverse("engagement:comment", args=[LABEL, target.pk]), {"body": body})
    assert response.status_code == 400
    assert body in response.content.decode()
    assert not Comment.objects.exists()


def test_it_only_redirects_to_local_pages(
    client: Client, resident: User, target: Department
) -> None:
    client.force_login(resident)
    response = client.post(
        reverse("engagement:support", args=[LABEL, target.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_it_reports_a_comment_and_tells_the_secretariat(
    client: Client,
    resident: User,
    secretariat: User,
    target: Department,
    django_capture_on_commit_callbacks,
) -> None:
    comment = services.comment_add(author=resident, target=target, body="Grimme ord")
    client.force_login(resident)
    url = reverse("engagement:report", args=["engagement.comment", comment.pk])
    assert "Grimme ord" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Stødende"})
    report = Report.objects.get()
    assert (report.target, report.reporter, report.status) == (comment, resident, "open")
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    # A second report by the same person is refused, with the input kept.
    response = client.post(url, {"reason": "Igen"})
    assert response.status_code == 200
    assert "Igen" in response.content.decode()
    assert Report.objects.count() == 1


def test_it_hides_a_reported_comment_and_resolves_all_reports_on_it(
    client: Client, resident: User, employee: User, secretariat: User, target: Department
) -> None:
    comment = services.comment_add(author=resident, target=target, body="Grimme ord")
    services.content_report(reporter=resident, target=comment, reason="Stødende")
    services.content_report(reporter=employee, target=comment, reason="Enig")
    client.force_login(secretariat)
    queue = client.get(reverse("engagement:index")).content.decode()
    assert "Grimme ord" in queue and "Stødende" in queue
    report = Report.objects.first()
    assert report is not None
    client.post(reverse("engagement:resolve", args=[report.pk]), {"action": "hide"})
    comment.refresh_from_db()
    assert comment.is_hidden
    assert set(Report.objects.values_list("status", flat=True)) == {"hidden"}
    panel = selectors.engagement_panel(target=target, user=resident, next_url="/")
    assert panel.visible_comment_count == 0
    counted = selectors.with_engagement_counts(Department.objects.filter(pk=target.pk)).get()
    assert counted.comment_count == 0  # type: ignore[attr-defined]


def test_it_keeps_reported_content_and_hides_registered_objects(
    resident: User, secretariat: User, target: Department
) -> None:
    kept = services.content_report(reporter=resident, target=target, reason="Spam?")
    services.report_resolve(report=kept, actor=secretariat, action="keep")
    assert hidden_objects == []
    hidden = services.content_report(reporter=resident, target=target, reason="Spam!")
    services.report_resolve(report=hidden, actor=secretariat, action="hide")
    assert hidden_objects == [target.pk]
    assert list(Report.objects.order_by("pk").values_list("status", flat=True)) == [
        "kept",
        "hidden",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_moderation_queue_to_the_secretariat_only(
    client: Client, user_with_role, role, target: Department
) -> None:
    author = User.objects.create_user(email="forfatter@example.dk", name="F")
    comment = services.comment_add(author=author, target=target, body="Tekst")
    report = services.content_report(reporter=author, target=comment, reason="Stødende")
    _login(client, user_with_role, role)
    queue = client.get(reverse("engagement:index"))
    resolve = client.post(reverse("engagement:resolve", args=[report.pk]), {"action": "hide"})
    if role is None:
        assert (queue.status_code, resolve.status_code) == (302, 302)
    elif role in {"secretariat", "administrator"}:
        assert (queue.status_code, resolve.status_code) == (200, 302)
    else:
        assert (queue.status_code, resolve.status_code) == (403, 403)
    comment.refresh_from_db()
    assert comment.is_hidden == (role in {"secretariat", "administrator"})


def test_it_counts_for_many_objects_in_one_query(
    resident: User, employee: User, django_assert_num_queries
) -> None:
    departments = list(Department.objects.all()[:5])
    services.support_toggle(user=resident, target=departments[0])
    services.support_toggle(user=employee, target=departments[0])
    services.comment_add(author=resident, target=departments[1], body="Hej")
    with django_assert_num_queries(1):
        rows = list(
            selectors.with_engagement_counts(
                Department.objects.filter(pk__in=[d.pk for d in departments])
            )
        )
    counts = {d.pk: (d.support_count, d.comment_count) for d in rows}  # type: ignore[attr-defined]
    assert counts[departments[0].pk] == (2, 0)
    assert counts[departments[1].pk] == (0, 1)
    with django_assert_num_queries(1):
        assert selectors.comment_counts(departments)[departments[1].pk] == 1


def test_it_builds_the_panel_in_a_fixed_number_of_queries(
    resident: User, target: Department, django_assert_max_num_queries
) -> None:
    for number in range(10):
        services.comment_add(author=resident, target=target, body=f"Kommentar {number}")
    # Two more: whether the user follows it, and the organisations they may comment for.
    with django_assert_max_num_queries(7):
        panel = selectors.engagement_panel(target=target, user=resident, next_url="/")
        names = [comment.author.get_short_name() for comment in panel.comments]
    assert len(names) == 10


def test_it_exports_the_persons_support_and_comments(resident: User, target: Department) -> None:
    services.support_toggle(user=resident, target=target)
    services.comment_add(author=resident, target=target, body="Godt forslag!")
    data = personal_data(user=resident)["sections"]["engagement"]
    assert data["supports"] == [
        {"target": f"core.department:{target.pk}", "at": data["supports"][0]["at"]}
    ]
    assert [c["comment"] for c in data["comments"]] == ["Godt forslag!"]


def test_it_shows_replies_one_level_deep_under_their_comment(
    client: Client, resident: User, target: Department
) -> None:
    first = services.comment_add(author=resident, target=target, body="Første kommentar")
    client.force_login(resident)
    url = reverse("engagement:comment", args=["core.department", target.pk])
    client.post(url, {"body": "Et svar", "parent": first.pk, "next": "/"})
    reply = Comment.objects.get(body="Et svar")
    assert reply.parent == first
    # A reply to a reply is refused, with the text kept.
    response = client.post(url, {"body": "Svar på svar", "parent": reply.pk, "next": "/"})
    assert response.status_code == 400 and "Svar på svar" in response.content.decode()
    assert not Comment.objects.filter(body="Svar på svar").exists()
    panel = selectors.engagement_panel(target=target, user=resident, next_url="/")
    replies = {c.body: [r.body for r in c.reply_list] for c in panel.threads}  # type: ignore[attr-defined]
    assert replies == {"Første kommentar": ["Et svar"]}


def test_it_refuses_a_reply_to_a_comment_on_another_object(
    resident: User, target: Department
) -> None:
    other = Department.objects.exclude(pk=target.pk).first()
    assert other is not None
    elsewhere = services.comment_add(author=resident, target=other, body="Andetsteds")
    with pytest.raises(ValidationError):
        services.comment_add(author=resident, target=target, body="Svar", parent=elsewhere)
