"""`yifa backup --output DIR`: a consistent snapshot of the database and the instance's files, with a manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core.backup import backup
from yifa.core.errors import ActionRefused


class Command(BaseCommand):
    help = str(gettext_lazy("备份数据库（SQLite 在线备份或 pg_dump）和文件（公开媒体、案件附件、导入文件），附带行数和校验和清单。"))

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help=gettext_lazy("备份目录（须为空或不存在）"))

    def handle(self, *args, **options):
        try:
            result = backup(Path(options["output"]))
        except ActionRefused as error:
            raise CommandError(error.message) from None
        self.stdout.write(_("已备份到 %(path)s：%(tables)s 张表、%(rows)s 行，%(files)s 个文件。") % {"path": result.directory, "tables": result.tables, "rows": result.rows, "files": result.files})
