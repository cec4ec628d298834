"""`yifa worker` runs a queued task in a process of its own: the database queue (django-tasks-db) on a SQLite
file or the suite's PostgreSQL database, the task's progress written as it goes and its result at the end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def _run(args: list[str], env: dict[str, str], timeout: int = 300) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        password = f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
        return f"postgres://{quote(s['USER'] or '')}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{tmp_path / 'queue.sqlite3'}"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_process_runs_a_queued_task_and_its_progress_reaches_the_end(tmp_path):
    (tmp_path / "var").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "REDIS_URL")}
    env |= {"YIFA_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": _database_url(tmp_path), "PYTHONPATH": str(ROOT),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    queued = json.loads(_run(["-m", "yifa.core.tests.worker_client", "enqueue", "250"], env).strip().splitlines()[-1])
    assert queued["status"] == "READY"  # queued, not run: the database backend leaves it to a worker
    status = ["-m", "yifa.core.tests.worker_client", "status", str(queued["progress"]), queued["task"]]
    before = json.loads(_run(status, env).strip().splitlines()[-1])
    assert (before["status"], before["task_status"]) == ("queued", "READY")

    _run(["-m", "yifa", "worker", "--batch", "--interval", "0.1"], env)

    after = json.loads(_run(status, env).strip().splitlines()[-1])
    assert after == {"status": "done", "done": 250, "total": 250, "result": {"counted": 250},
                     "task_status": "SUCCESSFUL", "return": 250}


def test_the_worker_refuses_to_start_when_tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(CommandError, match="TASKS_BACKEND"):
        call_command("worker", "--batch")
