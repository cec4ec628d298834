"""Page view counts (点击数): a running total per page and a count per page and day for statistics.

Both tables are written only by `actions.record_view`, with one atomic upsert each
(INSERT … ON CONFLICT … DO UPDATE SET views = views + 1), so concurrent views never lose an
increment. The total equals the sum of the daily rows; it is kept so the beacon can answer the
fresh total in the same statement that counts the view.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewTotal(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("网页"), primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    views = models.PositiveBigIntegerField(_("点击数"), default=0)

    class Meta:
        verbose_name = _("网页点击总数")
        verbose_name_plural = _("网页点击总数")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.views}"


class DailyPageViews(models.Model):
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("网页"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("日期"))
    views = models.PositiveBigIntegerField(_("点击数"), default=0)

    class Meta:
        verbose_name = _("网页每日点击数")
        verbose_name_plural = _("网页每日点击数")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="viewcounts_one_row_per_page_and_day")]
        indexes = [models.Index(fields=["day", "page"], name="viewcounts_daily_by_day")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.views}"
