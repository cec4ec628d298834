"""The three lists and the approval catalogue, as effective-dated versions changed only by adjustments.

An `Item` is the identity of one entry in one list (a power, an intermediary service, an approval
item) and never changes its code. What the entry says lives in versions (`PowerVersion`,
`IntermediaryVersion`, `ApprovalVersion`); each version is created by one `Adjustment` (新增, 承接,
调整, 移交) and ended by another (or by 取消 / 下放), and is in force from `effective_from` up to,
not including, `effective_to`. A list "as of" a date is the versions in force on that date
(cfgov regulations3k keeps effective-dated versions the same way). Adjustments are proposed in a
`ChangeRequest` — a case the department submits and the legal affairs office approves or
returns; only approval gives a version its dates. Field names follow GB/T 39046-2020
(政务服务平台基础数据规范): 基本编码, 实施编码, 事项类型, 行使层级, 实施主体, 办理机构, 联办机构,
法定/承诺办结时限, 是否收费, 是否存在中介服务, 服务对象, 监督电话.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yifa.calendar.periods import Unit
from yifa.casework.models import Case


class Catalogue(models.TextChoices):
    POWER = "power", _("权责清单")
    INTERMEDIARY = "intermediary", _("中介服务清单")
    APPROVAL = "approval", _("行政审批项目目录")


class PowerType(models.TextChoices):
    """事项类型 (GB/T 39046-2020): the ten kinds of administrative power, and public services."""

    LICENSING = "01", _("行政许可")
    PENALTY = "02", _("行政处罚")
    COERCION = "03", _("行政强制")
    LEVY = "04", _("行政征收")
    BENEFIT = "05", _("行政给付")
    INSPECTION = "06", _("行政检查")
    CONFIRMATION = "07", _("行政确认")
    REWARD = "08", _("行政奖励")
    ADJUDICATION = "09", _("行政裁决")
    OTHER = "10", _("其他行政权力")
    PUBLIC_SERVICE = "20", _("公共服务")


# 行政职权 in the seed report are the ten power types; public services (20) are listed but not counted.
ADMINISTRATIVE_POWER_TYPES = frozenset(t for t in PowerType.values if t != PowerType.PUBLIC_SERVICE)


class ExerciseLevel(models.TextChoices):
    """行使层级 (GB/T 39046-2020); the digit is the one in the implementation code."""

    NATIONAL = "1", _("国家级")
    PROVINCIAL = "2", _("省级")
    PREFECTURAL = "3", _("市级")
    COUNTY = "4", _("县级")
    TOWNSHIP = "5", _("镇（乡、街道）级")
    VILLAGE = "6", _("村（社区）级")


class ServiceTarget(models.TextChoices):
    """服务对象 (GB/T 39046-2020)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    ENTERPRISE = "enterprise", _("企业法人")
    INSTITUTION = "institution", _("事业单位法人")
    SOCIAL_ORGANISATION = "social_organisation", _("社会组织法人")
    UNINCORPORATED = "unincorporated", _("非法人企业")
    GOVERNMENT = "government", _("行政机关")
    OTHER = "other", _("其他组织")


class AdjustmentKind(models.TextChoices):
    ADD = "add", _("新增")
    CANCEL = "cancel", _("取消")
    DELEGATE = "delegate", _("下放")
    TAKE_OVER = "take_over", _("承接")
    TRANSFER = "transfer", _("移交")
    MODIFY = "modify", _("调整")


# Kinds that put an item into a list, that write a new version of it, and that take it out.
STARTING_KINDS = frozenset({AdjustmentKind.ADD, AdjustmentKind.TAKE_OVER})
VERSIONING_KINDS = frozenset({AdjustmentKind.ADD, AdjustmentKind.TAKE_OVER, AdjustmentKind.MODIFY,
                              AdjustmentKind.TRANSFER})
ENDING_KINDS = frozenset({AdjustmentKind.CANCEL, AdjustmentKind.DELEGATE})


class DecidedBy(models.TextChoices):
    """Whose decision the adjustment carries out: the State Council's, the province's, the prefecture's
    (绥化市) or the city's own review. Items cancelled "correspondingly" (对应取消) follow a higher level."""

    STATE_COUNCIL = "state_council", _("国务院")
    PROVINCE = "province", _("省人民政府")
    PREFECTURE = "prefecture", _("市（地）人民政府")
    CITY = "city", _("本级人民政府")


HIGHER_LEVELS = frozenset({DecidedBy.STATE_COUNCIL, DecidedBy.PROVINCE, DecidedBy.PREFECTURE})


class FeeNature(models.TextChoices):
    """How an intermediary service is priced (中介服务收费)."""

    FREE = "free", _("不收费")
    GOVERNMENT_PRICE = "government_price", _("政府定价")
    GOVERNMENT_GUIDANCE = "government_guidance", _("政府指导价")
    MARKET = "market", _("市场调节价")


class ApprovalCategory(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    NON_LICENSING = "non_licensing", _("非行政许可审批")
    FORWARDING = "forwarding", _("审核转报")


class Item(models.Model):
    """One entry of one list, across all its versions: its code and its current department."""

    catalogue = models.CharField(_("清单"), max_length=16, choices=Catalogue.choices)
    # The department that holds the item now; a transfer (移交) moves it. Versions keep their own.
    department = models.ForeignKey(
        "org.Department", verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("编码"), max_length=40, help_text=_("权力事项为基本编码"))
    parent = models.ForeignKey(
        "self", verbose_name=_("主项"), null=True, blank=True, on_delete=models.PROTECT, related_name="sub_items"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        ordering = ["catalogue", "code"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "department", "code"], name="powers_item_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}"


class Law(models.Model):
    """A law, regulation or rule cited as a basis (e.g. 《中华人民共和国食品安全法》)."""

    title = models.CharField(_("法律法规名称"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("法律法规")
        verbose_name_plural = _("法律法规")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Provision(models.Model):
    """One article of a law, with its text as cited. Items link to it; it is shared by all that cite it."""

    law = models.ForeignKey(Law, verbose_name=_("法律法规"), on_delete=models.PROTECT, related_name="provisions")
    article = models.CharField(_("条款"), max_length=60, help_text=_("例如：第三十五条、第一百二十四条第一款"))
    text = models.TextField(_("条文"), blank=True)
    # sha1 of law, article and text: the same citation is stored once.
    digest = models.CharField(max_length=40, unique=True)

    class Meta:
        verbose_name = _("法律条款")
        verbose_name_plural = _("法律条款")
        ordering = ["law__title", "id"]

    def __str__(self) -> str:
        return f"{self.law.title}{self.article}"


class Version(models.Model):
    """What a list says about an item from one date to another. Written once; never edited after approval."""

    item = models.ForeignKey(Item, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "org.Department", verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("编码"), max_length=40)
    name = models.CharField(_("事项名称"), max_length=200)
    remarks = models.TextField(_("备注"), blank=True)
    # Null until the legal affairs office approves the adjustment that created the version.
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    adjustment = models.ForeignKey(
        "Adjustment", verbose_name=_("产生本版本的调整"), on_delete=models.CASCADE, related_name="+"
    )
    ended_by = models.ForeignKey(
        "Adjustment", verbose_name=_("结束本版本的调整"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # sha1 of the content (not the dates): re-importing an unchanged row changes nothing.
    content_hash = models.CharField(max_length=40)

    CATALOGUE: ClassVar[str] = ""

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_approved(self) -> bool:
        return self.effective_from is not None


def _version_indexes(prefix: str) -> list[models.Index]:
    # The as-of query filters by dates and orders by code; department lists lead with the department.
    return [
        models.Index(fields=["code"], name=f"{prefix}_code"),
        models.Index(fields=["department", "code"], name=f"{prefix}_dept_code"),
        models.Index(fields=["item", "effective_from"], name=f"{prefix}_item_from"),
        models.Index(fields=["effective_to", "effective_from"], name=f"{prefix}_dates"),
    ]


class PowerVersion(Version):
    """A power item (权力事项) and its responsibility items (责任事项), as in force for a time."""

    CATALOGUE = Catalogue.POWER

    power_type = models.CharField(_("事项类型"), max_length=2, choices=PowerType.choices)
    implementation_code = models.CharField(_("实施编码"), max_length=40)
    handling_office = models.CharField(_("办理处室"), max_length=100, blank=True)
    co_departments = models.ManyToManyField(
        "org.Department", verbose_name=_("联办机构"), blank=True, related_name="+"
    )
    exercise_level = models.CharField(
        _("行使层级"), max_length=1, choices=ExerciseLevel.choices, default=ExerciseLevel.COUNTY
    )
    provisions = models.ManyToManyField(
        Provision, verbose_name=_("设定依据"), through="VersionBasis", related_name="+"
    )
    statutory_limit = models.PositiveSmallIntegerField(_("法定办结时限"), null=True, blank=True)
    statutory_unit = models.CharField(_("法定时限单位"), max_length=16, choices=Unit.choices, blank=True)
    promised_limit = models.PositiveSmallIntegerField(_("承诺办结时限"), null=True, blank=True)
    promised_unit = models.CharField(_("承诺时限单位"), max_length=16, choices=Unit.choices, blank=True)
    charges = models.BooleanField(_("是否收费"), default=False)
    fee_standard = models.TextField(_("收费标准"), blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    needs_intermediary = models.BooleanField(_("是否存在中介服务"), default=False)
    intermediaries = models.ManyToManyField(
        Item, verbose_name=_("中介服务事项"), blank=True, related_name="+",
        limit_choices_to={"catalogue": Catalogue.INTERMEDIARY},
    )
    service_targets = models.JSONField(_("服务对象"), default=list, blank=True)
    supervision_phone = models.CharField(_("监督电话"), max_length=40, blank=True)
    # [{"step": "受理", "duty": "…", "accountability": "…"}, …] in the order of the procedure.
    responsibilities = models.JSONField(_("责任事项"), default=list, blank=True)

    class Meta(Version.Meta):
        verbose_name = _("权力事项")
        verbose_name_plural = _("权力事项")
        indexes = [
            *_version_indexes("powers_pv"),
            # Covers the portal's count of each type in force (a scan of the index, not of the wide rows).
            models.Index(fields=["power_type", "effective_from", "effective_to"], name="powers_pv_type_dates"),
        ]

    @property
    def is_sub_item(self) -> bool:
        return not self.code.endswith("000")

    def service_target_labels(self) -> list[str]:
        labels = dict(ServiceTarget.choices)
        return [str(labels.get(t, t)) for t in self.service_targets]


class VersionBasis(models.Model):
    """The articles a power version cites, in order (设定依据)."""

    version = models.ForeignKey(PowerVersion, on_delete=models.CASCADE, related_name="bases")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("设定依据")
        verbose_name_plural = _("设定依据")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "provision"], name="powers_basis_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}:{self.provision_id}"


class IntermediaryVersion(Version):
    """An intermediary service (中介服务事项) a power requires, e.g. an environmental impact report."""

    CATALOGUE = Catalogue.INTERMEDIARY

    provider = models.CharField(_("中介服务机构"), max_length=200, blank=True,
                                help_text=_("具备资质的机构类别，例如：具有相应资质的环评机构"))
    basis = models.TextField(_("设定依据"), blank=True)
    fee_nature = models.CharField(_("收费性质"), max_length=24, choices=FeeNature.choices, default=FeeNature.MARKET)
    fee_basis = models.TextField(_("收费依据"), blank=True)

    class Meta(Version.Meta):
        verbose_name = _("中介服务事项")
        verbose_name_plural = _("中介服务事项")
        indexes = _version_indexes("powers_iv")


class ApprovalVersion(Version):
    """An administrative approval item (行政审批项目) of the city's catalogue."""

    CATALOGUE = Catalogue.APPROVAL

    category = models.CharField(_("审批类别"), max_length=16, choices=ApprovalCategory.choices,
                                default=ApprovalCategory.LICENSING)
    approval_object = models.CharField(_("审批对象"), max_length=200, blank=True)
    basis = models.TextField(_("设定依据"), blank=True)
    power = models.ForeignKey(
        Item, verbose_name=_("对应权力事项"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"catalogue": Catalogue.POWER},
    )

    class Meta(Version.Meta):
        verbose_name = _("行政审批项目")
        verbose_name_plural = _("行政审批项目")
        indexes = _version_indexes("powers_av")


# Any: mypy cannot see the managers of concrete subclasses through the abstract base.
VERSION_MODELS: dict[str, Any] = {
    Catalogue.POWER: PowerVersion,
    Catalogue.INTERMEDIARY: IntermediaryVersion,
    Catalogue.APPROVAL: ApprovalVersion,
}


class ChangeRequest(Case):
    """清单调整申请: a department's proposed adjustments, reviewed for legality by the legal affairs office.

    A department has at most one open request: the editor adds adjustments to it, the head submits
    it, the office approves it (the adjustments take effect on their dates) or returns it with reasons."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("起草中")
        SUBMITTED = "submitted", _("待合法性审查")
        RETURNED = "returned", _("已退回修改")
        CLOSED = "closed", _("已办结")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("审查通过，已生效或待生效")
        WITHDRAWN = "withdrawn", _("已撤回")

    OPEN_STATUSES = frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED})
    EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})
    CLOSED_STATUSES = frozenset({Status.CLOSED})

    status = models.CharField(_("状态"), max_length=32, choices=Status.choices, default=Status.DRAFT, db_index=True)
    outcome = models.CharField(_("结果"), max_length=32, choices=Outcome.choices, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    review_opinion = models.TextField(_("审查意见"), blank=True)

    class Meta(Case.Meta):
        verbose_name = _("清单调整申请")
        verbose_name_plural = _("清单调整申请")
        constraints = [
            models.UniqueConstraint(
                fields=["department"], condition=Q(status__in=["draft", "submitted", "returned"]),
                name="powers_one_open_request_per_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class Adjustment(models.Model):
    """One change to one list: its kind, its effective date and the document it rests on (文件依据)."""

    change_request = models.ForeignKey(
        ChangeRequest, verbose_name=_("调整申请"), on_delete=models.CASCADE, related_name="adjustments"
    )
    catalogue = models.CharField(_("清单"), max_length=16, choices=Catalogue.choices)
    item = models.ForeignKey(Item, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(_("调整类型"), max_length=16, choices=AdjustmentKind.choices)
    effective_date = models.DateField(_("生效日期"))
    document_number = models.CharField(_("文号"), max_length=80, blank=True)
    document_title = models.CharField(_("文件名称"), max_length=200, blank=True)
    decided_by = models.CharField(_("决定机关层级"), max_length=16, choices=DecidedBy.choices, default=DecidedBy.CITY)
    counterpart = models.CharField(
        _("承接来源或下放对象"), max_length=200, blank=True, help_text=_("例如：黑龙江省人民政府；乡镇人民政府")
    )
    target_department = models.ForeignKey(
        "org.Department", verbose_name=_("移交至"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("调整理由"), blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    applied_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    # When the public copy (site search) was brought up to date, on or after the effective date.
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("清单调整")
        verbose_name_plural = _("清单调整")
        ordering = ["effective_date", "id"]
        indexes = [
            models.Index(fields=["catalogue", "effective_date"], name="powers_adj_cat_date"),
            models.Index(fields=["change_request", "item"], name="powers_adj_request_item"),
        ]
        constraints = [
            # One pending change per item: two drafts of the same item cannot both be approved.
            models.UniqueConstraint(fields=["item"], condition=Q(applied_at__isnull=True),
                                    name="powers_one_pending_adjustment_per_item"),
            # An adjustment takes effect only with its document basis (文件依据).
            models.CheckConstraint(
                condition=Q(applied_at__isnull=True) | ~Q(document_number="") | ~Q(document_title=""),
                name="powers_applied_adjustment_has_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item.code}（{self.effective_date}）"

    @property
    def document(self) -> str:
        if self.document_title and self.document_number:
            return f"《{self.document_title}》（{self.document_number}）"
        return f"《{self.document_title}》" if self.document_title else self.document_number

    @property
    def has_document(self) -> bool:
        return bool(self.document_number.strip() or self.document_title.strip())


class Flowchart(models.Model):
    """A rendered power-operation flowchart (权力运行流程图), keyed by the digest of its Graphviz source.

    A version's source depends only on the version, so its chart is rendered once; a changed item
    has a new version, a new source and a new chart."""

    key = models.CharField(max_length=64, unique=True)
    svg = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("权力运行流程图")
        verbose_name_plural = _("权力运行流程图")

    def __str__(self) -> str:
        return self.key[:12]
