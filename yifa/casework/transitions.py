"""Guarded transitions: a case moves only through declared steps, from declared states, by permitted users,
and only when the law's mandatory checks (guards) pass.

A module declares its steps once (`Transition(...)`) and performs them with `perform_transition`,
which locks the row, checks permission, the starting state and the step's guards, applies the change,
and writes the event log — all in one transaction (Wagtail workflows: explicit states, guarded
transitions). A refused step changes nothing; the refusal itself is written to the audit log
("case.step_refused": actor, step, guard, reason), so that supervisors see attempts to skip a
mandatory step, whichever interface they came through.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from yifa.audit.actions import actor_may, check_actor, record_event
from yifa.audit.actors import Actor
from yifa.core.errors import InvalidTransition

from .models import Case
from .signals import case_stepped

CaseT = TypeVar("CaseT", bound=Case)
logger = logging.getLogger(__name__)

REFUSED_EVENT = "case.step_refused"
# What `guard` says in a refusal that no named guard made.
STATE = "state"
PERMISSION = "permission"


@dataclass(frozen=True)
class Guard:
    """A named check a step must pass: `check(case)` returns None to pass, or the reason it refuses.

    The reason is for the user, in their language, and says what to do (e.g. "合法性审查尚未通过"). It
    runs on the locked case inside the step's transaction, so it sees what the step will change."""

    name: str
    label: str | Promise
    check: Callable[[Any], str | Promise | None]


class GuardRefused(InvalidTransition):
    """A guard refused the step: `guard` names it, the message says why."""

    def __init__(self, message: str, *, guard: str) -> None:
        super().__init__(message)
        self.guard = guard


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    source: frozenset[str]  # statuses the step may start from
    target: str | None  # None keeps the status (a step that records something without moving)
    permission: str  # the policy action the actor needs on the case
    event_type: str  # a registered audit event type
    closes: bool = False  # sets closed_at; the case is finished
    guards: Sequence[Guard] = field(default_factory=tuple)
    # Sends the case back, with reasons, to whoever brought it to this step (退回修改): they are told.
    returns: bool = False

    def allowed_from(self, status: str) -> bool:
        return status in self.source


def guard_refusal(transition: Transition, case: Case) -> GuardRefused | None:
    """The first guard that refuses, or None. A guard that fails with an error refuses (and is logged):
    a bug must never let a mandatory step be skipped."""
    for guard in transition.guards:
        try:
            # In a savepoint: a guard failing in the database must not abort the caller's transaction (PostgreSQL).
            with transaction.atomic():
                reason = guard.check(case)
        except Exception:
            logger.exception("guard %s of step %s failed on %s", guard.name, transition.name, case)
            reason = _("系统无法完成“%(guard)s”检查，为稳妥起见未执行该步骤；请联系系统管理员。") % {"guard": guard.label}
        if reason:
            return GuardRefused(str(reason), guard=guard.name)
    return None


def _state_refusal(case: Case, transition: Transition) -> InvalidTransition:
    return InvalidTransition(
        _("当前状态为“%(status)s”，不能执行“%(step)s”。") % {"status": case.status_label(), "step": transition.label}
    )


def record_refusal(*, actor: Actor, case: Case, transition: Transition, guard: str, reason: str) -> None:
    """Log a refused step. Called after the step's transaction rolled back, so the record stays."""
    record_event(actor=actor, event_type=REFUSED_EVENT, target=case, reason=reason[:2000],
                 new={"step": str(transition.label), "step_name": transition.name, "guard": guard})


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
    """Move `case` through `transition`. Raises PermissionDenied, InvalidTransition or GuardRefused; nothing
    changes then, and the refusal is in the audit log.

    `changes` are further field values set in the same save; `then` runs inside the transaction after
    the save (e.g. to open or close a deadline), so a failure there rolls the whole step back.
    """
    changes = dict(changes or {})
    try:
        with transaction.atomic():
            locked = _perform(case, transition, actor=actor, policy=policy, outcome=outcome, changes=changes,
                              reason=reason, extra_event_values=extra_event_values, then=then)
    except GuardRefused as refused:
        record_refusal(actor=actor, case=case, transition=transition, guard=refused.guard, reason=refused.message)
        raise
    except InvalidTransition as refused:
        record_refusal(actor=actor, case=case, transition=transition, guard=STATE, reason=refused.message)
        raise
    except PermissionDenied as refused:
        # Only someone who may see the case learns (and leaves a trace) that the step was refused.
        if actor_may(policy, actor, "view", case):
            record_refusal(actor=actor, case=case, transition=transition, guard=PERMISSION,
                           reason=str(refused) or _("您没有权限执行此操作。"))
        raise
    # The caller's object reflects the committed state.
    for name in {"status", "outcome", "closed_at", "updated_at", *changes}:
        setattr(case, name, getattr(locked, name))
    return case


def _perform(case: CaseT, transition: Transition, *, actor: Actor, policy: Any, outcome: str | None,
             changes: dict[str, Any], reason: str, extra_event_values: dict[str, Any] | None,
             then: Callable[[CaseT], None] | None) -> CaseT:
    locked = type(case)._default_manager.select_for_update().get(pk=case.pk)
    # Permission first: an outsider learns nothing about the state of another department's case.
    check_actor(policy, actor, transition.permission, locked)
    if not transition.allowed_from(locked.status):
        raise _state_refusal(locked, transition)
    refusal = guard_refusal(transition, locked)
    if refusal is not None:
        raise refusal
    old_status = locked.status
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
    for name, value in changes.items():
        old[name] = getattr(locked, name)
        new[name] = value
        setattr(locked, name, value)
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
    case_stepped.send(sender=type(locked), case=locked, actor=actor, transition=transition,
                      old_status=old_status, reason=reason)
    return locked


def who_may(policy: Any, transition: Transition) -> str:
    """"须由部门负责人办理": whose step it is, for a person who may not take it."""
    from yifa.org.models import Role

    roles = [str(label) for value, label in Role.choices if value in policy.roles_for(transition.permission)]
    if not roles:
        return _("您的角色不能执行此步骤。")
    return _("须由%(roles)s办理。") % {"roles": _("或").join(roles)}


@dataclass(frozen=True)
class StepOption:
    """A step as a case screen (or the API) offers it: allowed now, or why not."""

    transition: Transition
    allowed: bool
    reason: str = ""
    guard: str = ""


def step_options(case: Case, transitions: Iterable[Transition], *, actor: Actor, policy: Any) -> list[StepOption]:
    """Every step that may start from the case's status, each allowed or with the reason it is blocked:
    the role it needs, or the guard that refuses it now."""
    options = []
    for transition in transitions:
        if not transition.allowed_from(case.status):
            continue
        if not actor_may(policy, actor, transition.permission, case):
            options.append(StepOption(transition, False, who_may(policy, transition), PERMISSION))
            continue
        refusal = guard_refusal(transition, case)
        if refusal is not None:
            options.append(StepOption(transition, False, refusal.message, refusal.guard))
        else:
            options.append(StepOption(transition, True))
    return options


def available_transitions(case: Case, transitions: Iterable[Transition], *, actor: Actor, policy: Any) -> list[Transition]:
    """The steps this actor may take on this case now (permitted, and every guard passes)."""
    return [option.transition for option in step_options(case, transitions, actor=actor, policy=policy)
            if option.allowed]
