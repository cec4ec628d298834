"""Background work of the lists (django-tasks): the back office's import, previewed and then confirmed.

A list of 100,000 rows takes longer than a web request may: the import screen enqueues this task and shows
its progress (yifa.core.progress), then its result. In production the task runs in `yifa worker`; with the
immediate backend (the demo, the tests) it has finished before the screen is shown.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

PREVIEW_ROWS = 200


@task()
def import_powers_task(progress_id: int, user_id: int, department_id: int, token: str, filename: str,
                       confirm: bool, language: str = "") -> str:
    """Preview (`confirm` false) or import the stored upload `token`; the outcome goes to the progress."""
    from django.contrib.auth import get_user_model

    from yifa.core.errors import ActionRefused
    from yifa.core.progress import Reporter
    from yifa.org.models import Department

    from . import actions
    from .admin_views import request_url, stored_upload
    from .forms import MAX_UPLOAD_ROWS
    from .validation import ProposalRefused

    reporter = Reporter(progress_id, every=500)
    with translation.override(language or None):
        user = get_user_model().objects.get(pk=user_id)
        department = Department.objects.get(pk=department_id)
        path = stored_upload(token)
        try:
            outcome = actions.import_powers(actor=user, department=department, path=path, filename=filename,
                                            dry_run=not confirm, max_rows=MAX_UPLOAD_ROWS, progress=reporter.step)
        except ProposalRefused as error:
            path.unlink(missing_ok=True)
            problems = [{"row": p.row, "column": p.column, "message": str(p.message)}
                        for p in error.problems[:ProposalRefused.MAX_LISTED]]
            reporter.fail(_("文件有错误，未导入任何内容。"),
                          {"problems": problems, "problem_count": len(error.problems)})
            return "refused"
        except (ActionRefused, PermissionDenied) as error:
            path.unlink(missing_ok=True)
            reporter.fail(str(error) or _("您没有权限执行此操作。"))
            return "refused"
        except Exception:
            reporter.fail(_("导入时发生意外错误，未导入任何内容。请联系系统管理员（错误已记入日志）。"))
            raise
        result: dict[str, Any] = {"confirm": confirm, "filename": filename, "department": department.pk}
        if confirm:
            path.unlink(missing_ok=True)
            request = outcome.change_request if outcome.plan.proposals else None
            result |= {"reference": request.reference if request else "", "url": request_url(request) if request else ""}
        else:
            result |= {
                "token": token, "counts": outcome.plan.counts(), "has_proposals": bool(outcome.plan.proposals),
                "rows": [{"row": r.row, "code": r.code, "name": r.name, "action": r.action}
                         for r in outcome.plan.rows if r.action != "unchanged"][:PREVIEW_ROWS],
            }
        reporter.finish(result)
    return "done"
