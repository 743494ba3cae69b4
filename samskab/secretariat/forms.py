from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.selectors import area_list, department_list
from samskab.secretariat import selectors
from samskab.secretariat.models import CommitteeReport, quarter_dates
from samskab.secretariat.selectors import Filters


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def recent_quarters(today: datetime.date, count: int = 8) -> list[tuple[int, int]]:
    year, quarter = quarter_of(today)
    result = []
    for _step in range(count):
        result.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return result


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months up to and including today."""
    return today.replace(year=today.year - 1) + datetime.timedelta(days=1), today


class OverviewFilterForm(forms.Form):
    """Period (a quarter, or from and to dates), department and area. A GET form."""

    kvartal = forms.ChoiceField(label=_("Quarter"), required=False)
    fra = forms.DateField(label=_("From"), required=False, widget=DateInput())
    til = forms.DateField(label=_("To"), required=False, widget=DateInput())
    center = forms.ModelChoiceField(
        label=_("Department"),
        queryset=department_list(),
        required=False,
        empty_label=_("All departments"),
    )
    omraade = forms.ModelChoiceField(
        label=_("Area"), queryset=area_list(), required=False, empty_label=_("All areas")
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        field = self.fields["kvartal"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Use the dates"))] + [
            (f"{year}-{quarter}", f"{year} K{quarter}") for year, quarter in recent_quarters(today)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("fra"), data.get("til")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period must be before its end."))
        return data

    def filters(self) -> Filters:
        """The chosen filters; the last twelve months when nothing (valid) was chosen."""
        start, end = default_period(self.today)
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kvartal"):
            year, quarter = (int(part) for part in data["kvartal"].split("-"))
            start, end = quarter_dates(year, quarter)
        else:
            start = data.get("fra") or start
            end = data.get("til") or end
        return Filters(
            start=start, end=end, department=data.get("center"), area=data.get("omraade")
        )


class IdeaListFilterForm(OverviewFilterForm):
    status = forms.CharField(required=False, widget=forms.HiddenInput)
    trin = forms.CharField(required=False, widget=forms.HiddenInput)
    frist = forms.CharField(required=False, widget=forms.HiddenInput)


class CommitteeReportForm(forms.ModelForm[CommitteeReport]):
    class Meta:
        model = CommitteeReport
        fields = [
            "year",
            "quarter",
            "title",
            "highlights",
            "highlighted_ideas",
            "highlighted_experiments",
            "highlighted_learnings",
            "decisions",
        ]
        widgets = {
            "highlights": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 6}),
            "highlighted_ideas": forms.CheckboxSelectMultiple,
            "highlighted_experiments": forms.CheckboxSelectMultiple,
            "highlighted_learnings": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "highlighted_ideas": _("Public ideas decided in the quarter."),
            "highlighted_experiments": _("Experiments that have started."),
            "highlighted_learnings": _("Published learnings (without personal details)."),
        }

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year, quarter = quarter_of(today)
        if self.instance.pk:
            year, quarter = self.instance.year, self.instance.quarter
        else:
            self.fields["year"].initial = year
            self.fields["quarter"].initial = quarter
        start, end = quarter_dates(year, quarter)
        choices = {
            "highlighted_ideas": selectors.highlight_ideas(start, end),
            "highlighted_experiments": selectors.highlight_experiments(),
            "highlighted_learnings": selectors.highlight_learnings(),
        }
        for name, queryset in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = queryset


class ResolutionsForm(forms.Form):
    resolutions = forms.CharField(
        label=_("What the committee resolved"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One paragraph per decision it was asked for. Markdown."),
    )
