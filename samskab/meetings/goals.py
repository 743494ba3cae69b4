"""Plan goals that ideas and budget proposals can support ("understøtter udviklingsplanen").

Kept apart from ``selectors`` (which reads ideas and proposals) so that the ideas and budgets
apps can offer and check goals without importing their own readers back.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.core.models import Area
from samskab.meetings.models import Goal


def open_goals() -> QuerySet[Goal]:
    """Goals of published plans that are not closed: the goals one may choose to support."""
    return (
        Goal.objects.filter(plan__is_published=True, closed_on__isnull=True)
        .select_related("plan__area")
        .order_by("plan__area__name", "id")
    )


def goal_error(goal: Goal | None, area: Area | None, *, current_id: int | None = None) -> str:
    """Why ``goal`` cannot be supported by something in ``area`` ("" when it can). A goal
    already chosen (``current_id``) is kept even if it has been closed since."""
    if goal is None or goal.pk == current_id:
        return ""
    if goal.closed_on is not None or not goal.plan.is_published:
        return _("Choose an open goal from a published development plan.")
    if area is not None and area.kind != Area.Kind.MUNICIPALITY and goal.plan.area_id != area.pk:
        return _("Choose a goal from the development plan of the area you chose.")
    return ""


class GoalChoiceField(forms.ModelChoiceField):
    """An optional choice of an open plan goal, each shown with its area."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Supports the development plan (optional)"))
        kwargs.setdefault(
            "help_text",
            gettext_lazy("A goal in the local development plan of the area that this supports."),
        )
        kwargs.setdefault("empty_label", gettext_lazy("No goal"))
        super().__init__(queryset=open_goals(), required=False, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.area.name}: {obj.text}"

    def include(self, goal_id: int | None) -> None:
        """Keep an already chosen goal among the choices, even if it has been closed since."""
        if goal_id is not None:
            self.queryset = (open_goals() | Goal.objects.filter(pk=goal_id)).select_related(
                "plan__area"
            )
