"""`yifa demo`: load the Zhaodong demo: the 2016 history that reproduces the seed report's figures, and current
work placed around today (or `YIFA_DEMO_TODAY`). Running it twice changes nothing the second time."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from yifa.core.demo import DemoDateRefused, demo_today
from yifa.core.modules import demo_loaders


class Command(BaseCommand):
    help = ("载入肇东市演示数据：2016 年的历史记录（再现种子报告的数字），以及以今天（或环境变量 YIFA_DEMO_TODAY 指定的日期）"
            "为准的当前办理中的工作。可重复执行，不会重复创建。")

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", default=None, help="只载入这些模块的演示数据")
        parser.add_argument("--force-in-production", action="store_true",
                            help="在生产环境（DJANGO_ENV=production）中仍然载入演示数据（会创建公开密码的演示账户）")

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["force_in_production"]:
            # The demo makes accounts (admin included) whose password is printed in the README.
            raise CommandError("这是生产环境（DJANGO_ENV=production）：演示数据会创建密码公开的演示账户（含系统管理员），"
                               "因此不予载入。确需载入请加 --force-in-production。")
        try:
            today = demo_today()  # refused before anything is written
        except DemoDateRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(_("演示日期：%(day)s（当前办理中的工作以此日为准）") % {"day": today.isoformat()})
        only = set(options["only"] or [])
        for label, loader in demo_loaders():
            if only and label not in only:
                continue
            summary = loader.run()
            self.stdout.write(f"[{label}] {summary or 'ok'}")
        if not only or "portal" in only:
            # The records the modules published (the power lists' versions, answers, messages) in the agencies'
            # catalogues as of the demo's day, as the daily job would have filed them.
            from yifa.portal.catalogue import sync_catalogue, sync_summary

            self.stdout.write(f"[portal] {sync_summary(sync_catalogue(today))}")
