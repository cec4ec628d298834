"""The personnel part's daily jobs (`yifa daily`).

- enforcement.cancel_departed: the certificates of staff transferred or retired on the day (yifa.org's
  StaffDeparture), and of staff of an agency abolished on the day (Department.abolished_on), are cancelled
  that day with the typed reason; the legal affairs office is told. A day missed is caught up: anything
  that left on or before the day and still holds a certificate is cancelled as of the day it left.
- enforcement.certificate_expiry: a certificate expiring in YIFA_ENFORCEMENT_EXPIRY_REMIND_DAYS days is
  reminded of to its holder (if they have an account) and the legal affairs office, once per certificate
  and expiry date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import SystemJob
from yifa.notifications.actions import notify_user
from yifa.notifications.kinds import EventKind
from yifa.org.models import Department, Role, StaffDeparture

from .actions import cancel_certificate
from .models import Certificate

S = Certificate.Status
R = Certificate.Reason
DEPARTURE_JOB = SystemJob("enforcement.cancel_departed", gettext_lazy("调离、退休、机构撤销人员执法证件注销"))
EXPIRY_JOB = SystemJob("enforcement.certificate_expiry", gettext_lazy("执法证件到期提醒"))
REASON_OF_DEPARTURE: dict[str, str] = {StaffDeparture.Kind.TRANSFER: R.TRANSFER, StaffDeparture.Kind.RETIREMENT: R.RETIREMENT}


def legal_affairs_users() -> Any:
    return get_user_model()._default_manager.filter(
        is_active=True, staff__is_active=True, staff__memberships__role=Role.LEGAL_AFFAIRS).distinct()


def _admin_url(certificate: Certificate) -> str:
    try:
        return reverse("enforcement_certificate", args=[certificate.pk])
    except NoReverseMatch:
        return ""


def _holding(on: dt.date) -> Any:
    """Certificates that still let their holder work on `on` (or would, but for a suspension)."""
    return Certificate.objects.filter(status__in=(S.VALID, S.SUSPENDED), valid_until__gte=on)


def cancel_departed(day: dt.date) -> str:
    """Cancel the certificates of those who left on or before `day`; tell the legal affairs office."""
    to_cancel: dict[int, tuple[dt.date, str, str]] = {}
    departures = StaffDeparture.objects.filter(effective_on__lte=day).values_list(
        "staff_id", "from_department_id", "effective_on", "kind", "note")
    by_staff: dict[int, list[tuple[int, dt.date, str, str]]] = {}
    for staff_id, from_department, on, kind, note in departures:
        by_staff.setdefault(staff_id, []).append((from_department, on, kind, note))
    if by_staff:
        for cert in _holding(day).filter(staff_id__in=by_staff).only("pk", "staff_id", "department_id", "issued_on"):
            # The departure from the certificate's department, after it was issued.
            for from_department, on, kind, note in sorted(by_staff[cert.staff_id], key=lambda d: d[1]):
                if from_department == cert.department_id and on >= cert.issued_on:
                    to_cancel[cert.pk] = (on, REASON_OF_DEPARTURE[kind], note)
                    break
    abolished: dict[int, dt.date] = {
        pk: on for pk, on in Department.objects.filter(abolished_on__lte=day).values_list("pk", "abolished_on") if on}
    if abolished:
        for cert in _holding(day).filter(department_id__in=abolished).only("pk", "department_id", "issued_on"):
            on = abolished[cert.department_id]
            if cert.pk not in to_cancel and on >= cert.issued_on:
                to_cancel[cert.pk] = (on, R.AGENCY_ABOLISHED, "")
    if not to_cancel:
        return _("没有需要注销的执法证件。")
    cancelled = []
    with transaction.atomic():
        for cert in Certificate.objects.filter(pk__in=to_cancel).select_related("staff", "department"):
            on, reason, note = to_cancel[cert.pk]
            cancel_certificate(actor=DEPARTURE_JOB, certificate=cert, on=on, reason=reason, note=note)
            cancelled.append((cert, on, reason))
        lines = "\n".join(
            _("%(number)s %(name)s（%(department)s）：%(reason)s，%(on)s 起注销") % {
                "number": cert.number, "name": cert.staff.name, "department": cert.department.short_name,
                "reason": Certificate.Reason(reason).label, "on": on}
            for cert, on, reason in cancelled)
        for user in legal_affairs_users():
            notify_user(user=user, kind=EventKind.CERTIFICATE,
                        subject=lambda: _("%(day)s 注销执法证件 %(n)s 件") % {"day": day, "n": len(cancelled)},
                        body=lambda: _("以下人员调离、退休或所在机构撤销，其执法证件已由系统注销，请收回证件：") + "\n" + lines,
                        dedupe_key=f"enforcement.cancelled:{day}")
    return _("注销执法证件 %(n)s 件") % {"n": len(cancelled)}


def remind_expiring(day: dt.date) -> str:
    """Remind of certificates expiring on day + YIFA_ENFORCEMENT_EXPIRY_REMIND_DAYS (and any missed since)."""
    ahead = max(int(settings.YIFA_ENFORCEMENT_EXPIRY_REMIND_DAYS), 0)
    expiring = list(Certificate.objects.filter(
        status=S.VALID, valid_until__gte=day, valid_until__lte=day + dt.timedelta(days=ahead)).filter(
        Q(staff__is_active=True)).select_related("staff__user", "department").order_by("valid_until", "number"))
    if not expiring:
        return _("没有即将到期的执法证件。")
    office = list(legal_affairs_users())
    sent = 0
    for cert in expiring:
        def subject(cert: Certificate = cert) -> str:
            return _("执法证件 %(number)s 将于 %(until)s 到期") % {"number": cert.number, "until": cert.valid_until}

        def body(cert: Certificate = cert) -> str:
            return _("%(name)s（%(department)s）的%(kind)s %(number)s 有效期至 %(until)s，请在到期前办理换证；"
                     "到期后不得从事行政执法工作。") % {
                "name": cert.staff.name, "department": cert.department.short_name, "kind": cert.get_kind_display(),
                "number": cert.number, "until": cert.valid_until}

        key = f"enforcement.expiry:{cert.pk}:{cert.valid_until}"
        for user in [*office, cert.staff.user]:
            if user is not None and notify_user(user=user, kind=EventKind.CERTIFICATE, subject=subject, body=body,
                                                target=cert, url=_admin_url(cert), dedupe_key=key):
                sent += 1
    return _("执法证件到期提醒 %(n)s 条") % {"n": sent}
