"""The personnel tables: enforcement fields, training, the law exam, certificates and their history.

Rules (rules.md, Enforcement; 国办发〔2018〕118号; 行政处罚法 2021 art.42): only established staff
(在编) hold enforcement certificates; a certificate covers named fields (执法门类) and is valid from
its issue date to its expiry date unless suspended, revoked or cancelled before. Every change goes
through yifa.enforcement.personnel.actions and leaves a CertificateEvent (the yearly figures count
these) and an audit event.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yifa.org.models import Department, Staff
from yifa.org.validators import validate_photo

__all__ = [
    "AnnualReview",
    "Certificate",
    "CertificateEvent",
    "DepartmentField",
    "EnforcementField",
    "ExamResult",
    "ExamSitting",
    "TrainingRecord",
]


class EnforcementField(models.Model):
    """An enforcement field (执法门类): 市场监管, 交通运输, 生态环境, 城市管理 …"""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("执法门类")
        verbose_name_plural = _("执法门类")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class DepartmentField(models.Model):
    """A department with enforcement functions and one of its fields."""

    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.CASCADE, related_name="enforcement_fields")
    field = models.ForeignKey(
        EnforcementField, verbose_name=_("执法门类"), on_delete=models.PROTECT, related_name="departments")

    class Meta:
        verbose_name = _("部门执法门类")
        verbose_name_plural = _("部门执法门类")
        ordering = ["department__sort_order", "field__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["department", "field"], name="enforcement_department_field_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.department.short_name} · {self.field.name}"


class TrainingRecord(models.Model):
    """A course a staff member completed (执法培训): hours count towards the exam and the annual review."""

    staff = models.ForeignKey(Staff, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="trainings")
    department = models.ForeignKey(Department, verbose_name=_("所在部门"), on_delete=models.PROTECT, related_name="+")
    course = models.CharField(_("课程"), max_length=200)
    hours = models.DecimalField(
        _("学时"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("500"))])
    completed_on = models.DateField(_("完成日期"))
    provider = models.CharField(_("组织单位"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("执法培训记录")
        verbose_name_plural = _("执法培训记录")
        ordering = ["-completed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.staff.name} · {self.course}"


def default_pass_mark() -> Decimal:
    """YIFA_ENFORCEMENT_EXAM_PASS_MARK (60 unless set)."""
    from django.conf import settings

    return Decimal(str(settings.YIFA_ENFORCEMENT_EXAM_PASS_MARK))


class ExamSitting(models.Model):
    """A sitting of the law exam (行政执法资格考试). A re-sit (补考) points at the sitting it repeats:
    only those who failed that sitting may take it, once."""

    title = models.CharField(_("名称"), max_length=100)
    held_on = models.DateField(_("考试日期"))
    location = models.CharField(_("地点"), max_length=100, blank=True)
    pass_mark = models.DecimalField(
        _("合格分数"), max_digits=5, decimal_places=1, default=default_pass_mark,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    resit_of = models.OneToOneField(
        "self", verbose_name=_("补考所对应的考试"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="resit")

    class Meta:
        verbose_name = _("执法资格考试")
        verbose_name_plural = _("执法资格考试")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title}（{self.held_on}）"

    @property
    def is_resit(self) -> bool:
        return self.resit_of_id is not None


class ExamResult(models.Model):
    sitting = models.ForeignKey(ExamSitting, verbose_name=_("考试"), on_delete=models.PROTECT, related_name="results")
    staff = models.ForeignKey(Staff, verbose_name=_("考生"), on_delete=models.PROTECT, related_name="exam_results")
    # The examinee's department at the time (the figures count examinees per department and year).
    department = models.ForeignKey(Department, verbose_name=_("所在部门"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(
        _("成绩"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    passed = models.BooleanField(_("合格"))

    class Meta:
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        ordering = ["sitting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "staff"], name="enforcement_exam_result_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="enforcement_exam_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.staff.name} · {self.sitting.title} · {self.score}"


class Certificate(models.Model):
    """An enforcement certificate (行政执法证) or enforcement supervision certificate (行政执法监督证)."""

    class Kind(models.TextChoices):
        ENFORCEMENT = "enforcement", _("行政执法证")
        SUPERVISION = "supervision", _("行政执法监督证")

    class Status(models.TextChoices):
        VALID = "valid", _("有效")
        SUSPENDED = "suspended", _("暂扣")
        REVOKED = "revoked", _("吊销")
        CANCELLED = "cancelled", _("注销")

    class Reason(models.TextChoices):
        TRANSFER = "transfer", _("调离执法岗位")
        RETIREMENT = "retirement", _("退休")
        AGENCY_ABOLISHED = "agency_abolished", _("执法主体撤销")
        FAILED_REVIEW = "failed_review", _("年度审验不合格")
        MISCONDUCT = "misconduct", _("违法违纪")
        NOT_ESTABLISHED = "not_established", _("非在编人员")

    number = models.CharField(_("证件编号"), max_length=30, unique=True, blank=True,
                              help_text=_("留空则按“市区划代码＋年份＋顺序号”自动编号。"))
    kind = models.CharField(_("证件类别"), max_length=16, choices=Kind.choices, default=Kind.ENFORCEMENT)
    staff = models.ForeignKey(Staff, verbose_name=_("持证人"), on_delete=models.PROTECT, related_name="certificates")
    department = models.ForeignKey(
        Department, verbose_name=_("执法单位"), on_delete=models.PROTECT, related_name="enforcement_certificates")
    fields = models.ManyToManyField(EnforcementField, verbose_name=_("执法门类"), related_name="certificates")
    # Left blank on the form: the action fills the city's defaults (its area, its people's government, the rule).
    area = models.CharField(_("执法区域"), max_length=100, blank=True)
    issuing_authority = models.CharField(_("发证机关"), max_length=100, blank=True)
    basis = models.CharField(_("发证依据"), max_length=200, blank=True)
    issued_on = models.DateField(_("发证日期"))
    valid_until = models.DateField(_("有效期至"))
    photo = models.ImageField(
        _("照片"), upload_to="enforcement/certificates/", blank=True, validators=[validate_photo],
        help_text=_("持证人证件照；JPG、PNG 或 WebP，不超过 2 MB。"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.VALID)
    # From which day the status holds (a certificate cancelled on 1 May was valid on 30 April).
    status_since = models.DateField(_("状态起始日期"), null=True, blank=True)
    status_reason = models.CharField(_("原因"), max_length=20, choices=Reason.choices, blank=True)
    status_note = models.CharField(_("说明"), max_length=200, blank=True)
    # Suspensions since lifted, as ["YYYY-MM-DD" suspended, "YYYY-MM-DD" reinstated] pairs: an assignment dated
    # inside one is refused even after reinstatement (the guard reads them with the certificate, no extra query).
    lifted_suspensions = models.JSONField(_("已解除的暂扣期间"), default=list, blank=True, editable=False)
    # The exam result it was issued on (none for certificates brought over from before the system).
    exam_result = models.ForeignKey(
        ExamResult, verbose_name=_("考试成绩"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("执法证件")
        verbose_name_plural = _("执法证件")
        ordering = ["department__sort_order", "number"]
        indexes = [
            models.Index(fields=["staff", "kind"], name="enforcement_cert_staff_kind"),
            models.Index(fields=["valid_until"], name="enforcement_cert_valid_until"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_until__gte=models.F("issued_on")),
                                   name="enforcement_cert_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.staff.name}）"

    def is_valid_on(self, on: dt.date) -> bool:
        if not (self.issued_on <= on <= self.valid_until):
            return False
        return self.status == self.Status.VALID or self.status_since is None or on < self.status_since


class CertificateEvent(models.Model):
    """The certificate's history: issued, renewed, suspended, reinstated, revoked, cancelled.

    Issued, renewed and cancelled are the year's "certificate actions" (the seed's 320)."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("发证")
        RENEWED = "renewed", _("换证")
        SUSPENDED = "suspended", _("暂扣")
        REINSTATED = "reinstated", _("恢复")
        REVOKED = "revoked", _("吊销")
        CANCELLED = "cancelled", _("注销")

    HANDLED = (Kind.ISSUED, Kind.RENEWED, Kind.CANCELLED)

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("证件"), on_delete=models.PROTECT, related_name="events")
    department = models.ForeignKey(Department, verbose_name=_("执法单位"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("日期"))
    reason = models.CharField(_("原因"), max_length=20, choices=Certificate.Reason.choices, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("证件记录")
        verbose_name_plural = _("证件记录")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["on", "kind"], name="enforcement_cert_event_on")]

    def __str__(self) -> str:
        return f"{self.certificate.number} · {self.get_kind_display()} · {self.on}"


class AnnualReview(models.Model):
    """The yearly review of a certificate (年度审验): a failed review suspends the certificate."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("证件"), on_delete=models.PROTECT, related_name="reviews")
    year = models.PositiveIntegerField(_("年度"))
    passed = models.BooleanField(_("合格"))
    reviewed_on = models.DateField(_("审验日期"))
    training_hours = models.DecimalField(_("当年培训学时"), max_digits=6, decimal_places=1, default=Decimal("0"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("年度审验")
        verbose_name_plural = _("年度审验")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "year"], name="enforcement_review_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.certificate.number} · {self.year}"
