"""Who may see the secretariat's overview and the committee reports.

The overview is for the secretariat, the committee and the administrator; a published
report is public, a draft only for the secretariat (and the administrator), who also write
them and record the committee's resolutions. Open data needs no permission: it only ever
contains what is public anyway.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import is_committee, is_secretariat


@rules.predicate
def is_published(user: Any, report: Any) -> bool:
    return report is not None and report.published_at is not None


rules.add_perm("secretariat.view_overview", is_secretariat | is_committee)
rules.add_perm("secretariat.view_reports", is_secretariat | is_committee)
# A published report is public (it went to an open committee); a draft is the secretariat's.
rules.add_perm("secretariat.view_report", is_secretariat | is_published)
rules.add_perm("secretariat.manage_reports", is_secretariat)
