"""The idea bank's search, filters and pagination, and similar ideas, on whichever database
the suite runs against (SQLite by default, PostgreSQL under scripts/with-postgres.sh)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.core.models import Area, Department
from samskab.engagement.services import comment_add, support_toggle
from samskab.ideas import selectors
from samskab.ideas.models import Status, Theme
from samskab.ideas.tests.factories import IdeaFactory, handled_idea

pytestmark = pytest.mark.django_db


def test_it_finds_similar_ideas_across_singular_and_plural(resident: User) -> None:
    IdeaFactory.create(title="Ny legeplads i Skælskør", problem="Børnene mangler et sted at lege")
    IdeaFactory.create(title="Cykelsti langs landevejen", problem="Farlig trafik")
    found = selectors.similar_ideas(user=resident, text="Flere legepladser til børnene")
    assert [idea.title for idea in found] == ["Ny legeplads i Skælskør"], connection.vendor


def test_it_ranks_the_most_similar_idea_first(resident: User) -> None:
    IdeaFactory.create(title="Bænke", problem="Flere bænke")
    best = IdeaFactory.create(title="Bænke ved havnen i Korsør", problem="Bænke ved havnen")
    found = selectors.similar_ideas(user=resident, text="bænke ved havnen i Korsør")
    assert found[0] == best, connection.vendor


def test_it_leaves_out_internal_merged_and_hidden_ideas_from_similar_ideas(
    resident: User,
) -> None:
    IdeaFactory.create(title="Legeplads intern", is_internal=True)
    IdeaFactory.create(title="Legeplads sammenlagt", status=Status.MERGED)
    IdeaFactory.create(title="Legeplads skjult", is_hidden=True)
    visible = IdeaFactory.create(title="Legeplads synlig")
    assert selectors.similar_ideas(user=resident, text="legeplads") == [visible]


def test_it_searches_and_filters_the_idea_bank(client: Client) -> None:
    korsoer = Area.objects.get(slug="korsoer")
    themes = list(Theme.objects.order_by("pk")[:2])
    match = IdeaFactory.create(title="Hundeskov i Korsør", area=korsoer, theme=themes[0])
    IdeaFactory.create(title="Hundeskov i Slagelse", theme=themes[0])
    IdeaFactory.create(title="Lys på stien", area=korsoer, theme=themes[1])
    query = {"q": "hundeskov", "area": str(korsoer.pk), "theme": str(themes[0].pk)}
    response = client.get(reverse("ideas:index"), query)
    html = response.content.decode()
    assert match.title in html
    assert "Hundeskov i Slagelse" not in html
    assert "Lys på stien" not in html
    assert 'value="hundeskov"' in html  # the search is kept in the form


def test_it_filters_by_status_and_department(client: Client, manager: User) -> None:
    department = Department.objects.get(slug="dagtilbud")
    routed = handled_idea(manager, department=department, title="Rutet idé")
    IdeaFactory.create(title="Ny idé")
    html = client.get(
        reverse("ideas:index"), {"status": str(Status.ASSESSMENT), "department": str(department.pk)}
    ).content.decode()
    assert routed.title in html
    assert "Ny idé" not in html


def test_it_paginates_the_idea_bank_and_keeps_the_filters(client: Client) -> None:
    for number in range(23):
        IdeaFactory.create(title=f"Træ nummer {number}")
    first = client.get(reverse("ideas:index"), {"q": "træ"}).content.decode()
    assert first.count('class="card"') == 20
    assert "q=tr%C3%A6&amp;side=2" in first
    second = client.get(reverse("ideas:index"), {"q": "træ", "side": "2"}).content.decode()
    assert second.count('class="card"') == 3


def test_it_lists_ideas_with_counts_in_a_fixed_number_of_queries(
    client: Client, resident: User, django_assert_max_num_queries
) -> None:
    ideas = [IdeaFactory.create() for _ in range(15)]
    support_toggle(user=resident, target=ideas[0])
    comment_add(author=resident, target=ideas[0], body="Godt!")
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("ideas:index")).content.decode()
    assert "1 støtte" in html
    assert "1 kommentar" in html


@pytest.mark.parametrize(
    ("role_fixture", "url_name"),
    [
        ("manager", "ideas:queue"),
        ("secretariat", "ideas:screening"),
        ("secretariat", "ideas:overdue"),
    ],
)
def test_it_shows_queues_in_a_fixed_number_of_queries(
    request, client: Client, role_fixture: str, url_name: str, django_assert_max_num_queries
) -> None:
    user = request.getfixturevalue(role_fixture)
    for _ in range(10):
        handled_idea(user, deadline="2000-01-01")
        IdeaFactory.create(deadline="2000-01-01")
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_it_shows_an_idea_page_in_a_fixed_number_of_queries(
    client: Client, resident: User, django_assert_max_num_queries
) -> None:
    idea = IdeaFactory.create()
    for number in range(5):
        comment_add(author=resident, target=idea, body=f"Kommentar {number}")
    client.force_login(resident)
    with django_assert_max_num_queries(20):
        response = client.get(idea.get_absolute_url())
    assert response.status_code == 200
