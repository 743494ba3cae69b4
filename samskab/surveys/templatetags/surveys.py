"""The survey blocks other apps' pages show: ``{% load surveys %}``, then
``{% surveys_about plan=plan %}`` (a "Spørgeskema: …" link for each survey about the
object, the open polls about it, and for its stewards a link to make one) or
``{% polls_on_home %}`` on the home page."""

from __future__ import annotations

from typing import Any

import rules
from django import template
from django.urls import reverse

from samskab.surveys import selectors
from samskab.surveys.cookies import answered_ids
from samskab.surveys.forms import AnswerForm
from samskab.surveys.models import Survey
from samskab.surveys.permissions import is_steward

register = template.Library()


def _poll_item(context: template.Context, poll: Survey) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    cookie_ids = answered_ids(request) if request is not None else set()
    problems = selectors.answer_problems(poll, user, cookie_ids)
    answered = selectors.has_answered(poll, user, cookie_ids)
    return {
        "poll": poll,
        "form": None if problems else AnswerForm(survey=poll, auto_id=f"poll{poll.pk}_%s"),
        "problems": problems,
        "items": selectors.result_charts(poll, with_texts=False) if answered else [],
        "next": request.get_full_path() if request is not None else "",
    }


@register.inclusion_tag("surveys/_about.html", takes_context=True)
def surveys_about(context: template.Context, **subject: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    surveys = selectors.surveys_about(user=user, **subject)
    polls = selectors.polls_shown(**subject)
    name, target = next(iter(subject.items()))
    create_url = None
    if rules.has_perm("surveys.create_survey", user) and is_steward(user, Survey(**subject)):
        create_url = f"{reverse('surveys:create')}?{name}={target.pk}"
    return {
        "surveys": surveys,
        "polls": [_poll_item(context, poll) for poll in polls],
        "create_url": create_url,
    }


@register.inclusion_tag("surveys/_polls.html", takes_context=True)
def polls_on_home(context: template.Context) -> dict[str, Any]:
    return {"polls": [_poll_item(context, poll) for poll in selectors.polls_shown()]}
