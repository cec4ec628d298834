"""Wagtail's page screens for articles, where the city's rule on policy interpretations reaches the moderation
workflow: with YIFA_POLICY_INTERPRETATION_REQUIRED on, approving the last task of a policy document's workflow
(which publishes it) is refused while the policy has no published interpretation — from the dashboard's
approve button (WorkflowActionView) and from the editor's (EditView) alike — as publishing it directly is
(`wagtail_hooks.refuse_policy_without_interpretation`). The editor's changes are kept as a draft; the refusal
is in the audit log."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from .models import ArticlePage

REFUSED_EVENT = "portal.page_publication_refused"


def approval_publishes(task_state: Any) -> bool:
    """Whether approving `task_state` finishes its workflow (no active task follows it), and so publishes."""
    workflow = task_state.workflow_state.workflow
    current = workflow.workflow_tasks.filter(task_id=task_state.task_id).first()
    if current is None:
        return True
    return not workflow.workflow_tasks.filter(task__active=True, sort_order__gt=current.sort_order).exists()


def publication_refusal(page: Any) -> str | None:
    """Why `page` may not be published now (the city requires a policy's interpretation first), or None."""
    from .interpretations import has_published_interpretation, interpretation_required, interpretation_warning
    from .selectors import is_policy_document

    if not interpretation_required():
        return None
    page = page.specific
    if not is_policy_document(page) or has_published_interpretation(page):
        return None
    return _("未发布：本市要求政策解读与政策文件同步发布，已保存为草稿。") + interpretation_warning(page)


def record_refusal(user: Any, page: Any, message: str, step: str) -> None:
    from yifa.audit.actions import record_event

    record_event(actor=user, event_type=REFUSED_EVENT, target=page, reason=message[:2000], new={"step": step})


def _approval_refusal(page: Any, task_state: Any, action: str) -> str | None:
    if action != "approve" or task_state is None or not approval_publishes(task_state):
        return None
    return publication_refusal(page)


class ArticleWorkflowActionView(WorkflowActionView):
    """The dashboard's (and the review screen's) approve button."""

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = _approval_refusal(self.object, self.task_state, self.action_name)
        if refusal is None:
            return super().post(request, *args, **kwargs)
        messages.error(request, refusal)
        record_refusal(request.user, self.object, refusal, "workflow_approve")
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(request, {"step": "success", "redirect": edit_url})
        return redirect(edit_url)


class ArticleEditView(EditView):
    """The editor's approve button (审核通过 in the edit screen): the reviewer's edits are saved as a draft."""

    page: Any

    def perform_workflow_action(self) -> HttpResponse:
        refusal = _approval_refusal(self.page, self.page.current_workflow_task_state, self.workflow_action)
        if refusal is None:
            return super().perform_workflow_action()
        self.page = self.form.save(commit=not self.page.live)
        self.subscription.save()
        if self.has_content_changes:
            self.page.save_revision(user=self.request.user, log_action=True)
        messages.error(self.request, refusal)
        record_refusal(self.request.user, self.page, refusal, "editor_approve")
        return redirect("wagtailadmin_pages:edit", self.page.pk)


class ArticlePageViewSet(PageViewSet):
    model = ArticlePage
    edit_view_class = ArticleEditView
    workflow_action_view_class = ArticleWorkflowActionView


article_page_viewset = ArticlePageViewSet("portal_articlepage")
