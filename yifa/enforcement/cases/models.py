"""The cases tables: an enforcement case (行政处罚 or 行政强制), its handlers and their recusal statements, its
evidence with the hash taken at upload (全过程记录), the record of each step, and its 法制审核 reviews."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yifa.casework.models import Case, private_storage

__all__ = ["CaseHandler", "EnforcementCase", "Evidence", "LegalReview", "ProcessRecord"]


class PartyKind(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("自然人")
    LEGAL_PERSON = "legal_person", _("法人")
    OTHER = "other", _("其他组织")


class MajorReason(models.TextChoices):
    """Why a decision is major and needs 法制审核 (2021 art.58 para.1)."""

    PUBLIC_INTEREST = "public_interest", _("涉及重大公共利益")
    HEARING = "hearing", _("经过听证程序")
    COMPLEX = "complex", _("案件情况疑难复杂、涉及多个法律关系")
    LAW = "law", _("法律、法规规定应当进行法制审核")
    LISTED = "listed", _("列入本部门重大执法决定法制审核目录")
    LARGE_FINE = "large_fine", _("罚款数额达到重大执法决定标准")
    DEVIATION = "deviation", _("罚款超出裁量基准的建议幅度")


class PenaltyKind(models.TextChoices):
    WARNING = "warning", _("警告、通报批评")
    FINE = "fine", _("罚款")
    CONFISCATION = "confiscation", _("没收违法所得、没收非法财物")
    LICENCE = "licence", _("暂扣许可证件、降低资质等级、吊销许可证件")
    SUSPENSION = "suspension", _("限制开展生产经营活动、责令停产停业、责令关闭、限制从业")
    DETENTION = "detention", _("行政拘留")
    COERCION = "coercion", _("行政强制措施")


# Penalties that give the party the right to a hearing, whatever the amount (2021 art.63; 1996 art.42).
HEARING_KINDS = frozenset({PenaltyKind.LICENCE, PenaltyKind.SUSPENSION})


class EnforcementCase(Case):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("待立案")
        INVESTIGATING = "investigating", _("调查取证")
        NOTIFIED = "notified", _("已告知")
        REVIEWING = "reviewing", _("法制审核中")
        REVIEWED = "reviewed", _("法制审核通过")
        DECIDED = "decided", _("已作出决定")
        EXECUTING = "executing", _("已送达，执行中")
        CLOSED = "closed", _("已结案")
        NOT_FILED = "not_filed", _("不予立案")

    class Outcome(models.TextChoices):
        PENALTY = "penalty", _("给予行政处罚")
        COERCION = "coercion", _("采取行政强制措施")
        NO_PENALTY = "no_penalty", _("不予行政处罚")
        NOT_FILED = "not_filed", _("不予立案")

    CLOSED_STATUSES: ClassVar[frozenset[str]] = frozenset({Status.CLOSED, Status.NOT_FILED})

    status = models.CharField(_("状态"), max_length=32, choices=Status.choices, default=Status.REGISTERED,
                              db_index=True)
    outcome = models.CharField(_("结果"), max_length=32, choices=Outcome.choices, blank=True, db_index=True)
    # The power item the case exercises, in the version in force on the filing date, and its legal basis then.
    power = models.ForeignKey("powers.PowerVersion", verbose_name=_("执法事项"), on_delete=models.PROTECT,
                              related_name="+")
    power_type = models.CharField(_("事项类型"), max_length=2)
    # The enforcement field (执法门类) the handlers' certificates must cover.
    field = models.ForeignKey("enforcement.EnforcementField", verbose_name=_("执法门类"), on_delete=models.PROTECT,
                              related_name="+")
    legal_basis = models.TextField(_("法律依据"))
    title = models.CharField(_("案由"), max_length=200)
    party_kind = models.CharField(_("当事人类型"), max_length=16, choices=PartyKind.choices)
    party_name = models.CharField(_("当事人"), max_length=100)
    party_id_number = models.CharField(_("统一社会信用代码或身份证号"), max_length=30, blank=True)
    party_address = models.CharField(_("当事人地址"), max_length=200, blank=True)
    facts = models.TextField(_("违法事实"))
    found_on = models.DateField(_("发现日期"))
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    # 告知 (art.44 2021; art.31 1996): the proposed penalty, the party's statement and hearing.
    penalty_kinds = models.JSONField(_("处罚种类"), default=list, blank=True)
    proposed_fine = models.DecimalField(_("拟罚款金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    hearing_right = models.BooleanField(_("有听证权利"), default=False)
    statement = models.TextField(_("陈述申辩意见"), blank=True)
    statement_on = models.DateField(_("陈述申辩日期"), null=True, blank=True)
    hearing_requested_on = models.DateField(_("申请听证日期"), null=True, blank=True)
    hearing_held_on = models.DateField(_("听证日期"), null=True, blank=True)
    major_reasons = models.JSONField(_("重大执法决定情形"), default=list, blank=True)
    # The discretion benchmark (裁量基准) applied, the circumstances and amounts given to its calculator, the
    # recommended range it gave, and why a fine leaves that range.
    benchmark = models.ForeignKey("enforcement.Benchmark", verbose_name=_("裁量基准"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    circumstances = models.JSONField(_("裁量情节"), default=list, blank=True)
    fact_amounts = models.JSONField(_("计算罚款的金额"), default=dict, blank=True)
    recommended_min = models.DecimalField(_("建议罚款下限"), max_digits=12, decimal_places=2, null=True, blank=True)
    recommended_max = models.DecimalField(_("建议罚款上限"), max_digits=12, decimal_places=2, null=True, blank=True)
    recommendation = models.TextField(_("裁量基准建议"), blank=True)
    deviation_reason = models.TextField(_("超出建议幅度的理由"), blank=True)
    # The decision, its service and its execution.
    decision_number = models.CharField(_("决定书文号"), max_length=60, blank=True)
    decision_text = models.TextField(_("处罚决定"), blank=True)
    fine = models.DecimalField(_("罚款金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    paid_on = models.DateField(_("缴纳日期"), null=True, blank=True)
    paid_amount = models.DecimalField(_("实缴金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    revocation_reason = models.TextField(_("撤销原因"), blank=True)

    class Meta(Case.Meta):
        verbose_name = _("行政执法案件")
        verbose_name_plural = _("行政执法案件")
        indexes = [models.Index(fields=["department", "filed_on"]), models.Index(fields=["decided_on"])]

    @property
    def natural_person(self) -> bool:
        return self.party_kind == PartyKind.NATURAL_PERSON

    @property
    def is_penalty(self) -> bool:
        return self.power_type == "02"

    def major_reason_labels(self) -> list[str]:
        labels = dict(MajorReason.choices)
        return [str(labels.get(code, code)) for code in self.major_reasons]

    def penalty_kind_labels(self) -> list[str]:
        labels = dict(PenaltyKind.choices)
        return [str(labels.get(code, code)) for code in self.penalty_kinds]


class CaseHandler(models.Model):
    """A certified officer handling the case (at least two: 2021 art.42), with their recusal statement (art.43)."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="handlers")
    staff = models.ForeignKey("org.Staff", verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+")
    recusal_declared_on = models.DateField(_("回避声明日期"), null=True, blank=True)
    recusal_statement = models.CharField(_("回避声明"), max_length=300, blank=True)
    declared_by_label = models.CharField(_("登记人"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("承办人员")
        verbose_name_plural = _("承办人员")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "staff"], name="enforcement_handler_unique")]

    def __str__(self) -> str:
        return self.staff.name


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("书证、文书")
    PHOTO = "photo", _("照片")
    AUDIO = "audio", _("录音")
    VIDEO = "video", _("录像、执法记录仪视频")
    OTHER = "other", _("其他")


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    stamp = timezone.now()
    suffix = f".{instance.extension}" if instance.extension else ""
    return f"evidence/{stamp:%Y/%m}/{instance.sha256[:32]}{suffix}"


class Evidence(models.Model):
    """A file of the 全过程记录 (2021 art.47): its SHA-256 is taken when it is uploaded and checked again
    before the case moves on; a file whose content changed since is refused."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("证据类别"), max_length=16, choices=EvidenceKind.choices)
    description = models.CharField(_("证据说明"), max_length=300)
    file = models.FileField(_("文件"), upload_to=evidence_upload_to, max_length=255, storage=private_storage)
    original_name = models.CharField(_("文件名"), max_length=200)
    extension = models.CharField(_("类型"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    collected_on = models.DateField(_("取证日期"))
    uploaded_by_label = models.CharField(_("上传人"), max_length=150)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ProcessRecord(models.Model):
    """One line of the case's full-process record (全过程记录): what was done, when, by which handlers."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="records")
    step = models.CharField(_("环节"), max_length=40)
    label = models.CharField(_("环节名称"), max_length=100)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    on = models.DateField(_("日期"))
    handlers = models.CharField(_("执法人员"), max_length=300, blank=True)
    actor_label = models.CharField(_("操作人"), max_length=150)
    note = models.TextField(_("记录"), blank=True)

    class Meta:
        verbose_name = _("执法全过程记录")
        verbose_name_plural = _("执法全过程记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.on}"


class ReviewConclusion(models.TextChoices):
    AGREE = "agree", _("同意")
    MODIFY = "modify", _("建议修改")
    DISAGREE = "disagree", _("不同意")


class LegalReview(models.Model):
    """One version of a proposed decision submitted to 法制审核 (2021 art.58), and the reviewer's findings.

    A case has at most one review waiting for its conclusion (the constraint); each resubmission after
    建议修改 or 不同意 is a new version."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="reviews")
    version = models.PositiveSmallIntegerField(_("送审稿版本"))
    draft_text = models.TextField(_("拟作出的决定"))
    draft_fine = models.DecimalField(_("拟罚款金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    reasons = models.JSONField(_("送审情形"), default=list)
    submitted_on = models.DateField(_("送审日期"))
    submitted_by_label = models.CharField(_("送审人"), max_length=150)
    reviewer = models.ForeignKey("org.Staff", verbose_name=_("审核人员"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    conclusion = models.CharField(_("审核意见"), max_length=16, choices=ReviewConclusion.choices, blank=True)
    subject_finding = models.TextField(_("执法主体是否合法"), blank=True)
    basis_finding = models.TextField(_("法律依据是否正确"), blank=True)
    procedure_finding = models.TextField(_("程序是否合法"), blank=True)
    fact_finding = models.TextField(_("事实是否清楚、证据是否确凿"), blank=True)
    discretion_finding = models.TextField(_("裁量是否适当"), blank=True)
    opinion = models.TextField(_("审核意见说明"), blank=True)
    concluded_on = models.DateField(_("审核日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("法制审核")
        verbose_name_plural = _("法制审核")
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="enforcement_review_version_unique"),
            models.UniqueConstraint(fields=["case"], condition=Q(conclusion=""), name="enforcement_review_one_open"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"
