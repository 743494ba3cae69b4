from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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


class PreferencesForm(forms.Form):
    email_notifications = forms.BooleanField(
        label=_("Send me e-mails when something I take part in changes"),
        required=False,
    )
