"""Who may see and handle enforcement cases. A department's staff handle its own cases; the legal affairs
office and leaders see every department's. The head of the agency decides (2021 art.57) and approves a longer
decision period (art.60); the legal review (art.58) is done by the department's legal staff or the legal
affairs office — never by one of the case's handlers (the action checks that)."""

from __future__ import annotations

from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R

from .models import EnforcementCase

HANDLERS = frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD, R.INSPECTOR})


class EnforcementCasePolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "handle": HANDLERS,
        # Whose queue (工作台 "等待我处理的") a case in the department's hands waits in: the editors' (inspectors take
        # steps on the cases assigned to them, and find those under "assigned").
        "queue": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "decide": frozenset({R.DEPARTMENT_HEAD}),
        "approve_extension": frozenset({R.DEPARTMENT_HEAD}),
        "legal_review": frozenset({R.DEPARTMENT_EDITOR, R.LEGAL_AFFAIRS}),
        "publish": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "withdraw": frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD}),
        "assign": frozenset({R.DEPARTMENT_HEAD}),
        "add": HANDLERS,
        "change": HANDLERS,
        "delete": frozenset(),
    }


case_policy = EnforcementCasePolicy(EnforcementCase)
