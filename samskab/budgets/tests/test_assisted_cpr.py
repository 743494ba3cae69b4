"""The assisted-voting desk refuses every CPR spelling but ten ASCII digits (one hyphen).

Arabic-Indic, fullwidth or Devanagari digits read as the same birth date but would give
another person key: without this, the desk could cast one ballot per spelling.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.identity import person_key_from_cpr
from samskab.accounts.tests.test_cpr_paths import HOSTILE
from samskab.budgets.models import Ballot
from samskab.budgets.tests.factories import make_desk_clerk, make_process, make_proposal

pytestmark = pytest.mark.django_db

SPELLINGS = ["arabic-indic", "fullwidth", "devanagari", "one-arabic-digit", "two-hyphens"]


def _desk_vote(client: Client, slug: str, cpr: str, project: int) -> int:
    response = client.post(
        reverse("budgets:assisted", args=[slug]),
        {
            "omraade": "slagelse-kommune",
            "cpr": cpr,
            "lives_in_municipality": "on",
            "project": [project],
        },
    )
    return response.status_code


@pytest.mark.parametrize("name", SPELLINGS)
def test_it_refuses_a_hostile_cpr_spelling_at_the_desk(client: Client, name: str) -> None:
    process = make_process(ballot_type="basket", assisted_voting=True)
    proposal = make_proposal(process, title="Sti", cost=100_000)
    client.force_login(make_desk_clerk())
    assert _desk_vote(client, process.slug, "010749-1234", proposal.pk) == 200
    assert _desk_vote(client, process.slug, HOSTILE[name], proposal.pk) == 400
    assert list(Ballot.objects.values_list("voter_key", flat=True)) == [
        person_key_from_cpr("0107491234")
    ]
