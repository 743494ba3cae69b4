"""Followers of a proposal hear about its status: routed to vetting, decided (with the public
reason), sent back to vetting, merged, and its project's status. Each follower gets one
e-mail, after the commit; the author (told in their own e-mail) and whoever made the change
get none from following."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.budgets import services, services_results
from samskab.budgets.models import Implementation, ProposalStatus
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Department
from samskab.follows.models import Follow
from samskab.follows.services import follow_add

pytestmark = pytest.mark.django_db


def _follower_mails(user: User) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [user.email]]


def _vet(proposal, actor: User, decision: str, reason: str = "Kan lade sig gøre.") -> None:
    services.proposal_vet(
        actor=actor,
        proposal=proposal,
        legal_feasibility="yes",
        technical_feasibility="yes",
        assessment="",
        investment_cost=100_000,
        running_cost=None,
        decision=decision,
        public_reason=reason,
    )


def test_it_tells_followers_once_when_a_proposal_is_routed_and_decided(
    resident: User, secretariat: User, django_capture_on_commit_callbacks
) -> None:
    proposal = make_proposal(make_process(phase="vetting"), accepted=False)
    follow_add(user=resident, target=proposal)
    follow_add(user=secretariat, target=proposal)  # the one who acts hears nothing
    follow_add(user=proposal.author, target=proposal)
    department = Department.objects.order_by("pk").first()
    assert department is not None
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        services.proposal_route(actor=secretariat, proposal=proposal, department=department)
    routed = _follower_mails(resident)
    assert len(routed) == 1
    assert "Forslaget er nu: Under vurdering" in routed[0].body
    assert routed[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not _follower_mails(secretariat)
    # The author gets their own e-mail, not a second one from following.
    assert len(_follower_mails(proposal.author)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        _vet(proposal, secretariat, "accepted", "Passer ind i budgettet.")
    decided = _follower_mails(resident)
    assert len(decided) == 1
    assert "Passer ind i budgettet." in decided[0].body
    assert "Nyt om forslaget" in decided[0].subject


def test_it_sends_nothing_while_the_vetting_is_pending_or_when_the_change_is_undone(
    resident: User, secretariat: User, django_capture_on_commit_callbacks
) -> None:
    proposal = make_proposal(make_process(phase="vetting"), accepted=False)
    follow_add(user=resident, target=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        _vet(proposal, secretariat, "pending", "")
    assert not _follower_mails(resident)

    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        with pytest.raises(Undo), transaction.atomic():
            _vet(proposal, secretariat, "rejected", "For dyrt.")
            raise Undo
    assert not _follower_mails(resident)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IN_VETTING  # the rejection was undone


def test_it_makes_the_author_follow_a_new_proposal() -> None:
    process = make_process(phase="proposals")
    author = UserFactory.create(role=Role.RESIDENT)
    data = services.ProposalInput(
        title="Bænke ved åen",
        description="Flere bænke.",
        budget_area=process.areas.all()[0],
        category="nature",
        carried_out_by="municipality",
        carried_out_by_name="",
        cost_lines=[("Bænke", 40_000)],
    )
    proposal = services.proposal_submit(author=author, process=process, data=data)
    assert Follow.objects.get(user=author).target == proposal


def test_it_tells_followers_when_the_project_s_status_changes(
    resident: User, secretariat: User, django_capture_on_commit_callbacks
) -> None:
    proposal = make_proposal(make_process(phase="implementation"))
    implementation = Implementation.objects.create(proposal=proposal, amount_granted=100_000)
    follow_add(user=resident, target=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        services_results.implementation_save(
            actor=secretariat,
            implementation=implementation,
            citizen_group="",
            contact=None,
            amount_granted=100_000,
            amount_spent=0,
            status="under_way",
            cancel_reason="",
        )
    told = _follower_mails(resident)
    assert len(told) == 1
    assert "Projektets status er nu" in told[0].body
