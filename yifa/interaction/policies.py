"""Who may see and answer public messages.

A department's staff see and answer their own department's messages; the legal affairs office and
leaders see every department's (they oversee, they do not answer for a department). The editor
drafts the reply; only the department head makes it public, withdraws it, or declines a message:
each of those is the department speaking on the government website in its own name. Marking a
message complex extends its reply period, an approval: the head's too.
"""

from __future__ import annotations

from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, R

from .models import Message

STAFF_WHO_REPLY = frozenset({R.DEPARTMENT_EDITOR, R.DEPARTMENT_HEAD})
HEADS = frozenset({R.DEPARTMENT_HEAD})


class MessagePolicy(DepartmentScopedPolicy):
    rules = {
        "view": EVERY_ROLE,
        "reply": STAFF_WHO_REPLY,
        "publish": HEADS,
        "withdraw": HEADS,
        "close": HEADS,
        # Marking a message complex extends its reply period: an approval, the head's (like extend_deadline).
        "mark_complex": HEADS,
        # Messages are left by the public (actions.submit_message); nobody adds or deletes them in the back office.
        "add": frozenset(),
        "change": STAFF_WHO_REPLY,
        "delete": frozenset(),
    }


message_policy = MessagePolicy(Message)
