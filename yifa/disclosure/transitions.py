"""Each step of a disclosure request, declared once: where it may start, where it leads, who may take it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from yifa.casework.transitions import Guard, Transition

from .models import DisclosureRequest

S = DisclosureRequest.Status

REGISTER = Transition("register", _("登记"), frozenset({S.SUBMITTED}), S.HANDLING, "handle", "disclosure.registered")
REQUEST_CORRECTION = Transition("request_correction", _("告知补正"), frozenset({S.HANDLING}), S.AWAITING_CORRECTION,
                                "handle", "disclosure.correction_requested")
RECEIVE_CORRECTION = Transition("receive_correction", _("收到补正"), frozenset({S.AWAITING_CORRECTION}), S.HANDLING,
                                "handle", "disclosure.corrected")
CLOSE_NO_CORRECTION = Transition("close_no_correction", _("逾期未补正，不再处理"), frozenset({S.AWAITING_CORRECTION}),
                                 S.CONCLUDED, "handle", "disclosure.closed_no_correction", closes=True)
START_CONSULTATION = Transition("start_consultation", _("征求意见"), frozenset({S.HANDLING}), S.CONSULTING, "handle",
                                "disclosure.consultation_started")
END_CONSULTATION = Transition("end_consultation", _("收到意见"), frozenset({S.CONSULTING}), S.HANDLING, "handle",
                              "disclosure.consultation_ended")
EXTEND = Transition("extend", _("延长答复期限"), frozenset({S.HANDLING, S.CONSULTING}), None, "approve_extension",
                    "disclosure.extended")
# Art.35 (2019 text): the head fixes a reasonable longer period for an excessive request.
SET_LONGER_PERIOD = Transition("set_longer_period", _("确定延迟答复的合理期限"), frozenset({S.HANDLING}), None,
                               "approve_extension", "disclosure.longer_period_set")
NOTIFY_FEE = Transition("notify_fee", _("发出收费通知"), frozenset({S.HANDLING}), S.AWAITING_FEE, "handle",
                        "disclosure.fee_notified")
RECORD_PAYMENT = Transition("record_payment", _("确认缴费"), frozenset({S.AWAITING_FEE}), S.HANDLING, "handle",
                            "disclosure.fee_paid")
CLOSE_FEE_UNPAID = Transition("close_fee_unpaid", _("逾期未缴费，不再处理"), frozenset({S.AWAITING_FEE}), S.CONCLUDED,
                              "handle", "disclosure.closed_fee_unpaid", closes=True)
TRANSFER = Transition("transfer", _("告知向负责公开的机关申请"), frozenset({S.HANDLING}), S.CONCLUDED, "handle",
                      "disclosure.transferred", closes=True)
REPLY = Transition("reply", _("答复"), frozenset({S.HANDLING}), S.CONCLUDED, "handle", "disclosure.replied",
                   closes=True)

# --- a reply that releases information: 保密审查 and the head's sign-off (ReleaseReview) before it goes out --------


def _review_required(request: DisclosureRequest) -> Promise | None:
    from .review import rules_for

    if not rules_for(request.department).confidentiality_review:
        return _("本部门的答复无须保密审查。")
    return None


def _not_yet_reviewed(request: DisclosureRequest) -> Promise | None:
    return _("已经通过保密审查。") if request.confidentiality_reviewed_at else None


def _reviewed_if_required(request: DisclosureRequest) -> Promise | None:
    from .review import rules_for

    if rules_for(request.department).confidentiality_review and not request.confidentiality_reviewed_at:
        from .statute import text_for

        text = text_for(request.received_on or timezone.localdate())
        return format_lazy(_("拟公开的信息尚未通过保密审查（{basis}）。"), basis=text.cite(text.rule("review_article")))
    return None


def _sign_off_not_required(request: DisclosureRequest) -> Promise | None:
    from .review import rules_for

    if rules_for(request.department).head_sign_off:
        return _("本部门的公开答复须由部门负责人签发。")
    return None


SUBMIT_RELEASE = Transition("submit_release", _("提交审核签发"), frozenset({S.HANDLING}), S.REVIEWING, "handle",
                            "disclosure.release_submitted")
REVIEW_CONFIDENTIALITY = Transition(
    "review_confidentiality", _("保密审查通过"), frozenset({S.REVIEWING}), None, "review_confidentiality",
    "disclosure.confidentiality_reviewed",
    guards=(Guard("review_required", _("本部门须经保密审查"), _review_required),
            Guard("not_yet_reviewed", _("尚未通过保密审查"), _not_yet_reviewed)))
RETURN_RELEASE = Transition("return_release", _("退回修改"), frozenset({S.REVIEWING}), S.HANDLING,
                            "review_confidentiality", "disclosure.release_returned", returns=True)
SIGN_OFF = Transition(
    "sign_off", _("签发答复"), frozenset({S.REVIEWING}), S.CONCLUDED, "sign_off", "disclosure.replied", closes=True,
    guards=(Guard("confidentiality_reviewed", _("已通过保密审查"), _reviewed_if_required),))
SEND_REVIEWED = Transition(
    "send_reviewed", _("发出答复"), frozenset({S.REVIEWING}), S.CONCLUDED, "handle", "disclosure.replied", closes=True,
    guards=(Guard("confidentiality_reviewed", _("已通过保密审查"), _reviewed_if_required),
            Guard("sign_off_not_required", _("本部门无须负责人签发"), _sign_off_not_required)))

# An applicant's reconsideration or lawsuit, at any stage (a request left unanswered can be challenged too);
# recorded, not a move: the request keeps its status.
ANY_STATUS = frozenset(S.values)
RECORD_CHALLENGE = Transition("record_challenge", _("登记复议或诉讼"), ANY_STATUS, None, "handle",
                              "disclosure.challenge_recorded")


def _no_pending_challenge(request: DisclosureRequest) -> Promise | None:
    if not request.challenges.filter(result="").exists():
        return _("该申请没有尚未审结的复议或诉讼。")
    return None


RECORD_CHALLENGE_RESULT = Transition(
    "record_challenge_result", _("登记复议或诉讼结果"), ANY_STATUS, None, "handle", "disclosure.challenge_decided",
    guards=(Guard("pending_challenge", _("有尚未审结的复议或诉讼"), _no_pending_challenge),))

# The public log of answered requests: a concluded request's answer published, or taken down (no status change).
LOGGABLE_OUTCOMES = frozenset({"granted", "partial", "already_public", "refused", "unavailable"})


def _loggable(request: DisclosureRequest) -> Promise | None:
    if request.outcome not in LOGGABLE_OUTCOMES:
        return _("只有予以公开、部分公开、已主动公开、不予公开或无法提供的答复可以公开选登。")
    return None


def _not_published(request: DisclosureRequest) -> Promise | None:
    from yifa.publication.selectors import publication_of

    return _("该答复已经公开。") if publication_of(request) is not None else None


def _published(request: DisclosureRequest) -> Promise | None:
    from yifa.publication.selectors import publication_of

    return _("该答复没有公开。") if publication_of(request) is None else None


PUBLISH_ANSWER = Transition(
    "publish_answer", _("公开答复（答复选登）"), frozenset({S.CONCLUDED}), None, "publish_answer",
    "disclosure.answer_published",
    guards=(Guard("loggable_outcome", _("答复类型可以公开"), _loggable),
            Guard("not_published", _("尚未公开"), _not_published)))
WITHDRAW_ANSWER = Transition(
    "withdraw_answer", _("撤回公开的答复"), frozenset({S.CONCLUDED}), None, "publish_answer",
    "disclosure.answer_withdrawn", guards=(Guard("published", _("已经公开"), _published),))

STEPS = [REGISTER, REQUEST_CORRECTION, RECEIVE_CORRECTION, CLOSE_NO_CORRECTION, START_CONSULTATION, END_CONSULTATION,
         EXTEND, SET_LONGER_PERIOD, NOTIFY_FEE, RECORD_PAYMENT, CLOSE_FEE_UNPAID, TRANSFER, REPLY,
         SUBMIT_RELEASE, REVIEW_CONFIDENTIALITY, RETURN_RELEASE, SIGN_OFF, SEND_REVIEWED,
         RECORD_CHALLENGE, RECORD_CHALLENGE_RESULT, PUBLISH_ANSWER, WITHDRAW_ANSWER]
