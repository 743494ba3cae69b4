"""Compute and publish the results of every citizen budget whose voting has closed.

Run it from cron (or the task worker) shortly after midnight; processes that already have
results are left alone unless ``--again`` is given. Also tells residents once when voting
has opened.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samskab.budgets import services, services_results
from samskab.budgets.models import BudgetProcess, Phase

logger = logging.getLogger("samskab.jobs")


class Command(BaseCommand):
    help = "Compute and publish results for citizen budgets whose voting has closed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="only these processes")
        parser.add_argument("--again", action="store_true", help="recompute published results")

    def handle(self, *args: Any, **options: Any) -> None:
        processes = BudgetProcess.objects.filter(is_published=True)
        if options["slugs"]:
            processes = processes.filter(slug__in=options["slugs"])
        failed = []
        for process in processes:
            # Each process on its own: one that fails is logged and the others still get
            # their results (the services are one transaction each).
            try:
                self._handle_process(process, again=options["again"])
            except Exception:
                logger.exception("compute_budget_results: %s failed; carrying on", process.slug)
                failed.append(process.slug)
        if failed:
            self.stderr.write(f"Failed: {', '.join(failed)} (see the log).")

    def _handle_process(self, process: BudgetProcess, *, again: bool) -> None:
        if process.is_voting_open:
            sent = services.process_notify_voting_opened(process=process)
            if sent:
                self.stdout.write(f"{process.slug}: told {sent} residents that voting opened")
        if not process.phase_reached(Phase.RESULTS):
            return
        if process.has_results and not again:
            return
        stored = services_results.results_publish(process=process)
        for result in stored:
            check = "verified" if result.verified else "NOT VERIFIED"
            self.stdout.write(
                f"{process.slug}/{result.budget_area.area.slug}: "
                f"{len(result.selected_ids)} winners, {result.num_ballots} ballots ({check})"
            )
