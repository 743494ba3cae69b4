"""Every write in a citizen project's workspace (one transaction each)."""

from __future__ import annotations

import datetime
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.budgets.models import Implementation, ImplementationStatus, Proposal
from samskab.core.audit import audit_record
from samskab.core.jobs import each_item
from samskab.core.notifications import notify
from samskab.organisations import services as organisation_services
from samskab.organisations.models import Kind, MemberRole, Membership
from samskab.projects import deadlines
from samskab.projects.models import (
    Document,
    Expense,
    Handover,
    Payout,
    Project,
    ProjectHandover,
    ProjectReminder,
    Task,
    Volunteer,
)
from samskab.projects.uploads import clean_document, download_name, stored_document_name


@transaction.atomic
def project_start(*, proposal: Proposal, actor: User) -> Project:
    """Open the workspace of a winning proposal.

    The group is the organisation the proposal was made on behalf of, or else a new citizen
    group with the proposer as its administrator, who then invites the others.
    """
    implementation = Implementation.objects.select_for_update().get(proposal=proposal)
    existing = Project.objects.filter(implementation=implementation).first()
    if existing is not None:
        return existing
    group = proposal.organisation
    if group is None:
        group = organisation_services.organisation_create(
            actor=proposal.author,
            data=organisation_services.OrganisationData(
                name=(_("Citizen group: %(title)s") % {"title": proposal.title})[:150],
                kind=Kind.CITIZEN_GROUP,
                area=proposal.budget_area.area,
            ),
        )
    project = Project.objects.create(implementation=implementation, group=group)
    audit_record(actor=actor, action="project_start", obj=project)
    return project


@transaction.atomic
def expense_add(
    *,
    project: Project,
    actor: User,
    description: str,
    amount: int,
    spent_on: datetime.date,
    receipt: UploadedFile,
) -> Expense:
    errors = {}
    if not description.strip():
        errors["description"] = _("Say what the money paid for.")
    if amount <= 0:
        errors["amount"] = _("Give an amount above 0 kr.")
    if spent_on > timezone.localdate():
        errors["spent_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    expense = Expense.objects.create(
        project=project,
        description=description.strip(),
        amount=amount,
        spent_on=spent_on,
        receipt=receipt,
        added_by=actor,
    )
    audit_record(actor=actor, action="expense_add", obj=project, detail={"amount": amount})
    return expense


def _group_admins(project: Project) -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id=project.group_id, role=MemberRole.ADMIN, left_at__isnull=True
        ).select_related("user")
    ]


@transaction.atomic
def payout_request(*, project: Project, actor: User) -> Payout:
    """Ask for the expenses not yet in a request to be paid out."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    open_expenses = Expense.objects.filter(project=project, payout__isnull=True)
    total = int(open_expenses.aggregate(total=Sum("amount"))["total"] or 0)
    if total == 0:
        raise ValidationError(_("Add expenses with receipts before you ask for a payout."))
    payout = Payout.objects.create(project=project, amount=total, requested_by=actor)
    open_expenses.update(payout=payout)
    audit_record(actor=actor, action="payout_request", obj=project, detail={"amount": total})
    implementation = project.implementation
    notify(
        recipient=implementation.contact,
        subject=gettext_lazy("A payout is requested for %(title)s")
        % {"title": implementation.proposal.title},
        template="projects/email/payout_requested.txt",
        context={"project": project, "payout": payout, "proposal": implementation.proposal},
    )
    return payout


@transaction.atomic
def payout_decide(*, payout: Payout, actor: User, approve: bool, reason: str = "") -> Payout:
    """The municipal contact approves a payout, or returns it with a reason; the returned
    expenses can be corrected and requested again."""
    payout = Payout.objects.select_for_update().select_related("project").get(pk=payout.pk)
    if payout.status != Payout.Status.REQUESTED:
        raise ValidationError(_("This payout request has already been decided."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the request is returned.")})
    payout.status = Payout.Status.APPROVED if approve else Payout.Status.RETURNED
    payout.reason = "" if approve else reason.strip()
    payout.decided_by = actor
    payout.decided_at = timezone.now()
    payout.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    project = payout.project
    if approve:
        implementation = Implementation.objects.select_for_update().get(
            pk=project.implementation_id
        )
        paid = Payout.objects.filter(project=project, status=Payout.Status.APPROVED).aggregate(
            total=Sum("amount")
        )["total"]
        implementation.amount_spent = int(paid or 0)
        if implementation.status == ImplementationStatus.PLANNED:
            implementation.status = ImplementationStatus.UNDER_WAY
        implementation.save(update_fields=["amount_spent", "status"])
    else:
        payout.expenses.update(payout=None)
    audit_record(
        actor=actor,
        action="payout_approve" if approve else "payout_return",
        obj=project,
        detail={"amount": payout.amount},
    )
    for admin in _group_admins(project):
        notify(
            recipient=admin,
            subject=cast(str, gettext_lazy("Your payout request has been answered")),
            template="projects/email/payout_decided.txt",
            context={"project": project, "payout": payout},
        )
    return payout


@transaction.atomic
def handover_record(
    *, project: Project, actor: User, taken_over_by: str, party: str, agreement: str
) -> ProjectHandover:
    """Record who takes over operation and maintenance, and what was agreed."""
    errors = {}
    if taken_over_by not in Handover.values:
        errors["taken_over_by"] = _("Choose who takes over.")
    if not agreement.strip():
        errors["agreement"] = _("Describe the agreement.")
    if taken_over_by == Handover.ASSOCIATION and not party.strip():
        errors["party"] = _("Give the association's name.")
    if errors:
        raise ValidationError(errors)
    handover, _created = ProjectHandover.objects.update_or_create(
        project=project,
        defaults={
            "taken_over_by": taken_over_by,
            "party": party.strip(),
            "agreement": agreement.strip(),
            "recorded_by": actor,
        },
    )
    audit_record(actor=actor, action="project_handover", obj=project)
    return handover


@transaction.atomic
def project_complete(*, project: Project, actor: User) -> Implementation:
    """Mark the project done: only once the handover is recorded."""
    if not ProjectHandover.objects.filter(project=project).exists():
        raise ValidationError(_("Record who takes over the project before it is marked done."))
    implementation = Implementation.objects.select_for_update().get(pk=project.implementation_id)
    implementation.status = ImplementationStatus.DONE
    implementation.save(update_fields=["status"])
    audit_record(actor=actor, action="project_complete", obj=project)
    return implementation


def project_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the group's administrators and the contact before each limit, once each.

    Each project on its own (``each_item``): one that fails is logged, the rest carry on."""
    today = today or timezone.localdate()
    candidates = list(
        Project.objects.exclude(
            implementation__status__in=[ImplementationStatus.DONE, ImplementationStatus.CANCELLED]
        ).values_list("pk", flat=True)
    )

    def remind(pk: int) -> bool:
        # Lock the project row only: PostgreSQL cannot lock the nullable side of a join.
        project = (
            Project.objects.select_for_update(of=("self",))
            .select_related("implementation__proposal__process", "implementation__contact")
            .get(pk=pk)
        )
        implementation = project.implementation
        limits = deadlines.limits_for(implementation.proposal.process)
        window = datetime.timedelta(days=limits.remind_days)
        due = []
        if not deadlines.is_started(implementation) and today + window >= limits.start_by:
            due.append((ProjectReminder.Kind.START, limits.start_by))
        if not deadlines.is_finished(implementation) and today + window >= limits.finish_by:
            due.append((ProjectReminder.Kind.FINISH, limits.finish_by))
        sent = False
        for kind, limit in due:
            _reminder, created = ProjectReminder.objects.get_or_create(project=project, kind=kind)
            if not created:
                continue
            for recipient in [*_group_admins(project), implementation.contact]:
                notify(
                    recipient=recipient,
                    subject=cast(str, gettext_lazy("A limit for your project is near")),
                    template="projects/email/reminder.txt",
                    context={"project": project, "kind": kind, "limit": limit},
                )
            sent = True
        return sent

    return each_item("project_reminders_send", candidates, remind).done


@transaction.atomic
def task_add(
    *, project: Project, actor: User, title: str, owner: User | None, due: datetime.date | None
) -> Task:
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    if (
        owner is not None
        and not Membership.objects.filter(
            organisation_id=project.group_id, user=owner, left_at__isnull=True
        ).exists()
    ):
        raise ValidationError({"owner": _("The owner must be a member of the group.")})
    return Task.objects.create(project=project, title=title.strip(), owner=owner, due=due)


@transaction.atomic
def task_done(*, task: Task, actor: User) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    return task


@transaction.atomic
def volunteer_sign_up(*, project: Project, user: User, note: str = "") -> Volunteer:
    volunteer, created = Volunteer.objects.get_or_create(
        project=project, user=user, defaults={"note": note.strip()[:300]}
    )
    if created:
        for admin in _group_admins(project):
            notify(
                recipient=admin,
                subject=cast(str, gettext_lazy("A volunteer has signed up")),
                template="projects/email/volunteer.txt",
                context={"project": project, "volunteer": volunteer},
            )
    return volunteer


@transaction.atomic
def volunteer_withdraw(*, project: Project, user: User) -> None:
    Volunteer.objects.filter(project=project, user=user).delete()


# --- documents ----------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *, project: Project, actor: User, title: str, file: UploadedFile, is_public: bool = False
) -> Document:
    """Add a document (checked by ``uploads.clean_document``) to the project, public or for
    the group and the municipality only. It is stored under a random name."""
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    clean_document(file)
    original = file.name or ""
    file.name = stored_document_name(original)
    document = Document.objects.create(
        project=project,
        title=title.strip(),
        file=file,
        name=download_name(original),
        size=file.size or 0,
        is_public=is_public,
        added_by=actor,
    )
    audit_record(actor=actor, action="document_add", obj=project, detail={"document": document.pk})
    return document


@transaction.atomic
def document_visibility_set(*, document: Document, actor: User, is_public: bool) -> Document:
    document.is_public = is_public
    document.save(update_fields=["is_public"])
    audit_record(
        actor=actor,
        action="document_public" if is_public else "document_group_only",
        obj=document.project,
        detail={"document": document.pk},
    )
    return document


@transaction.atomic
def document_delete(*, document: Document, actor: User) -> None:
    """Delete the document; its file is removed once the deletion is committed."""
    project = document.project
    stored = document.file
    pk = document.pk
    document.delete()
    audit_record(actor=actor, action="document_delete", obj=project, detail={"document": pk})
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
