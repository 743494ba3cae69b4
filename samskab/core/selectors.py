"""Reads of reference data."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from samskab.core.models import Area, Department


def area_list() -> QuerySet[Area]:
    return Area.objects.select_related("parent").all()


def department_list() -> QuerySet[Department]:
    return Department.objects.all()


def database_is_healthy() -> bool:
    """True when the database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            row = cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return False
    return row is not None and row[0] == 1
