#!/usr/bin/env python
"""A tiny OpenID Connect provider for Samskab's login tests (django-oauth-toolkit).

    python tests/oidc_provider/manage.py serve 127.0.0.1:8765

creates its database (OIDC_PROVIDER_DB, default a temporary file), seeds the test users
and clients (see scenarios.py) and serves on localhost. Never for production.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    # Always this project's settings, even when started from Samskab's test run.
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
