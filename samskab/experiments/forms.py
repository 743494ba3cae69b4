"""Forms for experiments. They validate input; the services in ``services.py`` do the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Department
from samskab.experiments import selectors
from samskab.experiments.models import (
    Evaluation,
    Experiment,
    FollowUp,
    Indicator,
    Measurement,
    Participant,
    Recommendation,
    Status,
)
from samskab.experiments.services import MAX_FOLLOW_UP_MONTHS, EvaluationData, ExperimentData


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ExperimentForm(forms.ModelForm[Experiment]):
    class Meta:
        model = Experiment
        fields = [
            "title",
            "hypothesis",
            "target_group",
            "description",
            "start_date",
            "end_date",
            "owner",
            "department",
            "area",
            "budget",
            "risks",
            "is_zero_error_area",
            "zero_error_safeguards",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "zero_error_safeguards": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = selectors.employees()
        owner.help_text = _("Leave empty to be the owner yourself.")
        self.fields["budget"].widget.attrs["min"] = 0

    def data_for_service(self) -> ExperimentData:
        data = self.cleaned_data
        return ExperimentData(
            title=data["title"],
            hypothesis=data["hypothesis"],
            target_group=data["target_group"],
            description=data["description"],
            risks=data["risks"],
            budget=data["budget"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            owner=data["owner"],
            department=data["department"],
            area=data["area"],
            is_zero_error_area=data["is_zero_error_area"],
            zero_error_safeguards=data["zero_error_safeguards"],
        )


class ParticipantForm(forms.ModelForm[Participant]):
    class Meta:
        model = Participant
        fields = ["kind", "user", "name", "number", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.fields["user"]
        assert isinstance(user, forms.ModelChoiceField)
        user.queryset = selectors.employees()
        self.fields["number"].widget.attrs["min"] = 1


class IndicatorForm(forms.ModelForm[Indicator]):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MeasurementForm(forms.ModelForm[Measurement]):
    class Meta:
        model = Measurement
        fields = ["indicator", "measured_on", "value", "note"]
        widgets = {"measured_on": DateInput()}

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ModelChoiceField)
        indicator.queryset = Indicator.objects.filter(experiment=experiment)
        indicator.empty_label = None  # with one indicator, it is already chosen


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: why the status changes now."),
    )

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, Status(value).label) for value in experiment.allowed_statuses]


class ApprovalForm(forms.Form):
    note = forms.CharField(
        label=_("What you assessed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The risks and safeguards you looked at before approving."),
    )


class EvaluationForm(forms.ModelForm[Evaluation]):
    class Meta:
        model = Evaluation
        fields = [
            "intended_users",
            "decision",
            "learning_questions",
            "method",
            "findings",
            "what_worked",
            "recommendation",
            "recommendation_reason",
            "follow_up_months",
            "follow_up_responsible",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "intended_users",
                "decision",
                "learning_questions",
                "method",
                "findings",
                "what_worked",
                "recommendation_reason",
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        responsible = self.fields["follow_up_responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = selectors.employees()
        responsible.help_text = _("Leave empty for the experiment's owner.")
        months = self.fields["follow_up_months"]
        months.widget.attrs.update({"min": 1, "max": MAX_FOLLOW_UP_MONTHS})
        recommendation = self.fields["recommendation"]
        assert isinstance(recommendation, forms.ChoiceField)
        recommendation.widget = forms.RadioSelect()
        recommendation.choices = Recommendation.choices

    def data_for_service(self) -> EvaluationData:
        data = self.cleaned_data
        return EvaluationData(
            intended_users=data["intended_users"],
            decision=data["decision"],
            learning_questions=data["learning_questions"],
            method=data["method"],
            findings=data["findings"],
            what_worked=data["what_worked"],
            recommendation=data["recommendation"],
            recommendation_reason=data["recommendation_reason"],
            follow_up_months=data["follow_up_months"],
            follow_up_responsible=data["follow_up_responsible"],
        )


class FollowUpForm(forms.ModelForm[FollowUp]):
    class Meta:
        model = FollowUp
        fields = ["was_used", "what_changed"]
        widgets = {"what_changed": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        was_used = self.fields["was_used"]
        assert isinstance(was_used, forms.ChoiceField)
        was_used.widget = forms.RadioSelect()
        was_used.choices = FollowUp.Use.choices


class ExperimentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + list(Status.choices)
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("All"),
    )


class FindingsSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the findings"),
        required=False,
        max_length=200,
        help_text=_("For example “loneliness”, “school start” or “home care”."),
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("All departments"),
    )
