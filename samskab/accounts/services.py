"""Writes to users. Every change goes through one of these functions."""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from samskab.accounts import privacy
from samskab.accounts.identity import cpr_birth_date, person_key_from_cpr
from samskab.accounts.models import Role, User
from samskab.accounts.oidc import LoginFailed, ResidentIdentity, StaffIdentity
from samskab.accounts.selectors import personal_data
from samskab.core.audit import audit_record
from samskab.core.jobs import each_item
from samskab.core.models import Area, AuditEvent, Department

logger = logging.getLogger(__name__)

# Residents from MitID without an e-mail address get an address that can never receive
# mail (.invalid is reserved), because the e-mail address is the account's username.
NO_EMAIL_DOMAIN = "mitid.invalid"
ERASED_EMAIL_DOMAIN = "slettet.invalid"


@transaction.atomic
def user_create(
    *,
    email: str,
    name: str,
    role: str = Role.RESIDENT,
    password: str | None = None,
    is_verified: bool = False,
    department: Department | None = None,
    area: Area | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
    cpr: str | None = None,
    is_municipal_resident: bool = False,
) -> User:
    """Create a local account. Without a password the account cannot log in locally.

    With ``cpr`` the person key and birth date are derived from it; the CPR number itself
    is not stored.
    """
    identity: dict[str, object] = {}
    if cpr:
        identity = {"person_key": person_key_from_cpr(cpr), "birth_date": cpr_birth_date(cpr)}
    return User.objects.create_user(
        email=email,
        password=password,
        name=name,
        role=role,
        is_verified=is_verified,
        department=department,
        area=area,
        is_staff=is_staff,
        is_superuser=is_superuser,
        is_municipal_resident=is_municipal_resident,
        **identity,
    )


@transaction.atomic
def user_update_preferences(*, user: User, email_notifications: bool) -> User:
    user.email_notifications = email_notifications
    user.save(update_fields=["email_notifications"])
    return user


def personal_data_export(*, user: User) -> dict[str, Any]:
    """The person's data for download; the access is recorded in the audit log."""
    data = personal_data(user=user)
    audit_record(actor=user, action="privacy_export", obj=user)
    return data


def _unused_email(email: str, *, exclude: User | None = None) -> bool:
    taken = User.objects.filter(email=email)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    return bool(email) and "@" in email and not taken.exists()


@transaction.atomic
def resident_login(*, identity: ResidentIdentity) -> User:
    """The account of the person who logged in with MitID, created at the first login.

    The person is found by their person key, so an account made earlier (at the citizen
    service desk, or by the demo) is the same account. Birth date, name, residency and the
    local area (never the address) are refreshed from every login.
    """
    user = User.objects.select_for_update().filter(person_key=identity.person_key).first()
    if user is None:
        email = identity.email
        if not _unused_email(email):
            email = f"borger-{uuid.uuid4().hex[:16]}@{NO_EMAIL_DOMAIN}"
        user = User.objects.create_user(
            email=email,
            password=None,
            name=identity.name,
            role=Role.RESIDENT,
            person_key=identity.person_key,
            email_notifications=not email.endswith(f"@{NO_EMAIL_DOMAIN}"),
        )
    if not user.is_active:
        raise LoginFailed("inactive")
    user.is_verified = True
    user.birth_date = identity.birth_date
    user.is_municipal_resident = identity.is_municipal_resident
    # The area follows the address at every login; someone who moved away loses it.
    user.area = identity.area if identity.is_municipal_resident else None
    if identity.name:
        user.name = identity.name
    user.save(update_fields=["is_verified", "birth_date", "is_municipal_resident", "area", "name"])
    return user


def _linkable_by_email(user: User) -> bool:
    """A local staff account made before single sign-on, which a verified e-mail claim may
    link: never a resident's account (or one with a person key), a superuser's, a
    deactivated one, or one already linked to a work account."""
    return (
        user.is_active
        and not user.is_superuser
        and user.role != Role.RESIDENT
        and not user.person_key
        and not user.staff_subject
    )


@transaction.atomic
def staff_login(*, identity: StaffIdentity) -> User:
    """The account of the employee who logged in with their work account.

    Found by the provider's (issuer, subject) only. At the first login, a local staff
    account made before single sign-on is linked when the provider vouches for the e-mail
    address (``email_verified``) and the account may be linked (``_linkable_by_email``);
    otherwise an account is created, unless the address belongs to another account. Every
    link is in the audit log. The role follows the person's groups at every login, except
    for superusers (managed locally) and resident accounts (never made staff by a claim).
    """
    user = User.objects.select_for_update().filter(staff_subject=identity.subject).first()
    if user is None:
        user = _staff_link(identity)
    if not user.is_active:
        raise LoginFailed("inactive")
    if identity.name:
        user.name = identity.name
    if not user.is_superuser and user.role != Role.RESIDENT:
        user.role = identity.role
    user.save(update_fields=["name", "role"])
    return user


def _staff_link(identity: StaffIdentity) -> User:
    """Link or create the account for a subject seen for the first time."""
    taken = User.objects.select_for_update().filter(email__iexact=identity.email).first()
    if taken is None:
        user = User.objects.create_user(
            email=identity.email,
            password=None,
            name=identity.name,
            role=identity.role,
            staff_subject=identity.subject,
        )
        how = "created"
    elif identity.email_verified and _linkable_by_email(taken):
        user = taken
        user.staff_subject = identity.subject
        user.save(update_fields=["staff_subject"])
        how = "verified_email"
    else:
        # Only the fact, never the claims: the address may name someone else.
        logger.warning("staff login failed: account_taken (e-mail of an unlinkable account)")
        raise LoginFailed("account_taken")
    audit_record(
        actor=user, action="staff_sso_link", obj=user, detail={"issuer": identity.issuer, "by": how}
    )
    return user


@transaction.atomic
def account_erase(*, user: User, reason: str = "request") -> User:
    """Erase a person's personal data and keep their contributions, anonymised.

    Every app's privacy handler runs first (see samskab/accounts/privacy.py); then the
    account loses name, e-mail, person key, birth date, home area, second factors and
    login records, and can never log in again. The row itself stays, so contributions
    keep pointing to it and show "Deleted user".
    """
    if user.erased_at is not None:
        return user
    old_email = user.email
    for handler in privacy.handlers():
        if handler.erase is not None:
            handler.erase(user)
    audit_record(
        actor=user if reason == "request" else None,
        action="privacy_erase",
        obj=user,
        detail={"reason": reason},
    )
    user.name = ""
    user.email = f"slettet-{user.pk}@{ERASED_EMAIL_DOMAIN}"
    user.person_key = None
    user.staff_subject = None
    user.birth_date = None
    user.is_municipal_resident = False
    user.is_verified = False
    user.area = None
    user.department = None
    user.email_notifications = False
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=old_email).delete()
    return user


def privacy_retention_run(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete what has passed its retention period; returns what was deleted, by kind.

    - residents' accounts that were never verified and have not been used for
      ``PRIVACY_UNVERIFIED_ACCOUNT_DAYS`` are erased (contributions stay, anonymised);
    - audit events older than ``PRIVACY_AUDIT_EVENT_DAYS``;
    - login records (attempts, lockouts) older than ``PRIVACY_LOGIN_LOG_DAYS``;
    - whatever other apps' retention jobs delete (privacy.register(retention=...)).

    Each account is erased in its own transaction, so one failure does not stop the rest.
    """
    now = now or timezone.now()
    done: dict[str, int] = {}
    account_cutoff = now - datetime.timedelta(days=settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS)
    stale = (
        User.objects.filter(
            role=Role.RESIDENT,
            is_verified=False,
            is_staff=False,
            is_superuser=False,
            erased_at__isnull=True,
            date_joined__lt=account_cutoff,
        )
        .exclude(last_login__gte=account_cutoff)
        .order_by("pk")
    )

    def erase(user: User) -> bool:
        account_erase(user=user, reason="retention")
        return True

    done["unverified_accounts"] = each_item(
        "privacy_retention (unverified accounts)", list(stale), erase
    ).done
    audit_cutoff = now - datetime.timedelta(days=settings.PRIVACY_AUDIT_EVENT_DAYS)
    done["audit_events"] = AuditEvent.objects.filter(at__lt=audit_cutoff).delete()[0]
    login_cutoff = now - datetime.timedelta(days=settings.PRIVACY_LOGIN_LOG_DAYS)
    done["login_records"] = sum(
        model.objects.filter(attempt_time__lt=login_cutoff).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )
    for handler in privacy.handlers():
        if handler.retention is not None:
            try:
                with transaction.atomic():
                    done[handler.name] = handler.retention(now)
            except Exception:
                # One app's broken retention must not keep the others' data past its time.
                logger.exception("privacy_retention: %s failed; carrying on", handler.name)
                done[handler.name] = 0
    logger.info("Privacy retention: %s", done)
    return done


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for ``user`` (replacing an unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


def totp_device_confirm(*, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm a new authenticator with a code from it; ValidationError for a wrong code.

    The check itself is outside the transaction: django-otp records failed checks (and
    slows down guessing) and that record must survive the error.
    """
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError(
            _("The code is not correct. Check the time on your phone and try again."),
            code="invalid",
        )
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=device.user, action="two_factor_enabled", obj=device.user)
    return device
