"""Security headers and settings, and that no CPR number reaches the logs."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from samskab.accounts.log_filters import RedactCPR, contains_cpr, redact_cpr

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def production_settings(**extra: str) -> dict[str, object]:
    """The security settings as production (DEBUG off, HTTPS on) computes them."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS", "DEMO_IDENTITIES"}}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "IDENTITY_HASH_KEY": "y" * 50,
            "ALLOWED_HOSTS": "samskab.slagelse.dk",
            **extra,
        }
    )
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
        "DEMO_IDENTITIES",
    ]
    code = (
        "import json, config.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values: dict[str, object] = json.loads(result.stdout)
    return values


def test_it_turns_on_hsts_and_secure_cookies_in_production() -> None:
    values = production_settings()
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000  # type: ignore[operator]
    for name in (
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
    ):
        assert values[name] is True, name
    assert values["DEMO_IDENTITIES"] is False


@pytest.mark.django_db
def test_it_sends_a_content_security_policy_without_inline_scripts(client: Client) -> None:
    policy = client.get("/konto/log-ind/")["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_it_sends_hsts_over_https(client: Client) -> None:
    response = client.get("/konto/privatliv/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/konto/privatliv/")  # never over http


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_it_marks_the_session_and_csrf_cookies_secure(client: Client, resident, password) -> None:
    page = client.get("/konto/log-ind/", secure=True)
    assert page.cookies["csrftoken"]["secure"]
    client.post("/konto/log-ind/", {"username": resident.email, "password": password}, secure=True)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_it_has_no_inline_scripts_or_styles_in_its_templates() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert "style=" not in text, template
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert not re.search(r"\son[a-z]+=", text), template  # onclick= and friends


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CPR 010749-1234 logged", "CPR [CPR] logged"),
        ("cpr=0107491234&x=1", "cpr=[CPR]&x=1"),
        ("order 3299999999 and phone 12345678", "order 3299999999 and phone 12345678"),
        ("a timestamp 1764547200", "a timestamp 1764547200"),
    ],
)
def test_it_redacts_real_looking_cpr_numbers(text: str, expected: str) -> None:
    assert redact_cpr(text) == expected
    assert contains_cpr(text) is (text != expected)


def test_it_redacts_cpr_numbers_from_log_records_and_tracebacks() -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "claims %s", ({"cpr": "0107491234"},), None
    )
    try:
        raise ValueError("bad 010749-1234")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert RedactCPR().filter(record)
    formatted = logging.Formatter().format(record)
    assert "0107491234" not in formatted and "010749-1234" not in formatted
    assert "[CPR]" in formatted


def test_it_puts_the_filter_on_the_console_log() -> None:
    logging_config: Any = django_settings.LOGGING
    assert "redact_cpr" in logging_config["handlers"]["console"]["filters"]
