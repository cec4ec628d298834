"""`yifa backup --output DIR`: a consistent snapshot of the database and the instance's files, with a manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yifa.core.backup import backup
from yifa.core.errors import ActionRefused


class Command(BaseCommand):
    help = "备份数据库（SQLite 在线备份或 pg_dump）和文件（公开媒体、案件附件、导入文件），附带行数和校验和清单。"

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="备份目录（须为空或不存在）")

    def handle(self, *args, **options):
        try:
            result = backup(Path(options["output"]))
        except ActionRefused as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"已备份到 {result.directory}：{result.tables} 张表、{result.rows} 行，{result.files} 个文件。")
