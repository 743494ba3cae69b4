"""Start the test OpenID Connect provider and act as a person at it, for Samskab's tests.

``running_provider()`` starts ``manage.py serve`` as a subprocess on a free port on
127.0.0.1 with its own temporary database and waits until its discovery document answers.
``Provider.authorize()`` follows an authorization request the way a browser would: log in
at the provider, answer the consent page, and return the redirect back to the client.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.oidc_provider import scenarios

MANAGE = Path(__file__).resolve().parent / "manage.py"


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            values = dict(attrs)
            if values.get("name"):
                self.fields[str(values["name"])] = values.get("value") or ""


def form_fields(html: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.fields


@dataclass(frozen=True)
class Provider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def settings(self) -> dict[str, object]:
        """Samskab settings that point both logins at this provider."""
        return {
            "MITID_OIDC_ISSUER": self.issuer,
            "MITID_OIDC_CLIENT_ID": scenarios.MITID_CLIENT_ID,
            "MITID_OIDC_CLIENT_SECRET": scenarios.MITID_CLIENT_SECRET,
            "MITID_OIDC_SCOPE": "openid profile",
            "MITID_OIDC_CPR_CLAIM": "cpr",
            "MITID_OIDC_NAME_CLAIM": "name",
            "MITID_OIDC_EMAIL_CLAIM": "email",
            "MITID_OIDC_RESIDENCY_CLAIM": "municipal_resident",
            "IDENTITY_RESIDENCY_ADAPTER": "samskab.accounts.residency.ClaimResidency",
            "STAFF_OIDC_ISSUER": self.issuer,
            "STAFF_OIDC_CLIENT_ID": scenarios.STAFF_CLIENT_ID,
            "STAFF_OIDC_CLIENT_SECRET": scenarios.STAFF_CLIENT_SECRET,
            "STAFF_OIDC_SCOPE": "openid profile email",
            "STAFF_OIDC_GROUPS_CLAIM": "groups",
            "STAFF_OIDC_ROLE_MAP": scenarios.STAFF_ROLE_MAP,
        }

    def authorize(self, authorize_url: str, *, username: str, allow: bool = True) -> str:
        """Log in at the provider as ``username`` and answer the consent page.

        Returns the URL the provider redirects the browser to: the client's callback with
        a code (or an error) and the state.
        """
        session = requests.Session()
        session.trust_env = False  # localhost only, never through a proxy
        response = session.get(authorize_url, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        login_url = urljoin(self.url, response.headers["Location"])
        page = session.get(login_url, timeout=10)
        fields = form_fields(page.text)
        fields.update({"username": username, "password": scenarios.PASSWORD})
        response = session.post(login_url, data=fields, allow_redirects=False, timeout=10)
        assert response.status_code == 302, f"login at the provider failed: {response.text}"
        consent_url = urljoin(self.url, response.headers["Location"])
        consent = session.get(consent_url, timeout=10)
        assert consent.status_code == 200, consent.text
        fields = form_fields(consent.text)
        if allow:
            fields["allow"] = "Authorize"
        response = session.post(consent_url, data=fields, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        return str(response.headers["Location"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_provider(database: Path, *, timeout: float = 30.0) -> Iterator[Provider]:
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env["OIDC_PROVIDER_DB"] = str(database)
    log = database.with_suffix(".log")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, str(MANAGE), "serve", f"127.0.0.1:{port}"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    provider = Provider(url=f"http://127.0.0.1:{port}")
    try:
        _wait_until_up(provider, process, log, timeout)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(
    provider: Provider, process: subprocess.Popen[bytes], log: Path, timeout: float
) -> None:
    discovery = f"{provider.issuer}/.well-known/openid-configuration"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test OIDC provider stopped:\n{log.read_text()}")
        try:
            if requests.get(discovery, timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"The test OIDC provider did not start in {timeout}s:\n{log.read_text()}")
