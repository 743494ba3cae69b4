"""Proposals by residents, vetting by the administration, merging with consent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.accounts.tests.factories import UserFactory
from samskab.budgets.models import MergeRequest, Proposal, ProposalStatus
from samskab.budgets.services import merge_request_answer, merge_request_create
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Department

pytestmark = pytest.mark.django_db

# A real 1x1 PNG: uploads are checked by their header (samskab/core/images.py).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS"
    b"\xde\x00\x00\x00\x0cIDATx\x9cc8!'\x07\x00\x02\xb6\x01\x054\xa6u\xaa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _form(process, **extra):
    data = {
        "title": "Bålplads ved søen",
        "description": "Et sted at mødes.",
        "budget_area": process.areas.get().pk,
        "category": "nature",
        "carried_out_by": "association",
        "carried_out_by_name": "Spejderne",
        "udgifter-TOTAL_FORMS": "3",
        "udgifter-INITIAL_FORMS": "0",
        "udgifter-0-description": "Sten og bænke",
        "udgifter-0-amount": "30000",
        "udgifter-1-description": "Skilt",
        "udgifter-1-amount": "5000",
    }
    data.update(extra)
    return data


def test_it_stores_a_proposal_with_its_cost_breakdown_and_image(client, resident) -> None:
    process = make_process(phase="proposals")
    client.force_login(resident)
    image = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        _form(process, image=image, image_description="Søen om aftenen"),
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.estimated_cost == 35_000 and proposal.cost_lines.count() == 2
    assert proposal.image.name.endswith(".png") and "foto" not in proposal.image.name
    served = client.get(reverse("budgets:proposal_image", args=[proposal.pk]))
    assert served["Content-Type"] == "image/png"


def test_it_rejects_files_that_are_not_images_and_keeps_the_input(client, resident) -> None:
    process = make_process(phase="proposals")
    client.force_login(resident)
    fake = SimpleUploadedFile("foto.png", b"<html>not an image</html>", content_type="image/png")
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        _form(process, image=fake, image_description="x"),
    )
    page = response.content.decode()
    assert "JPEG-, PNG- eller WebP-fil" in page and "Bålplads ved søen" in page
    assert Proposal.objects.count() == 0


def test_it_rejects_proposals_above_the_maximum_cost(client, resident) -> None:
    process = make_process(phase="proposals", max_project_cost=20_000)
    client.force_login(resident)
    response = client.post(reverse("budgets:proposal_create", args=[process.slug]), _form(process))
    assert (
        "Det er mere end de 20.000\xa0kr., et projekt højst må koste." in response.content.decode()
    )
    assert Proposal.objects.count() == 0


def test_it_shows_similar_proposals_while_typing_and_without_javascript(client, resident) -> None:
    process = make_process(phase="proposals")
    existing = make_proposal(process, title="Ny legeplads i Byparken", accepted=False)
    partial = client.get(
        reverse("budgets:similar", args=[process.slug]), {"title": "legepladser"}
    ).content.decode()
    assert existing.title in partial and "<html" not in partial
    client.force_login(resident)
    page = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        _form(process, title="Legepladser til alle", check_similar="1"),
    ).content.decode()
    assert existing.title in page and Proposal.objects.count() == 1


def test_it_routes_vets_and_tells_the_proposer(
    client, secretariat, django_capture_on_commit_callbacks
) -> None:
    process = make_process(phase="vetting")
    proposal = make_proposal(process, accepted=False)
    client.force_login(secretariat)
    department = Department.objects.first()
    assert department is not None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("budgets:route", args=[proposal.pk]), {"department": department.pk})
        response = client.post(
            reverse("budgets:vet", args=[proposal.pk]),
            {
                "legal_feasibility": "yes",
                "technical_feasibility": "conditions",
                "investment_cost": "120000",
                "running_cost": "5000",
                "decision": "accepted",
                "public_reason": "Kan lade sig gøre.",
            },
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.ballot_cost == 120_000
    assert [m.to for m in mail.outbox] == [[proposal.author.email]] * 2


def test_it_requires_a_public_reason_for_a_decision(client, secretariat) -> None:
    process = make_process(phase="vetting")
    proposal = make_proposal(process, accepted=False)
    client.force_login(secretariat)
    response = client.post(
        reverse("budgets:vet", args=[proposal.pk]),
        {
            "legal_feasibility": "no",
            "technical_feasibility": "yes",
            "decision": "rejected",
            "public_reason": "",
        },
    )
    assert response.status_code == 400
    assert "Forklar afgørelsen" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_it_merges_only_when_both_proposers_agree(secretariat) -> None:
    process = make_process(phase="vetting")
    source = make_proposal(process, title="A", accepted=False)
    target = make_proposal(process, title="B", accepted=False)
    merge = merge_request_create(actor=secretariat, source=source, target=target, reason="Ens")
    merge_request_answer(user=source.author, request=merge, accept=True)
    source.refresh_from_db()
    assert source.status == ProposalStatus.SUBMITTED
    merge_request_answer(user=target.author, request=merge, accept=True)
    source.refresh_from_db()
    assert source.status == ProposalStatus.MERGED and source.merged_into == target

    declined = merge_request_create(
        actor=secretariat, source=target, target=make_proposal(process, title="C"), reason="x"
    )
    merge_request_answer(user=target.author, request=declined, accept=False)
    declined.refresh_from_db()
    assert declined.status == MergeRequest.Status.DECLINED


def test_it_lists_proposals_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
) -> None:
    process = make_process(phase="voting")
    for n in range(10):
        make_proposal(process, title=f"Forslag {n}", author=UserFactory.create())
    with django_assert_max_num_queries(12):
        response = client.get(reverse("budgets:process", args=[process.slug]))
    assert response.content.decode().count("Forslag ") >= 10


def test_it_shows_the_phases_as_a_step_indicator_with_the_current_one_marked(client) -> None:
    process = make_process(phase="voting")
    html = client.get(reverse("budgets:process", args=[process.slug])).content.decode()
    steps = html[html.index('<ol class="step-indicator">') : html.index("</ol>")]
    assert steps.count("<li ") == 6
    assert steps.count('class="completed"') == 3  # information, proposals, vetting
    current = steps[steps.index('aria-current="step"') :]
    assert "Afstemning" in current.split("</li>")[0]


@pytest.mark.parametrize(
    ("latitude", "longitude"), [("55,4028", "11,3546"), ("55.4028", "11.3546")]
)
def test_it_stores_a_place_typed_with_a_comma_or_a_point(
    client, resident, latitude: str, longitude: str
) -> None:
    process = make_process(phase="proposals")
    client.force_login(resident)
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        _form(process, latitude=latitude, longitude=longitude),
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (str(proposal.latitude), str(proposal.longitude)) == ("55.402800", "11.354600")


def test_it_refuses_a_wrong_latitude_in_plain_danish_and_keeps_the_input(client, resident) -> None:
    process = make_process(phase="proposals")
    client.force_login(resident)
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        _form(process, latitude="554,028", longitude="11,3546"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv breddegraden som fx 55,4028 (mellem -90 og 90)." in page
    assert "maksimalt" not in page
    assert 'value="554,028"' in page and 'value="11,3546"' in page
    assert Proposal.objects.count() == 0


def test_it_offers_a_map_picker_under_the_coordinate_fields(client, resident, settings) -> None:
    settings.MAP_TILE_URL = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
    process = make_process(phase="proposals")
    client.force_login(resident)
    response = client.get(reverse("budgets:proposal_create", args=[process.slug]))
    page = response.content.decode()
    assert 'data-map-picker data-latitude="id_latitude" data-longitude="id_longitude"' in page
    assert "/static/samskab/js/map-picker.js" in page
    assert "http://127.0.0.1:9" in response["Content-Security-Policy"]


def test_it_shows_the_proposals_with_a_place_on_a_map_beside_the_list(client, settings) -> None:
    settings.MAP_TILE_URL = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
    process = make_process(phase="voting")
    placed = make_proposal(process, title="Bålplads ved søen")
    Proposal.objects.filter(pk=placed.pk).update(latitude="55.4028", longitude="11.3546")
    make_proposal(process, title="Legeplads uden sted")
    response = client.get(reverse("budgets:process", args=[process.slug]))
    page = response.content.decode()
    places = page[page.index('id="places-heading"') : page.index('id="map-places"')]
    assert "Bålplads ved søen" in places and "55,40280" in places
    assert "Legeplads uden sted" not in places
    assert 'class="map-beside"' in page and "/static/leaflet/leaflet.js" in page
    assert "img-src 'self' data: http://127.0.0.1:9" in response["Content-Security-Policy"]


def test_it_shows_no_map_when_no_proposal_has_a_place(client) -> None:
    process = make_process(phase="voting")
    make_proposal(process, title="Legeplads uden sted")
    page = client.get(reverse("budgets:process", args=[process.slug])).content.decode()
    assert "Legeplads uden sted" in page and "leaflet.js" not in page
