"""Reading what every case shares: its event log and its attachments."""

from __future__ import annotations

from django.db import models

from yifa.audit.models import AuditEventQuerySet
from yifa.audit.selectors import events_for_object

from .attachments import attachments_of


def case_events(case: models.Model) -> AuditEventQuerySet:
    return events_for_object(case)


__all__ = ["case_events", "attachments_of"]
