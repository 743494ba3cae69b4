"""Forms and page parts in the markup of Det Fælles Designsystem (DKFDS)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from samskab.core.models import Area


class SampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name")
    area = forms.ModelChoiceField(label="Area", queryset=Area.objects.all())
    kind = forms.ChoiceField(label="Kind", choices=[("", "---------"), ("a", "A")])
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")
    size = forms.ChoiceField(
        label="Size", choices=[("", "---------"), ("s", "Small")], widget=forms.RadioSelect
    )
    attachment = forms.FileField(label="Attachment", required=False)

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("The whole form is wrong.")


def render(template: str, **context: object) -> str:
    return Template("{% load samskab %}" + template).render(Context(context))


@pytest.mark.django_db
def test_it_renders_a_field_as_a_dkfds_form_group_with_hint_and_error() -> None:
    form = SampleForm(data={"name": ""})
    html = str(form["name"].as_field_group())
    assert 'class="form-group form-error"' in html
    assert '<label class="form-label" for="id_name">Name</label>' in html
    assert '<span class="form-hint" id="id_name_helptext">Your full name</span>' in html
    assert 'class="form-error-message" id="id_name_error"' in html
    assert 'class="form-input"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_it_keeps_what_was_typed() -> None:
    form = SampleForm(data={"name": "Bente <b>"})
    html = str(form["name"].as_field_group())
    assert 'value="Bente &lt;b&gt;"' in html


@pytest.mark.django_db
def test_it_offers_choose_instead_of_dashes_in_dropdowns() -> None:
    form = SampleForm()
    html = str(form["area"].as_field_group()) + str(form["kind"].as_field_group())
    assert "---------" not in html
    assert html.count('<option value="" selected>Vælg …</option>') == 2
    assert 'class="form-select"' in html


@pytest.mark.django_db
def test_it_renders_radio_lists_and_checkboxes_as_dkfds_options() -> None:
    form = SampleForm()
    radios = str(form["colour"].as_field_group())
    assert "<fieldset" in radios and '<legend class="form-label">Colour</legend>' in radios
    assert '<div class="form-group-radio"><input type="radio"' in radios
    assert 'class="form-radio"' in radios
    sizes = str(form["size"].as_field_group())
    assert "---------" not in sizes and 'id="id_size_0"' not in sizes and 'id="id_size_1"' in sizes
    checkbox = str(form["agree"].as_field_group())
    assert '<div class="form-group-checkbox">' in checkbox
    assert 'class="form-checkbox"' in checkbox


@pytest.mark.django_db
def test_it_says_a_file_must_be_chosen_again_after_errors() -> None:
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")
    form = SampleForm(data={"name": ""}, files=MultiValueDict({"attachment": [upload]}))
    assert not form.is_valid()
    assert "Vælg filen igen" in str(form["attachment"].as_field_group())
    assert "Vælg filen igen" not in str(SampleForm()["attachment"].as_field_group())
    without_file = SampleForm(data={"name": ""})
    assert not without_file.is_valid()
    assert "Vælg filen igen" not in str(without_file["attachment"].as_field_group())


@pytest.mark.django_db
def test_it_sums_up_every_error_linked_to_its_field() -> None:
    form = SampleForm(data={"name": "", "colour": "green"})
    html = render("{% error_summary form %}", form=form)
    assert 'data-module="error-summary"' in html and 'tabindex="-1"' in html
    assert 'role="alert"' in html
    assert "<li>The whole form is wrong.</li>" in html
    assert '<a class="function-link" href="#id_name">Name: Dette felt skal udfyldes.</a>' in html
    assert '<a class="function-link" href="#id_colour_0">' in html
    assert '<a class="function-link" href="#id_size_1">' in html  # the blank option is left out
    assert '<a class="function-link" href="#id_agree">' in html
    assert "problemer med formularen" in html


@pytest.mark.django_db
def test_it_shows_no_error_summary_for_an_unbound_or_valid_form() -> None:
    assert "alert" not in render("{% error_summary form %}", form=SampleForm())
    assert "alert" not in render("{% error_summary form %}", form=None)


def test_it_keeps_the_filters_in_the_pagination_links() -> None:
    page = Paginator(list(range(30)), 10).page(2)
    html = render("{% pagination page query %}", page=page, query="q=cykel")
    assert 'href="?q=cykel&amp;side=1"' in html and 'href="?q=cykel&amp;side=3"' in html
    assert "Side 2 af 3" in html
    assert render("{% pagination page %}", page=Paginator([1], 10).page(1)).strip() == ""


def test_it_marks_the_current_and_the_done_steps() -> None:
    html = render(
        "{% step_indicator steps 'vote' %}",
        steps=[("propose", "Propose"), ("vote", "Vote"), ("result", "Result")],
    )
    assert html.index('class="completed"') < html.index('class="current" aria-current="step"')
    assert html.count('class="completed"') == 1 and html.count('aria-current="step"') == 1


def test_it_renders_a_list_item_as_a_card_with_link_status_summary_and_meta() -> None:
    html = render(
        "{% card title url=url subheading='Vest' status='Godkendt' status_kind='success'"
        " text=summary %}<p class='muted'>{{ count }} støtter</p>{% endcard %}",
        title="Bænke <ved> søen",
        url="/ideer/7/",
        summary="Flere bænke",
        count=4,
    )
    assert '<h3 class="card-heading"><a href="/ideer/7/">Bænke &lt;ved&gt; søen</a></h3>' in html
    assert '<p class="card-subheading">Vest</p>' in html
    assert '<span class="tag tag-success">Godkendt</span>' in html
    assert html.index("Flere bænke") < html.index("4 støtter")


def test_it_sets_the_card_heading_level_and_leaves_out_empty_parts() -> None:
    html = render("{% card 'Netværk' heading_level=2 %}{% endcard %}")
    assert '<h2 class="card-heading h3">Netværk</h2>' in html
    assert "<a " not in html and "tag" not in html and "card-subheading" not in html


def test_it_refuses_an_unknown_card_option() -> None:
    with pytest.raises(TemplateSyntaxError):
        render("{% card 'x' colour='red' %}{% endcard %}")


def test_it_puts_every_table_in_its_own_scroll_box_with_a_caption() -> None:
    html = render(
        "{% datatable 'Idéer' %}<tbody><tr><td>{{ n }}</td></tr></tbody>{% enddatatable %}", n=3
    )
    assert html.startswith('<div class="table--responsive-scroll" tabindex="0">')
    assert '<caption class="visually-hidden">Idéer</caption>' in html
    assert "<td>3</td>" in html
    shown = render("{% datatable 'Idéer' show_caption=True classes='compact' %}{% enddatatable %}")
    assert "<caption>Idéer</caption>" in shown and 'class="table compact"' in shown


def test_it_folds_long_optional_content_into_a_dkfds_accordion() -> None:
    html = render(
        "{% accordion %}{% fold 'Sådan tælles' %}<p>{{ n }} trin</p>{% endfold %}"
        "{% fold 'Mere' id='mere' heading_level=2 open=True %}x{% endfold %}{% endaccordion %}",
        n=3,
    )
    assert html.strip().startswith('<ul class="accordion">')
    assert (
        '<h3><button type="button" class="accordion-button" aria-expanded="false"'
        ' aria-controls="fold-saadan-taelles">'
    ) in html
    assert '<div id="fold-saadan-taelles" aria-hidden="true" class="accordion-content">' in html
    assert "<p>3 trin</p>" in html
    assert 'aria-expanded="true" aria-controls="mere"' in html and "<h2>" in html
    assert '<div id="mere" aria-hidden="false"' in html


@pytest.mark.django_db
def test_it_links_the_accessibility_statement_from_every_page(client: Client) -> None:
    url = reverse("core:accessibility")
    assert f'href="{url}"' in client.get(reverse("core:home")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert "Tilgængelighedserklæring" in response.content.decode()


@pytest.mark.django_db
def test_it_serves_the_design_system_from_this_site(client: Client) -> None:
    html = client.get(reverse("core:home")).content.decode()
    assert 'href="/static/dkfds/css/dkfds-borgerdk.min.css"' in html
    assert 'src="/static/dkfds/js/dkfds.min.js"' in html
    assert "https://" not in html.split("</head>")[0]


def _templates() -> list[Path]:
    root = Path(__file__).resolve().parents[2]
    return sorted(root.glob("*/templates/**/*.html"))


def test_every_button_in_every_template_is_a_design_system_button() -> None:
    """A bare <button> shows the browser's own grey box; DKFDS's buttons need the class."""
    bare = re.compile(r'<button(?![^>]*class="[^"]*\bbutton\b)[^>]*>')
    found = [
        f"{path.relative_to(path.parents[3])}: {match.group(0)}"
        for path in _templates()
        for match in bare.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_template_hand_writes_its_form_errors() -> None:
    """Form errors go through {% error_summary %} (summarised, linked, focused), never a
    hand-made block that the error summary's focus and links would miss."""
    found = [
        str(path.relative_to(path.parents[3]))
        for path in _templates()
        if 'class="form-errors"' in path.read_text(encoding="utf-8")
    ]
    assert found == []
