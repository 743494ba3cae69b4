"""Forms for the evidence registry. They validate input; ``services.py`` does the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Department
from samskab.evidence.models import (
    DeclarationGrade,
    Dimension,
    EvidenceRequest,
    Grade,
    Intervention,
    ResearchSource,
    Status,
)
from samskab.evidence.services import InterventionData
from samskab.experiments.selectors import experiments_for_linking


class InterventionForm(forms.ModelForm[Intervention]):
    class Meta:
        model = Intervention
        fields = [
            "title",
            "summary",
            "target_group",
            "area",
            "department",
            "research_grade",
            "research_summary",
            "local_experience",
            "local_data",
            "experiments",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "research_summary": forms.Textarea(attrs={"rows": 4}),
            "local_experience": forms.Textarea(attrs={"rows": 4}),
            "local_data": forms.Textarea(attrs={"rows": 3}),
            "experiments": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "research_grade": _(
                "The strongest kind of study behind the intervention. It cannot be stronger "
                "than the strongest source added."
            ),
            "experiments": _("Experiments on the platform that tried the intervention."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        experiments = self.fields["experiments"]
        assert isinstance(experiments, forms.ModelMultipleChoiceField)
        experiments.queryset = experiments_for_linking()

    def data_for_service(self) -> InterventionData:
        data = self.cleaned_data
        return InterventionData(
            title=data["title"],
            summary=data["summary"],
            target_group=data["target_group"],
            area=data["area"],
            department=data["department"],
            research_grade=data["research_grade"],
            research_summary=data["research_summary"],
            local_experience=data["local_experience"],
            local_data=data["local_data"],
            experiments=list(data["experiments"]),
        )


class SourceForm(forms.ModelForm[ResearchSource]):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = ResearchSource
        fields = ["citation", "url", "design", "conclusion"]
        widgets = {"conclusion": forms.Textarea(attrs={"rows": 3})}


class RequestForm(forms.ModelForm[EvidenceRequest]):
    class Meta:
        model = EvidenceRequest
        fields = ["question", "department"]
        widgets = {"question": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"department": _("Leave empty for your own department.")}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Sum up the research and the practice evidence for the target group, and what "
            "it takes to implement the intervention."
        ),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)


class InterventionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    grade = forms.ChoiceField(
        label=_("Research evidence"), required=False, choices=[("", _("All"))] + Grade.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("All"),
    )


class DeclarationForm(forms.Form):
    """The five dimensions of the knowledge declaration, each with a grade and reasoning."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for dimension in Dimension:
            self.fields[f"{dimension.value}_grade"] = forms.ChoiceField(
                label=format_lazy(_("{dimension}: grade"), dimension=dimension.label),
                choices=[("", "---------"), *DeclarationGrade.choices],
            )
            self.fields[f"{dimension.value}_reasoning"] = forms.CharField(
                label=format_lazy(_("{dimension}: reasoning"), dimension=dimension.label),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def items(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            d.value: (data[f"{d.value}_grade"], data[f"{d.value}_reasoning"]) for d in Dimension
        }

    def groups(self) -> list[tuple[Any, Any, Any]]:
        """(dimension label, grade field, reasoning field) for the template."""
        return [
            (d.label, self[f"{d.value}_grade"], self[f"{d.value}_reasoning"]) for d in Dimension
        ]
