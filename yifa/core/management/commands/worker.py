"""`yifa worker`: runs background tasks (imports, deadline recomputes, search rebuilds) from the database queue.

Production sets TASKS_BACKEND=django_tasks_db.DatabaseBackend, so that long work leaves the web request and
is queued in the database; this command is the process that runs it (one or more, under systemd: README).
It is django-tasks-db's `db_worker`, with yifa's defaults; with the immediate backend (the demo, the tests)
tasks run as they are enqueued and there is nothing for a worker to do.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


class Command(BaseCommand):
    help = str(gettext_lazy("执行后台任务（导入、期限重算、检索重建）：从数据库队列中取出任务逐个执行，按 Ctrl-C 或 SIGTERM 停止。"))

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help=gettext_lazy("队列为空时每隔几秒查看一次"))
        parser.add_argument("--batch", action="store_true", help=gettext_lazy("执行完队列中现有的任务后退出"))
        parser.add_argument("--max-tasks", type=int, default=None, help=gettext_lazy("执行这么多个任务后退出"))

    def handle(self, *args, interval, batch, max_tasks, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != DATABASE_BACKEND:
            raise CommandError(
                _("后台任务没有使用数据库队列（TASKS_BACKEND 为 %(backend)s），任务在提交时即已执行，无需 worker。"
                  "生产环境请设置 TASKS_BACKEND=%(database)s。") % {"backend": backend, "database": DATABASE_BACKEND})
        call_command("db_worker", queue_name="*", interval=interval, batch=batch, max_tasks=max_tasks,
                     startup_delay=False, reload=False, verbosity=options["verbosity"])
