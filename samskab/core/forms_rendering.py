"""Forms in the markup of Det Fælles Designsystem (DKFDS), for every form at once.

settings.FORM_RENDERER points here, so `{{ form.x.as_field_group }}` and `{{ form }}` give
DKFDS form groups (label, hint, error message, input classes), dropdowns offer "Vælg …"
instead of Django's "---------", and a file field with errors says the file must be chosen
again. The error summary at the top of a form is the `{% error_summary form %}` tag
(samskab.core.templatetags.samskab).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django.forms import widgets
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.template.backends.django import DjangoTemplates as DjangoTemplatesBackend
from django.utils.functional import cached_property

# Templates that replace some of Django's own widget templates (searched before Django's).
OVERRIDES = Path(__file__).resolve().parent / "form_templates"

# Django's label for an empty choice; dropdowns say "Vælg …" instead, and a required radio
# list leaves it out (form_templates/django/forms/widgets/).
BLANK_LABEL = "---------"

# The DKFDS class for each kind of widget; other widgets keep their own.
WIDGET_CLASSES: list[tuple[type[widgets.Widget], str]] = [
    (widgets.CheckboxSelectMultiple, "form-checkbox"),
    (widgets.RadioSelect, "form-radio"),
    (widgets.CheckboxInput, "form-checkbox"),
    (widgets.Select, "form-select"),
    (widgets.Textarea, "form-input"),
    (widgets.FileInput, "form-file-input"),
    (widgets.Input, "form-input"),
]


def widget_class(widget: widgets.Widget) -> str | None:
    for kind, css_class in WIDGET_CLASSES:
        if isinstance(widget, kind):
            return css_class
    return None


class DesignSystemBoundField(BoundField):
    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: widgets.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        css_class = widget_class(widget or self.field.widget)
        if css_class:
            attrs["class"] = f"{attrs['class']} {css_class}" if attrs.get("class") else css_class
        return attrs

    @property
    def error_target(self) -> str:
        """The id the error summary links to: the field, or a list's first option."""
        if isinstance(self.field.widget, widgets.ChoiceWidget) and self.use_fieldset:
            shown = [
                option
                for option in self.subwidgets
                if not (option.data["value"] == "" and option.data["label"] == BLANK_LABEL)
            ]
            if shown:
                return str(shown[0].id_for_label)
        return str(self.id_for_label or self.auto_id)

    @property
    def is_file(self) -> bool:
        return isinstance(self.field.widget, widgets.FileInput)

    @property
    def must_choose_file_again(self) -> bool:
        """A file was sent with a form that has errors: browsers do not keep it."""
        return bool(
            self.is_file
            and self.form.is_bound
            and self.form.errors
            and self.form.files.get(self.html_name)
        )

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, widgets.CheckboxInput)


class DesignSystemFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = DesignSystemBoundField

    @cached_property
    def engine(self) -> DjangoTemplatesBackend:
        return DjangoTemplatesBackend(
            {
                "APP_DIRS": True,
                "DIRS": [OVERRIDES, Path(django.forms.__file__).parent / "templates"],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
