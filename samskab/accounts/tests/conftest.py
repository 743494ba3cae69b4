"""The real OpenID Connect provider (tests/oidc_provider) for the login tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.oidc_provider.harness import Provider, running_provider


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    database = tmp_path_factory.mktemp("oidc-provider") / "provider.sqlite3"
    with running_provider(database) as provider:
        yield provider


@pytest.fixture
def oidc_settings(settings, oidc_provider: Provider) -> Provider:
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    return oidc_provider
