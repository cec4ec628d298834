"""The back office's import runs as a background task: the screen shows a progress bar while it runs and its
preview (or the request it made) once it has finished; with the immediate backend that is at once."""

from django.urls import reverse

from yifa.core import progress
from yifa.core.models import TaskProgress


def test_an_upload_is_previewed_by_a_task_whose_progress_the_screen_then_shows(client, editor, department):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import row, workbook

    client.force_login(editor)
    response = client.post(reverse("powers_admin_import"), {
        "department": department.pk, "file": SimpleUploadedFile("清单.xlsx", workbook([row(), row(基本编码="0100102000")]))})
    tracker = TaskProgress.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?progress={tracker.public_id}")
    assert (tracker.status, tracker.done, tracker.total, tracker.started_by) == ("done", 2, 2, editor)
    page = client.get(response["Location"]).content.decode()
    assert "共 2 行，其中与现行清单相同 0 行。" in page and "确认导入到清单调整申请" in page


def test_while_the_task_runs_the_screen_shows_a_progress_bar_without_inline_script(client, editor, department,
                                                                                    make_user):
    tracker = progress.start("powers.import", "导入权力清单：清单.xlsx → 肇东市测试局", user=editor)
    progress.Reporter(tracker.pk).step(40_000, 100_000, "逐行检查")
    client.force_login(editor)
    url = f"{reverse('powers_admin_import')}?progress={tracker.public_id}"
    page = client.get(url).content.decode()
    assert '<progress id="task-progress-bar" max="100000" value="40000">40%</progress>' in page
    assert "逐行检查" in page and "40000 / 100000" in page
    assert f'data-task-progress="/admin/tasks/{tracker.public_id}/progress/"' in page
    assert 'src="/static/backoffice/task_progress.js"' in page
    client.force_login(make_user("department_editor", department, username="colleague"))
    assert client.get(url).status_code == 404
    assert client.get(f"{reverse('powers_admin_import')}?progress=not-a-uuid").status_code == 404
