from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.organisations.models import MemberRole, Organisation
from samskab.organisations.services import OrganisationData


class OrganisationForm(forms.ModelForm[Organisation]):
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "area", "description", "website"]

    def data_for_service(self) -> OrganisationData:
        data: dict[str, Any] = self.cleaned_data
        return OrganisationData(
            name=data["name"],
            kind=data["kind"],
            description=data.get("description", ""),
            area=data.get("area"),
            website=data.get("website", ""),
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send an invitation link to this address."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial="member")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
