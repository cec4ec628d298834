"""What the cases part adds to the enforcement module's one declaration (registration.py joins the parts): the
enforcement case as a case type with its guarded steps, the published decisions (a public listing, a publication
kind and so a search source), the statutes by date, the daily withdrawal job, the demo and the figures."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yifa.casework.registry import CaseType, Intake, Panel, Step
from yifa.core.modules import AgencyLink, DailyJob, PublicListing, SearchSource

from . import actions, forms
from . import transitions as steps
from .models import EnforcementCase, MajorReason
from .policies import case_policy
from .publication import DECISIONS
from .statute import PENALTY_LAW, PUBLICITY
from .typical import typical_case


def panel_context(request: Any, case: EnforcementCase) -> dict[str, Any]:
    from yifa.publication.selectors import publication_of

    from . import selectors
    from .documents import available_documents
    from .evidence import quick_problem_of

    evidence = list(case.evidence.all())
    return {
        "handlers": list(case.handlers.select_related("staff")),
        "evidence": [(item, getattr(quick_problem_of(item), "message", "")) for item in evidence],
        "records": list(case.records.all()),
        "reviews": list(case.reviews.select_related("reviewer")),
        "review_required": selectors.review_required(case),
        "review_reasons": [str(MajorReason(code).label) for code in selectors.major_reasons(case)],
        "review_basis": selectors.review_basis(case),
        "surcharge": actions.surcharge_of(case),
        "documents": [(reverse("enforcement:case_document", args=[case.reference, kind]), label)
                      for kind, label in available_documents(case)],
        "publication": publication_of(case),
        "recommendation": case.recommendation,
    }


def _register(actor: Any, data: dict[str, Any], files: list[Any]) -> EnforcementCase:
    from yifa.powers.models import PowerVersion

    power = PowerVersion.objects.filter(pk=data["power"]).first()
    if power is None:
        from yifa.core.errors import ActionRefused

        raise ActionRefused(gettext("请选择执法事项。"))
    return actions.register_case(
        actor=actor, department=data["department"], power=power, title=data["title"], party_kind=data["party_kind"],
        party_name=data["party_name"], party_id_number=data["party_id_number"], party_address=data["party_address"],
        facts=data["facts"], found_on=data["found_on"], handler_ids=data["handlers"], major_reasons=data["major_reasons"])


def _summary(case: EnforcementCase) -> str:
    return f"{case.party_name}：{case.title[:40]}"


ENFORCEMENT_CASE = CaseType(
    kind="enforcement-case", model=EnforcementCase, policy=case_policy,
    label=_("行政执法案件"), label_plural=_("行政执法案件"), menu_label=_("行政执法案件"), icon="folder-open-inverse",
    menu_order=230, summary=_summary, main_deadline=actions.DECISION,
    detail_template="enforcement/cases/admin/facts.html",
    panels=[Panel("enforcement/cases/admin/panel.html", panel_context)],
    search_fields=("reference", "party_name", "title", "decision_number"), personal_data=True,
    typical_case=typical_case,  # a concluded case may be told as a 以案释法 article (yifa.portal.explanations)
    select_related=("department", "assigned_to", "assigned_to__staff", "power"),
    awaiting={EnforcementCase.Status.REGISTERED: "queue", EnforcementCase.Status.INVESTIGATING: "queue",
              EnforcementCase.Status.NOTIFIED: "queue", EnforcementCase.Status.REVIEWING: "legal_review",
              EnforcementCase.Status.REVIEWED: "decide", EnforcementCase.Status.DECIDED: "queue",
              EnforcementCase.Status.EXECUTING: "queue"},
    intake=Intake(forms.IntakeForm, _register, label=_("案源登记"), permission="add",
                  help_text=_("登记发现的违法行为线索：执法事项须是本部门权责清单中有效的行政处罚或行政强制事项；"
                              "承办人员须为两名以上持有有效执法证件的人员（《行政处罚法》第四十二条），"
                              "各自声明回避情况后方可立案（第四十三条）。")),
    steps=[
        Step(steps.SET_HANDLERS, forms.HandlersForm, initial=forms.handlers_initial,
             perform=lambda u, c, d, f: actions.set_handlers(actor=u, case=c, handler_ids=d["handlers"], on=d["on"])),
        Step(steps.DECLARE_RECUSAL, forms.RecusalForm, initial=forms.recusal_initial,
             help_text=_("执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避（《行政处罚法》第四十三条）。"),
             perform=lambda u, c, d, f: actions.declare_recusal(
                 actor=u, case=c, staff_id=d["staff"], declared_on=d["declared_on"], conflict=d["conflict"],
                 statement=d["statement"])),
        Step(steps.FILE, forms.DayForm,
             help_text=_("立案日期起计算作出处罚决定的期限（《行政处罚法》（2021年修订）第六十条：九十日）。"),
             perform=lambda u, c, d, f: actions.file_case(actor=u, case=c, filed_on=d["day"])),
        Step(steps.NOT_FILE, forms.ReasonDayForm, perform=lambda u, c, d, f: actions.decline_filing(
            actor=u, case=c, decided_on=d["day"], reason=d["reason"])),
        Step(steps.APPLY_BENCHMARK, forms.BenchmarkForm, initial=forms.benchmark_initial,
             help_text=_("按本部门的裁量基准计算适用的阶次和建议罚款幅度（《行政处罚法》第三十四条）；"
                         "超出建议幅度须书面说明理由并经法制审核，超出所有阶次的不得作出。"),
             perform=lambda u, c, d, f: actions.apply_benchmark(
                 actor=u, case=c, benchmark_id=d["benchmark"], circumstances=d["circumstances"],
                 facts={name: d[name] for name in ("goods_value", "illegal_gain", "proceeds")}, on=d["on"])),
        Step(steps.ADD_EVIDENCE, forms.EvidenceForm,
             help_text=_("上传时计算并保存每个文件的 SHA-256；此后文件如有改动，案件不能继续办理（《行政处罚法》第四十七条）。"),
             perform=lambda u, c, d, f: actions.add_evidence(
                 actor=u, case=c, uploads=f, kind=d["kind"], description=d["description"],
                 collected_on=d["collected_on"])),
        Step(steps.VERIFY_EVIDENCE, forms.forms.Form, perform=lambda u, c, d, f: actions.verify_evidence(actor=u, case=c)),
        Step(steps.NOTIFY, forms.NoticeForm,
             help_text=_("告知当事人拟作出的处罚内容及事实、理由、依据，以及陈述、申辩和要求听证的权利（《行政处罚法》第四十四条、第六十三条）。"),
             perform=lambda u, c, d, f: actions.notify_party(
                 actor=u, case=c, notified_on=d["notified_on"], penalty_kinds=d["penalty_kinds"],
                 proposed_fine=d["proposed_fine"], recommended_min=c.recommended_min,
                 recommended_max=c.recommended_max, recommendation=c.recommendation,
                 deviation_reason=d["deviation_reason"])),
        Step(steps.RECORD_STATEMENT, forms.StatementForm, perform=lambda u, c, d, f: actions.record_statement(
            actor=u, case=c, stated_on=d["stated_on"], statement=d["statement"], waived=d["waived"])),
        Step(steps.REQUEST_HEARING, forms.DayForm, perform=lambda u, c, d, f: actions.request_hearing(
            actor=u, case=c, requested_on=d["day"])),
        Step(steps.HOLD_HEARING, forms.HearingForm, perform=lambda u, c, d, f: actions.hold_hearing(
            actor=u, case=c, held_on=d["held_on"], record=d["record"])),
        Step(steps.SUBMIT_REVIEW, forms.SubmitReviewForm, perform=lambda u, c, d, f: actions.submit_review(
            actor=u, case=c, draft_text=d["draft_text"], draft_fine=d["draft_fine"], submitted_on=d["submitted_on"],
            deviation_reason=d["deviation_reason"])),
        Step(steps.CONCLUDE_REVIEW, forms.ReviewForm,
             help_text=_("审核执法主体、法律依据、程序、事实和证据、裁量是否适当（《行政处罚法》第五十八条）；"
                         "承办人员不得审核本案，初次审核须由取得法律职业资格的人员办理。"),
             perform=lambda u, c, d, f: actions.conclude_review(
                 actor=u, case=c, conclusion=d["conclusion"], opinion=d["opinion"], concluded_on=d["concluded_on"],
                 findings={name: d[name] for name in actions.FINDINGS})),
        Step(steps.EXTEND, forms.ExtensionForm, perform=lambda u, c, d, f: actions.extend_decision_period(
            actor=u, case=c, days=d["days"], approved_on=d["approved_on"], reason=d["reason"])),
        Step(steps.DECIDE, forms.DecisionForm, perform=lambda u, c, d, f: actions.decide(
            actor=u, case=c, decided_on=d["decided_on"], fine=d["fine"], decision_text=d["decision_text"],
            decision_number=d["decision_number"], no_penalty=d["no_penalty"])),
        Step(steps.SERVE, forms.ServiceForm, perform=lambda u, c, d, f: actions.serve_decision(
            actor=u, case=c, served_on=d["served_on"], method=d["method"])),
        Step(steps.RECORD_PAYMENT, forms.PaymentForm, perform=lambda u, c, d, f: actions.record_payment(
            actor=u, case=c, paid_on=d["paid_on"], amount=d["amount"])),
        Step(steps.CLOSE, forms.CloseForm, perform=lambda u, c, d, f: actions.close_case(
            actor=u, case=c, closed_on=d["closed_on"], note=d["note"])),
        Step(steps.PUBLISH, forms.PublishForm,
             help_text=_("在门户网站公示执法决定，自然人的姓名、证件号码、联系方式等个人信息自动隐去；"
                         "期限：许可、处罚决定7个工作日，其他决定20个工作日（国办发〔2018〕118号）。"),
             perform=lambda u, c, d, f: actions.publish_decision(actor=u, case=c, published_on=d["published_on"])),
        Step(steps.WITHDRAW, forms.ReasonForm, perform=lambda u, c, d, f: actions.withdraw_decision(
            actor=u, case=c, reason=d["reason"])),
        Step(steps.REVOKE, forms.ReasonDayForm,
             help_text=_("决定被依法撤销、确认违法或者要求重新作出的，已公示的决定应在3个工作日内撤下。"),
             perform=lambda u, c, d, f: actions.revoke_decision(
                 actor=u, case=c, revoked_on=d["day"], reason=d["reason"])),
    ],
)

EVENT_TYPES: Mapping[str, Any] = {
    "enforcement.registered": _("登记案源"),
    "enforcement.handlers_set": _("指定承办人员"),
    "enforcement.recusal_declared": _("回避声明"),
    "enforcement.filed": _("立案"),
    "enforcement.not_filed": _("不予立案"),
    "enforcement.benchmark_applied": _("适用裁量基准"),
    "enforcement.evidence_added": _("上传证据"),
    "enforcement.evidence_verified": _("核验证据"),
    "enforcement.notified": _("告知拟处罚决定"),
    "enforcement.statement_recorded": _("记录陈述申辩"),
    "enforcement.hearing_requested": _("登记听证申请"),
    "enforcement.hearing_held": _("记录听证"),
    "enforcement.review_submitted": _("提交法制审核"),
    "enforcement.reviewed": _("法制审核"),
    "enforcement.extended": _("延长办案期限"),
    "enforcement.decided": _("作出处罚决定"),
    "enforcement.served": _("送达决定书"),
    "enforcement.paid": _("登记缴纳罚款"),
    "enforcement.closed": _("结案"),
    "enforcement.published": _("公示执法决定"),
    "enforcement.withdrawn": _("撤下公示"),
    "enforcement.revoked": _("登记决定被撤销"),
}
CASE_TYPES: Sequence[CaseType] = (ENFORCEMENT_CASE,)
LISTINGS: Sequence[PublicListing] = (
    PublicListing("enforcement_decisions", label=_("行政执法决定公示"), url_name="enforcement:decisions",
                  description=_("各执法机关作出的行政处罚、行政强制决定（自然人个人信息已隐去）")),
)
# The published decisions are found by the site search through their publication kind (DECISIONS).
SEARCH_SOURCES: Sequence[SearchSource] = ()
PUBLICATION_KINDS = (DECISIONS,)
STATUTES = (PENALTY_LAW, PUBLICITY)
DAILY_JOBS: Sequence[DailyJob] = (
    DailyJob("enforcement.revoked_withdrawal", _("撤下已撤销的执法决定（3个工作日内）"),
             lambda day: actions.withdraw_revoked_decisions(today=day)),
)
WEBSITE_CHECKS: Sequence[Callable[..., Any]] = ()
DEMO: str = "yifa.enforcement.cases.demo.load_cases_demo"


def figures(year: int, department: Any = None) -> dict[str, Any]:
    from .selectors import figures as case_figures

    return case_figures(year, department)


def agency_links(department: Any) -> list[AgencyLink]:
    from yifa.publication.selectors import live

    count = live(DECISIONS).filter(department=department).count()
    return [AgencyLink(_("行政执法决定公示"), f"{reverse('enforcement:decisions')}?department={department.code}", count,
                       _("本机关公示的行政处罚、行政强制决定"))]
