"""Who may see and work on meetings, networks and local plans.

- Everyone sees published meetings, networks and local plans; drafts only their organiser
  (coordinator, municipal contact) and the secretariat.
- Anyone logged in may register for a published meeting that has not started.
- Employees, managers and the secretariat create meetings and networks; the organiser
  (the coordinator of a network) and the secretariat change them, see the participants,
  write the minutes and record the decisions.
- Ideas are submitted at a meeting by its registered participants, its organiser and the
  secretariat.
- Employees and verified residents join networks.
- Local plans are created by the secretariat and edited by it and the plan's municipal
  contact.
- The members of the plan's local council (an organisation) co-edit its goals and actions:
  they propose new, changed and closed goals and actions, which the municipal contact or the
  secretariat publishes or sends back with a reason. They see the plan and its changes even
  while it is a draft.

| Local plan                          | anonymous | logged in | council | contact | secr. |
|-------------------------------------|-----------|-----------|---------|---------|-------|
| see a published plan                | yes       | yes       | yes     | yes     | yes   |
| see a draft plan                    | no        | no        | yes     | yes     | yes   |
| edit the plan (title, council, ...) | no        | no        | no      | yes     | yes   |
| propose goals and actions, see the  |           |           |         |         |       |
| plan's changes                      | no        | no        | yes     | yes     | yes   |
| publish or send back a change       | no        | no        | no      | yes     | yes   |

("council": a current member of the plan's local council organisation.)
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from samskab.accounts.permissions import is_employee, is_secretariat, is_verified_resident
from samskab.meetings.models import LocalPlan, Meeting, Network, Registration
from samskab.organisations.selectors import is_member


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(user.is_active)


@rules.predicate
def is_organiser(user: Any, meeting: Meeting | None) -> bool:
    return meeting is not None and _logged_in(user) and meeting.organiser_id == user.pk


@rules.predicate
def is_coordinator(user: Any, network: Network | None) -> bool:
    return network is not None and _logged_in(user) and network.created_by_id == user.pk


@rules.predicate
def is_plan_contact(user: Any, plan: LocalPlan | None) -> bool:
    return plan is not None and _logged_in(user) and plan.contact_id == user.pk


@rules.predicate
def is_plan_council_member(user: Any, plan: LocalPlan | None) -> bool:
    if plan is None or not _logged_in(user):
        return False
    council = plan.organisation
    return council is not None and is_member(organisation=council, user=user)


@rules.predicate
def is_published(user: Any, obj: Meeting | Network | LocalPlan | None) -> bool:
    return obj is not None and obj.is_published


@rules.predicate
def is_upcoming(user: Any, meeting: Meeting | None) -> bool:
    return meeting is not None and meeting.starts_at > timezone.now()


@rules.predicate
def is_registered(user: Any, meeting: Meeting | None) -> bool:
    if meeting is None or not _logged_in(user):
        return False
    return Registration.objects.filter(
        meeting=meeting, user=user, status=Registration.Status.REGISTERED
    ).exists()


can_manage_meeting = is_organiser | is_secretariat

rules.add_perm("meetings.see_meeting", is_published | can_manage_meeting)
rules.add_perm("meetings.create_meeting", is_employee)
rules.add_perm("meetings.edit_meeting", can_manage_meeting)
rules.add_perm("meetings.register", rules.is_authenticated & is_published & is_upcoming)
rules.add_perm("meetings.view_participants", can_manage_meeting)
rules.add_perm("meetings.record_minutes", can_manage_meeting)
rules.add_perm("meetings.add_idea", is_published & (can_manage_meeting | is_registered))

can_manage_network = is_coordinator | is_secretariat

rules.add_perm("meetings.see_network", is_published | can_manage_network)
rules.add_perm("meetings.create_network", is_employee)
rules.add_perm("meetings.edit_network", can_manage_network)
rules.add_perm("meetings.join_network", is_published & (is_employee | is_verified_resident))

can_manage_plan = is_plan_contact | is_secretariat

rules.add_perm("meetings.view_plan", is_published | can_manage_plan | is_plan_council_member)
rules.add_perm("meetings.add_plan", is_secretariat)
rules.add_perm("meetings.change_plan", can_manage_plan)
rules.add_perm("meetings.propose_plan_change", can_manage_plan | is_plan_council_member)
rules.add_perm("meetings.publish_plan_change", can_manage_plan)
