"""The generic case screens of every registered case type, the work queue (工作台) and its dashboard panel."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from yifa.org.models import Role
from yifa.org.scoping import department_scope

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


PANEL_ROWS = 8


class WorkQueuePanel(Component):
    """The user's own work first: what has just come in for an editor, what waits for the head's approval or
    the legal affairs office's review (the work queue's "new", else its "waiting"), then the other counts."""

    name = "work_queue"
    template_name = "casework/panels/work_queue.html"
    order = 40

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        sections = section_rows(selectors.work_queue(parent_context["request"].user, limit=PANEL_ROWS))
        lead = next((section for section in sections if section["key"] in ("new", "waiting")), None)
        return {"sections": sections, "lead": lead}


class DepartmentFiguresPanel(Component):
    """For those who supervise every department (leaders, the legal affairs office): each department's cases
    in hand, overdue now and the overdue rate, and this year's concluded cases and how many were late."""

    name = "department_figures"
    template_name = "casework/panels/department_figures.html"

    def __init__(self, order: int) -> None:
        self.order = order

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        year = timezone.localdate().year
        return {"rows": selectors.department_figures(parent_context["request"].user, year=year), "year": year}


SUPERVISORS = frozenset({Role.LEADER, Role.LEGAL_AFFAIRS})


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request: Any, panels: list) -> None:
    panels.insert(0, WorkQueuePanel())
    city_roles = department_scope(request.user).city_roles
    if city_roles & SUPERVISORS:
        # A leader's home leads with the departments; the legal affairs office's with its reviews, then them.
        panels.append(DepartmentFiguresPanel(order=30 if Role.LEADER in city_roles else 45))
