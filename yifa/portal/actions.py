"""Writes of the portal beyond Wagtail's own page editing: the publishing workflows of the columns, and the
validity of policy documents (repeal, amendment, expiry).

Nothing is public before a reviewer approves it (Wagtail workflows). Disclosure columns add a
confidentiality review (保密审查) before the approval: 《肇东市政府信息公开工作保密审查规定》 —
"谁公开、谁审查", no information is published unreviewed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from yifa.audit.actions import record_event
from yifa.audit.actors import Actor, SystemJob
from yifa.core.errors import ActionRefused

from .models import ArticlePage, ColumnPage

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


# A preview waits this long for its confirmation; older ones are deleted when the next preview is made.
PREVIEW_HOURS = 2


def preview_catalogue_import(*, actor: Any, rows: list[tuple[int, dict[str, str]]], digest: str,
                             filename: str = "") -> tuple[Any, Any]:
    """Check a catalogue file's rows without importing them: (the plan, the stored preview to confirm — None when
    a row is refused, since then nothing of the file can be imported)."""
    import uuid

    from django.utils import timezone

    from yifa.audit.actions import check_actor

    from .catalogue_io import plan_import
    from .models import CatalogueImportPreview
    from .policies import catalogue_entry_policy

    check_actor(catalogue_entry_policy, actor, "import")
    plan = plan_import(rows, catalogue_entry_policy.departments_for(actor, "import"))
    CatalogueImportPreview.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(hours=PREVIEW_HOURS)).delete()
    if plan.refused:
        return plan, None
    preview = CatalogueImportPreview.objects.create(
        token=uuid.uuid4(), user=actor, filename=filename[:200], digest=digest[:64],
        rows=[[number, cells] for number, cells in rows])
    return plan, preview


class PreviewExpired(ActionRefused):
    """The confirmation names no preview of this user that is still waiting (confirmed already, expired, forged)."""


def confirm_catalogue_import(*, actor: Any, token: str, digest: str) -> list[Any]:
    """Import the rows of a preview the importer saw, once: the preview is consumed in the import's transaction, so
    a confirmation sent again (or with another file's digest, or by someone else) imports nothing."""
    import uuid

    from django.utils import timezone

    from .models import CatalogueImportPreview

    expired = PreviewExpired(_("这次导入的预览已失效（已确认过、超过 %(hours)s 小时或文件不同），请重新上传文件。")
                             % {"hours": PREVIEW_HOURS})
    try:
        key = uuid.UUID(str(token))
    except ValueError:
        raise expired from None
    user_id = getattr(actor, "pk", None)
    if user_id is None:
        raise expired
    with transaction.atomic():
        preview = CatalogueImportPreview.objects.select_for_update().filter(
            token=key, user_id=user_id,
            created_at__gte=timezone.now() - dt.timedelta(hours=PREVIEW_HOURS)).first()
        if preview is None or preview.digest != digest:
            raise expired
        rows = [(int(number), {str(k): str(v) for k, v in cells.items()}) for number, cells in preview.rows]
        filename = preview.filename
        preview.delete()
        return import_catalogue(actor=actor, rows=rows, filename=filename)


class CatalogueImportRefused(Exception):
    """Rows of a catalogue file that cannot be imported, each with its problems; nothing was written."""

    def __init__(self, rows: list[Any]) -> None:
        super().__init__(f"{len(rows)} rows refused")
        self.rows = rows
POLICY_VALIDITY_CHANGED = "portal.policy_validity_changed"
VALIDITY_FIELDS = ("validity", "effective_until", "successor")


def can_change_policy_validity(actor: Actor | None, policy: ArticlePage) -> bool:
    """Who may record a repeal or amendment: whoever may publish the policy's page (Wagtail's page permissions,
    the site's 网站审核员), or a system job."""
    if isinstance(actor, SystemJob):
        return True
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return bool(policy.permissions_for_user(actor).can_publish())


def _validity_values(policy: ArticlePage) -> dict[str, Any]:
    return {"validity": policy.validity, "effective_until": policy.effective_until,
            "successor": policy.successor_id, "successor_title": policy.successor.title if policy.successor else ""}


def _check_validity_change(policy: ArticlePage, validity: str, successor: ArticlePage | None,
                           effective_until: dt.date | None, reason: str) -> None:
    from .selectors import is_policy_document

    if not is_policy_document(policy):
        raise ActionRefused(_("只有政策文件类栏目中的文件才有效力状态。"))
    if validity not in ArticlePage.Validity.values:
        raise ActionRefused(_("请选择效力状态：现行有效、已修改、已废止或失效。"))
    if not reason.strip():
        raise ActionRefused(_("请写明依据或理由（如修改或废止它的文件、清理结果）。"))
    if validity == ArticlePage.Validity.IN_FORCE:
        if successor is not None or effective_until is not None:
            raise ActionRefused(_("现行有效的文件没有替代文件和失效日期。"))
        return
    if effective_until is None:
        raise ActionRefused(_("请填写失效日期（修改、废止或失效之日）。"))
    if policy.effective_from and effective_until < policy.effective_from:
        raise ActionRefused(_("失效日期不能早于生效日期（%(day)s）。") % {"day": policy.effective_from.isoformat()})
    if validity == ArticlePage.Validity.AMENDED and successor is None:
        raise ActionRefused(_("已修改的文件须指明修改它的新文件（替代文件）。"))
    if validity == ArticlePage.Validity.EXPIRED and successor is not None:
        raise ActionRefused(_("因有效期届满而失效的文件没有替代文件；被新文件替代的，请选择“已修改”或“已废止”。"))
    if successor is None:
        return
    if successor.pk == policy.pk:
        raise ActionRefused(_("替代文件不能是本文件自己。"))
    if not successor.live or not is_policy_document(successor):
        raise ActionRefused(_("替代文件须是已发布的政策文件。"))
    seen = {policy.pk}
    chain: int | None = successor.pk
    while chain is not None:  # the successor must not lead back to this document (read afresh, not cached)
        if chain in seen:
            raise ActionRefused(_("替代关系不能循环：“%(title)s”已由本文件替代。") % {"title": successor.title})
        seen.add(chain)
        chain = ArticlePage.objects.filter(pk=chain).values_list("successor_id", flat=True).first()


def change_policy_validity(*, actor: Actor | None, policy: ArticlePage, validity: str,
                           successor: ArticlePage | None = None, effective_until: dt.date | None = None,
                           reason: str) -> ArticlePage:
    """Record that a policy document was amended, repealed or expired (or is in force again), with the document
    that replaced it: the policy's page shows a banner linking the successor, whose page shows what it replaced.

    The live page and its latest revision both change, so a later edit in the page editor keeps the validity;
    nothing else in a pending draft is published by this."""
    with transaction.atomic():
        policy = ArticlePage.objects.select_for_update().get(pk=policy.pk)
        if not can_change_policy_validity(actor, policy):
            raise PermissionDenied(_("只有有权发布该政策文件的人员（网站审核员）可以修改其效力状态。"))
        _check_validity_change(policy, validity, successor, effective_until, reason)
        old = _validity_values(policy)
        policy.validity, policy.effective_until, policy.successor = validity, effective_until, successor
        ArticlePage.objects.filter(pk=policy.pk).update(
            validity=validity, effective_until=effective_until, successor=successor)
        content = {"validity": validity, "effective_until": effective_until.isoformat() if effective_until else None,
                   "successor": successor.pk if successor else None}
        for revision in {r for r in (policy.live_revision, policy.latest_revision) if r is not None}:
            revision.content.update(content)
            revision.save(update_fields=["content"])
        record_event(actor=actor, event_type=POLICY_VALIDITY_CHANGED, target=policy, old=old,
                     new=_validity_values(policy), reason=reason.strip())
        from yifa.pagecache.signals import purge_after_commit

        purge_after_commit()  # the policy's page, its successor's and the lists that show validity
    return policy


CASE_EXPLANATION_DRAFTED = "portal.case_explanation_drafted"
CASE_EXPLANATION_REFUSED = "portal.case_explanation_refused"


class CaseExplanationRefused(ActionRefused):
    """A concluded case cannot be drafted into a 以案释法 article; the message says why."""


def _draft_body(draft: Any) -> str:
    from django.utils.html import escape

    def section(heading: str, text: str) -> str:
        paragraphs = "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
        return f"<h3>{escape(heading)}</h3>{paragraphs}" if paragraphs else ""

    return section(_("基本案情"), draft.facts) + section(_("处理结果"), draft.result)


def draft_case_explanation(*, actor: Actor, kind: str, reference: str, column: ColumnPage,
                           published_on: dt.datetime | None = None) -> Any:
    """A draft 以案释法 article under `column`, told from the concluded case (kind, reference) by its case type's
    `typical_case`: the editor rewrites the legal point and sends it through the column's workflow.

    Refused (and the refusal logged) when the actor may not add pages to the column or see the case, when the case
    is not concluded, or when an article was already drawn from it."""
    from django.utils import timezone
    from django.utils.text import slugify

    from .explanations import draft_of, explanations, source_case, source_problem
    from .models import CaseExplanationPage

    def refuse(message: str) -> CaseExplanationRefused:
        record_event(actor=actor, event_type=CASE_EXPLANATION_REFUSED, target=column,
                     new={"kind": kind, "reference": reference}, reason=message)
        return CaseExplanationRefused(message)

    problem = source_problem(kind, reference)
    if problem:
        raise refuse(problem)
    case = source_case(kind, reference)
    assert case is not None
    if not isinstance(actor, SystemJob):
        from yifa.casework.registry import case_type

        declared = case_type(kind)
        allowed = (getattr(actor, "is_authenticated", False)
                   and column.permissions_for_user(actor).can_add_subpage()
                   and declared is not None and declared.visible_to(actor).filter(pk=case.pk).exists())
        if not allowed:
            raise refuse(_("您无权在“%(column)s”栏目起草以案释法文章，或无权查看案件%(reference)s。")
                         % {"column": column.title, "reference": reference})
    existing = explanations().filter(source_kind=kind, source_reference=reference).first()
    if existing is not None:
        raise refuse(_("案件%(reference)s已有以案释法文章《%(title)s》。") % {"reference": reference, "title": existing.title})
    draft = draft_of(kind, reference)
    assert draft is not None
    with transaction.atomic():
        page = CaseExplanationPage(
            title=draft.title[:255], slug=slugify(f"{kind}-{reference}")[:255] or None, source_kind=kind, source_reference=reference, body=_draft_body(draft),
            legal_basis=draft.legal_basis, legal_point=draft.legal_point, issuing_department=case.department,
            source=case.department.name, published_on=published_on or timezone.now(), live=False)
        column.add_child(instance=page)
        page.save_revision(user=None if isinstance(actor, SystemJob) else actor)  # type: ignore[arg-type]
        record_event(actor=actor, event_type=CASE_EXPLANATION_DRAFTED, target=page, department=case.department,
                     new={"kind": kind, "reference": reference, "title": page.title})
    return page
