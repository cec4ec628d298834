"""Who is told what when something happens to a case (the casework signals, inside the action's transaction).

- **Assigned** (分派): the new handler, unless they assigned it to themselves.
- **Waiting for my role**: when a case comes in, or a step moves it to a status offering a step that moves it
  on which the previous status did not offer (a change request submitted: now the legal affairs office may
  approve or return it), the people who may take that step: the case's handler if they may, otherwise
  everyone holding the role for the case's department (a city-wide role: everyone holding it). Steps that
  only record something (an extension, a challenge) make nobody wait.
- **Returned to me** (a step declared `returns=True`, 退回修改): whoever took the step that brought the case
  to the status it is returned from, and its handler, with the reasons.
- **Citizens**: the step's notice the case type declares (`CaseType.citizen_notices`), by the channels the
  citizen chose (`CaseType.citizen_contact`).

The one who acted is never told of their own act. A failure here is logged and swallowed: a notification
that cannot be made must not undo the step that caused it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from yifa.audit.models import AuditEvent
from yifa.casework.models import Case
from yifa.casework.registry import CaseType, case_type_of
from yifa.casework.signals import case_assigned, case_opened, case_stepped
from yifa.casework.transitions import Transition
from yifa.org.models import CITY_WIDE_ROLES, Role

from . import actions
from .kinds import EventKind

logger = logging.getLogger("yifa.notifications")


def connect() -> None:
    case_opened.connect(on_case_opened, dispatch_uid="notifications.case_opened")
    case_assigned.connect(on_case_assigned, dispatch_uid="notifications.case_assigned")
    case_stepped.connect(on_case_stepped, dispatch_uid="notifications.case_stepped")


def _guarded(what: str, work: Callable[[], None]) -> None:
    from django.conf import settings

    if not getattr(settings, "YIFA_NOTIFICATIONS", True):
        return
    try:
        with transaction.atomic():  # a savepoint: a database error here leaves the action's transaction usable
            work()
    except Exception:
        logger.exception("notifications for %s failed; the action goes on", what)


# --- receivers --------------------------------------------------------------------------------------------


def on_case_opened(sender: Any, *, case: Case, actor: Any = None, **kwargs: Any) -> None:
    case_type = case_type_of(case)
    if case_type is not None:
        _guarded(f"{case.reference} opened", lambda: _tell_waiting(case_type, case, None, actor))


def on_case_assigned(sender: Any, *, case: Case, actor: Any, assignee: Any, **kwargs: Any) -> None:
    case_type = case_type_of(case)
    if case_type is None or assignee is None or _same_person(assignee, actor):
        return

    def work() -> None:
        by = actions.person_label(actor) if hasattr(actor, "get_username") else ""
        actions.notify_user(
            user=assignee, kind=EventKind.ASSIGNED, target=case, url=case_url(case_type, case),
            subject=lambda: _("分派给您办理：%(case)s") % {"case": case_name(case_type, case)},
            body=lambda: (_("%(case)s 已由 %(by)s 分派给您办理。") if by else _("%(case)s 已分派给您办理。"))
            % {"case": case_name(case_type, case), "by": by} + _status_line(case))

    _guarded(f"{case.reference} assigned", work)


def on_case_stepped(sender: Any, *, case: Case, actor: Any, transition: Transition, old_status: str, reason: str = "",
                    **kwargs: Any) -> None:
    case_type = case_type_of(case)
    if case_type is None:
        return
    if transition.returns:
        _guarded(f"{case.reference} returned", lambda: _tell_returned(case_type, case, transition, actor, reason))
    elif case.status != old_status:
        _guarded(f"{case.reference} {transition.name}", lambda: _tell_waiting(case_type, case, old_status, actor))
    if transition.name in case_type.citizen_notices and case_type.citizen_contact is not None:
        _guarded(f"{case.reference} {transition.name} (citizen)", lambda: _tell_citizen(case_type, case, transition))


# --- who ----------------------------------------------------------------------------------------------


def _moving_permissions(case_type: CaseType, status: str | None) -> set[str]:
    """The permissions of the steps that move a case on from `status` (None: before it existed)."""
    if status is None:
        return set()
    return {t.permission for t in case_type.transitions
            if t.allowed_from(status) and t.target is not None and t.target != status}


def waiting_permissions(case_type: CaseType, case: Case, old_status: str | None) -> set[str]:
    if case.is_closed:
        return set()
    return _moving_permissions(case_type, case.status) - _moving_permissions(case_type, old_status)


def people_who_may(case_type: CaseType, case: Case, permissions: Iterable[str]) -> list[Any]:
    """Active staff whose role may take a step needing one of `permissions` on this case (system
    administrators only by a role of their own: they keep the system, they do not handle cases)."""
    roles: set[str] = set()
    for permission in permissions:
        roles |= set(case_type.policy.roles_for(permission))
    roles.discard(Role.SYSTEM_ADMIN)
    if not roles:
        return []
    city, local = roles & CITY_WIDE_ROLES, roles - CITY_WIDE_ROLES
    held = Q(staff__memberships__role__in=city) | Q(staff__memberships__role__in=local,
                                                   staff__memberships__department_id=case.department_id)
    return list(get_user_model()._default_manager.filter(
        held, is_active=True, staff__is_active=True, staff__memberships__department__is_active=True,
    ).select_related("staff").distinct().order_by("pk"))


def _tell_waiting(case_type: CaseType, case: Case, old_status: str | None, actor: Any) -> None:
    permissions = waiting_permissions(case_type, case, old_status)
    people = [person for person in people_who_may(case_type, case, permissions) if not _same_person(person, actor)]
    handler = case.assigned_to
    if handler is not None and any(person.pk == handler.pk for person in people):
        people = [handler]
    for person in people:
        actions.notify_user(
            user=person, kind=EventKind.WAITING, target=case, url=case_url(case_type, case),
            subject=lambda: _("待您办理：%(case)s") % {"case": case_name(case_type, case)},
            body=lambda: _("%(case)s 现为“%(status)s”，等待您办理。") % {
                "case": case_name(case_type, case), "status": case.status_label()} + _status_line(case, status=False))


def submitters(case_type: CaseType, case: Case, transition: Transition) -> list[Any]:
    """Who took the step that brought the case to the status `transition` returns it from (the latest)."""
    bringing = {t.event_type for t in case_type.transitions if t.target in transition.source and not t.returns}
    event = (AuditEvent.objects.for_object(case).filter(event_type__in=bringing, actor_user__isnull=False)
             .select_related("actor_user").order_by("-occurred_at", "-id").first())
    return [event.actor_user] if event is not None else []


def _tell_returned(case_type: CaseType, case: Case, transition: Transition, actor: Any, reason: str) -> None:
    people = submitters(case_type, case, transition)
    if case.assigned_to is not None:
        people.append(case.assigned_to)
    seen: set[int] = set()
    for person in people:
        if person.pk in seen or _same_person(person, actor):
            continue
        seen.add(person.pk)
        actions.notify_user(
            user=person, kind=EventKind.RETURNED, target=case, url=case_url(case_type, case),
            subject=lambda: _("被退回：%(case)s") % {"case": case_name(case_type, case)},
            body=lambda: _("%(case)s 已被退回（%(step)s），理由：%(reason)s") % {
                "case": case_name(case_type, case), "step": transition.label,
                "reason": reason.strip() or _("未填写")})


def _tell_citizen(case_type: CaseType, case: Case, transition: Transition) -> None:
    contact = case_type.citizen_contact(case) if case_type.citizen_contact else None
    notice = case_type.citizen_notices[transition.name]
    if contact is None:
        return
    addresses = {"email": contact.email, "sms": contact.phone}
    actions.notify_citizen(
        target=case, label=str(contact.label or _("公众")), language=contact.language,
        channels=[(channel, addresses.get(channel, "")) for channel in contact.channels],
        subject=lambda: notice.subject(case), body=lambda: notice.body(case), url=case_url(case_type, case))


# --- words --------------------------------------------------------------------------------------------


def case_url(case_type: CaseType, case: Case) -> str:
    try:
        return reverse(f"{case_type.kind}:case", args=[case.pk])
    except NoReverseMatch:
        return ""


def case_name(case_type: CaseType, case: Case) -> str:
    """"政府信息公开申请 SCJG-2017-0001": the kind and the reference, nothing about the person."""
    return f"{case_type.label} {case.reference}"


def _status_line(case: Case, *, status: bool = True) -> str:
    """The main deadline's due date, if the case has one running (and its status)."""
    from yifa.calendar.models import Deadline

    parts = []
    if status:
        parts.append(_("当前状态：%(status)s。") % {"status": case.status_label()})
    case_type = case_type_of(case)
    if case_type is not None and case_type.main_deadline:
        deadline = (Deadline.objects.for_object(case).running().filter(code=case_type.main_deadline)
                    .order_by("-id").first())
        if deadline is not None and deadline.due_date is not None:
            parts.append(_("%(purpose)s至 %(due)s。") % {"purpose": _(deadline.purpose),
                                                        "due": deadline.due_date.isoformat()})
    # The English sentences carry their own leading space; Chinese runs on without one.
    return "".join(parts)


def _same_person(user: Any, actor: Any) -> bool:
    return actor is not None and getattr(actor, "pk", None) is not None and getattr(user, "pk", None) == actor.pk


def tell_undelivered(notification_id: int) -> None:
    """A citizen's notification about a case ended undelivered (failed after every retry, or bounced): whoever
    handles the case hears of it in their inbox, once per notification, so the citizen is reached another way
    (by post, by phone) and nothing is dropped silently."""
    from .models import Notification

    notification = Notification.objects.filter(pk=notification_id, recipient_user__isnull=True).first()
    if notification is None:
        return
    case = notification.target
    if not isinstance(case, Case):
        return
    case_type = case_type_of(type(case))
    if case_type is None:
        return
    if case.assigned_to is not None and case.assigned_to.is_active:
        people = [case.assigned_to]
    else:
        # The department's own handlers: the roles that may take the case's steps, city-wide overseers left out.
        permissions = {t.permission for t in case_type.transitions
                       if not set(case_type.policy.roles_for(t.permission)) & CITY_WIDE_ROLES}
        people = people_who_may(case_type, case, permissions)
    for person in people:
        actions.notify_user(
            user=person, kind=EventKind.UNDELIVERED, target=case, url=case_url(case_type, case),
            dedupe_key=f"undelivered:{notification.pk}",
            subject=lambda: _("通知未送达：%(case)s") % {"case": case_name(case_type, case)},
            body=lambda: _("发给%(who)s的通知“%(subject)s”未能送达，请通过其他方式告知。") % {
                "who": notification.recipient_label, "subject": notification.subject})
