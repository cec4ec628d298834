"""A record made public: what was published (masked), when, where, and until when.

One row per publication of a record; withdrawing it dates the row (the history stays). The public
sees a record exactly while its row is live (published, not withdrawn): module pages ask
`publication.selectors` rather than keeping a flag of their own.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    kind = models.CharField(_("公开类别"), max_length=60)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    key = models.CharField(_("编号"), max_length=128)
    department = models.ForeignKey("org.Department", verbose_name=_("部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    # What the public reads: masked when published (yifa.core.masking), the same text the search holds.
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("网址"), max_length=300)
    natural_person = models.BooleanField(_("当事人为自然人"), default=False)
    published_at = models.DateTimeField(_("公开时间"), db_index=True)
    withdraw_due = models.DateField(_("公开期限至"), null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, db_index=True)
    withdrawal_reason = models.TextField(_("撤回原因"), blank=True)

    class Meta:
        verbose_name = _("公开记录")
        verbose_name_plural = _("公开记录")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"]), models.Index(fields=["kind", "withdrawn_at"])]
        constraints = [models.UniqueConstraint(
            fields=["target_type", "target_id"], condition=Q(withdrawn_at__isnull=True),
            name="publication_one_live_per_record")]

    def __str__(self) -> str:
        return f"{self.key} {self.title}"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None
