"""Users of Samskab: residents, employees and the people who steer the work.

The e-mail address is the login for local accounts. Residents who log in with MitID are
identified by a keyed hash of their CPR number (never the number itself, see identity.py);
employees who log in with their work account by the provider's subject identifier.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")
    SECRETARIAT = "secretariat", _("Secretariat")
    COMMITTEE = "committee", _("Committee member")
    ADMINISTRATOR = "administrator", _("Administrator")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    is_verified = models.BooleanField(
        _("verified identity"),
        default=False,
        help_text=_("The person has proven their identity (e.g. with MitID)."),
    )
    person_key = models.CharField(
        _("person key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Keyed hash of the CPR number. The CPR number itself is never stored."),
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    is_municipal_resident = models.BooleanField(
        _("lives in the municipality"),
        default=False,
        help_text=_("From the identity provider or the municipality's register."),
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("home area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    email_notifications = models.BooleanField(
        _("e-mail notifications"),
        default=True,
        help_text=_("Send me an e-mail when something I take part in changes."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("access to the administration site"),
        default=False,
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    staff_subject = models.CharField(
        _("work account"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The subject identifier from the municipality's login provider."),
    )
    erased_at = models.DateTimeField(
        _("erased"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the personal data was erased; the account remains, anonymised."),
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        if self.erased_at is not None:
            return str(_("Deleted user"))
        return self.name or self.email

    def get_full_name(self) -> str:
        return str(self) if self.erased_at is not None else self.name

    def get_short_name(self) -> str:
        if self.erased_at is not None:
            return str(self)
        return self.name.split(" ")[0] if self.name else self.email


class AddressArea(models.Model):
    """One line of the municipality's address-to-area table (see accounts/addresses.py).

    A line covers a road's house numbers in a postcode (all, odd or even, optionally from
    and to a number), or a whole postcode when the road is empty. Residents' logins look
    their address up here; only the area is kept, never the address.
    """

    class Side(models.TextChoices):
        ALL = "all", _("All house numbers")
        ODD = "odd", _("Odd house numbers")
        EVEN = "even", _("Even house numbers")

    postcode = models.CharField(_("postcode"), max_length=4)
    road = models.CharField(
        _("road name"), max_length=120, blank=True, help_text=_("Empty: the whole postcode.")
    )
    road_key = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    side = models.CharField(_("house numbers"), max_length=4, choices=Side.choices, default="all")
    number_from = models.PositiveIntegerField(_("from house number"), null=True, blank=True)
    number_to = models.PositiveIntegerField(_("to house number"), null=True, blank=True)
    area = models.ForeignKey(
        "core.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["postcode", "road_key", "number_from"]
        verbose_name = _("address in the area table")
        verbose_name_plural = _("address-to-area table")
        indexes = [models.Index(fields=["postcode", "road_key"], name="accounts_address_lookup")]

    def __str__(self) -> str:
        numbers = ""
        if self.number_from is not None or self.number_to is not None:
            numbers = f" {self.number_from or 1}-{self.number_to or ''}"
        where = f"{self.road}{numbers}, " if self.road else ""
        return f"{where}{self.postcode}: {self.area}"
