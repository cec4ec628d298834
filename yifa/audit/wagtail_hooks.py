"""The audit report: every logged event, filterable, read-only. No screen can edit or delete a row."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column

from yifa.backoffice.viewsets import ScopedModelViewSet
from yifa.org.models import Department
from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy

from .event_types import event_type_choices
from .models import AuditEvent


class AuditEventPolicy(DepartmentScopedPolicy):
    rules = {"view": EVERY_ROLE, "add": frozenset(), "change": frozenset(), "delete": frozenset()}


audit_event_policy = AuditEventPolicy(AuditEvent)

from wagtail.permissions import register_permission_policy  # noqa: E402

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
        "occurred_at", "actor_label", Column("event_type_label", label=_("事件类型")), "target_repr", "department", "reason",
    ]
    filterset_class = AuditEventFilterSet
    search_fields = ["target_repr", "reason", "actor_label"]
    inspect_view_fields = [
        "occurred_at", "actor_label", "actor_ip", "event_type", "target_type", "target_id",
        "target_repr", "department", "old_values", "new_values", "reason",
    ]
    ordering = ["-occurred_at", "-id"]
    list_per_page = 50

    # Add and edit views exist in Wagtail's viewset but the policy grants no role "add" or "change".
    form_fields = ["reason"]


@hooks.register("register_admin_viewset")
def register_audit_report() -> AuditEventViewSet:
    return AuditEventViewSet("audit")
