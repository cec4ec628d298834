"""Reading the audit log, scoped by the reader's departments (org policies)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from .models import AuditEvent, AuditEventQuerySet


def events_for_object(obj: models.Model) -> AuditEventQuerySet:
    return AuditEvent.objects.for_object(obj).select_related("actor_user").order_by("occurred_at", "id")


def events_visible_to(user: AbstractBaseUser | AnonymousUser) -> AuditEventQuerySet:
    from yifa.org.scoping import department_scope

    scope = department_scope(user)
    qs = AuditEvent.objects.select_related("target_type", "department")
    if scope.all_departments:
        return qs
    return qs.filter(department_id__in=scope.department_ids)
