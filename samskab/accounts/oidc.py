"""Login through OpenID Connect: MitID (through a broker) for residents, the municipality's
provider (e.g. Microsoft Entra ID) for employees.

Authlib's Django client does the protocol: it keeps state, nonce and the PKCE verifier in
the session, exchanges the code at the token endpoint, and checks the ID token's signature
(from the provider's published keys), issuer, audience, expiry and nonce. This module
turns every way that can fail into a ``LoginFailed`` with a reason the error page explains,
and turns claims into identities. The CPR claim lives only in memory here: it becomes a
person key and a birth date and is then dropped.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError

from samskab.accounts.identity import InvalidCPR, parse_cpr, person_key_from_cpr
from samskab.accounts.models import Role
from samskab.accounts.residency import residency_adapter
from samskab.core.models import Area

logger = logging.getLogger(__name__)

MITID = "mitid"
STAFF = "staff"

# Why a login failed, as the error page explains it.
FAILURE_REASONS: dict[str, Promise] = {
    "state": _(
        "The login attempt has expired or has already been used. Please start the login again."
    ),
    "provider": _("The login was cancelled or refused at the login service."),
    "audience": _("The answer from the login service was not meant for Samskab."),
    "expired": _("The answer from the login service has expired."),
    "invalid_token": _("The answer from the login service could not be verified."),
    "missing_claim": _(
        "The login service did not send the information Samskab needs to identify you."
    ),
    "no_access": _("Your work account has not been given access to Samskab."),
    "account_taken": _(
        "Your work account's e-mail address already belongs to another account in Samskab, "
        "which cannot be linked to your work account automatically. Contact Samskab's "
        "administrator."
    ),
    "inactive": _("Your account has been deactivated. Contact the municipality."),
    "unavailable": _("The login service could not be reached. Please try again later."),
}

# When several groups map to roles, the one that may do most wins.
ROLE_RANK = [Role.ADMINISTRATOR, Role.SECRETARIAT, Role.MANAGER, Role.COMMITTEE, Role.EMPLOYEE]


class LoginFailed(Exception):
    """A login that must not create a session, with the reason shown to the person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> Promise:
        return FAILURE_REASONS[self.reason]


@dataclass(frozen=True)
class ProviderConfig:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    scope: str

    @property
    def configured(self) -> bool:
        return bool(self.issuer and self.client_id)

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def provider_config(name: str) -> ProviderConfig:
    prefix = {MITID: "MITID_OIDC", STAFF: "STAFF_OIDC"}[name]
    return ProviderConfig(
        name=name,
        issuer=getattr(settings, f"{prefix}_ISSUER", "").rstrip("/"),
        client_id=getattr(settings, f"{prefix}_CLIENT_ID", ""),
        client_secret=getattr(settings, f"{prefix}_CLIENT_SECRET", ""),
        scope=getattr(settings, f"{prefix}_SCOPE", "openid"),
    )


# One client per configuration: it caches the provider's discovery document and keys.
_clients: dict[ProviderConfig, DjangoOAuth2App] = {}


def oidc_client(config: ProviderConfig) -> DjangoOAuth2App:
    if not config.configured:
        raise ImproperlyConfigured(f"The {config.name} login is not configured.")
    client = _clients.get(config)
    if client is None:
        oauth = OAuth()
        client = oauth.register(
            name=config.name,
            client_id=config.client_id,
            client_secret=config.client_secret,
            server_metadata_url=config.discovery_url,
            client_kwargs={"scope": config.scope, "code_challenge_method": "S256", "timeout": 10},
        )
        _clients[config] = client
    return client


def login_redirect(request: HttpRequest, *, provider: str, redirect_uri: str) -> HttpResponse:
    """Send the browser to the provider; state, nonce and PKCE verifier go in the session."""
    client = oidc_client(provider_config(provider))
    try:
        response: HttpResponse = client.authorize_redirect(request, redirect_uri)
    except (requests.RequestException, ValueError) as error:
        logger.warning("%s login: provider unreachable (%s)", provider, type(error).__name__)
        raise LoginFailed("unavailable") from error
    return response


@sensitive_variables("token")
def login_claims(request: HttpRequest, *, provider: str) -> dict[str, Any]:
    """The verified ID token claims of the provider's answer, or ``LoginFailed``."""
    client = oidc_client(provider_config(provider))
    try:
        token = client.authorize_access_token(request)
    except MismatchingStateError as error:
        raise _failed(provider, "state", error) from error
    except OAuthError as error:
        raise _failed(provider, "provider", error) from error
    except ExpiredTokenError as error:
        raise _failed(provider, "expired", error) from error
    except ClaimError as error:
        reason = "audience" if error.claim in ("aud", "azp") else "invalid_token"
        raise _failed(provider, reason, error) from error
    except JoseError as error:
        raise _failed(provider, "invalid_token", error) from error
    except requests.RequestException as error:
        raise _failed(provider, "unavailable", error) from error
    claims = token.get("userinfo")
    if not claims:
        raise _failed(provider, "invalid_token", None)
    return dict(claims)


def _failed(provider: str, reason: str, error: Exception | None) -> LoginFailed:
    # The exception's class and the claim's name only: never the token or its claims.
    detail = type(error).__name__ if error else "no ID token"
    if isinstance(error, ClaimError):
        detail += f" ({error.claim})"
    elif isinstance(error, OAuthError):
        detail += f" ({error.error})"
    logger.warning("%s login failed: %s, %s", provider, reason, detail)
    return LoginFailed(reason)


@dataclass(frozen=True)
class ResidentIdentity:
    """What Samskab keeps from a MitID login. There is deliberately no CPR field."""

    person_key: str
    birth_date: datetime.date
    name: str
    email: str
    is_municipal_resident: bool
    # The local area of the person's address (residency.py); the address itself is dropped.
    area: Area | None = None


@sensitive_variables("cpr", "claims")
def resident_identity(claims: Mapping[str, Any]) -> ResidentIdentity:
    cpr = claims.get(settings.MITID_OIDC_CPR_CLAIM)
    if not isinstance(cpr, str) or not cpr:
        logger.warning("mitid login failed: missing_claim (%s)", settings.MITID_OIDC_CPR_CLAIM)
        raise LoginFailed("missing_claim")
    try:
        checked = parse_cpr(cpr)
    except InvalidCPR as error:
        logger.warning("mitid login failed: missing_claim (not a CPR number)")
        raise LoginFailed("missing_claim") from error
    residence = residency_adapter().residence(cpr=checked.digits, claims=claims)
    return ResidentIdentity(
        person_key=person_key_from_cpr(checked.digits),
        birth_date=checked.birth_date,
        name=str(claims.get(settings.MITID_OIDC_NAME_CLAIM) or ""),
        email=str(claims.get(settings.MITID_OIDC_EMAIL_CLAIM) or "").strip().lower(),
        is_municipal_resident=residence.lives_in_municipality,
        area=residence.area,
    )


@dataclass(frozen=True)
class StaffIdentity:
    """What a work-account login says. ``subject`` ("issuer|sub") is the only identifier;
    ``email`` is an address for a new account, and links an existing account only when
    ``email_verified`` (the provider's ``email_verified`` claim is true)."""

    subject: str
    issuer: str
    email: str
    email_verified: bool
    name: str
    role: str


def role_from_groups(groups: object) -> str | None:
    """The role that the person's groups give, by ``STAFF_OIDC_ROLE_MAP``; None for none."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        return None
    mapping: dict[str, str] = settings.STAFF_OIDC_ROLE_MAP
    roles = {mapping[group] for group in groups if isinstance(group, str) and group in mapping}
    return next((role for role in ROLE_RANK if role in roles), None)


def staff_identity(claims: Mapping[str, Any]) -> StaffIdentity:
    issuer = str(claims.get("iss") or "")
    subject = str(claims.get("sub") or "")
    # preferred_username and upn are names the person or their administrator may choose;
    # they only serve as the address of a new account, never to find an existing one.
    email = str(claims.get("email") or claims.get("preferred_username") or claims.get("upn") or "")
    verified = claims.get("email_verified")
    email_verified = bool(claims.get("email")) and (verified is True or verified == "true")
    if not issuer or not subject or "@" not in email:
        logger.warning("staff login failed: missing_claim (sub or email)")
        raise LoginFailed("missing_claim")
    role = role_from_groups(claims.get(settings.STAFF_OIDC_GROUPS_CLAIM))
    if role is None:
        logger.warning("staff login failed: no_access (no mapped group)")
        raise LoginFailed("no_access")
    return StaffIdentity(
        subject=f"{issuer}|{subject}",
        issuer=issuer,
        email=email.strip().lower(),
        email_verified=email_verified,
        name=str(claims.get("name") or ""),
        role=role,
    )
