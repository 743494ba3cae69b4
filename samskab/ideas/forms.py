from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Area, Department
from samskab.core.validators import BIGINT_MAX, MAX_KRONER, validate_single_line
from samskab.ideas import selectors
from samskab.ideas.attachments import allowed_extensions, attachments_validate, max_files
from samskab.ideas.models import Criterion, DecisionKind, Idea, Realisation, Status
from samskab.ideas.services import assessment_days
from samskab.meetings.goals import GoalChoiceField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class IdeaForm(forms.ModelForm[Idea]):
    plan_goal = GoalChoiceField()
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=format_lazy(
            _("Up to {count} files of at most 10 MB each: {types}."),
            count=max_files(),
            types=", ".join(allowed_extensions()),
        ),
    )

    class Meta:
        model = Idea
        fields = [
            "title",
            "problem",
            "description",
            "beneficiaries",
            "area",
            "department",
            "theme",
            "plan_goal",
            "is_internal",
        ]
        labels = {
            "title": _("A short title"),
            "problem": _("What is the problem?"),
            "description": _("What is your idea?"),
            "beneficiaries": _("Who benefits?"),
            "department": _("Department (if you know it)"),
            "is_internal": _("Internal idea (only employees can see it)"),
        }
        help_texts = {
            "problem": _("Describe what does not work today, and for whom."),
            "description": _("Describe what could be done. You can use simple formatting."),
        }
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, can_submit_internal: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_submit_internal:
            del self.fields["is_internal"]
        goal_field = self.fields["plan_goal"]
        assert isinstance(goal_field, forms.ModelChoiceField)
        if not goal_field.queryset.exists():  # type: ignore[union-attr]
            del self.fields["plan_goal"]
        labels = {
            "area": _("Choose an area"),
            "theme": _("Choose a theme"),
            "department": _("I don't know"),
        }
        for name, empty_label in labels.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.empty_label = empty_label

    def clean_attachments(self) -> list[Any]:
        files: list[Any] = self.cleaned_data.get("attachments") or []
        attachments_validate(files)
        return files


class IdeaFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.all(), required=False, empty_label=_("All")
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=selectors.theme_list(), required=False, empty_label=_("All")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All")), *Status.choices]


class RouteForm(forms.Form):
    prefix = "route"
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    responsible = forms.ModelChoiceField(
        label=_("Responsible manager"), queryset=selectors.managers()
    )
    deadline = forms.DateField(label=_("Deadline for the assessment"), widget=DateInput())
    message = forms.CharField(
        label=_("Message to the submitter (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"deadline": timezone.localdate() + timedelta(days=assessment_days())}
        )
        super().__init__(*args, **kwargs)


class MergeForm(forms.Form):
    prefix = "merge"
    into = forms.IntegerField(
        label=_("Number of the idea it duplicates"),
        min_value=1,
        max_value=BIGINT_MAX,
    )
    message = forms.CharField(
        label=_("Message to the submitter (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    prefix = "answer"
    answer = forms.CharField(
        label=_("Answer to the submitter"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the idea's page and sent to the submitter."),
    )


SCORE_CHOICES = [
    ("", _("Choose a score")),
    ("1", _("1 – very weak")),
    ("2", _("2 – weak")),
    ("3", _("3 – fair")),
    ("4", _("4 – good")),
    ("5", _("5 – very good")),
]


class AssessmentForm(forms.Form):
    """One score (1-5, higher is better) and one text per criterion, and the cost estimate."""

    cost_estimate = forms.DecimalField(
        label=_("Cost estimate (kr.)"),
        required=False,
        min_value=0,
        max_value=MAX_KRONER,
        decimal_places=0,
    )
    zero_error_area = forms.BooleanField(label=_("The area demands zero errors"), required=False)
    zero_error_text = forms.CharField(
        label=_("Why the area demands zero errors, or why not"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    summary = forms.CharField(
        label=_("Summary (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[f"{criterion.value}_score"] = forms.TypedChoiceField(
                label=_("Score"), choices=SCORE_CHOICES, coerce=int
            )
            self.fields[f"{criterion.value}_text"] = forms.CharField(
                label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2})
            )

    def criteria(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (
                str(criterion.label),
                self[f"{criterion.value}_score"],
                self[f"{criterion.value}_text"],
            )
            for criterion in Criterion
        ]


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Decision"), choices=DecisionKind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the submitter and on the idea's page."),
    )
    park_until = forms.DateField(
        label=_("Park until (only when parking)"), required=False, widget=DateInput()
    )
    realisation_responsible = forms.ModelChoiceField(
        label=_("Responsible for the realisation (only when realising)"),
        queryset=selectors.employees(),
        required=False,
        help_text=_("Leave empty for the idea's responsible manager."),
    )
    realisation_due = forms.DateField(
        label=_("To be done by (only when realising)"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for three months from today."),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, validators=[validate_single_line])
    date = forms.DateField(label=_("Date"), widget=DateInput())


class AgendaForm(forms.Form):
    ideas = forms.ModelMultipleChoiceField(
        label=_("Ideas on the agenda"),
        queryset=Idea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ideas"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = candidates


class MeetingDecisionForm(forms.Form):
    """The decision on one agenda item; blank means no decision at this meeting."""

    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("No decision at this meeting")), *DecisionKind.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    park_until = forms.DateField(
        label=_("Park until (only when parking)"), required=False, widget=DateInput()
    )


class RealisationForm(forms.Form):
    state = forms.ChoiceField(label=_("Status"), choices=Realisation.State.choices)
    due_date = forms.DateField(label=_("To be done by"), widget=DateInput())
    responsible = forms.ModelChoiceField(
        label=_("Responsible for the realisation"), queryset=selectors.employees()
    )
    public_note = forms.CharField(
        label=_("Public status"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown on the idea's page and e-mailed to the submitter when the status changes."
        ),
    )


class MilestoneForm(forms.Form):
    prefix = "milestone"
    title = forms.CharField(label=_("Milestone"), max_length=200, validators=[validate_single_line])
    due_date = forms.DateField(label=_("Due"), widget=DateInput())
