from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class LoginForm(AuthenticationForm):
    """Local login with e-mail and password (MitID comes through OpenID Connect)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own message reads badly in Danish ("Indtast venligst korrekt ...").
        "invalid_login": _(
            "The e-mail address or the password is wrong. Remember that capital and small "
            "letters count in the password."
        ),
    }


class PreferencesForm(forms.Form):
    email_notifications = forms.BooleanField(
        label=_("Send me e-mails when something I take part in changes"),
        required=False,
    )


class TwoFactorForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted for good"),
        required=True,
        error_messages={
            "required": _("Tick the box to confirm that you want to delete your account.")
        },
    )


class DemoLoginForm(forms.Form):
    identity = forms.TypedChoiceField(
        label=_("Test identity"), coerce=int, widget=forms.RadioSelect, choices=()
    )

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["identity"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices


class AdminLoginForm(OTPAdminAuthenticationForm):
    """The admin site's login: e-mail, password and a code, with Danish messages.

    django-otp asks the person to pick a device; here the code picks it: six digits come
    from the authenticator app, anything else is a one-time backup code.
    """

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _("The code is not correct. Please try again."),
        "device_required": _("Set up two-factor login before you use the administration site."),
        "n_failed_attempts": _("Too many wrong codes. Wait a moment and try again."),
        "verification_not_allowed": _("Too many wrong codes. Wait a moment and try again."),
    }

    def _chosen_device(self, user: Any) -> Device | None:
        token = str(self.cleaned_data.get("otp_token") or "").strip()
        kind: type[Device] = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
        return next(
            (
                device
                for device in devices_for_user(user, confirmed=True, for_verify=True)
                if isinstance(device, kind)
            ),
            None,
        )
