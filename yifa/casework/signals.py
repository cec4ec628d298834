"""What happens to a case, announced to whoever listens (the notifications, above this layer).

Each is sent inside the action's transaction, after the change and its audit row: a receiver that
writes (a notification) commits or rolls back with the action. A receiver must never raise into the
action — a failure to tell someone about a step must not undo the step (notifications catch their own).

    case_opened   (sender=model, case, actor)                       a case came in (a citizen's request)
    case_assigned (sender=model, case, actor, assignee, previous)   分派: the case has a new handler
    case_stepped  (sender=model, case, actor, transition, old_status, reason)   a declared step was taken
"""

from __future__ import annotations

from django.dispatch import Signal

case_opened = Signal()
case_assigned = Signal()
case_stepped = Signal()
