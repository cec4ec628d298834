"""Writes to staff API tokens: issuing one and revoking one (each checked, atomic and audited), and
noting when a token was last used (bookkeeping, not audited, like Django's last_login).

The token itself never reaches the audit log: only its owner, name, public beginning and expiry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor
from yifa.core.errors import ActionRefused

from .models import ApiToken
from .policies import api_token_policy
from .tokens import new_token

MAX_DAYS = 3650
NAME_LENGTH = ApiToken._meta.get_field("name").max_length or 100
# last_used_at is written at most this often per token: a busy script must not write on every call.
USE_RECORDED_EVERY = dt.timedelta(minutes=1)


def _owner(user: Any) -> str:
    staff = getattr(user, "staff", None)
    name = getattr(staff, "name", "") if staff is not None else ""
    return f"{name} ({user.get_username()})" if name else user.get_username()


def issue_api_token(*, actor: Actor, user: Any, days: int | None = None,
                    name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`, valid for `days` (or until revoked). Returns the row and the token,
    which the caller shows once: it is not stored and cannot be shown again."""
    name = (name or "").strip()
    if len(name) > NAME_LENGTH:
        raise ActionRefused(_("令牌名称不能超过 %(n)s 个字符。") % {"n": NAME_LENGTH})
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ActionRefused(_("有效天数应在 1 到 %(n)s 之间。") % {"n": MAX_DAYS})
    if not user.is_active:
        raise ActionRefused(_("账户“%(user)s”已停用，不能签发接口令牌。") % {"user": user.get_username()})
    token = new_token()
    now = timezone.now()
    row = ApiToken(user=user, name=name, prefix=token.prefix, token_hash=token.digest, created_at=now,
                   expires_at=now + dt.timedelta(days=days) if days is not None else None)
    check_actor(api_token_policy, actor, "add", row)
    with transaction.atomic():
        row.save()
        record_event(actor=actor, event_type="api.token_issued", target=row, department=_department(user), new={
            "user": _owner(user), "name": name, "prefix": token.prefix, "expires_at": row.expires_at,
        })
    return row, token.plaintext


def revoke_api_token(*, actor: Actor, token: ApiToken, reason: str = "") -> ApiToken:
    """Revoke a token now: the next request made with it gets 401."""
    check_actor(api_token_policy, actor, "revoke", token)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ActionRefused(_("该令牌已于 %(when)s 吊销。") % {
                "when": timezone.localtime(locked.revoked_at).strftime("%Y-%m-%d %H:%M")})
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record_event(actor=actor, event_type="api.token_revoked", target=locked, department=_department(locked.user),
                     old={"revoked_at": None}, new={"user": _owner(locked.user), "prefix": locked.prefix,
                                                     "revoked_at": locked.revoked_at}, reason=reason[:2000])
    token.revoked_at = locked.revoked_at
    return token


def record_token_use(token: ApiToken, *, now: dt.datetime | None = None) -> bool:
    """Note that the token was used: at most one UPDATE a minute per token. Returns whether it wrote."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < USE_RECORDED_EVERY:
        return False
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return True


def _department(user: Any) -> Any:
    """The owner's department, so that the department's audit report shows its people's tokens."""
    staff = getattr(user, "staff", None)
    return getattr(staff, "department", None) if staff is not None else None
