"""Form helpers shared by every app."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_single_line

T = TypeVar("T")


def form_add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where the form has that field.

    Services validate too (a form is not the only caller), so their errors come back to the
    form here, with everything the user typed still in it.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def limited_formfields(
    numbers: Mapping[str, tuple[int, int]], single_line: Collection[str] = ()
) -> Callable[..., forms.Field | None]:
    """A ModelForm ``Meta.formfield_callback`` for models whose fields carry no limits.

    ``numbers`` bounds the named number fields: a number past the database column's range
    would otherwise reach the database and fail there (a 500); the bounds also become the
    inputs' ``min`` and ``max``. ``single_line`` fields refuse line breaks."""

    def formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
        if db_field.name in numbers:
            kwargs["min_value"], kwargs["max_value"] = numbers[db_field.name]
        field = db_field.formfield(**kwargs)
        if field is not None and db_field.name in single_line:
            field.validators.append(validate_single_line)
        return field

    return formfield


def form_submit(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str],
    then: Callable[[T], Any] | Any,
) -> HttpResponse | None:
    """The step every form view takes: form -> service -> message -> redirect.

    On a valid POST, ``save`` gets the cleaned data and calls the service. Its validation
    errors go back on the form (with the input kept) and None is returned, so the view shows
    the form again; otherwise ``success`` (a text, or a function of what ``save`` returned)
    is shown and the redirect to ``then`` (a URL, a model, or a function of what ``save``
    returned) is returned. None on GET as well.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as error:
        form_add_errors(form, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(then(result) if callable(then) else then)


F = TypeVar("F", bound=forms.BaseForm)


def filter_form(form_class: type[F], data: QueryDict, **kwargs: Any) -> F:
    """A list page's GET filter form, bound to ``data``, in which an unknown or broken value
    (an old link, a typed URL) is dropped quietly: the list shows everything for that filter
    instead of Django's "Marker en gyldig valgmulighed. … er ikke en af de tilgængelige
    valgmuligheder." The other filters still apply."""
    form = form_class(data or None, **kwargs)
    if form.is_bound and not form.is_valid():
        kept = data.copy()
        for name in form.errors:
            kept.pop(name, None)
        form = form_class(kept or None, **kwargs)
    return form


class CoordinateField(forms.DecimalField):
    """A latitude or longitude, typed with a Danish decimal comma ("55,4028") or a point.

    More than six decimals (a point picked on the map, a copied GPS reading) are rounded to
    the column's six; every other problem gets one plain message with an example.
    """

    widget = forms.TextInput

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        limit = 90 if kind == "latitude" else 180
        message = (
            _("Write the latitude as e.g. 55,4028 (between -90 and 90).")
            if kind == "latitude"
            else _("Write the longitude as e.g. 11,3546 (between -180 and 180).")
        )
        kwargs.setdefault("required", False)
        self.kind = kind
        self.message = message
        super().__init__(
            max_digits=9,
            decimal_places=6,
            min_value=Decimal(-limit),
            max_value=Decimal(limit),
            error_messages={
                code: message
                for code in (
                    "invalid",
                    "max_digits",
                    "max_decimal_places",
                    "max_whole_digits",
                    "min_value",
                    "max_value",
                )
            },
            **kwargs,
        )

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace("\u2212", "-")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        number = super().to_python(value)
        if number is None or not number.is_finite() or abs(number) > 1000:
            return number  # left to the range check
        return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)

    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except ValidationError as error:
            # One message per field, even when a number breaks two rules (too long, too big).
            if getattr(error, "code", None) == "required":
                raise
            raise ValidationError(self.message, code="invalid") from error

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # Not type="number": such inputs drop a comma in some browsers and send nothing.
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "data-coordinate": self.kind})
        return attrs

    def prepare_value(self, value: Any) -> Any:
        # Shown as typed in Danish: a comma, without trailing zeros.
        if isinstance(value, Decimal) and value.is_finite():
            text = format(value.normalize(), "f")
            return text.replace(".", ",")
        return value
