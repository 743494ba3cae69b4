"""Role predicates that every app builds its permission table from.

Roles are ordered by what they may see inside the administration: a manager is also an
employee, the secretariat sees what managers see, and an administrator may do everything.
Apps combine these predicates with object-state predicates in their own
``permissions.py`` (django-rules), and test each cell of the resulting table.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.models import Role

# Which roles count as having (at least) a given role.
ROLE_INCLUDES: dict[str, frozenset[str]] = {
    Role.RESIDENT: frozenset(Role.values),
    Role.EMPLOYEE: frozenset({Role.EMPLOYEE, Role.MANAGER, Role.SECRETARIAT, Role.ADMINISTRATOR}),
    Role.MANAGER: frozenset({Role.MANAGER, Role.SECRETARIAT, Role.ADMINISTRATOR}),
    Role.SECRETARIAT: frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR}),
    Role.COMMITTEE: frozenset({Role.COMMITTEE, Role.SECRETARIAT, Role.ADMINISTRATOR}),
    Role.ADMINISTRATOR: frozenset({Role.ADMINISTRATOR}),
}


def has_role(user: Any, role: str) -> bool:
    """True when ``user`` is logged in, active, and holds ``role`` or a role above it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.role in ROLE_INCLUDES[role]


is_logged_in = rules.is_authenticated
is_resident = rules.predicate(lambda user: has_role(user, Role.RESIDENT), name="is_resident")
is_verified_resident = rules.predicate(
    lambda user: has_role(user, Role.RESIDENT) and bool(user.is_verified),
    name="is_verified_resident",
)
is_employee = rules.predicate(lambda user: has_role(user, Role.EMPLOYEE), name="is_employee")
is_manager = rules.predicate(lambda user: has_role(user, Role.MANAGER), name="is_manager")
is_secretariat = rules.predicate(
    lambda user: has_role(user, Role.SECRETARIAT), name="is_secretariat"
)
is_committee = rules.predicate(lambda user: has_role(user, Role.COMMITTEE), name="is_committee")
is_administrator = rules.predicate(
    lambda user: has_role(user, Role.ADMINISTRATOR), name="is_administrator"
)

# Staff at the citizen service desk (borgerservice): a group of its own on top of the
# employee role, because entering a ballot for a voter is a power a plain employee must not
# have. The group is created by a migration and filled in the admin.
CITIZEN_SERVICE_GROUP = "Borgerservice"


def is_in_citizen_service(user: Any) -> bool:
    """True for an active employee (or higher role) in the citizen service group."""
    if not has_role(user, Role.EMPLOYEE):
        return False
    return bool(user.groups.filter(name=CITIZEN_SERVICE_GROUP).exists())


is_citizen_service = rules.predicate(is_in_citizen_service, name="is_citizen_service")

rules.add_perm("accounts.view_overview", is_secretariat | is_committee)

# Only residents delete their own account; staff accounts are closed by the municipality.
is_plain_resident = rules.predicate(
    lambda user: (
        has_role(user, Role.RESIDENT)
        and user.role == Role.RESIDENT
        and not user.is_staff
        and not user.is_superuser
    ),
    name="is_plain_resident",
)
has_admin_site_access = rules.predicate(
    lambda user: bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.is_staff
    ),
    name="has_admin_site_access",
)

rules.add_perm("accounts.export_own_data", is_logged_in)
rules.add_perm("accounts.erase_own_account", is_plain_resident)
rules.add_perm("accounts.set_up_two_factor", has_admin_site_access)
