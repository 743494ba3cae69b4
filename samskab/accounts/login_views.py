"""Login with MitID (residents), the work account (employees) and the demo's test identities.

A failed login shows why, with status 400, and leaves no session behind: whatever was in
the session (including an earlier login) is flushed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from samskab.accounts import oidc, selectors, services
from samskab.accounts.forms import DemoLoginForm, LoginForm
from samskab.accounts.models import User
from samskab.accounts.residency import demo_address

NEXT_SESSION_KEY = "samskab_login_next"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _configured(provider: str) -> None:
    if not oidc.provider_config(provider).configured:
        raise Http404


def _failure(request: HttpRequest, failure: oidc.LoginFailed) -> HttpResponse:
    auth_logout(request)
    status = 503 if failure.reason == "unavailable" else 400
    return render(
        request,
        "accounts/login_failed.html",
        {"reason": failure.message, "code": failure.reason},
        status=status,
    )


def _log_in(request: HttpRequest, user: User) -> HttpResponse:
    next_url = request.session.pop(NEXT_SESSION_KEY, "")
    auth_login(request, user, backend=BACKEND)
    return redirect(_safe_next(request, next_url) or settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponseBase:
    """The login page: MitID, the work account, the demo, and local e-mail and password."""
    view = auth_views.LoginView.as_view(
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
        extra_context={
            # LoginView would name the site after the request's host; the site has a name.
            "site_name": settings.SAMSKAB_SITE_NAME,
            "mitid_enabled": oidc.provider_config(oidc.MITID).configured,
            "staff_enabled": oidc.provider_config(oidc.STAFF).configured,
            "demo_enabled": demo_enabled(),
        },
    )
    return view(request)


@require_GET
def oidc_start(request: HttpRequest, provider: str) -> HttpResponse:
    _configured(provider)
    request.session[NEXT_SESSION_KEY] = _safe_next(request, request.GET.get("next", ""))
    callback = request.build_absolute_uri(reverse(f"accounts:{provider}_callback"))
    try:
        return oidc.login_redirect(request, provider=provider, redirect_uri=callback)
    except oidc.LoginFailed as failure:
        return _failure(request, failure)


@sensitive_variables("claims")
@require_GET
def oidc_callback(request: HttpRequest, provider: str) -> HttpResponse:
    _configured(provider)
    try:
        claims = oidc.login_claims(request, provider=provider)
        if provider == oidc.MITID:
            user = services.resident_login(identity=oidc.resident_identity(claims))
        else:
            user = services.staff_login(identity=oidc.staff_identity(claims))
    except oidc.LoginFailed as failure:
        return _failure(request, failure)
    return _log_in(request, user)


def demo_enabled() -> bool:
    return bool(settings.DEBUG and getattr(settings, "DEMO_IDENTITIES", False))


@sensitive_variables("claims")
@require_http_methods(["GET", "POST"])
def demo_login(request: HttpRequest) -> HttpResponse:
    """Log in as one of the demo's fictitious MitID identities (DEBUG and DEMO_IDENTITIES)."""
    if not demo_enabled():
        raise Http404
    identities = {identity.number: identity for identity in selectors.demo_identities()}
    choices = [
        (number, f"{identity.name} ({identity.age})") for number, identity in identities.items()
    ]
    form = DemoLoginForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        chosen = identities[form.cleaned_data["identity"]]
        claims = {
            settings.MITID_OIDC_CPR_CLAIM: chosen.cpr,
            settings.MITID_OIDC_NAME_CLAIM: chosen.name,
            settings.MITID_OIDC_EMAIL_CLAIM: chosen.email,
            settings.MITID_OIDC_RESIDENCY_CLAIM: True,
            settings.MITID_OIDC_ADDRESS_CLAIM: demo_address(chosen.cpr),
        }
        try:
            user = services.resident_login(identity=oidc.resident_identity(claims))
        except oidc.LoginFailed as failure:
            return _failure(request, failure)
        return _log_in(request, user)
    return render(request, "accounts/demo_login.html", {"form": form})
