"""Every write to enforcement personnel: fields, training, the law exam, certificates and their reviews.

Each action checks the policy, validates everything before writing (nothing half-written), runs in one
transaction and leaves an audit event; a certificate's every change also leaves a CertificateEvent (the
figures count those). A refusal raises PersonnelRefused and is itself written to the audit log
("enforcement.personnel_refused"), after the action's transaction rolled back.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor
from yifa.core.errors import ActionRefused
from yifa.org.models import Department, Staff

from .models import (
    AnnualReview,
    Certificate,
    CertificateEvent,
    DepartmentField,
    EnforcementField,
    ExamResult,
    ExamSitting,
    TrainingRecord,
)
from .policies import (
    certificate_policy,
    department_field_policy,
    exam_result_policy,
    field_policy,
    sitting_policy,
    training_policy,
)
from .selectors import ineligibility_reason

S = Certificate.Status
E = CertificateEvent.Kind
REFUSED_EVENT = "enforcement.personnel_refused"
CITY_REGION_CODE = "231282"  # 肇东市: certificate numbers begin with the issuing city's code

P = ParamSpec("P")
T = TypeVar("T")


class PersonnelRefused(ActionRefused):
    """An enforcement personnel action was refused; nothing changed."""


def pass_mark() -> Decimal:
    return Decimal(str(settings.YIFA_ENFORCEMENT_EXAM_PASS_MARK))


def validity_years() -> int:
    return int(settings.YIFA_ENFORCEMENT_CERTIFICATE_YEARS)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def expiry_for(issued_on: dt.date, years: int | None = None) -> dt.date:
    """A certificate issued on 1 March 2016 for three years is valid to 28 February 2019 inclusive."""
    return add_years(issued_on, validity_years() if years is None else years) - dt.timedelta(days=1)


def audited_refusal(action: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Record a refusal of the wrapped action (PersonnelRefused or a permission refusal) in the audit log."""

    def wrap(function: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(function)
        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return function(*args, **kwargs)
            except (ActionRefused, PermissionDenied) as refused:
                target = next((v for v in kwargs.values() if isinstance(v, Certificate | Staff | ExamSitting)), None)
                department = getattr(target, "department", None) if not isinstance(target, ExamSitting) else None
                record_event(actor=kwargs.get("actor"), event_type=REFUSED_EVENT, target=target,  # type: ignore[arg-type]
                             department=department, new={"action": action},
                             reason=str(getattr(refused, "message", None) or refused)[:2000])
                raise
        return run
    return wrap


def _refuse_not_date(value: Any, what: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise PersonnelRefused(_("请填写%(what)s（年-月-日）。") % {"what": what})
    return value


def _text(value: str, what: str, limit: int, *, required: bool = False) -> str:
    value = "".join(ch for ch in (value or "") if ch.isprintable() or ch == "\n").strip()
    if required and not value:
        raise PersonnelRefused(_("请填写%(what)s。") % {"what": what})
    if len(value) > limit:
        raise PersonnelRefused(_("%(what)s不能超过 %(n)s 字。") % {"what": what, "n": limit})
    return value


# --- fields -------------------------------------------------------------------------------------------


@audited_refusal("save_field")
def save_field(*, actor: Actor, field: EnforcementField) -> EnforcementField:
    check_actor(field_policy, actor, "add" if field._state.adding else "change", field)
    try:
        field.full_clean()
    except ValidationError as invalid:
        raise PersonnelRefused("；".join(invalid.messages)) from invalid
    with transaction.atomic():
        field.save()
        record_event(actor=actor, event_type="enforcement.field_saved", target=field,
                     new={"code": field.code, "name": field.name, "is_active": field.is_active})
    return field


@audited_refusal("set_department_fields")
def set_department_fields(*, actor: Actor, department: Department, fields: Iterable[EnforcementField]) -> list[str]:
    """Which fields the department enforces (its 执法门类). Certificates already issued keep theirs."""
    check_actor(department_field_policy, actor, "change", DepartmentField(department=department))
    wanted = {field.pk: field for field in fields}
    with transaction.atomic():
        held = set(DepartmentField.objects.filter(department=department).values_list("field_id", flat=True))
        DepartmentField.objects.filter(department=department).exclude(field_id__in=wanted).delete()
        DepartmentField.objects.bulk_create(
            [DepartmentField(department=department, field_id=pk) for pk in wanted if pk not in held])
        names = sorted(f.name for f in wanted.values())
        record_event(actor=actor, event_type="enforcement.department_fields_set", target=department,
                     department=department, old={"fields": sorted(held)}, new={"fields": names})
    return names


# --- training -----------------------------------------------------------------------------------------


@audited_refusal("record_training")
def record_training(*, actor: Actor, staff: Staff, course: str, hours: Any, completed_on: dt.date,
                    provider: str = "") -> TrainingRecord:
    record = TrainingRecord(staff=staff, department=staff.department)
    check_actor(training_policy, actor, "add", record)
    record.course = _text(course, _("课程"), 200, required=True)
    record.provider = _text(provider, _("组织单位"), 100)
    record.completed_on = _refuse_not_date(completed_on, _("完成日期"))
    try:
        record.hours = Decimal(str(hours))
    except (InvalidOperation, ValueError) as bad:
        raise PersonnelRefused(_("学时应为数字。")) from bad
    if not (Decimal("0.5") <= record.hours <= Decimal("500")) or record.hours != record.hours.quantize(Decimal("0.1")):
        raise PersonnelRefused(_("学时应在 0.5 到 500 之间，最多一位小数。"))
    with transaction.atomic():
        record.save()
        record_event(actor=actor, event_type="enforcement.training_recorded", target=staff,
                     department=staff.department,
                     new={"course": record.course, "hours": record.hours, "completed_on": record.completed_on})
    return record


def training_hours(staff: Staff, year: int) -> Decimal:
    total = TrainingRecord.objects.filter(staff=staff, completed_on__year=year).aggregate(n=Sum("hours"))["n"]
    return total or Decimal("0")


# --- the law exam -------------------------------------------------------------------------------------


@audited_refusal("create_sitting")
def create_sitting(*, actor: Actor, title: str, held_on: dt.date, location: str = "",
                   resit_of: ExamSitting | None = None, pass_mark_value: Any = None) -> ExamSitting:
    """A sitting of the law exam; `resit_of` makes it the one re-sit (补考) of an earlier sitting."""
    check_actor(sitting_policy, actor, "add")
    sitting = ExamSitting(title=_text(title, _("名称"), 100, required=True), location=_text(location, _("地点"), 100),
                          held_on=_refuse_not_date(held_on, _("考试日期")), resit_of=resit_of)
    try:
        sitting.pass_mark = pass_mark() if pass_mark_value in (None, "") else Decimal(str(pass_mark_value))
    except (InvalidOperation, ValueError) as bad:
        raise PersonnelRefused(_("合格分数应为 0 到 100 之间的数字。")) from bad
    if not Decimal("0") <= sitting.pass_mark <= Decimal("100"):
        raise PersonnelRefused(_("合格分数应为 0 到 100 之间的数字。"))
    if resit_of is not None:
        if resit_of.is_resit:
            raise PersonnelRefused(_("补考只能安排一次：“%(title)s”本身已是补考。") % {"title": resit_of.title})
        if ExamSitting.objects.filter(resit_of=resit_of).exists():
            raise PersonnelRefused(_("“%(title)s”已安排过补考，每次考试只能补考一次。") % {"title": resit_of.title})
        if sitting.held_on <= resit_of.held_on:
            raise PersonnelRefused(_("补考日期应在原考试（%(on)s）之后。") % {"on": resit_of.held_on})
    with transaction.atomic():
        sitting.save()
        record_event(actor=actor, event_type="enforcement.sitting_created", target=sitting,
                     new={"title": sitting.title, "held_on": sitting.held_on, "pass_mark": sitting.pass_mark,
                          "resit_of": resit_of.pk if resit_of else None})
    return sitting


def _score(value: Any, name: str) -> Decimal:
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as bad:
        raise PersonnelRefused(_("%(name)s 的成绩“%(value)s”不是数字。") % {"name": name, "value": str(value)[:20]}) from bad
    if not score.is_finite() or not Decimal("0") <= score <= Decimal("100"):
        raise PersonnelRefused(_("%(name)s 的成绩 %(value)s 超出范围：成绩应在 0 到 100 分之间。") % {
            "name": name, "value": str(value)[:20]})
    if score != score.quantize(Decimal("0.1")):
        raise PersonnelRefused(_("%(name)s 的成绩最多保留一位小数。") % {"name": name})
    return score


@audited_refusal("record_scores")
def record_scores(*, actor: Actor, sitting: ExamSitting, scores: Sequence[tuple[Staff, Any]]) -> list[ExamResult]:
    """Enter a sitting's scores (all or none). Only established staff sit the exam; a re-sit takes only
    those who failed the sitting it repeats, and nobody sits the same sitting twice."""
    check_actor(exam_result_policy, actor, "add")
    if not scores:
        raise PersonnelRefused(_("没有要登记的成绩。"))
    seen: set[int] = set()
    results = []
    for person, value in scores:
        if person.pk in seen:
            raise PersonnelRefused(_("%(name)s 的成绩填了两次。") % {"name": person.name})
        seen.add(person.pk)
        not_eligible = ineligibility_reason(person)
        if not_eligible:
            raise PersonnelRefused(not_eligible)
        score = _score(value, person.name)
        results.append(ExamResult(sitting=sitting, staff=person, department_id=person.department_id, score=score,
                                  passed=score >= sitting.pass_mark))
    already = set(ExamResult.objects.filter(sitting=sitting, staff_id__in=seen).values_list("staff__name", flat=True))
    if already:
        raise PersonnelRefused(_("已登记过本场考试成绩：%(names)s。") % {"names": "、".join(sorted(already))})
    if sitting.resit_of_id is not None:
        failed = set(ExamResult.objects.filter(sitting_id=sitting.resit_of_id, passed=False).values_list(
            "staff_id", flat=True))
        not_failed = [r.staff.name for r in results if r.staff_id not in failed]
        if not_failed:
            raise PersonnelRefused(_("补考只限原考试不合格的人员，以下人员不能参加：%(names)s。") % {
                "names": "、".join(not_failed)})
    with transaction.atomic():
        try:
            ExamResult.objects.bulk_create(results)
        except IntegrityError as clash:
            raise PersonnelRefused(_("成绩已由他人同时登记，请刷新后再试。")) from clash
        record_event(actor=actor, event_type="enforcement.scores_recorded", target=sitting,
                     new={"examinees": len(results), "passed": sum(r.passed for r in results)})
    return results


def passed_result(staff: Staff, on: dt.date) -> ExamResult | None:
    """The person's latest passed exam on or before `on`."""
    return ExamResult.objects.filter(staff=staff, passed=True, sitting__held_on__lte=on).select_related(
        "sitting").order_by("-sitting__held_on", "-pk").first()


# --- certificates -------------------------------------------------------------------------------------


def next_number(year: int) -> str:
    prefix = f"{CITY_REGION_CODE}{year}"
    last = Certificate.objects.filter(number__startswith=prefix, number__regex=r"^\d{14}$").aggregate(
        n=Max("number"))["n"]
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"


def _covered(department: Department, fields: Sequence[EnforcementField]) -> None:
    if not fields:
        raise PersonnelRefused(_("请选择执法门类。"))
    own = set(DepartmentField.objects.filter(department=department).values_list("field_id", flat=True))
    outside = [f.name for f in fields if f.pk not in own]
    if outside:
        raise PersonnelRefused(_("%(department)s 没有“%(fields)s”执法职能，不能按此门类发证。") % {
            "department": department.name, "fields": "、".join(outside)})


def _event(certificate: Certificate, kind: str, on: dt.date, reason: str = "", note: str = "") -> None:
    from .search import sync_certificates

    CertificateEvent.objects.create(certificate=certificate, department_id=certificate.department_id, kind=kind, on=on,
                                    reason=reason, note=note[:200])
    # The register's entry in the site search follows the certificate (after the change is committed).
    transaction.on_commit(functools.partial(sync_certificates, [certificate.pk]))


@audited_refusal("issue_certificate")
def issue_certificate(
    *, actor: Actor, staff: Staff, fields: Sequence[EnforcementField], issued_on: dt.date,
    kind: str = Certificate.Kind.ENFORCEMENT, number: str = "", area: str = "", issuing_authority: str = "",
    basis: str = "", photo: Any = None, require_exam: bool = True,
) -> Certificate:
    """Issue a certificate to an established staff member who passed the law exam, for fields their
    department enforces; valid YIFA_ENFORCEMENT_CERTIFICATE_YEARS years. One valid certificate per kind."""
    certificate = Certificate(staff=staff, department_id=staff.department_id, kind=kind)
    check_actor(certificate_policy, actor, "add", certificate)
    issued_on = _refuse_not_date(issued_on, _("发证日期"))
    if issued_on > timezone.localdate():
        raise PersonnelRefused(_("发证日期不能晚于今天。"))
    not_eligible = ineligibility_reason(staff)
    if not_eligible:
        raise PersonnelRefused(not_eligible)
    if not staff.is_active:
        raise PersonnelRefused(_("%(name)s 已不在岗，不能发证。") % {"name": staff.name})
    if kind not in Certificate.Kind.values:
        raise PersonnelRefused(_("证件类别应为行政执法证或行政执法监督证。"))
    fields = list(fields)
    _covered(staff.department, fields)
    exam = passed_result(staff, issued_on)
    if require_exam and exam is None:
        raise PersonnelRefused(_("%(name)s 尚未通过行政执法资格考试，不能发证。") % {"name": staff.name})
    city = settings.YIFA_CITY_NAME
    certificate.area = _text(area, _("执法区域"), 100) or _("%(city)s行政区域") % {"city": city}
    certificate.issuing_authority = _text(issuing_authority, _("发证机关"), 100) or _("%(city)s人民政府") % {"city": city}
    certificate.basis = _text(basis, _("发证依据"), 200) or _("《黑龙江省行政执法人员资格管理办法》")
    certificate.issued_on = issued_on
    certificate.valid_until = expiry_for(issued_on)
    certificate.exam_result = exam
    if photo:
        certificate.photo = photo
        try:
            certificate.full_clean(validate_unique=False, validate_constraints=False,
                                   exclude=[f.name for f in Certificate._meta.fields if f.name != "photo"])
        except ValidationError as invalid:
            raise PersonnelRefused("；".join(invalid.messages)) from invalid
    with transaction.atomic():
        Staff.objects.select_for_update().get(pk=staff.pk)  # one issue at a time per person
        holding = Certificate.objects.filter(staff=staff, kind=kind, status=S.VALID, valid_until__gte=issued_on).first()
        if holding is not None:
            raise PersonnelRefused(_("%(name)s 已持有有效的%(kind)s（%(number)s），到期前应换证而不是重新发证。") % {
                "name": staff.name, "kind": certificate.get_kind_display(), "number": holding.number})
        certificate.number = _text(number, _("证件编号"), 30) or next_number(issued_on.year)
        if Certificate.objects.filter(number=certificate.number).exists():
            raise PersonnelRefused(_("证件编号 %(number)s 已被使用。") % {"number": certificate.number})
        certificate.save()
        certificate.fields.set(fields)
        _event(certificate, E.ISSUED, issued_on)
        record_event(actor=actor, event_type="enforcement.certificate_issued", target=certificate,
                     new={"number": certificate.number, "kind": kind, "staff": staff.name,
                          "fields": [f.name for f in fields], "issued_on": issued_on,
                          "valid_until": certificate.valid_until})
    return certificate


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().select_related("staff").get(pk=certificate.pk)


@audited_refusal("renew_certificate")
def renew_certificate(*, actor: Actor, certificate: Certificate, renewed_on: dt.date) -> Certificate:
    """换证: a valid, unexpired certificate gets a new period from the day after it would have expired.
    Its holder must still be established staff and not have failed their last annual review."""
    check_actor(certificate_policy, actor, "renew", certificate)
    renewed_on = _refuse_not_date(renewed_on, _("换证日期"))
    with transaction.atomic():
        cert = _locked(certificate)
        if cert.status != S.VALID:
            raise PersonnelRefused(_("证件 %(number)s 当前为“%(status)s”状态，不能换证。") % {
                "number": cert.number, "status": cert.get_status_display()})
        if renewed_on > cert.valid_until:
            raise PersonnelRefused(_("证件 %(number)s 已于 %(until)s 过期，须重新考试发证，不能换证。") % {
                "number": cert.number, "until": cert.valid_until})
        if renewed_on < cert.issued_on:
            raise PersonnelRefused(_("换证日期不能早于发证日期。"))
        not_eligible = ineligibility_reason(cert.staff)
        if not_eligible:
            raise PersonnelRefused(not_eligible)
        last_review = cert.reviews.order_by("-year").first()
        if last_review is not None and not last_review.passed:
            raise PersonnelRefused(_("%(year)s 年度审验不合格，不能换证。") % {"year": last_review.year})
        old = cert.valid_until
        cert.valid_until = add_years(old + dt.timedelta(days=1), validity_years()) - dt.timedelta(days=1)
        cert.save(update_fields=["valid_until"])
        _event(cert, E.RENEWED, renewed_on)
        record_event(actor=actor, event_type="enforcement.certificate_renewed", target=cert,
                     old={"valid_until": old}, new={"valid_until": cert.valid_until, "renewed_on": renewed_on})
    return cert


def _change_status(*, actor: Actor, certificate: Certificate, to: str, on: dt.date, reason: str, note: str,
                   permission: str, event: str, allowed_from: Sequence[str], reasons: Sequence[str]) -> Certificate:
    check_actor(certificate_policy, actor, permission, certificate)
    on = _refuse_not_date(on, _("日期"))
    note = _text(note, _("说明"), 200)
    if reason not in reasons:
        raise PersonnelRefused(_("请选择原因：%(choices)s。") % {
            "choices": "、".join(str(Certificate.Reason(r).label) for r in reasons)})
    with transaction.atomic():
        cert = _locked(certificate)
        if cert.status not in allowed_from:
            raise PersonnelRefused(_("证件 %(number)s 当前为“%(status)s”状态，不能%(what)s。") % {
                "number": cert.number, "status": cert.get_status_display(), "what": S(to).label})
        if on < cert.issued_on:
            raise PersonnelRefused(_("日期不能早于发证日期 %(on)s。") % {"on": cert.issued_on})
        old = {"status": cert.status, "status_since": cert.status_since, "status_reason": cert.status_reason}
        cert.status, cert.status_since, cert.status_reason, cert.status_note = to, on, reason, note
        cert.save(update_fields=["status", "status_since", "status_reason", "status_note"])
        _event(cert, event, on, reason, note)
        record_event(actor=actor, event_type=f"enforcement.certificate_{event}", target=cert, old=old,
                     new={"status": to, "status_since": on, "status_reason": reason}, reason=note)
    return cert


R = Certificate.Reason
SUSPEND_REASONS = (R.FAILED_REVIEW, R.MISCONDUCT)
REVOKE_REASONS = (R.MISCONDUCT, R.FAILED_REVIEW)
CANCEL_REASONS = (R.TRANSFER, R.RETIREMENT, R.AGENCY_ABOLISHED, R.NOT_ESTABLISHED, R.FAILED_REVIEW)


@audited_refusal("suspend_certificate")
def suspend_certificate(*, actor: Actor, certificate: Certificate, on: dt.date, reason: str, note: str = "") -> Certificate:
    """暂扣: the holder may not do enforcement work until it is reinstated."""
    return _change_status(actor=actor, certificate=certificate, to=S.SUSPENDED, on=on, reason=reason, note=note,
                          permission="suspend", event=E.SUSPENDED, allowed_from=(S.VALID,), reasons=SUSPEND_REASONS)


@audited_refusal("reinstate_certificate")
def reinstate_certificate(*, actor: Actor, certificate: Certificate, on: dt.date, note: str = "") -> Certificate:
    check_actor(certificate_policy, actor, "suspend", certificate)
    on = _refuse_not_date(on, _("日期"))
    note = _text(note, _("说明"), 200)
    with transaction.atomic():
        cert = _locked(certificate)
        if cert.status != S.SUSPENDED:
            raise PersonnelRefused(_("只有暂扣的证件才能恢复。"))
        if cert.status_since and on < cert.status_since:
            raise PersonnelRefused(_("恢复日期不能早于暂扣日期 %(on)s。") % {"on": cert.status_since})
        old = {"status": cert.status, "status_since": cert.status_since, "status_reason": cert.status_reason}
        if cert.status_since is not None:
            cert.lifted_suspensions = [*cert.lifted_suspensions, [cert.status_since.isoformat(), on.isoformat()]]
        cert.status, cert.status_since, cert.status_reason, cert.status_note = S.VALID, None, "", ""
        cert.save(update_fields=["status", "status_since", "status_reason", "status_note", "lifted_suspensions"])
        _event(cert, E.REINSTATED, on, note=note)
        record_event(actor=actor, event_type="enforcement.certificate_reinstated", target=cert, old=old,
                     new={"status": S.VALID, "reinstated_on": on}, reason=note)
    return cert


@audited_refusal("revoke_certificate")
def revoke_certificate(*, actor: Actor, certificate: Certificate, on: dt.date, reason: str, note: str = "") -> Certificate:
    """吊销: for misconduct (or a failed review); final."""
    return _change_status(actor=actor, certificate=certificate, to=S.REVOKED, on=on, reason=reason, note=note,
                          permission="revoke", event=E.REVOKED, allowed_from=(S.VALID, S.SUSPENDED),
                          reasons=REVOKE_REASONS)


@audited_refusal("cancel_certificate")
def cancel_certificate(*, actor: Actor, certificate: Certificate, on: dt.date, reason: str, note: str = "") -> Certificate:
    """注销: the holder left enforcement work (transfer, retirement, agency abolished, not established staff)."""
    return _change_status(actor=actor, certificate=certificate, to=S.CANCELLED, on=on, reason=reason, note=note,
                          permission="cancel", event=E.CANCELLED, allowed_from=(S.VALID, S.SUSPENDED),
                          reasons=CANCEL_REASONS)


@audited_refusal("record_review")
def record_review(*, actor: Actor, certificate: Certificate, year: int, passed: bool, reviewed_on: dt.date,
                  note: str = "") -> AnnualReview:
    """年度审验. A failed review suspends the certificate from the review date (reason: failed review)."""
    check_actor(certificate_policy, actor, "review", certificate)
    reviewed_on = _refuse_not_date(reviewed_on, _("审验日期"))
    note = _text(note, _("说明"), 200)
    if not isinstance(year, int) or not 1990 <= year <= reviewed_on.year:
        raise PersonnelRefused(_("审验年度应为审验日期当年或以前的年度。"))
    with transaction.atomic():
        cert = _locked(certificate)
        if cert.status in (S.REVOKED, S.CANCELLED):
            raise PersonnelRefused(_("证件 %(number)s 已%(status)s，无需审验。") % {
                "number": cert.number, "status": cert.get_status_display()})
        if AnnualReview.objects.filter(certificate=cert, year=year).exists():
            raise PersonnelRefused(_("证件 %(number)s 的 %(year)s 年度审验已登记。") % {"number": cert.number, "year": year})
        review = AnnualReview.objects.create(certificate=cert, year=year, passed=passed, reviewed_on=reviewed_on,
                                             training_hours=training_hours(cert.staff, year), note=note)
        record_event(actor=actor, event_type="enforcement.review_recorded", target=cert,
                     new={"year": year, "passed": passed, "training_hours": review.training_hours}, reason=note)
        if not passed and cert.status == S.VALID:
            cert.status, cert.status_since, cert.status_reason, cert.status_note = (
                S.SUSPENDED, reviewed_on, R.FAILED_REVIEW, note)
            cert.save(update_fields=["status", "status_since", "status_reason", "status_note"])
            _event(cert, E.SUSPENDED, reviewed_on, R.FAILED_REVIEW, note)
            record_event(actor=actor, event_type="enforcement.certificate_suspended", target=cert,
                         old={"status": S.VALID}, new={"status": S.SUSPENDED, "status_since": reviewed_on,
                                                       "status_reason": R.FAILED_REVIEW})
    return review


@audited_refusal("remove_ineligible")
def remove_ineligible(*, actor: Actor, on: dt.date, department: Department | None = None) -> int:
    """Clear contract, dispatched and temporary workers out of enforcement posts: cancel every certificate
    they still hold (reason: not established staff). Returns how many were cancelled."""
    check_actor(certificate_policy, actor, "cancel", Certificate(department=department) if department else None)
    on = _refuse_not_date(on, _("日期"))
    holding = Certificate.objects.filter(status__in=(S.VALID, S.SUSPENDED), valid_until__gte=on, issued_on__lte=on
                                         ).exclude(staff__employment_type__in=Staff.ESTABLISHED)
    if department is not None:
        holding = holding.filter(department=department)
    count = 0
    with transaction.atomic():
        for cert in holding.select_related("staff"):
            cancel_certificate(actor=actor, certificate=cert, on=on, reason=R.NOT_ESTABLISHED,
                               note=_("%(type)s人员，清理出执法岗位") % {"type": cert.staff.get_employment_type_display()})
            count += 1
    return count
