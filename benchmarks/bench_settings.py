"""Settings for benchmarks/voting_load.py only: the site's settings plus a bare view.

Selected with DJANGO_SETTINGS_MODULE=bench_settings (and benchmarks/ on the Python path),
which only the benchmark sets; production never imports this module.
"""

from __future__ import annotations

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
