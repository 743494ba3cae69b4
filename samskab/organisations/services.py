"""Every write about organisations, memberships and invitations (one transaction each)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.core.audit import audit_record
from samskab.core.models import Area
from samskab.core.notifications import notify
from samskab.organisations.models import Invitation, Kind, MemberRole, Membership, Organisation

INVITATION_SALT = "samskab.organisations.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 30  # an invitation link works for 30 days


@dataclass(frozen=True)
class OrganisationData:
    name: str
    kind: str
    description: str = ""
    area: Area | None = None
    website: str = ""


def _organisation_save(organisation: Organisation, data: OrganisationData) -> Organisation:
    errors = {}
    if not data.name.strip():
        errors["name"] = _("This field is required.")
    if data.kind not in Kind.values:
        errors["kind"] = _("Choose a kind of organisation.")
    if errors:
        raise ValidationError(errors)
    organisation.name = data.name.strip()
    organisation.kind = data.kind
    organisation.description = data.description.strip()
    organisation.area = data.area
    organisation.website = data.website.strip()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_create(*, actor: User, data: OrganisationData) -> Organisation:
    """Create an organisation; ``actor`` becomes its first administrator."""
    organisation = _organisation_save(Organisation(created_by=actor), data)
    Membership.objects.create(organisation=organisation, user=actor, role=MemberRole.ADMIN)
    audit_record(actor=actor, action="organisation_create", obj=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor: User, data: OrganisationData
) -> Organisation:
    organisation = _organisation_save(organisation, data)
    audit_record(actor=actor, action="organisation_update", obj=organisation)
    return organisation


def invitation_token(invitation: Invitation) -> str:
    """The signed token in the invitation link (it proves the e-mail reached its reader)."""
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The pending invitation a link points to, or None (forged, expired or answered)."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.filter(pk=pk, status=Invitation.Status.PENDING)
        .select_related("organisation", "invited_by")
        .first()
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, actor: User, email: str, role: str = MemberRole.MEMBER
) -> Invitation:
    """Invite the person with ``email``; they get an e-mail with a signed link and also see
    the invitation on the site when logged in with that address."""
    email = email.strip().lower()
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=email, left_at__isnull=True
    ).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    if Invitation.objects.filter(
        organisation=organisation, email__iexact=email, status=Invitation.Status.PENDING
    ).exists():
        raise ValidationError({"email": _("This person has already been invited.")})
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=actor
    )
    audit_record(actor=actor, action="organisation_invite", obj=organisation, detail={"role": role})

    class Recipient:
        # The invitee may have no account yet: the e-mail goes to the address itself.
        def __init__(self, address: str) -> None:
            self.email = address
            self.email_notifications = True

    link = reverse("organisations:invitation", args=[invitation_token(invitation)])
    notify(
        recipient=Recipient(email),
        subject=gettext_lazy("You are invited to join %(name)s") % {"name": organisation.name},
        template="organisations/email/invitation.txt",
        context={"invitation": invitation, "organisation": organisation, "link": link},
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, actor: User) -> Invitation:
    invitation.status = Invitation.Status.WITHDRAWN
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """``user`` accepts: they become a member with the invited role."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("This invitation is no longer open."))
    membership = Membership.objects.filter(
        organisation_id=invitation.organisation_id, user=user, left_at__isnull=True
    ).first()
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    organisation_id=invitation.organisation_id, user=user, role=invitation.role
                )
        except IntegrityError as error:  # a second tab accepted at the same moment
            raise ValidationError(_("You are already a member.")) from error
    invitation.status = Invitation.Status.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    audit_record(actor=user, action="organisation_join", obj=invitation.organisation)
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> Invitation:
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


def _other_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            organisation_id=membership.organisation_id,
            role=MemberRole.ADMIN,
            left_at__isnull=True,
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _others(membership: Membership) -> bool:
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id, left_at__isnull=True)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_end(*, membership: Membership, actor: User) -> Membership:
    """End a membership (the member leaves, or an administrator removes them).

    The row stays with ``left_at`` set, so the organisation's history keeps who took part
    when. The last administrator cannot leave while others are still members: they must
    first make another member an administrator.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_at is not None:
        return membership
    last_admin = membership.role == MemberRole.ADMIN and not _other_admins(membership)
    if last_admin and _others(membership):
        raise ValidationError(
            _("Make another member an administrator before the last administrator leaves.")
        )
    membership.left_at = timezone.now()
    membership.save(update_fields=["left_at"])
    audit_record(
        actor=actor,
        action="organisation_leave" if actor.pk == membership.user_id else "organisation_remove",
        obj=membership.organisation,
    )
    return membership


@transaction.atomic
def membership_role_set(*, membership: Membership, actor: User, role: str) -> Membership:
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if membership.left_at is not None:
        raise PermissionDenied
    demoted = role == MemberRole.MEMBER and membership.role == MemberRole.ADMIN
    if demoted and not _other_admins(membership):
        raise ValidationError(_("An organisation needs at least one administrator."))
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=actor, action="organisation_role", obj=membership.organisation, detail={"role": role}
    )
    return membership
