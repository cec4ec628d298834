"""依申请公开, declared once: the request as a case type with its steps, its listing and its demo."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yifa.casework.attachments import attachments_of
from yifa.casework.registry import CaseType, HeaderLink, Intake, Panel, Step
from yifa.core.modules import AgencyLink, DailyJob, DemoLoader, Module, PublicListing

from . import actions, citizen_notices, fees, forms
from . import transitions as steps
from .documents import available_notices
from .models import DisclosureRequest
from .policies import request_policy
from .publication import ANSWERS
from .statute import DISCLOSURE


def _fee_help(request: DisclosureRequest) -> str:
    fee = fees.fee_by_count(actions.requests_this_month(request))
    return gettext("按件计收参考：") + " ".join(str(line) for line in fee.lines)


def _notices(http_request: Any, request: DisclosureRequest) -> dict[str, Any]:
    return {"notices": [(reverse("disclosure_notice", args=[request.pk, kind]), label)
                        for kind, label in available_notices(request)]}


def redaction_panel(http_request: Any, request: DisclosureRequest) -> dict[str, Any]:
    """The case screen's part (and the reply step's) on 删除处理: the PDFs that can be redacted, the copies made."""
    return {
        "pdfs": attachments_of(request).filter(extension="pdf").exclude(kind=actions.REDACTED),
        "redactions": request.redactions.select_related("source", "result"),
        "may_redact": request_policy.can(http_request.user, "handle", request) and not request.is_closed,
        "home_url": reverse("disclosure_redaction", args=[request.pk]),
    }


def _enter_paper_request(actor: Any, data: dict[str, Any], files: list[Any]) -> DisclosureRequest:
    fields = {name: data[name] for name in forms.ApplicationForm.Meta.fields}
    return actions.enter_request(actor=actor, request=DisclosureRequest(**fields), channel=data["channel"],
                                 received_on=data["received_on"], uploads=files)


def _tell_tracking_code(request: DisclosureRequest) -> str:
    return gettext("查询码 %(code)s：请写在收件回执上交给申请人，凭查询码和联系电话可在网上查询办理进度。") % {
        "code": request.tracking_code}


def _correction_initial(request: DisclosureRequest) -> dict[str, Any]:
    day = actions.last_online_correction_day(request)
    return {"day": day} if day else {}


def _answer_initial(request: DisclosureRequest) -> dict[str, Any]:
    from .selectors import released_files

    files = list(released_files(request))
    return {"title": request.answer_title, "text": request.answer_text or request.description,
            "file_choices": [(file.pk, file.original_name) for file in files],
            "public_files": [file.pk for file in files]}


def _summary(request: DisclosureRequest) -> str:
    return f"{request.applicant_name}：{request.description[:40]}"


DISCLOSURE_REQUEST = CaseType(
    kind="disclosure-request", model=DisclosureRequest, policy=request_policy,
    label=_("政府信息公开申请"), label_plural=_("政府信息公开申请"), menu_label=_("依申请公开"), icon="doc-full",
    menu_order=200, summary=_summary, main_deadline=actions.REPLY,
    detail_template="disclosure/admin/facts.html",
    panels=[Panel("disclosure/admin/notices_panel.html", _notices),
            Panel("disclosure/admin/redaction_panel.html", redaction_panel)],
    header_links=[HeaderLink(_("统计"), "disclosure_statistics", "table"),
                  HeaderLink(_("信息处理费计算"), "disclosure_fees", "cog"),
                  HeaderLink(_("公开审查设置"), "disclosure_release_review", "lock")],
    search_fields=("reference", "applicant_name", "description"), personal_data=True,
    # Waiting on the department: to register a new request, then to handle it; a correction, an opinion or a
    # fee waits on the applicant or the party consulted.
    # A draft release waits for the head: the 保密审查 (not by its drafter, usually the editor) and the sign-off.
    awaiting={DisclosureRequest.Status.SUBMITTED: "handle", DisclosureRequest.Status.HANDLING: "handle",
              DisclosureRequest.Status.REVIEWING: "sign_off"},
    intake=Intake(forms.PaperRequestForm, _enter_paper_request, label=_("登记纸质申请"), permission="handle",
                  help_text=_("当面、邮寄或传真提交的申请：按申请书填写，登记后即从收到申请之日起计算答复期限"
                              "（《政府信息公开条例》第三十一条、第三十三条）。"),
                  confirmation=_tell_tracking_code),
    citizen_contact=citizen_notices.contact, citizen_notices=citizen_notices.NOTICES,
    steps=[
        Step(steps.REGISTER, forms.RegisterForm, initial=forms.register_initial,
             perform=lambda u, r, d, f: actions.register_request(
                 actor=u, request=r, channel=d["channel"], received_on=d["received_on"])),
        Step(steps.REQUEST_CORRECTION, forms.CorrectionForm, perform=lambda u, r, d, f: actions.request_correction(
            actor=u, request=r, items=d["items"], requested_on=d["requested_on"], correction_days=d["correction_days"])),
        Step(steps.RECEIVE_CORRECTION, forms.DayForm, initial=_correction_initial,
             help_text=_("申请人在网上补正的，收到日期默认为其提交补正之日，请核实后确认；答复期限自收到补正之日起重新计算"
                         "（《政府信息公开条例》第三十条、第三十一条）。"),
             perform=lambda u, r, d, f: actions.receive_correction(
            actor=u, request=r, corrected_on=d["day"])),
        Step(steps.CLOSE_NO_CORRECTION, forms.DayForm, perform=lambda u, r, d, f: actions.close_for_no_correction(
            actor=u, request=r, closed_on=d["day"])),
        Step(steps.START_CONSULTATION, forms.ConsultationForm, perform=lambda u, r, d, f: actions.start_consultation(
            actor=u, request=r, party=d["party"], third_party=d["third_party"], sent_on=d["sent_on"],
            letter_received_on=d["letter_received_on"])),
        Step(steps.END_CONSULTATION, forms.EndConsultationForm, perform=lambda u, r, d, f: actions.end_consultation(
            actor=u, request=r, answered_on=d["answered_on"], note=d["note"])),
        Step(steps.EXTEND, forms.ExtensionForm, perform=lambda u, r, d, f: actions.extend_reply(
            actor=u, request=r, length=d["length"], approved_on=d["approved_on"], reason=d["reason"])),
        Step(steps.SET_LONGER_PERIOD, forms.LongerPeriodForm,
             help_text=_("《政府信息公开条例》（2019年修订）第三十五条：申请公开政府信息的数量、频次明显超过合理范围，"
                         "申请理由合理但无法在法定期限内答复的，可以确定延迟答复的合理期限并告知申请人。须由部门负责人决定。"),
             perform=lambda u, r, d, f: actions.set_longer_period(
                 actor=u, request=r, until=d["until"], decided_on=d["decided_on"], reason=d["reason"])),
        Step(steps.NOTIFY_FEE, forms.FeeForm, help_text=_fee_help, perform=lambda u, r, d, f: actions.notify_fee(
            actor=u, request=r, method=d["method"], pages=d["pages"], notified_on=d["notified_on"])),
        Step(steps.RECORD_PAYMENT, forms.DayForm, perform=lambda u, r, d, f: actions.record_payment(
            actor=u, request=r, paid_on=d["day"])),
        Step(steps.CLOSE_FEE_UNPAID, forms.DayForm, perform=lambda u, r, d, f: actions.close_for_unpaid_fee(
            actor=u, request=r, closed_on=d["day"])),
        Step(steps.TRANSFER, forms.TransferForm, perform=lambda u, r, d, f: actions.transfer_request(
            actor=u, request=r, agency=d["agency"], forward_to=d["forward_to"], transferred_on=d["transferred_on"],
            contact=d["contact"])),
        Step(steps.REPLY, forms.ReplyForm, panels=[Panel("disclosure/admin/redaction_panel.html", redaction_panel)],
             perform=lambda u, r, d, f: actions.reply_request(
            actor=u, request=r, outcome=d["outcome"], reason=d["reason"], replied_on=d["replied_on"],
            summary=d["summary"], files=f, special_channel=d["special_channel"])),
        Step(steps.SUBMIT_RELEASE, forms.SubmitReleaseForm,
             panels=[Panel("disclosure/admin/redaction_panel.html", redaction_panel)],
             help_text=_("予以公开、部分公开的答复，按本部门的公开审查设置，经保密审查和负责人签发后发出"
                         "（《政府信息公开条例》第十七条）；审核期间答复期限照常计算。"),
             perform=lambda u, r, d, f: actions.submit_release(
                 actor=u, request=r, outcome=d["outcome"], summary=d["summary"], files=f)),
        Step(steps.REVIEW_CONFIDENTIALITY, forms.ReviewForm,
             help_text=_("审查拟公开的答复和文件是否涉及国家秘密，以及其他不得公开的内容；须由拟稿人以外的人员审查。"),
             perform=lambda u, r, d, f: actions.review_confidentiality(actor=u, request=r, note=d["note"])),
        Step(steps.RETURN_RELEASE, forms.ReasonForm, perform=lambda u, r, d, f: actions.return_release(
            actor=u, request=r, reason=d["reason"])),
        Step(steps.SIGN_OFF, forms.ReplyDayForm, perform=lambda u, r, d, f: actions.sign_off(
            actor=u, request=r, replied_on=d["replied_on"])),
        Step(steps.SEND_REVIEWED, forms.ReplyDayForm, perform=lambda u, r, d, f: actions.send_reviewed(
            actor=u, request=r, replied_on=d["replied_on"])),
        Step(steps.RECORD_CHALLENGE, forms.ChallengeForm,
             help_text=_("申请人就本申请（包括未答复）申请行政复议或提起行政诉讼的，在此登记，年度报告据此统计。"),
             perform=lambda u, r, d, f: actions.record_challenge(
                 actor=u, request=r, kind=d["kind"], filed_on=d["filed_on"], body=d["body"],
                 case_number=d["case_number"])),
        Step(steps.RECORD_CHALLENGE_RESULT, forms.ChallengeResultForm, perform=lambda u, r, d, f:
             actions.record_challenge_result(actor=u, request=r, kind=d["kind"], result=d["result"],
                                             decided_on=d["decided_on"], note=d["note"])),
        Step(steps.PUBLISH_ANSWER, forms.PublishAnswerForm, initial=_answer_initial,
             help_text=_("在网站“依申请公开答复选登”中公开本申请的答复，便于公众查阅已公开的信息、避免重复申请。"
                         "申请人的身份信息不公开。"),
             perform=lambda u, r, d, f: actions.publish_answer(
                 actor=u, request=r, title=d["title"], text=d["text"], public_file_ids=d["public_files"])),
        Step(steps.WITHDRAW_ANSWER, forms.ReasonForm, perform=lambda u, r, d, f: actions.withdraw_answer(
            actor=u, request=r, reason=d["reason"])),
    ],
)

def agency_links(department: Any) -> list[AgencyLink]:
    """The agency page's links: the answers it published, and the request form addressed to it."""
    from .selectors import published_answers

    count = published_answers(department_id=department.pk).count()
    return [
        AgencyLink(_("政府信息公开指南"), reverse("disclosure:guide", args=[department.code]), None,
                   _("向本机构申请公开政府信息的途径、期限、收费和救济")),
        AgencyLink(_("依申请公开答复"), f"{reverse('disclosure:answers')}?department={department.code}", count,
                   _("本机构已经答复并公开的政府信息公开申请")),
        AgencyLink(_("申请政府信息公开"), f"{reverse('disclosure:application')}?department={department.code}", None,
                   _("向本机构提交政府信息公开申请")),
    ]


MODULE = Module(
    "disclosure", verbose_name=_("依申请公开"),
    case_types=[DISCLOSURE_REQUEST],
    listings=[PublicListing("disclosure", label=_("依申请公开：在线提交政府信息公开申请"),
                            url_name="disclosure:application", description=_("提交申请、查询办理进度和答复期限"),
                            service_label=_("申请政府信息公开"),
                            more=((_("查询办理进度"), "disclosure:track"), (_("我的申请"), "disclosure:mine"),
                                  (_("答复选登"), "disclosure:answers"))),
              PublicListing("disclosure_answers", label=_("依申请公开答复选登"), url_name="disclosure:answers",
                            description=_("已经答复并公开的申请：先查一查，您需要的信息可能已经公开"))],
    publication_kinds=[ANSWERS],
    demo=DemoLoader(50, "yifa.disclosure.demo.load_disclosure_demo"),
    statutes=[DISCLOSURE],
    agency_links=agency_links,
    daily_jobs=[DailyJob("disclosure.consultation_lapse", _("征求意见期限届满，恢复计算答复期限"),
                         lambda day: actions.lapse_consultations(today=day)),
                DailyJob("disclosure.correction_window_lapse", _("补正告知期限届满（未告知补正）"),
                         lambda day: actions.lapse_correction_windows(today=day))],
    event_types={
        "disclosure.submitted": _("提交政府信息公开申请"),
        "disclosure.registered": _("登记申请"),
        "disclosure.correction_requested": _("告知补正"),
        "disclosure.correction_submitted": _("申请人在线补正"),
        "disclosure.corrected": _("收到补正"),
        "disclosure.closed_no_correction": _("逾期未补正，不再处理"),
        "disclosure.consultation_started": _("征求意见"),
        "disclosure.consultation_ended": _("收到意见"),
        "disclosure.extended": _("延长答复期限"),
        "disclosure.longer_period_set": _("确定延迟答复的合理期限"),
        "disclosure.fee_notified": _("发出收费通知"),
        "disclosure.fee_paid": _("确认缴费"),
        "disclosure.closed_fee_unpaid": _("逾期未缴费，不再处理"),
        "disclosure.transferred": _("告知向负责公开的机关申请"),
        "disclosure.replied": _("答复申请"),
        "disclosure.challenge_recorded": _("登记复议或诉讼"),
        "disclosure.challenge_decided": _("登记复议或诉讼结果"),
        "disclosure.release_submitted": _("提交审核签发"),
        "disclosure.confidentiality_reviewed": _("保密审查通过"),
        "disclosure.release_returned": _("退回修改"),
        "disclosure.release_review_set": _("设置公开审查"),
        "disclosure.answer_published": _("公开答复"),
        "disclosure.answer_withdrawn": _("撤回公开的答复"),
        "disclosure.redacted": _("删除处理（部分公开）"),
    },
)
