"""Every step of an enforcement case, as an action: checked, in one transaction, in the event log, and in the
case's full-process record (全过程记录, 2021 art.47).

The periods come from the text of the 行政处罚法 in force on the filing date (`statute.py`), or from the local
rules where that text has none (`rules.py`): the decision period (2021 art.60: 90 days from filing), the
party's statement period and hearing-request period (2021 art.64: 5 working days by art.85; 1996 art.42: 3
days), the payment period (15 days), the publication period (国办发〔2018〕118号: 7 or 20 working days) and the
withdrawal of a revoked decision (3 working days). No date arithmetic here: the deadline engine counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actions import actor_label, check_actor, record_event
from yifa.audit.actors import Actor, SystemJob
from yifa.calendar import actions as deadlines
from yifa.calendar.selectors import deadline_of
from yifa.casework.references import next_reference
from yifa.casework.signals import case_opened
from yifa.casework.transitions import GuardRefused, perform_transition
from yifa.core.errors import ActionRefused
from yifa.org.models import Staff

from . import rules, selectors, statute
from . import transitions as steps
from .evidence import KIND_BY_EXTENSION, check_upload, sha256_of_upload
from .models import (
    CaseHandler,
    EnforcementCase,
    Evidence,
    EvidenceKind,
    LegalReview,
    MajorReason,
    PartyKind,
    PenaltyKind,
    ProcessRecord,
    ReviewConclusion,
)
from .policies import case_policy

KIND = "enforcement-case"
REFERENCE = "{DEPT}-ZF-{year}-{number:04d}"
DECISION = statute.DECISION
STATEMENT = "statement"
HEARING_REQUEST = statute.HEARING_REQUEST
PAYMENT = statute.PAYMENT
PUBLISH = "publish"
WITHDRAW = "withdraw"
MAX_EVIDENCE_FILES = 10
MAX_FINE = Decimal("100000000")
WITHDRAWAL_JOB = SystemJob("enforcement.revoked_withdrawal", gettext_lazy("撤下已撤销的执法决定"))
S = EnforcementCase.Status


# --- small helpers -------------------------------------------------------------------------------------


def _day(value: Any, what: str, *, not_before: dt.date | None = None, before_what: str = "") -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ActionRefused(_("%(what)s必须是日期。") % {"what": what})
    if value > timezone.localdate():
        raise ActionRefused(_("%(what)s %(day)s 晚于今天。") % {"what": what, "day": value})
    if not_before is not None and value < not_before:
        raise ActionRefused(_("%(what)s %(day)s 早于%(other)s %(before)s。") % {
            "what": what, "day": value, "other": before_what, "before": not_before})
    return value


def _money(value: Any, what: str, *, required: bool = True) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise ActionRefused(_("请填写%(what)s。") % {"what": what})
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ActionRefused(_("%(what)s“%(value)s”不是有效的金额。") % {"what": what, "value": str(value)[:30]}) from None
    if not amount.is_finite() or amount < 0 or amount > MAX_FINE:
        raise ActionRefused(_("%(what)s %(value)s 不在 0 至 1 亿元之间。") % {"what": what, "value": str(value)[:30]})
    if amount != amount.quantize(Decimal("0.01")):
        raise ActionRefused(_("%(what)s最多精确到分。") % {"what": what})
    return amount.quantize(Decimal("0.01"))


def _text(value: Any, what: str, *, limit: int = 5000, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ActionRefused(_("请填写%(what)s。") % {"what": what})
    if len(text) > limit:
        raise ActionRefused(_("%(what)s不能超过 %(n)s 字。") % {"what": what, "n": limit})
    if "\x00" in text:
        raise ActionRefused(_("%(what)s含有不可见的控制字符。") % {"what": what})
    return text


def handler_names(case: EnforcementCase) -> str:
    return "、".join(h.staff.name for h in case.handlers.select_related("staff"))


def record_step(case: EnforcementCase, step: Any, *, actor: Actor, on: dt.date, note: str = "") -> ProcessRecord:
    """A line of the full-process record: the step, its date and time, the handlers, who entered it."""
    return ProcessRecord.objects.create(case=case, step=step.name, label=str(step.label)[:100], on=on,
                                        handlers=handler_names(case)[:300], actor_label=actor_label(actor)[:150],
                                        note=note[:5000])


def text_of(case: EnforcementCase) -> Any:
    return statute.text_for(case.filed_on or case.found_on)


def _open(case: EnforcementCase, code: str, period: Any, basis: str, start: dt.date, actor: Actor) -> None:
    deadlines.open_deadline(actor=actor, target=case, start=start, period=period.period, purpose=str(period.label),
                            basis=basis[:200], code=code)


def _complete(case: EnforcementCase, code: str, *, actor: Actor, on: dt.date) -> None:
    deadline = deadline_of(case, code)
    if deadline is None:
        return
    if deadline.paused_since is not None:
        deadlines.resume_deadline(actor=actor, deadline=deadline, ends_on=max(on, deadline.paused_since))
    deadlines.complete_deadline(actor=actor, deadline=deadline, completed_on=max(on, deadline.start_date))


def _drop(case: EnforcementCase, code: str, *, actor: Actor, reason: str) -> None:
    deadline = deadline_of(case, code)
    if deadline is not None:
        deadlines.close_deadline(actor=actor, deadline=deadline, reason=reason)


def _staff_of(department: Any, staff_ids: Iterable[Any]) -> list[Staff]:
    ids = []
    for value in staff_ids:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise ActionRefused(_("承办人员“%(value)s”无效。") % {"value": str(value)[:20]}) from None
    found = {staff.pk: staff for staff in Staff.objects.filter(pk__in=ids, department=department)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ActionRefused(_("承办人员须是本部门的工作人员。"))
    return [found[pk] for pk in dict.fromkeys(ids)]


def _check_handlers(staff: list[Staff], field: Any, on: dt.date) -> None:
    from yifa.enforcement.personnel.selectors import check_handlers

    check_handlers(staff, field=field, on=on, at_least=2, what=_("承办人员"))


def _field_of(department: Any, field: Any) -> Any:
    """The case's enforcement field: the one given, if it is the department's, else the department's only one."""
    from yifa.enforcement.personnel.models import EnforcementField

    fields = EnforcementField.objects.filter(pk__in=_department_field_ids(department)).order_by("pk")
    if field is not None:
        key = str(getattr(field, "pk", field))
        chosen = fields.filter(pk=int(key)).first() if key.isdigit() else None
        if chosen is None:
            raise ActionRefused(_("所选执法门类不是本部门的执法门类。"))
        return chosen
    found = list(fields[:2])
    if not found:
        raise ActionRefused(_("%(department)s没有登记执法门类，不能办理行政执法案件。") % {"department": department.name})
    if len(found) > 1:
        raise ActionRefused(_("本部门有多个执法门类，请选择本案的执法门类。"))
    return found[0]


def _department_field_ids(department: Any) -> list[int]:
    from yifa.enforcement.personnel.models import DepartmentField

    return list(DepartmentField.objects.filter(department=department).values_list("field_id", flat=True))


# --- registering and filing ----------------------------------------------------------------------------


def register_case(*, actor: Actor, department: Any, power: Any, title: str, party_kind: str, party_name: str,
                  party_id_number: str = "", party_address: str = "", facts: str, found_on: dt.date,
                  handler_ids: Iterable[Any], major_reasons: Iterable[str] = (), field: Any = None) -> EnforcementCase:
    """案源登记: a matter the department found, under one of its 行政处罚 or 行政强制 items in force, with its
    handlers (certified, at least two, checked now and again at filing). Filing (立案) is the next step."""
    check_actor(case_policy, actor, "add", EnforcementCase(department=department))
    found_on = _day(found_on, _("发现日期"))
    if party_kind not in PartyKind.values:
        raise ActionRefused(_("请选择当事人类型。"))
    problem = selectors.power_problem(department, power, found_on)
    if problem:
        raise ActionRefused(problem)
    reasons = [code for code in major_reasons if code in (MajorReason.PUBLIC_INTEREST, MajorReason.COMPLEX,
                                                          MajorReason.LAW)]
    staff = _staff_of(department, handler_ids)
    field = _field_of(department, field)
    _check_handlers(staff, field, found_on)
    case = EnforcementCase(
        department=department, power=power, field=field, power_type=power.power_type, legal_basis=selectors.legal_basis_of(power),
        title=_text(title, _("案由"), limit=200), party_kind=party_kind,
        party_name=_text(party_name, _("当事人"), limit=100),
        party_id_number=_text(party_id_number, _("证件号码"), limit=30, required=False),
        party_address=_text(party_address, _("当事人地址"), limit=200, required=False),
        facts=_text(facts, _("违法事实")), found_on=found_on, major_reasons=reasons, status=S.REGISTERED,
        opened_at=timezone.make_aware(dt.datetime.combine(found_on, dt.time(9))),
    )
    with transaction.atomic():
        case.reference = next_reference(EnforcementCase, kind=KIND, template=REFERENCE, year=found_on.year,
                                        department=department)
        case.save()
        CaseHandler.objects.bulk_create([CaseHandler(case=case, staff=person) for person in staff])
        record_event(actor=actor, event_type="enforcement.registered", target=case, new={
            "reference": case.reference, "power": f"{power.code} {power.name}", "party": case.party_name,
            "handlers": handler_names(case)})
        record_step(case, steps.SET_HANDLERS, actor=actor, on=found_on, note=_("案源登记：%(title)s") % {"title": case.title})
        case_opened.send(sender=EnforcementCase, case=case, actor=actor)
    return case


def set_handlers(*, actor: Actor, case: EnforcementCase, handler_ids: Iterable[Any], on: dt.date) -> EnforcementCase:
    """Replace the handlers (a recusal, a transfer): each certified for the field on that day, two at least."""
    on = _day(on, _("指定日期"), not_before=case.found_on, before_what=_("发现日期"))
    staff = _staff_of(case.department, handler_ids)

    def apply(locked: EnforcementCase) -> None:
        try:
            _check_handlers(staff, locked.field, on)
        except ActionRefused as refused:
            raise GuardRefused(refused.message, guard=steps.CERTIFIED_HANDLERS.name) from None
        kept = {h.staff_id: h for h in locked.handlers.all()}
        locked.handlers.exclude(staff__in=staff).delete()
        CaseHandler.objects.bulk_create([CaseHandler(case=locked, staff=p) for p in staff if p.pk not in kept])
        record_step(locked, steps.SET_HANDLERS, actor=actor, on=on)

    return perform_transition(case, steps.SET_HANDLERS, actor=actor, policy=case_policy, then=apply,
                              extra_event_values={"handlers": "、".join(p.name for p in staff)})


def declare_recusal(*, actor: Actor, case: EnforcementCase, staff_id: Any, declared_on: dt.date, conflict: bool,
                    statement: str = "") -> EnforcementCase:
    """A handler's statement on recusal (2021 art.43): no conflict, or a conflict — then they leave the case,
    and another certified officer must be named before it goes on."""
    declared_on = _day(declared_on, _("声明日期"), not_before=case.found_on, before_what=_("发现日期"))
    statement = _text(statement, _("回避声明"), limit=300, required=conflict)
    handler = case.handlers.select_related("staff").filter(staff_id=staff_id).first() if str(staff_id).isdigit() else None
    if handler is None:
        raise ActionRefused(_("请选择本案的承办人员。"))

    def apply(locked: EnforcementCase) -> None:
        if conflict:
            CaseHandler.objects.filter(pk=handler.pk).delete()
            note = _("%(name)s 申请回避：%(why)s") % {"name": handler.staff.name, "why": statement}
        else:
            CaseHandler.objects.filter(pk=handler.pk).update(
                recusal_declared_on=declared_on, recusal_statement=statement or _("与本案当事人无利害关系，无应当回避的情形。"),
                declared_by_label=actor_label(actor)[:150])
            note = _("%(name)s 声明无应当回避的情形") % {"name": handler.staff.name}
        record_step(locked, steps.DECLARE_RECUSAL, actor=actor, on=declared_on, note=note)

    return perform_transition(case, steps.DECLARE_RECUSAL, actor=actor, policy=case_policy, then=apply,
                              extra_event_values={"handler": handler.staff.name, "conflict": conflict},
                              reason=statement)


def file_case(*, actor: Actor, case: EnforcementCase, filed_on: dt.date) -> EnforcementCase:
    """立案: guarded by the power item in force, two certified handlers and their recusal statements, all on the
    filing date. Starts the decision period (2021 art.60: 90 days; before, the local rule)."""
    filed_on = _day(filed_on, _("立案日期"), not_before=case.found_on, before_what=_("发现日期"))
    text = statute.text_for(filed_on)

    def start(locked: EnforcementCase) -> None:
        if DECISION in text.periods:
            _open(locked, DECISION, text.period(DECISION), text.basis(DECISION), filed_on, actor)
        else:
            local = rules.local_decision_period()
            basis = _("%(rule)s（《行政处罚法》（%(text)s）未规定作出决定的期限）") % {"rule": local.article, "text": text.name}
            _open(locked, DECISION, local, basis, filed_on, actor)
        record_step(locked, steps.FILE, actor=actor, on=filed_on, note=_("立案，适用《行政处罚法》（%(text)s）") % {
            "text": text.name})

    with steps.step_inputs(on=filed_on):
        return perform_transition(case, steps.FILE, actor=actor, policy=case_policy, then=start,
                                  changes={"filed_on": filed_on})


def decline_filing(*, actor: Actor, case: EnforcementCase, decided_on: dt.date, reason: str) -> EnforcementCase:
    decided_on = _day(decided_on, _("决定日期"), not_before=case.found_on, before_what=_("发现日期"))
    reason = _text(reason, _("不予立案的理由"))

    def note(locked: EnforcementCase) -> None:
        record_step(locked, steps.NOT_FILE, actor=actor, on=decided_on, note=reason)

    return perform_transition(case, steps.NOT_FILE, actor=actor, policy=case_policy, outcome=EnforcementCase.Outcome.NOT_FILED,
                              reason=reason, then=note)


# --- the discretion benchmark -----------------------------------------------------------------------------


def apply_benchmark(*, actor: Actor, case: EnforcementCase, benchmark_id: Any, circumstances: Iterable[str],
                    facts: dict[str, Any], on: dt.date | None = None) -> EnforcementCase:
    """Run the discretion calculator for the case's violation and keep its recommendation on the case: the tier,
    the recommended range and the reasons with their articles. A fine outside that range later needs a written
    reason and 法制审核; outside every tier it is refused (the decision's guard)."""
    from yifa.enforcement.benchmarks.calculator import recommend
    from yifa.enforcement.benchmarks.models import Benchmark

    key = str(benchmark_id or "")
    benchmark = Benchmark.objects.filter(pk=int(key), department=case.department).first() if key.isdigit() else None
    if benchmark is None:
        raise ActionRefused(_("请选择本部门的裁量基准。"))
    on = _day(on or timezone.localdate(), _("计算日期"))
    codes = [str(code)[:40] for code in circumstances]
    amounts = {name: str(value) for name, value in (facts or {}).items() if value not in (None, "")}
    result = recommend(benchmark, circumstances=codes, facts=amounts, on=on)
    text = "\n".join([_("%(tier)s：%(range)s") % {"tier": result.tier_label, "range": result.range_text()}, *result.reasons])

    def note(locked: EnforcementCase) -> None:
        record_step(locked, steps.APPLY_BENCHMARK, actor=actor, on=on, note=text)

    return perform_transition(case, steps.APPLY_BENCHMARK, actor=actor, policy=case_policy, then=note, changes={
        "benchmark_id": benchmark.pk, "circumstances": codes, "fact_amounts": amounts,
        "recommended_min": result.minimum, "recommended_max": result.maximum, "recommendation": text[:5000]},
        extra_event_values={"tier": result.tier_label, "range": result.range_text()})


# --- evidence (全过程记录) ---------------------------------------------------------------------------------


def add_evidence(*, actor: Actor, case: EnforcementCase, uploads: Iterable[UploadedFile], kind: str, description: str,
                 collected_on: dt.date) -> list[Evidence]:
    """Evidence files with the SHA-256 of each taken now; all files are checked before any is stored."""
    uploads = list(uploads)
    if not uploads:
        raise ActionRefused(_("请选择要上传的证据文件。"))
    if len(uploads) > MAX_EVIDENCE_FILES:
        raise ActionRefused(_("一次最多上传 %(n)s 个证据文件。") % {"n": MAX_EVIDENCE_FILES})
    if kind and kind not in EvidenceKind.values:
        raise ActionRefused(_("未知的证据类别“%(kind)s”。") % {"kind": str(kind)[:20]})
    description = _text(description, _("证据说明"), limit=300)
    collected_on = _day(collected_on, _("取证日期"), not_before=case.found_on, before_what=_("发现日期"))
    checked = [(upload, check_upload(upload)) for upload in uploads]
    stored: list[Evidence] = []

    def save(locked: EnforcementCase) -> None:
        for upload, extension in checked:
            evidence = Evidence(case=locked, kind=kind or KIND_BY_EXTENSION.get(extension, EvidenceKind.DOCUMENT),
                                description=description, original_name=(upload.name or "file")[-200:],
                                extension=extension, size=upload.size or 0, sha256=sha256_of_upload(upload),
                                collected_on=collected_on, uploaded_by_label=actor_label(actor)[:150])
            evidence.file.save(evidence.original_name, upload, save=False)
            evidence.save()
            stored.append(evidence)
        record_step(locked, steps.ADD_EVIDENCE, actor=actor, on=collected_on, note="；".join(
            f"{e.original_name}（SHA-256 {e.sha256}）" for e in stored))

    perform_transition(case, steps.ADD_EVIDENCE, actor=actor, policy=case_policy, then=save,
                       extra_event_values={"files": [e.original_name for e in stored] or [u.name for u, _x in checked]})
    return stored


def verify_evidence(*, actor: Actor, case: EnforcementCase) -> EnforcementCase:
    """Check every evidence file against its hash; a mismatch is refused (and the refusal logged)."""

    def note(locked: EnforcementCase) -> None:
        record_step(locked, steps.VERIFY_EVIDENCE, actor=actor, on=timezone.localdate(),
                    note=_("%(n)s 个证据文件与上传时的 SHA-256 一致") % {"n": locked.evidence.count()})

    return perform_transition(case, steps.VERIFY_EVIDENCE, actor=actor, policy=case_policy, then=note)


# --- notice, statement and hearing -----------------------------------------------------------------------


def notify_party(*, actor: Actor, case: EnforcementCase, notified_on: dt.date, penalty_kinds: Iterable[str],
                 proposed_fine: Any, recommended_min: Any = None, recommended_max: Any = None,
                 recommendation: str = "", deviation_reason: str = "") -> EnforcementCase:
    """告知 (2021 art.44; 1996 art.31): the proposed penalty, its facts and basis, the right to state a case and
    defend it, and — where the penalty gives it (art.63) — the right to a hearing. Opens the statement period
    (local rule) and the hearing-request period (art.64: 5 working days; 1996 art.42: 3 days)."""
    notified_on = _day(notified_on, _("告知日期"), not_before=case.filed_on, before_what=_("立案日期"))
    kinds = [code for code in dict.fromkeys(penalty_kinds) if code in PenaltyKind.values]
    if not kinds:
        raise ActionRefused(_("请选择拟给予的处罚种类。"))
    fine = _money(proposed_fine, _("拟罚款金额"), required=PenaltyKind.FINE in kinds)
    if fine is not None and PenaltyKind.FINE not in kinds:
        kinds.append(PenaltyKind.FINE)
    # The range the calculator gave (apply_benchmark) stays unless another is given.
    low = _money(recommended_min, _("建议罚款下限"), required=False) if recommended_min is not None else case.recommended_min
    high = _money(recommended_max, _("建议罚款上限"), required=False) if recommended_max is not None else case.recommended_max
    if low is not None and high is not None and low > high:
        raise ActionRefused(_("建议罚款下限不能高于上限。"))
    right = selectors.hearing_right(case, kinds, fine)
    text = text_of(case)
    reason = _text(deviation_reason, _("超出建议幅度的理由"), required=False)

    def open_periods(locked: EnforcementCase) -> None:
        statement_period = rules.statement_period()
        _open(locked, STATEMENT, statement_period, str(statement_period.article), notified_on, actor)
        if right:
            _open(locked, HEARING_REQUEST, text.period(HEARING_REQUEST), text.basis(HEARING_REQUEST), notified_on, actor)
        record_step(locked, steps.NOTIFY, actor=actor, on=notified_on, note=_("告知拟处罚：%(kinds)s%(fine)s%(hearing)s") % {
            "kinds": "、".join(locked.penalty_kind_labels()),
            "fine": _("，罚款 %(n)s 元") % {"n": fine} if fine is not None else "",
            "hearing": _("；告知听证权利") if right else ""})

    with steps.step_inputs(on=notified_on, fine=fine, deviation_reason=reason):
        return perform_transition(case, steps.NOTIFY, actor=actor, policy=case_policy, then=open_periods, changes={
            "notified_on": notified_on, "penalty_kinds": kinds, "proposed_fine": fine, "hearing_right": right,
            "recommended_min": low, "recommended_max": high, "recommendation": recommendation[:5000],
            "deviation_reason": reason})


def record_statement(*, actor: Actor, case: EnforcementCase, stated_on: dt.date, statement: str,
                     waived: bool = False) -> EnforcementCase:
    stated_on = _day(stated_on, _("陈述申辩日期"), not_before=case.notified_on, before_what=_("告知日期"))
    statement = _text(statement, _("陈述申辩意见"), required=not waived) or _("当事人放弃陈述、申辩。")

    def note(locked: EnforcementCase) -> None:
        _complete(locked, STATEMENT, actor=actor, on=stated_on)
        record_step(locked, steps.RECORD_STATEMENT, actor=actor, on=stated_on, note=statement)

    return perform_transition(case, steps.RECORD_STATEMENT, actor=actor, policy=case_policy, then=note,
                              changes={"statement": statement, "statement_on": stated_on})


def request_hearing(*, actor: Actor, case: EnforcementCase, requested_on: dt.date) -> EnforcementCase:
    """The party asks for a hearing, within the period the text in force gives (2021 art.64(一))."""
    requested_on = _day(requested_on, _("申请听证日期"), not_before=case.notified_on, before_what=_("告知日期"))
    if not case.hearing_right:
        raise ActionRefused(_("拟作出的处罚不属于当事人有权要求听证的情形（%(basis)s）。") % {
            "basis": statute.cite(text_of(case), "hearing_article")})
    deadline = deadline_of(case, HEARING_REQUEST, running=False)
    if deadline is not None and deadline.due_date and requested_on > deadline.due_date:
        raise ActionRefused(_("听证申请期限已于 %(due)s 届满（%(basis)s）。") % {"due": deadline.due_date, "basis": deadline.basis})

    def note(locked: EnforcementCase) -> None:
        _complete(locked, HEARING_REQUEST, actor=actor, on=requested_on)
        record_step(locked, steps.REQUEST_HEARING, actor=actor, on=requested_on)

    return perform_transition(case, steps.REQUEST_HEARING, actor=actor, policy=case_policy, then=note,
                              changes={"hearing_requested_on": requested_on})


def hold_hearing(*, actor: Actor, case: EnforcementCase, held_on: dt.date, record: str) -> EnforcementCase:
    """The hearing held (2021 art.64-65): a decision after a hearing is major and needs 法制审核 (art.58(二))."""
    if not case.hearing_requested_on:
        raise ActionRefused(_("当事人没有申请听证。"))
    held_on = _day(held_on, _("听证日期"), not_before=case.hearing_requested_on, before_what=_("申请听证日期"))
    record = _text(record, _("听证笔录摘要"))

    def note(locked: EnforcementCase) -> None:
        record_step(locked, steps.HOLD_HEARING, actor=actor, on=held_on, note=record)

    return perform_transition(case, steps.HOLD_HEARING, actor=actor, policy=case_policy, then=note,
                              changes={"hearing_held_on": held_on})


# --- 法制审核 ----------------------------------------------------------------------------------------------


def submit_review(*, actor: Actor, case: EnforcementCase, draft_text: str, draft_fine: Any, submitted_on: dt.date,
                  deviation_reason: str = "") -> LegalReview:
    """A version of the proposed decision goes to 法制审核 (2021 art.58; 2017 art.38 para.3; before 2018 the
    local rule). Each resubmission is a new version."""
    submitted_on = _day(submitted_on, _("送审日期"), not_before=case.notified_on, before_what=_("告知日期"))
    draft_text = _text(draft_text, _("拟作出的决定"))
    fine = _money(draft_fine, _("拟罚款金额"), required=False)
    reason = _text(deviation_reason, _("超出建议幅度的理由"), required=False)
    made: list[LegalReview] = []

    def create(locked: EnforcementCase) -> None:
        version = (locked.reviews.order_by("-version").values_list("version", flat=True).first() or 0) + 1
        if reason:
            locked.deviation_reason = reason
        made.append(LegalReview.objects.create(
            case=locked, version=version, draft_text=draft_text, draft_fine=fine,
            reasons=selectors.major_reasons(locked, fine), submitted_on=submitted_on,
            submitted_by_label=actor_label(actor)[:150]))
        record_step(locked, steps.SUBMIT_REVIEW, actor=actor, on=submitted_on, note=_("送审稿第 %(v)s 版") % {"v": version})

    changes: dict[str, Any] = {"proposed_fine": fine}
    if reason:
        changes["deviation_reason"] = reason
    with steps.step_inputs(on=submitted_on, fine=fine, deviation_reason=reason or case.deviation_reason):
        perform_transition(case, steps.SUBMIT_REVIEW, actor=actor, policy=case_policy, then=create, changes=changes)
    return made[0]


FINDINGS = ("subject_finding", "basis_finding", "procedure_finding", "fact_finding", "discretion_finding")


def conclude_review(*, actor: Actor, case: EnforcementCase, conclusion: str, findings: dict[str, str], opinion: str,
                    concluded_on: dt.date) -> LegalReview:
    """The legal reviewer's conclusion on the version waiting: 同意 (the case may be decided), 建议修改 or 不同意
    (back to the handlers). The reviewer records findings on subject, basis, procedure, facts and discretion;
    is not one of the case's handlers; and a case's first review is by staff with a legal professional
    qualification (2021 art.58 para.2; 2017 art.38 para.3)."""
    if conclusion not in ReviewConclusion.values:
        raise ActionRefused(_("请选择审核意见：同意、建议修改或不同意。"))
    values = {name: _text(findings.get(name), str(getattr(LegalReview._meta.get_field(name), "verbose_name", name)))
              for name in FINDINGS}
    opinion = _text(opinion, _("审核意见说明"), required=conclusion != ReviewConclusion.AGREE)
    reviewer = Staff.objects.filter(user=getattr(actor, "pk", None)).first() if getattr(actor, "pk", None) else None
    done: list[LegalReview] = []

    def conclude(locked: EnforcementCase) -> None:
        review = locked.reviews.select_for_update().get(conclusion="")
        on = _day(concluded_on, _("审核日期"), not_before=review.submitted_on, before_what=_("送审日期"))
        refusal = reviewer_refusal(locked, reviewer, first=not locked.reviews.exclude(conclusion="").exists())
        if refusal:
            raise GuardRefused(refusal, guard="legal_reviewer")
        for name, value in values.items():
            setattr(review, name, value)
        review.conclusion, review.opinion, review.reviewer, review.concluded_on = conclusion, opinion, reviewer, on
        review.save()
        record_step(locked, steps.CONCLUDE_REVIEW, actor=actor, on=on, note=_("第 %(v)s 版：%(c)s。%(o)s") % {
            "v": review.version, "c": review.get_conclusion_display(), "o": opinion})
        done.append(review)

    step = steps.CONCLUDE_REVIEW if conclusion == ReviewConclusion.AGREE else steps.RETURN_REVIEW
    perform_transition(case, step, actor=actor, policy=case_policy, then=conclude,
                       extra_event_values={"conclusion": conclusion}, reason=opinion)
    case.refresh_from_db(fields=["status"])
    return done[0]


def reviewer_refusal(case: EnforcementCase, reviewer: Staff | None, *, first: bool) -> str | None:
    if reviewer is None:
        return _("法制审核须由登记在册的工作人员办理。")
    if case.handlers.filter(staff=reviewer).exists():
        return _("%(name)s 是本案承办人员，不能审核本案。") % {"name": reviewer.name}
    if first and not _legally_qualified(reviewer):
        return _("初次从事行政处罚决定法制审核的人员，应当取得法律职业资格（%(basis)s）；%(name)s 没有登记法律职业资格。") % {
            "basis": selectors.review_basis(case), "name": reviewer.name}
    return None


def _legally_qualified(staff: Staff) -> bool:
    return bool(staff.has_legal_qualification)


# --- the decision, service and execution ----------------------------------------------------------------


def extend_decision_period(*, actor: Actor, case: EnforcementCase, days: int, approved_on: dt.date,
                           reason: str) -> EnforcementCase:
    """A longer decision period approved by the head (2021 art.60: "法律、法规、规章另有规定的，从其规定")."""
    reason = _text(reason, _("延长理由"))

    def extend(locked: EnforcementCase) -> None:
        deadline = deadline_of(locked, DECISION)
        assert deadline is not None  # the guard saw it
        deadlines.extend_deadline(actor=actor, deadline=deadline, length=days, approved_on=approved_on, reason=reason)
        record_step(locked, steps.EXTEND, actor=actor, on=approved_on, note=_("延长 %(n)s 日：%(why)s") % {
            "n": days, "why": reason})

    return perform_transition(case, steps.EXTEND, actor=actor, policy=case_policy, then=extend, reason=reason)


def decide(*, actor: Actor, case: EnforcementCase, decided_on: dt.date, fine: Any, decision_text: str,
           decision_number: str, no_penalty: bool = False) -> EnforcementCase:
    """The head's decision (2021 art.57). Guarded: certified handlers, the party heard, evidence intact, the fine
    within the benchmark's tiers (outside the recommended range with a written reason), and 法制审核 agreed
    where the decision is major. Opens the publication period."""
    decided_on = _day(decided_on, _("决定日期"), not_before=case.notified_on, before_what=_("告知日期"))
    amount = None if no_penalty else _money(fine, _("罚款金额"), required=PenaltyKind.FINE in case.penalty_kinds)
    decision_text = _text(decision_text, _("处罚决定"))
    number = _text(decision_number, _("决定书文号"), limit=60)
    outcome = (EnforcementCase.Outcome.NO_PENALTY if no_penalty else
               EnforcementCase.Outcome.PENALTY if case.is_penalty else EnforcementCase.Outcome.COERCION)

    def after(locked: EnforcementCase) -> None:
        _complete(locked, DECISION, actor=actor, on=decided_on)
        period, basis = selectors.publication_period(locked)
        if outcome != EnforcementCase.Outcome.NO_PENALTY:
            _open(locked, PUBLISH, period, basis, decided_on, actor)
        record_step(locked, steps.DECIDE, actor=actor, on=decided_on, note=f"{number}：{decision_text}")

    with steps.step_inputs(on=decided_on, fine=amount):
        return perform_transition(case, steps.DECIDE, actor=actor, policy=case_policy, outcome=outcome, then=after,
                                  changes={"decided_on": decided_on, "fine": amount, "decision_text": decision_text,
                                           "decision_number": number})


def serve_decision(*, actor: Actor, case: EnforcementCase, served_on: dt.date, method: str = "") -> EnforcementCase:
    """送达 (2021 art.61): the payment period runs from service (art.67: 15 days)."""
    served_on = _day(served_on, _("送达日期"), not_before=case.decided_on, before_what=_("决定日期"))
    text = text_of(case)

    def after(locked: EnforcementCase) -> None:
        if locked.fine:
            _open(locked, PAYMENT, text.period(PAYMENT), text.basis(PAYMENT), served_on, actor)
        record_step(locked, steps.SERVE, actor=actor, on=served_on, note=method[:200])

    return perform_transition(case, steps.SERVE, actor=actor, policy=case_policy, then=after,
                              changes={"served_on": served_on})


def surcharge_of(case: EnforcementCase, as_of: dt.date | None = None) -> Any:
    """The late-payment surcharge owed on `as_of` (today), with its arithmetic; None without a fine or period."""
    from .surcharge import compute_surcharge

    deadline = deadline_of(case, PAYMENT, running=False)
    if not case.fine or deadline is None or deadline.due_date is None:
        return None
    text = text_of(case)
    basis = statute.cite(text, "surcharge_article") + "；" + text.rule("surcharge_cap_basis")
    return compute_surcharge(case.fine, deadline.due_date, as_of or case.paid_on or timezone.localdate(), basis=basis)


def record_payment(*, actor: Actor, case: EnforcementCase, paid_on: dt.date, amount: Any) -> EnforcementCase:
    """The fine paid, with any surcharge (art.72): a payment short of what is owed that day is refused."""
    paid_on = _day(paid_on, _("缴纳日期"), not_before=case.served_on, before_what=_("送达日期"))
    paid = _money(amount, _("实缴金额"))
    owed = surcharge_of(case, paid_on)
    due = owed.total if owed is not None else (case.fine or Decimal(0))
    if paid is not None and paid < due:
        raise ActionRefused(_("截至 %(day)s 应缴 %(due)s 元（%(how)s），实缴 %(paid)s 元不足。") % {
            "day": paid_on, "due": due, "paid": paid, "how": " ".join(owed.lines) if owed else _("罚款")})

    def after(locked: EnforcementCase) -> None:
        _complete(locked, PAYMENT, actor=actor, on=paid_on)
        record_step(locked, steps.RECORD_PAYMENT, actor=actor, on=paid_on, note=" ".join(owed.lines) if owed else "")

    return perform_transition(case, steps.RECORD_PAYMENT, actor=actor, policy=case_policy, then=after,
                              changes={"paid_on": paid_on, "paid_amount": paid})


def close_case(*, actor: Actor, case: EnforcementCase, closed_on: dt.date, note: str = "") -> EnforcementCase:
    closed_on = _day(closed_on, _("结案日期"), not_before=case.decided_on, before_what=_("决定日期"))

    def after(locked: EnforcementCase) -> None:
        record_step(locked, steps.CLOSE, actor=actor, on=closed_on, note=note[:2000])

    # The case is concluded on the day entered (a closure recorded later, or the demo's 2016 cases), not on the
    # day it was typed in: the year's figures and the 以案释法 yearly check count it in that day's year.
    now = timezone.localtime()
    closed_at = now if closed_on == now.date() else timezone.make_aware(dt.datetime.combine(closed_on, dt.time(17)))
    return perform_transition(case, steps.CLOSE, actor=actor, policy=case_policy, then=after,
                              changes={"closed_at": closed_at})


# --- 行政执法公示 ----------------------------------------------------------------------------------------------


def publish_decision(*, actor: Actor, case: EnforcementCase, published_on: dt.date | None = None) -> EnforcementCase:
    """The decision on the portal (2021 art.48; 国办发〔2018〕118号), the party's personal data masked, kept 5 years
    (2 for a natural person) by the publication path's retention job."""
    from yifa.publication.actions import publish

    from .publication import DECISIONS

    on = _day(published_on or timezone.localdate(), _("公示日期"), not_before=case.decided_on, before_what=_("决定日期"))

    def after(locked: EnforcementCase) -> None:
        moment = timezone.make_aware(dt.datetime.combine(on, dt.time(10)))
        publish(actor=actor, record=locked, kind=DECISIONS, published_at=moment)
        _complete(locked, PUBLISH, actor=actor, on=on)
        record_step(locked, steps.PUBLISH, actor=actor, on=on)

    return perform_transition(case, steps.PUBLISH, actor=actor, policy=case_policy, then=after)


def withdraw_decision(*, actor: Actor, case: EnforcementCase, reason: str) -> EnforcementCase:
    from yifa.publication.actions import withdraw

    from .publication import DECISIONS

    reason = _text(reason, _("撤下原因"), limit=2000)

    def after(locked: EnforcementCase) -> None:
        withdraw(actor=actor, record=locked, kind=DECISIONS, reason=reason)
        _complete(locked, WITHDRAW, actor=actor, on=timezone.localdate())
        record_step(locked, steps.WITHDRAW, actor=actor, on=timezone.localdate(), note=reason)

    return perform_transition(case, steps.WITHDRAW, actor=actor, policy=case_policy, then=after, reason=reason)


def revoke_decision(*, actor: Actor, case: EnforcementCase, revoked_on: dt.date, reason: str) -> EnforcementCase:
    """The decision was revoked (by reconsideration, a court or the agency): a published decision must come off
    the portal within 3 working days (国办发〔2018〕118号). The period opens here; the daily job withdraws it
    on its due date if nobody did before."""
    from yifa.publication.selectors import publication_of

    revoked_on = _day(revoked_on, _("撤销日期"), not_before=case.decided_on, before_what=_("决定日期"))
    reason = _text(reason, _("撤销原因"), limit=2000)

    def after(locked: EnforcementCase) -> None:
        if publication_of(locked) is not None:
            text = statute.PUBLICITY.versions[0]  # the 3 working days apply to revocations before 2018 too (local practice)
            _open(locked, WITHDRAW, text.period(statute.WITHDRAW_REVOKED), text.basis(statute.WITHDRAW_REVOKED),
                  revoked_on, actor)
        _drop(locked, PUBLISH, actor=actor, reason=_("决定已被撤销"))
        record_step(locked, steps.REVOKE, actor=actor, on=revoked_on, note=reason)

    return perform_transition(case, steps.REVOKE, actor=actor, policy=case_policy, then=after, reason=reason,
                              changes={"revoked_on": revoked_on, "revocation_reason": reason})


def withdraw_revoked_decisions(*, today: dt.date, actor: Actor = WITHDRAWAL_JOB) -> str:
    """The daily job: a revoked decision still on the portal comes off at the job's next run, well within the
    3 working days (so no deadline is missed on a weekend, the job also runs on rest days)."""
    from yifa.publication.selectors import publication_of

    withdrawn = 0
    for case in EnforcementCase.objects.filter(revoked_on__isnull=False, revoked_on__lte=today).select_related(
            "department", "power"):
        if publication_of(case) is None:
            continue
        deadline = deadline_of(case, WITHDRAW, running=False)
        withdraw_decision(actor=actor, case=case, reason=_("决定已于 %(day)s 被撤销，公示须于 %(due)s 前撤下") % {
            "day": case.revoked_on, "due": deadline.due_date if deadline else case.revoked_on})
        withdrawn += 1
    return _("撤下已撤销的执法决定 %(n)s 件。") % {"n": withdrawn}
