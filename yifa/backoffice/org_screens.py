"""Back-office screens of the organisation (yifa.org): regions, departments, staff and role grants, and
what each agency's public page (/jigou/<code>/) shows: its public information, internal units and leaders."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from yifa.org import actions
from yifa.org.models import Department, InternalUnit, Leader, Membership, Region, Staff
from yifa.org.policies import (
    agency_info_policy,
    department_policy,
    internal_unit_policy,
    leader_policy,
    membership_policy,
    region_policy,
    staff_policy,
)

from .viewsets import ScopedIndexView, ScopedInspectView, ScopedModelViewSet

register_permission_policy(Region, region_policy)
register_permission_policy(Department, department_policy)
register_permission_policy(Staff, staff_policy)
register_permission_policy(Membership, membership_policy)
register_permission_policy(InternalUnit, internal_unit_policy)
register_permission_policy(Leader, leader_policy)


class RegionViewSet(ScopedModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("行政区划")
    form_fields = ["code", "name", "level", "parent"]
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    write_action = staticmethod(lambda *, actor, instance: actions.save_region(actor=actor, region=instance))


class DepartmentViewSet(ScopedModelViewSet):
    model = Department
    icon = "group"
    menu_label = _("部门")
    form_fields = [
        "name", "short_name", "code", "credit_code", "kind", "region",
        "is_legal_affairs_office", "phone", "address", "sort_order", "is_active",
    ]
    list_display = ["name", "short_name", "code", "kind", "credit_code"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    write_action = staticmethod(lambda *, actor, instance: actions.save_department(actor=actor, department=instance))


class AgencyInfoIndexView(ScopedIndexView):
    permission_policy = agency_info_policy  # type: ignore[assignment]


class AgencyInfoInspectView(ScopedInspectView):
    permission_policy = agency_info_policy  # type: ignore[assignment]


class AgencyInfoViewSet(ScopedModelViewSet):
    """机构公开信息: a department's head and editors keep its page's functions and official contacts current."""

    model = Department
    name = "agency_info"
    icon = "doc-full"
    menu_label = _("机构公开信息")
    screen_policy = agency_info_policy
    index_view_class = AgencyInfoIndexView
    inspect_view_class = AgencyInfoInspectView
    form_fields = list(Department.PUBLIC_INFO_FIELDS)
    list_display = ["name", "phone", "office_hours"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    write_action = staticmethod(lambda *, actor, instance: actions.save_agency_info(actor=actor, department=instance))


class InternalUnitViewSet(ScopedModelViewSet):
    model = InternalUnit
    icon = "list-ul"
    menu_label = _("内设机构")
    form_fields = ["department", "name", "functions", "phone", "sort_order"]
    list_display = ["name", "department", "phone"]
    list_filter = ["department"]
    search_fields = ["name"]
    write_action = staticmethod(lambda *, actor, instance: actions.save_internal_unit(actor=actor, unit=instance))
    delete_write_action = staticmethod(lambda *, actor, instance: actions.delete_internal_unit(actor=actor, unit=instance))


class LeaderViewSet(ScopedModelViewSet):
    model = Leader
    icon = "user"
    menu_label = _("领导信息")
    form_fields = ["department", "name", "post", "duties", "photo", "sort_order", "is_active"]
    list_display = ["name", "post", "department", BooleanColumn("is_active", label=_("在任"))]
    list_filter = ["department", "is_active"]
    search_fields = ["name", "post"]
    write_action = staticmethod(lambda *, actor, instance: actions.save_leader(actor=actor, leader=instance))
    delete_write_action = staticmethod(lambda *, actor, instance: actions.delete_leader(actor=actor, leader=instance))


class StaffViewSet(ScopedModelViewSet):
    model = Staff
    icon = "user"
    menu_label = _("工作人员")
    form_fields = ["name", "department", "employment_type", "position", "phone", "is_active"]
    list_display = ["name", "department", "employment_type", "position", BooleanColumn("is_active", label=_("在岗"))]
    list_filter = ["employment_type", "department", "is_active"]
    search_fields = ["name"]
    write_action = staticmethod(lambda *, actor, instance: actions.save_staff(actor=actor, staff=instance))


def _grant(*, actor, instance):
    return actions.grant_role(actor=actor, staff=instance.staff, department=instance.department, role=instance.role)


def _revoke(*, actor, instance):
    actions.revoke_role(actor=actor, membership=instance)


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "key"
    menu_label = _("角色授予")
    form_fields = ["staff", "department", "role"]
    list_display = ["staff", "department", "role", "granted_at"]
    list_filter = ["role", "department"]
    search_fields = ["staff__name"]
    write_action = staticmethod(_grant)
    delete_write_action = staticmethod(_revoke)


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("组织机构")
    menu_icon = "group"
    menu_order = 800
    items = (DepartmentViewSet, AgencyInfoViewSet, InternalUnitViewSet, LeaderViewSet, StaffViewSet,
             MembershipViewSet, RegionViewSet)
