"""The case base: every case type (disclosure request, reconsideration, power-list change …) subclasses `Case`.

Status says where the case is; outcome says how it ended — two fields, never one (froide keeps
Status apart from Resolution). "Due soon" and "overdue" are never stored: they are derived from the
case's deadlines when queried (yifa.calendar.selectors).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Case(models.Model):
    reference = models.CharField(_("编号"), max_length=40, unique=True)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("承办部门"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=32, db_index=True)
    outcome = models.CharField(_("结果"), max_length=32, blank=True, db_index=True)
    # Who handles the case now (分派); the work queue shows it to them first. Optional: a case also waits
    # for the roles that may take its next step.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("经办人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("立案时间"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # Subclasses set these: the statuses in which the case is finished.
    CLOSED_STATUSES: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    def status_label(self) -> str:
        return str(dict(self._meta.get_field("status").choices or []).get(self.status, self.status))  # type: ignore[union-attr]

    def outcome_label(self) -> str:
        return str(dict(self._meta.get_field("outcome").choices or []).get(self.outcome, self.outcome))  # type: ignore[union-attr]


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    # The stored name is ours (a hash); the uploader's file name is kept in original_name only.
    stamp = timezone.now()
    return f"attachments/{stamp:%Y/%m}/{instance.sha256[:32]}{instance.extension_with_dot}"


def private_storage():  # type: ignore[no-untyped-def]
    """Case files: outside the public media, served only through a view that checks the case's policy."""
    from django.core.files.storage import storages

    return storages["private"]


# What a file is to its case, as staff read it (the stored kind is a code modules pass to add_attachment).
ATTACHMENT_KINDS = {
    "application": _("申请材料"),
    "correction": _("补正材料"),
    "released": _("公开的信息"),
    "redacted": _("处理后公开的文本"),
    "draft_release": _("拟公开的信息（待审核）"),
    "original": _("原件（内部留存）"),
}


class Attachment(models.Model):
    """A file attached to any record (a case, a reply, a notice). Checked by casework.attachments."""

    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    owner_id = models.CharField(max_length=64, db_index=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    department = models.ForeignKey(
        "org.Department", verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类别"), max_length=40, blank=True)
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=255, storage=private_storage)
    original_name = models.CharField(_("文件名"), max_length=200)
    extension = models.CharField(_("类型"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    is_public = models.BooleanField(_("公开"), default=False)
    uploaded_by_label = models.CharField(_("上传人"), max_length=150)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind_label(self) -> str:
        return str(ATTACHMENT_KINDS.get(self.kind, self.kind))

    @property
    def extension_with_dot(self) -> str:
        return f".{self.extension}" if self.extension else ""


class ReferenceSequence(models.Model):
    """The last number given out per case kind, scope (a department's code, or "") and year.

    Incremented with an UPDATE inside the caller's transaction, which holds the row (PostgreSQL) or
    the database (SQLite, IMMEDIATE transactions) until commit: two cases never get one number, and a
    rolled-back submission gives its number back."""

    kind = models.CharField(max_length=40)
    scope = models.CharField(max_length=40, blank=True)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        constraints = [models.UniqueConstraint(fields=["kind", "scope", "year"], name="reference_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.kind}/{self.scope}/{self.year}: {self.last}"


class Correspondence(models.Model):
    """A message between the office and the person a case is about, kept on the case: the applicant's
    answer to a 补正 notice, sent from the portal. Files sent with it are attachments of the case (so the case's
    policy guards them), named in `attachment_names`.

    `from_citizen` is the direction; the office's own formal notices stay documents of the case."""

    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    owner_id = models.CharField(max_length=64, db_index=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    from_citizen = models.BooleanField(_("来自当事人"), default=True)
    subject = models.CharField(_("事由"), max_length=100)
    body = models.TextField(_("内容"))
    attachment_names = models.JSONField(_("所附文件"), default=list, blank=True)
    author_label = models.CharField(_("发送人"), max_length=150)
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)

    class Meta:
        verbose_name = _("往来信息")
        verbose_name_plural = _("往来信息")
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.sent_at:%Y-%m-%d}"
