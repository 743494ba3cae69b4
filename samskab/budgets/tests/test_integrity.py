"""Election integrity: phases only move forward, rules are frozen once voting opens."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.services import privacy_retention_run
from samskab.accounts.tests.helpers import log_in_with_second_factor
from samskab.budgets import services
from samskab.budgets.ballots import voter_from_user
from samskab.budgets.models import Ballot, BudgetProcess, Phase
from samskab.budgets.services_results import results_publish
from samskab.budgets.tests.factories import (
    make_desk_clerk,
    make_process,
    make_proposal,
    make_voter,
)
from samskab.budgets.voting import AlreadyVoted, ballot_cast
from samskab.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _cast(process: BudgetProcess, voter, proposal) -> None:
    process.refresh_from_db()
    ballot_cast(
        process=process,
        voter=voter_from_user(voter),
        choices={proposal.pk: 1},
        budget_area=process.areas.get(),
    )


def test_it_never_lets_a_person_vote_twice_by_reopening_voting_after_the_retention_job(
    secretariat,
) -> None:
    process = make_process(allow_ballot_change=False)
    proposal = make_proposal(process)
    voter = make_voter()
    _cast(process, voter, proposal)
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    results_publish(process=process, actor=secretariat)
    privacy_retention_run(now=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.process_set_phase(
            actor=secretariat, process=process, phase=Phase.VOTING, reason="Fejl i datoerne"
        )
    with pytest.raises(ValidationError):
        services.process_set_phase(actor=secretariat, process=process, phase="")
    # Whatever the dates or the phase field say, voting never reopens after publication.
    BudgetProcess.objects.filter(pk=process.pk).update(phase_override=Phase.VOTING)
    process.refresh_from_db()
    assert not process.is_voting_open
    with pytest.raises(ValidationError):
        _cast(process, voter, proposal)
    assert Ballot.objects.filter(process=process).count() == 1


def test_it_keeps_voter_links_when_voting_is_reopened_before_publication(secretariat) -> None:
    process = make_process(allow_ballot_change=False)
    proposal = make_proposal(process)
    voter = make_voter()
    _cast(process, voter, proposal)
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    privacy_retention_run(now=timezone.now() + datetime.timedelta(days=1))
    services.process_set_phase(
        actor=secretariat, process=process, phase=Phase.VOTING, reason="Stemmesiden var nede"
    )
    with pytest.raises(AlreadyVoted):
        _cast(process, voter, proposal)
    assert Ballot.objects.filter(process=process).count() == 1
    event = AuditEvent.objects.filter(action="reopen_voting").get()
    assert event.detail["reason"] == "Stemmesiden var nede"
    assert event.actor == secretariat


def test_it_refuses_a_reopening_without_a_reason(secretariat) -> None:
    process = make_process(phase="results")
    with pytest.raises(ValidationError) as error:
        services.process_set_phase(actor=secretariat, process=process, phase=Phase.VOTING)
    assert "begrundelse" in str(error.value.messages)
    process.refresh_from_db()
    assert not process.is_voting_open


@pytest.mark.parametrize(
    ("now", "wanted"),
    [
        ("vetting", Phase.PROPOSALS),
        ("voting", Phase.VETTING),
        ("implementation", Phase.RESULTS),
        ("voting", Phase.INFORMATION),
    ],
)
def test_it_moves_phases_only_forward(secretariat, now, wanted) -> None:
    process = make_process(phase=now)
    with pytest.raises(ValidationError):
        services.process_set_phase(
            actor=secretariat, process=process, phase=wanted, reason="Bare fordi"
        )
    process.refresh_from_db()
    assert process.current_phase == now


def test_it_moves_forward_by_hand(secretariat) -> None:
    process = make_process(phase="vetting")
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.VOTING)
    process.refresh_from_db()
    assert process.is_voting_open


def test_it_refuses_following_the_dates_back_to_an_earlier_phase(secretariat) -> None:
    process = make_process(phase="vetting")
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.VOTING)
    with pytest.raises(ValidationError):
        services.process_set_phase(actor=secretariat, process=process, phase="")


def test_it_shows_the_phase_refusal_as_a_message_not_an_error_page(client, secretariat) -> None:
    process = make_process(phase="results")
    client.force_login(secretariat)
    response = client.post(
        reverse("budgets:process_phase", args=[process.slug]),
        {"phase": Phase.PROPOSALS},
        follow=True,
    )
    assert response.status_code == 200
    assert "kun gå fremad" in response.content.decode()
    process.refresh_from_db()
    assert process.current_phase == Phase.RESULTS


# Rules frozen once voting opens -------------------------------------------------------------


def _values(process: BudgetProcess, **changes) -> dict:
    values = {name: getattr(process, name) for name in services.PROCESS_FIELDS}
    values.update(changes)
    return values


def _areas(process: BudgetProcess) -> list:
    return [(ba.area, ba.budget) for ba in process.areas.all()]


FROZEN_CHANGES = [
    ("min_age", 18),
    ("residency", "area"),
    ("ballot_type", "approval"),
    ("min_projects", 2),
    ("max_projects", 3),
    ("points_total", 20),
    ("rank_count", 4),
    ("result_rule", "mes-add1"),
    ("max_project_cost", 400_000),
    ("allow_ballot_change", False),
    ("assisted_voting", True),
]


@pytest.mark.parametrize(("field", "value"), FROZEN_CHANGES)
def test_it_refuses_a_rule_change_once_voting_has_opened(secretariat, field, value) -> None:
    process = make_process(phase="voting")
    version = process.rules_version
    with pytest.raises(ValidationError) as error:
        services.process_save(
            actor=secretariat,
            process=process,
            areas=_areas(process),
            **_values(process, **{field: value}),
        )
    assert "kan ikke længere ændres" in " ".join(error.value.messages)
    process = BudgetProcess.objects.get(pk=process.pk)
    assert getattr(process, field) != value
    assert process.rules_version == version


@pytest.mark.parametrize(("field", "value"), FROZEN_CHANGES)
def test_it_allows_a_rule_change_before_voting_and_counts_the_version(
    secretariat, field, value
) -> None:
    process = make_process(phase="vetting")
    version = process.rules_version
    saved = services.process_save(
        actor=secretariat,
        process=process,
        areas=_areas(process),
        **_values(process, **{field: value}),
    )
    assert getattr(saved, field) == value
    assert BudgetProcess.objects.get(pk=process.pk).rules_version == version + 1


def test_it_refuses_a_budget_change_once_voting_has_opened(secretariat) -> None:
    process = make_process(phase="results")
    area = process.areas.get()
    with pytest.raises(ValidationError):
        services.process_save(
            actor=secretariat, process=process, areas=[(area.area, 2_000_000)], **_values(process)
        )
    area.refresh_from_db()
    assert area.budget == 1_000_000


def test_it_still_lets_staff_correct_the_description_while_voting(secretariat) -> None:
    process = make_process(phase="voting")
    saved = services.process_save(
        actor=secretariat,
        process=process,
        areas=_areas(process),
        **_values(process, description="Rettet tekst"),
    )
    assert saved.description == "Rettet tekst"


def test_it_shows_the_frozen_rules_as_disabled_fields_with_an_explanation(
    client, secretariat
) -> None:
    process = make_process(phase="voting")
    client.force_login(secretariat)
    response = client.get(reverse("budgets:process_edit", args=[process.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="frozen-rules"' in page
    assert 'name="min_age" value="15" min="0" disabled' in page or (
        'name="min_age"' in page and "disabled" in page.split('name="min_age"')[1].split(">")[0]
    )
    assert "disabled" in page.split('name="omraader-0-budget"')[1].split(">")[0]
    data = {name: getattr(process, name) for name in services.PROCESS_FIELDS}
    data.update(
        {
            "min_age": "99",
            "is_published": "on",
            "allow_ballot_change": "on",
            "omraader-TOTAL_FORMS": "1",
            "omraader-INITIAL_FORMS": "1",
            "omraader-0-area": process.areas.get().area_id,
            "omraader-0-budget": "5",
            "description": "Ny tekst",
        }
    )
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    response = client.post(reverse("budgets:process_edit", args=[process.slug]), data)
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.min_age == 15
    assert process.description == "Ny tekst"
    assert process.areas.get().budget == 1_000_000


def _proposal_input(proposal, **changes):
    values = {
        "budget_area": proposal.budget_area,
        "title": proposal.title,
        "description": proposal.description,
        "category": proposal.category,
        "carried_out_by": proposal.carried_out_by,
        "carried_out_by_name": "",
        "cost_lines": [("Alt", proposal.estimated_cost)],
    }
    values.update(changes)
    return services.ProposalInput(**values)


@pytest.mark.parametrize(
    "change",
    [{"title": "Ny titel"}, {"description": "Ny tekst"}, {"cost_lines": [("Alt", 1)]}],
)
def test_it_refuses_changing_a_proposal_on_the_ballot_once_voting_has_opened(
    secretariat, change
) -> None:
    process = make_process(phase="voting")
    proposal = make_proposal(process)
    with pytest.raises(ValidationError):
        services.proposal_update(
            actor=secretariat, proposal=proposal, data=_proposal_input(proposal, **change)
        )
    proposal.refresh_from_db()
    assert proposal.title == "Legeplads i parken"
    assert proposal.estimated_cost == 100_000


def test_it_refuses_a_new_vetting_decision_once_voting_has_opened(secretariat) -> None:
    process = make_process(phase="voting")
    proposal = make_proposal(process)
    with pytest.raises(ValidationError):
        services.proposal_vet(
            actor=secretariat,
            proposal=proposal,
            legal_feasibility="yes",
            technical_feasibility="yes",
            assessment="",
            investment_cost=200_000,
            running_cost=None,
            decision="rejected",
            public_reason="Nej",
        )
    proposal.refresh_from_db()
    assert proposal.status == "accepted"


@pytest.mark.parametrize("phase", ["proposals", "vetting"])
def test_it_does_not_let_the_proposer_edit_an_accepted_proposal(client, phase) -> None:
    # Proposals may be vetted and accepted while the proposal phase is still running.
    process = make_process(phase=phase)
    proposer = make_voter()
    proposal = make_proposal(process, author=proposer)
    client.force_login(proposer)
    response = client.get(reverse("budgets:proposal_edit", args=[proposal.pk]))
    assert response.status_code == 403
    with pytest.raises(ValidationError):
        services.proposal_update(
            actor=proposer, proposal=proposal, data=_proposal_input(proposal, title="Dyrere")
        )
    proposal.refresh_from_db()
    assert proposal.title == "Legeplads i parken"


def test_it_sends_an_accepted_proposal_changed_by_staff_back_to_vetting(secretariat) -> None:
    process = make_process(phase="vetting")
    proposal = make_proposal(process)
    version = BudgetProcess.objects.get(pk=process.pk).rules_version
    services.proposal_update(
        actor=secretariat, proposal=proposal, data=_proposal_input(proposal, title="Ny titel")
    )
    proposal.refresh_from_db()
    assert proposal.status == "in_vetting"
    assert proposal.vetting.decision == "pending"
    assert BudgetProcess.objects.get(pk=process.pk).rules_version == version + 1


# Staff powers at the ballot box ----------------------------------------------------------


def _desk_post(client, process, proposal, cpr: str = "010749-1234"):
    return client.post(
        reverse("budgets:assisted", args=[process.slug]),
        {
            "omraade": "slagelse-kommune",
            "cpr": cpr,
            "lives_in_municipality": "on",
            "project": [proposal.pk],
        },
    )


def test_it_does_not_let_a_plain_employee_enter_an_assisted_ballot(client, employee) -> None:
    process = make_process(assisted_voting=True)
    proposal = make_proposal(process)
    client.force_login(employee)
    assert client.get(reverse("budgets:assisted", args=[process.slug])).status_code == 403
    assert _desk_post(client, process, proposal).status_code == 403
    assert not Ballot.objects.exists()
    with pytest.raises(ValidationError):
        ballot_cast(
            process=process,
            voter=voter_from_user(make_voter()),
            choices={proposal.pk: 1},
            budget_area=process.areas.get(),
            channel="assisted",
            assisted_by=employee,
        )


def test_it_lets_the_citizen_service_group_vote_only_where_switched_on(client) -> None:
    clerk = make_desk_clerk()
    on = make_process(assisted_voting=True)
    off = make_process(slug="uden-skranke", assisted_voting=False)
    client.force_login(clerk)
    assert client.get(reverse("budgets:assisted", args=[on.slug])).status_code == 200
    assert client.get(reverse("budgets:assisted", args=[off.slug])).status_code == 403


@pytest.mark.parametrize(
    ("channel", "told"),
    [("online", "allerede stemt online"), ("assisted", "allerede stemt hos en borgerservice")],
)
def test_it_never_replaces_a_ballot_at_the_desk_and_says_only_how_the_person_voted(
    client, channel, told
) -> None:
    process = make_process(assisted_voting=True, allow_ballot_change=True)
    first, second = make_proposal(process, title="Bænke"), make_proposal(process, title="Sti")
    voter = make_voter("0107491234")
    ballot_cast(
        process=process,
        voter=voter_from_user(voter),
        choices={first.pk: 1},
        budget_area=process.areas.get(),
        channel=channel,
        assisted_by=make_desk_clerk(email="forste@test.samskab.dk")
        if channel == "assisted"
        else None,
    )
    client.force_login(make_desk_clerk())
    response = _desk_post(client, process, second)
    page = response.content.decode()
    assert response.status_code == 400
    assert told in page
    assert "Bænke" not in page.split("<main")[1].split("</form>")[0].split("allerede")[1][:200]
    ballot = Ballot.objects.get()
    assert list(ballot.choices.values_list("proposal_id", flat=True)) == [first.pk]
    assert ballot.channel == channel


def test_it_refuses_a_birth_date_older_than_110_years_at_the_desk(client) -> None:
    process = make_process(assisted_voting=True)
    proposal = make_proposal(process)
    client.force_login(make_desk_clerk())
    response = _desk_post(client, process, proposal, cpr="010110-1234")  # born 1910
    assert response.status_code == 400
    assert "ældre end 110 år" in response.content.decode()
    assert not Ballot.objects.exists()


def test_it_tells_the_voter_by_e_mail_after_commit_when_the_desk_votes_for_them(
    client, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    process = make_process(assisted_voting=True)
    proposal = make_proposal(process)
    make_voter("0107491234", email="vaelger@example.dk", email_notifications=False)
    client.force_login(make_desk_clerk())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _desk_post(client, process, proposal)
    assert response.status_code == 200
    assert mailoutbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    sent = [m for m in mailoutbox if m.to == ["vaelger@example.dk"]]
    assert len(sent) == 1
    assert "borgerservice" in sent[0].subject.lower()
    assert proposal.title not in sent[0].body


def test_it_lists_assisted_ballots_with_the_staff_member_for_the_secretariat(
    client, secretariat, employee
) -> None:
    process = make_process(assisted_voting=True)
    proposal = make_proposal(process)
    clerk = make_desk_clerk(name="Bodil Skranke")
    client.force_login(clerk)
    _desk_post(client, process, proposal)
    client.force_login(secretariat)
    response = client.get(reverse("budgets:assisted_ballots", args=[process.slug]))
    assert response.status_code == 200
    assert "Bodil Skranke" in response.content.decode()
    assert Ballot.objects.get().voter_key not in response.content.decode()
    client.force_login(clerk)
    assert client.get(reverse("budgets:assisted_ballots", args=[process.slug])).status_code == 403


# Ballot secrecy in what is published ------------------------------------------------------

# Six voters aged 30-49 from Korsør vote online; one voter aged 18-29 from Skælskør votes at
# the desk. Published turnout must not let anyone learn the lone voter's age, area or channel.
THIRTIES = [f"0107900{n:03d}" for n in range(6)]  # born 1990
TWENTIES = "0107991234"  # born 1999


def _lone_voter_world():
    from samskab.budgets.ballots import Voter
    from samskab.core.models import Area

    korsoer, skaelskoer = Area.objects.get(slug="korsoer"), Area.objects.get(slug="skaelskoer")
    process = make_process(assisted_voting=True)
    proposal = make_proposal(process)
    clerk = make_desk_clerk()
    from samskab.accounts.identity import cpr_birth_date, person_key_from_cpr

    for cpr in [*THIRTIES, TWENTIES]:
        lone = cpr == TWENTIES
        ballot_cast(
            process=process,
            voter=Voter(
                key=person_key_from_cpr(cpr),
                birth_date=cpr_birth_date(cpr),
                lives_in_municipality=True,
                area=skaelskoer if lone else korsoer,
            ),
            choices={proposal.pk: 1},
            budget_area=process.areas.get(),
            channel="assisted" if lone else "online",
            assisted_by=clerk if lone else None,
        )
    services.process_set_phase(actor=clerk, process=process, phase=Phase.RESULTS)
    results_publish(process=process)
    return process


def _published_counts(turnout: dict) -> list[list[tuple]]:
    return [
        [(group["group"], group["ballots"], group["merged"]) for group in turnout[name]]
        for name in ("by_home_area", "by_age", "by_channel")
    ]


def test_it_merges_groups_below_five_so_no_difference_reveals_a_voter(client) -> None:
    process = _lone_voter_world()
    page = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    turnout = page.split('id="valgdeltagelse"')[1].split("<table", 1)[1]
    for lone_fact in ("18-29", "Skælskør", "Borgerservice", "færre end"):
        assert lone_fact not in turnout, lone_fact
    assert "Små grupper samlet" in turnout
    # The open-data API publishes exactly the same groups.
    data = client.get(f"/api/v1/budgets/{process.slug}/results").json()
    assert data["turnout"]["total"] == 7
    for groups in _published_counts(data["turnout"]):
        assert groups == [(None, 7, True)]
    assert "18-29" not in str(data) and "Skælskør" not in str(data)


def test_it_publishes_groups_of_five_or_more_exactly() -> None:
    from collections import Counter

    from samskab.budgets.selectors import merge_small_groups

    rows = merge_small_groups(Counter({"a": 9, "b": 5, "c": 3, "d": 1}), ["a", "b", "c", "d"])
    # c and d are 4 together, so the smallest shown group (b) joins them.
    assert [(r.label, r.count, r.merged) for r in rows] == [("a", 9, False), ("", 9, True)]
    rows = merge_small_groups(Counter({"a": 9, "b": 5, "c": 4, "d": 1}), ["a", "b", "c", "d"])
    assert [(r.label, r.count, r.merged) for r in rows] == [
        ("a", 9, False),
        ("b", 5, False),
        ("", 5, True),
    ]
    rows = merge_small_groups(Counter({"a": 9, "c": 3, "d": 2}), ["a", "c", "d"])
    assert [(r.label, r.count, r.merged) for r in rows] == [("a", 9, False), ("", 5, True)]


def test_it_keeps_voter_data_out_of_the_ballot_files_and_the_pb_still_checks(
    client, tmp_path
) -> None:
    import io
    from contextlib import redirect_stdout

    from samskab.pb.cli import main as pb_main

    process = _lone_voter_world()
    csv_text = client.get(reverse("budgets:csv", args=[process.slug])).content.decode()
    pb = client.get(reverse("budgets:pabulib", args=[process.slug, "slagelse-kommune"]))
    for text in (csv_text, pb.content.decode()):
        for voter_fact in ("18-29", "30-49", "korsoer", "Korsør", "Skælskør", "assisted", "online"):
            assert voter_fact not in text, voter_fact
    assert csv_text.splitlines()[0] == "area;voter_id;project_id;value"
    path = tmp_path / "valg.pb"
    path.write_bytes(pb.content)
    out = io.StringIO()
    with redirect_stdout(out):
        assert pb_main(["check", str(path)]) == 0


@pytest.mark.parametrize("who", ["secretariat", "administrator"])
def test_it_lets_nobody_download_ballots_while_voting_is_open(client, request, who) -> None:
    process = make_process(phase="voting")
    proposal = make_proposal(process)
    _cast(process, make_voter(), proposal)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("budgets:csv", args=[process.slug])).status_code == 404
    assert (
        client.get(reverse("budgets:pabulib", args=[process.slug, "slagelse-kommune"])).status_code
        == 404
    )
    page = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    assert reverse("budgets:csv", args=[process.slug]) not in page


def test_it_keeps_the_admin_from_changing_frozen_rules_or_moving_the_phase(
    client, administrator
) -> None:
    process = make_process(phase="voting")
    proposal = make_proposal(process)
    log_in_with_second_factor(client, administrator)
    page = client.get(reverse("admin:budgets_budgetprocess_change", args=[process.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("min_age", "ballot_type", "voting_start", "phase_override"):
        assert f'name="{name}"' not in text, name
    assert 'name="areas-0-budget"' not in text
    assert 'name="description"' in text  # not a rule
    page = client.get(reverse("admin:budgets_proposal_change", args=[proposal.pk]))
    text = page.content.decode()
    for name in ("title", "description", "estimated_cost", "status", "exclusion_group"):
        assert f'name="{name}"' not in text, name
    assert 'name="vetting-0-investment_cost"' not in text


def test_it_lets_the_admin_set_an_exclusion_group_before_voting(client, administrator) -> None:
    process = make_process(phase="vetting")
    proposal = make_proposal(process)
    log_in_with_second_factor(client, administrator)
    page = client.get(reverse("admin:budgets_proposal_change", args=[proposal.pk]))
    assert 'name="exclusion_group"' in page.content.decode()


def test_it_lets_the_admin_send_an_edited_accepted_proposal_back_to_vetting() -> None:
    from samskab.budgets.admin import ProposalAdmin
    from samskab.budgets.models import Proposal

    process = make_process(phase="vetting")
    proposal = make_proposal(process)
    model_admin = ProposalAdmin(Proposal, admin.site)

    class Form:
        initial = {"status": "accepted"}
        changed_data = ["title"]

    proposal.title = "Ændret i admin"
    model_admin.save_model(None, proposal, Form(), True)  # type: ignore[arg-type]
    proposal.refresh_from_db()
    assert proposal.status == "in_vetting"
    assert proposal.vetting.decision == "pending"


def test_it_refuses_admin_dates_that_move_the_process_back() -> None:
    from django.forms.models import model_to_dict

    from samskab.budgets.admin import BudgetProcessAdminForm

    process = make_process(phase="vetting")
    data = {k: v for k, v in model_to_dict(process).items() if v is not None}
    later = {
        name: getattr(process, name) + datetime.timedelta(days=30)
        for name in ("vetting_start", "voting_start", "results_start", "implementation_start")
    }
    form = BudgetProcessAdminForm(data={**data, **later}, instance=process)
    assert not form.is_valid()
    assert "kun gå fremad" in str(form.non_field_errors())
    form = BudgetProcessAdminForm(data={**data, "description": "Ny tekst"}, instance=process)
    assert form.is_valid(), form.errors


def test_it_refuses_hiding_a_proposal_on_the_ballot_once_voting_has_opened(secretariat) -> None:
    process = make_process(phase="voting")
    on_ballot = make_proposal(process)
    with pytest.raises(ValidationError) as error:
        services.proposal_hide(on_ballot, secretariat)
    assert "kan ikke skjules" in " ".join(error.value.messages)
    on_ballot.refresh_from_db()
    assert not on_ballot.is_hidden
    rejected = make_proposal(process, title="Afvist", accepted=False)
    services.proposal_hide(rejected, secretariat)  # not on the ballot: may be hidden
    rejected.refresh_from_db()
    assert rejected.is_hidden


@pytest.mark.parametrize(("phase", "frozen"), [("vetting", False), ("voting", True)])
def test_it_tells_everyone_on_the_process_page_when_the_rules_are_frozen(
    client, phase, frozen
) -> None:
    process = make_process(phase=phase)
    page = client.get(reverse("budgets:process", args=[process.slug])).content.decode()
    assert ("er låst, siden afstemningen åbnede" in page) is frozen
