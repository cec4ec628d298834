"""Guarded transitions: a case moves only through declared steps, from declared states, by permitted users.

A module declares its steps once (`Transition(...)`) and performs them with `perform_transition`,
which locks the row, checks permission and the starting state, applies the change, and writes the
event log — all in one transaction (Wagtail workflows: explicit states, guarded transitions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor
from yifa.core.errors import InvalidTransition

from .models import Case

CaseT = TypeVar("CaseT", bound=Case)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    source: frozenset[str]  # statuses the step may start from
    target: str | None  # None keeps the status (a step that records something without moving)
    permission: str  # the policy action the actor needs on the case
    event_type: str  # a registered audit event type
    closes: bool = False  # sets closed_at; the case is finished

    def allowed_from(self, status: str) -> bool:
        return status in self.source


def perform_transition(
    case: CaseT,
    transition: Transition,
    *,
    actor: Actor,
    policy: Any,
    outcome: str | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    extra_event_values: dict[str, Any] | None = None,
    then: Callable[[CaseT], None] | None = None,
) -> CaseT:
    """Move `case` through `transition`. Raises PermissionDenied or InvalidTransition; nothing changes then.

    `changes` are further field values set in the same save; `then` runs inside the transaction after
    the save (e.g. to open or close a deadline), so a failure there rolls the whole step back.
    """
    changes = dict(changes or {})
    with transaction.atomic():
        locked = type(case)._default_manager.select_for_update().get(pk=case.pk)
        # Permission first: an outsider learns nothing about the state of another department's case.
        check_actor(policy, actor, transition.permission, locked)
        if not transition.allowed_from(locked.status):
            raise InvalidTransition(
                _("当前状态为“%(status)s”，不能执行“%(step)s”。")
                % {"status": locked.status_label(), "step": transition.label}
            )
        old: dict[str, Any] = {"status": locked.status}
        new: dict[str, Any] = {}
        update_fields = set(changes)
        if transition.target is not None and transition.target != locked.status:
            new["status"] = transition.target
            locked.status = transition.target
            update_fields.add("status")
        if outcome is not None:
            old["outcome"] = locked.outcome
            new["outcome"] = outcome
            locked.outcome = outcome
            update_fields.add("outcome")
        if transition.closes:
            locked.closed_at = timezone.now()
            update_fields.add("closed_at")
        for field, value in changes.items():
            old[field] = getattr(locked, field)
            new[field] = value
            setattr(locked, field, value)
        if update_fields:
            locked.save(update_fields=[*sorted(update_fields), "updated_at"])
        if not new:
            old = {}
        record_event(
            actor=actor,
            event_type=transition.event_type,
            target=locked,
            old=old,
            new={**new, **(extra_event_values or {})},
            reason=reason,
        )
        if then is not None:
            then(locked)
    # The caller's object reflects the committed state.
    for field in {"status", "outcome", "closed_at", "updated_at", *changes}:
        setattr(case, field, getattr(locked, field))
    return case


def available_transitions(case: Case, transitions: Iterable[Transition], *, actor: Actor, policy: Any) -> list[Transition]:
    """The steps this actor may take on this case now: for the buttons on a case screen."""
    from yifa.audit.actions import actor_may

    return [t for t in transitions if t.allowed_from(case.status) and actor_may(policy, actor, t.permission, case)]
