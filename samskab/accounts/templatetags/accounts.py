from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    """Whole minutes of a duration, rounded up (a lockout of 90 seconds is 2 minutes)."""
    if not value:
        return 0
    return -int(-value.total_seconds() // 60)
