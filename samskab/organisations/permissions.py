"""Who may do what with organisations.

| Action                          | anonymous | logged in | member | admin | secretariat |
|---------------------------------|-----------|-----------|--------|-------|-------------|
| see the list and an organisation| yes       | yes       | yes    | yes   | yes         |
| see the members                 | no        | no        | yes    | yes   | yes         |
| create an organisation          | no        | verified resident or employee (and up)  |
| edit the organisation           | no        | no        | no     | yes   | yes         |
| invite, withdraw, set roles,    |           |           |        |       |             |
| remove members                  | no        | no        | no     | yes   | no          |
| leave                           | no        | no        | yes    | yes   | (as member) |
| act on its behalf (propose)     | no        | no        | yes    | yes   | (as member) |

An organisation never votes: no permission here reaches a ballot.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import is_employee, is_secretariat, is_verified_resident
from samskab.organisations import selectors
from samskab.organisations.models import Organisation


@rules.predicate
def is_org_member(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and selectors.is_member(organisation=organisation, user=user)


@rules.predicate
def is_org_admin(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and selectors.is_admin(organisation=organisation, user=user)


rules.add_perm("organisations.create_organisation", is_verified_resident | is_employee)
rules.add_perm("organisations.edit_organisation", is_org_admin | is_secretariat)
rules.add_perm("organisations.see_members", is_org_member | is_secretariat)
rules.add_perm("organisations.manage_members", is_org_admin)
rules.add_perm("organisations.act_for", is_org_member)
