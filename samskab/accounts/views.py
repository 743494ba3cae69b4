from __future__ import annotations

import json
from base64 import b32encode

import rules
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login

from samskab.accounts import selectors
from samskab.accounts.forms import AccountDeleteForm, PreferencesForm, TwoFactorForm
from samskab.accounts.middleware import has_second_factor
from samskab.accounts.services import (
    account_erase,
    personal_data_export,
    totp_device_confirm,
    totp_device_start,
    user_update_preferences,
)
from samskab.accounts.shortcuts import current_user as _user


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            user_update_preferences(
                user=user, email_notifications=form.cleaned_data["email_notifications"]
            )
            messages.success(request, _("Your settings have been saved."))
            return redirect("accounts:preferences")
    else:
        form = PreferencesForm(initial={"email_notifications": user.email_notifications})
    return render(request, "accounts/preferences.html", {"form": form})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """What Samskab stores about people, why, and for how long (public)."""
    return render(
        request,
        "accounts/privacy.html",
        {
            "unverified_account_days": settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS,
            "audit_event_years": settings.PRIVACY_AUDIT_EVENT_DAYS // 365,
            "login_log_days": settings.PRIVACY_LOGIN_LOG_DAYS,
        },
    )


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # rules.has_perm, not user.has_perm: superusers get every Django permission, but an
    # administrator's account is still not one they may delete themselves.
    return render(
        request,
        "accounts/my_data.html",
        {"can_erase": rules.has_perm("accounts.erase_own_account", user)},
    )


@never_cache
@login_required
@require_GET
def data_export(request: HttpRequest) -> HttpResponse:
    """The person's data as a JSON file (GDPR art. 15 and 20); recorded in the audit log."""
    user = _user(request)
    if not rules.has_perm("accounts.export_own_data", user):
        raise PermissionDenied
    data = personal_data_export(user=user)
    filename = f"samskab-mine-data-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not rules.has_perm("accounts.erase_own_account", user):
        raise PermissionDenied
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account_erase(user=user)
        auth_logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up, or verify with, the authenticator app that the admin site requires."""
    user = _user(request)
    if not rules.has_perm("accounts.set_up_two_factor", user):
        raise PermissionDenied
    device = selectors.totp_device_for(user=user, confirmed=True)
    pending = None if device else selectors.totp_device_for(user=user, confirmed=False)
    form = TwoFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and request.POST.get("action") == "start" and device is None:
        totp_device_start(user=user)
        return redirect("accounts:two_factor")
    if request.method == "POST" and (device or pending) and form.is_valid():
        token = form.cleaned_data["token"]
        if device is not None:
            if device.verify_token(token.strip().replace(" ", "")):
                otp_login(request, device)
                return redirect("admin:index")
            form.add_error("token", _("The code is not correct. Please try again."))
        elif pending is not None:
            try:
                confirmed = totp_device_confirm(device=pending, token=token)
            except ValidationError as error:
                form.add_error("token", error)
            else:
                otp_login(request, confirmed)
                messages.success(request, _("Two-factor login is set up."))
                return redirect("admin:index")
    context = {
        "form": form,
        "device": device,
        "pending": pending,
        "verified": has_second_factor(user),
        "qr_code": _qr_svg(pending.config_url) if pending else "",
        "secret": _grouped_secret(pending.bin_key) if pending else "",
    }
    return render(request, "accounts/two_factor.html", context)


def _qr_svg(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app"), svgclass="qr-code"
    )
    return str(svg).replace("<svg ", '<svg role="img" ', 1)


def _grouped_secret(key: bytes) -> str:
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
