"""Permission policies: one per model, shared by the back office, the API and the commands.

A policy says which roles may perform which action; department roles count only for records of
their own department, city-wide roles (system admin, legal affairs office, leader) for all. The
policy classes are Wagtail permission policies, so Wagtail's views use them unchanged.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import Department, InternalUnit, Leader, Membership, Region, Role, Staff
from .scoping import department_scope

R = Role
DEPARTMENT_STAFF = frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.INSPECTOR})
EVERY_ROLE = frozenset(R.values)
# Actions a policy has unless its rules say otherwise: the department head assigns (分派) its cases.
DEFAULT_RULES: dict[str, frozenset[str]] = {"assign": frozenset({R.DEPARTMENT_HEAD})}


class DepartmentScopedPolicy(BasePermissionPolicy):
    """Decides by role and department. Subclasses set `model`, `department_path` and `rules`."""

    # Path from the model to its department: "department", "power__department", or "pk" for Department.
    department_path: ClassVar[str] = "department"
    rules: ClassVar[dict[str, frozenset[str]]] = {
        "view": EVERY_ROLE,
        "add": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.SYSTEM_ADMIN}),
        "change": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.SYSTEM_ADMIN}),
        "delete": frozenset(),
    }

    def roles_for(self, action: str) -> frozenset[str]:
        return self.rules.get(action, DEFAULT_RULES.get(action, frozenset()))

    def department_id_of(self, instance: Model) -> int | None:
        if self.department_path == "pk":
            return instance.pk
        obj: Any = instance
        parts = self.department_path.split("__")
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return getattr(obj, f"{parts[-1]}_id", None)

    # --- Wagtail's interface ---------------------------------------------------------------
    def user_has_permission(self, user: Any, action: str) -> bool:
        return bool(department_scope(user).roles & self.roles_for(action))

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Model) -> bool:
        roles = self.roles_for(action)
        return bool(department_scope(user).roles_in(self.department_id_of(instance)) & roles)

    def instances_user_has_any_permission_for(self, user: Any, actions: list[str]) -> QuerySet:
        scope = department_scope(user)
        wanted: frozenset[str] = frozenset().union(*(self.roles_for(a) for a in actions)) if actions else frozenset()
        qs = self.model._default_manager.all()
        if scope.city_roles & wanted:
            return qs
        department_ids = scope.departments_with_any(wanted)
        if not department_ids:
            return qs.none()
        return qs.filter(**{f"{self.department_path}__in": department_ids})

    def users_with_any_permission(self, actions: list[str]) -> QuerySet:
        wanted: set[str] = set().union(*(self.roles_for(a) for a in actions)) if actions else set()
        user_model = get_user_model()
        q = Q(staff__memberships__role__in=wanted, staff__is_active=True)
        if R.SYSTEM_ADMIN in wanted:
            q |= Q(is_superuser=True)
        return user_model._default_manager.filter(q, is_active=True).distinct()

    def users_with_any_permission_for_instance(self, actions: list[str], instance: Model) -> QuerySet:
        wanted: set[str] = set().union(*(self.roles_for(a) for a in actions)) if actions else set()
        city = wanted & {R.SYSTEM_ADMIN, R.LEGAL_AFFAIRS, R.LEADER}
        local = wanted - city
        q = Q(staff__memberships__role__in=city) | Q(
            staff__memberships__role__in=local,
            staff__memberships__department_id=self.department_id_of(instance),
        )
        if R.SYSTEM_ADMIN in wanted:
            q |= Q(is_superuser=True)
        return get_user_model()._default_manager.filter(q, is_active=True).distinct()

    # --- yifa's shorthand ------------------------------------------------------------------
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        allowed = self.instances_user_has_permission_for(user, "view")
        if queryset is None:
            return allowed
        return queryset.filter(pk__in=allowed.values("pk")) if not self._sees_all(user) else queryset

    def _sees_all(self, user: Any) -> bool:
        return bool(department_scope(user).city_roles & self.roles_for("view"))

    def can(self, user: Any, action: str, instance: Model | None = None) -> bool:
        if instance is None:
            return self.user_has_permission(user, action)
        return self.user_has_permission_for_instance(user, action, instance)

    def check(self, user: Any, action: str, instance: Model | None = None) -> None:
        """Raise PermissionDenied with a message the user can read."""
        if not self.can(user, action, instance):
            raise PermissionDenied(
                _("您没有权限执行此操作（%(action)s）：该记录不属于您所在的部门，或您的角色不允许。")
                % {"action": action}
            )


class ReferenceDataPolicy(DepartmentScopedPolicy):
    """City-wide reference data (regions, the working-day calendar): roles decide, departments do not."""

    def instances_user_has_any_permission_for(self, user: Any, actions: list[str]) -> QuerySet:
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Model) -> bool:
        return self.user_has_permission(user, action)


class RegionPolicy(ReferenceDataPolicy):
    """Regions: everyone with a role reads, only system admins write."""

    rules = {
        "view": EVERY_ROLE,
        "add": frozenset({R.SYSTEM_ADMIN}),
        "change": frozenset({R.SYSTEM_ADMIN}),
        "delete": frozenset(),
    }


class DepartmentPolicy(DepartmentScopedPolicy):
    department_path = "pk"
    rules = {
        "view": EVERY_ROLE,
        "add": frozenset({R.SYSTEM_ADMIN}),
        "change": frozenset({R.SYSTEM_ADMIN, R.DEPARTMENT_HEAD}),
        "delete": frozenset(),
    }

    def instances_user_has_any_permission_for(self, user: Any, actions: list[str]) -> QuerySet:
        scope = department_scope(user)
        wanted: frozenset[str] = frozenset().union(*(self.roles_for(a) for a in actions))
        qs = self.model._default_manager.all()
        if scope.city_roles & wanted:
            return qs
        return qs.filter(pk__in=scope.departments_with_any(wanted))


class AgencyInfoPolicy(DepartmentPolicy):
    """A department's public page (机构职能, contacts, office hours): its own head and editors keep it
    current, the system administrator any; nobody else, not even city-wide readers."""

    rules = {
        "view": EVERY_ROLE,
        "add": frozenset(),
        "change": frozenset({R.SYSTEM_ADMIN, R.DEPARTMENT_HEAD, R.DEPARTMENT_EDITOR}),
        "delete": frozenset(),
    }


class AgencyPartPolicy(DepartmentScopedPolicy):
    """Internal units and leaders shown on a department's page: kept by its head and editors."""

    rules = {
        "view": EVERY_ROLE,
        "add": frozenset({R.SYSTEM_ADMIN, R.DEPARTMENT_HEAD, R.DEPARTMENT_EDITOR}),
        "change": frozenset({R.SYSTEM_ADMIN, R.DEPARTMENT_HEAD, R.DEPARTMENT_EDITOR}),
        "delete": frozenset({R.SYSTEM_ADMIN, R.DEPARTMENT_HEAD, R.DEPARTMENT_EDITOR}),
    }


class StaffPolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "add": frozenset({R.SYSTEM_ADMIN, R.DEPARTMENT_HEAD}),
        "change": frozenset({R.SYSTEM_ADMIN, R.DEPARTMENT_HEAD}),
        "delete": frozenset(),
    }


class MembershipPolicy(DepartmentScopedPolicy):
    # Granting roles is the system administrator's job: a department head cannot make themselves legal affairs.
    rules = {
        "view": EVERY_ROLE,
        "add": frozenset({R.SYSTEM_ADMIN}),
        "change": frozenset({R.SYSTEM_ADMIN}),
        "delete": frozenset({R.SYSTEM_ADMIN}),
    }


region_policy = RegionPolicy(Region)
department_policy = DepartmentPolicy(Department)
staff_policy = StaffPolicy(Staff)
membership_policy = MembershipPolicy(Membership)
agency_info_policy = AgencyInfoPolicy(Department)
internal_unit_policy = AgencyPartPolicy(InternalUnit)
leader_policy = AgencyPartPolicy(Leader)
