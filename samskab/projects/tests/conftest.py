from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    # Receipts written by the tests stay out of the checkout's var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
