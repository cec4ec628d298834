"""`yifa catalogue sync [--source NAME]`: rebuild the agencies' 政府信息公开目录 entries of the records the modules
publish themselves (the daily job does the same each day): new ones filed with a 索引号, withdrawn ones taken out."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core import modules


class Command(BaseCommand):
    help = str(gettext_lazy("按各模块公开的记录（权责清单、依申请公开答复、留言选登）同步政府信息公开目录。"))

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync"])
        parser.add_argument("--source", default="", help=gettext_lazy("只同步这一来源"))

    def handle(self, *args, action, source, **options):
        from yifa.portal.catalogue import sync_catalogue, sync_summary

        names = [each.name for each in modules.catalogue_sources()]
        if source and source not in names:
            raise CommandError(_("没有名为 %(name)s 的目录来源；可选：%(names)s") % {"name": source, "names": "、".join(names)})
        self.stdout.write(sync_summary(sync_catalogue(only=source or None)))
