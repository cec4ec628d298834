"""`yifa demo`: load the Zhaodong 2016 demo dataset. Running it twice changes nothing the second time."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand

from yifa.demo.registry import demo_loaders


class Command(BaseCommand):
    help = "载入肇东市 2016 年演示数据（可重复执行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", default=None, help="只载入这些模块的演示数据")

    def handle(self, *args, **options):
        # Loaders live in each app's demo.py and register themselves on import.
        for config in apps.get_app_configs():
            if config.name.startswith("yifa."):
                try:
                    importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
        only = set(options["only"] or [])
        for loader in demo_loaders():
            if only and loader.name not in only:
                continue
            summary = loader.load()
            self.stdout.write(f"[{loader.name}] {summary or 'ok'}")
