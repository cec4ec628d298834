"""Writes of the portal beyond Wagtail's own page editing: the publishing workflows of the columns.

Nothing is public before a reviewer approves it (Wagtail workflows). Disclosure columns add a
confidentiality review (保密审查) before the approval: 《肇东市政府信息公开工作保密审查规定》 —
"谁公开、谁审查", no information is published unreviewed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from .models import ColumnPage

SECRECY_GROUP = "保密审查员"
REVIEW_GROUP = "网站审核员"
DISCLOSURE_WORKFLOW = "政务公开信息发布审核（保密审查 → 审核发布）"
GENERAL_WORKFLOW = "网站信息发布审核"


def _group(name: str) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def _task(name: str, group: Group) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([group])
    return task


def _workflow(name: str, tasks: list[GroupApprovalTask]) -> Workflow:
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        for order, task in enumerate(tasks):
            # Not workflow.workflow_tasks.create(): a modelcluster relation keeps that in memory only.
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def ensure_workflows() -> tuple[Workflow, Workflow]:
    """The two workflows and their reviewer groups, created once."""
    with transaction.atomic():
        secrecy = _task("保密审查", _group(SECRECY_GROUP))
        review = _task("审核发布", _group(REVIEW_GROUP))
        return _workflow(DISCLOSURE_WORKFLOW, [secrecy, review]), _workflow(GENERAL_WORKFLOW, [review])


def apply_column_workflow(column: ColumnPage) -> Workflow:
    """Give the column the workflow its kind needs; its articles and sub-columns follow it."""
    disclosure, general = ensure_workflows()
    workflow = disclosure if column.needs_confidentiality_review else general
    with transaction.atomic():
        WorkflowPage.objects.update_or_create(page=column, defaults={"workflow": workflow})
    return workflow


def import_catalogue(*, actor: Any, rows: list[tuple[int, dict[str, str]]], filename: str = "") -> list[Any]:
    """Add items published elsewhere to the agencies' catalogues (《政府信息公开条例》第十二条), from the rows of a
    catalogue file. Every row is checked first: if any is refused, ActionRefused lists them and nothing is written."""
    from yifa.audit.actions import check_actor, record_event
    from yifa.audit.actors import SystemJob
    from yifa.org.models import Department

    from .catalogue import next_index_number
    from .catalogue_io import plan_import
    from .models import CatalogueEntry
    from .policies import catalogue_entry_policy
    from .search import index_entry

    check_actor(catalogue_entry_policy, actor, "import")
    departments = list(Department.objects.filter(is_active=True) if isinstance(actor, SystemJob)
                        else catalogue_entry_policy.departments_for(actor, "import"))
    with transaction.atomic():
        plan = plan_import(rows, departments)
        if plan.refused:
            raise CatalogueImportRefused(plan.refused)
        created = []
        for row in plan.rows:
            values = dict(row.values)
            department = values["department"]
            values["index_number"] = values["index_number"] or next_index_number(
                department, values["category"], values["made_on"].year)
            entry = CatalogueEntry.objects.create(issuing_body=department.name, **values)
            index_entry(entry)
            created.append(entry)
        record_event(actor=actor, event_type="portal.catalogue_imported", target=None,
                     new={"file": filename, "rows": len(created),
                          "index_numbers": [entry.index_number for entry in created[:200]]})
    return created


class CatalogueImportRefused(Exception):
    """Rows of a catalogue file that cannot be imported, each with its problems; nothing was written."""

    def __init__(self, rows: list[Any]) -> None:
        super().__init__(f"{len(rows)} rows refused")
        self.rows = rows
