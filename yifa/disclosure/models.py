"""Information-disclosure requests (依申请公开) under the 政府信息公开条例 (2019 revision).

A request is a case: its status says where it is (submitted, being handled, waiting for the
applicant's correction or fee, in consultation, concluded); its outcome says how it ended, with the
types and sub-reasons of the national annual-report template (国办公开办函〔2021〕30号), so that
the statistics of the annual report are counts of records. The reply period and the other
statutory periods are deadlines (yifa.calendar) on the request.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yifa.casework.models import Case
from yifa.core import tracking


class ApplicantType(models.TextChoices):
    """The columns of the national annual-report table (自然人; 法人或其他组织 by kind)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    WELFARE = "welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORGANISATION = "other_organisation", _("其他")


ORGANISATIONS = frozenset(set(ApplicantType.values) - {ApplicantType.NATURAL_PERSON})


class Channel(models.TextChoices):
    """How the request arrived; it decides the day of receipt (政府信息公开条例, 2019, art.31)."""

    IN_PERSON = "in_person", _("当面提交")
    MAIL = "mail", _("邮寄（挂号信、快递等需签收）")
    ORDINARY_MAIL = "ordinary_mail", _("平常信函（无需签收）")
    ONLINE = "online", _("网上提交")
    FAX = "fax", _("传真")


class Delivery(models.TextChoices):
    PAPER_MAIL = "paper_mail", _("纸质文本，邮寄")
    PAPER_PICKUP = "paper_pickup", _("纸质文本，当面领取")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上获取")
    DISC = "disc", _("光盘")


class Outcome(models.TextChoices):
    """How a request ended: the result rows of the national template."""

    GRANTED = "granted", _("予以公开")
    ALREADY_PUBLIC = "already_public", _("已主动公开，告知获取途径")
    PARTIAL = "partial", _("部分公开")
    REFUSED = "refused", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")


class Reason(models.TextChoices):
    """Sub-reasons of the results that have them (政府信息公开条例 art.36; the national template)."""

    # 不予公开
    STATE_SECRET = "state_secret", _("属于国家秘密")
    LAW_FORBIDS = "law_forbids", _("其他法律行政法规禁止公开")
    THREE_SAFETY = "three_safety", _("危及“三安全一稳定”")
    THIRD_PARTY_RIGHTS = "third_party_rights", _("保护第三方合法权益")
    INTERNAL_AFFAIRS = "internal_affairs", _("属于三类内部事务信息")
    PROCESS_INFORMATION = "process_information", _("属于四类过程性信息")
    ENFORCEMENT_FILES = "enforcement_files", _("属于行政执法案卷")
    ADMINISTRATIVE_QUERY = "administrative_query", _("属于行政查询事项")
    # 无法提供
    NOT_HELD = "not_held", _("本机关不掌握相关政府信息")
    NEEDS_CREATION = "needs_creation", _("没有现成信息需要另行制作")
    STILL_UNCLEAR = "still_unclear", _("补正后申请内容仍不明确")
    # 不予处理
    PETITION = "petition", _("信访举报投诉类申请")
    REPEAT = "repeat", _("重复申请")
    PUBLICATION = "publication", _("要求提供公开出版物")
    EXCESSIVE = "excessive", _("无正当理由大量反复申请")
    CONFIRMATION = "confirmation", _("要求行政机关确认或重新出具已获取信息")
    # 其他处理
    NO_CORRECTION = "no_correction", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    FEE_UNPAID = "fee_unpaid", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = "other", _("其他")


REASONS_OF: dict[str, tuple[str, ...]] = {
    Outcome.REFUSED: (Reason.STATE_SECRET, Reason.LAW_FORBIDS, Reason.THREE_SAFETY, Reason.THIRD_PARTY_RIGHTS,
                      Reason.INTERNAL_AFFAIRS, Reason.PROCESS_INFORMATION, Reason.ENFORCEMENT_FILES,
                      Reason.ADMINISTRATIVE_QUERY),
    Outcome.UNAVAILABLE: (Reason.NOT_HELD, Reason.NEEDS_CREATION, Reason.STILL_UNCLEAR),
    Outcome.NOT_PROCESSED: (Reason.PETITION, Reason.REPEAT, Reason.PUBLICATION, Reason.EXCESSIVE,
                            Reason.CONFIRMATION),
    Outcome.OTHER: (Reason.NO_CORRECTION, Reason.FEE_UNPAID, Reason.OTHER),
}


def new_tracking_code() -> str:
    # Unguessable: the code (with the applicant's phone) is what shows a request on the portal.
    return tracking.new_tracking_code("GK")


class DisclosureRequest(Case):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待登记")
        HANDLING = "handling", _("办理中")
        AWAITING_CORRECTION = "awaiting_correction", _("待申请人补正")
        CONSULTING = "consulting", _("征求意见中")
        AWAITING_FEE = "awaiting_fee", _("待申请人缴费")
        # A reply that releases information, drafted and waiting for the 保密审查 and the head's sign-off.
        REVIEWING = "reviewing", _("待审核签发")
        CONCLUDED = "concluded", _("已办结")

    status = models.CharField(_("状态"), max_length=32, choices=Status.choices, default=Status.SUBMITTED,
                              db_index=True)
    outcome = models.CharField(_("办理结果"), max_length=32, choices=Outcome.choices, blank=True, db_index=True)
    outcome_reason = models.CharField(_("结果细分"), max_length=32, choices=Reason.choices, blank=True)
    tracking_code = models.CharField(_("查询码"), max_length=16, unique=True, default=new_tracking_code)

    # The applicant, as the national form asks.
    applicant_type = models.CharField(_("申请人类型"), max_length=24, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_number = models.CharField(
        _("证件号码"), max_length=40, help_text=_("自然人填写居民身份证号码；法人或其他组织填写统一社会信用代码。")
    )
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200)
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True)

    # What is asked, and how it should come.
    description = models.TextField(_("所需信息的内容描述"))
    purpose = models.TextField(_("用途（选填）"), blank=True)
    delivery = models.CharField(_("获取方式"), max_length=16, choices=Delivery.choices)
    channel = models.CharField(_("提交方式"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    # 政府信息公开条例 art.31: the day the agency is deemed to have received the request.
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True, db_index=True)
    received_basis = models.CharField(_("收到日期依据"), max_length=200, blank=True)

    # Correction (补正, art.30): at most one notice, listing everything.
    correction_items = models.TextField(_("需补正事项"), blank=True)
    correction_requested_on = models.DateField(_("补正告知日"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正之日"), null=True, blank=True)

    third_party = models.CharField(_("征求意见对象"), max_length=200, blank=True)

    # Fees (国办函〔2020〕109号): one method per request, never both.
    fee_method = models.CharField(_("收费方式"), max_length=8, blank=True)
    fee_amount = models.DecimalField(_("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_breakdown = models.JSONField(_("计费明细"), default=list, blank=True)
    fee_notified_on = models.DateField(_("收费通知日"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日"), null=True, blank=True)

    # Art.35 (2019 text): requests plainly beyond a reasonable number or frequency, whose reasons the agency
    # accepts but cannot answer within art.33's period: a reasonable later reply date, with its reasons.
    longer_period_until = models.DateField(_("延迟答复的合理期限"), null=True, blank=True)
    longer_period_reason = models.TextField(_("确定合理期限的理由"), blank=True)
    longer_period_decided_on = models.DateField(_("确定合理期限之日"), null=True, blank=True)

    transferred_to = models.CharField(_("负责公开的机关"), max_length=200, blank=True)
    # Art.36(5): the reply names the agency that holds the information *and how to reach it*.
    transferred_to_contact = models.CharField(_("该机关的联系方式"), max_length=200, blank=True)
    # Art.36(7): information that a special law provides through its own channel (工商、不动产登记…): which one.
    special_channel = models.CharField(_("获取信息的法定渠道"), max_length=300, blank=True)
    transferred_from = models.ForeignKey(
        "self", verbose_name=_("转自"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply_summary = models.TextField(_("答复内容"), blank=True)
    # The draft of a reply that releases information, while it passes the 保密审查 and the head's sign-off
    # (ReleaseReview); it becomes the reply when signed off.
    draft_outcome = models.CharField(_("拟答复类型"), max_length=32, choices=Outcome.choices, blank=True)
    draft_reason = models.CharField(_("拟答复结果细分"), max_length=32, choices=Reason.choices, blank=True)
    draft_summary = models.TextField(_("拟答复内容"), blank=True)
    draft_special_channel = models.CharField(_("拟告知的法定渠道"), max_length=300, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("拟稿人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    confidentiality_reviewed_at = models.DateTimeField(_("保密审查通过时间"), null=True, blank=True)
    confidentiality_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("保密审查人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # The public log of answered requests (依申请公开答复选登): what the office publishes of the request, written
    # by staff without the applicant's identity; the reply and the files it released go with it.
    answer_title = models.CharField(_("公开标题"), max_length=200, blank=True)
    answer_text = models.TextField(_("公开的申请内容"), blank=True,
                                   help_text=_("申请所需信息的描述，去除申请人姓名、证件号码、联系方式等身份信息。"))
    # The day of the reply: what the annual report counts, and what the deadline is measured against.
    concluded_on = models.DateField(_("办结日"), null=True, blank=True, db_index=True)

    CLOSED_STATUSES: ClassVar[frozenset[str]] = frozenset({Status.CONCLUDED})

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["department", "status"]), models.Index(fields=["id_number", "received_on"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.applicant_name}"

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type in ORGANISATIONS

    def reason_label(self) -> str:
        return str(dict(Reason.choices).get(self.outcome_reason, ""))


# Replies that release information (予以公开, 部分公开): they pass the checks a department sets before going out.
RELEASES = frozenset({Outcome.GRANTED, Outcome.PARTIAL})


class ReleaseReview(models.Model):
    """What a reply that releases information passes in a department before it is sent: the confidentiality
    check (保密审查: information is reviewed under the 保守国家秘密法 before it is released — 政府信息公开条例
    2019 art.17, 2007 art.14) and the head's sign-off (签发), the department's own review procedure that
    art.17 asks each agency to set. A department without a row uses the city's defaults
    (settings.YIFA_RELEASE_REVIEW_DEFAULTS)."""

    department = models.OneToOneField("org.Department", verbose_name=_("部门"), on_delete=models.CASCADE,
                                      related_name="release_review")
    confidentiality_review = models.BooleanField(_("须经保密审查"), default=True)
    head_sign_off = models.BooleanField(_("须经负责人签发"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("公开审查设置")
        verbose_name_plural = _("公开审查设置")

    def __str__(self) -> str:
        return str(self.department)


class ChallengeKind(models.TextChoices):
    """The three blocks of the annual report's 复议诉讼 table (国办公开办函〔2021〕30号, section 四)."""

    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration", _("行政诉讼（复议后起诉）")


class ChallengeResult(models.TextChoices):
    """The results the table counts; a challenge without one is 尚未审结."""

    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")


class ReplyChallenge(models.Model):
    """An applicant's administrative reconsideration or lawsuit about a request (its reply, or the lack of
    one): what the annual report's section 四 counts. The reconsideration and litigation modules keep the
    full case; this is the disclosure office's record of it, entered as a step of the request."""

    request = models.ForeignKey(DisclosureRequest, verbose_name=_("政府信息公开申请"), on_delete=models.PROTECT,
                                related_name="challenges")
    kind = models.CharField(_("类别"), max_length=40, choices=ChallengeKind.choices)
    filed_on = models.DateField(_("申请复议或起诉之日"), db_index=True)
    body = models.CharField(_("复议机关或人民法院"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    result = models.CharField(_("结果"), max_length=16, choices=ChallengeResult.choices, blank=True)
    decided_on = models.DateField(_("审结之日"), null=True, blank=True)
    result_note = models.CharField(_("结果说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("复议诉讼")
        verbose_name_plural = _("复议诉讼")
        ordering = ["filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.request.reference} {self.get_kind_display()} {self.filed_on}"


class Redaction(models.Model):
    """A copy of one of the request's PDFs with the parts that may not be released removed (删除处理; 2019
    art.37, 2007 art.22: what can be separated is released, and the reply says why the rest is not).

    `source` stays as it was, internal; `result` is the copy the applicant receives. What was removed is
    recorded by place (the areas drawn) and by count (each searched text's occurrences, named masked), not by
    repeating the removed words."""

    request = models.ForeignKey(DisclosureRequest, verbose_name=_("政府信息公开申请"), on_delete=models.PROTECT,
                                related_name="redactions")
    source = models.ForeignKey("casework.Attachment", verbose_name=_("原件"), on_delete=models.PROTECT,
                               related_name="+")
    result = models.OneToOneField("casework.Attachment", verbose_name=_("删除处理后的文本"), on_delete=models.PROTECT,
                                  related_name="+")
    reasons = models.JSONField(_("删除理由"), default=list)
    other_reason = models.CharField(_("其他理由"), max_length=300, blank=True)
    areas = models.JSONField(_("删除区域"), default=list, help_text=_("页码（从 0 起）和页面上的矩形（磅）"))
    terms_found = models.JSONField(_("按文字删除"), default=list, help_text=_("每条文字（遮蔽显示）及删除处数"))
    created_by_label = models.CharField(_("处理人"), max_length=150)
    created_at = models.DateTimeField(_("处理时间"), default=timezone.now)

    class Meta:
        verbose_name = _("删除处理")
        verbose_name_plural = _("删除处理")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request.reference} {self.result.original_name}"

    def reason_labels(self) -> list[str]:
        labels = dict(Reason.choices)
        named = [str(labels[code]) for code in self.reasons if code in labels]
        return [*named, self.other_reason] if self.other_reason else named

    def area_count(self) -> int:
        return len(self.areas)

    def page_numbers(self) -> list[int]:
        return sorted({area["page"] + 1 for area in self.areas})
