"""One row per indexed document, the same on every database; the full-text index beside it is per engine.

The full-text side (created by migration 0002) is an FTS5 table `search_fts` on SQLite and a table of
tsvector segments `search_segment` on PostgreSQL; see `engines.py`. Database triggers remove a
document's full-text rows whenever its row here is deleted (including a test database flush).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    source = models.CharField(_("来源"), max_length=64)
    key = models.CharField(_("来源内编号"), max_length=128)
    title = models.TextField(_("标题"))
    body = models.TextField(_("正文"), blank=True)
    url = models.TextField(_("网址"))
    # "column" is an SQL keyword: keep it out of the raw full-text SQL.
    column = models.CharField(_("栏目"), max_length=100, blank=True, db_column="column_slug", db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)
    # The document's place in newest-first order (keys.order_key: published second, then a tie-breaker);
    # also its FTS5 rowid on SQLite, so that "newest first" is the index's own order.
    order_key = models.BigIntegerField(_("排序键"), unique=True, null=True, editable=False)

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="search_document_source_key")]

    def __str__(self) -> str:
        return f"{self.source}:{self.key} {self.title[:40]}"
