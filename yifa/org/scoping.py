"""Which departments a user acts in, and with which roles. Computed once per user object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .models import CITY_WIDE_ROLES, Membership, Role


@dataclass(frozen=True)
class DepartmentScope:
    # Roles held city-wide (system admin, legal affairs office, leader): they apply to every department.
    city_roles: frozenset[str] = frozenset()
    # Department id -> roles held in that department.
    department_roles: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def all_departments(self) -> bool:
        return bool(self.city_roles)

    @property
    def department_ids(self) -> frozenset[int]:
        return frozenset(self.department_roles)

    @property
    def roles(self) -> frozenset[str]:
        held: set[str] = set(self.city_roles)
        for roles in self.department_roles.values():
            held |= roles
        return frozenset(held)

    def roles_in(self, department_id: int | None) -> frozenset[str]:
        """Roles that apply to a record of this department: city-wide roles plus local ones."""
        local = self.department_roles.get(department_id, frozenset()) if department_id is not None else frozenset()
        return self.city_roles | local

    def departments_with_any(self, roles: set[str] | frozenset[str]) -> frozenset[int]:
        return frozenset(d for d, held in self.department_roles.items() if held & roles)


EMPTY_SCOPE = DepartmentScope()
_CACHE_ATTR = "_yifa_department_scope"


def department_scope(user: Any) -> DepartmentScope:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return EMPTY_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    city: set[str] = {Role.SYSTEM_ADMIN} if user.is_superuser else set()
    local: dict[int, set[str]] = {}
    memberships = Membership.objects.filter(
        staff__user=user, staff__is_active=True, department__is_active=True
    ).values_list("department_id", "role")
    for department_id, role in memberships:
        if role in CITY_WIDE_ROLES:
            city.add(role)
        local.setdefault(department_id, set()).add(role)
    scope = DepartmentScope(
        city_roles=frozenset(city), department_roles={d: frozenset(r) for d, r in local.items()}
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
