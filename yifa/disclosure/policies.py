"""Who may see and handle disclosure requests. The requested department handles its own; the legal
affairs office and leaders see every department's; only a department head approves an extension
(政府信息公开条例 art.33: the head of the agency's disclosure office)."""

from __future__ import annotations

from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R, ReferenceDataPolicy

from .models import DisclosureRequest, ReleaseReview


class DisclosureRequestPolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "handle": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "approve_extension": frozenset({R.DEPARTMENT_HEAD}),
        # A reply releasing information: the 保密审查 (by someone other than its drafter: the action checks), and
        # the head's sign-off (签发).
        "review_confidentiality": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "sign_off": frozenset({R.DEPARTMENT_HEAD}),
        # Publishing an answer in the public log (依申请公开答复选登), and taking it down.
        "publish_answer": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "add": frozenset(),
        "change": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "delete": frozenset(),
    }


request_policy = DisclosureRequestPolicy(DisclosureRequest)


class ReleaseReviewPolicy(ReferenceDataPolicy):
    """Each department's review of releases: everyone reads it; the system administrator and the legal affairs
    office (which oversees disclosure city-wide) set it."""

    rules = {
        "view": EVERY_ROLE,
        "add": frozenset({R.SYSTEM_ADMIN, R.LEGAL_AFFAIRS}),
        "change": frozenset({R.SYSTEM_ADMIN, R.LEGAL_AFFAIRS}),
        "delete": frozenset(),
    }


release_review_policy = ReleaseReviewPolicy(ReleaseReview)


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
