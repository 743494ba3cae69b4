from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.forms import CoordinateField
from samskab.core.models import Area
from samskab.core.validators import validate_single_line
from samskab.experiments.selectors import experiments_for_linking
from samskab.ideas.models import Idea
from samskab.ideas.selectors import theme_list
from samskab.meetings import selectors
from samskab.meetings.models import Action, Kind, LocalPlan, Meeting, Network
from samskab.meetings.services import MeetingData, NetworkData, PlanData
from samskab.organisations.selectors import local_councils


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *Kind.choices], required=False
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.all(), required=False, empty_label=_("All areas")
    )


class MeetingForm(forms.ModelForm[Meeting]):
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For online meetings: the link to the video meeting."),
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "accessibility",
            "capacity",
            "area",
            "network",
            "agenda",
            "is_published",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = selectors.network_list(user=user)  # type: ignore[attr-defined]

    def data_for_service(self) -> MeetingData:
        data = self.cleaned_data
        return MeetingData(**{name: data[name] for name in self.Meta.fields})


class RegistrationForm(forms.Form):
    needs = forms.CharField(
        label=_("Anything we should know? (optional)"),
        help_text=_("For example a wheelchair, a sign language interpreter or food allergies."),
        max_length=300,
        required=False,
    )


class MinutesForm(forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = ["agenda", "minutes"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    idea = forms.ModelChoiceField(
        label=_("About the idea (optional)"), queryset=Idea.objects.none(), required=False
    )

    def __init__(self, *args: Any, ideas: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["idea"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ideas


class MeetingIdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, validators=[validate_single_line])
    problem = forms.CharField(label=_("The problem"), widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("The idea"), widget=forms.Textarea(attrs={"rows": 4}))
    beneficiaries = forms.CharField(
        label=_("Who benefits"), widget=forms.Textarea(attrs={"rows": 2})
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=theme_list())
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all())


class NetworkForm(forms.ModelForm[Network]):
    class Meta:
        model = Network
        fields = ["name", "theme", "description", "area", "is_published", "ideas", "experiments"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = selectors.ideas_for_linking(user)  # type: ignore[attr-defined]
        self.fields["experiments"].queryset = experiments_for_linking()  # type: ignore[attr-defined]
        self.fields["ideas"].required = False
        self.fields["experiments"].required = False

    def data_for_service(self) -> NetworkData:
        data = self.cleaned_data
        return NetworkData(
            name=data["name"],
            theme=data["theme"],
            description=data["description"],
            area=data["area"],
            is_published=data["is_published"],
            ideas=list(data["ideas"]),
            experiments=list(data["experiments"]),
        )


class PlanForm(forms.ModelForm[LocalPlan]):
    class Meta:
        model = LocalPlan
        fields = [
            "title",
            "summary",
            "organisation",
            "local_council",
            "local_council_contact",
            "contact",
            "is_published",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = selectors.organisers()  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = local_councils()  # type: ignore[attr-defined]
        self.fields["local_council"].help_text = _(
            "Only when the local council is not an organisation here."
        )

    def data_for_service(self) -> PlanData:
        return PlanData(**{name: self.cleaned_data[name] for name in self.Meta.fields})


class GoalForm(forms.Form):
    text = forms.CharField(label=_("New goal"), max_length=300)


class ActionForm(forms.ModelForm[Action]):
    latitude = CoordinateField(kind="latitude", label=_("Latitude"))
    longitude = CoordinateField(kind="longitude", label=_("Longitude"))

    class Meta:
        model = Action
        fields = ["title", "description", "status", "responsible", "place", "latitude", "longitude"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Own ids: the plan's page also has the plan's form, with a title of its own.
        kwargs.setdefault("auto_id", "id_handling_%s")
        super().__init__(*args, **kwargs)


class GoalEditForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=300)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it closed?"),
        max_length=300,
        help_text=_("Shown on the plan beside the closed goal or action."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it sent back?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The person who proposed the change gets it by e-mail."),
    )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


class WorkshopChoiceForm(forms.Form):
    prefix = "choose"
    meeting = forms.ModelChoiceField(
        label=_("Workshop"), queryset=Meeting.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.workshops_for_ideas()  # type: ignore[attr-defined]


class WorkshopOutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("What the workshop came to"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Shown on the idea's page and e-mailed to the submitter. The idea then awaits "
            "a new decision."
        ),
    )
