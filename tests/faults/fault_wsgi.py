"""The site's WSGI application for fault tests, with one test-only pause.

With FAULT_PAUSE_FILE set, the first ballot stored by any worker stops inside its
transaction, after the ballot row is inserted and before its choices are: the worker
writes its process id to that file and sleeps, so that a test can kill it there. On
PostgreSQL a first online ballot and its choices are one statement, which PostgreSQL
stores whole or not at all; the worker stops just before it (a worker killed after it is
the answer lost after the commit, the test's second half).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

PAUSE_FILE = os.environ.get("FAULT_PAUSE_FILE")
if PAUSE_FILE:
    from samskab.budgets.models import BallotChoice

    manager: Any = BallotChoice.objects
    original = manager.bulk_create

    def paused_bulk_create(objs: Any, *args: Any, **kwargs: Any) -> Any:
        marker = Path(str(PAUSE_FILE))
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(120)
        return original(objs, *args, **kwargs)

    manager.bulk_create = paused_bulk_create

    from samskab.budgets import voting

    original_insert = voting._insert_new_ballot

    def paused_insert(*args: Any, **kwargs: Any) -> Any:
        marker = Path(str(PAUSE_FILE))
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(120)
        return original_insert(*args, **kwargs)

    voting._insert_new_ballot = paused_insert
