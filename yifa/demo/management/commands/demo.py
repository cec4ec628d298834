"""`yifa demo`: load the Zhaodong 2016 demo dataset. Running it twice changes nothing the second time."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from yifa.core.modules import demo_loaders


class Command(BaseCommand):
    help = "载入肇东市 2016 年演示数据（可重复执行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", default=None, help="只载入这些模块的演示数据")

    def handle(self, *args, **options):
        only = set(options["only"] or [])
        for label, loader in demo_loaders():
            if only and label not in only:
                continue
            summary = loader.run()
            self.stdout.write(f"[{label}] {summary or 'ok'}")
