"""`yifa search_index [--source NAME]`: rebuild the site search from every (or one) registered source."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import COMMAND_LINE
from yifa.core.errors import ActionRefused
from yifa.search.actions import rebuild_index
from yifa.search.index import source_label


class Command(BaseCommand):
    help = str(gettext_lazy("重建站内检索索引：按各检索来源的全部公开信息重新建立（可只重建一个来源）。"))

    def add_arguments(self, parser):
        parser.add_argument("--source", default=None, help=gettext_lazy("只重建这个来源，例如 portal.article"))

    def handle(self, *args, **options):
        try:
            counts = rebuild_index(actor=COMMAND_LINE, source=options["source"])
        except ActionRefused as refused:
            raise CommandError(refused.message) from refused
        for name, count in counts.items():
            self.stdout.write(_("%(label)s（%(name)s）：%(count)d 条") % {
                "label": source_label(name), "name": name, "count": count})
        self.stdout.write(_("检索索引已重建：共 %(total)d 条。") % {"total": sum(counts.values())})
