"""Staff API tokens: who may call the staff API (/api/cases/…) as whom, until when.

Only a SHA-256 hash of a token is stored, with its first characters (`prefix`) so that a person can
tell their tokens apart; the token itself is shown once, when it is issued, and never again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        """Neither revoked nor expired, now."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class ApiToken(models.Model):
    # Not "api_tokens": Wagtail 8's own APIToken (for wagtail.api.v3, not installed) takes that name.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE,
                             related_name="staff_api_tokens")
    name = models.CharField(_("名称"), max_length=100, blank=True, help_text=_("用途，例如：统计报表脚本"))
    # The token's first characters: not enough to use it, enough to recognise it in a list.
    prefix = models.CharField(_("令牌开头"), max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # What the audit log shows as the target: never the token, only its public beginning.
        return f"{self.prefix}… {self.name}".strip()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired

    def state_label(self) -> str:
        if self.is_revoked:
            return str(_("已吊销"))
        if self.is_expired:
            return str(_("已过期"))
        return str(_("有效"))
