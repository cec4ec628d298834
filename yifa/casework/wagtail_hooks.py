"""The generic case screens of every registered case type, the work queue (工作台) and its dashboard panel."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from . import selectors
from .registry import CaseType, case_types
from .viewsets import CaseViewSet, WorkQueueView, section_rows


def _url_finder(case_type: CaseType) -> type[ModelAdminURLFinder]:
    """Links to a case (from the deadlines, the audit report) go to its case screen, for those who may see it."""

    class CaseURLFinder(ModelAdminURLFinder):
        def get_edit_url(self, instance: Any) -> str | None:
            if self.user is not None and not case_type.policy.can(self.user, "view", instance):
                return None
            return reverse(f"{case_type.kind}:case", args=[instance.pk])

    return CaseURLFinder


for _case_type in case_types():
    register_permission_policy(_case_type.model, _case_type.policy)
    register_admin_url_finder(_case_type.model, _url_finder(_case_type))


@hooks.register("register_admin_viewset")
def register_case_screens() -> list[CaseViewSet]:
    return [CaseViewSet(case_type) for case_type in case_types()]


@hooks.register("register_admin_urls")
def register_work_queue() -> list:
    return [path("cases/", WorkQueueView.as_view(), name="casework_work_queue")]


@hooks.register("register_admin_menu_item")
def work_queue_menu_item() -> MenuItem:
    return MenuItem(_("工作台"), reverse("casework_work_queue"), icon_name="tasks", order=140)


@hooks.register("insert_global_admin_css")
def casework_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("casework/admin.css"))


class WorkQueuePanel(Component):
    name = "work_queue"
    template_name = "casework/panels/work_queue.html"
    order = 40

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        return {"sections": section_rows(selectors.work_queue(parent_context["request"].user, limit=0))}


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request: Any, panels: list) -> None:
    panels.insert(0, WorkQueuePanel())
