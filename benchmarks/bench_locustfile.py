"""Locust users for benchmarks/voting_load.py (run headless by that script, not by hand).

Every user takes a logged-in voter (a ready-made session) from the file named by
BENCH_VOTERS and posts (a ballot once per voter; the bare INSERT cycles through the voters)
and records the outcome. At the end the outcomes go to BENCH_RESULTS as JSON lines:
voter, ok, status, start and latency (s).
"""

from __future__ import annotations

import itertools
import json
import os
import time
from typing import Any

from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

CSRF = os.environ.get("BENCH_CSRF", "")
TARGET = os.environ.get("BENCH_TARGET", "ballot")
BALLOT: dict[str, Any] = json.loads(os.environ.get("BENCH_BALLOT", "{}"))
with open(os.environ["BENCH_VOTERS"], encoding="utf-8") as handle:
    VOTERS: list[dict[str, Any]] = [json.loads(line) for line in handle]
# A ballot is cast once per voter; the bare view may reuse the sessions.
NEXT = iter(VOTERS) if TARGET == "ballot" else itertools.cycle(VOTERS)
RESULTS: list[dict[str, Any]] = []


class Voter(FastHttpUser):
    wait_time = constant(0)

    @task
    def vote(self) -> None:
        voter = next(NEXT, None)
        if voter is None:
            raise StopUser
        headers = {
            "Cookie": f"sessionid={voter['session']}; csrftoken={CSRF}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        if TARGET == "ballot":
            path = BALLOT["path"]
            body = f"csrfmiddlewaretoken={CSRF}&omraade={BALLOT['area']}" + "".join(
                f"&project={pk}" for pk in BALLOT["projects"]
            )
        else:
            path = BALLOT["bare_path"]
            body = f"csrfmiddlewaretoken={CSRF}"
        start = time.time()
        with self.client.post(
            path,
            data=body,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
            name=TARGET,
        ) as response:
            latency = time.time() - start
            if TARGET == "ballot":
                ok = response.status_code == 302 and response.headers.get("Location", "").endswith(
                    BALLOT["receipt_suffix"]
                )
            else:
                ok = response.status_code == 200
            if ok:
                response.success()
            else:
                response.failure(f"status {response.status_code}")
        RESULTS.append(
            {
                "voter": voter["id"],
                "ok": ok,
                "status": response.status_code,
                "start": start,
                "latency": latency,
            }
        )


@events.quitting.add_listener
def _write_results(**_kwargs: Any) -> None:
    with open(os.environ["BENCH_RESULTS"], "w", encoding="utf-8") as handle:
        for row in RESULTS:
            handle.write(json.dumps(row) + "\n")
