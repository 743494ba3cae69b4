"""Survey answers in the person's data export and erasure.

Answers carry no link to anyone, so they are neither exported nor erased: nobody can tell
which are a person's. What can be derived honestly is which surveys a logged-in person has
answered, by computing their keyed hash for each survey (``respondents.respondent_key``);
the export lists those, and erasure deletes those rows (the answers stay, unlinked).
"""

from __future__ import annotations

from typing import Any

from samskab.accounts.models import User
from samskab.surveys.models import Respondent, Survey
from samskab.surveys.respondents import respondent_key


def _own_rows(user: User) -> list[Respondent]:
    keys = {respondent_key(survey, user): survey for survey in Survey.objects.only("pk")}
    return list(
        Respondent.objects.filter(key__in=list(keys)).select_related("survey").order_by("pk")
    )


def surveys_export(user: User) -> list[dict[str, Any]]:
    return [
        {"survey": row.survey.title, "survey_id": row.survey_id, "answered": True}
        for row in _own_rows(user)
    ]


def surveys_erase(user: User) -> None:
    Respondent.objects.filter(pk__in=[row.pk for row in _own_rows(user)]).delete()
