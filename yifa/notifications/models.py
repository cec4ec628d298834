"""Notifications and their deliveries, each user's choice of channels, and addresses that bounce.

A `Notification` is one message to one person about one thing (a case assigned, a deadline near): a
back-office user (`recipient_user`, whose inbox shows it) or a citizen (no account; the deliveries carry
the address they gave). Its subject and body are rendered in the recipient's language when it is created.
A `Delivery` is one channel's attempt to get it there (inbox, e-mail, SMS): queued, sent, failed or bounced,
with its attempts, last error and when to try again — every notification sent is recorded, none dropped.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import Channel, EventKind


class Notification(models.Model):
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    # Who it went to, for the log: a staff member's name, or "申请人"/"留言人" — never a citizen's name.
    recipient_label = models.CharField(_("接收人"), max_length=150)
    kind = models.CharField(_("事项"), max_length=16, choices=EventKind.choices, db_index=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("案件"), max_length=120, blank=True)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("部门"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    language = models.CharField(_("语言"), max_length=10)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    url = models.CharField(_("链接"), max_length=300, blank=True)  # a back-office path, for staff
    # One reminder per deadline, kind and due date: the daily job may run again without repeating it.
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient_user", "read_at", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient_user", "dedupe_key"], condition=~Q(dedupe_key=""),
                                    name="notification_once_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_label}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("待发送")
        SENT = "sent", _("已送达")
        FAILED = "failed", _("发送失败")
        BOUNCED = "bounced", _("地址无效（退信）")

    notification = models.ForeignKey(Notification, verbose_name=_("通知"), on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("地址"), max_length=254, blank=True)  # the e-mail or phone; "" for the inbox
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("通知发送记录")
        verbose_name_plural = _("通知发送记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address} {self.get_status_display()}"


class Preference(models.Model):
    """A user's channels per event kind (beyond the inbox, which always keeps a copy) and SMS number."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="notification_preference")
    email_kinds = models.JSONField(_("电子邮件通知的事项"), default=list, blank=True)
    sms_kinds = models.JSONField(_("短信通知的事项"), default=list, blank=True)
    mobile = models.CharField(_("接收短信的手机号码"), max_length=20, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")

    def __str__(self) -> str:
        return str(self.user)


class BouncedAddress(models.Model):
    """An e-mail address or phone number the server or gateway refused for good: nothing more is sent to it
    until someone clears it (the address was corrected)."""

    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("地址"), max_length=254)
    reason = models.TextField(_("原因"), blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("无效地址")
        verbose_name_plural = _("无效地址")
        constraints = [models.UniqueConstraint(fields=["channel", "address"], name="bounced_address_unique")]

    def __str__(self) -> str:
        return f"{self.channel}:{self.address}"
