"""The api app, declared once: the audit event types of its tokens."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from yifa.core.modules import Module

MODULE = Module(
    "api", verbose_name=_("接口"),
    event_types={
        "api.token_issued": _("签发接口令牌"),
        "api.token_revoked": _("吊销接口令牌"),
    },
)
