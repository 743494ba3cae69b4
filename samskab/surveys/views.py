"""Surveys: list, create and edit (staff), the survey's page, answering, thanks and results.

Answering works for anonymous visitors on surveys open to everyone; a signed cookie then
remembers which surveys this browser has answered. Logged-in people are remembered by a
keyed hash (see ``respondents.py``), never on the answer itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.shortcuts import current_user as actor
from samskab.accounts.shortcuts import require
from samskab.core.forms import form_add_errors, form_submit
from samskab.secretariat.exports import csv_text
from samskab.surveys import selectors, services
from samskab.surveys.cookies import answered_ids, remember_answer
from samskab.surveys.forms import AnswerForm, QuestionForm, SurveyForm
from samskab.surveys.models import Question, QuestionKind, Survey

PAGE_SIZE = 25


def survey_or_404(request: HttpRequest, pk: int) -> Survey:
    survey = selectors.survey_get(user=request.user, pk=pk)
    if survey is None:
        raise Http404
    return survey


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    surveys = selectors.survey_list(user=request.user)
    page = Paginator(surveys, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "surveys/index.html",
        {
            "page": page,
            "query": "",
            "can_add": request.user.has_perm("surveys.create_survey"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    require(request, "surveys.create_survey")
    initial = {
        name: request.GET[name]
        for name in ("plan", "meeting", "experiment", "idea")
        if request.GET.get(name, "").isdigit()
    }
    form = SurveyForm(request.POST or None, user=request.user, initial=initial)
    done = form_submit(
        request,
        form,
        lambda data: services.survey_create(actor=actor(request), data=data),
        success=_("The survey has been created. Now add its questions."),
        then=lambda survey: reverse("surveys:edit", args=[survey.pk]),
    )
    return done or render(request, "surveys/form.html", {"form": form, "survey": None})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_or_404(request, pk)
    problems = selectors.answer_problems(survey, request.user, answered_ids(request))
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "problems": problems,
            "is_open": selectors.is_open(survey),
            "can_edit": request.user.has_perm("surveys.edit_survey", survey),
            "response_count": survey.responses.count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_or_404(request, pk)
    require(request, "surveys.edit_survey", survey)
    form = SurveyForm(
        request.POST or None, instance=Survey.objects.get(pk=survey.pk), user=request.user
    )
    done = form_submit(
        request,
        form,
        lambda data: services.survey_update(survey=survey, actor=actor(request), data=data),
        success=_("The survey has been saved."),
        then=lambda saved: reverse("surveys:edit", args=[saved.pk]),
    )
    if done:
        return done
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "survey": survey,
            "questions": list(survey.questions.all()),
            "is_answered": survey.responses.exists(),
        },
    )


def _question_or_404(request: HttpRequest, pk: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("survey"), pk=pk)
    survey = survey_or_404(request, question.survey_id)
    require(request, "surveys.edit_survey", survey)
    return question


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_or_404(request, pk)
    require(request, "surveys.edit_survey", survey)
    form = QuestionForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.question_add(survey=survey, actor=actor(request), data=data),
        success=_("The question has been added."),
        then=reverse("surveys:edit", args=[survey.pk]),
    )
    return done or render(
        request, "surveys/question_form.html", {"form": form, "survey": survey, "question": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_or_404(request, pk)
    form = QuestionForm(request.POST or None, instance=Question.objects.get(pk=question.pk))
    done = form_submit(
        request,
        form,
        lambda data: services.question_update(question=question, actor=actor(request), data=data),
        success=_("The question has been saved."),
        then=reverse("surveys:edit", args=[question.survey_id]),
    )
    return done or render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": question.survey, "question": question},
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_or_404(request, pk)
    try:
        services.question_delete(question=question, actor=actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question has been deleted."))
    return redirect("surveys:edit", question.survey_id)


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_or_404(request, pk)
    try:
        services.question_move(
            question=question, actor=actor(request), up=request.POST.get("direction") == "up"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:edit", question.survey_id)


def _next_url(request: HttpRequest, fallback: str) -> str:
    url = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_or_404(request, pk)
    problems = selectors.answer_problems(survey, request.user, answered_ids(request))
    if problems:
        context = {
            "survey": survey,
            "problems": problems,
            "is_open": selectors.is_open(survey),
            "response_count": survey.responses.count(),
        }
        return render(request, "surveys/detail.html", context, status=403)
    form = AnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(survey=survey, user=request.user, answers=form.answers())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            fallback = reverse("surveys:thanks", args=[survey.pk])
            response = redirect(_next_url(request, fallback) if survey.is_poll else fallback)
            if survey.is_poll:
                messages.success(request, _("Thank you for your answer."))
            remember_answer(response, request, survey)
            return response
    template = "surveys/answer.html"
    return render(request, template, {"survey": survey, "form": form})


@require_GET
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_or_404(request, pk)
    return render(request, "surveys/thanks.html", {"survey": survey})


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_or_404(request, pk)
    with_texts = request.user.has_perm("surveys.view_free_text", survey)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "items": selectors.result_charts(survey, with_texts=with_texts),
            "with_texts": with_texts,
            "response_count": survey.responses.count(),
        },
    )


@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as a spreadsheet: one row per question and answer (for ranking, the
    average points), never a free text."""
    survey = survey_or_404(request, pk)
    rows: list[tuple[Any, ...]] = []
    for result in selectors.survey_results(survey, with_texts=False):
        question = result.question
        if question.kind == QuestionKind.TEXT:
            rows.append((question.position, question.text, _("(free text)"), result.answered))
            continue
        for label, value in result.rows:
            shown = str(value).replace(".", ",") if isinstance(value, float) else value
            rows.append((question.position, question.text, label, shown))
    header = (_("No."), _("Question"), _("Answer"), _("Number of answers or average points"))
    text = csv_text(header, rows, for_spreadsheet=True)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spoergeskema-{survey.pk}.csv"'
    return response
