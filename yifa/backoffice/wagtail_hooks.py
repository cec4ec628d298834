"""The back-office screens of the core's records: the organisation and the audit report."""

from __future__ import annotations

from wagtail import hooks

from .audit_report import AuditEventViewSet
from .org_screens import OrganisationGroup


@hooks.register("register_admin_viewset")
def register_organisation() -> OrganisationGroup:
    return OrganisationGroup()


@hooks.register("register_admin_viewset")
def register_audit_report() -> AuditEventViewSet:
    return AuditEventViewSet("audit")
