"""`yifa openapi`: rewrite yifa/api/openapi.json from the API as it is now (`make openapi`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yifa.api.openapi import SNAPSHOT, current_schema, render, write_snapshot


class Command(BaseCommand):
    help = "重写 yifa/api/openapi.json（接口的 OpenAPI 文档）；--check 只检查是否过期。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="不写文件，只在文件与接口不一致时报错")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            if not SNAPSHOT.exists() or SNAPSHOT.read_text(encoding="utf-8") != render(current_schema()):
                raise CommandError("yifa/api/openapi.json 与接口不一致：运行 make openapi 更新它。")
            self.stdout.write("yifa/api/openapi.json 与接口一致。")
            return
        changed = write_snapshot()
        self.stdout.write(f"{SNAPSHOT} {'已更新' if changed else '无变化'}。")
