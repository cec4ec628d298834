from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .event_types import event_type_label


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit row outside the retention purge."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit events can only be removed by the retention purge")

    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk))


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    # Indexes are few on purpose: a calendar change appends 100,000 rows at once. The report filters
    # by time, type, department and target; nobody looks events up by the account's id.
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # A snapshot of who acted, readable even if the account is renamed: a name, or "system:<job>".
    actor_label = models.CharField(_("操作人"), max_length=150)
    actor_ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    event_type = models.CharField(_("事件类型"), max_length=64, db_index=True)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False,  # led by the (target_type, target_id, occurred_at) index
    )
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_repr = models.CharField(_("对象"), max_length=255, blank=True)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    old_values = models.JSONField(_("原值"), default=dict, blank=True)
    new_values = models.JSONField(_("新值"), default=dict, blank=True)
    reason = models.TextField(_("理由"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "occurred_at"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        moment = timezone.localtime(self.occurred_at) if self.occurred_at else None
        return f"{moment:%Y-%m-%d %H:%M:%S} {self.actor_display} {self.event_type_label}" if moment else self.event_type_label

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise AuditLogIsAppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit events can only be removed by the retention purge")

    @property
    def event_type_label(self) -> str:
        return event_type_label(self.event_type)

    @property
    def actor_display(self) -> str:
        from .readable import actor_label

        return actor_label(self.actor_label)

    @property
    def readable_changes(self) -> list[tuple[str, str | None, str]]:
        from .readable import readable_changes

        return readable_changes(self)

    @property
    def changes_text(self) -> str:
        return format_html_join(mark_safe("<br>"), "{}：{}", (
            (label, f"{old} → {new}" if old is not None else new) for label, old, new in self.readable_changes))

    @property
    def occurred_at_display(self) -> str:
        """Beijing time (TIME_ZONE), to the second, as every other screen shows it."""
        return f"{timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M:%S}" if self.occurred_at else "—"

    @property
    def ip_display(self) -> str:
        return self.actor_ip or "—"

    occurred_at_display.fget.short_description = _("时间")  # type: ignore[attr-defined]
    ip_display.fget.short_description = _("IP 地址")  # type: ignore[attr-defined]

    # Labels for the back office's inspect view (Django reads a property's fget.short_description).
    actor_display.fget.short_description = _("操作人")  # type: ignore[attr-defined]
    readable_changes.fget.short_description = _("变更")  # type: ignore[attr-defined]
    changes_text.fget.short_description = _("变更")  # type: ignore[attr-defined]
    event_type_label.fget.short_description = _("事件类型")  # type: ignore[attr-defined]

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, old, new) for every field named in either side, for display."""
        keys = list(dict.fromkeys([*self.old_values.keys(), *self.new_values.keys()]))
        return [(key, self.old_values.get(key), self.new_values.get(key)) for key in keys]
