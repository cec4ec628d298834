"""`yifa export-powers --format xlsx|csv|json [--list power|intermediary|approval] [--department CODE]
[--type 01] [--status in_force|ended|all] [--as-of YYYY-MM-DD] [-o FILE]`: export a list as of a date.

The xlsx and csv use the import template's columns; JSON is the open-data catalogue, one record per
power item in force on that date.
"""

from __future__ import annotations

import datetime as dt
import io
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.org.models import Department
from yifa.powers.exporter import FORMATS, export
from yifa.powers.models import Catalogue, PowerType
from yifa.powers.selectors import ListStatus


class Command(BaseCommand):
    help = str(gettext_lazy("导出权责清单、中介服务清单或行政审批项目目录（xlsx、csv 或 JSON 开放数据）。"))

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--list", default=Catalogue.POWER, choices=Catalogue.values, dest="catalogue")
        parser.add_argument("--department", default="", help=gettext_lazy("部门代码；不填为全市"))
        parser.add_argument("--type", default="", help=gettext_lazy("事项类型代码，例如 02"))
        parser.add_argument("--status", default=ListStatus.IN_FORCE, choices=ListStatus.CHOICES)
        parser.add_argument("--as-of", default="", help=gettext_lazy("截至日期 YYYY-MM-DD；不填为今天"))
        parser.add_argument("-o", "--output", default="-", help=gettext_lazy("输出文件；不填或 - 为标准输出"))

    def handle(self, *args, format, catalogue, department, type, status, as_of, output, **options):
        try:
            day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(_("“%(value)s”不是有效的日期，请按 YYYY-MM-DD 填写。") % {"value": as_of}) from None
        target = None
        if department:
            target = Department.objects.filter(code=department).first()
            if target is None:
                raise CommandError(_("没有代码为“%(code)s”的部门。") % {"code": department})
        if type and type not in PowerType.values:
            raise CommandError(_("未知的事项类型“%(value)s”。") % {"value": type})
        if format == "xlsx" and output == "-":
            raise CommandError(_("xlsx 是二进制文件，请用 -o 指定输出文件。"))
        kwargs = {"as_of": day, "department": target, "power_type": type or None, "status": status}
        if output == "-":
            buffer = io.StringIO()
            count = export(catalogue, format, buffer, **kwargs)
            sys.stdout.write(buffer.getvalue())
            self.stderr.write(_("已导出 %(n)s 项。") % {"n": count})
            return
        mode = "wb" if format == "xlsx" else "w"
        with open(output, mode, **({} if format == "xlsx" else {"encoding": "utf-8", "newline": ""})) as out:
            count = export(catalogue, format, out, **kwargs)
        self.stdout.write(_("已导出 %(n)s 项到 %(file)s。") % {"n": count, "file": output})
