"""The audit report (yifa.audit): every logged event, filterable, read-only, scoped by the reader's
departments. No screen can edit or delete a row."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from yifa.audit.event_types import event_type_choices
from yifa.audit.models import AuditEvent, AuditEventQuerySet
from yifa.org.models import Department
from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy
from yifa.org.scoping import department_scope

from .viewsets import ScopedModelViewSet


class AuditEventPolicy(DepartmentScopedPolicy):
    rules = {"view": EVERY_ROLE, "add": frozenset(), "change": frozenset(), "delete": frozenset()}


audit_event_policy = AuditEventPolicy(AuditEvent)

register_permission_policy(AuditEvent, audit_event_policy)


class AuditEventFilterSet(WagtailFilterSet):
    event_type = django_filters.ChoiceFilter(label=_("事件类型"), choices=event_type_choices)
    department = django_filters.ModelChoiceFilter(label=_("部门"), queryset=Department.objects.all())
    occurred_at = django_filters.DateFromToRangeFilter(label=_("时间"), widget=DateRangePickerWidget)
    actor_label = django_filters.CharFilter(label=_("操作人"), lookup_expr="icontains")

    class Meta:
        model = AuditEvent
        fields = ["event_type", "department", "occurred_at", "actor_label"]


class AuditEventViewSet(ScopedModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("审计日志")
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        "occurred_at", Column("actor_display", label=_("操作人"), sort_key="actor_label"),
        Column("event_type_label", label=_("事件类型")), "target_repr", "department", "reason",
    ]
    filterset_class = AuditEventFilterSet
    search_fields = ["target_repr", "reason", "actor_label"]
    inspect_view_fields = [
        "occurred_at_display", "actor_display", "ip_display", "event_type_label", "target_type", "target_id",
        "target_repr", "department", "changes_text", "reason",
    ]
    ordering = ["-occurred_at", "-id"]
    list_per_page = 50

    # Add and edit views exist in Wagtail's viewset but the policy grants no role "add" or "change".
    form_fields = ["reason"]


def events_visible_to(user: Any) -> AuditEventQuerySet:
    """The events a user may read: their departments' (every department's for city-wide roles)."""
    scope = department_scope(user)
    qs = AuditEvent.objects.select_related("target_type", "department")
    if scope.all_departments:
        return qs
    return qs.filter(department_id__in=scope.department_ids)
