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
        "add": frozenset(),
        "change": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "delete": frozenset(),
    }


request_policy = DisclosureRequestPolicy(DisclosureRequest)


class ApplicantPolicy:
    """The applicant attaching files to the request they are filing: the public needs no role for that."""

    def can(self, actor, action, instance=None) -> bool:  # type: ignore[no-untyped-def]
        return action in ("add", "change") and getattr(instance, "status", None) == DisclosureRequest.Status.SUBMITTED

    def check(self, actor, action, instance=None) -> None:  # type: ignore[no-untyped-def]
        if not self.can(actor, action, instance):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied


applicant_policy = ApplicantPolicy()
