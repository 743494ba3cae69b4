from __future__ import annotations

from typing import Any

import rules
from django import template

register = template.Library()


@register.inclusion_tag("learning/_nav.html", takes_context=True)
def learning_nav(context: dict[str, Any]) -> dict[str, Any]:
    """The learning sub-menu, from the rules (not ``perms``, which lets superusers see all)."""
    request = context["request"]
    user = request.user
    return {
        "request": request,
        "can_report": rules.has_perm("learning.report_error", user),
        "is_coordinator": rules.has_perm("learning.view_inbox", user),
        "can_view_trends": rules.has_perm("learning.view_trends", user),
    }
