"""Who may see and handle disclosure requests. The requested department handles its own; the legal
affairs office and leaders see every department's; only a department head approves an extension
(政府信息公开条例 art.33: the head of the agency's disclosure office)."""

from __future__ import annotations

from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R

from .models import DisclosureRequest


class DisclosureRequestPolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "handle": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "approve_extension": frozenset({R.DEPARTMENT_HEAD}),
        # Publishing an answer in the public log (依申请公开答复选登), and taking it down.
        "publish_answer": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "add": frozenset(),
        "change": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "delete": frozenset(),
    }


request_policy = DisclosureRequestPolicy(DisclosureRequest)


class ApplicantPolicy:
    """The applicant attaching files to the request they are filing, or answering its 补正 notice from the
    tracking page (which only the holder of the tracking code and phone reaches): the public needs no role."""

    def can(self, actor, action, instance=None) -> bool:  # type: ignore[no-untyped-def]
        status = getattr(instance, "status", None)
        if action == "correct":
            return status == DisclosureRequest.Status.AWAITING_CORRECTION
        return action in ("add", "change") and status == DisclosureRequest.Status.SUBMITTED

    def check(self, actor, action, instance=None) -> None:  # type: ignore[no-untyped-def]
        if not self.can(actor, action, instance):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied


applicant_policy = ApplicantPolicy()
