"""The provider's validator: claims per test user, and deliberately faulty tokens."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.oidc_provider.scenarios import USERS

LOCAL_HOSTS = {"testserver", "localhost", "127.0.0.1"}


class ScenarioValidator(OAuth2Validator):
    # Every claim goes into the ID token, whatever the scope (a broker decides per client).
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        return dict(USERS.get(request.user.username, {}).get("claims", {}))

    def get_id_token_dictionary(self, token: Any, token_handler: Any, request: Any) -> Any:
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        faults = USERS.get(request.user.username, {}).get("token", {})
        if "aud" in faults:
            claims["aud"] = faults["aud"]
        if faults.get("expired"):
            claims["exp"] = int(time.time()) - 3600
        return claims, expiration_time

    def validate_redirect_uri(
        self, client_id: str, redirect_uri: str, request: Any, *args: Any, **kwargs: Any
    ) -> bool:
        # The client under test runs on a port chosen at test time.
        return urlsplit(redirect_uri).hostname in LOCAL_HOSTS
