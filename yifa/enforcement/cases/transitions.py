"""Each step of an enforcement case, declared once, with the law's mandatory checks as guards. The guards hold
wherever the step is taken (the back office, the staff API, a command, the demo): `perform_transition` runs
them on the locked case and logs a refusal.

A guard sees the case; what a step brings with it (its date, the fine being decided) it reads from
`step_inputs`, which the action sets around the transition. A case screen asking which steps are open has no
inputs: the guards then judge as of today and the case's own proposed fine."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.casework.transitions import Guard, Transition

from .models import EnforcementCase

S = EnforcementCase.Status

_INPUTS: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("enforcement_step_inputs",
                                                                                default=None)


@contextmanager
def step_inputs(**inputs: Any) -> Iterator[None]:
    token = _INPUTS.set(inputs)
    try:
        yield
    finally:
        _INPUTS.reset(token)


def step_day(case: EnforcementCase | None = None) -> dt.date:
    inputs = _INPUTS.get() or {}
    return inputs.get("on") or timezone.localdate()


def step_fine(case: EnforcementCase) -> Decimal | None:
    inputs = _INPUTS.get() or {}
    return inputs.get("fine", case.proposed_fine)


def step_deviation_reason(case: EnforcementCase) -> str:
    inputs = _INPUTS.get() or {}
    return inputs.get("deviation_reason") or case.deviation_reason


# --- guards --------------------------------------------------------------------------------------------


def _power_in_force(case: EnforcementCase) -> str | None:
    from .selectors import power_problem

    return power_problem(case.department, case.power, step_day())


def _certified_handlers(case: EnforcementCase) -> str | None:
    from .selectors import handler_problem

    return handler_problem(case, step_day())


def _recusal_declared(case: EnforcementCase) -> str | None:
    from . import statute

    missing = [h.staff.name for h in case.handlers.select_related("staff") if h.recusal_declared_on is None]
    if missing:
        return _("承办人员%(names)s尚未声明是否存在应当回避的情形（%(basis)s）。") % {
            "names": "、".join(missing), "basis": statute.cite(statute.text_for(step_day()), "recusal_article")}
    return None


def _evidence_intact(case: EnforcementCase) -> str | None:
    from .evidence import evidence_problems

    problems = evidence_problems(case)
    return "；".join(problem.message for problem in problems) or None


def _legal_review(case: EnforcementCase) -> str | None:
    from .selectors import review_refusal

    return review_refusal(case, fine=step_fine(case))


def _statement_heard(case: EnforcementCase) -> str | None:
    from .selectors import statement_refusal

    return statement_refusal(case, step_day())


def _fine_within_tiers(case: EnforcementCase) -> str | None:
    from .selectors import fine_refusal

    return fine_refusal(case, step_fine(case), step_day(), reason=step_deviation_reason(case))


def _open_review(case: EnforcementCase) -> str | None:
    if not case.reviews.filter(conclusion="").exists():
        return _("该案件没有等待审核的送审稿。")
    return None


def _published(case: EnforcementCase) -> str | None:
    from yifa.publication.selectors import publication_of

    return None if publication_of(case) is not None else _("该决定没有公示。")


def _not_published(case: EnforcementCase) -> str | None:
    from yifa.publication.selectors import publication_of

    return _("该决定已经公示。") if publication_of(case) is not None else None


def _not_revoked(case: EnforcementCase) -> str | None:
    return _("该决定已于 %(day)s 被撤销。") % {"day": case.revoked_on} if case.revoked_on else None


def _paid_if_fined(case: EnforcementCase) -> str | None:
    if case.fine and not case.paid_on:
        return _("罚款尚未缴纳，不能结案；当事人逾期不缴纳的，依法加处罚款或者申请人民法院强制执行。")
    return None


def _decision_deadline_open(case: EnforcementCase) -> str | None:
    from yifa.calendar.selectors import deadline_of

    return None if deadline_of(case, "decision") is not None else _("该案件没有正在计算的作出决定期限。")


POWER_IN_FORCE = Guard("power_in_force", gettext_lazy("执法事项在权责清单中有效"), _power_in_force)
CERTIFIED_HANDLERS = Guard("certified_handlers", gettext_lazy("两名以上持证执法人员"), _certified_handlers)
RECUSAL_DECLARED = Guard("recusal_declared", gettext_lazy("承办人员已声明回避情况"), _recusal_declared)
EVIDENCE_INTACT = Guard("evidence_intact", gettext_lazy("证据文件未被改动"), _evidence_intact)
LEGAL_REVIEW = Guard("legal_review", gettext_lazy("重大执法决定已经法制审核同意"), _legal_review)
STATEMENT_HEARD = Guard("statement_heard", gettext_lazy("陈述申辩、听证权利已保障"), _statement_heard)
FINE_WITHIN_TIERS = Guard("fine_within_tiers", gettext_lazy("罚款在裁量基准范围内"), _fine_within_tiers)

OPEN = frozenset({S.REGISTERED, S.INVESTIGATING, S.NOTIFIED, S.REVIEWING, S.REVIEWED, S.DECIDED, S.EXECUTING})
BEFORE_DECISION = frozenset({S.INVESTIGATING, S.NOTIFIED, S.REVIEWING, S.REVIEWED})
DECIDED_STATUSES = frozenset({S.DECIDED, S.EXECUTING, S.CLOSED})

SET_HANDLERS = Transition("set_handlers", gettext_lazy("指定承办人员"), frozenset({S.REGISTERED, S.INVESTIGATING}),
                          None, "handle", "enforcement.handlers_set")
DECLARE_RECUSAL = Transition("declare_recusal", gettext_lazy("回避声明"), frozenset({S.REGISTERED, S.INVESTIGATING}),
                             None, "handle", "enforcement.recusal_declared")
FILE = Transition("file", gettext_lazy("立案"), frozenset({S.REGISTERED}), S.INVESTIGATING, "handle",
                  "enforcement.filed", guards=(POWER_IN_FORCE, CERTIFIED_HANDLERS, RECUSAL_DECLARED))
NOT_FILE = Transition("not_file", gettext_lazy("不予立案"), frozenset({S.REGISTERED}), S.NOT_FILED, "handle",
                      "enforcement.not_filed", closes=True)
APPLY_BENCHMARK = Transition("apply_benchmark", gettext_lazy("适用裁量基准"), frozenset({S.INVESTIGATING, S.NOTIFIED}), None,
                             "handle", "enforcement.benchmark_applied")
ADD_EVIDENCE = Transition("add_evidence", gettext_lazy("上传证据"), OPEN, None, "handle", "enforcement.evidence_added")
VERIFY_EVIDENCE = Transition("verify_evidence", gettext_lazy("核验证据"), OPEN, None, "handle",
                             "enforcement.evidence_verified", guards=(EVIDENCE_INTACT,))
NOTIFY = Transition("notify", gettext_lazy("告知拟处罚决定"), frozenset({S.INVESTIGATING}), S.NOTIFIED, "handle",
                    "enforcement.notified", guards=(CERTIFIED_HANDLERS, EVIDENCE_INTACT, FINE_WITHIN_TIERS))
RECORD_STATEMENT = Transition("record_statement", gettext_lazy("记录陈述申辩"), frozenset({S.NOTIFIED}), None, "handle",
                              "enforcement.statement_recorded")
REQUEST_HEARING = Transition("request_hearing", gettext_lazy("登记听证申请"), frozenset({S.NOTIFIED}), None, "handle",
                             "enforcement.hearing_requested")
HOLD_HEARING = Transition("hold_hearing", gettext_lazy("记录听证"), frozenset({S.NOTIFIED}), None, "handle",
                          "enforcement.hearing_held")
SUBMIT_REVIEW = Transition("submit_review", gettext_lazy("提交法制审核"), frozenset({S.NOTIFIED}), S.REVIEWING, "handle",
                           "enforcement.review_submitted", guards=(EVIDENCE_INTACT, FINE_WITHIN_TIERS))
OPEN_REVIEW = Guard("open_review", gettext_lazy("有待审核的送审稿"), _open_review)
# One step for the reviewer; 同意 takes the case to REVIEWED, 建议修改 and 不同意 back to the handlers (NOTIFIED).
CONCLUDE_REVIEW = Transition("conclude_review", gettext_lazy("法制审核"), frozenset({S.REVIEWING}), S.REVIEWED,
                             "legal_review", "enforcement.reviewed", guards=(OPEN_REVIEW,))
RETURN_REVIEW = Transition("conclude_review", gettext_lazy("法制审核"), frozenset({S.REVIEWING}), S.NOTIFIED,
                           "legal_review", "enforcement.reviewed", guards=(OPEN_REVIEW,), returns=True)
EXTEND = Transition("extend", gettext_lazy("延长办案期限"), BEFORE_DECISION, None, "approve_extension",
                    "enforcement.extended",
                    guards=(Guard("decision_deadline", gettext_lazy("有正在计算的作出决定期限"), _decision_deadline_open),))
DECIDE = Transition("decide", gettext_lazy("作出处罚决定"), frozenset({S.NOTIFIED, S.REVIEWED}), S.DECIDED, "decide",
                    "enforcement.decided",
                    guards=(CERTIFIED_HANDLERS, STATEMENT_HEARD, EVIDENCE_INTACT, FINE_WITHIN_TIERS, LEGAL_REVIEW))
SERVE = Transition("serve", gettext_lazy("送达决定书"), frozenset({S.DECIDED}), S.EXECUTING, "handle",
                   "enforcement.served")
RECORD_PAYMENT = Transition("record_payment", gettext_lazy("登记缴纳罚款"), frozenset({S.EXECUTING}), None, "handle",
                            "enforcement.paid")
CLOSE = Transition("close", gettext_lazy("结案"), frozenset({S.EXECUTING}), S.CLOSED, "handle", "enforcement.closed",
                   closes=True, guards=(Guard("paid", gettext_lazy("罚款已缴纳"), _paid_if_fined),))
PUBLISH = Transition("publish", gettext_lazy("公示执法决定"), DECIDED_STATUSES, None, "publish", "enforcement.published",
                     guards=(Guard("not_published", gettext_lazy("尚未公示"), _not_published),
                             Guard("not_revoked", gettext_lazy("决定未被撤销"), _not_revoked)))
WITHDRAW = Transition("withdraw", gettext_lazy("撤下公示"), DECIDED_STATUSES, None, "withdraw", "enforcement.withdrawn",
                      guards=(Guard("published", gettext_lazy("已经公示"), _published),))
REVOKE = Transition("revoke", gettext_lazy("登记决定被撤销"), DECIDED_STATUSES, None, "handle", "enforcement.revoked",
                    guards=(Guard("not_revoked", gettext_lazy("决定未被撤销"), _not_revoked),))

STEPS = [SET_HANDLERS, DECLARE_RECUSAL, FILE, NOT_FILE, APPLY_BENCHMARK, ADD_EVIDENCE, VERIFY_EVIDENCE, NOTIFY, RECORD_STATEMENT,
         REQUEST_HEARING, HOLD_HEARING, SUBMIT_REVIEW, CONCLUDE_REVIEW, EXTEND, DECIDE, SERVE, RECORD_PAYMENT, CLOSE,
         PUBLISH, WITHDRAW, REVOKE]
