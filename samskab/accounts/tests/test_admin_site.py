"""The Django admin gives staff only what it is configured for, and never answers 500.

The site's own permissions (django-rules) must never share a name with Django's model
permissions (``<app>.add_<model>``, change_, delete_, view_): otherwise the admin, which asks
``user.has_perm("ideas.add_idea")``, would let every employee add ideas in anyone's name,
and a model permission given in the admin would open the site's own checks.
"""

from __future__ import annotations

import pytest
import rules
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core import checks
from django.db import models
from django.test import Client
from django.urls import reverse
from rules.permissions import permissions as site_permissions

from samskab.accounts.checks import check_permission_names, django_model_permissions
from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.accounts.tests.helpers import log_in_with_second_factor
from samskab.budgets.models import Proposal
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.engagement.models import Comment
from samskab.ideas.models import Idea
from samskab.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_it_gives_no_site_permission_the_name_of_a_django_model_permission() -> None:
    assert check_permission_names() == []
    assert not set(site_permissions) & django_model_permissions()


def test_it_fails_the_system_check_when_a_site_permission_clashes() -> None:
    assert [e for e in checks.run_checks() if e.id == "samskab.E001"] == []
    rules.add_perm("ideas.delete_idea", rules.always_allow)
    try:
        errors = [error for error in checks.run_checks() if error.id == "samskab.E001"]
    finally:
        rules.remove_perm("ideas.delete_idea")
    assert [error.obj for error in errors] == ["ideas.delete_idea"]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.EMPLOYEE])
def test_it_lets_no_model_permission_change_an_answer_of_the_site(role: str) -> None:
    """Every Django model permission, given in the admin, passes no site rule."""
    user = UserFactory.create(role=role)
    user.user_permissions.set(Permission.objects.all())
    user = User.objects.get(pk=user.pk)
    assert user.has_perm("ideas.view_idea")  # Django's own permission, for the admin
    granted = [name for name in site_permissions if ModelBackend().has_perm(user, name)]
    assert granted == []


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.SECRETARIAT])
def test_it_gives_staff_without_model_permissions_nothing_in_the_admin(
    client: Client, role: str
) -> None:
    staff = UserFactory.create(role=role, is_staff=True)
    log_in_with_second_factor(client, staff)
    for model in admin.site._registry:
        meta = model._meta
        for name in ("changelist", "add"):
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{name}")
            assert client.get(url).status_code == 403, url
    assert client.get(reverse("admin:index")).status_code == 200


def _objects() -> dict[type[models.Model], models.Model]:
    """One saved object of every model registered in the admin, where one exists."""
    process = make_process()
    make_proposal(process)
    IdeaFactory.create()
    return {
        model: instance
        for model in admin.site._registry
        if (instance := model._default_manager.order_by("pk").first()) is not None
    }


@pytest.mark.parametrize("superuser", [True, False], ids=["superuser", "all-model-permissions"])
def test_it_answers_every_admin_page_without_an_error(client: Client, superuser: bool) -> None:
    staff = UserFactory.create(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=superuser)
    staff.user_permissions.set(Permission.objects.all())
    log_in_with_second_factor(client, staff)
    objects = _objects()
    assert client.get(reverse("admin:index")).status_code == 200
    for model in admin.site._registry:
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        for url in (reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")):
            assert client.get(url).status_code in (200, 403), url
        if model in objects:
            url = reverse(f"{prefix}_change", args=[objects[model].pk])
            assert client.get(url).status_code == 200, url
    missing = {m for m in admin.site._registry if m not in objects}
    assert apps.get_model("accounts", "User") not in missing


@pytest.mark.parametrize("model", [Idea, Proposal, Comment])
def test_it_lets_nobody_add_public_contributions_in_the_admin(
    client: Client, administrator: User, model: type[models.Model]
) -> None:
    log_in_with_second_factor(client, administrator)
    meta = model._meta
    response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    assert response.status_code == 403


def test_it_never_changes_an_ideas_author_in_the_admin(client: Client, administrator: User) -> None:
    author = UserFactory.create()
    idea = IdeaFactory.create(author=author)
    log_in_with_second_factor(client, administrator)
    url = reverse("admin:ideas_idea_change", args=[idea.pk])
    page = client.get(url).content.decode()
    assert 'name="author"' not in page
