"""`yifa powers-take-effect [--date YYYY-MM-DD]`: the daily job publishing approved adjustments whose date has come."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import SystemJob
from yifa.powers.actions import take_effect


class Command(BaseCommand):
    help = str(gettext_lazy("每日任务：公布生效日期已到的清单调整（更新站内搜索）。"))

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help=gettext_lazy("按这一天执行，默认今天"))

    def handle(self, *args, date, **options):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(_("“%(value)s”不是有效的日期，请按 YYYY-MM-DD 填写。") % {"value": date}) from None
        count = take_effect(actor=SystemJob("powers.take_effect"), today=today)
        self.stdout.write(_("已公布 %(n)s 项生效的调整。") % {"n": count})
