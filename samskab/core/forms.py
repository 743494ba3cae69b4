"""Form helpers shared by every app."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from samskab.core.validators import validate_single_line


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
