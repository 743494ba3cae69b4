"""Who may support, comment on and report an object, and who moderates.

The object's own app decides visibility and whether engagement is open (see registry.py);
this table adds the roles: logged-in users take part, the secretariat moderates.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import is_logged_in, is_secretariat
from samskab.engagement.models import Comment
from samskab.engagement.registry import engageable, label_of


def parent_of(obj: Any) -> Any:
    """The object a comment is about, or the object itself."""
    return obj.target if isinstance(obj, Comment) else obj


@rules.predicate
def can_view_target(user: Any, obj: Any) -> bool:
    if obj is None:
        return False
    if isinstance(obj, Comment) and obj.is_hidden and not is_secretariat(user):
        return False
    target = parent_of(obj)
    if target is None:
        return False
    config = engageable(label_of(target))
    return config is not None and bool(config.can_view(user, target))


@rules.predicate
def target_is_open(user: Any, obj: Any) -> bool:
    target = parent_of(obj)
    config = engageable(label_of(target)) if target is not None else None
    return config is not None and bool(config.can_engage(user, target))


rules.add_perm("engagement.view_target", can_view_target)
rules.add_perm("engagement.support", is_logged_in & can_view_target & target_is_open)
rules.add_perm("engagement.comment", is_logged_in & can_view_target & target_is_open)
rules.add_perm("engagement.report", is_logged_in & can_view_target)
rules.add_perm("engagement.moderate", is_secretariat)
