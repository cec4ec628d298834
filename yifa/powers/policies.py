"""Who may do what to the lists (one policy per model, shared by the back office, the API and the commands).

A department's editor and head propose changes to their own department's items; the head submits;
the legal affairs office reviews every department's requests. Nobody edits a version in place:
every change is an adjustment in a request.
"""

from __future__ import annotations

from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R

from .models import Adjustment, ApprovalVersion, ChangeRequest, IntermediaryVersion, Item, PowerVersion

PROPOSERS = frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.SYSTEM_ADMIN})


class ItemPolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "add": frozenset(),
        "change": frozenset(),
        "delete": frozenset(),
        "propose": PROPOSERS,
        "export": EVERY_ROLE,
    }


class VersionPolicy(DepartmentScopedPolicy):
    rules = {"view": EVERY_ROLE, "add": frozenset(), "change": frozenset(), "delete": frozenset()}


class ChangeRequestPolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "add": frozenset(),
        "change": frozenset(),
        "delete": frozenset(),
        "propose": PROPOSERS,
        "submit": frozenset({R.DEPARTMENT_HEAD, R.SYSTEM_ADMIN}),
        "withdraw": PROPOSERS,
        # Legality review is the legal affairs office's alone (合法性审查).
        "review": frozenset({R.LEGAL_AFFAIRS}),
    }


class AdjustmentPolicy(DepartmentScopedPolicy):
    department_path = "change_request__department"
    rules = {"view": EVERY_ROLE, "add": PROPOSERS, "change": PROPOSERS, "delete": PROPOSERS}


item_policy = ItemPolicy(Item)
power_version_policy = VersionPolicy(PowerVersion)
intermediary_version_policy = VersionPolicy(IntermediaryVersion)
approval_version_policy = VersionPolicy(ApprovalVersion)
change_request_policy = ChangeRequestPolicy(ChangeRequest)
adjustment_policy = AdjustmentPolicy(Adjustment)
