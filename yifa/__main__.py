"""The `yifa` command: manage.py for this project, usable from any directory.

    yifa demo                     load the Zhaodong demo data (idempotent)
    yifa deadline --start 2017-09-20 --length 20 --unit working_day
    yifa calendar import NOTICE.txt --year 2027
    yifa daily                    the daily jobs, once per date (cron or a systemd timer)
    yifa worker                   run queued background tasks (production: TASKS_BACKEND=django_tasks_db.DatabaseBackend)
    yifa runserver
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yifa.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yifa", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
