"""Who may see the secretariat's overview and the committee reports.

The overview and published reports are for the secretariat, the committee and the
administrator; a draft report only for the secretariat (and the administrator), who also
write them. Open data needs no permission: it only ever contains what is public anyway.
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
rules.add_perm("secretariat.view_report", is_secretariat | (is_committee & is_published))
rules.add_perm("secretariat.manage_reports", is_secretariat)
