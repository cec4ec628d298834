"""The daily jobs' runs for system administrators (read-only, the traceback on a run's page) and a background
task's progress, which only the person who started it can follow."""

import datetime as dt

import pytest
from django.utils import timezone

from yifa.core import progress
from yifa.core.models import DailyJobRun


@pytest.fixture
def runs(db):
    started = timezone.now() - dt.timedelta(minutes=5)
    ok = DailyJobRun.objects.create(job="powers.take_effect", day=dt.date(2026, 12, 1), started_at=started,
                                    finished_at=started + dt.timedelta(seconds=75), outcome="ok",
                                    summary="到期生效的清单调整 3 项。")
    failed = DailyJobRun.objects.create(job="publication.withdraw_expired", day=dt.date(2026, 12, 1),
                                        started_at=started, finished_at=started + dt.timedelta(seconds=2),
                                        outcome="failed", error='Traceback (most recent call last):\n  File "x.py"\n'
                                                                "ValueError: <boom>")
    return ok, failed


def test_administrators_list_the_daily_runs_and_read_a_failures_traceback(admin_client, runs):
    ok, failed = runs
    page = admin_client.get("/admin/daily-runs/").content.decode()
    assert "清单调整到期生效（powers.take_effect）" in page and "1 分 15 秒" in page
    assert "到期生效的清单调整 3 项。" in page and "失败" in page
    detail = admin_client.get(f"/admin/daily-runs/inspect/{failed.pk}/").content.decode()
    assert '<pre class="yifa-traceback">Traceback (most recent call last):\n  File &quot;x.py&quot;' in detail
    assert "ValueError: &lt;boom&gt;" in detail  # escaped, never markup
    assert "2 秒" in detail


def test_the_daily_runs_cannot_be_changed_or_read_by_other_roles(admin_client, client, editor, runs):
    ok, _failed = runs
    assert admin_client.get(f"/admin/daily-runs/edit/{ok.pk}/").status_code in (302, 403)
    assert admin_client.post(f"/admin/daily-runs/delete/{ok.pk}/").status_code in (302, 403, 404)
    assert DailyJobRun.objects.filter(pk=ok.pk, outcome="ok").exists()
    client.force_login(editor)
    assert client.get("/admin/daily-runs/").status_code in (302, 403)
    assert client.get(f"/admin/daily-runs/inspect/{ok.pk}/").status_code in (302, 403, 404)


def test_a_tasks_progress_is_reported_to_the_person_who_started_it_only(client, editor, make_user, department):
    tracker = progress.start("test", "导入", user=editor)
    reporter = progress.Reporter(tracker.pk, every=100)
    reporter.step(250, 1000, "逐行检查")
    client.force_login(editor)
    url = f"/admin/tasks/{tracker.public_id}/progress/"
    assert client.get(url).json() == {"status": "running", "finished": False, "stage": "逐行检查",
                                      "done": 250, "total": 1000, "percent": 25}
    reporter.step(260, 1000)  # fewer than `every` rows later: not written yet
    assert client.get(url).json()["done"] == 250
    reporter.finish({"imported": 1000})
    assert client.get(url).json() | {"stage": ""} == {"status": "done", "finished": True, "stage": "",
                                                      "done": 1000, "total": 1000, "percent": 100}
    client.force_login(make_user("department_editor", department, username="colleague"))
    assert client.get(url).status_code == 404
