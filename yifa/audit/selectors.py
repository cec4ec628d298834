"""Reading the audit log. (Scoped by the reader's departments in the back office: yifa.backoffice.audit_report.)"""

from __future__ import annotations

from django.db import models

from .models import AuditEvent, AuditEventQuerySet


def events_for_object(obj: models.Model) -> AuditEventQuerySet:
    return AuditEvent.objects.for_object(obj).select_related("actor_user").order_by("occurred_at", "id")
