"""Forms for surveys: the survey, one question, and the answer form built from the
survey's questions. They validate input; ``services.py`` does the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.accounts.permissions import is_secretariat
from samskab.experiments.models import Experiment
from samskab.ideas.models import Idea
from samskab.meetings.models import LocalPlan, Meeting
from samskab.surveys.models import CHOICE_KINDS, Question, QuestionKind, Survey
from samskab.surveys.services import SURVEY_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class SurveyForm(forms.ModelForm[Survey]):
    class Meta:
        model = Survey
        fields = list(SURVEY_FIELDS)  # the fields the service saves, named once
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        subjects: dict[str, Any] = {
            "plan": LocalPlan.objects.select_related("area"),
            "meeting": Meeting.objects.order_by("-starts_at"),
            "experiment": Experiment.objects.order_by("title"),
            "idea": Idea.objects.order_by("-pk"),
        }
        if not is_secretariat(user):
            # Employees make surveys about what they look after.
            subjects["plan"] = subjects["plan"].filter(contact=user)
            subjects["meeting"] = subjects["meeting"].filter(organiser=user)
            subjects["experiment"] = subjects["experiment"].filter(owner=user)
            subjects["idea"] = subjects["idea"].filter(responsible=user)
        for name, queryset in subjects.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            if self.instance.pk and getattr(self.instance, f"{name}_id"):
                queryset = queryset.model.objects.filter(
                    Q(pk__in=queryset.values("pk")) | Q(pk=getattr(self.instance, f"{name}_id"))
                )
            field.queryset = queryset
        self.fields["plan"].help_text = _(
            "What the survey is about: choose at most one plan, meeting, experiment or idea. "
            "Leave all four empty for a survey on its own."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not is_secretariat(self.user) and self.instance.created_by_id != getattr(
            self.user, "pk", None
        ):
            chosen = [data.get(name) for name in ("plan", "meeting", "experiment", "idea")]
            if not any(chosen):
                self.add_error(
                    "plan",
                    _("Choose the plan, meeting, experiment or idea that the survey is about."),
                )
        return data


class QuestionForm(forms.ModelForm[Question]):
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One option per line. For one choice, several choices and ranking."),
    )
    scale_min = forms.IntegerField(
        label=_("scale from"), min_value=0, max_value=10, required=False, initial=1
    )
    scale_max = forms.IntegerField(
        label=_("scale to"), min_value=0, max_value=10, required=False, initial=5
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "is_required",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
        ]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["options"] = "\n".join(o.text for o in self.instance.options.all())

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]

    def data_for_service(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def answer_field_name(question: Question, option_id: int | None = None) -> str:
    return f"q{question.pk}" if option_id is None else f"q{question.pk}_{option_id}"


class AnswerForm(forms.Form):
    """One field per question (ranking: one select per option, 1 to n, each rank once)."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        for question in self.questions:
            options = list(question.options.all())
            choices = [(str(option.pk), option.text) for option in options]
            label = (
                question.text
                if question.is_required
                else _("%(question)s (optional)") % {"question": question.text}
            )
            common: dict[str, Any] = {
                "label": label,
                "help_text": question.help_text,
                "required": question.is_required,
            }
            if question.kind == QuestionKind.SINGLE:
                field: forms.Field = forms.ChoiceField(
                    choices=choices, widget=forms.RadioSelect, **common
                )
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, **common
                )
            elif question.kind == QuestionKind.SCALE:
                low, high = question.scale_min, question.scale_max
                labels = {low: question.scale_min_label, high: question.scale_max_label}
                field = forms.ChoiceField(
                    choices=[
                        (str(value), f"{value} ({labels[value]})" if labels.get(value) else value)
                        for value in range(low, high + 1)
                    ],
                    widget=forms.RadioSelect,
                    **common,
                )
            elif question.kind == QuestionKind.TEXT:
                field = forms.CharField(
                    max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), **common
                )
            else:
                ranks = [("", "–")] + [(str(n), str(n)) for n in range(1, len(options) + 1)]
                for option in options:
                    self.fields[answer_field_name(question, option.pk)] = forms.ChoiceField(
                        label=option.text, choices=ranks, required=question.is_required
                    )
                continue
            self.fields[answer_field_name(question)] = field

    def grouped(self) -> list[tuple[Question, list[forms.BoundField]]]:
        """The questions in order, each with its fields (several only for ranking)."""
        groups = []
        for question in self.questions:
            if question.kind == QuestionKind.RANKING:
                names = [answer_field_name(question, o.pk) for o in question.options.all()]
            else:
                names = [answer_field_name(question)]
            groups.append((question, [self[name] for name in names]))
        return groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for question in self.questions:
            if question.kind != QuestionKind.RANKING:
                continue
            options = list(question.options.all())
            names = [answer_field_name(question, option.pk) for option in options]
            given = [data.get(name) for name in names if data.get(name)]
            if len(set(given)) != len(given):
                self.add_error(
                    names[0],
                    _("“%(question)s”: give each place in the ranking once.")
                    % {"question": question.text},
                )
            elif given and len(given) != len(options):
                self.add_error(
                    names[0],
                    _("“%(question)s”: rank all the options, or none of them.")
                    % {"question": question.text},
                )
        return data

    def answers(self) -> dict[int, Any]:
        data = self.cleaned_data
        result: dict[int, Any] = {}
        for question in self.questions:
            if question.kind == QuestionKind.RANKING:
                ranks = {
                    option.pk: int(data[answer_field_name(question, option.pk)])
                    for option in question.options.all()
                    if data.get(answer_field_name(question, option.pk))
                }
                result[question.pk] = ranks
            else:
                result[question.pk] = data.get(answer_field_name(question))
        return result


__all__ = ["CHOICE_KINDS", "AnswerForm", "QuestionForm", "SurveyForm"]
