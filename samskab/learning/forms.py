from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.core.models import Department
from samskab.core.validators import validate_single_line
from samskab.learning.models import Category, LearningReport, SharedLearning, ZeroErrorArea
from samskab.learning.screening import cpr_numbers
from samskab.learning.services import cpr_error


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class CprRefusingForm(forms.Form):
    """Refuses CPR-like numbers in every text field, naming the field (the service checks
    again; this puts the message next to the field and keeps everything typed)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and cpr_numbers(value):
                self.add_error(name, cpr_error(self.fields[name].label))
        return cleaned


class ZeroErrorAreaChoiceField(forms.ModelChoiceField[ZeroErrorArea]):
    def label_from_instance(self, obj: ZeroErrorArea) -> str:
        return f"{obj.department.name}: {obj.name}"


class ReportForm(CprRefusingForm, forms.ModelForm[LearningReport]):
    zero_error_area = ZeroErrorAreaChoiceField(
        queryset=ZeroErrorArea.objects.none(),
        required=False,
        label=_("Zero-error area (if the event concerns one)"),
        help_text=_(
            "Tasks where zero errors are truly required. Reports about them are handled "
            "within a set number of days by a named responsible person."
        ),
        empty_label=_("None: learning first"),
    )

    class Meta:
        model = LearningReport
        fields = [
            "kind",
            "title",
            "what_happened",
            "context",
            "what_helped",
            "what_hindered",
            "consequences",
            "learning_points",
            "suggested_changes",
            "severity",
            "category",
            "department",
            "zero_error_area",
            "is_anonymous",
            "is_confidential",
        ]
        labels = {
            "kind": _("What kind of event?"),
            "title": _("A short title"),
            "what_happened": _("What happened?"),
            "context": _("What was the situation?"),
            "what_helped": _("What helped?"),
            "what_hindered": _("What made it difficult?"),
            "consequences": _("What were the consequences?"),
            "learning_points": _("What can we learn?"),
            "suggested_changes": _("What should we change?"),
            "severity": _("How serious were the consequences?"),
            "category": _("Category"),
            "department": _("Department"),
            "is_anonymous": _("Send anonymously"),
            "is_confidential": _("Confidential"),
        }
        help_texts = {
            "what_happened": _(
                "Describe the course of events, not who is to blame. Do not write CPR numbers "
                "or names of citizens or colleagues."
            ),
            "context": _("Time pressure, systems, handovers, anything that played a part."),
            "is_anonymous": _(
                "Nothing that identifies you is stored. You cannot find the report again, "
                "and nobody can ask you about it."
            ),
            "is_confidential": _(
                "Only the department's learning coordinators can read the report. "
                "Otherwise the department's managers can read it too."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "what_happened": forms.Textarea(attrs={"rows": 5}),
            "context": forms.Textarea(attrs={"rows": 3}),
            "what_helped": forms.Textarea(attrs={"rows": 3}),
            "what_hindered": forms.Textarea(attrs={"rows": 3}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
            "learning_points": forms.Textarea(attrs={"rows": 3}),
            "suggested_changes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zero_error_area"].queryset = ZeroErrorArea.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).select_related("department")
        self.fields["department"].queryset = Department.objects.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        area = cleaned.get("zero_error_area")
        department = cleaned.get("department")
        if area is not None and department is not None and area.department_id != department.pk:
            self.add_error(
                "zero_error_area",
                _("This zero-error area belongs to %(department)s. Choose that department.")
                % {"department": area.department.name},
            )
        return cleaned


class HandleForm(CprRefusingForm):
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the payment was corrected and the citizen informed."),
    )


class SharedLearningForm(CprRefusingForm, forms.ModelForm[SharedLearning]):
    names_checked = forms.BooleanField(
        label=_("I have checked the flagged words: none of them is a name of a person"),
        required=False,
    )

    class Meta:
        model = SharedLearning
        fields = ["title", "summary", "learning_points", "suggested_changes"]
        labels = {
            "title": _("Title"),
            "summary": _("What happened (de-identified)"),
            "learning_points": _("Learning points"),
            "suggested_changes": _("Changes we make"),
        }
        help_texts = {
            "summary": _(
                "Remove anything that could identify a citizen or a colleague: names, "
                "dates, places, rare details. You can use simple formatting."
            ),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "learning_points": forms.Textarea(attrs={"rows": 5}),
            "suggested_changes": forms.Textarea(attrs={"rows": 4}),
        }


class CommentForm(CprRefusingForm):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class OwnerChoiceField(forms.ModelChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.email})" if obj.name else obj.email


class ActionForm(CprRefusingForm):
    title = forms.CharField(
        label=pgettext_lazy("learning", "Action"), max_length=200, validators=[validate_single_line]
    )
    owner = OwnerChoiceField(queryset=None, label=_("Owner"))
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class SharedFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("All departments"),
    )
    relevant = forms.BooleanField(label=_("Only those I marked relevant"), required=False)


class TrendFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("All departments"),
    )
