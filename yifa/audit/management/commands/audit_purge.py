"""`yifa audit_purge`: remove audit rows past the retention period (never younger than six months)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from yifa.audit.actions import purge_expired_events
from yifa.audit.actors import PURGE_JOB


class Command(BaseCommand):
    help = "清理超过保留期限的审计日志（网络安全法第二十一条：不少于六个月）。"

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=None, help="保留天数，默认取 YIFA_AUDIT_RETENTION_DAYS")

    def handle(self, *args, **options):
        try:
            removed = purge_expired_events(actor=PURGE_JOB, older_than_days=options["older_than_days"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已清理 {removed} 条审计日志。")
