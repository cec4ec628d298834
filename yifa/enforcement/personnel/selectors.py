"""Reads of the personnel part, and THE GUARD every part uses when it assigns people to enforcement work.

    assignment_problems([(staff, field, on), …])  -> {AssignmentKey: reason}   (a fixed number of queries)
    check_handlers(staff, field=…, on=…, what=…)  raises HandlersRefused listing each person's reason

行政处罚法（2021）第四十二条：行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，
法律另有规定的除外。国办发〔2018〕118号 and rules.md: only established staff (在编) hold certificates;
contract, dispatched and temporary workers never do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yifa.core.errors import ActionRefused
from yifa.org.models import Staff

from .models import Certificate, EnforcementField

S = Certificate.Status

ART_42 = _("《中华人民共和国行政处罚法》第四十二条")


def printable(value: Any, limit: int) -> str:
    """Text typed by someone, without control characters (PostgreSQL refuses NUL), trimmed and cut to `limit`."""
    return "".join(ch for ch in str(value or "") if ch.isprintable()).strip()[:limit]


class AssignmentKey(NamedTuple):
    """Which assignment a problem belongs to: the person, the field's code and the day."""

    staff_id: int
    field_code: str
    on: dt.date


class HandlersRefused(ActionRefused):
    """Too few certified handlers, or someone assigned who may not do enforcement work.

    `problems` maps each refused person's id to the reason; the message lists them all."""

    def __init__(self, message: str, problems: dict[int, str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or {}


NOT_ESTABLISHED = _lazy("%(name)s 为%(type)s人员，不是在编人员，不得从事行政执法工作（合同制、劳务派遣、临时人员一律不得持证执法）")


def ineligibility_reason(staff: Staff) -> str | None:
    """Why this person may not hold an enforcement certificate at all, or None if they may."""
    if staff.employment_type in ESTABLISHED:
        return None
    return str(NOT_ESTABLISHED) % {"name": staff.name, "type": staff.get_employment_type_display()}


ESTABLISHED = frozenset(str(value) for value in Staff.ESTABLISHED)


def resolve_fields(fields: Iterable[str | EnforcementField]) -> dict[str, EnforcementField | None]:
    """Each field given by code or name (or as the object) -> the field, or None if there is no such field.
    One query for the ones given as text."""
    wanted = {f for f in fields if not isinstance(f, EnforcementField)}
    found: dict[str, EnforcementField | None] = dict.fromkeys(wanted)
    # Text that cannot be a field's code or name (control characters: PostgreSQL refuses NUL) is not looked up.
    looked_up = {f for f in wanted if isinstance(f, str) and f.isprintable()}
    if looked_up:
        from django.db.models import Q

        for field in EnforcementField.objects.filter(Q(code__in=looked_up) | Q(name__in=looked_up)):
            if field.code in found:
                found[field.code] = field
            if field.name in found:
                found[field.name] = field
    return found


class _Messages:
    """The guard's messages, translated once per batch (a batch of 10,000 would otherwise look each up 10,000 times)."""

    def __init__(self, kind: str) -> None:
        self.kind = str(Certificate.Kind(kind).label)
        self.no_field = _("没有名为“%(field)s”的执法门类")
        self.not_established = str(NOT_ESTABLISHED)
        self.employment = {str(value): str(label) for value, label in Staff.EmploymentType.choices}
        self.uncertified = _("%(name)s 未取得%(kind)s，不得从事行政执法工作")
        self.other_field = _("%(name)s 的%(kind)s不含“%(field)s”执法门类")
        self.not_yet = _("%(name)s 的%(kind)s（%(number)s）于 %(issued)s 才发证，%(on)s 时尚未持证")
        self.status = {
            S.SUSPENDED.value: _("%(name)s 的%(kind)s（%(number)s）自 %(since)s 起已被暂扣%(reason)s，暂扣期间不得执法"),
            S.REVOKED.value: _("%(name)s 的%(kind)s（%(number)s）已于 %(since)s 被吊销%(reason)s"),
            S.CANCELLED.value: _("%(name)s 的%(kind)s（%(number)s）已于 %(since)s 注销%(reason)s"),
        }
        self.reasons = {str(value): _("（%(reason)s）") % {"reason": label} for value, label in Certificate.Reason.choices}
        self.expired = _("%(name)s 的%(kind)s（%(number)s）已于 %(until)s 到期，%(on)s 时已过有效期")
        self.suspended_then = _("%(name)s 的%(kind)s（%(number)s）在 %(from)s 至 %(to)s 期间被暂扣，%(on)s 时不得执法")

    def certificate_problem(self, cert: tuple[Any, ...], name: str, on: dt.date) -> str | None:
        """Why this certificate (which covers the field) does not let its holder work on `on`."""
        number, issued_on, valid_until, status, since, reason = cert
        if on < issued_on:
            return self.not_yet % {"name": name, "kind": self.kind, "number": number, "issued": issued_on, "on": on}
        if status != VALID and (since is None or since <= on):
            return self.status[status] % {"name": name, "kind": self.kind, "number": number, "since": since or "—",
                                          "reason": self.reasons.get(reason, "")}
        if on > valid_until:
            return self.expired % {"name": name, "kind": self.kind, "number": number, "until": valid_until, "on": on}
        return None


VALID = S.VALID.value


def _suspended_then(lifted: list[list[str]], on: dt.date) -> tuple[str, str] | None:
    """The lifted suspension [from, to) that `on` falls in, if any (ISO dates compare as text)."""
    day = on.isoformat()
    for start, end in lifted:
        if start <= day < end:
            return start, end
    return None


def assignment_problems(
    assignments: Iterable[tuple[Staff, str | EnforcementField, dt.date]],
    *,
    kind: str = Certificate.Kind.ENFORCEMENT,
) -> dict[AssignmentKey, str]:
    """For each (person, field, day) that may NOT be assigned, the reason in Chinese. Empty = all fine.

    A person may do enforcement work in a field on a day when they are established staff and hold a
    certificate of `kind` covering that field, issued on or before the day, not yet expired and not
    suspended, revoked or cancelled by then. At most two queries whatever the batch's size: the fields
    given by code or name, and the holders' certificates with their fields."""
    batch = list(assignments)
    if not batch:
        return {}
    fields = resolve_fields({f for _staff, f, _on in batch if not isinstance(f, EnforcementField)})
    established = ESTABLISHED
    staff_ids = {staff.id for staff, _f, _on in batch if staff.employment_type in established}
    # The holders' certificates, one row per certificate and field it covers, sorted by holder; each holder's rows
    # are found by their range. (Plain rows and integers: building a container per person or certificate would
    # let Python's garbage collector scan the whole heap again and again in a batch of 10,000 — triple the time.)
    rows: list[tuple[Any, ...]] = []
    if staff_ids:
        rows = sorted(Certificate.objects.filter(staff_id__in=staff_ids, kind=kind).values_list(
            "staff_id", "issued_on", "pk", "valid_until", "status", "status_since", "status_reason", "number",
            "fields__id", "lifted_suspensions"))
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for index, row in enumerate(rows):
        first.setdefault(row[0], index)
        last[row[0]] = index + 1
    text = _Messages(kind)
    problems: dict[AssignmentKey, str] = {}
    for staff, given, on in batch:
        field = given if isinstance(given, EnforcementField) else fields.get(given)
        if field is None:
            problems[AssignmentKey(staff.id, str(given), on)] = text.no_field % {"field": given}
            continue
        if staff.employment_type not in established:
            problems[AssignmentKey(staff.id, field.code, on)] = text.not_established % {
                "name": staff.name, "type": text.employment.get(staff.employment_type, staff.employment_type)}
            continue
        start = first.get(staff.id)
        if start is None:
            problems[AssignmentKey(staff.id, field.code, on)] = text.uncertified % {"name": staff.name, "kind": text.kind}
            continue
        field_id = field.id
        latest = None
        for index in range(start, last[staff.id]):
            _staff_id, issued_on, _pk, valid_until, status, since, _reason, _number, covered, lifted = rows[index]
            if covered != field_id:
                continue
            # A certificate valid on the day: fine (the common case, checked inline).
            if issued_on <= on <= valid_until and (status == VALID or (since is not None and on < since)) and not (
                    lifted and _suspended_then(lifted, on)):
                break
            latest = index  # rows are sorted by issue date: the last one seen is the most recent
        else:
            if latest is None:
                problems[AssignmentKey(staff.id, field.code, on)] = text.other_field % {
                    "name": staff.name, "kind": text.kind, "field": field.name}
            elif rows[latest][9] and (period := _suspended_then(rows[latest][9], on)):
                problems[AssignmentKey(staff.id, field.code, on)] = text.suspended_then % {
                    "name": staff.name, "kind": text.kind, "number": rows[latest][7], "from": period[0],
                    "to": period[1], "on": on}
            else:
                row = rows[latest]
                problems[AssignmentKey(staff.id, field.code, on)] = text.certificate_problem(
                    (row[7], row[1], row[3], row[4], row[5], row[6]), staff.name, on) or ""
    return problems


def check_handlers(
    staff: Sequence[Staff],
    *,
    field: str | EnforcementField,
    on: dt.date,
    at_least: int = 2,
    what: str = "",
    kind: str = Certificate.Kind.ENFORCEMENT,
) -> None:
    """Refuse (HandlersRefused) unless every person given may do enforcement work in `field` on `on`
    and there are at least `at_least` distinct such people (行政处罚法第四十二条: not fewer than two).

    `what` names the work in the message (e.g. "立案"). The caller's action records the refusal in the
    audit log (see yifa.enforcement.personnel.actions.audit_refusal)."""
    people = list({person.pk: person for person in staff}.values())
    problems = assignment_problems([(person, field, on) for person in people], kind=kind)
    by_person = {key.staff_id: reason for key, reason in problems.items()}
    certified = [person for person in people if person.pk not in by_person]
    lines: list[str] = [by_person[person.pk] for person in people if person.pk in by_person]
    if len(certified) < at_least:
        lines.append(_("持有效执法证件的执法人员只有 %(count)s 人，不得少于 %(least)s 人（%(article)s）") % {
            "count": len(certified), "least": at_least, "article": ART_42})
    if lines:
        prefix = _("%(what)s不能进行：") % {"what": what} if what else _("不能指派执法人员：")
        raise HandlersRefused(prefix + "；".join(lines) + "。", problems=by_person)


def certificates_valid_on(on: dt.date, *, kind: str | None = None) -> Any:
    """Certificates in force on a day (the register's "valid" and the figures' "in force at year end")."""
    from django.db.models import Q

    qs = Certificate.objects.filter(issued_on__lte=on, valid_until__gte=on).filter(
        Q(status=S.VALID) | Q(status_since__gt=on))
    return qs.filter(kind=kind) if kind else qs


# --- figures ------------------------------------------------------------------------------------------


def personnel_figures(year: int, department: Any = None) -> dict[str, int]:
    """The year's personnel figures (the seed: 282 examined, 282 passed; 320 certificates handled).

    Examined and passed count people (a re-sit passed counts once); certificate actions are the year's
    issues, renewals and cancellations (CertificateEvent); in force: valid on 31 December."""
    from django.db.models import Count

    from .models import CertificateEvent, ExamResult

    results = ExamResult.objects.filter(sitting__held_on__year=year)
    events = CertificateEvent.objects.filter(on__year=year)
    if department is not None:
        results = results.filter(department=department)
        events = events.filter(department=department)
    examined = results.values("staff_id").distinct().count()
    passed = results.filter(passed=True).values("staff_id").distinct().count()
    by_kind = dict(events.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    in_force = certificates_valid_on(dt.date(year, 12, 31))
    if department is not None:
        in_force = in_force.filter(department=department)
    handled = CertificateEvent.HANDLED
    return {
        "personnel_examined": examined,
        "personnel_passed": passed,
        "certificates_issued": by_kind.get(CertificateEvent.Kind.ISSUED, 0),
        "certificates_renewed": by_kind.get(CertificateEvent.Kind.RENEWED, 0),
        "certificates_cancelled": by_kind.get(CertificateEvent.Kind.CANCELLED, 0),
        "certificates_suspended": by_kind.get(CertificateEvent.Kind.SUSPENDED, 0),
        "certificates_revoked": by_kind.get(CertificateEvent.Kind.REVOKED, 0),
        "certificates_in_force": in_force.count(),
        "certificate_actions": sum(by_kind.get(kind, 0) for kind in handled),
    }


# --- the public register ------------------------------------------------------------------------------


def public_register(*, q: str = "", department: Any = None, field: Any = None, on: dt.date | None = None) -> Any:
    """The certificates the public register shows: every certificate currently held or that ended in the
    last year (so a citizen shown an old card learns it is no longer valid), newest state first.

    `q` matches the holder's name (exact or its start) or the certificate number (exact or its start)."""
    from django.db.models import Q
    from django.utils import timezone

    today = on or timezone.localdate()
    qs = Certificate.objects.filter(issued_on__lte=today).filter(
        Q(valid_until__gte=today - dt.timedelta(days=366))).select_related("staff", "department").prefetch_related(
        "fields")
    q = printable(q, 50)
    if q:
        qs = qs.filter(Q(number__startswith=q) | Q(staff__name__startswith=q))
    if department is not None:
        qs = qs.filter(department=department)
    if field is not None:
        qs = qs.filter(fields=field)
    return qs.order_by("department__sort_order", "department_id", "number")


def register_status(certificate: Certificate, on: dt.date) -> tuple[str, str]:
    """(code, label) of what the register says about a certificate on a day: 有效, 已过期, 暂扣, 吊销, 注销."""
    if certificate.status != S.VALID and (certificate.status_since is None or certificate.status_since <= on):
        return certificate.status, str(certificate.get_status_display())
    if on > certificate.valid_until:
        return "expired", _("已过期")
    return S.VALID, str(S.VALID.label)
