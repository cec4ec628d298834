"""`yifa restore DIR`: restore a `yifa backup` into an empty database, then check it against the manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core.backup import restore
from yifa.core.errors import ActionRefused


class Command(BaseCommand):
    help = str(gettext_lazy("从 yifa backup 的目录恢复数据库和文件（目标数据库须为空，除非加 --force），恢复后逐表核对行数、逐个核对文件校验和。"))

    def add_arguments(self, parser):
        parser.add_argument("directory", help=gettext_lazy("yifa backup 生成的目录"))
        parser.add_argument("--force", action="store_true", help=gettext_lazy("目标数据库已有数据时仍然恢复（覆盖）"))

    def handle(self, *args, **options):
        try:
            differences = restore(Path(options["directory"]), force=options["force"])
        except ActionRefused as error:
            raise CommandError(error.message) from None
        if differences:
            raise CommandError(_("恢复后与备份清单不一致：") + "\n" + "\n".join(differences[:50]))
        self.stdout.write(_("已恢复，并与备份清单核对一致（每张表的行数、每个文件的校验和）。"))
