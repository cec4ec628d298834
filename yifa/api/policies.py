"""Who may issue, see and revoke staff API tokens: everyone their own; a system administrator anyone's.

Tokens belong to a person, not to a department, so this policy decides by owner rather than by the
department scoping of `yifa.org.policies`; the system administrator role (or a superuser) is the only
role that reaches other people's tokens.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from yifa.org.models import Role
from yifa.org.scoping import department_scope

from .models import ApiToken

ACTIONS = frozenset({"view", "add", "revoke"})


def is_system_admin(user: Any) -> bool:
    return Role.SYSTEM_ADMIN in department_scope(user).city_roles


def _is_active_person(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


class ApiTokenPolicy:
    model = ApiToken

    def can(self, user: Any, action: str, instance: ApiToken | None = None) -> bool:
        if action not in ACTIONS or not _is_active_person(user):
            return False
        if is_system_admin(user):
            return True
        return instance is None or instance.user_id == user.pk

    def check(self, user: Any, action: str, instance: ApiToken | None = None) -> None:
        if not self.can(user, action, instance):
            raise PermissionDenied(_("您只能管理自己的接口令牌；管理他人的令牌须由系统管理员操作。"))

    def visible(self, user: Any) -> QuerySet[ApiToken]:
        qs = ApiToken.objects.select_related("user")
        if not _is_active_person(user):
            return qs.none()
        return qs if is_system_admin(user) else qs.filter(user=user)


api_token_policy = ApiTokenPolicy()
