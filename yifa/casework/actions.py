"""Writes every case type shares: taking a declared step from its form's data, and assigning a case.

`take_step` is what the back office's step form and the staff API both call: the step's own form
validates the input (so a field means the same in both), then the module's action performs it through
`perform_transition` (permission, state, guards, transaction, audit log).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from yifa.audit.actions import actor_may, check_actor, record_event
from yifa.audit.actors import Actor
from yifa.core.errors import ActionRefused
from yifa.org.models import Role

from .models import Case
from .registry import CaseType, Step
from .signals import case_assigned
from .transitions import PERMISSION, record_refusal, who_may

ASSIGNABLE_ROLES = (Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_HEAD, Role.INSPECTOR)


class StepInputInvalid(ActionRefused):
    """The step's form refused the input: `errors` maps each field ("__all__" for the form) to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("；".join(f"{field}：{'；'.join(messages)}" if field != "__all__" else "；".join(messages)
                                  for field, messages in errors.items()))
        self.errors = errors


def step_form(step: Step, case: Case, data: Any = None, files: Any = None) -> Any:
    initial = step.initial(case) if step.initial is not None else {}
    return step.form(data, files, initial=initial) if data is not None else step.form(initial=initial)


def take_step(*, actor: Actor, case_type: CaseType, case: Case, step_name: str, data: dict[str, Any],
              files: list[UploadedFile] | None = None) -> Case:
    """Validate `data` with the step's form and perform the step. Raises StepInputInvalid,
    PermissionDenied, InvalidTransition (GuardRefused) or ActionRefused; nothing changes then."""
    step = case_type.step(step_name)
    if step is None:
        raise ActionRefused(_("没有名为“%(step)s”的办理步骤。") % {"step": step_name[:40]})
    check_step_permission(actor=actor, case_type=case_type, case=case, step=step)
    form = step.form(data, _files_dict(files))
    if not form.is_valid():
        raise StepInputInvalid({field: [str(m) for m in messages] for field, messages in form.errors.items()})
    step.perform(actor, case, form.cleaned_data, list(files or []))
    return case


def check_step_permission(*, actor: Actor, case_type: CaseType, case: Case, step: Step) -> None:
    """Whose step it is comes before what was filled in: a role that may not take it learns that (and the
    attempt is in the log), not a form error or a date the module checks first."""
    if not actor_may(case_type.policy, actor, step.transition.permission, case):
        reason = _("您没有权限执行此步骤：%(who)s") % {"who": who_may(case_type.policy, step.transition)}
        if actor_may(case_type.policy, actor, "view", case):
            record_refusal(actor=actor, case=case, transition=step.transition, guard=PERMISSION, reason=reason)
        raise PermissionDenied(reason)


def _files_dict(files: list[UploadedFile] | None) -> Any:
    from django.utils.datastructures import MultiValueDict

    return MultiValueDict({"attachments": list(files or [])})


def assignable_users(case: Case) -> Any:
    """The department's staff who may handle the case."""
    return get_user_model()._default_manager.filter(
        is_active=True, staff__is_active=True, staff__memberships__department_id=case.department_id,
        staff__memberships__role__in=ASSIGNABLE_ROLES,
    ).distinct().order_by("staff__name", "username")


def assign_case(*, actor: Actor, case_type: CaseType, case: Case, assignee: Any | None, reason: str = "") -> Case:
    """分派: give the case to one of its department's staff (or take it back, with `assignee=None`).

    Department heads assign within their department (the policy's "assign" rule, when the module sets one)."""
    with transaction.atomic():
        locked = type(case)._default_manager.select_for_update().get(pk=case.pk)
        check_actor(case_type.policy, actor, "assign", locked)
        if locked.is_closed:
            raise ActionRefused(_("该案件已办结，不能再分派。"))
        if assignee is not None and not assignable_users(locked).filter(pk=assignee.pk).exists():
            raise ActionRefused(_("只能分派给本部门的工作人员。"))
        old = locked.assigned_to
        if old == assignee:
            return case
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to", "updated_at"])
        record_event(actor=actor, event_type="case.assigned", target=locked, reason=reason[:2000],
                     old={"assigned_to": _person(old)}, new={"assigned_to": _person(assignee)})
        case_assigned.send(sender=type(locked), case=locked, actor=actor, assignee=assignee, previous=old)
    case.assigned_to = assignee
    return case


def _person(user: Any) -> str:
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


def record_personal_data_read(*, actor: Actor, case_type: CaseType, case: Case, screen: str, ip: str | None = None) -> None:
    """A person who handles the case opened a screen showing its natural person's ID number and contact details
    unmasked: each such read is in the audit log (个人信息保护法 art.10, art.51: who processed which
    personal data, and when). Only those who may take a step of the case are shown them at all."""
    if not case_type.personal_data:
        return
    with transaction.atomic():
        record_event(actor=actor, event_type="case.personal_data_read", target=case, new={"screen": screen}, ip=ip)
