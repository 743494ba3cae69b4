"""A winning proposal's project: the group's workspace, expenses with receipts, payouts the
contact approves or returns, the public page (amounts, never receipts), and a permission
test for every view and role."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.budgets.models import Implementation, Proposal
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.organisations import selectors as organisation_selectors
from samskab.organisations.tests.factories import add_member
from samskab.projects import services
from samskab.projects.models import Expense, Payout, Project
from samskab.projects.privacy import projects_export

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def receipt(content: bytes = PDF, name: str = "kvittering.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def contact() -> User:
    return UserFactory.create(role=Role.EMPLOYEE, name="Kontakt Person")


@pytest.fixture
def proposal(contact: User) -> Proposal:
    process = make_process(phase="implementation")
    proposal = make_proposal(process, title="Shelter ved stranden", author=UserFactory.create())
    Implementation.objects.create(proposal=proposal, contact=contact, amount_granted=100_000)
    return proposal


@pytest.fixture
def project(proposal: Proposal) -> Project:
    return services.project_start(proposal=proposal, actor=proposal.author)


def urls(proposal: Proposal, name: str, *extra: int) -> str:
    return reverse(f"projects:{name}", args=[proposal.process.slug, proposal.pk, *extra])


def test_it_makes_the_proposer_admin_of_a_new_citizen_group(
    proposal: Proposal, project: Project
) -> None:
    assert organisation_selectors.is_admin(organisation=project.group, user=proposal.author)
    assert services.project_start(proposal=proposal, actor=proposal.author) == project


def test_it_runs_a_payout_from_expense_to_approval(
    client: Client, proposal: Proposal, project: Project, contact: User
) -> None:
    client.force_login(proposal.author)
    response = client.post(
        urls(proposal, "expense_add"),
        {
            "description": "Træ og skruer",
            "amount": "12500",
            "spent_on": timezone.localdate().isoformat(),
            "receipt": receipt(),
        },
    )
    assert response.status_code == 302
    client.post(urls(proposal, "payout_request"))
    payout = Payout.objects.get()
    assert payout.amount == 12_500
    client.force_login(contact)
    client.post(urls(proposal, "payout_decide", payout.pk), {"decision": "approve"})
    payout.refresh_from_db()
    assert payout.status == Payout.Status.APPROVED
    assert Implementation.objects.get().amount_spent == 12_500
    # The public sees the amounts, not the receipts.
    client.logout()
    page = client.get(urls(proposal, "detail")).content.decode()
    assert "12.500\xa0kr." in page
    assert "100.000\xa0kr." in page
    assert "kvittering" not in page


def test_it_returns_a_payout_with_a_reason_and_lets_the_group_ask_again(
    proposal: Proposal, project: Project, contact: User
) -> None:
    services.expense_add(
        project=project,
        actor=proposal.author,
        description="Maling",
        amount=800,
        spent_on=timezone.localdate(),
        receipt=receipt(),
    )
    payout = services.payout_request(project=project, actor=proposal.author)
    with pytest.raises(ValidationError):
        services.payout_decide(payout=payout, actor=contact, approve=False, reason=" ")
    services.payout_decide(payout=payout, actor=contact, approve=False, reason="Mangler moms")
    payout.refresh_from_db()
    assert payout.status == Payout.Status.RETURNED
    assert payout.reason == "Mangler moms"
    again = services.payout_request(project=project, actor=proposal.author)
    assert again.amount == 800
    with pytest.raises(ValidationError):
        services.payout_decide(payout=payout, actor=contact, approve=True)


def test_it_refuses_a_payout_without_expenses(proposal: Proposal, project: Project) -> None:
    with pytest.raises(ValidationError):
        services.payout_request(project=project, actor=proposal.author)


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"MZ\x90\x00 not a receipt", "kvittering.pdf"), (b"<html>hej</html>", "k.png")],
)
def test_it_refuses_a_receipt_that_is_not_a_pdf_or_image_and_keeps_the_input(
    client: Client, proposal: Proposal, project: Project, content: bytes, name: str
) -> None:
    client.force_login(proposal.author)
    response = client.post(
        urls(proposal, "expense_add"),
        {
            "description": "Træ og skruer",
            "amount": "12500",
            "spent_on": timezone.localdate().isoformat(),
            "receipt": receipt(content, name),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Træ og skruer" in page
    assert "PDF, JPEG, PNG" in page
    assert not Expense.objects.exists()


def test_it_refuses_a_future_date(proposal: Proposal, project: Project) -> None:
    with pytest.raises(ValidationError):
        services.expense_add(
            project=project,
            actor=proposal.author,
            description="Maling",
            amount=800,
            spent_on=timezone.localdate() + datetime.timedelta(days=3),
            receipt=receipt(),
        )


def test_it_lets_an_invited_member_work_in_the_workspace(
    client: Client, proposal: Proposal, project: Project
) -> None:
    invited = add_member(project.group)
    client.force_login(invited)
    assert client.get(urls(proposal, "workspace")).status_code == 200


def test_it_exports_the_person_s_expenses(proposal: Proposal, project: Project) -> None:
    services.expense_add(
        project=project,
        actor=proposal.author,
        description="Maling",
        amount=800,
        spent_on=timezone.localdate(),
        receipt=receipt(),
    )
    exported = projects_export(proposal.author)
    assert exported["expenses"][0]["amount"] == 800


# --- permission table ---------------------------------------------------------------------

ANONYMOUS, OUTSIDER, MEMBER, CONTACT, SECRETARIAT = (
    "anonymous",
    "outsider",
    "member",
    "contact",
    "secretariat",
)


@pytest.fixture
def as_role(
    client: Client,
    project: Project,
    contact: User,
    user_with_role: Callable[[str | None], User | None],
) -> Callable[[str], Client]:
    def login(who: str) -> Client:
        user = {
            ANONYMOUS: lambda: None,
            OUTSIDER: lambda: user_with_role(Role.RESIDENT),
            MEMBER: lambda: add_member(project.group),
            CONTACT: lambda: contact,
            SECRETARIAT: lambda: user_with_role(Role.SECRETARIAT),
        }[who]()
        if user is not None:
            client.force_login(user)
        return client

    return login


def _status(response: Any) -> int:
    if response.status_code == 302 and "/konto/" in response["Location"]:
        return 401
    return int(response.status_code)


@pytest.mark.parametrize("who", [ANONYMOUS, OUTSIDER, MEMBER, CONTACT, SECRETARIAT])
def test_it_shows_the_public_page_to_everyone(
    as_role: Callable[[str], Client], proposal: Proposal, who: str
) -> None:
    assert as_role(who).get(urls(proposal, "detail")).status_code == 200


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 200), (CONTACT, 200), (SECRETARIAT, 200)],
)
def test_it_shows_the_workspace_and_receipts_to_the_group_and_the_municipality(
    as_role: Callable[[str], Client],
    proposal: Proposal,
    project: Project,
    who: str,
    expected: int,
) -> None:
    expense = services.expense_add(
        project=project,
        actor=proposal.author,
        description="Maling",
        amount=800,
        spent_on=timezone.localdate(),
        receipt=receipt(),
    )
    client = as_role(who)
    assert _status(client.get(urls(proposal, "workspace"))) == expected
    assert _status(client.get(urls(proposal, "receipt", expense.pk))) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 302), (CONTACT, 403), (SECRETARIAT, 403)],
)
def test_it_lets_only_the_group_add_expenses_and_request_payouts(
    as_role: Callable[[str], Client], proposal: Proposal, who: str, expected: int
) -> None:
    client = as_role(who)
    data = {
        "description": "Maling",
        "amount": "800",
        "spent_on": timezone.localdate().isoformat(),
        "receipt": receipt(),
    }
    assert _status(client.post(urls(proposal, "expense_add"), data)) == expected
    assert _status(client.post(urls(proposal, "payout_request"))) == expected
    assert Payout.objects.exists() is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 403), (CONTACT, 302), (SECRETARIAT, 302)],
)
def test_it_lets_only_the_contact_and_the_secretariat_decide_payouts(
    as_role: Callable[[str], Client],
    proposal: Proposal,
    project: Project,
    who: str,
    expected: int,
) -> None:
    services.expense_add(
        project=project,
        actor=proposal.author,
        description="Maling",
        amount=800,
        spent_on=timezone.localdate(),
        receipt=receipt(),
    )
    payout = services.payout_request(project=project, actor=proposal.author)
    client = as_role(who)
    url = urls(proposal, "payout_decide", payout.pk)
    assert _status(client.post(url, {"decision": "approve"})) == expected
    payout.refresh_from_db()
    assert (payout.status == Payout.Status.APPROVED) is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), ("proposer", 302), (CONTACT, 302), (SECRETARIAT, 302)],
)
def test_it_lets_the_proposer_contact_and_secretariat_open_the_workspace(
    client: Client,
    proposal: Proposal,
    contact: User,
    user_with_role: Callable[[str | None], User | None],
    who: str,
    expected: int,
) -> None:
    user = {
        ANONYMOUS: None,
        OUTSIDER: user_with_role(Role.RESIDENT),
        "proposer": proposal.author,
        CONTACT: contact,
        SECRETARIAT: user_with_role(Role.SECRETARIAT),
    }[who]
    if user is not None:
        client.force_login(user)
    assert _status(client.post(urls(proposal, "start"))) == expected
    assert Project.objects.exists() is (expected == 302)


# --- handover, limits and reminders -------------------------------------------------------


def test_it_marks_a_project_done_only_after_the_handover(
    client: Client, proposal: Proposal, project: Project, contact: User
) -> None:
    with pytest.raises(ValidationError):
        services.project_complete(project=project, actor=contact)
    client.force_login(proposal.author)
    response = client.post(
        urls(proposal, "handover"), {"taken_over_by": "association", "party": "", "agreement": "x"}
    )
    assert response.status_code == 400  # an association needs its name; input kept
    assert "x</textarea>" in response.content.decode()
    client.post(
        urls(proposal, "handover"),
        {
            "taken_over_by": "association",
            "party": "Korsør Strandforening",
            "agreement": "Foreningen passer shelteret og betaler nyt tagpap.",
        },
    )
    client.force_login(contact)
    client.post(urls(proposal, "complete"))
    assert Implementation.objects.get().status == "done"


def test_it_reminds_the_group_and_the_contact_once_before_each_limit(
    proposal: Proposal, project: Project, contact: User, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from samskab.projects.deadlines import limits_for

    limits = limits_for(proposal.process)
    before = limits.start_by - datetime.timedelta(days=40)
    assert services.project_reminders_send(today=before) == 0
    near = limits.start_by - datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.project_reminders_send(today=near) == 1
        assert services.project_reminders_send(today=near) == 0
    recipients = {message.to[0] for message in mail.outbox}
    assert recipients == {proposal.author.email, contact.email}


def test_it_lists_overdue_projects_for_the_secretariat(
    client: Client,
    proposal: Proposal,
    project: Project,
    user_with_role: Callable[[str | None], User | None],
) -> None:
    from samskab.projects.models import ProjectRules

    process = proposal.process
    process.implementation_start = timezone.localdate() - datetime.timedelta(days=400)
    process.save(update_fields=["implementation_start"])
    ProjectRules.objects.create(process=process, start_within_months=1, finish_within_months=24)
    url = reverse("projects:overdue", args=[process.slug])
    client.force_login(proposal.author)
    assert client.get(url).status_code == 403
    secretariat = user_with_role(Role.SECRETARIAT)
    assert secretariat is not None
    client.force_login(secretariat)
    page = client.get(url).content.decode()
    assert "Shelter ved stranden" in page
    Implementation.objects.update(status="under_way")
    assert "Shelter ved stranden" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 302), (CONTACT, 302), (SECRETARIAT, 302)],
)
def test_it_lets_the_group_plan_milestones_and_post_updates(
    as_role: Callable[[str], Client], proposal: Proposal, who: str, expected: int
) -> None:
    from samskab.budgets.models import ImplementationUpdate, Milestone

    client = as_role(who)
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        reverse("budgets:milestone_add", args=[proposal.pk]), {"title": "Tag på", "due": due}
    )
    assert _status(response) == expected
    assert Milestone.objects.exists() is (expected == 302)
    response = client.post(
        reverse("budgets:update_post", args=[proposal.pk]), {"body": "Fundamentet er støbt."}
    )
    assert _status(response) == expected
    assert ImplementationUpdate.objects.exists() is (expected == 302)


# --- tasks and volunteers -----------------------------------------------------------------


def test_it_gives_tasks_to_members_only(proposal: Proposal, project: Project) -> None:
    with pytest.raises(ValidationError):
        services.task_add(
            project=project,
            actor=proposal.author,
            title="Hent træ",
            owner=UserFactory.create(),
            due=None,
        )
    task = services.task_add(
        project=project, actor=proposal.author, title="Hent træ", owner=proposal.author, due=None
    )
    assert services.task_done(task=task, actor=proposal.author).done_at is not None


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 403), (MEMBER, 302), (CONTACT, 403), (SECRETARIAT, 403)],
)
def test_it_lets_only_the_group_manage_tasks(
    as_role: Callable[[str], Client],
    proposal: Proposal,
    project: Project,
    who: str,
    expected: int,
) -> None:
    from samskab.projects.models import Task

    task = Task.objects.create(project=project, title="Mal bænkene")
    client = as_role(who)
    assert _status(client.post(urls(proposal, "task_add"), {"title": "Hent træ"})) == expected
    assert _status(client.post(urls(proposal, "task_done", task.pk))) == expected
    assert Task.objects.filter(title="Hent træ").exists() is (expected == 302)


@pytest.mark.parametrize(
    ("who", "expected"),
    [(ANONYMOUS, 401), (OUTSIDER, 302), (MEMBER, 302), (CONTACT, 302), (SECRETARIAT, 302)],
)
def test_it_lets_anyone_logged_in_volunteer(
    as_role: Callable[[str], Client],
    proposal: Proposal,
    project: Project,
    who: str,
    expected: int,
) -> None:
    from samskab.projects.models import Volunteer

    client = as_role(who)
    response = client.post(urls(proposal, "volunteer"), {"note": "Jeg kan male"})
    assert _status(response) == expected
    assert Volunteer.objects.filter(note="Jeg kan male").exists() is (expected == 302)


def test_it_forgets_volunteering_on_erasure(
    proposal: Proposal, project: Project, resident: User
) -> None:
    from samskab.projects.models import Volunteer
    from samskab.projects.privacy import projects_erase

    services.volunteer_sign_up(project=project, user=resident, note="Maler")
    assert projects_export(resident)["volunteering"][0]["note"] == "Maler"
    projects_erase(resident)
    assert not Volunteer.objects.exists()
