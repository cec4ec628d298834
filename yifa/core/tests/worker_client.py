"""The other side of test_worker.py (not a test itself), run as its own process with yifa's settings.

    python -m yifa.core.tests.worker_client enqueue TOTAL   → migrates what it needs, queues a task, prints ids
    python -m yifa.core.tests.worker_client status ID TASK  → prints the progress and the task's result as JSON
"""

from __future__ import annotations

import json
import os
import sys


def main(argv: list[str]) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "yifa.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from yifa.core.models import TaskProgress
    from yifa.core.progress import start

    if argv[0] == "enqueue":
        for app in ("core", "django_tasks_database"):
            call_command("migrate", app, verbosity=0)
        from yifa.core.tests.worker_tasks import count_rows

        progress = start("test.count", "count rows")
        result = count_rows.enqueue(progress.pk, int(argv[1]))
        print(json.dumps({"progress": progress.pk, "task": str(result.id), "status": str(result.status)}))
    else:
        from django_tasks_db.models import DBTaskResult

        progress = TaskProgress._default_manager.get(pk=int(argv[1]))
        task = DBTaskResult.objects.get(pk=argv[2])
        print(json.dumps({"status": progress.status, "done": progress.done, "total": progress.total,
                          "result": progress.result, "task_status": task.status, "return": task.return_value}))


if __name__ == "__main__":
    main(sys.argv[1:])
