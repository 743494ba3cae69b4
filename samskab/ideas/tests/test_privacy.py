"""Ideas in the person's data export; after erasure they stay, by a deleted user."""

from __future__ import annotations

import pytest

from samskab.accounts.models import User
from samskab.accounts.selectors import personal_data
from samskab.accounts.services import account_erase
from samskab.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_it_exports_the_persons_ideas_with_their_answers(resident: User) -> None:
    IdeaFactory.create(author=resident, title="Bænke ved åen", answer="Vi sætter dem op.")
    IdeaFactory.create(title="En andens idé")
    data = personal_data(user=resident)["sections"]["ideas"]["ideas"]
    assert [(i["title"], i["answer"]) for i in data] == [("Bænke ved åen", "Vi sætter dem op.")]


def test_it_keeps_the_idea_after_erasure_without_the_name(resident: User) -> None:
    idea = IdeaFactory.create(author=resident)
    account_erase(user=resident)
    idea.refresh_from_db()
    assert str(idea.author) == "Slettet bruger"
