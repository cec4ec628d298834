"""Who may change the agencies' catalogues (政府信息公开目录) beyond publishing articles."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from yifa.org.models import Department
from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R
from yifa.org.scoping import department_scope

from .models import CatalogueEntry

IMPORTERS = frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.SYSTEM_ADMIN})


class CatalogueEntryPolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "add": IMPORTERS,
        "change": frozenset(),
        "delete": frozenset(),
        "import": IMPORTERS,
    }

    def departments_for(self, user: Any, action: str) -> QuerySet[Department]:
        """The agencies whose catalogue the user may act on (every agency for a city-wide role)."""
        scope = department_scope(user)
        roles = self.roles_for(action)
        departments = Department.objects.filter(is_active=True)
        if scope.city_roles & roles:
            return departments
        return departments.filter(pk__in=scope.departments_with_any(roles))


catalogue_entry_policy = CatalogueEntryPolicy(CatalogueEntry)
